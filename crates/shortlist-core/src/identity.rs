//! "Possibly the same person": whether two resumes may be one candidate's (an updated CV, the
//! same CV sent twice under different files, a referral and an application).
//!
//! Pure logic over what import already has: the contact details and the parsed profile. Two
//! resumes are linked when they share an email address (normalised: case, a `+tag`, and Gmail's
//! dots), a phone number (digits only, with or without the country code and the trunk `0`), or
//! a near-identical name *and* employer history. A name alone never links (two "Priya Sharma"s
//! are two people), and neither does a history alone (colleagues share employers). Nothing is
//! merged here: the caller records the link and the recruiter confirms or splits it.

use std::collections::BTreeSet;

use serde::{Deserialize, Serialize};

use crate::profile::{Contact, ResumeProfile, Section};
use crate::text::fold;

/// A phone number needs this many digits (after its prefixes) to count.
const MIN_PHONE_DIGITS: usize = 8;
/// A number written without its country code needs this many digits to match one written
/// with it (national numbers are 9–11 digits in most countries; 8 digits of a tail would
/// match unrelated numbers).
const MIN_SUFFIX_DIGITS: usize = 9;
/// Employer-history entries two resumes must share.
const MIN_SHARED_HISTORY: usize = 2;
/// Shared entries over the shorter history (an updated CV adds a job; the older ones stay).
const MIN_HISTORY_OVERLAP: f32 = 0.6;

/// What identifies a resume's candidate, normalised for comparison.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Identity {
    /// The email address, normalised ([`normalize_email`]).
    pub email: Option<String>,
    /// The phone number's significant digits ([`normalize_phone`]).
    pub phone: Option<String>,
    /// The name's words, folded (lower case, no accents), without titles and initials.
    pub name: Vec<String>,
    /// Organisations and role titles of the experience sections, normalised.
    pub history: BTreeSet<String>,
}

/// Why two resumes may be the same person's.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[serde(rename_all = "snake_case")]
pub enum SameBy {
    /// The same email address.
    Email,
    /// The same phone number.
    Phone,
    /// A near-identical name and employer history.
    NameAndHistory,
}

impl Identity {
    /// The identity of a resume from its contact details and parsed profile.
    pub fn of(contact: &Contact, profile: &ResumeProfile) -> Identity {
        Identity {
            email: contact.email.as_deref().and_then(normalize_email),
            phone: contact.phone.as_deref().and_then(normalize_phone),
            name: contact.name.as_deref().map(name_words).unwrap_or_default(),
            history: history(profile),
        }
    }
}

/// Every reason `a` and `b` may be one person's, strongest first; empty when none.
pub fn same_person(a: &Identity, b: &Identity) -> Vec<SameBy> {
    let mut by = Vec::new();
    if a.email.is_some() && a.email == b.email {
        by.push(SameBy::Email);
    }
    if let (Some(x), Some(y)) = (&a.phone, &b.phone) {
        // A shared number is often a template's placeholder ("(123) 345-7890") or an agency's
        // line: it speaks for one person only under the same name. (Under different or unknown
        // names it once chained 23 people of one template into one shortlist row.)
        if phones_match(x, y) && names_match(&a.name, &b.name) {
            by.push(SameBy::Phone);
        }
    }
    if names_match(&a.name, &b.name) && histories_match(&a.history, &b.history) {
        by.push(SameBy::NameAndHistory);
    }
    by
}

/// An email address for comparison: trimmed, lower case, without a `+tag`; at Gmail also
/// without dots in the local part (`Jane.Doe+jobs@googlemail.com` is `janedoe@gmail.com`).
/// `None` for something that is not an address.
pub fn normalize_email(raw: &str) -> Option<String> {
    let raw = raw.trim().trim_start_matches("mailto:").to_lowercase();
    let (local, domain) = raw.rsplit_once('@')?;
    let local = local.split('+').next().unwrap_or(local);
    let domain = domain.trim_end_matches('.');
    if local.is_empty() || !domain.contains('.') {
        return None;
    }
    let (local, domain) = match domain {
        "gmail.com" | "googlemail.com" => (local.replace('.', ""), "gmail.com"),
        _ => (local.to_string(), domain),
    };
    Some(format!("{local}@{domain}"))
}

/// A phone number's significant digits: digits only, without the international `00` or `+`
/// prefix and the trunk `0` (`+44 20 7946 0321` is `442079460321`, `020 7946 0321` is
/// `2079460321`; [`phones_match`] relates the two). `None` under eight digits.
pub fn normalize_phone(raw: &str) -> Option<String> {
    // "+44 (0)20 …": the bracketed trunk 0 is dialled only from inside the country.
    let digits: String = raw
        .replace("(0)", "")
        .chars()
        .filter(char::is_ascii_digit)
        .collect();
    let digits = digits.trim_start_matches('0');
    (digits.len() >= MIN_PHONE_DIGITS).then(|| digits.to_string())
}

/// Whether two normalised numbers are one: equal, or one is the other behind a country code
/// of one to three digits.
pub fn phones_match(a: &str, b: &str) -> bool {
    let (long, short) = if a.len() >= b.len() { (a, b) } else { (b, a) };
    if short.len() < MIN_PHONE_DIGITS {
        return false;
    }
    if long == short {
        return true;
    }
    if short.len() < MIN_SUFFIX_DIGITS {
        return false;
    }
    // The country code in front; or the code and a trunk 0 written in brackets, "+44 (0)20…".
    long.strip_suffix(short).is_some_and(|code| {
        let code = code
            .strip_suffix('0')
            .filter(|c| !c.is_empty())
            .unwrap_or(code);
        (1..=3).contains(&code.len())
    })
}

/// The words of a name, folded, without titles, initials and punctuation, in order.
fn name_words(name: &str) -> Vec<String> {
    const TITLES: [&str; 9] = ["dr", "mr", "mrs", "ms", "miss", "prof", "sir", "jr", "sr"];
    fold(name)
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| w.chars().count() > 1 && !TITLES.contains(w))
        .map(str::to_string)
        .collect()
}

/// Whether two names are near-identical: at least two words each, every word of the shorter
/// one found in the longer one (a middle name added, the order changed: "Varga, Nadia"), a
/// word allowed one typo when it is long ("Castellanos" / "Castellano").
fn names_match(a: &[String], b: &[String]) -> bool {
    let (short, long) = if a.len() <= b.len() { (a, b) } else { (b, a) };
    if short.len() < 2 {
        return false;
    }
    short.iter().all(|w| {
        long.iter()
            .any(|l| l == w || (w.chars().count() >= 5 && edit_distance_at_most_one(w, l)))
    })
}

/// Whether one insertion, deletion or substitution at most turns `a` into `b`.
fn edit_distance_at_most_one(a: &str, b: &str) -> bool {
    let a: Vec<char> = a.chars().collect();
    let b: Vec<char> = b.chars().collect();
    let (short, long) = if a.len() <= b.len() {
        (&a, &b)
    } else {
        (&b, &a)
    };
    if long.len() - short.len() > 1 {
        return false;
    }
    let prefix = short
        .iter()
        .zip(long.iter())
        .take_while(|(x, y)| x == y)
        .count();
    if prefix == long.len() {
        return true;
    }
    if short.len() == long.len() {
        short[prefix + 1..] == long[prefix + 1..]
    } else {
        short[prefix..] == long[prefix + 1..]
    }
}

/// Whether two histories are near-identical: enough shared entries, and most of the shorter
/// one shared.
fn histories_match(a: &BTreeSet<String>, b: &BTreeSet<String>) -> bool {
    let shared = a.intersection(b).count();
    let shorter = a.len().min(b.len());
    shared >= MIN_SHARED_HISTORY && shared as f32 >= MIN_HISTORY_OVERLAP * shorter as f32
}

/// Words that make a piece of an experience line a date, not an organisation or a role.
const DATE_WORDS: [&str; 30] = [
    "jan",
    "january",
    "feb",
    "february",
    "mar",
    "march",
    "apr",
    "april",
    "may",
    "jun",
    "june",
    "jul",
    "july",
    "aug",
    "august",
    "sep",
    "sept",
    "september",
    "oct",
    "october",
    "nov",
    "november",
    "dec",
    "december",
    "present",
    "current",
    "now",
    "today",
    "date",
    "onwards",
];

/// Legal-form words left out of an organisation's name ("Calder Foods Ltd" is "calder foods").
const LEGAL_FORMS: [&str; 14] = [
    "ltd",
    "limited",
    "inc",
    "incorporated",
    "llc",
    "llp",
    "plc",
    "gmbh",
    "ag",
    "sa",
    "bv",
    "corp",
    "corporation",
    "co",
];

/// Small words a title-case name may hold in lower case ("Head of Sales", "Bank of America").
const CONNECTORS: [&str; 10] = [
    "of", "and", "&", "the", "for", "de", "in", "at", "du", "von",
];

/// The organisations and role titles of the experience sections: the title-case pieces of
/// their lines (split at commas, bars, dashes, tabs, "at", "@"), cut before a date, without
/// sentences and bullets.
fn history(profile: &ResumeProfile) -> BTreeSet<String> {
    let mut out = BTreeSet::new();
    for section in profile
        .sections
        .iter()
        .filter(|s| s.section == Section::Experience)
    {
        for line in section.text.lines() {
            let line = line.trim();
            if line.ends_with('.')
                || line.split_whitespace().count() > 15
                || line.starts_with(['•', '-', '*', '–', '○', '▪'])
            {
                continue;
            }
            for piece in line.split([',', '|', '\t', '–', '—', '·', '•', '(', ')', '@', ';'])
            {
                for piece in piece.split(" - ").flat_map(|p| p.split(" at ")) {
                    if let Some(entry) = history_entry(piece) {
                        out.insert(entry);
                    }
                }
            }
        }
    }
    out
}

/// A piece of an experience line as a history entry: its words up to the first date word or
/// number, one to six of them, in title case (connectors aside), folded, without legal forms.
fn history_entry(piece: &str) -> Option<String> {
    let is_date = |w: &str| {
        w.chars().any(|c| c.is_ascii_digit())
            || DATE_WORDS.contains(&fold(w.trim_matches(|c: char| !c.is_alphanumeric())).as_str())
    };
    let words: Vec<&str> = piece
        .split_whitespace()
        .take_while(|w| !is_date(w))
        .collect();
    if words.is_empty() || words.len() > 6 {
        return None;
    }
    let capitalised = |w: &&str| w.chars().next().is_some_and(char::is_uppercase);
    if !capitalised(&words[0])
        || !words
            .iter()
            .all(|w| capitalised(w) || CONNECTORS.contains(&fold(w).as_str()))
    {
        return None;
    }
    let folded = fold(&words.join(" "));
    let kept: Vec<&str> = folded
        .split(|c: char| !c.is_alphanumeric() && c != '&')
        .filter(|w| !w.is_empty() && !LEGAL_FORMS.contains(w))
        .collect();
    (!kept.is_empty()).then(|| kept.join(" "))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::profile;

    fn identity(text: &str) -> Identity {
        let p = profile::parse(text, time::macros::date!(2026 - 12 - 01));
        Identity::of(&p.contact, &p)
    }

    const NADIA_2023: &str = "Nadia Varga
nadia.varga@example.com | +44 20 7946 0321 | Leeds
Experience
Payroll Officer, Wharfe Logistics Ltd
June 2015 – February 2019
Processed starters, leavers and statutory sick pay.
Payroll Assistant, Kirkstall Brewery
2013 – 2015
Education
BA (Hons) Accounting and Finance, University of Leeds, 2015
";

    /// The same person two years on: a new job on top, a new email, the same phone written
    /// the national way, a middle name.
    const NADIA_2025: &str = "Nadia Erzsébet Varga
n.varga.payroll@example.org · 020 7946 0321
Experience
Senior Payroll Analyst, Calder Foods Ltd
March 2019 – Present
Ran weekly and monthly payroll for 640 employees.
Payroll Officer, Wharfe Logistics Ltd
June 2015 – February 2019
Payroll Assistant, Kirkstall Brewery
2013 – 2015
Education
BA (Hons) Accounting and Finance, University of Leeds, 2015
";

    #[test]
    fn a_placeholder_phone_shared_by_different_people_does_not_link_them() {
        let a = identity(
            "Eylove Children\neylove@example.com | (123)345-7890\nExperience\nTeacher, Oak School",
        );
        let b = identity(
            "Ramon Diaz\nramon.diaz@example.org | (123)345-7890\nExperience\nNurse, City Hospital",
        );
        assert!(same_person(&a, &b).is_empty(), "{:?}", same_person(&a, &b));
        // Nor without emails, under different names or names not found.
        let e = identity("Lucy Hale\n(123)345-7890\nExperience\nCashier, Corner Shop");
        let f = identity("KEY STRENGTHS\n(123)345-7890\nExperience\nWaiter, Blue Cafe");
        assert!(same_person(&a, &e).is_empty() && same_person(&e, &f).is_empty());
        // The same number under the same name still links, with or without an email.
        let c = identity("Ramon Diaz\n(123) 345-7890\nExperience\nNurse, City Hospital");
        assert!(same_person(&b, &c).contains(&SameBy::Phone));
        let d =
            identity("Ramon Diaz\nr.diaz@work.example | +1 123 345 7890\nExperience\nRN, Mercy");
        assert!(same_person(&b, &d).contains(&SameBy::Phone));
    }

    #[test]
    fn an_updated_cv_of_one_person_is_linked() {
        let (old, new) = (identity(NADIA_2023), identity(NADIA_2025));
        assert_eq!(old.phone.as_deref(), Some("442079460321"));
        assert_eq!(new.phone.as_deref(), Some("2079460321"));
        assert_eq!(
            same_person(&old, &new),
            [SameBy::Phone, SameBy::NameAndHistory]
        );
        assert_eq!(same_person(&new, &old), same_person(&old, &new));
    }

    #[test]
    fn two_people_with_one_common_name_are_not_linked() {
        let a = identity(
            "Priya Sharma
priya.sharma@example.com | +91 98765 43210
Experience
Software Engineer, Infosys
2018 – 2022
Senior Software Engineer, Flipkart
2022 – Present
",
        );
        let b = identity(
            "Priya Sharma
psharma.hr@example.net | +91 91234 56789
Experience
HR Executive, Tata Motors
2016 – 2020
Senior HR Business Partner, Mahindra Logistics
2020 – Present
",
        );
        assert!(names_match(&a.name, &b.name));
        assert!(same_person(&a, &b).is_empty());
        // The same name and one shared role title is still not enough.
        let c = identity(
            "Priya Sharma
priya.s@example.org
Experience
Software Engineer, Wipro
2019 – Present
",
        );
        assert!(same_person(&a, &c).is_empty());
    }

    #[test]
    fn same_person_with_a_new_phone_is_linked_by_email() {
        let a = identity(
            "Tomasz Ilunga
Tomasz.Ilunga+jobs@gmail.com | 0161 496 0734
Experience
Shift Manager, Northgate Distribution
2020 – Present
",
        );
        let b = identity(
            "Tomasz Ilunga
tomaszilunga@googlemail.com | +44 7700 900 123
Experience
Operations Manager, Pennine Parcels
2024 – Present
Shift Manager, Northgate Distribution
2020 – 2024
",
        );
        assert_eq!(a.email.as_deref(), Some("tomaszilunga@gmail.com"));
        // The email, and (the name and the Northgate role being the same) name and history.
        assert_eq!(same_person(&a, &b), [SameBy::Email, SameBy::NameAndHistory]);
        // Under a nickname, only the email links them.
        let nickname = identity(
            "Tom Ilunga
tomasz.ilunga@gmail.com
Experience
Operations Manager, Pennine Parcels
2024 – Present
",
        );
        assert_eq!(same_person(&a, &nickname), [SameBy::Email]);
    }

    #[test]
    fn colleagues_with_the_same_history_but_other_names_are_not_linked() {
        let a = identity(NADIA_2023);
        let colleague = NADIA_2023
            .replace("Nadia Varga", "Agnieszka Nowak")
            .replace("nadia.varga@example.com", "a.nowak@example.com")
            .replace("+44 20 7946 0321", "+44 20 7946 0999");
        let b = identity(&colleague);
        assert!(histories_match(&a.history, &b.history));
        assert!(same_person(&a, &b).is_empty());
    }

    #[test]
    fn email_normalisation() {
        assert_eq!(
            normalize_email(" Jane.Doe+CV@GoogleMail.com ").as_deref(),
            Some("janedoe@gmail.com")
        );
        // Dots matter outside Gmail; a +tag does not.
        assert_eq!(
            normalize_email("jane.doe+x@example.com").as_deref(),
            Some("jane.doe@example.com")
        );
        assert_ne!(
            normalize_email("jane.doe@example.com"),
            normalize_email("janedoe@example.com")
        );
        assert_eq!(normalize_email("not an address"), None);
        assert_eq!(normalize_email("@example.com"), None);
        assert_eq!(normalize_email("jane@localhost"), None);
    }

    #[test]
    fn phone_normalisation_and_matching() {
        let uk_intl = normalize_phone("+44 (0)20 7946 0321").unwrap();
        let uk_intl2 = normalize_phone("0044 20 7946 0321").unwrap();
        let uk_national = normalize_phone("020-7946-0321").unwrap();
        assert!(phones_match(&uk_intl2, &uk_national));
        // "+44 (0)20…": the bracketed trunk 0 is not part of the number.
        assert_eq!(uk_intl, "442079460321");
        assert!(phones_match(&uk_intl, &uk_national));
        assert!(phones_match(&uk_intl, &uk_intl2));
        let us = normalize_phone("(512) 555-0142 ").unwrap();
        assert!(phones_match(
            &normalize_phone("+1 512 555 0142").unwrap(),
            &us
        ));
        let it = normalize_phone("+39 06 6982 1234").unwrap();
        assert!(phones_match(&it, &normalize_phone("06 6982 1234").unwrap()));
        // Different numbers, a shared tail too short, or numbers too short to count.
        assert!(!phones_match(
            &us,
            &normalize_phone("(512) 555-0143").unwrap()
        ));
        assert!(!phones_match(
            &normalize_phone("+44 20 7946 0321").unwrap(),
            &normalize_phone("7946 0321").unwrap()
        ));
        assert_eq!(normalize_phone("555 0142"), None);
    }

    #[test]
    fn names_near_identical() {
        let n = |s: &str| name_words(s);
        assert!(names_match(&n("Nadia Varga"), &n("VARGA, Nadia")));
        assert!(names_match(&n("Dr. Nadia Varga"), &n("Nadia E. Varga")));
        assert!(names_match(&n("Amara Castellanos"), &n("Amara Castellano")));
        assert!(names_match(&n("Zoë Müller"), &n("Zoe Muller")));
        assert!(!names_match(&n("Nadia Varga"), &n("Nadia Horvath")));
        assert!(
            !names_match(&n("Nadia"), &n("Nadia")),
            "one word is not a name match"
        );
        assert!(
            !names_match(&n("Jon Lee"), &n("Jan Lee")),
            "short words need to be exact"
        );
    }

    #[test]
    fn edit_distance() {
        assert!(edit_distance_at_most_one("varga", "varga"));
        assert!(edit_distance_at_most_one("varga", "vargas"));
        assert!(edit_distance_at_most_one("varga", "verga"));
        assert!(edit_distance_at_most_one("varga", "arga"));
        assert!(!edit_distance_at_most_one("varga", "vergo"));
        assert!(!edit_distance_at_most_one("varga", "va"));
        assert!(edit_distance_at_most_one("", "a"));
    }

    #[test]
    fn history_keeps_organisations_and_titles_not_dates_or_sentences() {
        let id = identity(NADIA_2025);
        let history: Vec<&str> = id.history.iter().map(String::as_str).collect();
        assert_eq!(
            history,
            [
                "calder foods",
                "kirkstall brewery",
                "payroll assistant",
                "payroll officer",
                "senior payroll analyst",
                "wharfe logistics"
            ]
        );
    }
}
