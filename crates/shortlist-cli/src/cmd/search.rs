//! `shortlist search QUERY`: the whole library by meaning and by words, candidates with their
//! matching passages (the query's words marked with `[…]`).

use std::process::ExitCode;

use anyhow::{bail, Result};
use clap::Args;
use shortlist_core::store::{LibraryFilters, LibraryHit};
use shortlist_core::workflow::Stage;
use shortlist_core::{JobId, ResumeId};

use crate::context::Context;
use crate::output::{date, truncate};

#[derive(Debug, Args)]
pub struct Search {
    /// What to look for: a skill, a name, or what the person did ("led a migration to
    /// Kubernetes"). Not needed with --like.
    query: Option<String>,
    /// Candidates to show (1 or more).
    #[arg(long, default_value_t = 10, value_parser = clap::value_parser!(u16).range(1..))]
    limit: u16,
    /// Only candidates with this tag.
    #[arg(long, value_name = "TAG")]
    tag: Option<String>,
    /// Only candidates analysed for this job (names withheld while it is blind). While the
    /// current job is screened blind the search stays within it, as in the window.
    #[arg(long, value_name = "ID")]
    job: Option<JobId>,
    /// With --job: only candidates at this stage (new, shortlisted, interview, offer, hired,
    /// rejected).
    #[arg(long, value_name = "STAGE", requires = "job")]
    stage: Option<Stage>,
    /// People like this one: candidates nearest this resume (instead of a query).
    #[arg(long, value_name = "RESUME_ID", conflicts_with = "query")]
    like: Option<ResumeId>,
}

impl Search {
    pub fn run(self, ctx: &Context) -> Result<ExitCode> {
        let store = ctx.store()?;
        let limit = usize::from(self.limit);
        // Names stay withheld while the current job is screened blind: the search is kept
        // within that job, whose candidates stand as "Candidate N".
        let job = match self.job {
            Some(job) => Some(job),
            None => store
                .current_job()?
                .filter(|j| j.job.blind)
                .map(|j| j.job.id),
        };
        let filters = LibraryFilters {
            tag: self.tag,
            job,
            stage: self.stage,
            ..Default::default()
        };
        let hits = match (&self.like, &self.query) {
            (Some(like), _) => store.search_like(like, &filters, limit)?,
            (None, Some(q)) => {
                let model = ctx.session.embedder()?;
                store.search_library(&model, q, &filters, limit)?
            }
            (None, None) => bail!("give a query, or --like RESUME_ID"),
        };
        ctx.out
            .print(&hits, |hits: &Vec<LibraryHit>| print_hits(hits))?;
        Ok(ExitCode::SUCCESS)
    }
}

/// `text` with each span wrapped in brackets.
fn marked(text: &str, spans: &[shortlist_core::store::Span]) -> String {
    let chars: Vec<char> = text.chars().collect();
    let mut out = String::new();
    let mut at = 0;
    for s in spans {
        let (start, end) = (s.start as usize, (s.end as usize).min(chars.len()));
        if start < at || start >= end {
            continue;
        }
        out.extend(&chars[at..start]);
        out.push('[');
        out.extend(&chars[start..end]);
        out.push(']');
        at = end;
    }
    out.extend(&chars[at.min(chars.len())..]);
    out
}

/// The note on a person's hit standing for several of their files.
fn also_versions(others: u32) -> String {
    match others {
        0 => String::new(),
        1 => "  (also 1 other version)".to_owned(),
        n => format!("  (also {n} other versions)"),
    }
}

fn print_hits(hits: &[LibraryHit]) -> String {
    if hits.is_empty() {
        return "no candidates found".into();
    }
    let mut out = String::new();
    for (i, h) in hits.iter().enumerate() {
        let who = h
            .blind_label
            .clone()
            .or_else(|| h.name.clone())
            .or_else(|| h.file_name.clone())
            .unwrap_or_default();
        out.push_str(&format!(
            "{}. {}  {}  imported {}{}{}\n",
            i + 1,
            who,
            h.resume_id,
            date(h.first_seen),
            if h.tags.is_empty() {
                String::new()
            } else {
                format!("  tags: {}", h.tags.join(", "))
            },
            also_versions(h.other_versions),
        ));
        for p in &h.passages {
            let one_line = marked(&p.text, &p.highlights).replace('\n', " ");
            out.push_str(&format!("   • {}\n", truncate(&one_line, 160)));
        }
    }
    out.trim_end().to_owned()
}
