//! The lexical half of library search: BM25 over every stored passage, with the library's
//! own term statistics (document frequency over all passages, average passage length), on
//! accent-folded lowercase words, so "Wisniewska" finds "Wiśniewska" and a name or a skill
//! finds the passages that spell it.
//!
//! [`search`] reads only the postings of the query's terms from the inverted index
//! ([`tables::word_index`], kept in the passages' own transactions); [`scan`], which reads
//! every passage, is the reference it must agree with (the benchmark and the tests compare
//! them: same passages, same order, same scores).

use std::collections::{HashMap, HashSet};

use heed::RoTxn;

use super::super::tables::{self, word_index, Dbs};
use crate::error::{Error, Result};
use crate::id::ResumeId;

const K1: f32 = 1.2;
const B: f32 = 0.75;

pub(crate) use tables::word_index::words;

/// Terms of a query searched for at most: each costs one read of its postings, and a
/// pasted page of text is not a search (the first ones are kept).
pub(crate) const MAX_QUERY_TERMS: usize = 24;

/// The distinct content terms of a query (folded, stopwords left out), in order, at most
/// [`MAX_QUERY_TERMS`].
pub(crate) fn query_terms(query: &str) -> Vec<String> {
    let mut seen = HashSet::new();
    words(query)
        .into_iter()
        .map(|w| w.folded)
        .filter(|t| word_index::indexed(t))
        .filter(|t| seen.insert(t.clone()))
        .take(MAX_QUERY_TERMS)
        .collect()
}

/// The passage number that stands for the candidate's name (stored apart from the passages:
/// the header lines are not evidence).
pub(crate) const NAME: u32 = word_index::NAME;

/// Resumes whose postings of one term are read at most. A term in more resumes than this is
/// left out of the query, as a stopword is: at that size (20× the 10k-resume goal) such a
/// word is in nearly every resume, its IDF is near its floor and it cannot reorder the
/// results much, while reading its postings would cost more than the whole search's budget.
/// Below the cap the index's results equal the scan's exactly.
pub(crate) const MAX_RESUMES_PER_TERM: usize = 200_000;

/// A passage that contains query terms.
#[derive(Debug, Clone)]
pub(crate) struct LexHit {
    pub resume: ResumeId,
    pub passage: u32,
    pub score: f32,
    /// The share of the query's IDF weight this passage contains (1: every term).
    pub coverage: f32,
}

/// The passages that contain query terms, as both searches gather them: the resumes once
/// each, and per passage its resume, number and length, with the terms' frequencies in `tf`
/// (`terms` per passage).
#[derive(Default)]
struct Matched {
    resumes: Vec<ResumeId>,
    /// (index into `resumes`, passage number, length in words).
    rows: Vec<(u32, u32, u32)>,
    tf: Vec<u32>,
}

/// The `k` best passages of the library for `terms` by BM25, among `allowed` when given; a
/// candidate's name counts as one more passage of theirs ([`NAME`]). Reads the inverted
/// index: only the postings of the query's terms (see [`MAX_RESUMES_PER_TERM`]).
pub(crate) fn search(
    rtxn: &RoTxn<'_>,
    dbs: &Dbs,
    terms: &[String],
    k: usize,
    allowed: Option<&HashSet<ResumeId>>,
) -> Result<Vec<LexHit>> {
    if terms.is_empty() || k == 0 {
        return Ok(Vec::new());
    }
    // A store whose index is not complete yet (an older one before its build at open, held
    // by another process): the scan answers.
    if dbs.word_docs.len(rtxn)? < dbs.passages.len(rtxn)? {
        return scan(rtxn, dbs, terms, k, allowed);
    }
    let (n_docs, total_len) = match allowed {
        None => word_index::totals(rtxn, dbs)?,
        Some(a) => {
            let (mut d, mut l) = (0u64, 0u64);
            for id in a {
                if let Some(doc) = word_index::doc(rtxn, dbs, id)? {
                    d += u64::from(doc.docs);
                    l += doc.len;
                }
            }
            (d, l)
        }
    };
    let allowed_keys: Option<HashSet<&[u8]>> =
        allowed.map(|a| a.iter().map(|id| id.as_str().as_bytes()).collect());
    // Each kept term's (resume key, postings), in resume order, and its document frequency.
    let mut kept: Vec<String> = Vec::with_capacity(terms.len());
    let mut lists: Vec<Vec<(&[u8], &[u8])>> = Vec::with_capacity(terms.len());
    let mut df: Vec<u32> = Vec::with_capacity(terms.len());
    for term in terms {
        let prefix = word_index::prefix(term);
        let mut list = Vec::new();
        let mut d = 0u32;
        let mut over = false;
        for item in dbs.word_postings.prefix_iter(rtxn, &prefix)? {
            let (key, value) = item?;
            let resume = &key[prefix.len()..];
            if allowed_keys.as_ref().is_some_and(|a| !a.contains(resume)) {
                continue;
            }
            if list.len() == MAX_RESUMES_PER_TERM {
                over = true;
                break;
            }
            d += (value.len() / word_index::POSTING) as u32;
            list.push((resume, value));
        }
        if over {
            continue;
        }
        kept.push(term.clone());
        lists.push(list);
        df.push(d);
    }
    let nt = kept.len();
    // Merge the lists by resume: every passage with a kept term, its frequencies gathered.
    let mut m = Matched::default();
    let mut heads = vec![0usize; nt];
    let mut local: Vec<(u32, u32, usize, u32)> = Vec::new();
    while let Some(next) = (0..nt)
        .filter_map(|t| lists[t].get(heads[t]).map(|e| e.0))
        .min()
    {
        local.clear();
        for t in 0..nt {
            if let Some(&(resume, value)) = lists[t].get(heads[t]) {
                if resume == next {
                    heads[t] += 1;
                    local.extend(word_index::postings(value).map(|(doc, f, len)| (doc, len, t, f)));
                }
            }
        }
        let id = std::str::from_utf8(next)
            .ok()
            .and_then(|s| ResumeId::parse(s).ok())
            .ok_or_else(|| Error::Corrupt {
                kind: "word index",
                reason: "a posting's key does not name a resume".into(),
            })?;
        let r = m.resumes.len() as u32;
        m.resumes.push(id);
        local.sort_unstable_by_key(|e| (e.0, e.2));
        let mut i = 0;
        while i < local.len() {
            let (doc, len) = (local[i].0, local[i].1);
            let base = m.tf.len();
            m.tf.resize(base + nt, 0);
            while i < local.len() && local[i].0 == doc {
                m.tf[base + local[i].2] = local[i].3;
                i += 1;
            }
            m.rows.push((r, doc, len));
        }
    }
    Ok(rank(m, &df, n_docs, total_len, k))
}

/// The `k` best passages of the library for `terms` by BM25, among `allowed` when given; a
/// candidate's name counts as one more passage of theirs ([`NAME`]). The reference [`search`]
/// must agree with: reads and tokenizes every stored passage.
pub(crate) fn scan(
    rtxn: &RoTxn<'_>,
    dbs: &Dbs,
    terms: &[String],
    k: usize,
    allowed: Option<&HashSet<ResumeId>>,
) -> Result<Vec<LexHit>> {
    if terms.is_empty() || k == 0 {
        return Ok(Vec::new());
    }
    let index: HashMap<&str, usize> = terms
        .iter()
        .enumerate()
        .map(|(i, t)| (t.as_str(), i))
        .collect();
    let mut df = vec![0u32; terms.len()];
    let (mut n_docs, mut total_len) = (0u64, 0u64);
    let mut m = Matched::default();
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
        let mut pushed = false;
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
                if !pushed {
                    m.resumes.push(resume.clone());
                    pushed = true;
                }
                m.rows
                    .push((m.resumes.len() as u32 - 1, i, ws.len() as u32));
                m.tf.extend(tf);
            }
        }
    }
    Ok(rank(m, &df, n_docs, total_len, k))
}

/// BM25 of the matched passages with these statistics, the `k` best first (score, then
/// resume, then passage: a total order, so both searches give the same list).
fn rank(m: Matched, df: &[u32], n_docs: u64, total_len: u64, k: usize) -> Vec<LexHit> {
    if m.rows.is_empty() {
        return Vec::new();
    }
    let nt = df.len();
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
        .zip(df)
        .map(|(w, &d)| if d == 0 { unseen } else { *w })
        .sum();
    // (score, share of the whole, row).
    let mut scored: Vec<(f32, f32, usize)> = m
        .rows
        .iter()
        .enumerate()
        .map(|(row, &(_, _, len))| {
            let norm = K1 * (1.0 - B + B * len as f32 / avg.max(1.0));
            let mut score = 0.0;
            let mut covered = 0.0;
            for (t, &f) in m.tf[row * nt..(row + 1) * nt].iter().enumerate() {
                if f > 0 {
                    let f = f as f32;
                    score += idf[t] * f * (K1 + 1.0) / (f + norm);
                    covered += idf[t];
                }
            }
            (score, covered, row)
        })
        .collect();
    let order = |a: &(f32, f32, usize), b: &(f32, f32, usize)| {
        let (ra, rb) = (m.rows[a.2], m.rows[b.2]);
        b.0.total_cmp(&a.0)
            .then_with(|| m.resumes[ra.0 as usize].cmp(&m.resumes[rb.0 as usize]))
            .then_with(|| ra.1.cmp(&rb.1))
    };
    if scored.len() > k {
        scored.select_nth_unstable_by(k - 1, order);
        scored.truncate(k);
    }
    scored.sort_unstable_by(order);
    scored
        .into_iter()
        .map(|(score, covered, row)| {
            let (r, passage, _) = m.rows[row];
            LexHit {
                resume: m.resumes[r as usize].clone(),
                passage,
                score,
                coverage: if whole > 0.0 { covered / whole } else { 0.0 },
            }
        })
        .collect()
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
