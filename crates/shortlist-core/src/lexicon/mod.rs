//! The skill lexicon: canonical skill names with their aliases and spelling variants, each under
//! a category, shipped as `data/skills.txt` (written by `scripts/make-lexicon.py` from the
//! hand-curated `data/curated-skills.txt` and the ESCO classification) and matched on word
//! boundaries ("JS" = "JavaScript", "k8s" = "Kubernetes", "Postgres" = "PostgreSQL"). Names
//! written with a leading `=` match only as written ("Go" the language, not "go" the verb); a
//! leading `~` marks a generic skill ("communication") that a score should weight low.
//!
//! Matching is token based and linear in the text: the text is cut into word tokens and single
//! symbol characters, each alias is a token sequence, and a map from an alias's first token to
//! its candidates (longest first) is tried at every token. Matches do not overlap: "Apache Spark"
//! is one hit of Apache Spark, not also one of Spark.

use std::collections::{BTreeMap, HashMap};
use std::sync::OnceLock;

mod matcher;
#[cfg(test)]
mod tests;

use matcher::{Matcher, Pattern};

/// The lexicon file, compiled in.
pub const SKILLS: &str = include_str!("../../data/skills.txt");

/// A skill.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Skill {
    /// The canonical name.
    pub name: String,
    /// Its category (the `[section]` it is listed under).
    pub category: String,
    /// A generic skill ("communication", "management"): marked `~` in the file or listed under a
    /// category whose name starts with "generic". Nearly every resume has it; weight it low.
    pub generic: bool,
}

/// A category of skills, with the words a question may use for it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Category {
    /// The name (`[deep learning frameworks | …]`).
    pub name: String,
    /// The other names after the `|` ("deep learning", "neural network frameworks").
    pub aliases: Vec<String>,
}

/// The compiled lexicon.
#[derive(Debug)]
pub struct Lexicon {
    skills: Vec<Skill>,
    /// Lowercased canonical name → skill.
    by_name: HashMap<String, usize>,
    categories: Vec<Category>,
    /// Lowercased category name or alias → categories.
    category_by_name: HashMap<String, Vec<usize>>,
    /// Aliases of skills; a pattern's target is a skill index.
    skill_patterns: Matcher,
    /// Names and aliases of categories (and their singular or plural); target: category index.
    category_patterns: Matcher,
}

/// Where a skill was found.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SkillHit {
    /// The canonical skill name.
    pub skill: String,
    /// How many times any alias occurs.
    pub count: usize,
}

/// The singular or plural of a category name's last word ("frameworks" ↔ "framework"), so a
/// question may use either.
fn number_variant(name: &str) -> Option<String> {
    let last = name.rsplit(' ').next()?;
    if !last.chars().all(char::is_alphabetic) || last.chars().count() < 3 {
        return None;
    }
    let head = &name[..name.len() - last.len()];
    let other = if let Some(stem) = last.strip_suffix("ies") {
        format!("{stem}y")
    } else if last.ends_with("ss") {
        return None;
    } else if let Some(stem) = last.strip_suffix('s') {
        stem.to_owned()
    } else if let Some(stem) = last.strip_suffix('y') {
        format!("{stem}ies")
    } else {
        format!("{last}s")
    };
    Some(format!("{head}{other}"))
}

impl Lexicon {
    /// The shipped lexicon, parsed once.
    pub fn shipped() -> &'static Lexicon {
        static LEXICON: OnceLock<Lexicon> = OnceLock::new();
        LEXICON.get_or_init(|| Lexicon::parse(SKILLS))
    }

    /// Parses lexicon text (the syntax of `data/skills.txt`).
    pub fn parse(text: &str) -> Lexicon {
        let mut skills: Vec<Skill> = Vec::new();
        let mut patterns = Vec::new();
        let mut categories: Vec<Category> = Vec::new();
        let mut current: Option<usize> = None;
        for line in text.lines().map(str::trim) {
            if line.is_empty() || line.starts_with('#') {
                continue;
            }
            if let Some(inner) = line.strip_prefix('[').and_then(|l| l.strip_suffix(']')) {
                let mut names = inner.split('|').map(str::trim).filter(|n| !n.is_empty());
                let Some(name) = names.next() else { continue };
                let aliases = names.map(str::to_owned).collect();
                current = Some(match categories.iter().position(|c| c.name == name) {
                    Some(i) => i,
                    None => {
                        categories.push(Category {
                            name: name.to_owned(),
                            aliases,
                        });
                        categories.len() - 1
                    }
                });
                continue;
            }
            let mut names = line.split('|').map(str::trim).filter(|n| !n.is_empty());
            let Some(first) = names.next() else { continue };
            let (marked, first) = match first.strip_prefix('~') {
                Some(rest) => (true, rest.trim_start()),
                None => (false, first),
            };
            let category = match current {
                Some(i) => categories[i].name.clone(),
                None => "other".to_owned(),
            };
            let index = skills.len();
            skills.push(Skill {
                name: first.trim_start_matches('=').to_owned(),
                generic: marked || category.starts_with("generic"),
                category,
            });
            let mut seen: Vec<(bool, String)> = Vec::new();
            for name in std::iter::once(first).chain(names) {
                let (exact, text) = match name.strip_prefix('=') {
                    Some(rest) => (true, rest.to_owned()),
                    None => (false, name.to_lowercase()),
                };
                if seen.contains(&(exact, text.clone())) {
                    continue;
                }
                if let Some(p) = Pattern::new(&text, exact, index) {
                    patterns.push(p);
                }
                seen.push((exact, text));
            }
        }
        let mut by_name = HashMap::new();
        for (i, s) in skills.iter().enumerate() {
            by_name.entry(s.name.to_lowercase()).or_insert(i);
        }
        let mut category_by_name: HashMap<String, Vec<usize>> = HashMap::new();
        let mut category_pats = Vec::new();
        for (i, c) in categories.iter().enumerate() {
            for name in std::iter::once(&c.name).chain(&c.aliases) {
                let lower = name.to_lowercase();
                let entry = category_by_name.entry(lower.clone()).or_default();
                if !entry.contains(&i) {
                    entry.push(i);
                }
                category_pats.extend(Pattern::new(&lower, false, i));
                if let Some(variant) = number_variant(&lower) {
                    category_pats.extend(Pattern::new(&variant, false, i));
                }
            }
        }
        Lexicon {
            skills,
            by_name,
            categories,
            category_by_name,
            skill_patterns: Matcher::new(patterns),
            category_patterns: Matcher::new(category_pats),
        }
    }

    /// Number of skills.
    pub fn len(&self) -> usize {
        self.skills.len()
    }

    /// Whether the lexicon is empty.
    pub fn is_empty(&self) -> bool {
        self.skills.is_empty()
    }

    /// Every skill, in file order.
    pub fn skills(&self) -> &[Skill] {
        &self.skills
    }

    /// Every category, in file order.
    pub fn categories(&self) -> &[Category] {
        &self.categories
    }

    /// The skill called `name` (canonical, case-insensitive).
    pub fn skill(&self, name: &str) -> Option<&Skill> {
        self.by_name
            .get(&name.to_lowercase())
            .map(|&i| &self.skills[i])
    }

    /// Every skill mentioned in `text`, by canonical name, with its count, in name order.
    pub fn find(&self, text: &str) -> Vec<SkillHit> {
        let mut counts: BTreeMap<usize, usize> = BTreeMap::new();
        for found in self.skill_patterns.find(text) {
            for skill in found.targets {
                *counts.entry(skill).or_default() += 1;
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

    /// The categories a question names by their name or an alias, singular or plural, in the
    /// order they occur ("Which deep learning frameworks has she used?" → `deep learning
    /// frameworks`; "which CRM" → `crm`).
    pub fn categories_in(&self, text: &str) -> Vec<&str> {
        let mut out: Vec<&str> = Vec::new();
        for found in self.category_patterns.find(text) {
            for i in found.targets {
                let name = self.categories[i].name.as_str();
                if !out.contains(&name) {
                    out.push(name);
                }
            }
        }
        out
    }

    /// The skills of the category called `name` or with `name` as an alias (case-insensitive),
    /// in file order; empty for an unknown category.
    pub fn skills_of_category(&self, name: &str) -> Vec<&Skill> {
        let Some(indices) = self.category_by_name.get(&name.to_lowercase()) else {
            return Vec::new();
        };
        let names: Vec<&str> = indices
            .iter()
            .map(|&i| self.categories[i].name.as_str())
            .collect();
        self.skills
            .iter()
            .filter(|s| names.contains(&s.category.as_str()))
            .collect()
    }
}
