//! The skill lexicon: canonical skill names with their aliases and spelling variants, shipped
//! as `data/skills.txt` and matched on word boundaries ("JS" = "JavaScript", "k8s" =
//! "Kubernetes", "Postgres" = "PostgreSQL"). Names written with a leading `=` match only as
//! written ("Go" the language, not "go" the verb).

use std::collections::BTreeMap;
use std::sync::OnceLock;

/// The lexicon file, compiled in.
pub const SKILLS: &str = include_str!("../data/skills.txt");

/// One alias of a skill.
#[derive(Debug, Clone)]
struct Alias {
    /// Lowercased unless `exact`.
    text: String,
    exact: bool,
    skill: usize,
}

/// A skill.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Skill {
    /// The canonical name.
    pub name: String,
    /// Its category (the `[section]` it is listed under).
    pub category: String,
}

/// The compiled lexicon.
#[derive(Debug)]
pub struct Lexicon {
    skills: Vec<Skill>,
    aliases: Vec<Alias>,
}

/// Where a skill was found.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SkillHit {
    /// The canonical skill name.
    pub skill: String,
    /// How many times any alias occurs.
    pub count: usize,
}

fn is_word_char(c: char) -> bool {
    c.is_alphanumeric() || c == '_'
}

/// True when `hay[start..end]` stands as a whole word or symbol-word: not inside another word
/// ("javascripting"), not part of a dotted name ("React.js" is not "JS"), not followed by the
/// symbols that make another skill ("C" in "C++").
fn on_boundary(hay: &str, start: usize, end: usize, exact: bool) -> bool {
    let mut before = hay[..start].chars().rev();
    let before_ok = match before.next() {
        None => true,
        Some('.') => !before.next().is_some_and(char::is_alphanumeric),
        Some(c) => !is_word_char(c) && c != '\'',
    };
    let mut after = hay[end..].chars();
    let after_ok = match after.next() {
        None => true,
        Some(c) if is_word_char(c) || matches!(c, '+' | '#' | '&') => false,
        // "Node.js" is not "Node" followed by a sentence end.
        Some('.') => !after.next().is_some_and(char::is_alphanumeric),
        // "Go-to-market", "R-squared": a dash after a short exact name is not the skill.
        Some('-') => !exact,
        Some(_) => true,
    };
    before_ok && after_ok
}

fn count_occurrences(hay: &str, needle: &str, exact: bool) -> usize {
    if needle.is_empty() {
        return 0;
    }
    let mut count = 0;
    let mut from = 0;
    while let Some(pos) = hay[from..].find(needle) {
        let start = from + pos;
        let end = start + needle.len();
        if on_boundary(hay, start, end, exact) {
            count += 1;
        }
        from = start + hay[start..].chars().next().map_or(1, char::len_utf8);
    }
    count
}

impl Lexicon {
    /// The shipped lexicon, parsed once.
    pub fn shipped() -> &'static Lexicon {
        static LEXICON: OnceLock<Lexicon> = OnceLock::new();
        LEXICON.get_or_init(|| Lexicon::parse(SKILLS))
    }

    /// Parses lexicon text.
    pub fn parse(text: &str) -> Lexicon {
        let mut skills = Vec::new();
        let mut aliases = Vec::new();
        let mut category = String::from("other");
        for line in text.lines().map(str::trim) {
            if line.is_empty() || line.starts_with('#') {
                continue;
            }
            if let Some(name) = line.strip_prefix('[').and_then(|l| l.strip_suffix(']')) {
                category = name.to_owned();
                continue;
            }
            let mut names = line.split('|').map(str::trim).filter(|n| !n.is_empty());
            let Some(first) = names.next() else { continue };
            let index = skills.len();
            skills.push(Skill {
                name: first.trim_start_matches('=').to_owned(),
                category: category.clone(),
            });
            for name in std::iter::once(first).chain(names) {
                let (exact, text) = match name.strip_prefix('=') {
                    Some(rest) => (true, rest.to_owned()),
                    None => (false, name.to_lowercase()),
                };
                let duplicate = aliases
                    .iter()
                    .any(|a: &Alias| a.skill == index && a.exact == exact && a.text == text);
                if duplicate {
                    continue;
                }
                aliases.push(Alias {
                    text,
                    exact,
                    skill: index,
                });
            }
        }
        // Longest aliases first, so "Apache Spark" is tried before "Spark".
        aliases.sort_by_key(|a| std::cmp::Reverse(a.text.len()));
        Lexicon { skills, aliases }
    }

    /// Number of skills.
    pub fn len(&self) -> usize {
        self.skills.len()
    }

    /// Whether the lexicon is empty.
    pub fn is_empty(&self) -> bool {
        self.skills.is_empty()
    }

    /// The skill called `name` (canonical, case-insensitive).
    pub fn skill(&self, name: &str) -> Option<&Skill> {
        self.skills
            .iter()
            .find(|s| s.name.eq_ignore_ascii_case(name))
    }

    /// Every skill mentioned in `text`, by canonical name, with its count, in name order.
    pub fn find(&self, text: &str) -> Vec<SkillHit> {
        let lower = text.to_lowercase();
        let mut counts: BTreeMap<usize, usize> = BTreeMap::new();
        for alias in &self.aliases {
            let hay = if alias.exact { text } else { &lower };
            let n = count_occurrences(hay, &alias.text, alias.exact);
            if n > 0 {
                *counts.entry(alias.skill).or_default() += n;
            }
        }
        let mut hits: Vec<SkillHit> = counts
            .into_iter()
            .map(|(i, count)| SkillHit {
                skill: self.skills[i].name.clone(),
                count,
            })
            .collect();
        hits.sort_by_key(|h| h.skill.to_lowercase());
        hits
    }

    /// Canonical names of the skills mentioned in `text`.
    pub fn skills_in(&self, text: &str) -> Vec<String> {
        self.find(text).into_iter().map(|h| h.skill).collect()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn skills(text: &str) -> Vec<String> {
        Lexicon::shipped().skills_in(text)
    }

    #[test]
    fn ships_hundreds_of_skills() {
        assert!(
            Lexicon::shipped().len() >= 250,
            "{}",
            Lexicon::shipped().len()
        );
    }

    #[test]
    fn aliases_map_to_canonical_names() {
        assert_eq!(skills("JS and k8s"), ["JavaScript", "Kubernetes"]);
        assert_eq!(skills("Postgres, Golang"), ["Go", "PostgreSQL"]);
        assert_eq!(skills("ML engineer"), ["Machine learning"]);
        assert_eq!(skills("machine learning"), ["Machine learning"]);
        assert_eq!(skills("React.js / ReactJS"), ["React"]);
    }

    #[test]
    fn case_matters_where_it_should() {
        assert_eq!(skills("Services in Go and Rust"), ["Go", "Rust"]);
        assert!(skills("ready to go live").is_empty());
        assert!(skills("I excel at negotiation").is_empty());
        assert_eq!(skills("Advanced Excel"), ["Excel"]);
        assert!(skills("Go-to-market plans").is_empty());
    }

    #[test]
    fn word_boundaries_and_symbols() {
        assert_eq!(skills("C++ and C#"), ["C#", "C++"]);
        assert_eq!(skills("C, C++"), ["C", "C++"]);
        assert!(skills("R&D budget").is_empty());
        assert!(skills("javascripting").is_empty());
        assert!(skills("Scalability").contains(&"Scalability".to_owned()));
        assert!(!skills("Scalability").contains(&"Scala".to_owned()));
        assert_eq!(skills("Node.js"), ["Node.js"]);
        assert_eq!(skills(".NET Core"), [".NET"]);
    }

    #[test]
    fn counts_every_occurrence_once() {
        let hits = Lexicon::shipped().find("Kubernetes, k8s and more Kubernetes");
        assert_eq!(
            hits,
            [SkillHit {
                skill: "Kubernetes".into(),
                count: 3
            }]
        );
    }
}
