//! Lexical matching that does not depend on the lexicon knowing the field: BM25-style coverage
//! of a job's content terms in a resume, with term statistics (document frequencies, average
//! length) from a background corpus of real resumes shipped with the engine, so that rare
//! terms ("plaints", "HACCP", "AutoCAD") weigh much and common ones ("experience", "team")
//! little.

use std::collections::HashMap;

use crate::lexicon::Lexicon;
use crate::text;

/// BM25 term-frequency saturation.
const K1: f32 = 1.2;
/// BM25 length normalisation.
const B: f32 = 0.75;

/// A bag of terms: the lexical view of one document.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Doc {
    /// Term → count (a term of a skills list counts less than one shown in the work).
    pub counts: HashMap<String, f32>,
    /// Number of terms.
    pub len: f32,
}

impl Doc {
    /// The content terms of `text`, with their adjacent pairs (phrases such as
    /// "key account", "lead generation") as terms of their own (`"key account"`).
    pub fn of(text: &str) -> Doc {
        Doc::from_terms(&phrase_terms(text))
    }

    /// A bag of already computed terms.
    pub fn from_terms(terms: &[String]) -> Doc {
        let mut doc = Doc::default();
        doc.add(terms.iter().map(String::as_str), 1.0);
        doc
    }

    /// Adds `terms`, each counting `weight`.
    pub fn add<'a>(&mut self, terms: impl IntoIterator<Item = &'a str>, weight: f32) {
        for t in terms {
            if !t.contains(' ') {
                self.len += weight;
            }
            *self.counts.entry(t.to_owned()).or_default() += weight;
        }
    }

    /// The terms of `text` and, as terms of their own, the lexicon skills it names (so that
    /// "Golang" meets "Go", "k8s" meets "Kubernetes"), each counting `weight`.
    pub fn add_text(&mut self, text: &str, lexicon: &Lexicon, weight: f32) {
        let terms = phrase_terms(text);
        self.add(terms.iter().map(String::as_str), weight);
        for (term, count) in skill_terms(text, lexicon) {
            *self.counts.entry(term).or_default() += weight * count as f32;
        }
    }

    /// Takes away what `other` holds (never below nothing).
    pub fn remove(&mut self, other: &Doc) {
        for (term, n) in &other.counts {
            if let Some(c) = self.counts.get_mut(term) {
                let taken = n.min(*c);
                *c -= taken;
                if !term.contains(' ') {
                    self.len = (self.len - taken).max(0.0);
                }
            }
        }
        self.counts.retain(|_, c| *c > 0.0);
    }

    /// How often `term` occurs.
    pub fn count(&self, term: &str) -> f32 {
        self.counts.get(term).copied().unwrap_or(0.0)
    }
}

/// The term standing for a lexicon skill: its canonical name in angle brackets, which no word
/// of a text can be.
pub fn skill_term(name: &str) -> String {
    format!("<{}>", name.to_lowercase())
}

/// The lexicon skills `text` names (generic ones aside), as terms with their counts.
pub fn skill_terms(text: &str, lexicon: &Lexicon) -> Vec<(String, usize)> {
    lexicon
        .find(text)
        .into_iter()
        .filter(|h| !lexicon.skill(&h.skill).is_some_and(|s| s.generic))
        .map(|h| (skill_term(&h.skill), h.count))
        .collect()
}

/// The content terms of `text` followed by each pair of adjacent content terms within a line
/// or sentence, joined by a space.
pub fn phrase_terms(text: &str) -> Vec<String> {
    surfaced_terms(text).into_iter().map(|(t, _)| t).collect()
}

/// As [`phrase_terms`], each with the words it was made of (lowercase), for display.
pub fn surfaced_terms(text: &str) -> Vec<(String, String)> {
    let mut out = Vec::new();
    let mut pairs = Vec::new();
    for clause in text.split(['\n', '.', ';', ',', ':', '(', ')', '|', '•', '/', '!', '?']) {
        let words: Vec<(String, String)> = text::words(clause)
            .filter(|w| !text::is_stopword(w))
            .map(|w| (text::stem(&w).to_owned(), w))
            .collect();
        for pair in words.windows(2) {
            pairs.push((
                format!("{} {}", pair[0].0, pair[1].0),
                format!("{} {}", pair[0].1, pair[1].1),
            ));
        }
        out.extend(words);
    }
    out.extend(pairs);
    out
}

/// The terms of a job's text with the words each was written as: its content terms and
/// phrases, then the lexicon skills it names (generic ones aside).
fn query_terms(text: &str, lexicon: &Lexicon) -> Vec<(String, String)> {
    let skills = lexicon
        .find(text)
        .into_iter()
        .filter(|h| !lexicon.skill(&h.skill).is_some_and(|s| s.generic))
        .map(|h| (skill_term(&h.skill), h.skill));
    surfaced_terms(text).into_iter().chain(skills).collect()
}

/// Document frequencies of a corpus.
#[derive(Debug, Clone, Default)]
pub struct TermStats {
    /// Documents.
    pub docs: u32,
    /// Mean document length in terms.
    pub avg_len: f32,
    /// Term → number of documents it occurs in.
    pub df: HashMap<String, u32>,
}

impl TermStats {
    /// Statistics of `docs`.
    pub fn of<'a>(docs: impl IntoIterator<Item = &'a Doc>) -> TermStats {
        let mut stats = TermStats::default();
        let mut total = 0u64;
        for d in docs {
            stats.docs += 1;
            total += d.len as u64;
            for term in d.counts.keys() {
                *stats.df.entry(term.clone()).or_default() += 1;
            }
        }
        stats.avg_len = total as f32 / stats.docs.max(1) as f32;
        stats
    }

    /// These statistics and `other`'s as one corpus (the shipped background and the
    /// recruiter's own library): documents and document frequencies add up, the mean length
    /// is over both.
    pub fn merged(&self, other: &TermStats) -> TermStats {
        let docs = self.docs + other.docs;
        let mut df = self.df.clone();
        for (term, n) in &other.df {
            *df.entry(term.clone()).or_default() += n;
        }
        let avg_len = if docs == 0 {
            0.0
        } else {
            (self.avg_len * self.docs as f32 + other.avg_len * other.docs as f32) / docs as f32
        };
        TermStats { docs, avg_len, df }
    }

    /// The inverse document frequency of `term` in these statistics and `other`'s taken as
    /// one corpus (as [`TermStats::merged`] would give, without copying either).
    pub fn joint_idf(&self, other: &TermStats, term: &str) -> f32 {
        let n = (self.docs + other.docs) as f32;
        let df = (self.df.get(term).copied().unwrap_or(0)
            + other.df.get(term).copied().unwrap_or(0)) as f32;
        (1.0 + (n - df + 0.5) / (df + 0.5)).ln()
    }

    /// Inverse document frequency (BM25's, always positive): a term no document has weighs
    /// most.
    pub fn idf(&self, term: &str) -> f32 {
        let n = self.docs as f32;
        let df = self.df.get(term).copied().unwrap_or(0) as f32;
        (1.0 + (n - df + 0.5) / (df + 0.5)).ln()
    }
}

/// The weighted terms a job looks for.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Query {
    /// (term, weight) — weight = how much the job stresses it × its IDF.
    pub terms: Vec<(String, f32)>,
    /// Term → the words it was first written as in the job.
    pub surface: HashMap<String, String>,
}

impl Query {
    /// A query from weighted texts: each text's content terms and phrases (and the lexicon
    /// skills it names, as terms of their own), weighted by the text's weight, a term repeated
    /// in the job counted with diminishing weight (1, 1.5, 1.8 …).
    pub fn new(texts: &[(&str, f32)], stats: &TermStats, lexicon: &Lexicon) -> Query {
        let mut weight: HashMap<String, f32> = HashMap::new();
        let mut seen: HashMap<String, u32> = HashMap::new();
        let mut order: Vec<String> = Vec::new();
        let mut surface: HashMap<String, String> = HashMap::new();
        for (text, w) in texts {
            for (term, words) in query_terms(text, lexicon) {
                surface.entry(term.clone()).or_insert(words);
                let n = seen.entry(term.clone()).or_default();
                *n += 1;
                let gain = w / *n as f32;
                let slot = weight.entry(term.clone()).or_insert_with(|| {
                    order.push(term.clone());
                    0.0
                });
                *slot += gain;
            }
        }
        let terms = order
            .into_iter()
            .map(|t| {
                let w = weight[&t] * stats.idf(&t);
                (t, w)
            })
            .filter(|(_, w)| *w > 0.0)
            .collect();
        Query { terms, surface }
    }

    /// The distinct terms a query of `texts` can hold (whatever their weights): what the
    /// document frequencies must be known of to weigh it ([`Query::new`]).
    pub fn terms_of(texts: &[&str], lexicon: &Lexicon) -> Vec<String> {
        let mut seen = std::collections::HashSet::new();
        texts
            .iter()
            .flat_map(|t| query_terms(t, lexicon))
            .map(|(term, _)| term)
            .filter(|t| seen.insert(t.clone()))
            .collect()
    }

    /// Total weight (the score of a document holding every term, saturated).
    pub fn total(&self) -> f32 {
        self.terms.iter().map(|(_, w)| w).sum::<f32>() * (K1 + 1.0) / (1.0 + K1)
    }

    /// BM25 of `doc` for this query, with the corpus's average length.
    pub fn bm25(&self, doc: &Doc, avg_len: f32) -> f32 {
        let norm = 1.0 - B + B * doc.len / avg_len.max(1.0);
        self.terms
            .iter()
            .map(|(t, w)| {
                let f = doc.count(t);
                if f == 0.0 {
                    0.0
                } else {
                    w * f * (K1 + 1.0) / (f + K1 * norm)
                }
            })
            .sum()
    }

    /// How `term` was written in the job.
    pub fn surface<'a>(&'a self, term: &'a str) -> &'a str {
        self.surface.get(term).map_or(term, String::as_str)
    }

    /// The query's terms found in `doc`, heaviest first, with their weights.
    pub fn found<'a>(&'a self, doc: &Doc) -> Vec<(&'a str, f32)> {
        let mut hits: Vec<(&str, f32)> = self
            .terms
            .iter()
            .filter(|(t, _)| doc.count(t) > 0.0)
            .map(|(t, w)| (t.as_str(), *w))
            .collect();
        hits.sort_by(|a, b| b.1.total_cmp(&a.1));
        hits
    }

    /// The query's heaviest terms missing from `doc`.
    pub fn missing<'a>(&'a self, doc: &Doc) -> Vec<(&'a str, f32)> {
        let mut misses: Vec<(&str, f32)> = self
            .terms
            .iter()
            .filter(|(t, _)| doc.count(t) == 0.0)
            .map(|(t, w)| (t.as_str(), *w))
            .collect();
        misses.sort_by(|a, b| b.1.total_cmp(&a.1));
        misses
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The phrase term of a two-word text.
    fn pair(text: &str) -> String {
        phrase_terms(text).pop().unwrap()
    }

    fn corpus() -> (Vec<Doc>, TermStats) {
        let docs: Vec<Doc> = [
            "Sales executive with experience in retail sales and a team of five",
            "Software engineer with experience in Rust and a team",
            "Teacher with classroom experience and a team spirit",
            "Advocate: drafted plaints and written statements; experience in civil litigation",
        ]
        .iter()
        .map(|t| Doc::of(t))
        .collect();
        let stats = TermStats::of(&docs);
        (docs, stats)
    }

    #[test]
    fn rare_terms_weigh_more_than_common_ones() {
        let (_, stats) = corpus();
        assert!(stats.idf("plaint") > stats.idf(crate::text::stem("experience")));
        assert!(stats.idf("never-seen") > stats.idf("plaint"));
    }

    #[test]
    fn bm25_ranks_the_document_with_the_job_s_rare_terms_first() {
        let (docs, stats) = corpus();
        let q = Query::new(
            &[
                ("Advocate", 2.0),
                ("Experience drafting plaints; civil litigation team", 1.0),
            ],
            &stats,
            Lexicon::shipped(),
        );
        let scores: Vec<f32> = docs.iter().map(|d| q.bm25(d, stats.avg_len)).collect();
        let best = scores
            .iter()
            .enumerate()
            .max_by(|a, b| a.1.total_cmp(b.1))
            .map(|(i, _)| i);
        assert_eq!(best, Some(3), "{scores:?}");
        let litigation = pair("civil litigation");
        assert!(q.found(&docs[3]).iter().any(|(t, _)| *t == litigation));
        assert!(q.missing(&docs[0]).iter().any(|(t, _)| *t == "plaint"));
    }

    #[test]
    fn the_library_s_frequencies_join_the_background_s() {
        let (docs, background) = corpus();
        // A library of advocates: "plaint" is common there, so it weighs less than in the
        // background alone; a word no document has still weighs most.
        let library = TermStats::of(&[docs[3].clone(), docs[3].clone(), docs[3].clone()]);
        let both = background.merged(&library);
        assert_eq!(both.docs, 7);
        assert_eq!(both.df["plaint"], 4);
        assert!(both.idf("plaint") < background.idf("plaint"));
        assert!(both.idf("never-seen") > both.idf("plaint"));
        assert_eq!(background.merged(&TermStats::default()).df, background.df);
    }

    #[test]
    fn synonyms_meet_through_the_lexicon() {
        let stats = TermStats::default();
        let q = Query::new(&[("Go and Kubernetes", 1.0)], &stats, Lexicon::shipped());
        let mut doc = Doc::default();
        doc.add_text("Golang services on k8s", Lexicon::shipped(), 1.0);
        let found: Vec<&str> = q.found(&doc).into_iter().map(|(t, _)| t).collect();
        assert!(
            found.contains(&"<go>") && found.contains(&"<kubernetes>"),
            "{found:?}"
        );
    }

    #[test]
    fn phrases_stay_within_a_clause() {
        let t = phrase_terms("Key account management, lead generation");
        assert!(t.contains(&pair("key account")));
        assert!(t.contains(&pair("lead generation")));
        assert!(!t.contains(&pair("management lead")));
    }
}
