//! `shortlist resume …`: stored resumes.

use std::process::ExitCode;

use anyhow::Result;
use clap::Subcommand;
use shortlist_core::{Resume, ResumeId};

use crate::context::Context;
use crate::output::date;

#[derive(Debug, Subcommand)]
pub enum ResumeCommand {
    /// List resumes, most recently imported first.
    List {
        /// Only candidates with this tag.
        #[arg(long)]
        tag: Option<String>,
    },
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

impl ResumeCommand {
    pub fn run(self, ctx: &Context) -> Result<ExitCode> {
        let store = ctx.store()?;
        let out = ctx.out;
        match self {
            ResumeCommand::List { tag } => {
                let mut list = store.resumes()?;
                if let Some(tag) = tag {
                    let tagged = store.resumes_tagged(&tag)?;
                    list.retain(|r| tagged.contains(&r.id));
                }
                out.print(&list, |list| table(list))?
            }
            ResumeCommand::Show { id } => out.print(&store.resume(&id)?, detail)?,
            ResumeCommand::Text { id } => {
                let text = store.resume_text(&id)?;
                out.print(&serde_json::json!({ "id": id, "text": text }), |_| {
                    text.clone()
                })?
            }
        }
        Ok(ExitCode::SUCCESS)
    }
}

fn table(list: &[Resume]) -> String {
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

fn detail(r: &Resume) -> String {
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
