//! The commands, one module per family, each with its clap type and its `run`.

mod analysis;
mod bench;
mod eval;
mod export;
mod feedback;
mod import;
mod job;
mod library_bench;
mod resume;
mod search;
mod storage;
mod workflow;

use std::process::ExitCode;

use anyhow::Result;
use clap::Subcommand;

use crate::context::Context;

/// `n` and the noun that goes with it: "1 analysis", "2 analyses", "0 analyses".
pub(crate) fn count_of<N>(n: N, one: &str, many: &str) -> String
where
    N: std::fmt::Display + PartialEq + From<u8>,
{
    let noun = if n == N::from(1) { one } else { many };
    format!("{n} {noun}")
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// Job descriptions.
    #[command(subcommand)]
    Job(job::JobCommand),
    /// Import resume files (PDF or Word .docx), or folders searched recursively for *.pdf and *.docx.
    Import(import::Import),
    /// Import the older web version's data folder (the one holding data/ and feedback_db/),
    /// keeping its IDs; every record left out is listed with the reason.
    ImportLegacy(import::ImportLegacy),
    /// Stored resumes.
    #[command(subcommand)]
    Resume(resume::ResumeCommand),
    /// Search the whole library by meaning and by words: candidates with the passages that
    /// match; filter by tag, or by job and stage; or find people like one resume.
    Search(search::Search),
    /// Counts and sizes of everything stored.
    Stats,
    /// Analyse stored resumes against a job (no re-upload).
    Analyze(analysis::Analyze),
    /// The ranked shortlist of a job: rank, score, name, resume, analysis.
    Rank(analysis::Rank),
    /// Analyses.
    #[command(subcommand)]
    Analysis(analysis::AnalysisCommand),
    /// A candidate's stage for a job (new, shortlisted, interview, offer, hired, rejected).
    #[command(subcommand)]
    Stage(workflow::StageCommand),
    /// Notes on a candidate for a job.
    #[command(subcommand)]
    Note(workflow::NoteCommand),
    /// Tags on candidates (across jobs).
    #[command(subcommand)]
    Tag(workflow::TagCommand),
    /// Ask a question about an analysis; the answer comes from the candidate's resume.
    Ask(feedback::Ask),
    /// Ratings and corrections of answers.
    #[command(subcommand)]
    Feedback(feedback::FeedbackCommand),
    /// Export feedback.
    #[command(subcommand)]
    Export(export::ExportCommand),
    /// Rebuild every vector (resume passages, feedback index) from the stored records.
    Reindex,
    /// Score every analysis made by an older engine again with the current one (each keeps
    /// its ID, its feedback and its earlier score in its history).
    Rescore,
    /// Delete a candidate for good: PDF, text, analyses, feedback and vectors, then compact
    /// the database so no old page keeps a copy.
    Erase(storage::Erase),
    /// Rewrite the database without free pages, so erased candidates leave no trace. `erase`
    /// does it; when another Shortlist had the folder open, run this after closing it.
    Compact,
    /// Back up everything (database and PDFs) into one file.
    Backup(storage::Backup),
    /// Restore a backup into the data directory (checked first; old data is kept aside).
    Restore(storage::Restore),
    /// Benchmarks (print numbers, never pass or fail).
    #[command(subcommand)]
    Bench(bench::BenchCommand),
    /// Ranking quality on a labelled set (jobs/, resumes/, labels.tsv): NDCG@10, P@5 and
    /// pairwise accuracy per job and overall, for the engine, BM25, MiniLM and their fusion.
    /// Your data is untouched.
    Eval(eval::Eval),
}

impl Command {
    pub fn run(self, ctx: &Context) -> Result<ExitCode> {
        match self {
            Command::Job(cmd) => cmd.run(ctx),
            Command::Import(cmd) => cmd.run(ctx),
            Command::ImportLegacy(cmd) => cmd.run(ctx),
            Command::Resume(cmd) => cmd.run(ctx),
            Command::Search(cmd) => cmd.run(ctx),
            Command::Stats => storage::stats(ctx),
            Command::Analyze(cmd) => cmd.run(ctx),
            Command::Rank(cmd) => cmd.run(ctx),
            Command::Analysis(cmd) => cmd.run(ctx),
            Command::Stage(cmd) => cmd.run(ctx),
            Command::Note(cmd) => cmd.run(ctx),
            Command::Tag(cmd) => cmd.run(ctx),
            Command::Ask(cmd) => cmd.run(ctx),
            Command::Feedback(cmd) => cmd.run(ctx),
            Command::Export(cmd) => cmd.run(ctx),
            Command::Reindex => storage::reindex(ctx),
            Command::Rescore => analysis::rescore(ctx),
            Command::Erase(cmd) => cmd.run(ctx),
            Command::Compact => storage::compact(ctx),
            Command::Backup(cmd) => cmd.run(ctx),
            Command::Restore(cmd) => cmd.run(ctx),
            Command::Bench(cmd) => cmd.run(ctx),
            Command::Eval(cmd) => cmd.run(ctx),
        }
    }
}
