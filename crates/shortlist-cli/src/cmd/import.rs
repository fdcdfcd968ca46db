//! `shortlist import` and `shortlist import-legacy`.

use std::io::Write as _;
use std::path::PathBuf;
use std::process::ExitCode;
use std::sync::atomic::AtomicBool;

use anyhow::Result;
use clap::Args;
use shortlist_core::import::{FileResult, FileStatus};
use shortlist_core::session::ImportProgress;
use shortlist_core::store::AnalysisRef;
use shortlist_core::{text, IngestTools};

use crate::context::{now, Context};

#[derive(Debug, Args)]
pub struct Import {
    /// Files or folders.
    #[arg(required = true)]
    paths: Vec<PathBuf>,
}

impl Import {
    /// One line per file as it finishes (or the whole report with `--json`), then the totals;
    /// exit 1 when any file failed.
    pub fn run(self, ctx: &Context) -> Result<ExitCode> {
        let store = ctx.store()?;
        let json = ctx.out.json;
        let never = AtomicBool::new(false);
        let report = ctx
            .session
            .import(&store, &self.paths, &never, now, |step| {
                if let (ImportProgress::File { result, .. }, false) = (step, json) {
                    // A closed pipe (`| head`) must not stop the import: the files are
                    // still stored and counted.
                    let _ = writeln!(
                        std::io::stdout(),
                        "{}",
                        text::terminal(&result_line(result))
                    );
                }
            })?;
        let summary = &report.summary;
        // A folder with no resume in it (the wrong one, say) is no success.
        if summary.added + summary.duplicates + summary.failed == 0 {
            anyhow::bail!(
                "no PDF or Word (.docx) files in {}: Shortlist imports those",
                self.paths
                    .iter()
                    .map(|p| p.display().to_string())
                    .collect::<Vec<_>>()
                    .join(", ")
            );
        }
        if json {
            ctx.out.print(&report, |_| String::new())?;
        } else {
            writeln!(
                std::io::stdout(),
                "{} added, {} duplicate, {} failed",
                summary.added,
                summary.duplicates,
                summary.failed
            )?;
        }
        Ok(if report.summary.failed > 0 {
            ExitCode::FAILURE
        } else {
            ExitCode::SUCCESS
        })
    }
}

fn score_note(analysis: &Option<AnalysisRef>) -> String {
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
            text::one_line(&text::path(&r.path)),
            score_note(analysis)
        ),
        FileStatus::Duplicate {
            resume_id,
            analysis,
        } => format!(
            "duplicate  {resume_id}  {}{}",
            text::one_line(&text::path(&r.path)),
            score_note(analysis)
        ),
        FileStatus::Failed { reason, .. } => {
            format!(
                "failed     {}: {reason}",
                text::one_line(&text::path(&r.path))
            )
        }
    }
}

#[derive(Debug, Args)]
pub struct ImportLegacy {
    /// The folder.
    dir: PathBuf,
}

impl ImportLegacy {
    /// What came in and every record left out; loud on stderr and exit 1 when a whole file or
    /// most records of a kind were left out.
    pub fn run(self, ctx: &Context) -> Result<ExitCode> {
        let store = ctx.store()?;
        let reader = ctx.session.pdf_reader()?;
        let model = ctx.session.embedder()?;
        let tools = IngestTools::new(&reader, &model, None);
        let report = store.import_legacy(&tools, &self.dir, now())?;
        // As after any import batch: its passages go into the vector index in one build.
        shortlist_core::session::index_after_import(&store);
        let problems = report.problems();
        ctx.out.print(&report, |r| {
            let mut s = format!(
                "imported {}, {}, {}, {} ({} already here)\n",
                super::count_of(r.jobs, "job", "jobs"),
                super::count_of(r.resumes, "resume", "resumes"),
                super::count_of(r.analyses, "analysis", "analyses"),
                super::count_of(r.feedback, "feedback record", "feedback records"),
                r.already_present
            );
            for k in &r.skipped {
                match k.line {
                    Some(line) => {
                        s.push_str(&format!("skipped    {}:{line}: {}\n", k.file, k.reason))
                    }
                    None => s.push_str(&format!("skipped    {}: {}\n", k.file, k.reason)),
                }
            }
            s
        })?;
        if problems.is_empty() {
            return Ok(ExitCode::SUCCESS);
        }
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
        Ok(ExitCode::FAILURE)
    }
}
