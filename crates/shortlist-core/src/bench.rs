//! Benchmarks: each function measures one path of the product as the app runs it and returns
//! numbers (never a verdict). `shortlist bench all` prints them beside the reference stack.
//!
//! The vector-search benchmark: exact scan and arroy side by side on the store's own search
//! path, at several collection sizes, with recall@10 of the approximate search against exact.
//!
//! The vectors are derived from real embeddings: a few hundred texts (skills, requirements)
//! are embedded with the real model, and each benchmark vector mixes two or three of them
//! with a little noise, so the collection has the clustered shape of real feedback rather
//! than the uniform spread of random vectors (on which approximate search looks worse).

use std::path::PathBuf;
use std::sync::atomic::AtomicBool;
use std::time::Instant;

use rand::{Rng, RngExt, SeedableRng};
use serde::Serialize;
use time::OffsetDateTime;

use crate::embed::{self, Embedder};
use crate::error::Result;
use crate::feedback::Feedback;
use crate::id::{AnalysisId, FeedbackId, JobId, ResumeId};
use crate::import::{self, FileStatus};
use crate::lexicon::Lexicon;
use crate::pdf::{PdfLimits, PdfReader};
use crate::store::IngestTools;
use crate::store::{SearchMode, Store};

/// One row of the result table.
#[derive(Debug, Clone, Serialize)]
pub struct SearchRow {
    /// Vectors in the index.
    pub size: usize,
    /// "auto" (the product's default: the arroy index), "exact", "arroy" (the index alone)
    /// or "int8" (int8 scan, exact re-scoring).
    pub method: &'static str,
    /// Queries run.
    pub queries: usize,
    /// Median latency, ms.
    pub p50_ms: f64,
    /// 99th percentile latency, ms.
    pub p99_ms: f64,
    /// The first query's latency, ms (for int8: with building the in-memory copy, as after
    /// every change to the feedback).
    pub first_ms: f64,
    /// Mean recall@10 against exact.
    pub recall_at_10: f64,
    /// Seconds to write and build the index at this size.
    pub build_s: f64,
    /// Milliseconds to add one record to the index (with its incremental build), at this size.
    pub add_one_ms: f64,
    /// Milliseconds to erase one record from the index (with its incremental build).
    pub erase_one_ms: f64,
}

fn percentile(sorted: &[f64], p: f64) -> f64 {
    if sorted.is_empty() {
        return 0.0;
    }
    let i = ((sorted.len() as f64 - 1.0) * p).round() as usize;
    sorted[i.min(sorted.len() - 1)]
}

fn base_texts() -> Vec<String> {
    // The first few hundred skills (the curated software ones): enough distinct directions for
    // the synthetic vectors, without embedding the whole lexicon.
    Lexicon::shipped()
        .skills()
        .iter()
        .take(326)
        .map(|s| format!("Experience with {} in production", s.name))
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
        let probe = Feedback {
            id: FeedbackId::parse("fb_ffffffffffff")?,
            analysis_id: analysis.clone(),
            job_id: analysis_record.job_id.clone(),
            resume_id: analysis_record.resume_id.clone(),
            question: "benchmark probe".into(),
            answer: String::new(),
            rating: 3,
            correction: None,
            comment: None,
            created_at: now,
        };
        let mut upkeep: Vec<(f64, f64)> = (0..5)
            .map(|_| store.time_feedback_upkeep_for_bench(&probe, &mix(&base, &mut rng)))
            .collect::<Result<_>>()?;
        upkeep.sort_by(|a, b| a.0.total_cmp(&b.0));
        let add_one_ms = upkeep[upkeep.len() / 2].0;
        upkeep.sort_by(|a, b| a.1.total_cmp(&b.1));
        let erase_one_ms = upkeep[upkeep.len() / 2].1;
        let mut exact_results = Vec::new();
        for (method, mode) in [
            ("exact", SearchMode::Exact),
            ("auto", SearchMode::Auto),
            ("arroy", SearchMode::Approximate),
            ("int8", SearchMode::Quantized),
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
            let first_ms = times.first().copied().unwrap_or(0.0);
            times.sort_by(f64::total_cmp);
            rows.push(SearchRow {
                size,
                method,
                queries,
                p50_ms: percentile(&times, 0.5),
                p99_ms: percentile(&times, 0.99),
                first_ms,
                recall_at_10: recall / queries.max(1) as f64,
                build_s,
                add_one_ms,
                erase_one_ms,
            });
        }
    }
    Ok(rows)
}

/// The search rows side by side, one line per collection size: the exact scan, the default
/// (the arroy index) and the int8 scan, each with p50 latency and recall@10 against exact,
/// and the index's upkeep (full build, adding one record, erasing one).
pub fn search_table(rows: &[SearchRow]) -> String {
    let mut s = format!(
        "{:>8}  {:>9}  {:>9} {:>7}  {:>9} {:>7}  {:>9} {:>7} {:>10}  {:>7} {:>8} {:>8}\n",
        "vectors",
        "exact ms",
        "arroy ms",
        "recall",
        "auto ms",
        "recall",
        "int8 ms",
        "recall",
        "int8 1st",
        "build s",
        "add1 ms",
        "erase1 ms"
    );
    let mut sizes: Vec<usize> = rows.iter().map(|r| r.size).collect();
    sizes.dedup();
    for size in sizes {
        let of = |method: &str| rows.iter().find(|r| r.size == size && r.method == method);
        let (Some(exact), Some(arroy), Some(auto), Some(int8)) =
            (of("exact"), of("arroy"), of("auto"), of("int8"))
        else {
            continue;
        };
        s.push_str(&format!(
            "{:>8}  {:>9.3}  {:>9.3} {:>7.3}  {:>9.3} {:>7.3}  {:>9.3} {:>7.3} {:>10.1}  {:>7.1} {:>8.1} {:>8.1}\n",
            size,
            exact.p50_ms,
            arroy.p50_ms,
            arroy.recall_at_10,
            auto.p50_ms,
            auto.recall_at_10,
            int8.p50_ms,
            int8.recall_at_10,
            int8.first_ms,
            exact.build_s,
            exact.add_one_ms,
            exact.erase_one_ms
        ));
    }
    s
}

/// Median of `samples` (sorted in place).
pub fn median(samples: &mut [f64]) -> f64 {
    samples.sort_by(f64::total_cmp);
    percentile(samples, 0.5)
}

/// Bulk import through the app's own path (hash, extract, parse, embed, analyse, commit).
#[derive(Debug, Clone, Serialize)]
pub struct IngestRow {
    /// Files given.
    pub files: usize,
    /// Resumes added.
    pub added: usize,
    /// Their pages.
    pub pages: u64,
    /// Their passages (what was embedded).
    pub passages: usize,
    /// Wall time.
    pub seconds: f64,
    /// Resumes per second.
    pub resumes_per_s: f64,
    /// The IDs added, for the embedding ceiling.
    #[serde(skip)]
    pub ids: Vec<ResumeId>,
}

/// Imports `files` into `store` (which should be empty) and times it.
pub fn ingest(store: &Store, tools: &IngestTools<'_>, files: &[PathBuf]) -> Result<IngestRow> {
    let started = Instant::now();
    let (results, _) = import::import_files(
        store,
        tools,
        files,
        &AtomicBool::new(false),
        OffsetDateTime::now_utc,
        |_, _, _| {},
    );
    let seconds = started.elapsed().as_secs_f64();
    let ids: Vec<ResumeId> = results
        .iter()
        .filter_map(|r| match &r.status {
            FileStatus::Added { resume_id, .. } => Some(resume_id.clone()),
            _ => None,
        })
        .collect();
    let mut pages = 0;
    let mut passages = 0;
    for id in &ids {
        pages += u64::from(store.resume(id)?.pages);
        passages += store.resume_passages(id)?.len();
    }
    Ok(IngestRow {
        files: files.len(),
        added: ids.len(),
        pages,
        passages,
        seconds,
        resumes_per_s: ids.len() as f64 / seconds.max(1e-9),
        ids,
    })
}

/// Embedding alone, of exactly the passages an import embedded: the ceiling of the import rate.
#[derive(Debug, Clone, Serialize)]
pub struct EmbedRow {
    pub resumes: usize,
    /// Passages embedded.
    pub passages: usize,
    /// Distinct passages among them (a repeated text is embedded once).
    pub unique_passages: usize,
    /// Wall time.
    pub seconds: f64,
    /// Resumes per second.
    pub resumes_per_s: f64,
}

/// Embeds the stored passages of `ids` in one call (the best batching) and times it.
pub fn embedding_ceiling(store: &Store, embedder: &Embedder, ids: &[ResumeId]) -> Result<EmbedRow> {
    let mut texts = Vec::new();
    for id in ids {
        texts.extend(store.resume_passages(id)?.into_iter().map(|p| p.text));
    }
    let started = Instant::now();
    embedder.embed(&texts)?;
    let seconds = started.elapsed().as_secs_f64();
    let unique_passages = texts.iter().collect::<std::collections::HashSet<_>>().len();
    Ok(EmbedRow {
        resumes: ids.len(),
        passages: texts.len(),
        unique_passages,
        seconds,
        resumes_per_s: ids.len() as f64 / seconds.max(1e-9),
    })
}

/// Text extraction alone.
#[derive(Debug, Clone, Serialize)]
pub struct ExtractRow {
    /// Worker processes used.
    pub workers: usize,
    /// Files read.
    pub files: usize,
    /// Pages read.
    pub pages: u64,
    /// Wall time.
    pub seconds: f64,
    /// Pages per second.
    pub pages_per_s: f64,
}

/// Extracts every file with `reader`, from as many threads as it has workers.
pub fn extraction(reader: &PdfReader, files: &[PathBuf]) -> Result<ExtractRow> {
    let bytes: Vec<Vec<u8>> = files
        .iter()
        .map(|f| std::fs::read(f).map_err(|e| crate::Error::io("reading", f, e)))
        .collect::<Result<_>>()?;
    let workers = reader.parallelism();
    let next = std::sync::atomic::AtomicUsize::new(0);
    let started = Instant::now();
    let pages: u64 = std::thread::scope(|scope| {
        let handles: Vec<_> = (0..workers)
            .map(|_| {
                scope.spawn(|| {
                    let mut pages = 0u64;
                    loop {
                        let i = next.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
                        let Some(b) = bytes.get(i) else { break };
                        if let Ok(e) = reader.extract_slice(b, PdfLimits::default()) {
                            pages += u64::from(e.pages);
                        }
                    }
                    pages
                })
            })
            .collect();
        handles.into_iter().map(|h| h.join().unwrap_or(0)).sum()
    });
    let seconds = started.elapsed().as_secs_f64();
    Ok(ExtractRow {
        workers,
        files: files.len(),
        pages,
        seconds,
        pages_per_s: pages as f64 / seconds.max(1e-9),
    })
}

/// Loading a job's ranked shortlist.
#[derive(Debug, Clone, Serialize)]
pub struct ShortlistBench {
    /// Rows in the shortlist.
    pub rows: usize,
    /// Runs of each method.
    pub runs: usize,
    /// Median ms of [`Store::shortlist`] (rows from the ranking index).
    pub rows_p50_ms: f64,
    /// Median ms of [`Store::ranked`] (every full analysis), the way before rows existed.
    pub full_p50_ms: f64,
    /// Median ms of [`Store::shortlist_for_window`] (the rows as one JSON array in the board's
    /// order, and the board: what the app sends the window).
    pub json_p50_ms: f64,
}

/// Times the shortlist of `job`, rows and full analyses side by side.
pub fn shortlist(store: &Store, job: &JobId, runs: usize) -> Result<ShortlistBench> {
    let mut rows_ms = Vec::with_capacity(runs);
    let mut full_ms = Vec::with_capacity(runs);
    let mut json_ms = Vec::with_capacity(runs);
    let mut rows = 0;
    for _ in 0..runs {
        let t = Instant::now();
        store.shortlist_for_window(job)?;
        json_ms.push(t.elapsed().as_secs_f64() * 1000.0);
        let t = Instant::now();
        rows = store.shortlist(job, None)?.len();
        rows_ms.push(t.elapsed().as_secs_f64() * 1000.0);
        let t = Instant::now();
        store.ranked(job, None)?;
        full_ms.push(t.elapsed().as_secs_f64() * 1000.0);
    }
    Ok(ShortlistBench {
        rows,
        runs,
        rows_p50_ms: median(&mut rows_ms),
        full_p50_ms: median(&mut full_ms),
        json_p50_ms: median(&mut json_ms),
    })
}
