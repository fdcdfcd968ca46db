//! `shortlist stats`, `reindex`, `erase`, `compact`, `backup` and `restore`: the data folder.

use std::path::PathBuf;
use std::process::ExitCode;

use anyhow::Result;
use clap::Args;
use shortlist_core::store::StorageStats;
use shortlist_core::{ResumeId, Store};

use crate::context::{now, Context};
use crate::output::{date, human_bytes};

pub fn stats(ctx: &Context) -> Result<ExitCode> {
    let stats = ctx.store()?.stats()?;
    ctx.out.print(&stats, print_stats)?;
    Ok(ExitCode::SUCCESS)
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

pub fn reindex(ctx: &Context) -> Result<ExitCode> {
    let store = ctx.store()?;
    let model = ctx.session.embedder()?;
    let (resumes, feedback) = store.reindex(&model)?;
    ctx.out.print(
        &serde_json::json!({ "resumes": resumes, "feedback": feedback }),
        |_| {
            format!(
                "reindexed {} and {}",
                super::count_of(resumes, "resume", "resumes"),
                super::count_of(feedback, "feedback record", "feedback records")
            )
        },
    )?;
    Ok(ExitCode::SUCCESS)
}

#[derive(Debug, Args)]
pub struct Erase {
    /// The resume.
    resume: ResumeId,
}

impl Erase {
    /// Erases, then compacts; when another Shortlist holds the folder, says to compact later.
    pub fn run(self, ctx: &Context) -> Result<ExitCode> {
        let (store, _) = Store::open(&ctx.data_dir)?;
        let report = store.erase_resume(&self.resume)?;
        let compacted = store.compact();
        ctx.out.print(&report, |r| {
            format!(
                "erased {} with {} and {}",
                self.resume,
                super::count_of(r.analyses, "analysis", "analyses"),
                super::count_of(r.feedback, "feedback record", "feedback records")
            )
        })?;
        if compacted.is_err() {
            eprintln!("close the other Shortlist, then run `shortlist compact`");
        }
        compacted?;
        Ok(ExitCode::SUCCESS)
    }
}

pub fn compact(ctx: &Context) -> Result<ExitCode> {
    drop(Store::open(&ctx.data_dir)?.0.compact()?);
    ctx.out
        .print(&serde_json::json!({ "compacted": true }), |_| {
            "compacted the database".into()
        })?;
    Ok(ExitCode::SUCCESS)
}

#[derive(Debug, Args)]
pub struct Backup {
    /// The backup file to write (a .tar).
    file: PathBuf,
}

impl Backup {
    pub fn run(self, ctx: &Context) -> Result<ExitCode> {
        let manifest = ctx.store()?.backup(&self.file, now())?;
        ctx.out.print(&manifest, |m| {
            format!(
                "backed up {}, {} ({}) to {}",
                super::count_of(m.resumes, "resume", "resumes"),
                super::count_of(m.jobs, "job", "jobs"),
                super::count_of(m.files.len(), "file", "files"),
                self.file.display()
            )
        })?;
        Ok(ExitCode::SUCCESS)
    }
}

#[derive(Debug, Args)]
pub struct Restore {
    /// The backup file.
    file: PathBuf,
}

impl Restore {
    /// Restores into the data folder, which must not be open (so no store is opened here).
    pub fn run(self, ctx: &Context) -> Result<ExitCode> {
        let data_dir = &ctx.data_dir;
        let (manifest, aside) = shortlist_core::backup::restore(&self.file, data_dir, now())?;
        ctx.out.print(
            &serde_json::json!({ "manifest": manifest, "previous_data": aside, "data_dir": data_dir }),
            |_| {
                let mut s = format!(
                    "restored {} and {} (backup of {}) into {}\n",
                    super::count_of(manifest.resumes, "resume", "resumes"),
                    super::count_of(manifest.jobs, "job", "jobs"),
                    date(manifest.created_at),
                    data_dir.display()
                );
                if let Some(a) = &aside {
                    s.push_str(&format!("the previous data was kept in {}\n", a.display()));
                }
                s
            },
        )?;
        Ok(ExitCode::SUCCESS)
    }
}
