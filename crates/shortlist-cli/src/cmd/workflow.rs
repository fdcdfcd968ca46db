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
    /// Remove one gate (same SPEC as `--gate`), keeping the others.
    #[arg(long = "drop-gate", value_name = "SPEC", conflicts_with = "gates")]
    drop_gates: Vec<Gate>,
    /// Remove every gate.
    #[arg(long, conflicts_with_all = ["gates", "drop_gates"])]
    no_gates: bool,
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
        let parsed = jd::parse(&job.description, Lexicon::shipped());
        let lexicon = Lexicon::shipped();
        let mut degree = None;
        if let Some(d) = &self.degree {
            degree = Some(if d.trim().eq_ignore_ascii_case("none") {
                Setting::None
            } else {
                Setting::To(parse_degree_level(d).ok_or_else(|| {
                    shortlist_core::Error::invalid(
                        "degree",
                        "high-school, associate, bachelor, master, doctorate or none",
                    )
                })?)
            });
        }
        if let Some(y) = self.min_years {
            if !(0.0..=60.0).contains(&y) {
                return Err(shortlist_core::Error::invalid(
                    "min-years",
                    "must be between 0 and 60",
                )
                .into());
            }
        }
        // Read, change and write in one transaction: two edits at once both land.
        let job = store.edit_job_criteria(&self.id, now(), |criteria| {
            if self.reset {
                *criteria = Default::default();
            }
            for (list, choice) in [
                (&self.must, Choice::Must),
                (&self.nice, Choice::Nice),
                (&self.ignore, Choice::Ignore),
            ] {
                for s in list {
                    let s = s.trim();
                    // A requirement as the job lists it (any case), else a skill by any of
                    // its names ("k8s", "Postgres"), else a requirement of its own.
                    if let Some(r) = parsed
                        .requirements
                        .iter()
                        .find(|r| r.text.eq_ignore_ascii_case(s))
                    {
                        criteria.requirements.insert(r.text.clone(), choice);
                    } else if let Some(skill) = one_skill(lexicon, s) {
                        criteria.skills.insert(skill, choice);
                    } else if choice == Choice::Ignore {
                        criteria.skills.insert(s.to_owned(), choice);
                    } else {
                        criteria.added.retain(|a| !a.text.eq_ignore_ascii_case(s));
                        criteria
                            .added
                            .push(shortlist_core::workflow::criteria::AddedRequirement {
                                text: s.to_owned(),
                                must: choice == Choice::Must,
                            });
                    }
                }
            }
            if let Some(y) = self.min_years {
                criteria.min_years = if y == 0.0 {
                    Setting::None
                } else {
                    Setting::To(y)
                };
            }
            if let Some(d) = degree {
                criteria.degree = d;
            }
            if !self.gates.is_empty() {
                criteria.gates = self.gates.clone();
            }
            if self.no_gates {
                criteria.gates.clear();
            }
            criteria.gates.retain(|g| !self.drop_gates.contains(g));
        })?;
        let rescored = if self.no_rescore {
            0
        } else {
            rescore_job(ctx, store, &job.id)?
        };
        let effective = job.criteria.apply(&parsed, lexicon);
        ctx.out.print(
            &serde_json::json!({
                "job": job,
                "effective": effective,
                "rescored": rescored,
            }),
            |_| {
                let mut s = format!("{} revision {}\n", job.id, job.revision);
                for r in &effective.requirements {
                    let kind = match r.importance {
                        shortlist_core::jd::Importance::Required => "must",
                        shortlist_core::jd::Importance::Preferred => "nice",
                    };
                    s.push_str(&format!("  [{kind}] {}\n", r.text));
                }
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
                if self.no_rescore {
                    s.push_str("scores not updated: run `shortlist rescore`\n");
                } else {
                    s.push_str(&format!(
                        "{} of this job scored again\n",
                        super::count_of(rescored, "analysis", "analyses")
                    ));
                }
                s
            },
        )?;
        Ok(ExitCode::SUCCESS)
    }
}

/// The canonical skill `s` names when it is one skill of the lexicon (any alias).
fn one_skill(lexicon: &Lexicon, s: &str) -> Option<String> {
    if let Some(skill) = lexicon.skill(s) {
        return Some(skill.name.clone());
    }
    match lexicon.skills_in(s).as_slice() {
        [one] => Some(one.clone()),
        _ => None,
    }
}

/// Scores the job's stale analyses again (only this job's).
fn rescore_job(ctx: &Context, store: &Store, job: &JobId) -> Result<usize> {
    if store.stale_analyses_of(Some(job))?.is_empty() {
        return Ok(0);
    }
    let model = ctx.session.embedder()?;
    let report =
        store.rescore_stale_of(Some(job), &model, now, &AtomicBool::new(false), |_, _| {})?;
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
        /// The candidates: several after one `--resume` (`--resume A B interview`), or
        /// `--resume` repeated.
        #[arg(long, required = true, num_args = 1.., value_name = "ID")]
        resume: Vec<String>,
        /// The stage (after the IDs, or before `--resume`).
        stage: Option<Stage>,
        /// Why (kept in the history; joins the training export).
        #[arg(long)]
        reason: Option<String>,
    },
    /// A candidate's stage and its history for a job.
    Show {
        /// The job.
        #[arg(long)]
        job: JobId,
        /// The candidate.
        #[arg(long)]
        resume: ResumeId,
    },
    /// Show a candidate's name and contact details while the job is screened blind (kept in
    /// the stage history).
    Reveal {
        /// The job.
        #[arg(long)]
        job: JobId,
        /// The candidate.
        #[arg(long)]
        resume: ResumeId,
    },
}

/// The IDs given after `--resume` and the stage: the positional one, else the last value
/// after `--resume` (which takes every value up to the next option, the stage included).
fn resumes_and_stage(
    mut values: Vec<String>,
    stage: Option<Stage>,
) -> Result<(Vec<ResumeId>, Stage)> {
    let stage = match stage {
        Some(stage) => stage,
        None => match values.last().map(|v| v.parse::<Stage>()) {
            Some(Ok(stage)) => {
                values.pop();
                stage
            }
            _ => anyhow::bail!(
                "give the stage after the IDs: new, shortlisted, interview, offer, hired or rejected"
            ),
        },
    };
    if values.is_empty() {
        anyhow::bail!("give at least one resume ID after --resume");
    }
    let ids = values
        .iter()
        .map(|v| ResumeId::parse(v))
        .collect::<shortlist_core::Result<Vec<_>>>()?;
    Ok((ids, stage))
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
                let (resume, stage) = resumes_and_stage(resume, stage)?;
                let moved = store.set_stage(&job, &resume, stage, reason.as_deref(), now())?;
                ctx.out.print(
                    &serde_json::json!({ "moved": moved, "stage": stage }),
                    |_| format!("{moved} moved to {}", stage.label()),
                )?;
            }
            StageCommand::Reveal { job, resume } => {
                let p = store.reveal(&job, &resume, now())?;
                ctx.out
                    .print(&p, |p| format!("revealed; stage: {}", p.stage.label()))?;
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
        /// The job.
        #[arg(long)]
        job: JobId,
        /// The candidate.
        #[arg(long)]
        resume: ResumeId,
        /// The note.
        text: String,
    },
    /// A candidate's notes for a job, oldest first.
    List {
        /// The job.
        #[arg(long)]
        job: JobId,
        /// The candidate.
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
        /// The candidate.
        #[arg(long)]
        resume: ResumeId,
        /// The tag.
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
