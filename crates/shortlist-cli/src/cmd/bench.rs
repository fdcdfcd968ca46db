//! `shortlist bench …`: benchmarks (they print numbers, never pass or fail; `make bench`).

use std::path::{Path, PathBuf};
use std::process::ExitCode;

use anyhow::{Context as _, Result};
use clap::Subcommand;
use shortlist_core::bench;
use shortlist_core::embed::{Embedder, Layout};
use shortlist_core::engine::PreparedJob;
use shortlist_core::import;
use shortlist_core::job::JobDraft;
use shortlist_core::pdf::{PdfReader, WorkerSpec};
use shortlist_core::{assets, AnalysisId, IngestTools, Store};

use crate::context::{now, Context};

#[derive(Debug, Subcommand)]
pub enum BenchCommand {
    /// Feedback vector search, exact scan vs arroy, with recall@10; and question latency.
    Search {
        /// Collection sizes.
        #[arg(long, value_delimiter = ',', default_value = "10000,100000")]
        sizes: Vec<usize>,
        /// Queries per size and method.
        #[arg(long, default_value_t = 200)]
        queries: usize,
    },
    /// Library search's passage index against an exact scan, side by side: p50/p99 and
    /// recall@10 per size and oversampling, and the index's upkeep (add/erase one resume).
    LibrarySearch {
        /// Passage counts.
        #[arg(long, value_delimiter = ',', default_value = "10000,100000,300000")]
        sizes: Vec<usize>,
        /// Queries per size and method.
        #[arg(long, default_value_t = 100)]
        queries: usize,
        /// arroy oversampling factors to compare.
        #[arg(long, value_delimiter = ',', default_value = "1,2,4,8")]
        oversampling: Vec<usize>,
        /// Where the generated libraries are kept between runs (default: $CARGO_TARGET_DIR).
        #[arg(long)]
        cache: Option<PathBuf>,
    },
    /// The words half of library search (BM25 over every passage) at a library size: p50/p99
    /// of synthetic two- and three-word queries over synthetic resumes of 30 passages.
    LibraryWords {
        /// Resumes in the library.
        #[arg(long, default_value_t = 10_000)]
        resumes: usize,
        /// Queries.
        #[arg(long, default_value_t = 50)]
        queries: usize,
        /// Where the generated library is kept between runs (default: $CARGO_TARGET_DIR).
        #[arg(long)]
        cache: Option<PathBuf>,
    },
    /// Text extraction alone (PDFium workers), one worker and the pool; for profiling too.
    Extract {
        /// A folder of PDFs.
        #[arg(long)]
        pdfs: PathBuf,
        /// Times to read the folder.
        #[arg(long, default_value_t = 1)]
        rounds: usize,
    },
    /// Everything: ingest vs the pure-embedding ceiling, extraction, the shortlist of 10k,
    /// vector search; beside the reference stack's numbers when given (see `make bench`).
    All {
        /// A folder of PDFs to import (bench/make-resumes.py writes 200 two-page resumes).
        #[arg(long)]
        pdfs: PathBuf,
        /// Where to put the stores; the filled store is kept in OUT/store for the start-up bench.
        #[arg(long)]
        out: PathBuf,
        /// The reference stack's results (bench/reference.py --json).
        #[arg(long)]
        reference: Option<PathBuf>,
        /// Analyses in the shortlist benchmark.
        #[arg(long, default_value_t = 10_000)]
        shortlist_size: usize,
        /// Vector-search collection sizes.
        #[arg(long, value_delimiter = ',', default_value = "10000,100000")]
        search_sizes: Vec<usize>,
    },
}

impl BenchCommand {
    pub fn run(self, ctx: &Context) -> Result<ExitCode> {
        match self {
            BenchCommand::Search { sizes, queries } => search(ctx, &sizes, queries),
            BenchCommand::LibrarySearch {
                sizes,
                queries,
                oversampling,
                cache,
            } => super::library_bench::run(ctx, &sizes, queries, &oversampling, cache),
            BenchCommand::LibraryWords {
                resumes,
                queries,
                cache,
            } => super::library_bench::words(ctx, resumes, queries, cache),
            BenchCommand::Extract { pdfs, rounds } => extract(ctx, &pdfs, rounds),
            BenchCommand::All {
                pdfs,
                out,
                reference,
                shortlist_size,
                search_sizes,
            } => all(
                ctx,
                &pdfs,
                &out,
                reference.as_deref(),
                shortlist_size,
                &search_sizes,
            ),
        }
    }
}

/// A reader of exactly one worker process, beside the session's pool.
fn one_worker(ctx: &Context) -> Result<PdfReader> {
    let mut one = WorkerSpec::this_executable(ctx.session.assets().path(assets::PDFIUM)?)?;
    one.workers = 1;
    Ok(PdfReader::start(one)?)
}

fn extract(ctx: &Context, pdfs: &Path, rounds: usize) -> Result<ExitCode> {
    let (files, _) = import::collect_pdfs(&[pdfs.to_owned()]);
    let files: Vec<PathBuf> = files
        .iter()
        .cycle()
        .take(files.len() * rounds)
        .cloned()
        .collect();
    let rows = [
        bench::extraction(&one_worker(ctx)?, &files)?,
        bench::extraction(&ctx.session.pdf_reader()?, &files)?,
    ];
    ctx.out.print(&rows, |rows| {
        rows.iter()
            .map(|r| {
                format!(
                    "{} worker(s): {} files, {} pages in {:.2} s = {:.0} pages/s\n",
                    r.workers, r.files, r.pages, r.seconds, r.pages_per_s
                )
            })
            .collect()
    })?;
    Ok(ExitCode::SUCCESS)
}

/// A fixture of the source tree (the bench runs from a checkout).
fn source_file(rel: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("../..")
        .join(rel)
}

fn backend_job() -> Result<String> {
    Ok(std::fs::read_to_string(source_file(
        "tests/fixtures/eval/jobs/backend.txt",
    ))?)
}

/// A fresh store in `dir` with one current job (`description`) prepared for scoring.
fn bench_store(
    dir: &Path,
    embedder: &Embedder,
    description: &str,
) -> shortlist_core::Result<(Store, PreparedJob)> {
    let _ = std::fs::remove_dir_all(dir);
    let (store, _) = Store::open(dir)?;
    let job = store.add_job(
        JobDraft {
            company: "Bench".into(),
            role: "Backend".into(),
            description: description.to_owned(),
        },
        now(),
    )?;
    let prepared = store.prepare_job(embedder, &job.id)?;
    Ok((store, prepared))
}

/// A bench store holding one resume (`pdf`) analysed against its job, for the search bench.
fn bench_store_with_analysis(
    dir: &Path,
    reader: &PdfReader,
    embedder: &Embedder,
    description: &str,
    pdf: &Path,
) -> shortlist_core::Result<(Store, AnalysisId)> {
    let (store, prepared) = bench_store(dir, embedder, description)?;
    let tools = IngestTools::new(reader, embedder, Some(&prepared));
    let bytes = std::fs::read(pdf).map_err(|e| shortlist_core::Error::io("reading", pdf, e))?;
    let outcome = store.ingest_pdf(&tools, "bench.pdf", bytes, now())?;
    let analysis = outcome
        .analysis()
        .map(|a| a.id.clone())
        .ok_or_else(|| shortlist_core::Error::invalid("bench", "no analysis"))?;
    Ok((store, analysis))
}

fn search(ctx: &Context, sizes: &[usize], queries: usize) -> Result<ExitCode> {
    let reader = ctx.session.pdf_reader()?;
    let model = ctx.session.embedder()?;
    let embedder: &Embedder = &model;
    let scratch = std::env::temp_dir().join(format!("shortlist-bench-{}", std::process::id()));
    let fixture = source_file("tests/fixtures/eval/resumes/marta_go_backend.pdf");
    let job_text = backend_job()?;
    let mut last: Option<(PathBuf, AnalysisId)> = None;
    let mut make = |size: usize| -> shortlist_core::Result<(Store, AnalysisId)> {
        let dir = scratch.join(format!("n{size}"));
        let (store, analysis) =
            bench_store_with_analysis(&dir, &reader, embedder, &job_text, &fixture)?;
        last = Some((dir, analysis.clone()));
        Ok((store, analysis))
    };
    let rows = bench::search(embedder, &mut make, sizes, queries);
    // Question latency on a stored resume (no re-embedding of the resume).
    let mut ask_ms = Vec::new();
    if let (Ok(_), Some((dir, analysis))) = (&rows, &last) {
        let (store, _) = Store::open(dir)?;
        for q in [
            "Has she led a team?",
            "Which cloud platforms?",
            "Kubernetes in production?",
            "What databases?",
        ]
        .iter()
        .cycle()
        .take(40)
        {
            let t = std::time::Instant::now();
            store.ask(embedder, analysis, q, 3)?;
            ask_ms.push(t.elapsed().as_secs_f64() * 1000.0);
        }
    }
    let _ = std::fs::remove_dir_all(&scratch);
    let rows = rows?;
    ask_ms.sort_by(f64::total_cmp);
    let ask_p50 = ask_ms.get(ask_ms.len() / 2).copied().unwrap_or(0.0);
    let report =
        serde_json::json!({ "search": rows, "ask_p50_ms": ask_p50, "ask_runs": ask_ms.len() });
    ctx.out.print(&report, |_| {
        let mut s = format!(
            "{:>8}  {:<6} {:>7} {:>9} {:>9} {:>10} {:>9}\n",
            "vectors", "method", "queries", "p50 ms", "p99 ms", "recall@10", "build s"
        );
        for r in &rows {
            s.push_str(&format!(
                "{:>8}  {:<6} {:>7} {:>9.3} {:>9.3} {:>10.3} {:>9.1}\n",
                r.size, r.method, r.queries, r.p50_ms, r.p99_ms, r.recall_at_10, r.build_s
            ));
        }
        s.push_str(&format!(
            "\nquestion about a stored resume (embed question + rank passages): p50 {ask_p50:.1} ms over {} runs\n",
            ask_ms.len()
        ));
        s
    })?;
    Ok(ExitCode::SUCCESS)
}

/// Reads a number at `path` (e.g. `/ingest/resumes_per_s`) of the reference results.
fn reference_number(reference: &serde_json::Value, path: &str) -> Option<f64> {
    reference.pointer(path).and_then(serde_json::Value::as_f64)
}

fn all(
    ctx: &Context,
    pdfs: &Path,
    out: &Path,
    reference: Option<&Path>,
    shortlist_size: usize,
    search_sizes: &[usize],
) -> Result<ExitCode> {
    let reference: serde_json::Value = match reference {
        Some(p) => serde_json::from_str(
            &std::fs::read_to_string(p).with_context(|| format!("reading {}", p.display()))?,
        )?,
        None => serde_json::Value::Null,
    };
    let reader = ctx.session.pdf_reader()?;
    let model = ctx.session.embedder()?;
    let embedder: &Embedder = &model;
    let (files, _) = import::collect_pdfs(&[pdfs.to_owned()]);
    anyhow::ensure!(!files.is_empty(), "no PDFs in {}", pdfs.display());
    let job_text = backend_job()?;
    // Loads the model before timing (the app loads it once, lazily).
    let (store, prepared) = bench_store(&out.join("store"), embedder, &job_text)?;
    let job = prepared.job.clone();
    let tools = IngestTools::new(&reader, embedder, Some(&prepared));
    eprintln!("ingest: {} files…", files.len());
    let ingest = bench::ingest(&store, &tools, &files)?;
    eprintln!("embedding ceiling…");
    let ceiling = bench::embedding_ceiling(&store, embedder, &ingest.ids)?;
    // The same passages through one session with a thread per core (the reference's layout).
    let one = Layout::one_session();
    let ceiling_one_session = if one == embedder.layout() {
        None
    } else {
        let single = Embedder::load_with(ctx.session.assets(), one)?;
        single.embed_one("warm up")?;
        Some(bench::embedding_ceiling(&store, &single, &ingest.ids)?)
    };
    eprintln!("extraction…");
    let extract_one = bench::extraction(&one_worker(ctx)?, &files)?;
    let extract_pool = bench::extraction(&reader, &files)?;
    eprintln!("shortlist of {shortlist_size}…");
    store.replicate_for_bench(shortlist_size, now())?;
    let shortlist = bench::shortlist(&store, &job.id, 20)?;
    drop(store);
    eprintln!("vector search…");
    let scratch = out.join("search");
    let mut make = |size: usize| -> shortlist_core::Result<(Store, AnalysisId)> {
        let dir = scratch.join(format!("n{size}"));
        bench_store_with_analysis(&dir, &reader, embedder, &job_text, &files[0])
    };
    let search = bench::search(embedder, &mut make, search_sizes, 200)?;
    let _ = std::fs::remove_dir_all(&scratch);

    let report = serde_json::json!({
        "ingest": ingest,
        "embedding_ceiling": ceiling,
        "embedding_layout": format!("{:?}", embedder.layout()),
        "embedding_ceiling_one_session": ceiling_one_session,
        "extract_one_worker": extract_one,
        "extract_pool": extract_pool,
        "shortlist": shortlist,
        "search": search,
        "reference": reference,
    });
    std::fs::write(
        out.join("shortlist.json"),
        serde_json::to_vec_pretty(&report)?,
    )?;
    ctx.out.print(&report, |_| {
        let r = |p: &str| reference_number(&reference, p);
        let ratio = |ours: f64, theirs: Option<f64>, higher_is_better: bool| match theirs {
            Some(t) if t > 0.0 && ours > 0.0 => {
                format!("{:.2}×", if higher_is_better { ours / t } else { t / ours })
            }
            _ => "—".into(),
        };
        let fmt = |v: Option<f64>, d: usize| v.map_or("—".to_owned(), |v| format!("{v:.d$}"));
        let mut s = String::new();
        s.push_str(&format!(
            "{:<44} {:>12} {:>12} {:>9}\n",
            "measure", "shortlist", "reference", "ratio"
        ));
        let mut line = |name: &str, ours: f64, theirs: Option<f64>, d: usize, hib: bool| {
            s.push_str(&format!(
                "{name:<44} {ours:>12.d$} {:>12} {:>9}\n",
                fmt(theirs, d),
                ratio(ours, theirs, hib)
            ));
        };
        line(
            &format!("ingest, resumes/s ({} files)", ingest.files),
            ingest.resumes_per_s,
            r("/ingest/resumes_per_s"),
            2,
            true,
        );
        line(
            "embedding only, same passages, resumes/s",
            ceiling.resumes_per_s,
            r("/embed_only/resumes_per_s"),
            2,
            true,
        );
        let layout = embedder.layout();
        if let Some(c) = &ceiling_one_session {
            line(
                &format!("  (the same, 1 session × {} threads)", one.threads),
                c.resumes_per_s,
                r("/embed_only/resumes_per_s"),
                2,
                true,
            );
        }
        line(
            "extraction, pages/s, 1 process",
            extract_one.pages_per_s,
            r("/extract/pypdfium2/pages_per_s"),
            1,
            true,
        );
        line(
            &format!("extraction, pages/s, {} workers", extract_pool.workers),
            extract_pool.pages_per_s,
            r("/extract/pdfminer/pages_per_s"),
            1,
            true,
        );
        line(
            &format!("shortlist of {}, ms (the app: rows and board)", shortlist.rows),
            shortlist.json_p50_ms,
            r("/shortlist/p50_ms"),
            1,
            false,
        );
        line(
            &format!("shortlist of {}, ms (rows decoded)", shortlist.rows),
            shortlist.rows_p50_ms,
            None,
            1,
            false,
        );
        line(
            &format!("shortlist of {}, ms (full analyses)", shortlist.rows),
            shortlist.full_p50_ms,
            None,
            1,
            false,
        );
        for row in &search {
            let reference = if row.method == "exact" {
                r(&format!("/search/{}/p50_ms", row.size))
            } else {
                None
            };
            line(
                &format!(
                    "search {} vectors, {}, p50 ms (recall@10 {:.3})",
                    row.size, row.method, row.recall_at_10
                ),
                row.p50_ms,
                reference,
                2,
                false,
            );
        }
        s.push_str(&format!(
            "\ningest: {} added, {} pages, {} passages ({} distinct) in {:.1} s = {:.0} % of the embedding-only rate\n",
            ingest.added,
            ingest.pages,
            ingest.passages,
            ceiling.unique_passages,
            ingest.seconds,
            100.0 * ingest.resumes_per_s / ceiling.resumes_per_s.max(1e-9)
        ));
        s.push_str(&format!(
            "embedding: {} session(s) × {} thread(s); reference: {} passages\n",
            layout.lanes,
            layout.threads,
            fmt(r("/embed_only/passages"), 0),
        ));
        s.push_str("reference: pdfminer.six + onnxruntime (same int8 model) + faiss + JSONL (bench/reference.py); extraction compares 1 process with pypdfium2 and the pool with pdfminer.six\n");
        s
    })?;
    Ok(ExitCode::SUCCESS)
}
