//! Answering a question about an analysis from the candidate's own resume: the passages that
//! best match the question by meaning (embedding cosine), by words (overlap weighted by how
//! rare each word is in resumes: the shipped background corpus and the recruiter's own library
//! counted as one, so a word every resume of this library has weighs little) and by the lexicon's
//! categories ("Which deep learning frameworks…" finds the line that names TensorFlow and
//! PyTorch, "which CRM" the one that names Salesforce), with the matched words marked. Skills
//! lines are answers like any other.

use serde::{Deserialize, Serialize};

use crate::analysis::Passage;
use crate::embed::cosine;
use crate::id::AnalysisId;
use crate::lexicon::Lexicon;
use crate::profile::Section;

/// Share of the hybrid score that comes from the embedding; the rest from keyword overlap
/// (and, when the question names a category of the lexicon, from that category's skills).
pub const SEMANTIC_WEIGHT: f32 = 0.6;
/// Share that comes from the skills of a category the question names, when it names one.
pub const CATEGORY_WEIGHT: f32 = 0.3;
/// Skills of the asked-for category in a passage at which its category credit is full.
const FULL_CATEGORY_SKILLS: f32 = 2.0;

const STOPWORDS: [&str; 57] = [
    "a",
    "an",
    "and",
    "are",
    "as",
    "at",
    "be",
    "by",
    "can",
    "did",
    "do",
    "does",
    "for",
    "from",
    "has",
    "have",
    "he",
    "her",
    "his",
    "how",
    "in",
    "is",
    "it",
    "of",
    "on",
    "or",
    "she",
    "so",
    "than",
    "that",
    "the",
    "their",
    "them",
    "they",
    "this",
    "to",
    "was",
    "what",
    "when",
    "where",
    "which",
    "who",
    "why",
    "with",
    "worked",
    "work",
    "any",
    "ever",
    "candidate",
    "used",
    "use",
    "using",
    "experience",
    "know",
    "knows",
    "tell",
    "me",
];

/// One passage of an answer.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct AnswerPassage {
    /// The passage.
    pub text: String,
    pub section: Section,
    /// Hybrid score, 0–1.
    pub score: f32,
    /// Embedding cosine with the question.
    pub similarity: f32,
    /// Share of the question's words (and skills) found in it.
    pub keyword_overlap: f32,
    /// The question's words and skills found in it, as they appear in the passage.
    pub matched: Vec<String>,
}

/// The answer to a question.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct Answer {
    /// The analysis asked about.
    pub analysis_id: AnalysisId,
    pub question: String,
    /// The best passages, best first.
    pub passages: Vec<AnswerPassage>,
}

impl Answer {
    /// The answer as one text: the best passages joined (what a feedback record stores).
    pub fn text(&self) -> String {
        self.passages
            .iter()
            .map(|p| p.text.as_str())
            .collect::<Vec<_>>()
            .join("\n")
    }
}

fn words(text: &str) -> Vec<String> {
    text.to_lowercase()
        .split(|c: char| !(c.is_alphanumeric() || c == '+' || c == '#'))
        .filter(|w| w.chars().count() >= 2 && !STOPWORDS.contains(w))
        .map(str::to_owned)
        .collect()
}

/// Crude stemming so "led"/"leading"/"leads" and "team"/"teams" meet.
fn stem(word: &str) -> &str {
    for suffix in ["ing", "ed", "es", "s"] {
        if let Some(stem) = word.strip_suffix(suffix) {
            if stem.chars().count() >= 3 {
                return stem;
            }
        }
    }
    word
}

/// The terms whose document frequencies weigh `question`'s words (for
/// [`rank`]'s `library` statistics).
pub fn question_terms(question: &str) -> Vec<String> {
    let mut terms: Vec<String> = words(question)
        .iter()
        .map(|w| crate::text::stem(w).to_owned())
        .collect();
    terms.sort();
    terms.dedup();
    terms
}

/// Ranks `passages` for `question`; returns the best `k` (passages with neither meaning nor
/// words in common are left out). `library` holds the recruiter's library's statistics for
/// [`question_terms`] (empty for none), counted with the shipped background's.
pub fn rank(
    question: &str,
    question_vector: &[f32],
    passages: &[Passage],
    vectors: &[Vec<f32>],
    k: usize,
    lexicon: &Lexicon,
    library: &crate::lexical::TermStats,
) -> Vec<AnswerPassage> {
    let q_words: Vec<String> = {
        let mut w = words(question);
        w.sort();
        w.dedup();
        w
    };
    let stats = &crate::background::Background::shipped().stats;
    let idf = |w: &str| stats.joint_idf(library, crate::text::stem(w)).max(0.1);
    let q_skills = lexicon.skills_in(question);
    let wanted: f32 = q_words.iter().map(|w| idf(w)).sum::<f32>() + 3.0 * q_skills.len() as f32;
    let wanted = wanted.max(1.0);
    // Skills of the categories the question names ("which CRM" → Salesforce, HubSpot…).
    let category_skills: Vec<String> = lexicon
        .categories_in(question)
        .into_iter()
        .flat_map(|c| lexicon.skills_of_category(c))
        .map(|s| s.name.clone())
        .collect();
    let (semantic, lexical, category) = if category_skills.is_empty() {
        (SEMANTIC_WEIGHT, 1.0 - SEMANTIC_WEIGHT, 0.0)
    } else {
        let rest = 1.0 - CATEGORY_WEIGHT;
        (
            rest * SEMANTIC_WEIGHT,
            rest * (1.0 - SEMANTIC_WEIGHT),
            CATEGORY_WEIGHT,
        )
    };
    let mut out: Vec<AnswerPassage> = passages
        .iter()
        .zip(vectors)
        .filter(|(p, _)| p.section != Section::Lead)
        .map(|(p, v)| {
            let p_words = words(&p.text);
            let mut matched: Vec<String> = Vec::new();
            let mut hits = 0.0f32;
            for q in &q_words {
                let found: Vec<&String> = p_words.iter().filter(|w| stem(w) == stem(q)).collect();
                if let Some(first) = found.first() {
                    hits += idf(q);
                    if !matched.contains(first) {
                        matched.push((*first).clone());
                    }
                }
            }
            let p_skills = lexicon.skills_in(&p.text);
            for s in &q_skills {
                if p_skills.contains(s) {
                    hits += 3.0;
                    if !matched.iter().any(|m| m.eq_ignore_ascii_case(s)) {
                        matched.push(s.clone());
                    }
                }
            }
            let in_category: Vec<&String> = p_skills
                .iter()
                .filter(|s| category_skills.contains(s))
                .collect();
            for s in &in_category {
                if !matched.iter().any(|m| m.eq_ignore_ascii_case(s)) {
                    matched.push((*s).clone());
                }
            }
            let category_credit = (in_category.len() as f32 / FULL_CATEGORY_SKILLS).min(1.0);
            let keyword_overlap = (hits / wanted).min(1.0);
            let similarity = cosine(question_vector, v);
            let score = semantic * similarity.max(0.0)
                + lexical * keyword_overlap
                + category * category_credit;
            AnswerPassage {
                text: p.text.clone(),
                section: p.section,
                score: (score * 1000.0).round() / 1000.0,
                similarity: (similarity * 1000.0).round() / 1000.0,
                keyword_overlap: (keyword_overlap * 1000.0).round() / 1000.0,
                matched,
            }
        })
        .filter(|a| a.similarity > 0.1 || a.keyword_overlap > 0.0 || !a.matched.is_empty())
        .collect();
    out.sort_by(|a, b| {
        b.score
            .total_cmp(&a.score)
            .then_with(|| a.text.cmp(&b.text))
    });
    out.truncate(k);
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn keyword_overlap_uses_stems_and_skills() {
        let passages = vec![
            Passage {
                section: Section::Experience,
                text: "Led a team of six engineers".into(),
            },
            Passage {
                section: Section::Experience,
                text: "Wrote Golang services on k8s".into(),
            },
        ];
        let same = vec![vec![0.0; 3], vec![0.0; 3]];
        let q = [0.0; 3];
        let got = rank(
            "Has she been leading teams?",
            &q,
            &passages,
            &same,
            5,
            Lexicon::shipped(),
            &crate::lexical::TermStats::default(),
        );
        assert_eq!(got.len(), 1);
        assert!(got[0].text.starts_with("Led a team"));
        assert!(got[0].matched.contains(&"team".to_owned()));
        let got = rank(
            "Which Go and Kubernetes experience?",
            &q,
            &passages,
            &same,
            5,
            Lexicon::shipped(),
            &crate::lexical::TermStats::default(),
        );
        assert_eq!(got[0].text, "Wrote Golang services on k8s");
        assert!(
            got[0].matched.contains(&"Go".to_owned())
                && got[0].matched.contains(&"Kubernetes".to_owned())
        );
    }

    #[test]
    fn a_word_every_resume_of_the_library_has_weighs_less() {
        let passages = vec![
            Passage {
                section: Section::Experience,
                text: "Wrote plaints weekly".into(),
            },
            Passage {
                section: Section::Experience,
                text: "Litigation support role".into(),
            },
        ];
        let zero = vec![vec![0.0; 3], vec![0.0; 3]];
        let question = "Plaints or litigation?";
        let best = |library: &crate::lexical::TermStats| {
            rank(
                question,
                &[0.0; 3],
                &passages,
                &zero,
                2,
                Lexicon::shipped(),
                library,
            )[0]
            .text
            .clone()
        };
        let terms = question_terms(question);
        let plaint = crate::text::stem("plaints").to_owned();
        assert!(terms.contains(&plaint), "{terms:?}");
        // With the background alone the rarer word wins …
        let background = &crate::background::Background::shipped().stats;
        assert!(background.idf(&plaint) > background.idf(crate::text::stem("litigation")));
        assert_eq!(
            best(&crate::lexical::TermStats::default()),
            "Wrote plaints weekly"
        );
        // … but in a library of lawyers where every resume says "plaints", the other one does.
        let library = crate::lexical::TermStats {
            docs: 400,
            avg_len: 300.0,
            df: [(plaint, 400)].into_iter().collect(),
        };
        assert_eq!(best(&library), "Litigation support role");
    }
}
