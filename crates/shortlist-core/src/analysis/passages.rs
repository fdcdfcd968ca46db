//! Splitting a parsed resume into passages, the units of evidence and of answers.

use serde::{Deserialize, Serialize};

use crate::profile::{ResumeProfile, Section};

/// Words per passage at most: short enough that one passage is one claim, far under the
/// model's 256 tokens.
pub(in crate::analysis) const PASSAGE_WORDS: usize = 40;

/// A passage of a resume, the unit of evidence.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Passage {
    /// The section it is in.
    pub section: Section,
    pub text: String,
}

fn starts_unit(line: &str) -> bool {
    crate::jd::strip_bullet(line).is_some()
        || line
            .chars()
            .next()
            .is_some_and(|c| c.is_uppercase() && line.split_whitespace().count() <= 12)
}

/// A short line without a full stop: a role title, dates, a school.
fn is_heading(text: &str) -> bool {
    !text.contains('\n') && !text.trim_end().ends_with('.') && text.split_whitespace().count() <= 10
}

/// Words of the lead passage (the resume's opening, measured as one text; the model reads
/// its first 256 tokens).
const LEAD_WORDS: usize = 200;

/// A unit longer than this many words is cut (a resume flattened into one paragraph, a long
/// summary): at sentence ends, else every [`PASSAGE_WORDS`] words.
const LONG_UNIT_WORDS: usize = 60;

/// `unit` in pieces of at most about [`PASSAGE_WORDS`] words, cut at sentence ends where it
/// has them.
fn cut_long(unit: &str) -> Vec<String> {
    if unit.split_whitespace().count() <= LONG_UNIT_WORDS {
        return vec![unit.to_owned()];
    }
    let mut sentences: Vec<String> = Vec::new();
    let mut current = String::new();
    for word in unit.split_whitespace() {
        if !current.is_empty() {
            current.push(' ');
        }
        current.push_str(word);
        let ends = word.ends_with(['.', ';', '!', '?', ':']) || word == "•";
        if ends || current.split_whitespace().count() >= PASSAGE_WORDS {
            sentences.push(std::mem::take(&mut current));
        }
    }
    if !current.is_empty() {
        sentences.push(current);
    }
    let mut out: Vec<String> = Vec::new();
    for s in sentences {
        match out.last_mut() {
            Some(last)
                if last.split_whitespace().count() + s.split_whitespace().count()
                    <= PASSAGE_WORDS =>
            {
                last.push(' ');
                last.push_str(&s);
            }
            _ => out.push(s),
        }
    }
    out
}

/// Splits a parsed resume into passages: bullets and short paragraphs, grouped up to one claim
/// each (with its heading), never across sections; long paragraphs are cut. The header is
/// included: the name and contact details were already removed from the text, and what is
/// left there (a headline, a summary) says much about the candidate.
pub fn passages(profile: &ResumeProfile) -> Vec<Passage> {
    let mut out = Vec::new();
    // A keyword dump does not speak for the resume as a whole.
    let stuffed = super::keyword_stuffing(profile, crate::lexicon::Lexicon::shipped());
    let lead: Vec<&str> = profile
        .sections
        .iter()
        .filter(|s| !(stuffed && s.section == Section::Skills))
        .flat_map(|s| s.text.split_whitespace())
        .take(LEAD_WORDS)
        .collect();
    if !lead.is_empty() {
        out.push(Passage {
            section: Section::Lead,
            text: lead.join(" "),
        });
    }
    for section in &profile.sections {
        // Units: a bullet or a heading-like line starts one; other lines continue it.
        let mut units: Vec<String> = Vec::new();
        for line in section.text.lines() {
            let line = line.trim();
            if line.is_empty() {
                continue;
            }
            let text = crate::jd::strip_bullet(line).unwrap_or(line);
            match units.last_mut() {
                Some(last) if !starts_unit(line) && !last.ends_with(['.', ':']) => {
                    last.push(' ');
                    last.push_str(text);
                }
                _ => units.push(text.to_owned()),
            }
        }
        // A unit is one claim: a passage of its own. A short heading-like unit (a role and its
        // dates, a degree line) is joined to the claim under it so that the claim keeps its
        // context; the result never exceeds PASSAGE_WORDS unless one unit alone does.
        let units: Vec<String> = units.iter().flat_map(|u| cut_long(u)).collect();
        let mut current = String::new();
        for unit in units {
            let words = current.split_whitespace().count() + unit.split_whitespace().count();
            let current_is_heading = is_heading(&current);
            if !current.is_empty() && (!current_is_heading || words > PASSAGE_WORDS) {
                out.push(Passage {
                    section: section.section,
                    text: std::mem::take(&mut current),
                });
            }
            if !current.is_empty() {
                current.push('\n');
            }
            current.push_str(&unit);
        }
        if !current.trim().is_empty() {
            out.push(Passage {
                section: section.section,
                text: current,
            });
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_resume_in_one_paragraph_is_cut_into_claims() {
        let sentence = "Handled key accounts across the region and closed new deals every quarter.";
        let text = vec![sentence; 30].join(" ");
        let profile = crate::profile::parse(&text, time::macros::date!(2026 - 01 - 01));
        let p: Vec<Passage> = passages(&profile)
            .into_iter()
            .filter(|p| p.section != Section::Lead)
            .collect();
        assert!(p.len() >= 10, "{} passages", p.len());
        assert!(p
            .iter()
            .all(|p| p.text.split_whitespace().count() <= PASSAGE_WORDS));
        let words: usize = p.iter().map(|p| p.text.split_whitespace().count()).sum();
        assert_eq!(words, text.split_whitespace().count(), "nothing lost");
    }
}
