//! The vector-search benchmark: exact scan and arroy side by side on the store's own search
//! path, at several collection sizes, with recall@10 of the approximate search against exact.
//!
//! The vectors are derived from real embeddings: a few hundred texts (skills, requirements)
//! are embedded with the real model, and each benchmark vector mixes two or three of them
//! with a little noise, so the collection has the clustered shape of real feedback rather
//! than the uniform spread of random vectors (on which approximate search looks worse).

use std::time::Instant;

use rand::{Rng, RngExt, SeedableRng};
use serde::Serialize;
use time::OffsetDateTime;

use crate::embed::{self, Embedder};
use crate::error::Result;
use crate::feedback::Feedback;
use crate::id::{AnalysisId, FeedbackId};
use crate::lexicon::SKILLS;
use crate::store::{SearchMode, Store};

/// One row of the result table.
#[derive(Debug, Clone, Serialize)]
pub struct SearchRow {
    /// Vectors in the index.
    pub size: usize,
    /// "exact" or "arroy".
    pub method: &'static str,
    /// Queries run.
    pub queries: usize,
    /// Median latency, ms.
    pub p50_ms: f64,
    /// 99th percentile latency, ms.
    pub p99_ms: f64,
    /// Mean recall@10 against exact.
    pub recall_at_10: f64,
    /// Seconds to write and build the index at this size.
    pub build_s: f64,
}

fn percentile(sorted: &[f64], p: f64) -> f64 {
    if sorted.is_empty() {
        return 0.0;
    }
    let i = ((sorted.len() as f64 - 1.0) * p).round() as usize;
    sorted[i.min(sorted.len() - 1)]
}

fn base_texts() -> Vec<String> {
    SKILLS
        .lines()
        .filter(|l| !l.starts_with('#') && !l.starts_with('[') && !l.trim().is_empty())
        .map(|l| {
            let name = l
                .split('|')
                .next()
                .unwrap_or(l)
                .trim()
                .trim_start_matches('=');
            format!("Experience with {name} in production")
        })
        .collect()
}

fn mix(base: &[Vec<f32>], rng: &mut impl Rng) -> Vec<f32> {
    let parts = rng.random_range(2..=3usize);
    let mut v = vec![0.0f32; embed::DIM];
    for _ in 0..parts {
        let b = &base[rng.random_range(0..base.len())];
        let w: f32 = rng.random_range(0.3..1.0);
        v.iter_mut().zip(b).for_each(|(x, y)| *x += w * y);
    }
    v.iter_mut()
        .for_each(|x| *x += rng.random_range(-0.02..0.02));
    embed::normalize(&mut v);
    v
}

/// Runs the benchmark in `scratch` (one fresh store per size); `analysis` is any analysis in a
/// store prepared by the caller at `scratch/base` that the records can point to.
pub fn search(
    embedder: &Embedder,
    make_store: &mut dyn FnMut(usize) -> Result<(Store, AnalysisId)>,
    sizes: &[usize],
    queries: usize,
) -> Result<Vec<SearchRow>> {
    let base = embedder.embed(&base_texts())?;
    let mut rng = rand::rngs::StdRng::seed_from_u64(7);
    let query_vectors: Vec<Vec<f32>> = (0..queries).map(|_| mix(&base, &mut rng)).collect();
    let mut rows = Vec::new();
    for &size in sizes {
        let (store, analysis) = make_store(size)?;
        let analysis_record = store.analysis(&analysis)?;
        let now = OffsetDateTime::UNIX_EPOCH;
        let started = Instant::now();
        for chunk_start in (0..size).step_by(20_000) {
            let n = (size - chunk_start).min(20_000);
            let items: Vec<(Feedback, Vec<f32>)> = (0..n)
                .map(|i| {
                    let id = FeedbackId::parse(&format!("fb_{:012x}", chunk_start + i))?;
                    Ok((
                        Feedback {
                            id,
                            analysis_id: analysis.clone(),
                            job_id: analysis_record.job_id.clone(),
                            resume_id: analysis_record.resume_id.clone(),
                            question: format!("benchmark question {}", chunk_start + i),
                            answer: String::new(),
                            rating: 3,
                            correction: None,
                            comment: None,
                            created_at: now,
                        },
                        mix(&base, &mut rng),
                    ))
                })
                .collect::<Result<_>>()?;
            store.add_feedback_batch(&items)?;
        }
        let build_s = started.elapsed().as_secs_f64();
        let mut exact_results = Vec::new();
        for (method, mode) in [
            ("exact", SearchMode::Exact),
            ("arroy", SearchMode::Approximate),
        ] {
            let mut times = Vec::with_capacity(queries);
            let mut recall = 0.0;
            for (qi, q) in query_vectors.iter().enumerate() {
                let t = Instant::now();
                let hits = store.search_feedback_by_vector(q, None, 10, mode)?;
                times.push(t.elapsed().as_secs_f64() * 1000.0);
                let ids: Vec<FeedbackId> = hits.into_iter().map(|h| h.feedback.id).collect();
                if method == "exact" {
                    exact_results.push(ids);
                    recall += 1.0;
                } else {
                    let truth = &exact_results[qi];
                    let found = ids.iter().filter(|id| truth.contains(id)).count();
                    recall += found as f64 / truth.len().max(1) as f64;
                }
            }
            times.sort_by(f64::total_cmp);
            rows.push(SearchRow {
                size,
                method,
                queries,
                p50_ms: percentile(&times, 0.5),
                p99_ms: percentile(&times, 0.99),
                recall_at_10: recall / queries.max(1) as f64,
                build_s,
            });
        }
    }
    Ok(rows)
}
