//! Job description parsing: the requirements a resume is measured against.
//!
//! Requirements are the bullets or sentences under headers such as "Requirements",
//! "Qualifications", "Must have" (required) and "Nice to have", "Preferred", "Bonus"
//! (preferred, weighted lower). Each carries the skills it names, any "N+ years", and any degree.

use serde::{Deserialize, Serialize};

use crate::facts::{degree_in, years_required, DegreeLevel};
use crate::lexicon::Lexicon;

/// How much a requirement matters.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[serde(rename_all = "snake_case")]
pub enum Importance {
    /// Must have.
    Required,
    /// Nice to have.
    Preferred,
}

impl Importance {
    /// Weight in the score.
    pub fn weight(self) -> f32 {
        match self {
            Importance::Required => 1.0,
            Importance::Preferred => 0.5,
        }
    }
}

/// One requirement of a job.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Requirement {
    /// The text as written (bullet marker removed).
    pub text: String,
    /// Required or preferred.
    pub importance: Importance,
    /// Canonical skills it names.
    pub skills: Vec<String>,
}

/// What a job asks for.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct JobProfile {
    /// The requirements, in order.
    pub requirements: Vec<Requirement>,
    /// Skills named by required requirements (or the whole description when it has none).
    pub required_skills: Vec<String>,
    /// Skills named only by preferred requirements.
    pub preferred_skills: Vec<String>,
    /// Skills that stand in for each other: a requirement such as "Go or Rust" is met by
    /// either. Each group lists skills also found in `required_skills`/`preferred_skills`.
    #[serde(default)]
    pub alternatives: Vec<Vec<String>>,
    /// The largest "N+ years" among required requirements.
    pub min_years: Option<f32>,
    /// The degree asked for, if any.
    pub degree: Option<DegreeLevel>,
    /// When the description had more than [`MAX_REQUIREMENTS`] requirements: how many it had
    /// (they were merged into at most that many); 0 otherwise.
    #[serde(default)]
    pub merged_from: usize,
    /// The description does not read as English: its requirements, years and degree may have
    /// been misread (the parser knows English cues only).
    #[serde(default)]
    pub not_english: bool,
}

/// Requirements scored one by one at most; a longer list is merged into this many.
pub const MAX_REQUIREMENTS: usize = 30;

/// Words that make a clause a nice-to-have, whatever block it stands in.
const PREFERRED_MARKERS: [&str; 9] = [
    "nice to have",
    "a plus",
    "is a bonus",
    "a bonus",
    "preferred",
    "preferably",
    "ideally",
    "desirable",
    "advantage",
];

/// Words that make a sentence of a description without headings a requirement.
const REQUIREMENT_CUES: [&str; 16] = [
    "you have",
    "you are",
    "you know",
    "you should",
    "experience",
    "knowledge",
    "skills",
    "degree",
    "ability",
    "able to",
    "must",
    "required",
    "requirement",
    "proficien",
    "familiar",
    "certif",
];

/// A requirement's text split where a clause qualifies only itself: "5+ years of Docker;
/// Kubernetes a plus" is a required "5+ years of Docker" and a preferred "Kubernetes a plus".
fn split_preferred_clauses(text: &str, importance: Importance) -> Vec<(String, Importance)> {
    let is_preferred = |s: &str| {
        let l = s.to_lowercase();
        PREFERRED_MARKERS.iter().any(|p| l.contains(p))
    };
    if !is_preferred(text) {
        return vec![(text.to_owned(), importance)];
    }
    let clauses: Vec<&str> = text
        .split([';', ','])
        .map(str::trim)
        .filter(|c| !c.is_empty())
        .collect();
    if clauses.len() < 2 {
        return vec![(text.to_owned(), Importance::Preferred)];
    }
    let mut out: Vec<(String, Importance)> = Vec::new();
    // "Nice to have: Kafka, Terraform": a label before a colon makes the whole list after it
    // a nice-to-have, not only its first item.
    let mut labelled = false;
    for clause in clauses {
        labelled |= clause
            .split_once(':')
            .is_some_and(|(head, _)| header_kind(head) == Some(Block::Preferred));
        let wanted = if labelled || is_preferred(clause) {
            Importance::Preferred
        } else {
            importance
        };
        match out.last_mut() {
            // Clauses of one importance stay together ("Go, Rust or C++").
            Some((last, imp)) if *imp == wanted => {
                last.push_str(", ");
                last.push_str(clause);
            }
            _ => out.push((clause.to_owned(), wanted)),
        }
    }
    out
}

/// Longest requirement text kept, in characters: far past what the model reads of it (256
/// tokens) and what the window can show as one line of criteria. A description in one
/// unbroken block of 100,000 characters was one requirement of that length, shown whole and
/// embedded whole. Its skills are read from the whole text before it is cut.
pub const MAX_REQUIREMENT_CHARS: usize = 1_200;

/// `text` cut at a word before [`MAX_REQUIREMENT_CHARS`], marked "…" where it was cut.
fn clipped(text: String) -> String {
    if text.chars().count() <= MAX_REQUIREMENT_CHARS {
        return text;
    }
    let end = text
        .char_indices()
        .nth(MAX_REQUIREMENT_CHARS)
        .map_or(text.len(), |(i, _)| i);
    let cut = text[..end].rfind(char::is_whitespace).unwrap_or(end);
    format!("{}…", text[..cut].trim_end())
}

/// Words that open a requirement's examples: "CRM experience (e.g. Salesforce)", "tools such
/// as AutoCAD or Revit".
const EXAMPLE_MARKERS: [&str; 6] = [
    "e.g.",
    "e.g ",
    "eg.",
    "for example",
    "for instance",
    "such as",
];

/// The skills `text` names only as examples: after an [`EXAMPLE_MARKERS`] word, up to the
/// closing parenthesis, the clause's end or the sentence's, and not named elsewhere in it.
fn example_skills(text: &str, lexicon: &Lexicon) -> Vec<String> {
    // ASCII case only: the offsets found in it are the text's own.
    let lower = text.to_ascii_lowercase();
    let mut examples = String::new();
    let mut rest = String::new();
    let mut from = 0;
    while let Some((at, marker)) = EXAMPLE_MARKERS
        .iter()
        .filter_map(|m| lower[from..].find(m).map(|i| (from + i, *m)))
        .min_by_key(|(i, _)| *i)
    {
        let start = at + marker.len();
        let end = lower[start..]
            .find([')', ';', ']'])
            .or_else(|| lower[start..].find(". "))
            .map_or(lower.len(), |i| start + i);
        rest.push_str(&text[from..at]);
        rest.push(' ');
        examples.push_str(&text[start..end]);
        examples.push('\n');
        from = end;
    }
    if examples.is_empty() {
        return Vec::new();
    }
    rest.push_str(&text[from..]);
    let elsewhere = lexicon.skills_in(&rest);
    lexicon
        .skills_in(&examples)
        .into_iter()
        .filter(|s| !elsewhere.contains(s))
        .collect()
}

/// Merges `reqs` into at most [`MAX_REQUIREMENTS`], keeping order and importance.
fn merge_requirements(reqs: Vec<(String, Importance)>) -> Vec<(String, Importance)> {
    if reqs.len() <= MAX_REQUIREMENTS {
        return reqs;
    }
    let per = reqs.len().div_ceil(MAX_REQUIREMENTS);
    let mut out: Vec<(String, Importance)> = Vec::new();
    let mut count = 0;
    for (text, importance) in reqs {
        match out.last_mut() {
            Some((last, imp)) if *imp == importance && count < per => {
                last.push_str("; ");
                last.push_str(&text);
                count += 1;
            }
            _ => {
                out.push((text, importance));
                count = 1;
            }
        }
    }
    if out.len() > MAX_REQUIREMENTS {
        let tail: Vec<String> = out.drain(MAX_REQUIREMENTS - 1..).map(|(t, _)| t).collect();
        out.push((tail.join("; "), Importance::Preferred));
    }
    out
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Block {
    Required,
    Preferred,
    Other,
    None,
}

fn header_kind(line: &str) -> Option<Block> {
    let l = line
        .trim()
        .trim_end_matches(':')
        .trim_start_matches('#')
        .trim()
        .to_lowercase();
    if l.is_empty() || l.split_whitespace().count() > 7 || l.ends_with('.') {
        return None;
    }
    const PREFERRED: [&str; 9] = [
        "nice to have",
        "nice-to-have",
        "preferred",
        "bonus",
        "pluses",
        "a plus",
        "good to have",
        "desirable",
        "extra credit",
    ];
    const REQUIRED: [&str; 12] = [
        "requirements",
        "requirement",
        "qualifications",
        "must have",
        "must-have",
        "what you'll bring",
        "what you bring",
        "what we're looking for",
        "what we are looking for",
        "you have",
        "skills",
        "about you",
    ];
    const OTHER: [&str; 12] = [
        "responsibilities",
        "what you'll do",
        "what you will do",
        "about us",
        "about the role",
        "the role",
        "benefits",
        "perks",
        "we offer",
        "how to apply",
        "our stack",
        "about the team",
    ];
    if PREFERRED.iter().any(|p| l.contains(p)) {
        Some(Block::Preferred)
    } else if REQUIRED.iter().any(|p| l.contains(p)) {
        Some(Block::Required)
    } else if OTHER.iter().any(|p| l.contains(p)) {
        Some(Block::Other)
    } else {
        None
    }
}

/// Strips a bullet marker ("-", "*", "•", "1.", "a)") and returns the rest, or `None` if the
/// line is not a bullet.
pub fn strip_bullet(line: &str) -> Option<&str> {
    let t = line.trim_start();
    for marker in [
        "- ", "* ", "• ", "· ", "– ", "— ", "▪ ", "◦ ", "● ", "■ ", "○ ",
    ] {
        if let Some(rest) = t.strip_prefix(marker) {
            return Some(rest.trim());
        }
    }
    let digits = t.chars().take_while(char::is_ascii_digit).count();
    if (1..=2).contains(&digits) {
        let rest = &t[digits..];
        if let Some(r) = rest.strip_prefix(". ").or_else(|| rest.strip_prefix(") ")) {
            return Some(r.trim());
        }
    }
    None
}

/// Whether a sentence says enough to be a requirement: three words, or two that qualify
/// themselves ("BSN preferred.", "Driving licence required.").
fn says_enough(sentence: &str) -> bool {
    let words: Vec<String> = sentence
        .split_whitespace()
        .map(|w| {
            w.trim_matches(|c: char| !c.is_alphanumeric())
                .to_lowercase()
        })
        .collect();
    match words.as_slice() {
        [] | [_] => false,
        // The thing, then the word that asks for it ("BSN preferred."), never "Must apply.".
        [first, second] => {
            first != "must"
                && first != "salary"
                && [
                    "preferred",
                    "preferable",
                    "desirable",
                    "required",
                    "essential",
                    "mandatory",
                ]
                .contains(&second.as_str())
        }
        _ => true,
    }
}

/// What follows a heading on its line, cut at sentence ends (a full stop, "!", "?" or ";"
/// and a space, so "Node.js" stays whole); every piece is kept, however short.
fn listed_items(text: &str) -> Vec<String> {
    let mut out = Vec::new();
    let mut start = 0;
    for i in sentence_ends(text, &['.', '!', '?', ';']) {
        out.push(text[start..=i].trim().to_owned());
        start = i + 1;
    }
    out.push(text[start..].trim().to_owned());
    out.retain(|p| p.chars().any(char::is_alphanumeric));
    out
}

/// Byte offsets of the `marks` in `text` that end a sentence: those followed by a space (so
/// the dot of "Node.js" ends nothing). Each mark is one byte: the next byte is a boundary.
fn sentence_ends<'a>(text: &'a str, marks: &'a [char]) -> impl Iterator<Item = usize> + 'a {
    text.char_indices()
        .filter(move |&(i, c)| marks.contains(&c) && text.as_bytes().get(i + 1) == Some(&b' '))
        .map(|(i, _)| i)
}

/// A heading that may start inside a line after a sentence: only these exact words (a
/// "Bonus:" of a salary line or a "Skills" inside a claim is no heading there).
fn is_inline_heading(head: &str) -> bool {
    const HEADINGS: [&str; 16] = [
        "requirements",
        "requirement",
        "qualifications",
        "must have",
        "must-have",
        "nice to have",
        "nice-to-have",
        "preferred",
        "desirable",
        "responsibilities",
        "benefits",
        "perks",
        "we offer",
        "about you",
        "about us",
        "about the role",
    ];
    let h = head.trim().to_lowercase();
    HEADINGS.contains(&h.as_str())
}

fn sentences(text: &str) -> Vec<String> {
    let mut out = Vec::new();
    let mut current = String::new();
    for c in text.chars() {
        current.push(c);
        if matches!(c, '.' | ';' | '!' | '?') {
            let s = current.trim().to_owned();
            if says_enough(&s) {
                out.push(s);
            }
            current.clear();
        }
    }
    let s = current.trim().to_owned();
    if says_enough(&s) {
        out.push(s);
    }
    out
}

/// A line cut where a heading starts inside it after a sentence: "We are hiring a nurse.
/// Requirements: 2+ years of ICU work. Benefits: dental." is three lines, so that a
/// description written as one paragraph keeps its sections. A line with no such heading is
/// one piece.
fn split_at_inline_headers(line: &str) -> Vec<&str> {
    // A bullet is one claim, whatever it says after a full stop.
    if strip_bullet(line).is_some() {
        return vec![line];
    }
    let mut pieces = Vec::new();
    let mut start = 0;
    for i in sentence_ends(line, &['.', '!', '?']) {
        let next = i + 2;
        let rest = line[next..].trim_start();
        let is_header = rest
            .split_once(':')
            .is_some_and(|(head, after)| !after.trim().is_empty() && is_inline_heading(head));
        if is_header && next > start {
            pieces.push(line[start..next].trim());
            start = next;
        }
    }
    pieces.push(line[start..].trim());
    pieces.retain(|p| !p.is_empty());
    pieces
}

/// "Go or Rust", "PyTorch / TensorFlow", "Playwright or Cypress": any one will do.
fn is_either_or(text: &str) -> bool {
    let lower = format!(" {} ", text.to_lowercase());
    lower.contains(" or ") || lower.contains(" / ") || lower.contains(" either ")
}

/// The description with its hard-wrapped lines joined: a line that starts with a small
/// letter continues the one before it ("… Requirements: 1+ years of⏎administrative
/// experience …" is one sentence), unless that one is a heading or ends with a colon, or the
/// line is a bullet of its own. Descriptions pasted from an email or a PDF are wrapped so.
fn unwrap_lines(text: &str) -> String {
    let mut lines: Vec<String> = Vec::new();
    for line in text.lines() {
        let trimmed = line.trim();
        let continues = trimmed.chars().next().is_some_and(char::is_lowercase)
            && strip_bullet(trimmed).is_none()
            && lines.last().is_some_and(|prev| {
                let prev = prev.trim();
                !prev.is_empty() && !prev.ends_with(':') && header_kind(prev).is_none()
            });
        match lines.last_mut() {
            Some(prev) if continues => {
                prev.push(' ');
                prev.push_str(trimmed);
            }
            _ => lines.push(line.to_owned()),
        }
    }
    lines.join("\n")
}

/// Parses a job description.
pub fn parse(description: &str, lexicon: &Lexicon) -> JobProfile {
    let description = &unwrap_lines(&crate::text::normalize(description));
    let mut block = Block::None;
    let mut found_section = false;
    let mut reqs: Vec<(String, Importance)> = Vec::new();
    let mut loose_bullets: Vec<String> = Vec::new();
    for line in description.lines().flat_map(split_at_inline_headers) {
        let trimmed = line.trim();
        if trimmed.is_empty() {
            continue;
        }
        if let Some(kind) = header_kind(trimmed) {
            if strip_bullet(trimmed).is_none() {
                block = kind;
                found_section |= matches!(kind, Block::Required | Block::Preferred);
                continue;
            }
        }
        // "Requirements: 5+ years of Go, ..." — a header and its content on one line.
        let mut trimmed = trimmed;
        let inline_header = trimmed.split_once(':').filter(|(head, rest)| {
            strip_bullet(trimmed).is_none()
                && head.split_whitespace().count() <= 3
                && !rest.trim().is_empty()
        });
        // What follows a heading on its line is a list, one requirement however short
        // ("Nice to have: Kafka.").
        let mut listed = false;
        if let Some((head, rest)) = inline_header {
            if let Some(kind) = header_kind(head) {
                block = kind;
                found_section |= matches!(kind, Block::Required | Block::Preferred);
                trimmed = rest.trim();
                listed = true;
            }
        }
        let text = strip_bullet(trimmed).unwrap_or(trimmed);
        match block {
            Block::Required | Block::Preferred => {
                let importance = if block == Block::Required {
                    Importance::Required
                } else {
                    Importance::Preferred
                };
                if listed {
                    reqs.extend(listed_items(text).into_iter().map(|s| (s, importance)));
                } else if strip_bullet(trimmed).is_some() {
                    reqs.push((text.to_owned(), importance));
                } else {
                    reqs.extend(sentences(text).into_iter().map(|s| (s, importance)));
                }
            }
            Block::Other => {}
            Block::None => {
                if strip_bullet(trimmed).is_some() {
                    loose_bullets.push(text.to_owned());
                }
            }
        }
    }
    if !found_section {
        // No headers: bullets anywhere, else every sentence that names a skill or years.
        reqs = if loose_bullets.is_empty() {
            sentences(description)
                .into_iter()
                .filter(|s| {
                    let l = s.to_lowercase();
                    REQUIREMENT_CUES.iter().any(|c| l.contains(c))
                        || !lexicon.skills_in(s).is_empty()
                        || years_required(s).is_some()
                })
                .map(|s| (s, Importance::Required))
                .collect()
        } else {
            loose_bullets
                .into_iter()
                .map(|b| (b, Importance::Required))
                .collect()
        };
    }
    // "Nice to have: X", "…; Kubernetes a plus", "…, ideally SaaS": preferred clauses.
    let reqs: Vec<(String, Importance)> = reqs
        .into_iter()
        .flat_map(|(text, importance)| split_preferred_clauses(&text, importance))
        .collect();
    let merged_from = if reqs.len() > MAX_REQUIREMENTS {
        reqs.len()
    } else {
        0
    };
    let requirements: Vec<Requirement> = merge_requirements(reqs)
        .into_iter()
        .map(|(text, importance)| Requirement {
            skills: lexicon.skills_in(&text),
            text: clipped(text),
            importance,
        })
        .collect();

    let mut required_skills: Vec<String> = Vec::new();
    let mut preferred_skills: Vec<String> = Vec::new();
    for r in &requirements {
        // "CRM experience (e.g. Salesforce)": an example is not a must.
        let examples = match r.importance {
            Importance::Required => example_skills(&r.text, lexicon),
            Importance::Preferred => Vec::new(),
        };
        for s in &r.skills {
            let target = if r.importance == Importance::Preferred || examples.contains(s) {
                &mut preferred_skills
            } else {
                &mut required_skills
            };
            if !target.contains(s) {
                target.push(s.clone());
            }
        }
    }
    if requirements.is_empty() {
        required_skills = lexicon.skills_in(description);
    }
    preferred_skills.retain(|s| !required_skills.contains(s));
    // Within a requirement, skills joined by "or" in one clause stand in for each other:
    // "Go or Rust, PostgreSQL" groups Go and Rust, not PostgreSQL.
    let alternatives: Vec<Vec<String>> = requirements
        .iter()
        .flat_map(|r| {
            r.text
                .split([',', ';', '(', ')'])
                .map(str::to_owned)
                .collect::<Vec<_>>()
        })
        .filter(|clause| is_either_or(clause))
        .map(|clause| lexicon.skills_in(&clause))
        .filter(|group| group.len() >= 2)
        .collect();
    required_skills.sort();
    preferred_skills.sort();
    let min_years = requirements
        .iter()
        .filter(|r| r.importance == Importance::Required)
        .filter_map(|r| years_required(&r.text))
        .fold(None, |acc: Option<f32>, y| {
            Some(acc.map_or(y, |a| a.max(y)))
        })
        .or_else(|| {
            if requirements.is_empty() {
                years_required(description)
            } else {
                None
            }
        });
    let degree = requirements
        .iter()
        .filter(|r| r.importance == Importance::Required)
        .filter_map(|r| degree_in(&r.text))
        .min()
        .or_else(|| {
            if requirements.is_empty() {
                degree_in(description)
            } else {
                None
            }
        });
    JobProfile {
        requirements,
        required_skills,
        preferred_skills,
        alternatives,
        min_years,
        degree,
        merged_from,
        not_english: crate::text::not_english(description),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const JD: &str = "About us\nWe move parcels.\n\nRequirements:\n- 5+ years of backend development in Go or Rust\n- Strong PostgreSQL and k8s experience\n- BSc in Computer Science or equivalent\n\nNice to have\n- Kafka\n- Experience with Terraform\n\nBenefits\n- Remote work\n";

    /// Each requirement's text and importance.
    pub(super) fn texts(p: &JobProfile) -> Vec<(&str, Importance)> {
        p.requirements
            .iter()
            .map(|r| (r.text.as_str(), r.importance))
            .collect()
    }

    #[test]
    fn requirements_by_section_with_importance() {
        let p = parse(JD, Lexicon::shipped());
        let texts = texts(&p);
        assert_eq!(
            texts,
            [
                (
                    "5+ years of backend development in Go or Rust",
                    Importance::Required
                ),
                ("Strong PostgreSQL and k8s experience", Importance::Required),
                (
                    "BSc in Computer Science or equivalent",
                    Importance::Required
                ),
                ("Kafka", Importance::Preferred),
                ("Experience with Terraform", Importance::Preferred),
            ]
        );
        assert_eq!(
            p.required_skills,
            [
                "Backend development",
                "Go",
                "Kubernetes",
                "PostgreSQL",
                "Rust"
            ]
        );
        assert_eq!(p.preferred_skills, ["Apache Kafka", "Terraform"]);
        assert_eq!(p.min_years, Some(5.0));
        assert_eq!(p.degree, Some(DegreeLevel::Bachelor));
    }

    #[test]
    fn headerless_descriptions_use_bullets_or_sentences() {
        let p = parse(
            "We need someone great.\n* Python\n* 3 years of SQL",
            Lexicon::shipped(),
        );
        assert_eq!(p.requirements.len(), 2);
        assert_eq!(p.min_years, Some(3.0));
        let p = parse(
            "We are hiring a data engineer. You know Spark and Airflow well. Lunch is free.",
            Lexicon::shipped(),
        );
        assert_eq!(p.requirements.len(), 1);
        assert_eq!(p.required_skills, ["Apache Airflow", "Apache Spark"]);
    }

    #[test]
    fn inline_nice_to_have_is_preferred() {
        let p = parse(
            "Requirements\n- React\n- GraphQL is a plus",
            Lexicon::shipped(),
        );
        assert_eq!(p.requirements[1].importance, Importance::Preferred);
        assert_eq!(p.required_skills, ["React"]);
        assert_eq!(p.preferred_skills, ["GraphQL"]);
    }

    #[test]
    fn empty_description_has_no_requirements() {
        let p = parse("", Lexicon::shipped());
        assert!(p.requirements.is_empty() && p.required_skills.is_empty());
    }
}

#[cfg(test)]
mod clause_tests {
    use super::tests::texts;
    use super::*;

    #[test]
    fn a_plus_qualifies_only_its_own_clause() {
        let p = parse(
            "Requirements\n- 3+ years with Docker; Kubernetes a plus\n- 4+ years of sales, ideally SaaS",
            Lexicon::shipped(),
        );
        let texts = super::tests::texts(&p);
        assert_eq!(
            texts,
            [
                ("3+ years with Docker", Importance::Required),
                ("Kubernetes a plus", Importance::Preferred),
                ("4+ years of sales", Importance::Required),
                ("ideally SaaS", Importance::Preferred),
            ]
        );
        assert!(p.required_skills.contains(&"Docker".to_owned()));
        assert_eq!(p.min_years, Some(4.0));
    }

    /// The defect: in "Nice to have: Kafka, Terraform" only Kafka was a nice-to-have; the
    /// list's other items became required.
    #[test]
    fn nice_to_have_with_a_colon_makes_its_whole_list_preferred() {
        for jd in [
            "Requirements\n- 3+ years of Go\n- Nice to have: Kafka, Terraform",
            "Requirements\nStrong Go skills. Nice to have: Kafka, Terraform, gRPC.",
            "Requirements\n- 3+ years of Go; preferred: Kafka, Terraform",
        ] {
            let p = parse(jd, Lexicon::shipped());
            assert_eq!(p.required_skills, ["Go"], "{jd}");
            assert_eq!(
                p.preferred_skills
                    .iter()
                    .filter(|s| *s != "gRPC")
                    .collect::<Vec<_>>(),
                ["Apache Kafka", "Terraform"],
                "{jd}"
            );
            assert!(p
                .requirements
                .iter()
                .filter(|r| r.text.contains("Terraform"))
                .all(|r| r.importance == Importance::Preferred));
        }
    }

    #[test]
    fn graduate_in_any_discipline_asks_for_a_bachelor() {
        let p = parse(
            "Requirements\n- Graduate in any discipline, MBA in Marketing preferred\n- Field sales",
            Lexicon::shipped(),
        );
        assert_eq!(p.degree, Some(DegreeLevel::Bachelor));
    }

    #[test]
    fn a_skill_named_as_an_example_is_preferred_not_required() {
        let p = parse(
            "Requirements\n- CRM experience (e.g. Salesforce); good negotiation skills\n- Drafting tools such as AutoCAD\n- Python, and SQL (e.g. PostgreSQL)",
            Lexicon::shipped(),
        );
        let has = |list: &[String], s: &str| list.iter().any(|x| x.eq_ignore_ascii_case(s));
        assert!(
            has(&p.preferred_skills, "Salesforce"),
            "{:?}",
            p.preferred_skills
        );
        assert!(
            !has(&p.required_skills, "Salesforce"),
            "{:?}",
            p.required_skills
        );
        assert!(
            has(&p.preferred_skills, "AutoCAD"),
            "{:?}",
            p.preferred_skills
        );
        assert!(has(&p.required_skills, "Python"), "{:?}", p.required_skills);
        assert!(has(&p.required_skills, "SQL"), "{:?}", p.required_skills);
        assert!(
            has(&p.preferred_skills, "PostgreSQL"),
            "{:?}",
            p.preferred_skills
        );
    }

    #[test]
    fn a_description_in_one_unbroken_block_is_no_requirement_of_its_length() {
        let block: String = (0..12_000).map(|i| format!("word{} ", i % 997)).collect();
        let p = parse(&format!("{block} Python"), Lexicon::shipped());
        assert!(!p.requirements.is_empty());
        for r in &p.requirements {
            assert!(
                r.text.chars().count() <= MAX_REQUIREMENT_CHARS + 1,
                "{}",
                r.text.len()
            );
        }
    }

    #[test]
    fn hundreds_of_bullets_are_merged_and_said_so() {
        let bullets: String = (0..409).map(|i| format!("- duty number {i}\n")).collect();
        let p = parse(&format!("Requirements\n{bullets}"), Lexicon::shipped());
        assert_eq!(p.merged_from, 409);
        assert!(p.requirements.len() <= MAX_REQUIREMENTS);
        assert!(p
            .requirements
            .iter()
            .all(|r| r.text.chars().count() <= MAX_REQUIREMENT_CHARS + 1));
        let all: String = p.requirements.iter().map(|r| r.text.as_str()).collect();
        assert!(all.contains("duty number 0") && all.contains("duty number 408"));
    }

    #[test]
    fn prose_descriptions_without_headings_have_requirements() {
        let p = parse(
            "We are a friendly clinic in Leeds. You have a nursing degree and two years of ward experience. You are calm under pressure. The office has a garden.",
            Lexicon::shipped(),
        );
        assert_eq!(p.requirements.len(), 2, "{:?}", p.requirements);
    }

    #[test]
    fn a_one_paragraph_description_keeps_its_inline_sections() {
        let p = parse(
            "We are hiring a registered nurse for our ICU in Leeds. Requirements: 2+ years of ICU \
             experience, BLS certification, calm under pressure. BSN preferred. Benefits: a \
             pension and free parking for every shift worker.",
            Lexicon::shipped(),
        );
        let texts = texts(&p);
        assert_eq!(
            texts,
            [
                (
                    "2+ years of ICU experience, BLS certification, calm under pressure.",
                    Importance::Required
                ),
                ("BSN preferred.", Importance::Preferred),
            ],
            "{texts:?}"
        );
        assert_eq!(p.min_years, Some(2.0));
    }

    #[test]
    fn a_hard_wrapped_description_reads_as_its_sentences() {
        let p = parse(
            "Office Administrator\n\nDuties: answering phones, data entry and filing. Requirements: 1+ years of\nadministrative or clerical experience, MS Office and a friendly\nmanner. High school diploma required.\n\nRequirements\n- Typing of 50 words\n  a minute\n\nNice to have\nfluent written and spoken French",
            Lexicon::shipped(),
        );
        let texts = texts(&p);
        assert_eq!(
            texts,
            [
                (
                    "1+ years of administrative or clerical experience, MS Office and a friendly manner.",
                    Importance::Required
                ),
                ("High school diploma required.", Importance::Required),
                ("Typing of 50 words a minute", Importance::Required),
                // After a heading a small letter starts a line of its own.
                ("fluent written and spoken French", Importance::Preferred),
            ],
            "{texts:?}"
        );
        assert_eq!(p.min_years, Some(1.0));
    }

    #[test]
    fn a_line_without_a_heading_inside_is_one_piece() {
        assert_eq!(
            split_at_inline_headers("Node.js and Go. Strong SQL: joins, indexes."),
            ["Node.js and Go. Strong SQL: joins, indexes."]
        );
        assert_eq!(
            split_at_inline_headers("Join us. Nice to have: Kafka."),
            ["Join us.", "Nice to have: Kafka."]
        );
        // The review's cases: a salary's bonus, a bullet's own "Skills:".
        assert_eq!(
            split_at_inline_headers("Competitive salary. Bonus: up to 15% of base."),
            ["Competitive salary. Bonus: up to 15% of base."]
        );
        assert_eq!(
            split_at_inline_headers("- Kubernetes. Skills: Helm, ArgoCD."),
            ["- Kubernetes. Skills: Helm, ArgoCD."]
        );
        assert!(!says_enough("Must apply."));
        assert!(!says_enough("Take advantage."));
        assert!(says_enough("Licence required."));
    }

    #[test]
    fn what_follows_an_inline_heading_is_kept_however_short() {
        let p = parse(
            "We use Go. Requirements: 3+ years of Go. Nice to have: Kafka.",
            Lexicon::shipped(),
        );
        assert_eq!(
            texts(&p),
            [
                ("3+ years of Go.", Importance::Required),
                ("Kafka.", Importance::Preferred),
            ]
        );
    }
}
