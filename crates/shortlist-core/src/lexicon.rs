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

/// The lexicon file, compiled in.
pub const SKILLS: &str = include_str!("../data/skills.txt");

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

/// One token of a text: a run of word characters or one other non-space character.
#[derive(Debug)]
struct Token<'a> {
    start: usize,
    end: usize,
    raw: &'a str,
    /// Whitespace stands between this token and the one before it.
    spaced: bool,
}

fn tokens(text: &str) -> Vec<Token<'_>> {
    let mut out = Vec::new();
    let mut chars = text.char_indices().peekable();
    let mut spaced = false;
    while let Some((start, c)) = chars.next() {
        if c.is_whitespace() {
            spaced = true;
            continue;
        }
        let mut end = start + c.len_utf8();
        if is_word_char(c) {
            while let Some(&(i, next)) = chars.peek() {
                if !is_word_char(next) {
                    break;
                }
                end = i + next.len_utf8();
                chars.next();
            }
        }
        out.push(Token {
            start,
            end,
            raw: &text[start..end],
            spaced,
        });
        spaced = false;
    }
    out
}

/// One alias as a token sequence.
#[derive(Debug)]
struct Pattern {
    /// The tokens, lowercased unless `exact`.
    words: Vec<String>,
    /// Whether whitespace precedes each token (the first one's is ignored).
    spaced: Vec<bool>,
    exact: bool,
    /// The last word may take a plural "s" (a case-insensitive alias ending in three or more
    /// letters).
    plural_ok: bool,
    target: usize,
}

impl Pattern {
    fn new(alias: &str, exact: bool, target: usize) -> Option<Pattern> {
        let toks = tokens(alias);
        if toks.is_empty() {
            return None;
        }
        Some(Pattern {
            words: toks
                .iter()
                .map(|t| {
                    if exact {
                        t.raw.to_owned()
                    } else {
                        t.raw.to_lowercase()
                    }
                })
                .collect(),
            spaced: toks.iter().map(|t| t.spaced).collect(),
            plural_ok: !exact && {
                let last = toks[toks.len() - 1].raw;
                last.chars().count() >= 3 && last.chars().all(char::is_alphabetic)
            },
            exact,
            target,
        })
    }

    fn same_words(&self, other: &Pattern) -> bool {
        self.exact == other.exact && self.words == other.words && self.spaced == other.spaced
    }

    /// Whether the pattern matches the text's tokens from `at` on (tokens and spacing; the word
    /// boundaries around it are checked by the caller).
    fn matches(&self, toks: &[Token<'_>], lower: &[String], at: usize) -> bool {
        let Some(window) = toks.get(at..at + self.words.len()) else {
            return false;
        };
        let last = self.words.len() - 1;
        window.iter().enumerate().all(|(k, t)| {
            let word = &self.words[k];
            let word_ok = if self.exact {
                t.raw == word
            } else {
                let text = &lower[at + k];
                // A plural of the last word counts ("good manufacturing practices").
                text == word
                    || (k == last
                        && self.plural_ok
                        && text.len() == word.len() + 1
                        && text.starts_with(word.as_str())
                        && text.ends_with('s'))
            };
            word_ok && (k == 0 || t.spaced == self.spaced[k])
        })
    }
}

/// Patterns indexed by their first token, longest first.
#[derive(Debug, Default)]
struct Matcher {
    patterns: Vec<Pattern>,
    /// Lowercased first token → pattern indices, most tokens (then most bytes) first; patterns
    /// with the same tokens are adjacent.
    by_first: HashMap<String, Vec<usize>>,
}

/// One match: the targets of the longest pattern that matched there (several when a name is
/// shared, as a category alias can be).
#[derive(Debug)]
struct Found {
    targets: Vec<usize>,
}

impl Matcher {
    fn new(patterns: Vec<Pattern>) -> Matcher {
        let mut by_first: HashMap<String, Vec<usize>> = HashMap::new();
        for (i, p) in patterns.iter().enumerate() {
            by_first
                .entry(p.words[0].to_lowercase())
                .or_default()
                .push(i);
        }
        for list in by_first.values_mut() {
            list.sort_by(|&a, &b| {
                let (pa, pb) = (&patterns[a], &patterns[b]);
                let len = |p: &Pattern| p.words.iter().map(String::len).sum::<usize>();
                (pb.words.len(), len(pb))
                    .cmp(&(pa.words.len(), len(pa)))
                    .then_with(|| pa.words.cmp(&pb.words))
                    .then_with(|| pa.exact.cmp(&pb.exact))
                    .then_with(|| a.cmp(&b))
            });
        }
        Matcher { patterns, by_first }
    }

    /// Every non-overlapping match in `text`, left to right, the longest at each place.
    fn find(&self, text: &str) -> Vec<Found> {
        let toks = tokens(text);
        let lower: Vec<String> = toks.iter().map(|t| t.raw.to_lowercase()).collect();
        let mut found = Vec::new();
        let mut at = 0;
        while at < toks.len() {
            let mut advanced = false;
            if let Some(candidates) = self.by_first.get(&lower[at]) {
                for (n, &i) in candidates.iter().enumerate() {
                    let p = &self.patterns[i];
                    if !p.matches(&toks, &lower, at) {
                        continue;
                    }
                    let last = &toks[at + p.words.len() - 1];
                    if !on_boundary(text, toks[at].start, last.end, p.exact) {
                        continue;
                    }
                    let mut targets = vec![p.target];
                    for &j in &candidates[n + 1..] {
                        let q = &self.patterns[j];
                        if !q.same_words(p) {
                            break;
                        }
                        if !targets.contains(&q.target) {
                            targets.push(q.target);
                        }
                    }
                    found.push(Found { targets });
                    at += p.words.len();
                    advanced = true;
                    break;
                }
            }
            if !advanced {
                at += 1;
            }
        }
        found
    }
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

#[cfg(test)]
mod tests {
    use super::*;

    fn skills(text: &str) -> Vec<String> {
        Lexicon::shipped().skills_in(text)
    }

    fn names(skills: &[&Skill]) -> Vec<String> {
        skills.iter().map(|s| s.name.clone()).collect()
    }

    #[test]
    fn ships_thousands_of_skills() {
        assert!(
            Lexicon::shipped().len() >= 2500,
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
        // "excel" the verb is not Excel (negotiation is a skill of its own now).
        assert_eq!(skills("I excel at negotiation"), ["Negotiation"]);
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

    #[test]
    fn longest_alias_wins_and_matches_do_not_overlap() {
        let lex = Lexicon::parse("[x]\nApache Spark | Spark\nSpark Streaming\n");
        assert_eq!(lex.skills_in("Apache Spark"), ["Apache Spark"]);
        assert_eq!(
            lex.skills_in("Spark Streaming and Spark"),
            ["Apache Spark", "Spark Streaming"]
        );
        assert_eq!(lex.find("Apache Spark")[0].count, 1);
    }

    #[test]
    fn a_plural_of_the_last_word_matches() {
        let lex = Lexicon::parse("[x]\nGood manufacturing practice | =GMP\nLead generation\n=Go\n");
        assert_eq!(
            lex.skills_in("Good Manufacturing Practices"),
            ["Good manufacturing practice"]
        );
        assert_eq!(lex.skills_in("lead generations"), ["Lead generation"]);
        assert!(lex.skills_in("GMPs and Gos").is_empty());
        assert!(lex.skills_in("lead generationss").is_empty());
    }

    #[test]
    fn shipped_file_starts_with_the_curated_one() {
        // skills.txt is generated: the curated file is copied into it as is, so an edit of
        // curated-skills.txt without re-running scripts/make-lexicon.py fails here.
        let curated = include_str!("../data/curated-skills.txt");
        assert!(SKILLS.contains(curated.trim()));
    }

    #[test]
    fn no_alias_names_two_skills() {
        let lex = Lexicon::shipped();
        let mut owner: HashMap<(bool, &[String], &[bool]), usize> = HashMap::new();
        let mut shared = Vec::new();
        for p in &lex.skill_patterns.patterns {
            let key = (p.exact, p.words.as_slice(), &p.spaced[1..]);
            if let Some(&other) = owner.get(&key) {
                if other != p.target {
                    shared.push(format!(
                        "{:?}: {} / {}",
                        p.words, lex.skills[other].name, lex.skills[p.target].name
                    ));
                }
            } else {
                owner.insert(key, p.target);
            }
        }
        assert!(shared.is_empty(), "{shared:#?}");
    }

    #[test]
    fn spacing_inside_an_alias_must_agree() {
        let lex = Lexicon::parse("[x]\nNode.js\nMachine learning\n");
        assert_eq!(lex.skills_in("machine\n  learning"), ["Machine learning"]);
        assert!(lex.skills_in("node. js").is_empty());
        assert!(lex.skills_in("machinelearning").is_empty());
    }

    #[test]
    fn non_software_resume_lines() {
        assert_eq!(
            skills("Achieved sales targets through lead generation, key account management and Salesforce"),
            ["Key account management", "Lead generation", "Sales targets", "Salesforce"]
        );
        assert_eq!(
            skills("Handled payroll processing, onboarding and PF/ESI compliance on Tally ERP 9"),
            [
                "Compliance",
                "Labour law compliance",
                "Onboarding",
                "Payroll",
                "Tally"
            ]
        );
        assert_eq!(
            skills("Drafted plaints and written statements; civil litigation before the District Court"),
            ["Civil litigation", "Plaints", "Written statements"]
        );
        assert_eq!(
            skills("Staff nurse in the ICU: IV cannulation, wound care, BLS certified"),
            [
                "Basic life support",
                "Critical care",
                "IV therapy",
                "Nursing",
                "Wound care"
            ]
        );
        assert_eq!(
            skills(
                "Site engineer: AutoCAD drawings, BOQ preparation, STAAD Pro structural analysis"
            ),
            [
                "AutoCAD",
                "Construction management",
                "Quantity surveying",
                "STAAD Pro",
                "Structural engineering"
            ]
        );
        assert_eq!(
            skills("SAP FICO and SAP MM consultant, ABAP on HANA"),
            ["ABAP", "Consulting", "SAP FICO", "SAP MM"]
        );
    }

    #[test]
    fn tally_the_verb_is_not_tally_the_software() {
        assert!(!skills("tally the stock counts").contains(&"Tally".to_owned()));
        assert!(skills("Tally Prime").contains(&"Tally".to_owned()));
    }

    #[test]
    fn skills_know_their_category_and_genericity() {
        let lex = Lexicon::shipped();
        let tally = lex.skill("tally").expect("Tally");
        assert_eq!(tally.category, "accounting software");
        assert!(!tally.generic);
        assert_eq!(
            lex.skill("PyTorch").expect("PyTorch").category,
            "deep learning frameworks"
        );
        assert_eq!(lex.skill("Salesforce").expect("Salesforce").category, "crm");
        assert!(
            lex.skill("Communication skills")
                .expect("communication")
                .generic
        );
        assert!(lex.skill("Sales").expect("sales").generic);
        assert!(lex.skill("no such skill").is_none());
    }

    #[test]
    fn generic_marker_and_generic_categories() {
        let lex = Lexicon::parse("[tools]\n~Management\nExcel\n[generic soft skills]\nTeamwork\n");
        let generic: Vec<bool> = lex.skills().iter().map(|s| s.generic).collect();
        assert_eq!(generic, [true, false, true]);
        assert_eq!(lex.skill("management").expect("parsed").name, "Management");
    }

    #[test]
    fn categories_named_in_questions() {
        let lex = Lexicon::shipped();
        assert_eq!(
            lex.categories_in("Which deep learning frameworks has the candidate used?"),
            ["deep learning frameworks"]
        );
        assert_eq!(lex.categories_in("which CRM does she know"), ["crm"]);
        assert_eq!(
            lex.categories_in("Any cloud platform experience?"),
            ["cloud platforms"]
        );
        assert!(lex
            .categories_in("What accounting software has he used?")
            .contains(&"accounting software"));
        assert!(lex
            .categories_in("Which CAD tools?")
            .contains(&"cad software"));
        assert_eq!(
            lex.categories_in("What nursing skills does she have?"),
            ["healthcare"]
        );
        assert_eq!(lex.categories_in("Any legal expertise?"), ["legal"]);
        assert!(lex.categories_in("How many years in total?").is_empty());
    }

    #[test]
    fn category_aliases_from_the_file() {
        let lex = Lexicon::parse(
            "[deep learning frameworks | deep learning | neural network frameworks]\nPyTorch\n",
        );
        assert_eq!(
            lex.categories()[0].aliases,
            ["deep learning", "neural network frameworks"]
        );
        assert_eq!(
            lex.categories_in("neural network framework?"),
            ["deep learning frameworks"]
        );
        assert_eq!(
            lex.categories_in("any deep learning"),
            ["deep learning frameworks"]
        );
        assert_eq!(names(&lex.skills_of_category("Deep Learning")), ["PyTorch"]);
    }

    #[test]
    fn skills_of_a_category() {
        let lex = Lexicon::shipped();
        let dl = names(&lex.skills_of_category("deep learning frameworks"));
        for want in ["PyTorch", "TensorFlow", "Keras"] {
            assert!(dl.contains(&want.to_owned()), "{dl:?}");
        }
        let ml = names(&lex.skills_of_category("machine learning libraries"));
        for want in ["scikit-learn", "XGBoost", "LightGBM"] {
            assert!(ml.contains(&want.to_owned()), "{ml:?}");
        }
        let crm = names(&lex.skills_of_category("CRM"));
        for want in ["Salesforce", "HubSpot", "Zoho CRM"] {
            assert!(crm.contains(&want.to_owned()), "{crm:?}");
        }
        let accounting = names(&lex.skills_of_category("accounting software"));
        for want in ["Tally", "QuickBooks"] {
            assert!(accounting.contains(&want.to_owned()), "{accounting:?}");
        }
        assert!(lex.skills_of_category("no such category").is_empty());
    }

    #[test]
    fn the_machine_learning_line_answers_a_deep_learning_question() {
        let lex = Lexicon::shipped();
        let line = "Machine Learning: scikit-learn, TensorFlow, PyTorch, XGBoost, LightGBM, Keras";
        let category = lex.categories_in("Which deep learning frameworks has the candidate used?");
        let wanted: Vec<String> = names(&lex.skills_of_category(category[0]));
        let found: Vec<String> = lex
            .skills_in(line)
            .into_iter()
            .filter(|s| wanted.contains(s))
            .collect();
        assert_eq!(found, ["Keras", "PyTorch", "TensorFlow"]);
    }

    #[test]
    fn singular_and_plural_of_category_names() {
        assert_eq!(
            number_variant("cloud platforms").as_deref(),
            Some("cloud platform")
        );
        assert_eq!(number_variant("crm").as_deref(), Some("crms"));
        assert_eq!(number_variant("hr policy").as_deref(), Some("hr policies"));
        assert_eq!(number_variant("business"), None);
    }
}
