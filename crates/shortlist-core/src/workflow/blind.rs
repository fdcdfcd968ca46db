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

/// Two-letter codes of US states and territories and Canadian provinces: after a comma and a
/// city they make a place ("Austin, TX", "Toronto, ON M5V 2T6").
const REGION_CODES: [&str; 64] = [
    "AL", "AK", "AZ", "AR", "CA", "CO", "CT", "DE", "FL", "GA", "HI", "ID", "IL", "IN", "IA", "KS",
    "KY", "LA", "ME", "MD", "MA", "MI", "MN", "MS", "MO", "MT", "NE", "NV", "NH", "NJ", "NM", "NY",
    "NC", "ND", "OH", "OK", "OR", "PA", "RI", "SC", "SD", "TN", "TX", "UT", "VT", "VA", "WA", "WV",
    "WI", "WY", "DC", "PR", "AB", "BC", "MB", "NB", "NL", "NS", "ON", "PE", "QC", "SK", "YT", "NT",
];

/// Street words that end a street address ("12 Marina Road", "123 Main St.").
const STREET_WORDS: [&str; 18] = [
    "st",
    "street",
    "ave",
    "avenue",
    "rd",
    "road",
    "blvd",
    "boulevard",
    "lane",
    "ln",
    "dr",
    "drive",
    "way",
    "court",
    "ct",
    "place",
    "pl",
    "highway",
];

/// Whether `w` is a capitalised word (a place name's).
fn capitalised(w: &str) -> bool {
    let mut chars = w.chars();
    chars.next().is_some_and(char::is_uppercase) && chars.all(|c| c.is_alphabetic() || c == '.')
}

/// Whether `w` reads as a postal code: five digits (with four more after a hyphen), or three
/// letters and digits mixed (a Canadian half code).
fn postal(w: &str) -> bool {
    let w = w.trim_end_matches([',', '.', ';', '|']);
    let digits = w.chars().filter(char::is_ascii_digit).count();
    let letters = w.chars().filter(char::is_ascii_alphabetic).count();
    let zip = (w.len() == 5 && digits == 5)
        || (w.len() == 10 && digits == 9 && w.as_bytes().get(5) == Some(&b'-'));
    zip || (w.len() == 3 && digits > 0 && letters > 0 && digits + letters == 3)
}

/// `line` without the places in it: "City, ST" (with a postal code after it, if any) and
/// street addresses ("123 Main St."). Where a candidate lives is not screening evidence and
/// says much about who they are.
fn without_places(line: &str) -> String {
    let words: Vec<&str> = line.split(' ').collect();
    let mut drop = vec![false; words.len()];
    for i in 0..words.len() {
        let bare = words[i].trim_end_matches([',', '.', ';', '|', ')']);
        // "Austin, TX": the code, the city words before the comma, a postal code after.
        if i > 0
            && REGION_CODES.contains(&bare)
            && words[i - 1].ends_with(',')
            && capitalised(words[i - 1].trim_end_matches(','))
        {
            // Up to three city words, back to the previous comma.
            let mut j = i - 1;
            while j > 0 && i - j < 3 && capitalised(words[j - 1]) {
                j -= 1;
            }
            drop[j..=i].iter_mut().for_each(|d| *d = true);
            // A postal code right after it ("TX 78701", "ON M5V 2T6"), not a year.
            let mut k = i + 1;
            while !words[k - 1].ends_with(',') && k < words.len() && k <= i + 2 && postal(words[k])
            {
                drop[k] = true;
                k += 1;
            }
        }
        // "123 Main St.": a number, capitalised words, a street word.
        let folded = crate::text::fold(bare);
        if STREET_WORDS.contains(&folded.as_str()) && capitalised(bare) {
            let mut j = i;
            while j > 0 && i - j < 4 && capitalised(words[j - 1]) {
                j -= 1;
            }
            let numbered = j > 0 && words[j - 1].chars().all(|c| c.is_ascii_digit() || c == ',');
            if j < i && numbered && !words[j - 1].is_empty() {
                drop[j - 1..=i].iter_mut().for_each(|d| *d = true);
            }
        }
    }
    if !drop.contains(&true) {
        return line.to_owned();
    }
    words
        .iter()
        .zip(&drop)
        .filter(|(_, d)| !**d)
        .map(|(w, _)| *w)
        .collect::<Vec<_>>()
        .join(" ")
}

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
        .map(without_places)
        .map(|l| {
            let l = l.as_str();
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

    /// The defect: blind answers and evidence quoted a label and its value split over two
    /// lines ("STATUS" / "Christian"), so a religion showed while the job was blind.
    #[test]
    fn blind_text_drops_a_personal_label_and_its_value_on_the_next_line() {
        let passage = "Teacher of mathematics, 8 years\nSTATUS\nChristian\nGender\nFemale\n\
                       Marital status:\nMarried\nCertified in special education";
        let shown = text(passage, &Contact::default());
        for hidden in ["STATUS", "Christian", "Gender", "Female", "Married"] {
            assert!(!shown.contains(hidden), "{hidden} shown in:\n{shown}");
        }
        assert!(shown.contains("Certified in special education"), "{shown}");
    }

    /// The defect: the decision training sample's blind excerpt kept "Austin, TX" (an address
    /// line without an "Address:" label), so where the candidate lives went into the export.
    #[test]
    fn blind_text_drops_city_and_state_and_street_addresses() {
        let resume = "Senior Accountant\nAustin, TX 78701 | open to relocation\n\
                      4410 Oak Hollow Drive, Round Rock, TX\n\
                      Controller, Acme Corp — San Antonio, TX, 2019 – 2024\n\
                      Closed the books of 12 entities; SAP FI, IFRS";
        let shown = text(resume, &Contact::default());
        for hidden in [
            "Austin",
            "TX",
            "78701",
            "4410",
            "Oak Hollow",
            "Round Rock",
            "San Antonio",
        ] {
            assert!(!shown.contains(hidden), "{hidden} shown in:\n{shown}");
        }
        for kept in [
            "Senior Accountant",
            "open to relocation",
            "Controller, Acme Corp",
            "2019 – 2024",
            "Closed the books of 12 entities; SAP FI, IFRS",
        ] {
            assert!(shown.contains(kept), "{kept} lost from:\n{shown}");
        }
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
