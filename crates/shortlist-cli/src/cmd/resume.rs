//! `shortlist resume …`: stored resumes.

use std::process::ExitCode;

use anyhow::Result;
use clap::Subcommand;
use serde::Serialize;
use shortlist_core::resume::ResumeFormat;
use shortlist_core::store::SamePerson;
use shortlist_core::{Resume, ResumeId};

use crate::context::Context;
use crate::output::date;

#[derive(Debug, Subcommand)]
pub enum ResumeCommand {
    /// List resumes, most recently imported first (while the current job is screened blind,
    /// its candidates stand as "Candidate N", as in the window).
    List {
        /// Only candidates with this tag.
        #[arg(long)]
        tag: Option<String>,
    },
    /// Show a resume's record, its tags and the resumes possibly of the same person (without
    /// name, contact details and file names while the current job is screened blind).
    Show {
        /// The resume.
        id: ResumeId,
    },
    /// Confirm that two resumes are the same person's.
    Link {
        /// One resume.
        id: ResumeId,
        /// The other.
        other: ResumeId,
    },
    /// Split two resumes linked as possibly the same person: two people (kept on re-import).
    Unlink {
        /// One resume.
        id: ResumeId,
        /// The other.
        other: ResumeId,
    },
    /// Print a resume's extracted text (the blind text while the current job is screened
    /// blind and the candidate is not revealed).
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
                let mut list: Vec<Resume> = store
                    .library_for_window()?
                    .into_iter()
                    .map(|row| row.resume)
                    .collect();
                if let Some(tag) = tag {
                    let tagged = store.resumes_tagged(&tag)?;
                    list.retain(|r| tagged.contains(&r.id));
                }
                out.print(&list, |list| table(list))?
            }
            ResumeCommand::Show { id } => {
                let links = store.same_person(&id)?;
                let shown = Shown {
                    resume: store.resume_detail_for_window(&id)?.resume,
                    tags: store.tags(&id)?,
                    same_person: links.iter().map(|l| l.resume_id.clone()).collect(),
                    links,
                };
                out.print(&shown, detail)?
            }
            ResumeCommand::Link { id, other } => {
                store.link(&id, &other)?;
                out.print(
                    &serde_json::json!({ "id": id, "other": other, "linked": true }),
                    |_| format!("{id} and {other}: the same person (confirmed)"),
                )?
            }
            ResumeCommand::Unlink { id, other } => {
                store.unlink(&id, &other)?;
                out.print(
                    &serde_json::json!({ "id": id, "other": other, "linked": false }),
                    |_| format!("{id} and {other}: two people (split; kept on re-import)"),
                )?
            }
            ResumeCommand::Text { id } => {
                let text = store.resume_detail_for_window(&id)?.text;
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
            // A Word document has no pages until it is laid out; say its format instead.
            let pages = match r.format {
                ResumeFormat::Pdf => format!("{:>3} p", r.pages),
                ResumeFormat::Docx => " docx".to_owned(),
            };
            format!(
                "{}  {pages}  {:>7} chars  {}  {}\n",
                r.id,
                r.text_chars,
                date(r.first_seen),
                r.file_names.iter().cloned().collect::<Vec<_>>().join(", ")
            )
        })
        .collect()
}

/// `resume show`: the record (its fields at the top level, as before), its tags, and the IDs
/// of the resumes possibly of the same person (`same_person`), with why (`links`).
#[derive(Serialize)]
struct Shown {
    #[serde(flatten)]
    resume: Resume,
    tags: Vec<String>,
    same_person: Vec<ResumeId>,
    links: Vec<SamePerson>,
}

fn none_or(list: Vec<String>) -> String {
    if list.is_empty() {
        "none".to_owned()
    } else {
        list.join(", ")
    }
}

fn detail(s: &Shown) -> String {
    let r = &s.resume;
    let warnings: Vec<_> = r.warnings.iter().map(|w| w.message()).collect();
    let same: Vec<String> = s
        .links
        .iter()
        .map(|l| {
            let why: Vec<String> = l.reasons.iter().map(|b| format!("{b:?}")).collect();
            let state = if l.confirmed {
                "confirmed"
            } else {
                "suggested"
            };
            format!("{} ({state}; {})", l.resume_id, none_or(why).to_lowercase())
        })
        .collect();
    format!(
        "{}\nfiles:      {}\nformat:     {}\nsha256:     {}\nsize:       {} bytes\npages:      {}\ntext:       {} chars\nfirst seen: {}\nlast seen:  {}\nwarnings:   {}\ntags:       {}\nsame person: {}\n",
        r.id,
        r.file_names.iter().cloned().collect::<Vec<_>>().join(", "),
        r.format.extension(),
        r.sha256,
        r.size_bytes,
        r.pages,
        r.text_chars,
        date(r.first_seen),
        date(r.last_seen),
        if warnings.is_empty() { "none".to_owned() } else { warnings.join("; ") },
        none_or(s.tags.clone()),
        none_or(same)
    )
}
