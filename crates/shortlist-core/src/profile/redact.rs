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
    redact_names(text, contact, false)
}

/// [`redact`] for what is shown while a job is screened blind: every word of the name goes,
/// wherever it stands ("Walsh's thesis"), even where it is also an ordinary word — hiding who
/// the candidate is comes first there, and nothing shown is scored.
pub fn redact_for_display(text: &str, contact: &Contact) -> String {
    redact_names(text, contact, true)
}

fn redact_names(text: &str, contact: &Contact, everywhere: bool) -> String {
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
    // After a personal label standing alone ("RELIGION", "Marital status:", "STATUS"), the
    // next short line is its value ("Christian"), which goes with it.
    let mut value_next = false;
    let all: Vec<&str> = out.lines().collect();
    let block_values = crate::text::values_of_label_blocks(&all);
    for (i, line) in all.iter().enumerate() {
        let line = *line;
        let folded = crate::text::fold(line.trim());
        // A block of labels ("Date of Birth:" …), then their values ("22 August 1990" …).
        // A line of the block: a label goes when personal and takes no next line with it; a
        // value goes when its label is personal.
        if let Some(label) = block_values.get(&i) {
            value_next = false;
            if !label_alone(label.as_deref().unwrap_or(&folded)) {
                lines.push(line.to_owned());
            }
            continue;
        }
        if value_next && !folded.is_empty() {
            value_next = false;
            if folded.split_whitespace().count() <= INLINE_VALUE_WORDS && !label_alone(&folded) {
                continue;
            }
        }
        if label_alone(&folded) {
            value_next = true;
            continue;
        }
        let personal = PERSONAL_LABELS.iter().any(|l| {
            folded.strip_prefix(l).is_some_and(|rest| {
                rest.trim_start().starts_with([':', '-', '–']) || rest.trim().is_empty()
            })
        });
        if personal {
            continue;
        }
        let line = without_inline_personal(line);
        let line = replace_words(&line, &name_words, everywhere);
        // A line that held only the name (or a title) is gone, not left as punctuation.
        if line.chars().any(char::is_alphanumeric) || line.trim().is_empty() {
            lines.push(line);
        }
    }
    lines.join("\n")
}

/// Labels of personal details that may stand inside a line ("… Nationality: Kenyan Religion:
/// Christian Marital Status: Married …", as resumes flattened into one paragraph have them).
const INLINE_LABELS: [&str; 25] = [
    "marital status",
    "personal status",
    "civil status",
    "date of birth",
    "birth date",
    "place of birth",
    "father's name",
    "fathers name",
    "mother's name",
    "mothers name",
    "husband's name",
    "wife's name",
    "spouse",
    "nationality",
    "citizenship",
    "religion",
    "caste",
    "gender",
    "sex",
    "dob",
    "age",
    "born",
    "children",
    "passport",
    "visa status",
];

/// Parts of a personal label that a layout may put on a line of its own, its value on the
/// next ("MARITAL" / "STATUS" / "Single").
const LABEL_PARTS: [&str; 4] = ["status", "marital", "birth", "visa"];

/// Whether the folded line `folded` is a personal label with nothing after it but a colon or
/// a dash (its value then stands on the next line).
fn label_alone(folded: &str) -> bool {
    let label = folded
        .trim_end_matches(|c: char| c.is_whitespace() || matches!(c, ':' | '-' | '–'))
        .trim_start_matches(|c: char| !c.is_alphanumeric());
    !label.is_empty()
        && (INLINE_LABELS.contains(&label)
            || PERSONAL_LABELS.contains(&label)
            || LABEL_PARTS.contains(&label))
}

/// Words of a value after a personal label at most (a longer value is cut there).
const INLINE_VALUE_WORDS: usize = 4;

/// Marital statuses that stand as a field of their own ("Age : 23  Single  Nationality …").
const MARITAL: [&str; 6] = [
    "single",
    "married",
    "unmarried",
    "divorced",
    "widowed",
    "separated",
];

/// `line` without the personal details inside it: each "label: value" of [`INLINE_LABELS`]
/// (the value ends at a double space, at the next "Label:", at a separator, or after
/// [`INLINE_VALUE_WORDS`] words), and a marital status standing as a field of its own. What
/// is removed leaves one space, so that any value leaves the same text.
fn without_inline_personal(line: &str) -> String {
    let out = crate::text::cut_labelled_values(
        line,
        |lower| {
            INLINE_LABELS
                .iter()
                .find(|l| lower.starts_with(**l))
                .map(|l| (l.len(), ()))
        },
        false,
        |(), start| value_end(line, start),
    );
    if !out.contains("  ") && !MARITAL.contains(&crate::text::fold(out.trim()).as_str()) {
        return out;
    }
    // Fields parted by two or more spaces: a marital status alone is a personal detail.
    let mut kept = String::with_capacity(out.len());
    let mut rest = out.as_str();
    while !rest.is_empty() {
        let field_end = rest.find("  ").unwrap_or(rest.len());
        let field = &rest[..field_end];
        if MARITAL.contains(&crate::text::fold(field.trim()).as_str()) {
            kept.push(' ');
        } else {
            kept.push_str(field);
        }
        let spaces = rest[field_end..].len() - rest[field_end..].trim_start_matches(' ').len();
        kept.push_str(&rest[field_end..field_end + spaces]);
        rest = &rest[field_end + spaces..];
    }
    kept
}

/// Whether `text` starts with a personal label and its colon.
fn starts_label(text: &str) -> bool {
    INLINE_LABELS.iter().any(|l| {
        text.get(..l.len())
            .is_some_and(|head| head.eq_ignore_ascii_case(l))
            && text[l.len()..]
                .trim_start_matches([' ', '\t'])
                .starts_with(':')
    })
}

/// Where the value of a personal label that starts at `start` in `line` ends.
fn value_end(line: &str, start: usize) -> usize {
    let mut pos = start;
    // Spaces after the colon.
    pos += line[pos..].len() - line[pos..].trim_start_matches([' ', '\t']).len();
    let mut words = 0;
    while pos < line.len() && words < INLINE_VALUE_WORDS {
        let rest = &line[pos..];
        let word_len = rest
            .find(|c: char| c.is_whitespace() || matches!(c, '|' | '•' | ';'))
            .unwrap_or(rest.len());
        let word = &rest[..word_len];
        // The next field's label ("Religion:", "Status :") is not part of this value.
        let next_is_colon = rest[word_len..]
            .trim_start_matches([' ', '\t'])
            .starts_with(':');
        if word.is_empty() || word.ends_with(':') || next_is_colon || starts_label(rest) {
            break;
        }
        pos += word_len;
        words += 1;
        let spaces = line[pos..].len() - line[pos..].trim_start_matches([' ', '\t']).len();
        if spaces >= 2 || !line[pos..].starts_with([' ', '\t']) {
            break;
        }
        pos += spaces;
    }
    // A value's trailing spaces stay: they part it from the next field.
    start + line[start..pos].trim_end().len()
}

/// `out` without the prefix of a surname that ends it ("O'", "D’", "Mc'"): a name word
/// right after it ("O'Brien") takes its prefix along, so that no fragment of it is left.
fn strip_name_prefix(out: &mut String) {
    let Some(apostrophe) = out.chars().next_back().filter(|c| matches!(c, '\'' | '’')) else {
        return;
    };
    let head = &out[..out.len() - apostrophe.len_utf8()];
    let letters = head.len() - head.trim_end_matches(char::is_alphabetic).len();
    let start = head.len() - letters;
    let prefix = head[start..].chars().count();
    let at_word = head[..start]
        .chars()
        .next_back()
        .is_none_or(|c| !crate::text::is_word_char(c));
    if (1..=3).contains(&prefix) && at_word {
        out.truncate(start);
    }
}

/// Titles before a family name ("Mr. Denesik", "Dr Walsh").
pub(super) const TITLES: [&str; 7] = ["mr", "mrs", "ms", "miss", "dr", "prof", "sir"];

/// `line` in word and non-word runs; a word glued to a name word before or after it is split
/// off ("DenesikPhone", a flattened "Name: Tasha DenesikPhone: …"; "JAubrey").
fn runs<'a>(line: &'a str, names: &[String]) -> Vec<(bool, &'a str)> {
    let mut out: Vec<(bool, &str)> = Vec::new();
    let mut rest = line;
    while let Some(c) = rest.chars().next() {
        let word = crate::text::is_word_char(c);
        let end = rest
            .find(|c: char| crate::text::is_word_char(c) != word)
            .unwrap_or(rest.len());
        let (run, tail) = rest.split_at(end);
        let glued = word
            .then(|| {
                run.char_indices().skip(2).find(|&(i, ch)| {
                    ch.is_uppercase()
                        && run[..i].chars().next_back().is_some_and(char::is_lowercase)
                        && names.contains(&crate::text::fold(&run[..i]))
                })
            })
            .flatten();
        // And a name word glued to what stands before it ("Phone: JAubrey Okuneva").
        let glued = glued.or_else(|| {
            word.then(|| {
                run.char_indices().skip(1).find(|&(i, ch)| {
                    ch.is_uppercase()
                        && run[i..].chars().nth(1).is_some_and(char::is_lowercase)
                        && names.contains(&crate::text::fold(&run[i..]))
                })
            })
            .flatten()
        });
        match glued {
            Some((i, _)) => {
                out.push((true, &run[..i]));
                out.push((true, &run[i..]));
            }
            None => out.push((word, run)),
        }
        rest = tail;
    }
    out
}

/// `line` with the candidate's name removed and each gendered word replaced. A word of
/// `names` goes where it stands beside another of them ("Emily Walsh", "WALSH, Emily",
/// "James O'Brien", a middle initial between), after a title ("Ms. Walsh"), or always for a
/// one-word name; elsewhere it is an ordinary word and stays ("San Jose", "Washington, DC",
/// a Ms. Baker's "baker": taking it out everywhere moved the score of one name alone). A
/// removed word takes the spaces, dots, hyphens and apostrophes after it along ("Ms. Emily
/// Walsh", "Al-Rashid" leave nothing), so that names of any length and shape leave the same
/// text.
/// With `everywhere`, every word of `names` goes wherever it stands.
fn replace_words(line: &str, names: &[String], everywhere: bool) -> String {
    let runs = runs(line, names);
    let folded: Vec<Option<String>> = runs
        .iter()
        .map(|(word, t)| word.then(|| crate::text::fold(t)))
        .collect();
    let is_name = |k: usize| folded[k].as_ref().is_some_and(|f| names.contains(f));
    // Word runs `a` < `b` with only separators or one-letter words ("O'", "J.") between.
    let close = |a: usize, b: usize| {
        let between: String = runs[a + 1..b].iter().map(|(_, t)| *t).collect();
        between.chars().count() <= 6
            && runs[a + 1..b].iter().all(|(word, t)| {
                if *word {
                    t.chars().count() == 1
                } else {
                    t.chars().all(|c| " .,-'\u{2019}\t".contains(c))
                }
            })
    };
    let word_near = |k: usize, back: bool| -> Option<usize> {
        let mut j = k;
        loop {
            j = if back { j.checked_sub(1)? } else { j + 1 };
            let (word, t) = runs.get(j)?;
            if *word && t.chars().count() > 1 {
                return Some(j);
            }
        }
    };
    let mut remove: Vec<bool> = (0..runs.len())
        .map(|k| {
            if !is_name(k) {
                return false;
            }
            if everywhere || names.len() == 1 {
                return true;
            }
            let prev = word_near(k, true).filter(|&p| close(p, k));
            let next = word_near(k, false).filter(|&n| close(k, n));
            prev.is_some_and(|p| is_name(p) || TITLES.contains(&folded[p].as_deref().unwrap_or("")))
                || next.is_some_and(is_name)
        })
        .collect();
    // A middle initial between two words of the name goes too ("Tasha J. Denesik").
    for k in 0..runs.len() {
        let initial = runs[k].0 && runs[k].1.chars().count() == 1;
        if initial {
            let prev = word_near(k, true).filter(|&p| remove[p] && close(p, k));
            let next = word_near(k, false).filter(|&n| remove[n] && close(k, n));
            remove[k] = prev.is_some() && next.is_some();
        }
    }
    let mut out = String::with_capacity(line.len());
    let mut eating = false;
    let mut ate = false;
    for (k, (word, text)) in runs.iter().enumerate() {
        if *word {
            let f = folded[k].as_deref().unwrap_or("");
            let gendered = GENDERED.iter().find(|(g, _)| *g == f);
            // The possessive of a removed name ("Hernández's notes") goes with it.
            let possessive =
                f == "s" && k >= 2 && remove[k - 2] && matches!(runs[k - 1].1, "'" | "\u{2019}");
            if possessive {
                eating = true;
                continue;
            }
            if remove[k] || gendered.is_some_and(|(_, with)| with.is_empty()) {
                if remove[k] {
                    strip_name_prefix(&mut out);
                }
                eating = true;
            } else {
                if ate && !out.is_empty() && !out.ends_with(' ') {
                    out.push(' ');
                }
                eating = false;
                ate = false;
                match gendered {
                    Some((_, with)) => out.push_str(with),
                    None => out.push_str(text),
                }
            }
            continue;
        }
        for c in text.chars() {
            if eating && matches!(c, ' ' | '.' | '-' | '\'' | '\u{2019}') {
                ate = true;
                continue;
            }
            eating = false;
            ate = false;
            out.push(c);
        }
    }
    out.trim_end().to_owned()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn dev_resume(file: &str) -> String {
        let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
            .join("../../tests/fixtures/ner-eval/dev/resumes");
        std::fs::read_to_string(dir.join(file)).unwrap()
    }

    /// The defect: in a resume flattened into one paragraph, "Nationality: …", "Religion: …"
    /// and "Marital Status: …" stood inside the line and stayed in the text that is scored.
    #[test]
    fn inline_personal_details_of_a_flattened_resume_are_removed() {
        // A real flattened resume of the dev set with its personal details inline.
        let text = dev_resume("82.txt");
        assert_eq!(text.lines().count(), 1, "flattened");
        let as_person = |nationality: &str, religion: &str, status: &str| {
            let t = text.replacen(
                "Nationality: Palestinian",
                &format!(
                    "Nationality: {nationality}  Religion: {religion} Marital Status: {status}"
                ),
                1,
            );
            assert_ne!(t, text);
            redact(&t, &Contact::default())
        };
        let a = as_person("Palestinian", "Muslim", "Married");
        let b = as_person("Kenyan", "Church of England", "Single");
        assert_eq!(a, b);
        // ("Palestinian" also names institutions in the work, which stay.)
        for word in ["Muslim", "England", "Kenyan", "Single", "Married", "1991"] {
            assert!(!a.contains(word), "{word} left in");
        }
        // The work stays.
        assert!(a.split_whitespace().count() > 100);
    }

    #[test]
    fn inline_labels_with_empty_values_and_lone_statuses() {
        let c = Contact::default();
        let empty = redact(
            "Personal Profile:  Name:  Gender:  Date of birth:  Marital status:  Nationality:  Hobbies: chess",
            &c,
        );
        assert!(empty.starts_with("Personal Profile:  Name:"), "{empty}");
        assert!(empty.ends_with("Hobbies: chess"), "{empty}");
        for label in ["Gender", "birth", "Marital", "Nationality"] {
            assert!(!empty.contains(label), "{empty}");
        }
        let single = redact(
            "IT Engineer  Age : 23  Single  Nationality : French  6 years of IT",
            &c,
        );
        let married = redact(
            "IT Engineer  Age : 41  Married  Nationality : Greek  6 years of IT",
            &c,
        );
        assert_eq!(single, married);
        assert!(single.starts_with("IT Engineer") && single.ends_with("6 years of IT"));
        // Words that only look like labels stay.
        let kept = "Managed the agency's sales: 5 teams; a born leader; package: SAP";
        assert_eq!(redact(kept, &c), kept);
    }

    /// The defect: a personal label on a line of its own ("RELIGION", "STATUS") went, but its
    /// value on the next line ("Christian") stayed, in the scored text and in what blind
    /// screening shows.
    #[test]
    fn a_personal_label_alone_on_its_line_takes_its_value_on_the_next_line_along() {
        let c = Contact::default();
        let text = "Staff nurse, 6 years\nRELIGION\nChristian\nMARITAL\nSTATUS\nSingle\n\
                    Nationality:\nKenyan\nDate of Birth\n12 March 1990\nSkills\nTriage, ICU care";
        let shown = redact(text, &c);
        for gone in [
            "RELIGION",
            "Christian",
            "STATUS",
            "Single",
            "Kenyan",
            "1990",
            "March",
        ] {
            assert!(!shown.contains(gone), "{gone} left in:\n{shown}");
        }
        assert_eq!(shown, "Staff nurse, 6 years\nSkills\nTriage, ICU care");
        // A long line after a label is not its value: it stays.
        let long = "Status\nLed a ward of forty beds through two audits";
        assert_eq!(
            redact(long, &c),
            "Led a ward of forty beds through two audits"
        );
    }

    /// The defect: removing a surname with an apostrophe left its prefix ("James O'Brien"
    /// became "O'", "Jean-Luc D'Arcy" "D'", "Siobhan O'Neill-Kavanagh" "O',").
    #[test]
    fn apostrophe_surnames_leave_no_prefix_fragment() {
        for (name, line) in [
            ("James O'Brien", "James O'Brien\nNurse, 6 years"),
            ("Jean-Luc D'Arcy", "Jean-Luc D'Arcy\nNurse, 6 years"),
            (
                "Siobhan O'Neill-Kavanagh",
                "Siobhan O'Neill-Kavanagh, Nurse, 6 years",
            ),
            ("James O’Brien", "James O’Brien\nNurse, 6 years"),
            (
                "Jean-Luc D’Arcy",
                "Reported to: Jean-Luc D’Arcy. Nurse, 6 years",
            ),
        ] {
            let c = Contact {
                name: Some(name.into()),
                ..Contact::default()
            };
            let shown = redact(line, &c);
            for fragment in ["O'", "D'", "O’", "D’", "O',"] {
                assert!(!shown.contains(fragment), "{fragment} left in: {shown}");
            }
            assert!(shown.contains("Nurse, 6 years"), "{shown}");
        }
        // The defect: each word of the name went wherever it stood, so a Lakisha Washington
        // lost "Washington, DC" and a José "San Jose State University" — their scores moved.
        let c = Contact {
            name: Some("José García Hernández".into()),
            ..Contact::default()
        };
        assert_eq!(
            redact(
                "HERNÁNDEZ, José\nLecturer, San Jose State University; Mr. Hernández's notes",
                &c
            ),
            "Lecturer, San Jose State University; notes"
        );
        let c = Contact {
            name: Some("Tasha Denesik".into()),
            ..Contact::default()
        };
        assert_eq!(
            redact(
                "Seattle, Washington. Name: Tasha DenesikPhone: none. Tasha J. Denesik",
                &c
            ),
            "Seattle, Washington. Name: Phone: none."
        );
        assert_eq!(
            redact("Referee Phone: JTasha Denesik OSHC", &c),
            "Referee Phone: J OSHC"
        );
        // An apostrophe word that is not the name stays.
        let c = Contact {
            name: Some("Ann Lee".into()),
            ..Contact::default()
        };
        assert_eq!(
            redact("Worked at O'Reilly Media", &c),
            "Worked at O'Reilly Media"
        );
    }
}
