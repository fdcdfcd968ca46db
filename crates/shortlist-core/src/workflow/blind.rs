//! Blind screening: what the window and exports show of a candidate while a job is screened
//! blind. Names, emails, phones, links, addresses, birth details and graduation years are taken
//! out of everything shown; the candidate is called "Candidate N".
//!
//! Blind mode changes only what is shown. Scores never depend on it: the engine already
//! measures text without the name and contact details (`profile::redact`).

use crate::analysis::{Analysis, Candidate};
use crate::profile::{degree_in, redact_for_display, Contact};

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

/// States of India named after a city and a comma ("Bangalore, Karnataka"), and the last
/// word of those of two words ("Chennai, Tamil Nadu", "Lucknow, Uttar Pradesh").
const REGION_NAMES: [&str; 18] = [
    "assam",
    "bengal",
    "bihar",
    "chhattisgarh",
    "delhi",
    "goa",
    "gujarat",
    "haryana",
    "jharkhand",
    "karnataka",
    "kerala",
    "maharashtra",
    "nadu",
    "odisha",
    "pradesh",
    "punjab",
    "rajasthan",
    "telangana",
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

/// Labels of who the candidate is and where they live, and how many words of a value each
/// takes at most: inside a line ("CURRICULUM VITAE NAME: … ADDRESS: …") or alone on its line
/// with the value on the next. Longest first, so that "full name" wins over "name".
const IDENTITY_LABELS: [(&str, usize); 8] = [
    ("candidate name", 4),
    ("date of birth", 4),
    ("home address", 10),
    ("full name", 4),
    ("address", 10),
    ("birth", 4),
    ("name", 4),
    ("dob", 4),
];

/// Whether `w` is the outward half of a UK postcode ("M21", "NW1", "SW1A", "EC1V").
fn uk_outward(w: &str) -> bool {
    let b = w.as_bytes();
    let letters = b.iter().take_while(|c| c.is_ascii_alphabetic()).count();
    let rest = &b[letters..];
    (1..=2).contains(&letters)
        && !rest.is_empty()
        && rest[0].is_ascii_digit()
        && match rest.len() {
            1 => true,
            2 => rest[1].is_ascii_alphanumeric(),
            _ => false,
        }
}

/// Whether `w` is the inward half of a UK postcode ("4BS", "6xe").
fn uk_inward(w: &str) -> bool {
    let b = w.trim_end_matches([',', '.', ';', '|', ')']).as_bytes();
    b.len() == 3
        && b[0].is_ascii_digit()
        && b[1].is_ascii_alphabetic()
        && b[2].is_ascii_alphabetic()
}

/// The label of [`IDENTITY_LABELS`] that `folded` (a trimmed, folded line) is alone, with
/// nothing after it but a colon or a dash.
fn identity_label_alone(folded: &str) -> Option<usize> {
    let label = folded
        .trim_end_matches(|c: char| c.is_whitespace() || matches!(c, ':' | '-' | '–'))
        .trim_start_matches(|c: char| !c.is_alphanumeric());
    IDENTITY_LABELS
        .iter()
        .find(|(l, _)| *l == label)
        .map(|(_, bound)| *bound)
}

/// `line` without each identity label of [`IDENTITY_LABELS`] followed by ':' or '-' and its
/// value: up to the next label-like word (one ending with ':' or followed by one), a
/// separator, a postal code that ends an address, or the label's bound of words.
fn without_identity_labels(line: &str) -> String {
    crate::text::cut_labelled_values(
        line,
        |lower| {
            IDENTITY_LABELS
                .iter()
                .find(|(l, _)| crate::text::starts_with_word(lower, l))
                .map(|(l, bound)| (l.len(), *bound))
        },
        true,
        |bound, start| identity_value_end(line, start, bound),
    )
}

/// Where the value of an identity label starting at `start` in `line` ends: at the next
/// label-like word (one ending with ':' or followed by one), a separator, a postal code that
/// ends an address, or after `bound` words.
fn identity_value_end(line: &str, start: usize, bound: usize) -> usize {
    let mut pos = start;
    let mut words = 0;
    let mut previous = "";
    while pos < line.len() && words < bound {
        let spaces = line[pos..].len() - line[pos..].trim_start_matches([' ', '\t']).len();
        let rest = &line[pos + spaces..];
        let len = rest
            .find(|c: char| c.is_whitespace() || matches!(c, '|' | '•' | ';'))
            .unwrap_or(rest.len());
        let word = &rest[..len];
        let next_is_colon = rest[len..].trim_start_matches([' ', '\t']).starts_with(':');
        if word.is_empty() || word.ends_with(':') || next_is_colon {
            break;
        }
        pos += spaces + len;
        words += 1;
        // A postal code ends an address.
        if (uk_inward(word) && uk_outward(previous)) || postal(word) && word.len() >= 5 {
            break;
        }
        previous = word;
    }
    pos
}

/// Words of a flat, apartment or suite number ("Apt 12", "Flat 3B", "Suite 400").
const UNIT_WORDS: [&str; 6] = ["apt", "apartment", "flat", "suite", "unit", "no"];

/// Whether `w` is a capitalised word (a place name's).
fn capitalised(w: &str) -> bool {
    let mut chars = w.chars();
    chars.next().is_some_and(char::is_uppercase) && chars.all(|c| c.is_alphabetic() || c == '.')
}

/// Whether `w` reads as a postal code: five digits (with four more after a hyphen), six (an
/// Indian PIN code), or three
/// letters and digits mixed (a Canadian half code).
fn postal(w: &str) -> bool {
    let w = w.trim_end_matches([',', '.', ';', '|']);
    let digits = w.chars().filter(char::is_ascii_digit).count();
    let letters = w.chars().filter(char::is_ascii_alphabetic).count();
    let zip = (w.len() == 5 && digits == 5)
        || (w.len() == 6 && digits == 6)
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
        // "Bangalore, Karnataka", "Chennai, Tamil Nadu": a state by name.
        let named = capitalised(bare) && REGION_NAMES.contains(&crate::text::fold(bare).as_str());
        let two_words = named && i > 1 && !words[i - 1].ends_with(',') && capitalised(words[i - 1]);
        let state_start = if two_words { i - 1 } else { i };
        if state_start > 0
            && (REGION_CODES.contains(&bare) || named)
            && words[state_start - 1].ends_with(',')
            && capitalised(words[state_start - 1].trim_end_matches(','))
        {
            let first = state_start - 1;
            // Up to three city words, back to the previous comma.
            let mut j = first;
            while j > 0 && first + 1 - j < 3 && capitalised(words[j - 1]) {
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
    // A UK postcode ("M21 4BS", "NW1 6XE") and up to three town words before it, back to
    // the previous comma.
    for i in 1..words.len() {
        if uk_inward(words[i]) && uk_outward(words[i - 1]) {
            drop[i - 1] = true;
            drop[i] = true;
            let mut j = i - 1;
            while j > 0 && i - 1 - j < 3 && capitalised(words[j - 1].trim_end_matches(',')) {
                j -= 1;
                drop[j] = true;
                if j > 0 && words[j - 1].ends_with(',') {
                    break;
                }
            }
        }
    }
    // A flat or suite number next to a street address ("…, Apt 12", "Flat 3B, 221 …").
    if drop.contains(&true) {
        for i in 0..words.len().saturating_sub(1) {
            let unit = crate::text::fold(words[i].trim_end_matches(['.', ',']));
            let number = words[i + 1].trim_start_matches('#');
            let numbered = number.chars().next().is_some_and(|c| c.is_ascii_digit())
                && number.trim_end_matches([',', '.', ';']).len() <= 5;
            if UNIT_WORDS.contains(&unit.as_str()) && numbered {
                drop[i] = true;
                drop[i + 1] = true;
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

/// Words after an education word ("University of Leeds, 2012 - 2015") and before it
/// ("2012 - 2015 BSc") whose years a long line has masked.
const EDUCATION_REACH_AFTER: usize = 6;
const EDUCATION_REACH_BEFORE: usize = 3;

/// A long `line` (the resume's opening joined into one passage, a flattened resume) with the
/// years masked only near its education words: its work dates are evidence and stay.
fn mask_education_years(line: &str) -> String {
    let words: Vec<&str> = line.split(' ').collect();
    let folded: Vec<String> = words.iter().map(|w| crate::text::fold(w)).collect();
    let marks: Vec<usize> = (0..words.len())
        .filter(|&i| {
            let w = &folded[i];
            EDUCATION_WORDS.iter().any(|e| w.contains(e))
                || w.contains("born")
                || (w == "class" && folded.get(i + 1).is_some_and(|n| n == "of"))
                || degree_in(words[i]).is_some()
        })
        .collect();
    words
        .iter()
        .enumerate()
        .map(|(i, w)| {
            let near = marks.iter().any(|&m| {
                (m <= i && i - m <= EDUCATION_REACH_AFTER)
                    || (i < m && m - i <= EDUCATION_REACH_BEFORE)
            });
            if near {
                mask_years(w)
            } else {
                (*w).to_owned()
            }
        })
        .collect::<Vec<_>>()
        .join(" ")
}

/// Resume text as shown while blind: without name, contact details and personal lines (as the
/// engine reads it), without address lines, and with the years of education lines masked.
pub fn text(text: &str, contact: &Contact) -> String {
    let redacted = redact_for_display(text, contact);
    // A degree's school and year often stand on the next lines ("MSc …" / "Chalmers, 2013"):
    // short lines right after an education line are masked too.
    let mut carry: u8 = 0;
    // After an identity label alone on its line ("NAME"), the next short line is its value.
    let mut value_next: Option<usize> = None;
    let all: Vec<&str> = redacted.lines().collect();
    // A block of labels, then their values: a value of an identity or address label goes.
    let block_values = crate::text::values_of_label_blocks(&all);
    all.iter()
        .enumerate()
        .filter(|(i, l)| {
            let folded = crate::text::fold(l.trim());
            if folded.is_empty() {
                return true;
            }
            match block_values.get(i) {
                Some(None) => {
                    value_next = None;
                    return true;
                }
                Some(Some(label)) => {
                    value_next = None;
                    return identity_label_alone(label).is_none()
                        && !ADDRESS_LABELS.contains(&label.as_str());
                }
                None => {}
            }
            if let Some(bound) = value_next.take() {
                if folded.split_whitespace().count() <= bound {
                    return false;
                }
            }
            if let Some(bound) = identity_label_alone(&folded) {
                value_next = Some(bound);
                return false;
            }
            true
        })
        .map(|(_, l)| *l)
        .filter(|l| !is_labelled(l, &ADDRESS_LABELS))
        .map(|l| without_places(&without_identity_labels(l)))
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
            if education && !short {
                mask_education_years(l)
            } else if mask {
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
    use crate::profile::redact;

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

    /// The defect (review): personal details laid out as a block of labels, then a block of
    /// their values, showed the birth date, the address and the marital status while blind,
    /// in the library, search, Q&A and the training excerpt (only the first value went).
    #[test]
    fn blind_text_drops_the_values_of_a_block_of_labels() {
        let resume = "PERSONAL DETAILS\nName:\nDate of Birth:\nAddress:\nMarital Status:\n\
                      Sophie Georgiades\n22 August 1990\n14 Geogiades Street, GREENACRE\n\
                      (optional) Single\nEXPERIENCE\nPayroll officer, 2015 - 2020";
        let contact = Contact {
            name: Some("Sophie Georgiades".into()),
            ..Contact::default()
        };
        let shown = text(resume, &contact);
        for hidden in ["Sophie", "22 August", "1990", "GREENACRE", "Single"] {
            assert!(!shown.contains(hidden), "{hidden} shown in:\n{shown}");
        }
        assert!(shown.contains("Payroll officer, 2015 - 2020"), "{shown}");
        // The engine's text loses the personal values too, and keeps the rest.
        let scored = redact(resume, &contact);
        for hidden in ["22 August", "Single"] {
            assert!(!scored.contains(hidden), "{hidden} scored in:\n{scored}");
        }
        assert!(scored.contains("Payroll officer"), "{scored}");
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
        let indian = text(
            "Java Developer, Bangalore, Karnataka\nLives in Chennai, Tamil Nadu 600001\nEngineering at Pune",
            &Contact::default(),
        );
        for hidden in [
            "Bangalore",
            "Karnataka",
            "Chennai",
            "Tamil",
            "Nadu",
            "600001",
        ] {
            assert!(!indian.contains(hidden), "{hidden} shown in:\n{indian}");
        }
        assert!(
            indian.contains("Java Developer") && indian.contains("Engineering at Pune"),
            "{indian}"
        );
    }

    /// The defect: when the name parser missed the candidate, a labelled line still gave
    /// them away, flattened into one paragraph or on lines of their own.
    #[test]
    fn blind_text_drops_labelled_name_address_and_birth_values() {
        let c = Contact::default();
        let flat = "CURRICULUM VITAE NAME: Louie Koelpin ADDRESS: Sale, Manchester M21 4bs \
                    DATE OF BIRTH: 12/03/1990 PROFILE: Staff nurse, 6 years of ICU care";
        let lines = "CURRICULUM VITAE\nName: Louie Koelpin\nHome Address - Sale, Manchester M21 4bs\n\
                     DOB: 12/03/1990\nFULL NAME\nLouie Koelpin\nProfile: Staff nurse, 6 years of ICU care";
        for resume in [flat, lines] {
            let shown = text(resume, &c);
            for hidden in [
                "Louie",
                "Koelpin",
                "Sale",
                "Manchester",
                "M21",
                "4bs",
                "12/03",
            ] {
                assert!(!shown.contains(hidden), "{hidden} shown in:\n{shown}");
            }
            assert!(shown.contains("CURRICULUM VITAE"), "{shown}");
            assert!(
                shown.contains("Staff nurse, 6 years of ICU care"),
                "{shown}"
            );
        }
        // Words that only contain a label stay.
        let kept = "Renamed the addressing module; birthday campaign";
        assert_eq!(text(kept, &c), kept);
    }

    /// The defect: "Apt 12", "Flat 3B" and UK postcodes with their town survived the address
    /// rule.
    #[test]
    fn blind_text_drops_flat_numbers_and_uk_postcodes() {
        let c = Contact::default();
        let resume = "Senior Accountant\n4521 Riverside Drive, Apt 12\n\
                      Flat 3B, 221 Baker Street, London NW1 6XE\nSale M21 2PR\n\
                      Westminster sw1a 1aa | open to relocation\n\
                      Closed the books of 12 entities in 2019; Unit 4 of the audit plan";
        let shown = text(resume, &c);
        for hidden in [
            "4521",
            "Apt",
            "Flat",
            "3B",
            "Baker",
            "London",
            "NW1",
            "6XE",
            "Sale",
            "M21",
            "2PR",
            "Westminster",
            "sw1a",
            "1aa",
        ] {
            assert!(!shown.contains(hidden), "{hidden} shown in:\n{shown}");
        }
        for kept in [
            "Senior Accountant",
            "open to relocation",
            "Closed the books of 12 entities in 2019; Unit 4 of the audit plan",
        ] {
            assert!(shown.contains(kept), "{kept} lost from:\n{shown}");
        }
    }

    /// The defect: the "top of the resume" passage (the opening joined into one line) showed
    /// "···· - ····" for work dates: one education word anywhere in it masked every year.
    #[test]
    fn blind_top_passage_keeps_work_dates_and_masks_graduation_years() {
        let lead = "Senior Accountant with eight years in audit and reporting across two firms \
                    Experience Controller at Acme Corp 2019 - 2024 closed the books of 12 \
                    entities on SAP FI and led the IFRS 16 rollout for the group \
                    Analyst at Bolt Ltd 2016 - 2019 built the monthly reporting pack \
                    Education BSc Accounting University of Leeds 2012 - 2015";
        let shown = text(lead, &Contact::default());
        assert!(shown.contains("Acme Corp 2019 - 2024"), "{shown}");
        assert!(shown.contains("Bolt Ltd 2016 - 2019"), "{shown}");
        assert!(shown.contains("University of Leeds ···· - ····"), "{shown}");
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
