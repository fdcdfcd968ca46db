//! The lexical half of library search: BM25 over every stored passage, with the library's
//! own term statistics (document frequency over all passages, average passage length), on
//! accent-folded lowercase words, so "Wisniewska" finds "Wiśniewska" and a name or a skill
//! finds the passages that spell it.

use std::collections::{HashMap, HashSet};

use heed::RoTxn;

use super::super::tables::{self, Dbs};
use crate::error::Result;
use crate::id::ResumeId;
use crate::text;

const K1: f32 = 1.2;
const B: f32 = 0.75;

/// A word of a text: its folded form and its place, in characters (Unicode scalar values).
pub(crate) struct Word {
    pub folded: String,
    pub start: usize,
    pub end: usize,
}

/// The words of `text`, folded, with their character spans.
pub(crate) fn words(text: &str) -> Vec<Word> {
    let mut out = Vec::new();
    let mut current = String::new();
    let mut start = 0;
    let mut n = 0;
    for (i, c) in text.chars().enumerate() {
        n = i + 1;
        if text::is_word_char(c) {
            if current.is_empty() {
                start = i;
            }
            current.push(c);
        } else if !current.is_empty() {
            out.push(Word {
                folded: text::fold(&current),
                start,
                end: i,
            });
            current.clear();
        }
    }
    if !current.is_empty() {
        out.push(Word {
            folded: text::fold(&current),
            start,
            end: n,
        });
    }
    out
}

/// The distinct content terms of a query (folded, stopwords left out), in order.
pub(crate) fn query_terms(query: &str) -> Vec<String> {
    let mut seen = HashSet::new();
    words(query)
        .into_iter()
        .map(|w| w.folded)
        .filter(|t| !text::STOPWORDS.contains(&t.as_str()))
        .filter(|t| seen.insert(t.clone()))
        .collect()
}

/// The passage number that stands for the candidate's name (stored apart from the passages:
/// the header lines are not evidence).
pub(crate) const NAME: u32 = u32::MAX;

/// A passage that contains query terms.
#[derive(Debug, Clone)]
pub(crate) struct LexHit {
    pub resume: ResumeId,
    pub passage: u32,
    pub score: f32,
    /// The share of the query's IDF weight this passage contains (1: every term).
    pub coverage: f32,
}

/// The `k` best passages of the library for `terms` by BM25, among `allowed` when given; a
/// candidate's name counts as one more passage of theirs ([`NAME`]).
pub(crate) fn search(
    rtxn: &RoTxn<'_>,
    dbs: &Dbs,
    terms: &[String],
    k: usize,
    allowed: Option<&HashSet<ResumeId>>,
) -> Result<Vec<LexHit>> {
    if terms.is_empty() {
        return Ok(Vec::new());
    }
    let index: HashMap<&str, usize> = terms
        .iter()
        .enumerate()
        .map(|(i, t)| (t.as_str(), i))
        .collect();
    let mut df = vec![0u32; terms.len()];
    let (mut n_docs, mut total_len) = (0u64, 0u64);
    // (resume, passage, term frequencies, length) of the passages with a query term.
    let mut matched: Vec<(ResumeId, u32, Vec<u32>, u32)> = Vec::new();
    for item in dbs.passages.iter(rtxn)? {
        let (resume, passages) = item?;
        if allowed.is_some_and(|a| !a.contains(&resume)) {
            continue;
        }
        let name = tables::resumes::get(rtxn, dbs, &resume)?.and_then(|r| r.contact.name);
        let texts = passages
            .iter()
            .enumerate()
            .map(|(i, p)| (i as u32, p.text.as_str()))
            .chain(name.as_deref().map(|n| (NAME, n)));
        for (i, text) in texts {
            let ws = words(text);
            n_docs += 1;
            total_len += ws.len() as u64;
            let mut tf = vec![0u32; terms.len()];
            for w in &ws {
                if let Some(&t) = index.get(w.folded.as_str()) {
                    tf[t] += 1;
                }
            }
            if tf.iter().any(|&f| f > 0) {
                for (d, f) in df.iter_mut().zip(&tf) {
                    *d += u32::from(*f > 0);
                }
                matched.push((resume.clone(), i, tf, ws.len() as u32));
            }
        }
    }
    if matched.is_empty() {
        return Ok(Vec::new());
    }
    let avg = total_len as f32 / n_docs.max(1) as f32;
    let idf: Vec<f32> = df
        .iter()
        .map(|&d| {
            let d = d as f32;
            (1.0 + (n_docs as f32 - d + 0.5) / (d + 0.5)).ln()
        })
        .collect();
    // Terms no passage has still count in the whole (with the IDF of a one-passage term).
    let unseen = (1.0 + (n_docs as f32 - 0.5) / 1.5).ln();
    let whole: f32 = idf
        .iter()
        .zip(&df)
        .map(|(w, &d)| if d == 0 { unseen } else { *w })
        .sum();
    let mut hits: Vec<LexHit> = matched
        .into_iter()
        .map(|(resume, passage, tf, len)| {
            let norm = K1 * (1.0 - B + B * len as f32 / avg.max(1.0));
            let mut score = 0.0;
            let mut covered = 0.0;
            for (t, &f) in tf.iter().enumerate() {
                if f > 0 {
                    let f = f as f32;
                    score += idf[t] * f * (K1 + 1.0) / (f + norm);
                    covered += idf[t];
                }
            }
            LexHit {
                resume,
                passage,
                score,
                coverage: if whole > 0.0 { covered / whole } else { 0.0 },
            }
        })
        .collect();
    hits.sort_by(|a, b| {
        b.score
            .total_cmp(&a.score)
            .then_with(|| a.resume.cmp(&b.resume))
            .then_with(|| a.passage.cmp(&b.passage))
    });
    hits.truncate(k);
    Ok(hits)
}

/// The character spans of `text`'s words that are query terms.
pub(crate) fn highlights(text: &str, terms: &[String]) -> Vec<(usize, usize)> {
    words(text)
        .into_iter()
        .filter(|w| terms.contains(&w.folded))
        .map(|w| (w.start, w.end))
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn words_are_folded_and_spanned_in_characters() {
        let ws = words("Anna Wiśniewska, résumé");
        let folded: Vec<&str> = ws.iter().map(|w| w.folded.as_str()).collect();
        assert_eq!(folded, ["anna", "wisniewska", "resume"]);
        assert_eq!((ws[1].start, ws[1].end), (5, 15));
        assert_eq!(
            highlights("Led the Kubernetes move", &query_terms("kubernetes")),
            [(8, 18)]
        );
        assert_eq!(
            query_terms("payroll for the payroll team"),
            ["payroll", "team"]
        );
    }
}
