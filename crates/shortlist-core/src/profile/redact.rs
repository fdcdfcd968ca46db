//! The text the engine measures: without the candidate's name, contact details, personal
//! lines and gendered words.

use super::contact::{all_emails, all_phones};
use super::Contact;

/// Lines of personal details that say nothing about the work and must never sway a score.
const PERSONAL_LABELS: [&str; 16] = [
    "age",
    "date of birth",
    "dob",
    "father's name",
    "fathers name",
    "gender",
    "husband's name",
    "marital status",
    "mother's name",
    "nationality",
    "passport",
    "place of birth",
    "religion",
    "sex",
    "spouse",
    "caste",
];

/// Gendered words and what replaces them.
const GENDERED: [(&str, &str); 14] = [
    ("he", "they"),
    ("she", "they"),
    ("him", "them"),
    ("his", "their"),
    ("her", "their"),
    ("hers", "theirs"),
    ("himself", "themselves"),
    ("herself", "themselves"),
    ("mr", ""),
    ("mrs", ""),
    ("ms", ""),
    ("miss", ""),
    ("male", ""),
    ("female", ""),
];

/// `text` without the candidate's name, email, phone and links, without lines of personal
/// details (gender, birth date, marital status…) and with gendered words made neutral: what
/// the engine measures, so that none of these ever changes a score.
pub fn redact(text: &str, contact: &Contact) -> String {
    let mut out = text.to_owned();
    // Every address and number, wherever it stands, not only the first.
    let mut values: Vec<String> = all_emails(text);
    values.extend(all_phones(text, usize::MAX));
    values.extend(contact.links.iter().cloned());
    values.extend(contact.email.iter().cloned());
    values.extend(contact.phone.iter().cloned());
    values.sort_by_key(|v| std::cmp::Reverse(v.len()));
    for value in &values {
        if !value.is_empty() {
            out = out.replace(value.as_str(), " ");
        }
    }
    let name_words: Vec<String> = contact
        .name
        .iter()
        .flat_map(|n| crate::text::words(n).collect::<Vec<_>>())
        .filter(|w| w.chars().count() >= 2)
        .collect();
    let mut lines = Vec::new();
    for line in out.lines() {
        let folded = crate::text::fold(line.trim());
        let personal = PERSONAL_LABELS.iter().any(|l| {
            folded.strip_prefix(l).is_some_and(|rest| {
                rest.trim_start().starts_with([':', '-', '–']) || rest.trim().is_empty()
            })
        });
        if personal {
            continue;
        }
        let line = replace_words(line, &name_words);
        // A line that held only the name (or a title) is gone, not left as punctuation.
        if line.chars().any(char::is_alphanumeric) || line.trim().is_empty() {
            lines.push(line);
        }
    }
    lines.join("\n")
}

/// `line` with each word in `names` removed and each gendered word replaced. A removed word
/// takes the spaces, dots, hyphens and apostrophes after it along ("Ms. Emily Walsh",
/// "Al-Rashid" leave nothing), so that names of any length and shape leave the same text.
fn replace_words(line: &str, names: &[String]) -> String {
    let mut out = String::with_capacity(line.len());
    let mut word = String::new();
    let mut eating = false;
    let mut ate = false;
    let flush = |word: &mut String, out: &mut String, eating: &mut bool, ate: &mut bool| {
        if word.is_empty() {
            return;
        }
        let folded = crate::text::fold(word);
        let gendered = GENDERED.iter().find(|(g, _)| *g == folded);
        if names.contains(&folded) || gendered.is_some_and(|(_, with)| with.is_empty()) {
            *eating = true;
        } else {
            if *ate && !out.is_empty() && !out.ends_with(' ') {
                out.push(' ');
            }
            *eating = false;
            *ate = false;
            match gendered {
                Some((_, with)) => out.push_str(with),
                None => out.push_str(word),
            }
        }
        word.clear();
    };
    for c in line.chars() {
        if crate::text::is_word_char(c) {
            word.push(c);
        } else {
            flush(&mut word, &mut out, &mut eating, &mut ate);
            if eating && matches!(c, ' ' | '.' | '-' | '\'' | '’') {
                ate = true;
                continue;
            }
            eating = false;
            ate = false;
            out.push(c);
        }
    }
    flush(&mut word, &mut out, &mut eating, &mut ate);
    out.trim_end().to_owned()
}
