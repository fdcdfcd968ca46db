//! `shortlist`: the headless front end over shortlist-core.
//!
//! Exit codes: 0 success, 1 failure (including any file that failed to import), 2 usage.

use std::io::Write;
use std::path::PathBuf;
use std::process::ExitCode;
use std::sync::atomic::AtomicBool;

use anyhow::{Context, Result};
use clap::{Args, Parser, Subcommand};
use serde::Serialize;
use shortlist_core::analysis::Analysis;
use shortlist_core::assets::{self, Assets};
use shortlist_core::embed::Embedder;
use shortlist_core::import::{self, FileResult, FileStatus, ImportSummary};
use shortlist_core::job::{JobDraft, JobSummary};
use shortlist_core::pdf::PdfReader;
use shortlist_core::store::{default_data_dir, ImportKit, StorageStats};
use shortlist_core::text;
use shortlist_core::{AnalysisId, IngestTools, JobId, Resume, ResumeId, Store};
use time::OffsetDateTime;

#[derive(Debug, Parser)]
#[command(
    name = "shortlist",
    version,
    about = "Screen resumes against job descriptions, offline."
)]
struct Cli {
    /// Data directory (default: $SHORTLIST_DATA_DIR, else the platform's app-data folder).
    #[arg(long, global = true, value_name = "DIR")]
    data_dir: Option<PathBuf>,
    /// Machine-readable JSON output on stdout.
    #[arg(long, global = true)]
    json: bool,
    #[command(subcommand)]
    command: Command,
}

#[derive(Debug, Subcommand)]
enum Command {
    /// Job descriptions.
    #[command(subcommand)]
    Job(JobCommand),
    /// Import PDF files, or folders searched recursively for *.pdf.
    Import {
        /// Files or folders.
        #[arg(required = true)]
        paths: Vec<PathBuf>,
    },
    /// Import the older web version's data folder (the one holding data/ and feedback_db/),
    /// keeping its IDs; every record left out is listed with the reason.
    ImportLegacy {
        /// The folder.
        dir: PathBuf,
    },
    /// Stored resumes.
    #[command(subcommand)]
    Resume(ResumeCommand),
    /// Counts and sizes of everything stored.
    Stats,
    /// Analyse stored resumes against a job (no re-upload).
    Analyze {
        /// The job.
        #[arg(long)]
        job: JobId,
        /// One resume.
        #[arg(long, conflicts_with = "all", required_unless_present = "all")]
        resume: Option<ResumeId>,
        /// Every stored resume.
        #[arg(long)]
        all: bool,
    },
    /// The ranked shortlist of a job: rank, score, name, resume, analysis.
    Rank {
        /// The job.
        #[arg(long)]
        job: JobId,
        /// At most this many.
        #[arg(long)]
        limit: Option<usize>,
    },
    /// Analyses.
    #[command(subcommand)]
    Analysis(AnalysisCommand),
    /// Ask a question about an analysis; the answer comes from the candidate's resume.
    Ask {
        /// The analysis.
        analysis: AnalysisId,
        /// The question, e.g. "Has she led a team?".
        question: String,
        /// Passages to show.
        #[arg(long, default_value_t = 3)]
        limit: usize,
    },
    /// Ratings and corrections of answers.
    #[command(subcommand)]
    Feedback(FeedbackCommand),
    /// Export feedback.
    #[command(subcommand)]
    Export(ExportCommand),
    /// Rebuild every vector (resume passages, feedback index) from the stored records.
    Reindex,
    /// Score every analysis made by an older engine again with the current one (each keeps
    /// its ID, its feedback and its earlier score in its history).
    Rescore,
    /// Delete a candidate for good: PDF, text, analyses, feedback and vectors, then compact
    /// the database so no old page keeps a copy.
    Erase {
        /// The resume.
        resume: ResumeId,
    },
    /// Rewrite the database without free pages, so erased candidates leave no trace. `erase`
    /// does it; when another Shortlist had the folder open, run this after closing it.
    Compact,
    /// Back up everything (database and PDFs) into one file.
    Backup {
        /// The backup file to write (a .tar).
        file: PathBuf,
    },
    /// Restore a backup into the data directory (checked first; old data is kept aside).
    Restore {
        /// The backup file.
        file: PathBuf,
    },
    /// Benchmarks (print numbers, never pass or fail).
    #[command(subcommand)]
    Bench(BenchCommand),
    /// Ranking quality on a labelled set (jobs/, resumes/, labels.tsv): NDCG@10, P@5 and
    /// pairwise accuracy per job and overall, for the engine, BM25, MiniLM and their fusion.
    /// Your data is untouched.
    Eval {
        /// The set (default: tests/fixtures/ner-eval/dev in the source tree).
        dir: Option<PathBuf>,
        /// Where embeddings are cached between runs (default: the user's cache folder).
        #[arg(long)]
        cache: Option<PathBuf>,
        /// Instead: write the engine's background (term statistics and vectors) from the
        /// set's resumes into this folder (crates/shortlist-core/data/background).
        #[arg(long)]
        write_background: Option<PathBuf>,
    },
}

#[derive(Debug, Subcommand)]
enum FeedbackCommand {
    /// Record a rated answer to a question about an analysis.
    Add {
        /// The analysis asked about.
        #[arg(long)]
        analysis: AnalysisId,
        /// The question.
        #[arg(long)]
        question: String,
        /// The answer that was shown.
        #[arg(long)]
        answer: String,
        /// 1 (wrong) to 5 (exactly right).
        #[arg(long)]
        rating: u8,
        /// The correct answer.
        #[arg(long)]
        correction: Option<String>,
        /// A comment.
        #[arg(long)]
        comment: Option<String>,
    },
    /// Feedback records similar in meaning to QUERY.
    Search {
        /// Free text.
        query: String,
        /// Only this job's records.
        #[arg(long)]
        job: Option<JobId>,
        /// At most this many.
        #[arg(long, default_value_t = 10)]
        limit: usize,
    },
    /// Every record, or one analysis's.
    List {
        /// Only this analysis.
        #[arg(long)]
        analysis: Option<AnalysisId>,
    },
    /// Totals, rating distribution, per job, per day.
    Stats {
        /// What counts as high quality.
        #[arg(long, default_value_t = shortlist_core::feedback::DEFAULT_MIN_RATING)]
        min_rating: u8,
    },
    /// Records rated at least --min-rating.
    HighQuality {
        /// The threshold.
        #[arg(long, default_value_t = shortlist_core::feedback::DEFAULT_MIN_RATING)]
        min_rating: u8,
    },
}

#[derive(Debug, Subcommand)]
enum BenchCommand {
    /// Feedback vector search, exact scan vs arroy, with recall@10; and question latency.
    Search {
        /// Collection sizes.
        #[arg(long, value_delimiter = ',', default_value = "10000,100000")]
        sizes: Vec<usize>,
        /// Queries per size and method.
        #[arg(long, default_value_t = 200)]
        queries: usize,
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

#[derive(Debug, Subcommand)]
enum ExportCommand {
    /// All feedback as CSV (RFC 4180).
    Csv {
        /// The file to write.
        file: PathBuf,
    },
    /// All feedback in the web version's interactions.jsonl layout.
    Interactions {
        /// The file to write (e.g. feedback_db/interactions.jsonl).
        file: PathBuf,
    },
    /// Everything, in the older web version's folder layout (data/…, feedback_db/…).
    Legacy {
        /// The folder to write into.
        dir: PathBuf,
    },
    /// High-quality samples as chat-format JSONL for LoRA fine-tuning.
    Training {
        /// The file to write.
        file: PathBuf,
        /// Lowest rating included.
        #[arg(long, default_value_t = shortlist_core::feedback::DEFAULT_MIN_RATING)]
        min_rating: u8,
    },
}

#[derive(Debug, Subcommand)]
enum AnalysisCommand {
    /// The full breakdown and evidence of one analysis.
    Show {
        /// The analysis.
        id: AnalysisId,
    },
    /// List analyses, best first within each job.
    List {
        /// Only this job's.
        #[arg(long)]
        job: Option<JobId>,
    },
}

#[derive(Debug, Subcommand)]
enum JobCommand {
    /// Save a new job description; prints its ID.
    Add(JobFields),
    /// Change a job's company, role and description.
    Edit {
        /// The job.
        id: JobId,
        #[command(flatten)]
        fields: JobFields,
    },
    /// List jobs, newest first.
    List {
        /// Include archived jobs.
        #[arg(long)]
        all: bool,
    },
    /// Show one job in full.
    Show {
        /// The job.
        id: JobId,
    },
    /// Make a job the current one (remembered across restarts).
    Select {
        /// The job.
        id: JobId,
    },
    /// Show the current job.
    Current,
    /// Find jobs whose company, role or description contain every word of QUERY.
    Search {
        /// Words to look for (case-insensitive).
        query: String,
    },
}

#[derive(Debug, Args)]
struct JobFields {
    /// Hiring company.
    #[arg(long)]
    company: String,
    /// Role title.
    #[arg(long)]
    role: String,
    /// The job description text.
    #[arg(
        long,
        conflicts_with = "description_file",
        required_unless_present = "description_file"
    )]
    description: Option<String>,
    /// A file holding the job description text.
    #[arg(long, value_name = "FILE")]
    description_file: Option<PathBuf>,
}

#[derive(Debug, Subcommand)]
enum ResumeCommand {
    /// List resumes, most recently imported first.
    List,
    /// Show a resume's record.
    Show {
        /// The resume.
        id: ResumeId,
    },
    /// Print a resume's extracted text.
    Text {
        /// The resume.
        id: ResumeId,
    },
}

fn main() -> ExitCode {
    // Before any thread starts (see the function): no vendor telemetry from ONNX Runtime.
    shortlist_core::embed::disable_vendor_telemetry();
    if let Some(code) = shortlist_core::pdf::worker::run_if_requested() {
        return ExitCode::from(u8::try_from(code).unwrap_or(1));
    }
    let cli = match Cli::try_parse() {
        Ok(cli) => cli,
        Err(e) => return usage(&e),
    };
    match run(cli) {
        Ok(code) => code,
        Err(e) => {
            eprintln!("error: {}", text::terminal(&message(&e)));
            ExitCode::FAILURE
        }
    }
}

/// Arguments are echoed in a usage error up to this many characters, as the core's own
/// messages echo rejected IDs.
const ECHO_CHARS: usize = 40;

/// Prints clap's message (help and version on stdout, errors on stderr), with every argument
/// it echoes cut to [`ECHO_CHARS`] and nothing in it that acts on the terminal.
fn usage(e: &clap::Error) -> ExitCode {
    let code = ExitCode::from(u8::try_from(e.exit_code()).unwrap_or(2));
    let rendered = e.render().to_string();
    if !e.use_stderr() {
        print!("{rendered}");
        return code;
    }
    let args: Vec<String> = std::env::args_os()
        .skip(1)
        .map(|a| a.to_string_lossy().into_owned())
        .collect();
    eprint!("{}", text::terminal(&cut_echoes(&rendered, &args)));
    code
}

/// `message` with each long argument of `args` (or its value after `=`) cut to
/// [`ECHO_CHARS`] characters, longest first.
fn cut_echoes(message: &str, args: &[String]) -> String {
    let mut long: Vec<&str> = args
        .iter()
        .flat_map(|a| [Some(a.as_str()), a.split_once('=').map(|(_, v)| v)])
        .flatten()
        .filter(|a| a.chars().count() > ECHO_CHARS)
        .collect();
    long.sort_by_key(|a| std::cmp::Reverse(a.len()));
    let mut out = message.to_owned();
    for arg in long {
        let mut cut: String = arg.chars().take(ECHO_CHARS).collect();
        cut.push_str(&format!("… ({} characters)", arg.chars().count()));
        out = out.replace(arg, &cut);
    }
    out
}

/// The core's message, without Rust-internal chains.
fn message(e: &anyhow::Error) -> String {
    match e.downcast_ref::<shortlist_core::Error>() {
        Some(core) => core.to_string(),
        None => format!("{e:#}"),
    }
}

fn now() -> OffsetDateTime {
    OffsetDateTime::now_utc()
}

fn run(cli: Cli) -> Result<ExitCode> {
    let data_dir = match cli.data_dir {
        Some(dir) => dir,
        None => default_data_dir()?,
    };
    if let Command::Eval {
        dir,
        cache,
        write_background,
    } = &cli.command
    {
        return eval(
            dir.clone(),
            cache.clone(),
            write_background.clone(),
            cli.json,
        );
    }
    if let Command::Restore { file } = &cli.command {
        let (manifest, aside) = shortlist_core::backup::restore(file, &data_dir, now())?;
        let out = Output { json: cli.json };
        out.print(
            &serde_json::json!({ "manifest": manifest, "previous_data": aside, "data_dir": data_dir }),
            |_| {
                let mut s = format!(
                    "restored {} resumes and {} jobs (backup of {}) into {}\n",
                    manifest.resumes,
                    manifest.jobs,
                    date(manifest.created_at),
                    data_dir.display()
                );
                if let Some(a) = &aside {
                    s.push_str(&format!("the previous data was kept in {}\n", a.display()));
                }
                s
            },
        )?;
        return Ok(ExitCode::SUCCESS);
    }
    if let Command::Bench(BenchCommand::Search { sizes, queries }) = &cli.command {
        return bench_search(sizes, *queries, cli.json);
    }
    if let Command::Bench(BenchCommand::Extract { pdfs, rounds }) = &cli.command {
        let library = Assets::discover(&[]).path(assets::PDFIUM)?;
        let (files, _) = import::collect_pdfs(std::slice::from_ref(pdfs));
        let files: Vec<PathBuf> = files
            .iter()
            .cycle()
            .take(files.len() * rounds)
            .cloned()
            .collect();
        let mut one = shortlist_core::pdf::WorkerSpec::this_executable(&library)?;
        one.workers = 1;
        let rows = [
            shortlist_core::bench::extraction(&PdfReader::start(one)?, &files)?,
            shortlist_core::bench::extraction(&PdfReader::for_this_executable(&library)?, &files)?,
        ];
        Output { json: cli.json }.print(&rows, |rows| {
            rows.iter()
                .map(|r| {
                    format!(
                        "{} worker(s): {} files, {} pages in {:.2} s = {:.0} pages/s\n",
                        r.workers, r.files, r.pages, r.seconds, r.pages_per_s
                    )
                })
                .collect()
        })?;
        return Ok(ExitCode::SUCCESS);
    }
    if let Command::Bench(BenchCommand::All {
        pdfs,
        out,
        reference,
        shortlist_size,
        search_sizes,
    }) = &cli.command
    {
        return bench_all(
            pdfs,
            out,
            reference.as_deref(),
            *shortlist_size,
            search_sizes,
            cli.json,
        );
    }
    if let Command::Erase { resume } = &cli.command {
        let (store, _) = Store::open(&data_dir)?;
        let report = store.erase_resume(resume)?;
        let compacted = store.compact();
        let out = Output { json: cli.json };
        out.print(&report, |r| {
            format!(
                "erased {} with {} analyses and {} feedback records",
                resume, r.analyses, r.feedback
            )
        })?;
        if compacted.is_err() {
            eprintln!("close the other Shortlist, then run `shortlist compact`");
        }
        compacted?;
        return Ok(ExitCode::SUCCESS);
    }
    if let Command::Compact = &cli.command {
        drop(Store::open(&data_dir)?.0.compact()?);
        Output { json: cli.json }.print(&serde_json::json!({ "compacted": true }), |_| {
            "compacted the database".into()
        })?;
        return Ok(ExitCode::SUCCESS);
    }
    let (store, _report) = Store::open(&data_dir)?;
    let _log = shortlist_core::logging::init(store.dir()).ok();
    let out = Output { json: cli.json };
    match cli.command {
        Command::Job(cmd) => job(&store, &out, cmd)?,
        Command::Import { paths } => return import(&store, &out, &paths),
        Command::ImportLegacy { dir } => {
            let assets = Assets::discover(&[]);
            let reader = PdfReader::for_this_executable(&assets.path(assets::PDFIUM)?)?;
            let tools = IngestTools::new(&reader, Embedder::global(&assets)?, None);
            let report = store.import_legacy(&tools, &dir, now())?;
            let problems = report.problems();
            out.print(&report, |r| {
                let mut s = format!(
                    "imported {} jobs, {} resumes, {} analyses, {} feedback records ({} already here)\n",
                    r.jobs, r.resumes, r.analyses, r.feedback, r.already_present
                );
                for k in &r.skipped {
                    match k.line {
                        Some(line) => s.push_str(&format!("skipped    {}:{line}: {}\n", k.file, k.reason)),
                        None => s.push_str(&format!("skipped    {}: {}\n", k.file, k.reason)),
                    }
                }
                s
            })?;
            if !problems.is_empty() {
                // Loud, on stderr (also with --json), and a failing exit status.
                let mut s = String::from(
                    "error: the import is INCOMPLETE; what came in is kept, but check the folder:\n",
                );
                for p in &problems {
                    s.push_str(&format!("  - {p}\n"));
                }
                for k in &report.kinds {
                    s.push_str(&format!(
                        "  {:<9} {} found, {} left out\n",
                        k.kind, k.records, k.skipped
                    ));
                }
                eprint!("{}", text::terminal(&s));
                return Ok(ExitCode::FAILURE);
            }
        }
        Command::Resume(cmd) => resume(&store, &out, cmd)?,
        Command::Stats => {
            let stats = store.stats()?;
            out.print(&stats, print_stats)?;
        }
        Command::Analyze { job, resume, all } => analyze(&store, &out, &job, resume, all)?,
        Command::Rank { job, limit } => {
            let ranked = store.ranked(&job, limit)?;
            out.print(&RankRows::from(&store, &ranked)?, rank_table)?;
        }
        Command::Analysis(AnalysisCommand::Show { id }) => {
            let analysis = store.analysis(&id)?;
            out.print(&analysis, analysis_detail)?;
        }
        Command::Backup { file } => {
            let manifest = store.backup(&file, now())?;
            out.print(&manifest, |m| {
                format!(
                    "backed up {} resumes, {} jobs ({} files) to {}",
                    m.resumes,
                    m.jobs,
                    m.files.len(),
                    file.display()
                )
            })?;
        }
        Command::Eval { .. }
        | Command::Bench(_)
        | Command::Restore { .. }
        | Command::Compact
        | Command::Erase { .. } => {
            unreachable!("handled before the store opens")
        }
        Command::Ask {
            analysis,
            question,
            limit,
        } => {
            let embedder = Embedder::global(&Assets::discover(&[]))?;
            let answer = store.ask(embedder, &analysis, &question, limit)?;
            out.print(&answer, |a| {
                if a.passages.is_empty() {
                    return "nothing in the resume matches this question".into();
                }
                a.passages
                    .iter()
                    .map(|p| {
                        format!(
                            "[{:.2}] {}\n       matched: {}\n",
                            p.score,
                            p.text.replace('\n', " "),
                            join_or_none(&p.matched)
                        )
                    })
                    .collect()
            })?;
        }
        Command::Feedback(cmd) => feedback(&store, &out, cmd)?,
        Command::Export(ExportCommand::Csv { file }) => {
            let csv = store.export_feedback_csv()?;
            write_file(&file, csv.as_bytes())?;
            let rows = csv.lines().count().saturating_sub(1);
            out.print(
                &serde_json::json!({ "file": text::path(&file), "rows": rows }),
                |_| format!("wrote {rows} feedback records to {}", file.display()),
            )?;
        }
        Command::Export(ExportCommand::Legacy { dir }) => {
            let report = store.export_legacy(&dir)?;
            out.print(&report, |r| {
                format!(
                    "wrote {} jobs, {} resumes, {} analyses and {} feedback records to {}",
                    r.jobs,
                    r.resumes,
                    r.analyses,
                    r.feedback,
                    dir.display()
                )
            })?;
        }
        Command::Export(ExportCommand::Interactions { file }) => {
            let jsonl = store.export_feedback_legacy_jsonl()?;
            write_file(&file, jsonl.as_bytes())?;
            let rows = jsonl.lines().count();
            out.print(
                &serde_json::json!({ "file": text::path(&file), "rows": rows }),
                |_| format!("wrote {rows} interactions to {}", file.display()),
            )?;
        }
        Command::Export(ExportCommand::Training { file, min_rating }) => {
            let (jsonl, n) = store.export_training_jsonl(min_rating)?;
            write_file(&file, jsonl.as_bytes())?;
            out.print(
                &serde_json::json!({ "file": text::path(&file), "samples": n }),
                |_| {
                    format!(
                        "wrote {n} training samples (rating ≥ {min_rating}) to {}",
                        file.display()
                    )
                },
            )?;
        }
        Command::Reindex => {
            let embedder = Embedder::global(&Assets::discover(&[]))?;
            let (resumes, feedback) = store.reindex(embedder)?;
            out.print(
                &serde_json::json!({ "resumes": resumes, "feedback": feedback }),
                |_| format!("reindexed {resumes} resumes and {feedback} feedback records"),
            )?;
        }
        Command::Rescore => return rescore(&store, &out),
        Command::Analysis(AnalysisCommand::List { job }) => {
            let list = store.analyses(job.as_ref())?;
            out.print(&RankRows::from(&store, &list)?, rank_table)?;
        }
    }
    Ok(ExitCode::SUCCESS)
}

struct Output {
    json: bool,
}

impl Output {
    fn print<T: Serialize>(&self, value: &T, human: impl FnOnce(&T) -> String) -> Result<()> {
        let text = if self.json {
            serde_json::to_string_pretty(value)?
        } else {
            text::terminal(&human(value)).into_owned()
        };
        let mut stdout = std::io::stdout().lock();
        writeln!(stdout, "{}", text.trim_end())?;
        Ok(())
    }
}

fn draft(fields: JobFields) -> Result<JobDraft> {
    let description = match (fields.description, fields.description_file) {
        (Some(text), _) => text,
        (None, Some(path)) => {
            std::fs::read_to_string(&path).with_context(|| format!("reading {}", path.display()))?
        }
        (None, None) => String::new(),
    };
    Ok(JobDraft {
        company: fields.company,
        role: fields.role,
        description,
    })
}

fn job(store: &Store, out: &Output, cmd: JobCommand) -> Result<()> {
    match cmd {
        JobCommand::Add(fields) => {
            let job = store.add_job(draft(fields)?, now())?;
            out.print(&job, |j| j.id.to_string())
        }
        JobCommand::Edit { id, fields } => {
            let job = store.update_job(&id, draft(fields)?, now())?;
            out.print(&job, |j| j.id.to_string())
        }
        JobCommand::List { all } => out.print(&store.jobs(all)?, |jobs| job_table(jobs)),
        JobCommand::Search { query } => {
            out.print(&store.search_jobs(&query, true)?, |jobs| job_table(jobs))
        }
        JobCommand::Show { id } => out.print(&store.job(&id)?, job_detail),
        JobCommand::Select { id } => out.print(&store.select_job(&id)?, |j| {
            format!(
                "current job: {} {} — {}",
                j.job.id, j.job.company, j.job.role
            )
        }),
        JobCommand::Current => match store.current_job()? {
            Some(job) => out.print(&job, job_detail),
            None => Err(shortlist_core::Error::NoCurrentJob.into()),
        },
    }
}

fn date(t: OffsetDateTime) -> String {
    format!(
        "{:04}-{:02}-{:02} {:02}:{:02}",
        t.year(),
        u8::from(t.month()),
        t.day(),
        t.hour(),
        t.minute()
    )
}

fn job_table(jobs: &[JobSummary]) -> String {
    if jobs.is_empty() {
        return "no jobs".into();
    }
    let mut s = String::new();
    for j in jobs {
        s.push_str(&format!(
            "{} {} {:<24} {:<32} {:>5} analyses  {}{}\n",
            if j.current { "*" } else { " " },
            j.job.id,
            truncate(&j.job.company, 24),
            truncate(&j.job.role, 32),
            j.analysis_count,
            date(j.job.created_at),
            if j.job.archived { "  (archived)" } else { "" },
        ));
    }
    s
}

fn job_detail(j: &JobSummary) -> String {
    format!(
        "{}{}\ncompany:  {}\nrole:     {}\ncreated:  {}\nupdated:  {}\nanalyses: {}\n\n{}\n",
        j.job.id,
        if j.current { " (current)" } else { "" },
        j.job.company,
        j.job.role,
        date(j.job.created_at),
        date(j.job.updated_at),
        j.analysis_count,
        j.job.description
    )
}

fn truncate(s: &str, n: usize) -> String {
    if s.chars().count() <= n {
        s.to_owned()
    } else {
        s.chars().take(n - 1).chain(['…']).collect()
    }
}

fn resume(store: &Store, out: &Output, cmd: ResumeCommand) -> Result<()> {
    match cmd {
        ResumeCommand::List => out.print(&store.resumes()?, |list| resume_table(list)),
        ResumeCommand::Show { id } => out.print(&store.resume(&id)?, resume_detail),
        ResumeCommand::Text { id } => {
            let text = store.resume_text(&id)?;
            out.print(&serde_json::json!({ "id": id, "text": text }), |_| {
                text.clone()
            })
        }
    }
}

fn resume_table(list: &[Resume]) -> String {
    if list.is_empty() {
        return "no resumes".into();
    }
    list.iter()
        .map(|r| {
            format!(
                "{}  {:>3} p  {:>7} chars  {}  {}\n",
                r.id,
                r.pages,
                r.text_chars,
                date(r.first_seen),
                r.file_names.iter().cloned().collect::<Vec<_>>().join(", ")
            )
        })
        .collect()
}

fn resume_detail(r: &Resume) -> String {
    let warnings: Vec<_> = r.warnings.iter().map(|w| w.message()).collect();
    format!(
        "{}\nfiles:      {}\nsha256:     {}\nsize:       {} bytes\npages:      {}\ntext:       {} chars\nfirst seen: {}\nlast seen:  {}\nwarnings:   {}\n",
        r.id,
        r.file_names.iter().cloned().collect::<Vec<_>>().join(", "),
        r.sha256,
        r.size_bytes,
        r.pages,
        r.text_chars,
        date(r.first_seen),
        date(r.last_seen),
        if warnings.is_empty() { "none".to_owned() } else { warnings.join("; ") }
    )
}

fn print_stats(s: &StorageStats) -> String {
    format!(
        "data dir:  {}\njobs:      {}\nresumes:   {}\nanalyses:  {}\nfeedback:  {}\ndatabase:  {}\npdfs:      {}\ntexts:     {}\ntotal:     {}\nschema:    v{}\n",
        s.data_dir.display(),
        s.jobs,
        s.resumes,
        s.analyses,
        s.feedback,
        human_bytes(s.database_bytes),
        human_bytes(s.pdf_bytes),
        human_bytes(s.text_bytes),
        human_bytes(s.total_bytes()),
        s.schema_version
    ) + &match (s.disk_free_bytes, s.disk_total_bytes) {
        (Some(free), Some(total)) => format!(
            "disk free: {} of {}{}\n",
            human_bytes(free),
            human_bytes(total),
            if free * 10 < total { "  ⚠ the disk is over 90 % full" } else { "" }
        ),
        _ => String::new(),
    }
}

fn human_bytes(n: u64) -> String {
    const UNITS: [&str; 4] = ["B", "KiB", "MiB", "GiB"];
    let mut value = n as f64;
    let mut unit = 0;
    while value >= 1024.0 && unit < UNITS.len() - 1 {
        value /= 1024.0;
        unit += 1;
    }
    if unit == 0 {
        format!("{n} B")
    } else {
        format!("{value:.1} {}", UNITS[unit])
    }
}

#[derive(Serialize)]
struct ImportReport {
    results: Vec<FileResult>,
    summary: ImportSummary,
}

fn import(store: &Store, out: &Output, paths: &[PathBuf]) -> Result<ExitCode> {
    let (files, mut results) = import::collect_pdfs(paths);
    let tools = if files.is_empty() {
        None
    } else {
        let assets = Assets::discover(&[]);
        let reader = PdfReader::for_this_executable(&assets.path(assets::PDFIUM)?)?;
        Some(ImportKit::for_current_job(store, reader, &assets)?)
    };
    if !out.json {
        for r in &results {
            println!("{}", text::terminal(&result_line(r)));
        }
    }
    if let Some(kit) = tools {
        let cancel = AtomicBool::new(false);
        let tools = kit.tools();
        let (done, _) =
            import::import_files(store, &tools, &files, &cancel, now, |_, _, result| {
                if !out.json {
                    println!("{}", text::terminal(&result_line(result)));
                }
            });
        results.extend(done);
    }
    let summary = ImportSummary::of(&results, false);
    let failed = summary.failed > 0;
    if out.json {
        out.print(&ImportReport { results, summary }, |_| String::new())?;
    } else {
        println!(
            "{} added, {} duplicate, {} failed",
            summary.added, summary.duplicates, summary.failed
        );
    }
    Ok(if failed {
        ExitCode::FAILURE
    } else {
        ExitCode::SUCCESS
    })
}

fn score_note(analysis: &Option<shortlist_core::store::AnalysisRef>) -> String {
    analysis
        .as_ref()
        .map(|a| format!("  score {:>3}  analysis {}", a.score, a.id))
        .unwrap_or_default()
}

fn result_line(r: &FileResult) -> String {
    match &r.status {
        FileStatus::Added {
            resume_id,
            analysis,
        } => format!(
            "added      {resume_id}  {}{}",
            text::path(&r.path),
            score_note(analysis)
        ),
        FileStatus::Duplicate {
            resume_id,
            analysis,
        } => format!(
            "duplicate  {resume_id}  {}{}",
            text::path(&r.path),
            score_note(analysis)
        ),
        FileStatus::Failed { reason, .. } => {
            format!("failed     {}: {reason}", text::path(&r.path))
        }
    }
}

fn analyze(
    store: &Store,
    out: &Output,
    job: &JobId,
    resume: Option<ResumeId>,
    all: bool,
) -> Result<()> {
    let embedder = Embedder::global(&Assets::discover(&[]))?;
    let prepared = store.prepare_job(embedder, job)?;
    if let (Some(id), false) = (resume, all) {
        let analysis = store.analyze(embedder, &prepared, &id, now())?;
        return out.print(&analysis, analysis_detail);
    }
    let report = store.analyze_all(embedder, &prepared, now(), |done, total| {
        if !out.json && (done % 25 == 0 || done == total) {
            eprintln!("analysed {done} of {total}");
        }
    })?;
    for (id, reason) in &report.failed {
        eprintln!("failed     {id}: {}", text::terminal(reason));
    }
    let ranked = store.ranked(job, None)?;
    out.print(&RankRows::from(store, &ranked)?, rank_table)?;
    if !report.failed.is_empty() {
        anyhow::bail!("{} resumes could not be analysed", report.failed.len());
    }
    Ok(())
}

/// `shortlist rescore`: brings every analysis of an older engine up to date; fails when any
/// could not be.
fn rescore(store: &Store, out: &Output) -> Result<ExitCode> {
    let embedder = Embedder::global(&Assets::discover(&[]))?;
    let never = AtomicBool::new(false);
    let report = store.rescore_stale(embedder, now, &never, |done, total| {
        if !out.json && (done % 25 == 0 || done == total) {
            eprintln!("rescored {done} of {total}");
        }
    })?;
    out.print(&report, |r| {
        let mut s = format!(
            "{} analyses scored again with engine {}\n",
            r.rescored,
            shortlist_core::analysis::ENGINE_VERSION
        );
        for (id, reason) in &r.failed {
            s.push_str(&format!("failed     {id}: {reason}\n"));
        }
        s
    })?;
    Ok(if report.failed.is_empty() {
        ExitCode::SUCCESS
    } else {
        ExitCode::FAILURE
    })
}

/// One line of a ranked shortlist.
#[derive(Serialize)]
struct RankRow {
    rank: usize,
    score: u8,
    name: String,
    resume_id: ResumeId,
    analysis_id: AnalysisId,
    job_id: JobId,
    matched: Vec<String>,
    missing: Vec<String>,
    flags: Vec<String>,
}

#[derive(Serialize)]
#[serde(transparent)]
struct RankRows(Vec<RankRow>);

impl RankRows {
    fn from(store: &Store, list: &[Analysis]) -> Result<RankRows> {
        let mut rows = Vec::with_capacity(list.len());
        for (i, a) in list.iter().enumerate() {
            let name = match &a.candidate.name {
                Some(n) => n.clone(),
                None => store.resume(&a.resume_id)?.file_name().to_owned(),
            };
            rows.push(RankRow {
                rank: i + 1,
                score: a.score,
                name,
                resume_id: a.resume_id.clone(),
                analysis_id: a.id.clone(),
                job_id: a.job_id.clone(),
                matched: a.matched_skills.iter().map(|m| m.skill.clone()).collect(),
                missing: a.missing_skills.iter().map(|m| m.skill.clone()).collect(),
                flags: a.flags.iter().map(|f| f.message().to_owned()).collect(),
            });
        }
        Ok(RankRows(rows))
    }
}

fn rank_table(rows: &RankRows) -> String {
    if rows.0.is_empty() {
        return "no analyses".into();
    }
    let mut s =
        String::from("rank  score  name                          resume               analysis\n");
    for r in &rows.0 {
        s.push_str(&format!(
            "{:>4}  {:>5}  {:<28}  {}  {}{}\n",
            r.rank,
            r.score,
            truncate(&r.name, 28),
            r.resume_id,
            r.analysis_id,
            if r.flags.is_empty() {
                String::new()
            } else {
                format!("  ⚠ {}", r.flags.join("; "))
            }
        ));
    }
    s
}

fn analysis_detail(a: &Analysis) -> String {
    let b = &a.breakdown;
    let mut s = format!(
        "analysis {}  job {}  resume {}  engine v{}\nscore {}/100{}\n\n",
        a.id,
        a.job_id,
        a.resume_id,
        a.engine_version,
        a.score,
        a.candidate
            .name
            .as_ref()
            .map(|n| format!("  — {n}"))
            .unwrap_or_default()
    );
    for (name, p) in [
        ("terms", &b.terms),
        ("evidence", &b.evidence),
        ("skills", &b.skills),
        ("experience", &b.experience),
        ("education", &b.education),
        ("readability", &b.readability),
    ] {
        if p.weight > 0.0 {
            let counts = if p.share < 1.0 {
                format!(
                    " (counts {:.0} %: the match with the job's work)",
                    p.share * 100.0
                )
            } else {
                String::new()
            };
            s.push_str(&format!(
                "  {name:<12} {:>5.1} of {:>4.1} points  {}{counts}\n",
                p.points,
                p.weight * 100.0,
                p.detail
            ));
        } else {
            s.push_str(&format!("  {name:<12}     —              {}\n", p.detail));
        }
    }
    let matched: Vec<String> = a
        .matched_skills
        .iter()
        .map(|m| {
            if m.evidenced {
                m.skill.clone()
            } else {
                format!("{} (listed only)", m.skill)
            }
        })
        .collect();
    let missing: Vec<String> = a.missing_skills.iter().map(|m| m.skill.clone()).collect();
    s.push_str(&format!(
        "\nmatched: {}\nmissing: {}\n",
        join_or_none(&matched),
        join_or_none(&missing)
    ));
    if !a.flags.is_empty() {
        let flags: Vec<&str> = a.flags.iter().map(|f| f.message()).collect();
        s.push_str(&format!("flags:   {}\n", flags.join("; ")));
    }
    s.push_str("\nevidence per requirement:\n");
    for e in &a.evidence {
        s.push_str(&format!("  [{:.2}] {}\n", e.similarity, e.requirement));
        if let Some(p) = &e.passage {
            s.push_str(&format!(
                "         ↳ {}\n",
                truncate(&p.replace('\n', " "), 110)
            ));
        }
    }
    if !a.history.is_empty() {
        let past: Vec<String> = a
            .history
            .iter()
            .map(|h| format!("{} (v{}, {})", h.score, h.engine_version, date(h.at)))
            .collect();
        s.push_str(&format!("\nearlier scores: {}\n", past.join(", ")));
    }
    s
}

fn join_or_none(items: &[String]) -> String {
    if items.is_empty() {
        "none".into()
    } else {
        items.join(", ")
    }
}

fn eval(
    dir: Option<PathBuf>,
    cache: Option<PathBuf>,
    write_background: Option<PathBuf>,
    json: bool,
) -> Result<ExitCode> {
    use shortlist_core::eval::{self, LabelledSet};
    let dir = dir.unwrap_or_else(|| {
        std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../../tests/fixtures/ner-eval/dev")
    });
    let cache = cache.unwrap_or_else(|| {
        let base = std::env::var_os("SHORTLIST_CACHE")
            .map(PathBuf::from)
            .or_else(|| {
                std::env::var_os("XDG_CACHE_HOME").map(|d| PathBuf::from(d).join("shortlist"))
            })
            .or_else(|| std::env::var_os("HOME").map(|d| PathBuf::from(d).join(".cache/shortlist")))
            .unwrap_or_else(std::env::temp_dir);
        base.join("eval")
    });
    let assets = Assets::discover(&[]);
    let embedder = Embedder::global(&assets)?;
    if let Some(out) = write_background {
        let n = eval::write_background(&dir, embedder, &cache, &out, now())?;
        println!("background of {n} resumes written to {}", out.display());
        return Ok(ExitCode::SUCCESS);
    }
    let set = LabelledSet::load(&dir)?;
    let has_pdfs = set
        .resumes
        .iter()
        .any(|p| p.extension().is_some_and(|e| e.eq_ignore_ascii_case("pdf")));
    let reader = if has_pdfs {
        Some(PdfReader::for_this_executable(
            &assets.path(assets::PDFIUM)?,
        )?)
    } else {
        None
    };
    let report = eval::run(&set, reader.as_ref(), embedder, &cache, now())?;
    let parsing = dir
        .join("parse.tsv")
        .exists()
        .then(|| eval::parsing(&dir, now()))
        .transpose()?;
    Output { json }.print(
        &serde_json::json!({ "ranking": report, "parsing": parsing }),
        |_| {
            let mut s = report.table();
            if let Some(p) = &parsing {
                s.push('\n');
                s.push_str(&p.table());
            }
            s
        },
    )?;
    Ok(ExitCode::SUCCESS)
}

/// Writes an export atomically (the core's temp-file-and-rename).
fn write_file(path: &std::path::Path, bytes: &[u8]) -> Result<()> {
    shortlist_core::blobs::write_atomic(path, bytes)?;
    Ok(())
}

fn feedback_line(f: &shortlist_core::feedback::Feedback) -> String {
    format!(
        "{}  {}★  analysis {}  job {}  {}\n    Q: {}\n    A: {}{}\n",
        f.id,
        f.rating,
        f.analysis_id,
        f.job_id,
        date(f.created_at),
        f.question,
        truncate(&f.answer.replace('\n', " "), 100),
        f.correction
            .as_ref()
            .map(|c| format!("\n    correction: {}", truncate(c, 100)))
            .unwrap_or_default()
    )
}

fn feedback(store: &Store, out: &Output, cmd: FeedbackCommand) -> Result<()> {
    use shortlist_core::feedback::FeedbackDraft;
    use shortlist_core::store::SearchMode;
    match cmd {
        FeedbackCommand::Add {
            analysis,
            question,
            answer,
            rating,
            correction,
            comment,
        } => {
            let embedder = Embedder::global(&Assets::discover(&[]))?;
            let f = store.add_feedback(
                embedder,
                FeedbackDraft {
                    analysis_id: analysis,
                    question,
                    answer,
                    rating,
                    correction,
                    comment,
                },
                now(),
            )?;
            out.print(&f, |f| f.id.to_string())
        }
        FeedbackCommand::Search { query, job, limit } => {
            let embedder = Embedder::global(&Assets::discover(&[]))?;
            let hits =
                store.search_feedback(embedder, &query, job.as_ref(), limit, SearchMode::Auto)?;
            out.print(&hits, |hits| {
                if hits.is_empty() {
                    return "no feedback yet".into();
                }
                hits.iter()
                    .map(|h| format!("[{:.2}] {}", h.similarity, feedback_line(&h.feedback)))
                    .collect()
            })
        }
        FeedbackCommand::List { analysis } => {
            let list = store.feedback_list(analysis.as_ref())?;
            out.print(&list, |l| {
                if l.is_empty() {
                    "no feedback yet".into()
                } else {
                    l.iter().map(feedback_line).collect()
                }
            })
        }
        FeedbackCommand::HighQuality { min_rating } => {
            let list = store.high_quality_feedback(min_rating)?;
            out.print(&list, |l| l.iter().map(feedback_line).collect())
        }
        FeedbackCommand::Stats { min_rating } => {
            let s = store.feedback_stats(min_rating)?;
            out.print(&s, |s| {
                let mut t = format!(
                    "records:       {}\naverage:       {}\nhigh quality:  {} (rating ≥ {})\nby rating:     ",
                    s.total,
                    s.average.map_or("—".into(), |a| format!("{a:.2}")),
                    s.high_quality,
                    s.min_rating
                );
                t.push_str(
                    &(1..=5)
                        .map(|r| format!("{r}★ {}", s.by_rating[r - 1]))
                        .collect::<Vec<_>>()
                        .join("  "),
                );
                t.push('\n');
                for (job, n, avg) in &s.per_job {
                    t.push_str(&format!("job {job}:  {n} records, average {avg:.2}\n"));
                }
                for (day, n) in &s.per_day {
                    t.push_str(&format!("{day}:  {n}\n"));
                }
                t
            })
        }
    }
}

/// A fresh store in `dir` with one current job (`description`) prepared for scoring.
fn bench_store(
    dir: &std::path::Path,
    embedder: &Embedder,
    description: &str,
) -> shortlist_core::Result<(Store, shortlist_core::engine::PreparedJob)> {
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
    dir: &std::path::Path,
    reader: &PdfReader,
    embedder: &Embedder,
    description: &str,
    pdf: &std::path::Path,
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

fn bench_search(sizes: &[usize], queries: usize, json: bool) -> Result<ExitCode> {
    use shortlist_core::bench;
    let assets = Assets::discover(&[]);
    let reader = PdfReader::for_this_executable(&assets.path(assets::PDFIUM)?)?;
    let embedder = Embedder::global(&assets)?;
    let scratch = std::env::temp_dir().join(format!("shortlist-bench-{}", std::process::id()));
    let fixture = std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("../../tests/fixtures/eval/resumes/marta_go_backend.pdf");
    let job_text = std::fs::read_to_string(
        std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
            .join("../../tests/fixtures/eval/jobs/backend.txt"),
    )?;
    let mut last: Option<(std::path::PathBuf, AnalysisId)> = None;
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
    Output { json }.print(&report, |_| {
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

fn bench_all(
    pdfs: &std::path::Path,
    out: &std::path::Path,
    reference: Option<&std::path::Path>,
    shortlist_size: usize,
    search_sizes: &[usize],
    json: bool,
) -> Result<ExitCode> {
    use shortlist_core::bench;
    let reference: serde_json::Value = match reference {
        Some(p) => serde_json::from_str(
            &std::fs::read_to_string(p).with_context(|| format!("reading {}", p.display()))?,
        )?,
        None => serde_json::Value::Null,
    };
    let assets = Assets::discover(&[]);
    let library = assets.path(assets::PDFIUM)?;
    let reader = PdfReader::for_this_executable(&library)?;
    let embedder = Embedder::global(&assets)?;
    let (files, _) = import::collect_pdfs(&[pdfs.to_owned()]);
    anyhow::ensure!(!files.is_empty(), "no PDFs in {}", pdfs.display());
    let job_text = std::fs::read_to_string(
        std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
            .join("../../tests/fixtures/eval/jobs/backend.txt"),
    )?;
    // Loads the model before timing (the app loads it once, lazily).
    let (store, prepared) = bench_store(&out.join("store"), embedder, &job_text)?;
    let job = prepared.job.clone();
    let tools = IngestTools::new(&reader, embedder, Some(&prepared));
    eprintln!("ingest: {} files…", files.len());
    let ingest = bench::ingest(&store, &tools, &files)?;
    eprintln!("embedding ceiling…");
    let ceiling = bench::embedding_ceiling(&store, embedder, &ingest.ids)?;
    eprintln!("extraction…");
    let mut single = shortlist_core::pdf::WorkerSpec::this_executable(&library)?;
    single.workers = 1;
    let extract_one = bench::extraction(&shortlist_core::pdf::PdfReader::start(single)?, &files)?;
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
    Output { json }.print(&report, |_| {
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
            &format!("shortlist of {}, ms (the app: rows as JSON)", shortlist.rows),
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
        s.push_str("reference: pdfminer.six + onnxruntime (same int8 model) + faiss + JSONL (bench/reference.py); extraction compares 1 process with pypdfium2 and the pool with pdfminer.six\n");
        s
    })?;
    Ok(ExitCode::SUCCESS)
}
