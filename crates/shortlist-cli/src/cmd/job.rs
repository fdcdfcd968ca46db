//! `shortlist job …`: job descriptions.

use std::path::PathBuf;
use std::process::ExitCode;

use anyhow::{Context as _, Result};
use clap::{Args, Subcommand};
use shortlist_core::job::{JobDraft, JobSummary};
use shortlist_core::JobId;

use crate::context::{now, Context};
use crate::output::{date, truncate};

#[derive(Debug, Subcommand)]
pub enum JobCommand {
    /// Save a new job description; prints its ID.
    Add(JobFields),
    /// Change a job's company, role or description (what is not given stays as it is).
    Edit {
        /// The job.
        id: JobId,
        #[command(flatten)]
        fields: EditFields,
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
    /// Set what the engine reads: must have / nice to have / ignore, years, degree, knockout
    /// gates. The job's analyses are scored again.
    Criteria(super::workflow::CriteriaArgs),
    /// Screen a job blind: names, contact details, addresses and graduation years hidden.
    Blind(super::workflow::BlindArgs),
    /// Delete a job for good: its criteria, analyses, stages, notes and the feedback on its
    /// analyses go with it (resumes and tags stay). `--dry-run` only counts them.
    Delete {
        /// The job.
        id: JobId,
        /// Only say what would go, delete nothing.
        #[arg(long)]
        dry_run: bool,
    },
}

#[derive(Debug, Args)]
pub struct JobFields {
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

impl JobFields {
    fn draft(self) -> Result<JobDraft> {
        let description =
            given_description(self.description, self.description_file)?.unwrap_or_default();
        Ok(JobDraft {
            company: self.company,
            role: self.role,
            description,
        })
    }
}

/// What `job edit` changes; each field left out keeps the job's own.
#[derive(Debug, Args)]
pub struct EditFields {
    /// Hiring company.
    #[arg(long)]
    company: Option<String>,
    /// Role title.
    #[arg(long)]
    role: Option<String>,
    /// The job description text.
    #[arg(long, conflicts_with = "description_file")]
    description: Option<String>,
    /// A file holding the job description text.
    #[arg(long, value_name = "FILE")]
    description_file: Option<PathBuf>,
}

impl EditFields {
    fn draft(self, current: &shortlist_core::job::Job) -> Result<JobDraft> {
        let description = given_description(self.description, self.description_file)?
            .unwrap_or_else(|| current.description.clone());
        Ok(JobDraft {
            company: self.company.unwrap_or_else(|| current.company.clone()),
            role: self.role.unwrap_or_else(|| current.role.clone()),
            description,
        })
    }
}

/// The description given as text or as a file (clap lets only one of them through), if any.
fn given_description(text: Option<String>, file: Option<PathBuf>) -> Result<Option<String>> {
    match (text, file) {
        (Some(text), _) => Ok(Some(text)),
        (None, Some(path)) => read_description(&path).map(Some),
        (None, None) => Ok(None),
    }
}

/// A description file's text: at most a few times the longest description allowed is read
/// (the rest would be refused anyway), and it must be UTF-8 text.
fn read_description(path: &std::path::Path) -> Result<String> {
    use std::io::Read as _;
    let limit = 4 * shortlist_core::job::MAX_DESCRIPTION_CHARS as u64 + 4;
    let mut bytes = Vec::new();
    std::fs::File::open(path)
        .and_then(|f| f.take(limit + 1).read_to_end(&mut bytes))
        .with_context(|| format!("reading {}", path.display()))?;
    anyhow::ensure!(
        bytes.len() as u64 <= limit,
        "{} is longer than any job description ({} characters at most)",
        path.display(),
        shortlist_core::job::MAX_DESCRIPTION_CHARS
    );
    String::from_utf8(bytes).map_err(|_| {
        anyhow::anyhow!(
            "{} is not UTF-8 text: save the description as plain text (UTF-8) and try again",
            path.display()
        )
    })
}

impl JobCommand {
    pub fn run(self, ctx: &Context) -> Result<ExitCode> {
        let store = ctx.store()?;
        let out = ctx.out;
        match self {
            JobCommand::Criteria(args) => return args.run(ctx, &store),
            JobCommand::Blind(args) => return args.run(ctx, &store),
            JobCommand::Add(fields) => {
                let job = store.add_job(fields.draft()?, now())?;
                out.print(&job, |j| j.id.to_string())?;
            }
            JobCommand::Edit { id, fields } => {
                let current = store.job(&id)?.job;
                let job = store.update_job(&id, fields.draft(&current)?, now())?;
                out.print(&job, |j| j.id.to_string())?;
            }
            JobCommand::List { all } => out.print(&store.jobs(all)?, |jobs| table(jobs))?,
            JobCommand::Search { query } => {
                out.print(&store.search_jobs(&query, true)?, |jobs| table(jobs))?
            }
            JobCommand::Show { id } => out.print(&store.job(&id)?, detail)?,
            JobCommand::Select { id } => out.print(&store.select_job(&id)?, |j| {
                format!(
                    "current job: {} {} — {}",
                    j.job.id, j.job.company, j.job.role
                )
            })?,
            JobCommand::Delete { id, dry_run } => {
                let report = if dry_run {
                    store.job_deletion_counts(&id)?
                } else {
                    store.delete_job(&id)?
                };
                out.print(&report, |r| {
                    let what = format!(
                        "{}, {}, {} and every candidate's stage with its history",
                        super::count_of(r.analyses, "analysis", "analyses"),
                        super::count_of(r.feedback, "feedback record", "feedback records"),
                        super::count_of(r.notes, "note", "notes")
                    );
                    let mut line = if dry_run {
                        format!("deleting job {} would remove {what}", r.job_id)
                    } else {
                        format!("deleted job {} with {what}", r.job_id)
                    };
                    if !dry_run {
                        match &r.current_job {
                            Some(next) => line.push_str(&format!("\ncurrent job: {next}")),
                            None => line.push_str("\nno current job"),
                        }
                    }
                    line
                })?;
            }
            JobCommand::Current => match store.current_job()? {
                Some(job) => out.print(&job, detail)?,
                None => return Err(shortlist_core::Error::NoCurrentJob.into()),
            },
        }
        Ok(ExitCode::SUCCESS)
    }
}

fn table(jobs: &[JobSummary]) -> String {
    if jobs.is_empty() {
        return "no jobs".into();
    }
    let mut s = String::new();
    for j in jobs {
        s.push_str(&format!(
            "{} {} {:<24} {:<32} {:>5} {:<8}  {}{}\n",
            if j.current { "*" } else { " " },
            j.job.id,
            truncate(&j.job.company, 24),
            truncate(&j.job.role, 32),
            j.analysis_count,
            if j.analysis_count == 1 {
                "analysis"
            } else {
                "analyses"
            },
            date(j.job.created_at),
            if j.job.archived { "  (archived)" } else { "" },
        ));
    }
    s
}

fn detail(j: &JobSummary) -> String {
    let gates = if j.job.criteria.gates.is_empty() {
        "none".to_owned()
    } else {
        j.job
            .criteria
            .gates
            .iter()
            .map(|g| format!("\n  {g} ({})", g.describe()))
            .collect()
    };
    format!(
        "{}{}\ncompany:  {}\nrole:     {}\ncreated:  {}\nupdated:  {}\nanalyses: {}\nblind:    {}\ngates:    {}\n\n{}\n",
        j.job.id,
        if j.current { " (current)" } else { "" },
        j.job.company,
        j.job.role,
        date(j.job.created_at),
        date(j.job.updated_at),
        j.analysis_count,
        if j.job.blind { "on" } else { "off" },
        gates,
        j.job.description
    )
}
