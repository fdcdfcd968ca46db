//! `shortlist bench library-search`: the passage vector index of library search against an
//! exact scan, at several library sizes, side by side: p50/p99 latency and recall@10 (the
//! exact scan's top 10 as truth), for a few oversampling factors; and the cost of keeping the
//! index up to date (one resume of 30 passages added, then erased, each with its build).
//!
//! The vectors are synthetic but realistic: mixtures of two or three real passage vectors
//! (the fixtures' resumes, embedded by the real model) plus noise, normalised. Each size's
//! store, index built, is kept in the cache folder and reused by the next run.

use std::path::{Path, PathBuf};
use std::process::ExitCode;
use std::time::Instant;

use anyhow::Result;
use serde::Serialize;
use shortlist_core::embed;
use shortlist_core::store::VectorMode;
use shortlist_core::{IngestTools, ResumeId, Store};

use crate::context::{now, Context};

/// Passages per synthetic resume.
const PER_RESUME: usize = 30;

/// One line of the table.
#[derive(Debug, Clone, Serialize)]
pub struct Row {
    pub passages: usize,
    pub method: String,
    pub queries: usize,
    pub p50_ms: f64,
    pub p99_ms: f64,
    pub recall_at_10: f64,
}

/// The cost of keeping the index up to date, at one size.
#[derive(Debug, Clone, Serialize)]
pub struct Upkeep {
    pub passages: usize,
    /// Building the index from nothing (the first run only; `None` when reused).
    pub full_build_s: Option<f64>,
    /// Writing one resume's 30 passages (the import's transaction, marking them).
    pub add_write_ms: f64,
    /// The batch build that puts them into the trees.
    pub add_build_ms: f64,
    /// Erasing that resume's passages, then the build that takes them out.
    pub erase_ms: f64,
    pub erase_build_ms: f64,
}

/// A small deterministic generator (xorshift), so every run builds the same library.
struct Rng(u64);

impl Rng {
    fn bits(&mut self) -> u64 {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        self.0
    }
    fn unit(&mut self) -> f32 {
        (self.bits() >> 40) as f32 / (1u64 << 24) as f32
    }
    /// Roughly normal (the sum of four uniforms, centred and scaled).
    fn normal(&mut self) -> f32 {
        ((0..4).map(|_| self.unit()).sum::<f32>() - 2.0) * 1.73
    }
}

fn synthetic(seed: &[Vec<f32>], rng: &mut Rng) -> Vec<f32> {
    let mut v = vec![0.0f32; embed::DIM];
    let parts = 2 + (rng.bits() % 2) as usize;
    for _ in 0..parts {
        let base = &seed[(rng.bits() % seed.len() as u64) as usize];
        let w = 0.3 + rng.unit();
        for (x, b) in v.iter_mut().zip(base) {
            *x += w * b;
        }
    }
    // Noise of about a third of the mixture's length.
    let sigma = 0.35 / (embed::DIM as f32).sqrt();
    for x in &mut v {
        *x += sigma * rng.normal();
    }
    embed::normalize(&mut v);
    v
}

fn resume_id(i: usize) -> ResumeId {
    // The ID is the first 12 hex digits: the number goes there.
    let hex = format!("{:012x}{}", i, "0".repeat(52));
    ResumeId::from_sha256_hex(&hex)
}

/// Real passage vectors: the fixtures' resumes imported into a scratch store.
fn seed_vectors(ctx: &Context, scratch: &Path) -> Result<Vec<Vec<f32>>> {
    let reader = ctx.session.pdf_reader()?;
    let model = ctx.session.embedder()?;
    let _ = std::fs::remove_dir_all(scratch);
    let (store, _) = Store::open(scratch)?;
    let tools = IngestTools::new(&reader, &model, None);
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../tests/fixtures");
    let (files, _) =
        shortlist_core::import::collect_pdfs(&[root.join("eval/resumes"), root.join("pdfs/good")]);
    for f in &files {
        let name = f.file_name().map(|n| n.to_string_lossy().into_owned());
        let bytes = std::fs::read(f)?;
        let _ = store.ingest_pdf(&tools, &name.unwrap_or_default(), bytes, now());
    }
    let v = store.passage_vectors_for_bench()?;
    drop(store);
    let _ = std::fs::remove_dir_all(scratch);
    anyhow::ensure!(!v.is_empty(), "no fixture passages to seed the benchmark");
    Ok(v)
}

/// The store of `passages` synthetic passages in `dir`, index built; made once, then reused.
fn library(dir: &Path, passages: usize, seed: &[Vec<f32>]) -> Result<(Store, Option<f64>)> {
    let done = dir.join(".bench-done");
    if done.exists() {
        let (store, _) = Store::open(dir)?;
        return Ok((store, None));
    }
    let _ = std::fs::remove_dir_all(dir);
    let (store, _) = Store::open(dir)?;
    let mut rng = Rng(0x5eed_0001 ^ passages as u64);
    let resumes = passages.div_ceil(PER_RESUME);
    let mut i = 0;
    while i < resumes {
        let chunk: Vec<(ResumeId, Vec<Vec<f32>>)> = (i..(i + 500).min(resumes))
            .map(|r| {
                let n = PER_RESUME.min(passages - r * PER_RESUME);
                (
                    resume_id(r),
                    (0..n).map(|_| synthetic(seed, &mut rng)).collect(),
                )
            })
            .collect();
        store.put_passages_for_bench(&chunk)?;
        i += chunk.len();
    }
    eprintln!("library-search: building the index of {passages} passages…");
    let t = Instant::now();
    store.index_passages()?;
    let build = t.elapsed().as_secs_f64();
    std::fs::write(&done, format!("{build:.1}\n"))?;
    Ok((store, Some(build)))
}

fn percentile(sorted: &[f64], p: f64) -> f64 {
    if sorted.is_empty() {
        return 0.0;
    }
    sorted[((sorted.len() - 1) as f64 * p).round() as usize]
}

/// The passages one query found: (resume, passage number).
type Found = Vec<(ResumeId, u32)>;

fn timed(store: &Store, queries: &[Vec<f32>], mode: VectorMode) -> Result<(Vec<f64>, Vec<Found>)> {
    let mut ms = Vec::with_capacity(queries.len());
    let mut results = Vec::with_capacity(queries.len());
    for q in queries {
        let t = Instant::now();
        let hits = store.nearest_passages(q, 10, mode)?;
        ms.push(t.elapsed().as_secs_f64() * 1000.0);
        results.push(hits.into_iter().map(|(r, p, _)| (r, p)).collect());
    }
    ms.sort_by(f64::total_cmp);
    Ok((ms, results))
}

pub fn run(
    ctx: &Context,
    sizes: &[usize],
    queries: usize,
    oversampling: &[usize],
    cache: Option<PathBuf>,
) -> Result<ExitCode> {
    let cache = cache
        .or_else(|| std::env::var_os("CARGO_TARGET_DIR").map(PathBuf::from))
        .unwrap_or_else(std::env::temp_dir)
        .join("bench-library-search");
    std::fs::create_dir_all(&cache)?;
    let seed = seed_vectors(ctx, &cache.join(format!("seed-{}", std::process::id())))?;
    eprintln!(
        "library-search: {} real passage vectors as the seed",
        seed.len()
    );
    let mut rng = Rng(0x0051_ee75);
    let qs: Vec<Vec<f32>> = (0..queries).map(|_| synthetic(&seed, &mut rng)).collect();
    let mut rows = Vec::new();
    let mut upkeep = Vec::new();
    for &size in sizes {
        let (store, full_build_s) = library(&cache.join(format!("n{size}")), size, &seed)?;
        let (exact_ms, truth) = timed(&store, &qs, VectorMode::Exact)?;
        rows.push(Row {
            passages: size,
            method: "exact".into(),
            queries,
            p50_ms: percentile(&exact_ms, 0.5),
            p99_ms: percentile(&exact_ms, 0.99),
            recall_at_10: 1.0,
        });
        for &o in oversampling {
            let (ms, got) = timed(&store, &qs, VectorMode::IndexWith(o))?;
            let found: usize = truth
                .iter()
                .zip(&got)
                .map(|(t, g)| g.iter().filter(|x| t.contains(x)).count())
                .sum();
            let total: usize = truth.iter().map(Vec::len).sum();
            rows.push(Row {
                passages: size,
                method: format!("arroy×{o}"),
                queries,
                p50_ms: percentile(&ms, 0.5),
                p99_ms: percentile(&ms, 0.99),
                recall_at_10: found as f64 / total.max(1) as f64,
            });
        }
        // Upkeep: one resume of 30 passages in, built, then out, built.
        let extra = vec![(
            resume_id(0xfff_ffff_ffff),
            (0..PER_RESUME)
                .map(|_| synthetic(&seed, &mut rng))
                .collect(),
        )];
        let t = Instant::now();
        store.put_passages_for_bench(&extra)?;
        let add_write_ms = t.elapsed().as_secs_f64() * 1000.0;
        let t = Instant::now();
        store.index_passages()?;
        let add_build_ms = t.elapsed().as_secs_f64() * 1000.0;
        let t = Instant::now();
        store.delete_passages_for_bench(&[extra[0].0.clone()])?;
        let erase_ms = t.elapsed().as_secs_f64() * 1000.0;
        let t = Instant::now();
        store.index_passages()?;
        let erase_build_ms = t.elapsed().as_secs_f64() * 1000.0;
        upkeep.push(Upkeep {
            passages: size,
            full_build_s,
            add_write_ms,
            add_build_ms,
            erase_ms,
            erase_build_ms,
        });
    }
    let report = serde_json::json!({ "library_search": rows, "upkeep": upkeep });
    ctx.out.print(&report, |_| table(&rows, &upkeep))?;
    Ok(ExitCode::SUCCESS)
}

pub fn table(rows: &[Row], upkeep: &[Upkeep]) -> String {
    let mut s = format!(
        "{:>9}  {:<10} {:>7} {:>9} {:>9} {:>10}\n",
        "passages", "method", "queries", "p50 ms", "p99 ms", "recall@10"
    );
    for r in rows {
        s.push_str(&format!(
            "{:>9}  {:<10} {:>7} {:>9.2} {:>9.2} {:>10.3}\n",
            r.passages, r.method, r.queries, r.p50_ms, r.p99_ms, r.recall_at_10
        ));
    }
    s.push_str(&format!(
        "\n{:>9}  {:>12} {:>14} {:>14} {:>10} {:>16}\n",
        "passages", "full build s", "add 30: write", "add 30: build", "erase", "erase: build"
    ));
    for u in upkeep {
        s.push_str(&format!(
            "{:>9}  {:>12} {:>11.1} ms {:>11.1} ms {:>7.1} ms {:>13.1} ms\n",
            u.passages,
            u.full_build_s
                .map_or("(cached)".into(), |b| format!("{b:.1}")),
            u.add_write_ms,
            u.add_build_ms,
            u.erase_ms,
            u.erase_build_ms
        ));
    }
    s
}

/// Words of the synthetic resumes: a few hundred common ones and a long tail of rare ones (a
/// library's vocabulary is Zipf-like: skills, employers and places are rare).
fn vocabulary() -> Vec<String> {
    const COMMON: &str = "led managed built designed team project customer data systems \
        delivered improved reduced increased developed support service sales operations \
        reporting analysis process quality training budget stakeholders migration cloud \
        python java sql react kubernetes payroll nursing warehouse logistics finance audit \
        marketing design research testing security network support engineering product";
    let mut words: Vec<String> = COMMON.split_whitespace().map(str::to_owned).collect();
    let syllables = [
        "ka", "lo", "mi", "ra", "to", "ve", "su", "ne", "pa", "di", "go", "ri",
    ];
    for a in syllables {
        for b in syllables {
            for c in syllables {
                words.push(format!("{a}{b}{c}"));
            }
        }
    }
    words
}

/// A word of `vocab`, the common ones far more often.
fn word<'a>(vocab: &'a [String], rng: &mut Rng) -> &'a str {
    let r = rng.bits() as usize;
    let common = 60.min(vocab.len());
    if r.is_multiple_of(3) {
        &vocab[common + (r / 3) % (vocab.len() - common)]
    } else {
        &vocab[(r / 3) % common]
    }
}

/// One query's top passages (resume, passage number).
type Tops = Vec<(ResumeId, u32)>;

/// `shortlist bench library-words`: the words half of library search over `resumes`
/// synthetic resumes of 30 passages of 30 words.
pub fn words(
    ctx: &Context,
    resumes: usize,
    queries: usize,
    cache: Option<PathBuf>,
) -> Result<ExitCode> {
    let dir = cache
        .or_else(|| std::env::var_os("CARGO_TARGET_DIR").map(PathBuf::from))
        .unwrap_or_else(std::env::temp_dir)
        .join("bench-library-words")
        .join(format!("r{resumes}"));
    let vocab = vocabulary();
    let done = dir.join(".bench-done");
    let store = if done.exists() {
        Store::open(&dir)?.0
    } else {
        let _ = std::fs::remove_dir_all(&dir);
        let (store, _) = Store::open(&dir)?;
        let mut rng = Rng(0x5eed_0002 ^ resumes as u64);
        let mut i = 0;
        while i < resumes {
            let chunk: Vec<(ResumeId, Vec<String>)> = (i..(i + 500).min(resumes))
                .map(|r| {
                    let texts = (0..PER_RESUME)
                        .map(|_| {
                            (0..30)
                                .map(|_| word(&vocab, &mut rng))
                                .collect::<Vec<_>>()
                                .join(" ")
                        })
                        .collect();
                    (resume_id(r), texts)
                })
                .collect();
            store.put_text_passages_for_bench(&chunk)?;
            i += chunk.len();
        }
        std::fs::write(&done, "")?;
        store
    };
    let mut rng = Rng(0x0051_ee76);
    let qs: Vec<String> = (0..queries)
        .map(|i| {
            (0..2 + i % 2)
                .map(|_| word(&vocab, &mut rng))
                .collect::<Vec<_>>()
                .join(" ")
        })
        .collect();
    // The inverted index, then the scan it replaces (the reference), on the same queries.
    let timed = |scan: bool| -> Result<(Vec<f64>, Vec<Tops>)> {
        let mut ms = Vec::with_capacity(qs.len());
        let mut tops = Vec::with_capacity(qs.len());
        for q in &qs {
            let t = Instant::now();
            let hits = store.words_search_for_bench(q, 10, scan, None)?;
            ms.push(t.elapsed().as_secs_f64() * 1000.0);
            tops.push(hits.into_iter().map(|(r, p, _)| (r, p)).collect());
        }
        ms.sort_by(f64::total_cmp);
        Ok((ms, tops))
    };
    let (index_ms, index_tops) = timed(false)?;
    let (scan_ms, scan_tops) = timed(true)?;
    // Queries whose top 10 (passages and order) is the scan's exactly, and recall@10.
    let agree = index_tops
        .iter()
        .zip(&scan_tops)
        .filter(|(a, b)| a == b)
        .count();
    let recall = index_tops
        .iter()
        .zip(&scan_tops)
        .map(|(a, b)| {
            if b.is_empty() {
                1.0
            } else {
                a.iter().filter(|h| b.contains(h)).count() as f64 / b.len() as f64
            }
        })
        .sum::<f64>()
        / qs.len().max(1) as f64;
    let found: usize = scan_tops.iter().map(Vec::len).sum();
    let rows = [
        Row {
            passages: resumes * PER_RESUME,
            method: "words index".into(),
            queries,
            p50_ms: percentile(&index_ms, 0.5),
            p99_ms: percentile(&index_ms, 0.99),
            recall_at_10: recall,
        },
        Row {
            passages: resumes * PER_RESUME,
            method: "words scan".into(),
            queries,
            p50_ms: percentile(&scan_ms, 0.5),
            p99_ms: percentile(&scan_ms, 0.99),
            recall_at_10: 1.0,
        },
    ];
    eprintln!(
        "library-words: {found} passages found over {queries} queries; the index's top 10 is the scan's for {agree} of {queries}"
    );
    let report = serde_json::json!({
        "library_words": rows,
        "resumes": resumes,
        "top10_agree": agree,
    });
    ctx.out.print(&report, |_| {
        let mut s = format!(
            "{:>9}  {:<11} {:>7} {:>9} {:>9} {:>10} {:>12}\n",
            "passages", "method", "queries", "p50 ms", "p99 ms", "recall@10", "top 10 same"
        );
        for r in &rows {
            s.push_str(&format!(
                "{:>9}  {:<11} {:>7} {:>9.1} {:>9.1} {:>10.3} {:>12}\n",
                r.passages,
                r.method,
                r.queries,
                r.p50_ms,
                r.p99_ms,
                r.recall_at_10,
                if r.method == "words index" {
                    format!("{agree}/{queries}")
                } else {
                    "(reference)".into()
                }
            ));
        }
        s
    })?;
    Ok(ExitCode::SUCCESS)
}
