//! `shortlist export …`: feedback and everything else, to files.

use std::path::PathBuf;
use std::process::ExitCode;

use anyhow::Result;
use clap::Subcommand;
use shortlist_core::feedback::DEFAULT_MIN_RATING;
use shortlist_core::text;

use crate::context::Context;
use crate::output::write_file;

#[derive(Debug, Subcommand)]
pub enum ExportCommand {
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
    /// A job's shortlist as CSV: rank, score, band, stage, gates, tags, notes, skills, IDs. One
    /// row per person (their newest file), as `rank` prints them.
    Shortlist {
        /// The job.
        #[arg(long)]
        job: shortlist_core::JobId,
        /// The file to write.
        file: PathBuf,
        /// Only candidates at this stage.
        #[arg(long)]
        stage: Option<shortlist_core::workflow::Stage>,
        /// Only candidates passing every knockout gate.
        #[arg(long)]
        passing: bool,
        /// Leave names and contact details out (always, when the job is screened blind).
        #[arg(long)]
        blind: bool,
        /// Every file, each on its own row: a person's older versions (resumes linked as the
        /// same person) under the row of their newest file, with the same rank.
        #[arg(long)]
        all_versions: bool,
    },
    /// High-quality samples as chat-format JSONL for LoRA fine-tuning.
    Training {
        /// The file to write.
        file: PathBuf,
        /// Lowest rating included.
        #[arg(long, default_value_t = DEFAULT_MIN_RATING)]
        min_rating: u8,
    },
}

impl ExportCommand {
    pub fn run(self, ctx: &Context) -> Result<ExitCode> {
        let store = ctx.store()?;
        let out = ctx.out;
        match self {
            ExportCommand::Shortlist {
                job,
                file,
                stage,
                passing,
                blind,
                all_versions,
            } => {
                let csv = store.export_shortlist(&job, stage, passing, blind, all_versions)?;
                write_file(&file, csv.as_bytes())?;
                // Rows end with CRLF; a note's own line breaks are bare LF.
                let rows = csv.matches("\r\n").count().saturating_sub(1);
                out.print(
                    &serde_json::json!({ "file": text::path(&file), "rows": rows }),
                    |_| {
                        format!(
                            "wrote {} to {}",
                            super::count_of(rows, "candidate", "candidates"),
                            file.display()
                        )
                    },
                )?;
            }
            ExportCommand::Csv { file } => {
                let csv = store.export_feedback_csv()?;
                write_file(&file, csv.as_bytes())?;
                let rows = csv.lines().count().saturating_sub(1);
                out.print(
                    &serde_json::json!({ "file": text::path(&file), "rows": rows }),
                    |_| {
                        format!(
                            "wrote {} to {}",
                            super::count_of(rows, "feedback record", "feedback records"),
                            file.display()
                        )
                    },
                )?;
            }
            ExportCommand::Legacy { dir } => {
                let report = store.export_legacy(&dir)?;
                out.print(&report, |r| {
                    format!(
                        "wrote {}, {}, {} and {} to {}",
                        super::count_of(r.jobs, "job", "jobs"),
                        super::count_of(r.resumes, "resume", "resumes"),
                        super::count_of(r.analyses, "analysis", "analyses"),
                        super::count_of(r.feedback, "feedback record", "feedback records"),
                        dir.display()
                    )
                })?;
            }
            ExportCommand::Interactions { file } => {
                let jsonl = store.export_feedback_legacy_jsonl()?;
                write_file(&file, jsonl.as_bytes())?;
                let rows = jsonl.lines().count();
                out.print(
                    &serde_json::json!({ "file": text::path(&file), "rows": rows }),
                    |_| {
                        format!(
                            "wrote {} to {}",
                            super::count_of(rows, "interaction", "interactions"),
                            file.display()
                        )
                    },
                )?;
            }
            ExportCommand::Training { file, min_rating } => {
                let (jsonl, n) = store.export_training_jsonl(min_rating)?;
                write_file(&file, jsonl.as_bytes())?;
                out.print(
                    &serde_json::json!({ "file": text::path(&file), "samples": n }),
                    |_| {
                        format!(
                            "wrote {} (rating ≥ {min_rating}) to {}",
                            super::count_of(n, "training sample", "training samples"),
                            file.display()
                        )
                    },
                )?;
            }
        }
        Ok(ExitCode::SUCCESS)
    }
}
