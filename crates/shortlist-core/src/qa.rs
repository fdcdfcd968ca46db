//! Answering a question about an analysis from the candidate's own resume: the passages that
//! best match the question by meaning (embedding cosine) and by words (keyword overlap), with
//! the matched words marked.

use serde::{Deserialize, Serialize};

use crate::analysis::Passage;
use crate::embed::cosine;
use crate::id::AnalysisId;
use crate::lexicon::Lexicon;
use crate::profile::Section;

/// Share of the hybrid score that comes from the embedding; the rest from keyword overlap.
pub const SEMANTIC_WEIGHT: f32 = 0.7;

const STOPWORDS: [&str; 48] = [
    "a", "an", "and", "are", "as", "at", "be", "by", "can", "did", "do", "does", "for", "from",
    "has", "have", "he", "her", "his", "how", "in", "is", "it", "of", "on", "or", "she", "so",
    "than", "that", "the", "their", "them", "they", "this", "to", "was", "what", "when", "where",
    "which", "who", "why", "with", "worked", "work", "any", "ever",
];

/// One passage of an answer.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, ts_rs::TS)]
pub struct AnswerPassage {
    /// The passage.
    pub text: String,
    /// Its section.
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
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, ts_rs::TS)]
pub struct Answer {
    /// The analysis asked about.
    pub analysis_id: AnalysisId,
    /// The question.
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

/// Ranks `passages` for `question`; returns the best `k` (passages with neither meaning nor
/// words in common are left out).
pub fn rank(
    question: &str,
    question_vector: &[f32],
    passages: &[Passage],
    vectors: &[Vec<f32>],
    k: usize,
    lexicon: &Lexicon,
) -> Vec<AnswerPassage> {
    let q_words: Vec<String> = {
        let mut w = words(question);
        w.sort();
        w.dedup();
        w
    };
    let q_skills = lexicon.skills_in(question);
    let wanted = (q_words.len() + q_skills.len()).max(1) as f32;
    let mut out: Vec<AnswerPassage> = passages
        .iter()
        .zip(vectors)
        .filter(|(p, _)| p.section != Section::Lead)
        .map(|(p, v)| {
            let p_words = words(&p.text);
            let mut matched: Vec<String> = Vec::new();
            let mut hits = 0usize;
            for q in &q_words {
                let found: Vec<&String> = p_words.iter().filter(|w| stem(w) == stem(q)).collect();
                if let Some(first) = found.first() {
                    hits += 1;
                    if !matched.contains(first) {
                        matched.push((*first).clone());
                    }
                }
            }
            let p_skills = lexicon.skills_in(&p.text);
            for s in &q_skills {
                if p_skills.contains(s) {
                    hits += 1;
                    if !matched.iter().any(|m| m.eq_ignore_ascii_case(s)) {
                        matched.push(s.clone());
                    }
                }
            }
            let keyword_overlap = (hits as f32 / wanted).min(1.0);
            let similarity = cosine(question_vector, v);
            let score =
                SEMANTIC_WEIGHT * similarity.max(0.0) + (1.0 - SEMANTIC_WEIGHT) * keyword_overlap;
            AnswerPassage {
                text: p.text.clone(),
                section: p.section,
                score: (score * 1000.0).round() / 1000.0,
                similarity: (similarity * 1000.0).round() / 1000.0,
                keyword_overlap: (keyword_overlap * 1000.0).round() / 1000.0,
                matched,
            }
        })
        .filter(|a| a.similarity > 0.1 || a.keyword_overlap > 0.0)
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
        );
        assert_eq!(got[0].text, "Wrote Golang services on k8s");
        assert!(
            got[0].matched.contains(&"Go".to_owned())
                && got[0].matched.contains(&"Kubernetes".to_owned())
        );
    }
}
