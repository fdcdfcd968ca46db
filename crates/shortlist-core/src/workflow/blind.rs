//! Blind screening: what the window and exports show of a candidate while a job is screened
//! blind. Names, emails, phones, links, addresses, birth details and graduation years are taken
//! out of everything shown; the candidate is called "Candidate N".
//!
//! Blind mode changes only what is shown. Scores never depend on it: the engine already
//! measures text without the name and contact details (`profile::redact`).

use crate::analysis::{Analysis, Candidate};
use crate::profile::{degree_in, redact, Contact};

/// How a candidate is called while the job is blind.
pub fn label(number: u32) -> String {
    format!("Candidate {number}")
}

/// Line labels of a home address or where someone lives.
const ADDRESS_LABELS: [&str; 9] = [
    "address",
    "permanent address",
    "current address",
    "present address",
    "residential address",
    "home address",
    "location",
    "residence",
    "hometown",
];

/// Words that make a line about education, whose years say a candidate's age (a line with
/// "born" in it gets its years masked too).
const EDUCATION_WORDS: [&str; 10] = [
    "university",
    "college",
    "school",
    "graduat",
    "class of",
    "institute",
    "academy",
    "diploma",
    "degree",
    "batch",
];

fn is_labelled(line: &str, labels: &[&str]) -> bool {
    let folded = crate::text::fold(line.trim());
    let folded = folded.trim_start_matches(|c: char| !c.is_alphanumeric());
    labels.iter().any(|l| {
        folded
            .strip_prefix(l)
            .is_some_and(|rest| rest.trim_start().starts_with([':', '-', '–']))
    })
}

/// `line` with every year from 1940 to 2099 written as `····`.
fn mask_years(line: &str) -> String {
    let mut out = String::with_capacity(line.len());
    let chars: Vec<char> = line.chars().collect();
    let mut i = 0;
    while i < chars.len() {
        let digits = chars[i..].iter().take_while(|c| c.is_ascii_digit()).count();
        let before_ok = i == 0 || !chars[i - 1].is_alphanumeric();
        if digits == 4 && before_ok {
            let year: String = chars[i..i + 4].iter().collect();
            let y: u32 = year.parse().unwrap_or(0);
            let after_ok = chars.get(i + 4).is_none_or(|c| !c.is_alphanumeric());
            if (1940..=2099).contains(&y) && after_ok {
                out.push_str("····");
                i += 4;
                continue;
            }
        }
        if digits > 0 {
            out.extend(&chars[i..i + digits]);
            i += digits;
        } else {
            out.push(chars[i]);
            i += 1;
        }
    }
    out
}

/// Resume text as shown while blind: without name, contact details and personal lines (as the
/// engine reads it), without address lines, and with the years of education lines masked.
pub fn text(text: &str, contact: &Contact) -> String {
    let redacted = redact(text, contact);
    // A degree's school and year often stand on the next lines ("MSc …" / "Chalmers, 2013"):
    // short lines right after an education line are masked too.
    let mut carry: u8 = 0;
    redacted
        .lines()
        .filter(|l| !is_labelled(l, &ADDRESS_LABELS))
        .map(|l| {
            let folded = crate::text::fold(l);
            let education = degree_in(l).is_some()
                || EDUCATION_WORDS.iter().any(|w| folded.contains(w))
                || folded.contains("born");
            let short = l.split_whitespace().count() <= 12;
            let mask = education || (carry > 0 && short);
            if education {
                carry = 2;
            } else if !l.trim().is_empty() {
                carry = if short { carry.saturating_sub(1) } else { 0 };
            }
            if mask {
                mask_years(l)
            } else {
                l.to_owned()
            }
        })
        .collect::<Vec<_>>()
        .join("\n")
}

impl Candidate {
    /// Who the candidate is: what blind screening withholds.
    pub fn contact(&self) -> Contact {
        Contact {
            name: self.name.clone(),
            email: self.email.clone(),
            phone: self.phone.clone(),
            links: self.links.clone(),
        }
    }
}

/// An analysis as shown while blind: the candidate's identity gone, every quoted passage made
/// blind with [`text`]. The score and its breakdown are untouched.
pub fn analysis(a: &Analysis) -> Analysis {
    let contact = a.candidate.contact();
    let mut out = a.clone();
    out.candidate = Candidate {
        name: None,
        email: None,
        phone: None,
        links: Vec::new(),
        ..a.candidate.clone()
    };
    for e in &mut out.evidence {
        if let Some(p) = &e.passage {
            e.passage = Some(text(p, &contact));
        }
    }
    for g in &mut out.gates {
        if let Some(line) = &g.line {
            g.line = Some(text(line, &contact));
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn blind_text_hides_identity_address_and_education_years() {
        let contact = Contact {
            name: Some("Amaka Obi".into()),
            email: Some("amaka.obi@example.com".into()),
            phone: Some("+234 803 555 0101".into()),
            links: vec!["linkedin.com/in/amakaobi".into()],
        };
        let resume =
            "Amaka Obi\namaka.obi@example.com | +234 803 555 0101 | linkedin.com/in/amakaobi\n\
            Address: 12 Marina Road, Lagos\nDate of birth: 03/04/1994\n\
            Education\nB.Sc. Nursing, University of Lagos, 2016\n\
            Experience\nStaff nurse at Lagos General, 2016 – 2024, 40 beds, ward of 2019 patients";
        let shown = text(resume, &contact);
        for hidden in [
            "Amaka",
            "Obi",
            "example.com",
            "803",
            "linkedin",
            "Marina",
            "1994",
            "University of Lagos, 2016",
        ] {
            assert!(!shown.contains(hidden), "{hidden} shown in:\n{shown}");
        }
        assert!(shown.contains("University of Lagos, ····"), "{shown}");
        assert_eq!(
            text(
                "MSc Software Engineering\nChalmers, 2013",
                &Contact::default()
            ),
            "MSc Software Engineering\nChalmers, ····"
        );
        assert_eq!(
            text("Born 1985 in Fresno.", &Contact::default()),
            "Born ···· in Fresno."
        );
        // Work dates and other numbers stay: they are evidence, not age.
        assert!(shown.contains("2016 – 2024, 40 beds"), "{shown}");
    }

    #[test]
    fn years_are_masked_only_as_whole_numbers() {
        assert_eq!(
            mask_years("Class of 2015, ID 120159"),
            "Class of ····, ID 120159"
        );
        assert_eq!(mask_years("B.A. 1999–2003"), "B.A. ····–····");
        assert_eq!(mask_years("Room 1200"), "Room 1200");
    }
}
