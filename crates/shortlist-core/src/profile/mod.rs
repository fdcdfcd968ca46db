//! Resume parsing: sections, contact details, dated roles → years of experience, highest degree.
//!
//! Pure functions over text; they never panic on any input (fuzzed in `fuzz/`). The candidate's
//! name, contact details and personal lines are found ([`contact`]) and removed ([`redact`])
//! before anything else reads the text.

mod contact;
mod dates;
mod degrees;
mod names;
mod redact;
mod sections;

use serde::{Deserialize, Serialize};

pub use crate::facts::{degree_in, years_required, DegreeLevel};
pub use contact::contact;
pub use dates::{month_index, spans, stated_years, total_years};
pub use degrees::degree_held;
pub use redact::{redact, redact_for_display};
pub use sections::sections;

/// Resume sections.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[serde(rename_all = "snake_case")]
pub enum Section {
    /// Before any header: name and contact lines.
    Header,
    /// Summary / profile / about.
    Summary,
    /// Work experience.
    Experience,
    /// Education.
    Education,
    /// Skills lists.
    Skills,
    /// Projects.
    Projects,
    /// Certifications, awards, publications, languages, interests, other.
    Other,
    /// Not a section of the resume: its opening as a whole (headline, summary, first role),
    /// a passage of its own that measures the resume as one text. Never shown as evidence
    /// or as an answer.
    Lead,
}

/// Contact details found in a resume.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct Contact {
    /// The candidate's name (best guess: the first name-like line).
    pub name: Option<String>,
    /// First email address.
    pub email: Option<String>,
    /// First phone number.
    pub phone: Option<String>,
    /// Profile and portfolio links.
    pub links: Vec<String>,
}

/// A run of text under one section header.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct SectionText {
    pub section: Section,
    /// Its lines, joined with `\n`.
    pub text: String,
}

/// A date range of a role, in months since year 0.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct Span {
    /// First month (inclusive).
    pub start: i32,
    /// Last month (inclusive).
    pub end: i32,
}

/// What the parser found in a resume.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ResumeProfile {
    /// Contact details.
    pub contact: Contact,
    /// The text by section, in order.
    pub sections: Vec<SectionText>,
    /// Date ranges of roles (experience sections, or the whole text if none).
    pub spans: Vec<Span>,
    /// Total years of dated roles (overlaps merged).
    pub years: f32,
    /// Years of experience the resume states in words, if any.
    #[serde(default)]
    pub stated_years: Option<f32>,
    /// The highest degree mentioned.
    pub degree: Option<DegreeLevel>,
}

impl ResumeProfile {
    /// The text the engine measures: every section, without the candidate's name and
    /// contact details.
    pub fn text(&self) -> String {
        self.sections
            .iter()
            .map(|s| s.text.as_str())
            .collect::<Vec<_>>()
            .join("\n")
    }

    /// Years of experience: the dated roles, or what the resume states when that is more
    /// (resumes often date only some roles, or none).
    pub fn experience_years(&self) -> f32 {
        self.years.max(self.stated_years.unwrap_or(0.0))
    }
}

/// Parses a resume's text. `today` is the reference date for "Present" (the resume's import
/// date, so that the result does not change from day to day).
pub fn parse(text: &str, today: time::Date) -> ResumeProfile {
    let text = crate::text::normalize(text);
    let contact = contact(&text);
    let text = redact(&text, &contact);
    let sections = sections(&text);
    let today = month_index(today);
    let experience: Vec<&SectionText> = sections
        .iter()
        .filter(|s| s.section == Section::Experience)
        .collect();
    let spans = if experience.is_empty() {
        let not_education: String = sections
            .iter()
            .filter(|s| s.section != Section::Education)
            .map(|s| s.text.as_str())
            .collect::<Vec<_>>()
            .join("\n");
        spans(&not_education, today)
    } else {
        experience
            .iter()
            .flat_map(|s| spans(&s.text, today))
            .collect()
    };
    let education: String = sections
        .iter()
        .filter(|s| s.section == Section::Education)
        .map(|s| s.text.as_str())
        .collect::<Vec<_>>()
        .join("\n");
    let degree = degree_held(&education).or_else(|| degree_held(&text));
    ResumeProfile {
        contact,
        years: total_years(&spans),
        stated_years: stated_years(&text),
        spans,
        degree,
        sections,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn date(y: i32, m: u8) -> time::Date {
        time::Date::from_calendar_date(y, time::Month::try_from(m).unwrap(), 1).unwrap()
    }
    #[test]
    fn parse_never_panics_on_odd_text() {
        for text in [
            "",
            "\x0c\x0c",
            "–––",
            "Jan – Present",
            "9999-0000",
            "@@@",
            "2019 –",
            "– 2020",
            "a\u{0}b",
        ] {
            let _ = parse(text, date(2026, 1));
        }
    }
}
