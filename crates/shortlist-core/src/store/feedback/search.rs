//! Finding the feedback records most similar to a query.
//!
//! The default ([`SearchMode::Auto`]) reads the arroy index of the feedback vectors, which
//! every feedback write and erasure keeps up to date in its own transaction: it needs no
//! memory beyond the map and no scan, and with [`ANN_OVERSAMPLING`] its recall@10 against
//! exact search is 1.000 at 10k vectors and 0.99+ at 100k (`shortlist bench search`, in the
//! README's performance section). It falls back to an exact scan of every vector only when
//! the index cannot answer for all of them:
//!
//! - the index has items added or deleted but not yet built into its trees (a writer that
//!   does not end with the build, e.g. an older version mid-way), or it holds fewer items
//!   than there are vectors (a store whose index was never built);
//! - a search of one job's feedback where too few of the index's nearest neighbours belong
//!   to that job (the job filter runs after the index).
//!
//! [`SearchMode::Exact`] always scans; [`SearchMode::Quantized`] scans an in-memory int8 copy
//! and re-scores the best candidates exactly (`quantized.rs`), kept for the benchmark's
//! comparison; [`SearchMode::Approximate`] is the index alone, never a scan.

use std::sync::{Arc, RwLock};

use heed::RoTxn;
use serde::{Deserialize, Serialize};

use super::super::tables::{self, Dbs};
use super::super::Store;
use super::quantized::{self, Quantized};
use crate::embed::{self, Embedder};
use crate::error::Result;
use crate::feedback::Feedback;
use crate::id::{FeedbackId, JobId};

/// Kept for compatibility: the number of vectors up to which an exact scan is as fast as the
/// index on the CI machine kind (3.4 ms against 6.6 ms at 10k). The default search no longer
/// switches on it (see the module).
pub const EXACT_SEARCH_LIMIT: usize = 5_000;
/// arroy examines this many times the asked-for neighbours; chosen for recall@10 ≥ 0.99
/// against exact at 100k vectors (10× gave 0.983, 30× 0.997).
const ANN_OVERSAMPLING: usize = 30;
/// When filtering by job, the index is asked for this many times the neighbours wanted.
const JOB_WIDENING: usize = 10;

/// How to search.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SearchMode {
    /// The arroy index; an exact scan only where the index cannot answer (see the module).
    Auto,
    /// Always scan every vector.
    Exact,
    /// The arroy index alone (nothing when it cannot answer).
    Approximate,
    /// Scan an in-memory int8 copy, re-score the best candidates exactly.
    Quantized,
}

/// Candidates the int8 scan passes to exact re-scoring, per neighbour asked for (at least
/// [`RESCORE_MIN`]).
const RESCORE_PER_RESULT: usize = 10;
const RESCORE_MIN: usize = 100;

/// A feedback record similar to a query.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct FeedbackHit {
    /// The record.
    pub feedback: Feedback,
    /// Cosine similarity with the query.
    pub similarity: f32,
}

/// The int8 copy of the feedback vectors, built on the first quantized search.
pub(crate) type QuantizedCache = RwLock<Option<Arc<Quantized>>>;

/// Higher similarity first; ties by ID, so results are reproducible.
fn best_first(a: &(f32, &str), b: &(f32, &str)) -> std::cmp::Ordering {
    b.0.total_cmp(&a.0).then_with(|| a.1.cmp(b.1))
}

/// The first `limit` records of `scored` (best first) that `keep` accepts.
fn best_hits(
    rtxn: &RoTxn<'_>,
    dbs: &Dbs,
    scored: Vec<(f32, &str)>,
    keep: &dyn Fn(&Feedback) -> bool,
    limit: usize,
) -> Result<Vec<FeedbackHit>> {
    let mut hits = Vec::new();
    for (similarity, id) in scored {
        let f = tables::feedback::require(rtxn, dbs, &FeedbackId::parse(id)?)?;
        if keep(&f) {
            hits.push(FeedbackHit {
                feedback: f,
                similarity,
            });
            if hits.len() == limit {
                break;
            }
        }
    }
    Ok(hits)
}

/// Every vector scored against `query` (dot products straight from the stored bytes).
fn exact_scan(
    rtxn: &RoTxn<'_>,
    dbs: &Dbs,
    query: &[f32],
    keep: &dyn Fn(&Feedback) -> bool,
    filtered: bool,
    limit: usize,
) -> Result<Vec<FeedbackHit>> {
    let mut scored: Vec<(f32, &str)> =
        Vec::with_capacity(tables::feedback::vector_count(rtxn, dbs)?);
    tables::feedback::each_vector(rtxn, dbs, |id, bytes| {
        scored.push((embed::cosine_bytes(query, bytes), id));
    })?;
    if !filtered && scored.len() > limit {
        scored.select_nth_unstable_by(limit - 1, best_first);
        scored.truncate(limit);
    }
    scored.sort_by(best_first);
    best_hits(rtxn, dbs, scored, keep, limit)
}

/// The index's nearest records, re-scored exactly, and whether they are too few because the
/// job filter left out most of the widened neighbourhood; `None` when the index cannot answer.
fn by_index(
    rtxn: &RoTxn<'_>,
    dbs: &Dbs,
    query: &[f32],
    keep: &dyn Fn(&Feedback) -> bool,
    filtered: bool,
    limit: usize,
) -> Result<Option<(Vec<FeedbackHit>, bool)>> {
    let want = if filtered {
        limit * JOB_WIDENING
    } else {
        limit
    };
    let Some(ids) = tables::feedback::nearest(rtxn, dbs, query, want, ANN_OVERSAMPLING)? else {
        return Ok(None);
    };
    let found = ids.len();
    let mut scored = Vec::with_capacity(found);
    for id in ids {
        if let Some(bytes) = tables::feedback::vector_bytes(rtxn, dbs, id)? {
            scored.push((quantized::exact(query, bytes), id));
        }
    }
    scored.sort_by(best_first);
    let hits = best_hits(rtxn, dbs, scored, keep, limit)?;
    let narrow = filtered && hits.len() < limit && found == want;
    Ok(Some((hits, narrow)))
}

impl Store {
    /// The int8 copy of the feedback vectors as of `rtxn`, built (and kept) if out of date.
    fn quantized_vectors(&self, rtxn: &RoTxn<'_>, dbs: &Dbs) -> Result<Arc<Quantized>> {
        let version = tables::meta::feedback_version(rtxn, dbs)?;
        if let Ok(cached) = self.quantized.read() {
            if let Some(q) = cached.as_ref().filter(|q| q.version == version) {
                return Ok(q.clone());
            }
        }
        let built = Arc::new(Quantized::build(rtxn, dbs, version)?);
        if let Ok(mut slot) = self.quantized.write() {
            *slot = Some(built.clone());
        }
        Ok(built)
    }

    /// The `limit` records most similar to `query`, optionally of one job only.
    pub fn search_feedback(
        &self,
        embedder: &Embedder,
        query: &str,
        job: Option<&JobId>,
        limit: usize,
        mode: SearchMode,
    ) -> Result<Vec<FeedbackHit>> {
        let q = embedder.embed_one(query)?;
        self.search_feedback_by_vector(&q, job, limit, mode)
    }

    /// As [`Store::search_feedback`], with the query already embedded.
    pub fn search_feedback_by_vector(
        &self,
        query: &[f32],
        job: Option<&JobId>,
        limit: usize,
        mode: SearchMode,
    ) -> Result<Vec<FeedbackHit>> {
        if limit == 0 {
            return Ok(Vec::new());
        }
        let keep = |f: &Feedback| job.is_none_or(|j| &f.job_id == j);
        let filtered = job.is_some();
        self.read(|rtxn, dbs| match mode {
            SearchMode::Auto => match by_index(rtxn, dbs, query, &keep, filtered, limit)? {
                Some((hits, false)) => Ok(hits),
                // The documented fallbacks: an index that cannot answer, a narrow job.
                _ => exact_scan(rtxn, dbs, query, &keep, filtered, limit),
            },
            SearchMode::Approximate => Ok(by_index(rtxn, dbs, query, &keep, filtered, limit)?
                .map(|(hits, _)| hits)
                .unwrap_or_default()),
            SearchMode::Exact => exact_scan(rtxn, dbs, query, &keep, filtered, limit),
            SearchMode::Quantized => {
                let q = self.quantized_vectors(rtxn, dbs)?;
                // Filtering by job happens after the scan, so look further then.
                let per = if filtered { 5 } else { 1 } * RESCORE_PER_RESULT;
                let mut scored: Vec<(f32, &str)> = Vec::new();
                for i in q.candidates(query, (limit * per).max(RESCORE_MIN)) {
                    let id = q.id(i);
                    if let Some(bytes) = tables::feedback::vector_bytes(rtxn, dbs, id)? {
                        scored.push((quantized::exact(query, bytes), id));
                    }
                }
                scored.sort_by(best_first);
                let hits = best_hits(rtxn, dbs, scored, &keep, limit)?;
                if !filtered || hits.len() == limit {
                    return Ok(hits);
                }
                // Too few of this job among the candidates: scan them all.
                exact_scan(rtxn, dbs, query, &keep, filtered, limit)
            }
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::id::AnalysisId;

    /// A deterministic unit vector (a small LCG; no model needed).
    fn unit(seed: u64) -> Vec<f32> {
        let mut x = seed
            .wrapping_mul(6364136223846793005)
            .wrapping_add(1442695040888963407);
        let mut v: Vec<f32> = (0..embed::DIM)
            .map(|_| {
                x = x
                    .wrapping_mul(6364136223846793005)
                    .wrapping_add(1442695040888963407);
                ((x >> 33) as f32 / (1u64 << 31) as f32) - 0.5
            })
            .collect();
        embed::normalize(&mut v);
        v
    }

    fn record(i: usize) -> Feedback {
        Feedback {
            id: FeedbackId::parse(&format!("fb_{i:012x}")).unwrap(),
            analysis_id: AnalysisId::parse("00112233aabb").unwrap(),
            job_id: JobId::parse("1a2b3c4d").unwrap(),
            resume_id: crate::id::ResumeId::parse("resume_0123456789ab").unwrap(),
            question: format!("question {i}"),
            answer: String::new(),
            rating: 3,
            correction: None,
            comment: None,
            created_at: time::OffsetDateTime::UNIX_EPOCH,
        }
    }

    /// A store with `n` feedback records written as the product writes them (record, vector,
    /// index item, one build).
    fn store_with(dir: &std::path::Path, n: usize) -> Store {
        let (store, _) = Store::open(dir).unwrap();
        store
            .write(|wtxn, dbs| {
                for i in 0..n {
                    tables::feedback::put(wtxn, dbs, &record(i), &unit(i as u64))?;
                }
                tables::feedback::build_index(wtxn, dbs)
            })
            .unwrap();
        store
    }

    fn ids(hits: &[FeedbackHit]) -> Vec<String> {
        hits.iter().map(|h| h.feedback.id.to_string()).collect()
    }

    #[test]
    fn the_default_feedback_search_reads_the_arroy_index() {
        let dir = tempfile::tempdir().unwrap();
        let store = store_with(dir.path(), 60);
        // Record 7's plain vector now points at the query while its index item points away
        // from it: an exact scan puts record 7 first, the index does not find it.
        let query: Vec<f32> = unit(7).iter().map(|x| -x).collect();
        let seven = record(7).id;
        store
            .write(|wtxn, dbs| {
                dbs.feedback_vectors.put(wtxn, &seven, query.as_slice())?;
                Ok(())
            })
            .unwrap();
        let exact = store
            .search_feedback_by_vector(&query, None, 5, SearchMode::Exact)
            .unwrap();
        assert_eq!(exact[0].feedback.id, seven);
        let approximate = store
            .search_feedback_by_vector(&query, None, 5, SearchMode::Approximate)
            .unwrap();
        let auto = store
            .search_feedback_by_vector(&query, None, 5, SearchMode::Auto)
            .unwrap();
        assert_eq!(auto.len(), 5);
        assert_eq!(ids(&auto), ids(&approximate));
        assert!(!ids(&auto).contains(&seven.to_string()), "{:?}", ids(&auto));
    }

    #[test]
    fn the_default_feedback_search_scans_while_the_index_cannot_answer() {
        let dir = tempfile::tempdir().unwrap();
        let store = store_with(dir.path(), 40);
        // A record written without the build that ends every feedback write: the index
        // needs a build, so the default search scans and still finds it.
        let late = record(1000);
        let v = unit(1000);
        store
            .write(|wtxn, dbs| tables::feedback::put(wtxn, dbs, &late, &v))
            .unwrap();
        let auto = store
            .search_feedback_by_vector(&v, None, 3, SearchMode::Auto)
            .unwrap();
        assert_eq!(auto[0].feedback.id, late.id);
        assert!((auto[0].similarity - 1.0).abs() < 1e-4);
        assert!(store
            .search_feedback_by_vector(&v, None, 3, SearchMode::Approximate)
            .unwrap()
            .is_empty());
        // Built: the index answers again, and finds it itself.
        store.write(tables::feedback::build_index).unwrap();
        let approximate = store
            .search_feedback_by_vector(&v, None, 3, SearchMode::Approximate)
            .unwrap();
        assert_eq!(approximate[0].feedback.id, late.id);
    }

    #[test]
    fn erased_feedback_leaves_the_index_which_keeps_answering() {
        let dir = tempfile::tempdir().unwrap();
        let store = store_with(dir.path(), 50);
        let gone = record(3);
        store
            .write(|wtxn, dbs| {
                assert!(tables::feedback::delete(wtxn, dbs, &gone.id)?);
                tables::feedback::build_index(wtxn, dbs)
            })
            .unwrap();
        store
            .read(|rtxn, dbs| {
                // The index still holds every vector there is, so it answers (no fallback).
                assert!(tables::feedback::nearest(rtxn, dbs, &unit(3), 5, 30)?.is_some());
                Ok(())
            })
            .unwrap();
        let hits = store
            .search_feedback_by_vector(&unit(3), None, 49, SearchMode::Approximate)
            .unwrap();
        assert_eq!(hits.len(), 49);
        assert!(!ids(&hits).contains(&gone.id.to_string()));
    }
}
