//! `shortlist job criteria|blind`, `stage`, `note`, `tag`: working a job's shortlist.

use std::process::ExitCode;
use std::sync::atomic::AtomicBool;

use anyhow::Result;
use clap::{Args, Subcommand};
use shortlist_core::jd;
use shortlist_core::lexicon::Lexicon;
use shortlist_core::workflow::gates::parse_degree_level;
use shortlist_core::workflow::{Choice, Gate, Setting, Stage};
use shortlist_core::{JobId, ResumeId, Store};

use crate::context::{now, Context};
use crate::output::date;

/// `shortlist job criteria ID …`: what the engine reads, as the recruiter sets it.
#[derive(Debug, Args)]
pub struct CriteriaArgs {
    /// The job.
    pub id: JobId,
    /// A requirement (its text as the job lists it) or a skill that must be there.
    #[arg(long = "must", value_name = "S")]
    must: Vec<String>,
    /// A requirement or skill that is nice to have.
    #[arg(long = "nice", value_name = "S")]
    nice: Vec<String>,
    /// A requirement or skill the score should not read.
    #[arg(long = "ignore", value_name = "S")]
    ignore: Vec<String>,
    /// Years of experience asked for (0: none).
    #[arg(long, value_name = "N")]
    min_years: Option<f32>,
    /// Degree asked for: high-school, associate, bachelor, master, doctorate, or none.
    #[arg(long, value_name = "LEVEL")]
    degree: Option<String>,
    /// A knockout gate: years>=N, skill:NAME, degree>=LEVEL or phrase:TEXT (pass/fail, never
    /// points). Replaces the job's gates when given.
    #[arg(long = "gate", value_name = "SPEC")]
    gates: Vec<Gate>,
    /// Forget every criterion first (the description as written).
    #[arg(long)]
    reset: bool,
    /// Save without scoring the job's analyses again now (`shortlist rescore` does it later).
    #[arg(long)]
    no_rescore: bool,
}

impl CriteriaArgs {
    pub fn run(self, ctx: &Context, store: &Store) -> Result<ExitCode> {
        let job = store.job(&self.id)?.job;
        let mut criteria = if self.reset {
            Default::default()
        } else {
            job.criteria.clone()
        };
        let parsed = jd::parse(&job.description, Lexicon::shipped());
        let is_requirement = |s: &str| parsed.requirements.iter().any(|r| r.text == s.trim());
        for (list, choice) in [
            (&self.must, Choice::Must),
            (&self.nice, Choice::Nice),
            (&self.ignore, Choice::Ignore),
        ] {
            for s in list {
                let s = s.trim().to_owned();
                if is_requirement(&s) {
                    criteria.requirements.insert(s, choice);
                } else if choice == Choice::Ignore || Lexicon::shipped().skill(&s).is_some() {
                    criteria.skills.insert(s, choice);
                } else {
                    // Not a requirement of the text nor a known skill: a requirement of its own.
                    criteria.added.retain(|a| a.text != s);
                    criteria
                        .added
                        .push(shortlist_core::workflow::criteria::AddedRequirement {
                            text: s,
                            must: choice == Choice::Must,
                        });
                }
            }
        }
        if let Some(y) = self.min_years {
            criteria.min_years = if y <= 0.0 {
                Setting::None
            } else {
                Setting::To(y)
            };
        }
        if let Some(d) = &self.degree {
            criteria.degree = if d.trim().eq_ignore_ascii_case("none") {
                Setting::None
            } else {
                Setting::To(parse_degree_level(d).ok_or_else(|| {
                    shortlist_core::Error::invalid(
                        "degree",
                        "high-school, associate, bachelor, master, doctorate or none",
                    )
                })?)
            };
        }
        if !self.gates.is_empty() {
            criteria.gates = self.gates.clone();
        }
        let job = store.set_job_criteria(&self.id, criteria, now())?;
        let rescored = if self.no_rescore {
            0
        } else {
            rescore_job(ctx, store)?
        };
        let effective = job.criteria.apply(&parsed, Lexicon::shipped());
        ctx.out.print(
            &serde_json::json!({
                "job": job,
                "effective": effective,
                "rescored": rescored,
            }),
            |_| {
                let mut s = format!("{} revision {}\n", job.id, job.revision);
                s.push_str(&format!(
                    "must have:    {}\n",
                    effective.required_skills.join(", ")
                ));
                s.push_str(&format!(
                    "nice to have: {}\n",
                    effective.preferred_skills.join(", ")
                ));
                s.push_str(&format!(
                    "years:        {}\ndegree:       {}\n",
                    effective
                        .min_years
                        .map_or("none".into(), |y| format!("{y}+")),
                    effective.degree.map_or("none", |d| d.label())
                ));
                for g in &job.criteria.gates {
                    s.push_str(&format!("gate:         {g} ({})\n", g.describe()));
                }
                s.push_str(&format!("{rescored} analyses scored again\n"));
                s
            },
        )?;
        Ok(ExitCode::SUCCESS)
    }
}

fn rescore_job(ctx: &Context, store: &Store) -> Result<usize> {
    if store.stale_analyses()?.is_empty() {
        return Ok(0);
    }
    let model = ctx.session.embedder()?;
    let report = store.rescore_stale(&model, now, &AtomicBool::new(false), |_, _| {})?;
    Ok(report.rescored)
}

/// `shortlist job blind ID [--off]`.
#[derive(Debug, Args)]
pub struct BlindArgs {
    /// The job.
    pub id: JobId,
    /// Turn blind screening off.
    #[arg(long)]
    off: bool,
}

impl BlindArgs {
    pub fn run(self, ctx: &Context, store: &Store) -> Result<ExitCode> {
        let job = store.set_job_blind(&self.id, !self.off, now())?;
        ctx.out.print(&job, |j| {
            format!(
                "{}: blind screening {}",
                j.id,
                if j.blind { "on" } else { "off" }
            )
        })?;
        Ok(ExitCode::SUCCESS)
    }
}

#[derive(Debug, Subcommand)]
pub enum StageCommand {
    /// Move candidates of a job to a stage: new, shortlisted, interview, offer, hired,
    /// rejected.
    Set {
        /// The job.
        #[arg(long)]
        job: JobId,
        /// The candidate (repeat for several).
        #[arg(long, required = true)]
        resume: Vec<ResumeId>,
        /// The stage.
        stage: Stage,
        /// Why (kept in the history; joins the training export).
        #[arg(long)]
        reason: Option<String>,
    },
    /// A candidate's stage and its history for a job.
    Show {
        #[arg(long)]
        job: JobId,
        #[arg(long)]
        resume: ResumeId,
    },
}

impl StageCommand {
    pub fn run(self, ctx: &Context) -> Result<ExitCode> {
        let store = ctx.store()?;
        match self {
            StageCommand::Set {
                job,
                resume,
                stage,
                reason,
            } => {
                let moved = store.set_stage(&job, &resume, stage, reason.as_deref(), now())?;
                ctx.out.print(
                    &serde_json::json!({ "moved": moved, "stage": stage }),
                    |_| format!("{moved} moved to {}", stage.label()),
                )?;
            }
            StageCommand::Show { job, resume } => {
                let p = store.pipeline(&job, &resume)?;
                ctx.out.print(&p, |p| {
                    let mut s = format!("stage: {}\n", p.stage.label());
                    for e in &p.history {
                        s.push_str(&format!("{}  {}\n", date(e.at), event(&e.event)));
                    }
                    s
                })?;
            }
        }
        Ok(ExitCode::SUCCESS)
    }
}

fn event(e: &shortlist_core::workflow::PipelineEvent) -> String {
    match e {
        shortlist_core::workflow::PipelineEvent::Moved { from, to, reason } => format!(
            "{} → {}{}",
            from.label(),
            to.label(),
            reason
                .as_ref()
                .map(|r| format!(" ({r})"))
                .unwrap_or_default()
        ),
        shortlist_core::workflow::PipelineEvent::Revealed => "identity revealed".into(),
    }
}

#[derive(Debug, Subcommand)]
pub enum NoteCommand {
    /// Add a note on a candidate for a job.
    Add {
        #[arg(long)]
        job: JobId,
        #[arg(long)]
        resume: ResumeId,
        /// The note.
        text: String,
    },
    /// A candidate's notes for a job, oldest first.
    List {
        #[arg(long)]
        job: JobId,
        #[arg(long)]
        resume: ResumeId,
    },
}

impl NoteCommand {
    pub fn run(self, ctx: &Context) -> Result<ExitCode> {
        let store = ctx.store()?;
        match self {
            NoteCommand::Add { job, resume, text } => {
                let note = store.add_note(&job, &resume, &text, now())?;
                ctx.out.print(&note, |n| format!("note {} added", n.seq))?;
            }
            NoteCommand::List { job, resume } => {
                let notes = store.notes(&job, &resume)?;
                ctx.out.print(&notes, |notes| {
                    if notes.is_empty() {
                        return "no notes".into();
                    }
                    notes
                        .iter()
                        .map(|n| format!("{:>3}  {}  {}\n", n.seq, date(n.at), n.text))
                        .collect()
                })?;
            }
        }
        Ok(ExitCode::SUCCESS)
    }
}

#[derive(Debug, Subcommand)]
pub enum TagCommand {
    /// Tag candidates (across jobs).
    Add {
        /// The candidate (repeat for several).
        #[arg(long, required = true)]
        resume: Vec<ResumeId>,
        /// The tag.
        tag: String,
    },
    /// Remove a tag from a candidate.
    Remove {
        #[arg(long)]
        resume: ResumeId,
        tag: String,
    },
}

impl TagCommand {
    pub fn run(self, ctx: &Context) -> Result<ExitCode> {
        let store = ctx.store()?;
        match self {
            TagCommand::Add { resume, tag } => {
                let added = store.add_tag(&resume, &tag)?;
                ctx.out
                    .print(&serde_json::json!({ "tagged": added }), |_| {
                        format!("{added} tagged")
                    })?;
            }
            TagCommand::Remove { resume, tag } => {
                let removed = store.remove_tag(&resume, &tag)?;
                ctx.out
                    .print(&serde_json::json!({ "removed": removed }), |_| {
                        if removed { "removed" } else { "not tagged" }.into()
                    })?;
            }
        }
        Ok(ExitCode::SUCCESS)
    }
}
