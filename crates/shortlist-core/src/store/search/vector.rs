//! The semantic half of library search: the nearest passages of a query vector, from the
//! arroy passage index re-scored exactly from the stored vectors, plus an exact scan of the
//! passages not yet built into the index (so a search right after an import sees them).

use std::collections::{HashMap, HashSet};

use heed::types::Bytes;
use heed::RoTxn;

use super::super::tables::{self, passage_index, Dbs};
use crate::embed;
use crate::error::Result;
use crate::id::ResumeId;

/// arroy looks at this many times the neighbours asked for (tuned with `shortlist bench
/// library-search`, the README's performance section: recall@10 0.956 / 0.971 / 0.984 at 10k /
/// 100k / 300k passages, p50 7.3 ms at 300k on the loaded 2-core machine).
pub(crate) const OVERSAMPLING: usize = 2;

/// How to find the nearest passages.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum VectorMode {
    /// The arroy index (exactly re-scored) plus an exact scan of what it does not hold yet.
    Index,
    /// As `Index`, arroy looking at this many times the neighbours asked for (benchmarks).
    IndexWith(usize),
    /// Every stored passage vector scored exactly (the reference of the benchmark).
    Exact,
}

/// A passage's similarity to the query.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct Scored {
    pub similarity: f32,
    pub resume: ResumeId,
    pub passage: u32,
}

fn best_first(a: &Scored, b: &Scored) -> std::cmp::Ordering {
    b.similarity
        .total_cmp(&a.similarity)
        .then_with(|| a.resume.cmp(&b.resume))
        .then_with(|| a.passage.cmp(&b.passage))
}

fn top(mut scored: Vec<Scored>, k: usize) -> Vec<Scored> {
    if scored.len() > k && k > 0 {
        scored.select_nth_unstable_by(k - 1, best_first);
        scored.truncate(k);
    }
    scored.sort_by(best_first);
    scored
}

/// Scores every passage of one resume's stored vector bytes.
fn score_resume(query: &[f32], resume: &ResumeId, bytes: &[u8], out: &mut Vec<Scored>) {
    for (i, v) in bytes.chunks_exact(embed::DIM * 4).enumerate() {
        out.push(Scored {
            similarity: embed::cosine_bytes(query, v),
            resume: resume.clone(),
            passage: i as u32,
        });
    }
}

fn vector_bytes<'t>(rtxn: &'t RoTxn<'_>, dbs: &Dbs, resume: &ResumeId) -> Result<Option<&'t [u8]>> {
    Ok(dbs
        .passage_vectors
        .remap_data_type::<Bytes>()
        .get(rtxn, resume)?)
}

/// The `k` nearest passages of `query`, best first, with exact similarities; only among
/// `allowed` resumes when given (then scanned exactly: a filter leaves few).
pub(crate) fn nearest(
    rtxn: &RoTxn<'_>,
    dbs: &Dbs,
    query: &[f32],
    k: usize,
    allowed: Option<&HashSet<ResumeId>>,
    mode: VectorMode,
) -> Result<Vec<Scored>> {
    let mut scored = Vec::new();
    if let Some(allowed) = allowed {
        for id in allowed {
            if let Some(bytes) = vector_bytes(rtxn, dbs, id)? {
                score_resume(query, id, bytes, &mut scored);
            }
        }
        return Ok(top(scored, k));
    }
    // A store written before the index existed (not yet backfilled): scan it all.
    let oversampling = match mode {
        VectorMode::IndexWith(n) => n,
        _ => OVERSAMPLING,
    };
    if mode == VectorMode::Exact || passage_index::unmarked_exist(rtxn, dbs)? {
        exact_all(rtxn, dbs, query, &mut scored)?;
        return Ok(top(scored, k));
    }
    // No trees yet: every passage is in the to-do list, scanned below.
    let items = passage_index::nearest(rtxn, dbs, query, k * 2, oversampling)?.unwrap_or_default();
    // The index's candidates, re-scored from the stored vectors.
    let mut cache: HashMap<ResumeId, Option<&[u8]>> = HashMap::new();
    for item in items {
        let Some((resume, passage)) = passage_index::owner(rtxn, dbs, item)? else {
            continue;
        };
        let bytes = match cache.get(&resume) {
            Some(b) => *b,
            None => {
                let b = vector_bytes(rtxn, dbs, &resume)?;
                cache.insert(resume.clone(), b);
                b
            }
        };
        let at = passage as usize * embed::DIM * 4;
        if let Some(v) = bytes.and_then(|b| b.get(at..at + embed::DIM * 4)) {
            scored.push(Scored {
                similarity: embed::cosine_bytes(query, v),
                resume,
                passage,
            });
        }
    }
    // What the trees do not hold yet, exactly.
    passage_index::each_unindexed(rtxn, dbs, |resume| {
        if let Some(bytes) = vector_bytes(rtxn, dbs, &resume)? {
            score_resume(query, &resume, bytes, &mut scored);
        }
        Ok(())
    })?;
    Ok(top(scored, k))
}

fn exact_all(rtxn: &RoTxn<'_>, dbs: &Dbs, query: &[f32], out: &mut Vec<Scored>) -> Result<()> {
    for item in dbs.passage_vectors.remap_data_type::<Bytes>().iter(rtxn)? {
        let (id, bytes) = item?;
        score_resume(query, &id, bytes, out);
    }
    Ok(())
}

/// The normalised mean of a resume's passage vectors ("people like this one").
pub(crate) fn mean_vector(rtxn: &RoTxn<'_>, dbs: &Dbs, resume: &ResumeId) -> Result<Vec<f32>> {
    let vectors = tables::passages::vectors(rtxn, dbs, resume)?.unwrap_or_default();
    let mut mean = vec![0.0f32; embed::DIM];
    for v in &vectors {
        for (m, x) in mean.iter_mut().zip(v) {
            *m += x;
        }
    }
    embed::normalize(&mut mean);
    Ok(mean)
}
