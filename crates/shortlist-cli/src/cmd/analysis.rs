//! `shortlist analyze`, `rank`, `analysis …` and `rescore`: scores and shortlists.

use std::process::ExitCode;
use std::sync::atomic::AtomicBool;

use anyhow::Result;
use clap::{Args, Subcommand};
use serde::Serialize;
use shortlist_core::analysis::Analysis;
use shortlist_core::workflow::gates::GateSummary;
use shortlist_core::{text, AnalysisId, JobId, ResumeId, Store};

use crate::context::{now, Context};
use crate::output::{date, fit_columns, join_or_none, truncate};

#[derive(Debug, Args)]
pub struct Analyze {
    /// The job.
    #[arg(long)]
    job: JobId,
    /// One resume.
    #[arg(long, conflicts_with = "all", required_unless_present = "all")]
    resume: Option<ResumeId>,
    /// Every stored resume.
    #[arg(long)]
    all: bool,
}

impl Analyze {
    /// One resume: its analysis. All: progress on stderr, then the ranked shortlist; exit 1
    /// when any resume could not be analysed.
    pub fn run(self, ctx: &Context) -> Result<ExitCode> {
        let store = ctx.store()?;
        let out = ctx.out;
        if let (Some(id), false) = (&self.resume, self.all) {
            let analysis = ctx.session.analyze(&store, &self.job, id, now())?;
            out.print(&store.analysis_for_window(&analysis.id)?, detail)?;
            return Ok(ExitCode::SUCCESS);
        }
        let report = ctx
            .session
            .analyze_all(&store, &self.job, now(), out.progress("analysed"))?;
        for (id, reason) in &report.failed {
            eprintln!("failed     {id}: {}", text::terminal(reason));
        }
        let ranked = store.ranked(&self.job, None)?;
        let mut rows = RankRows::from(&store, &ranked)?;
        rows.with_board(&store, false)?;
        out.print(&rows, table)?;
        if !report.failed.is_empty() {
            anyhow::bail!(
                "{} could not be analysed",
                super::count_of(report.failed.len(), "resume", "resumes")
            );
        }
        Ok(ExitCode::SUCCESS)
    }
}

#[derive(Debug, Args)]
pub struct Rank {
    /// The job.
    #[arg(long)]
    job: JobId,
    /// At most this many (1 or more).
    #[arg(long, value_parser = clap::value_parser!(u32).range(1..))]
    limit: Option<u32>,
    /// Only candidates at this stage.
    #[arg(long)]
    stage: Option<shortlist_core::workflow::Stage>,
    /// Only candidates passing every knockout gate.
    #[arg(long)]
    passing: bool,
    /// Hide names and contact details ("Candidate 12"), as when the job is screened blind.
    #[arg(long)]
    blind: bool,
    /// Every file, each on its own line: a person's older versions (resumes linked as the same
    /// person) under the row of their newest file. Without it, one row per person.
    #[arg(long)]
    all_versions: bool,
}

impl Rank {
    pub fn run(self, ctx: &Context) -> Result<ExitCode> {
        let store = ctx.store()?;
        let all = store.ranked(&self.job, None)?;
        warn_stale(&store, &self.job, &all, self.passing)?;
        if all.is_empty() {
            let resumes = store.stats()?.resumes;
            eprintln!(
                "note: no resume is scored against this job yet; {}",
                if resumes == 0 {
                    "import some with `shortlist import FILE…`".to_owned()
                } else {
                    format!(
                        "score the {} stored with `shortlist analyze --job {} --all`",
                        super::count_of(resumes, "resume", "resumes"),
                        self.job
                    )
                }
            );
        }
        let mut rows = RankRows::from(&store, &all)?;
        rows.with_board(&store, self.blind)?;
        rows.by_person(&store, &self.job, self.all_versions)?;
        // Filters keep each candidate's overall rank; a candidate never moved is New.
        rows.0.retain(|row| {
            self.stage.is_none_or(|s| row.stage == s)
                && (!self.passing
                    || row.gates == GateSummary::Pass
                    || row.gates == GateSummary::NoGates)
        });
        rows.0
            .truncate(self.limit.map_or(usize::MAX, |n| n as usize));
        ctx.out.print(&rows, table)?;
        Ok(ExitCode::SUCCESS)
    }
}

/// Says on stderr when some of the job's scores (and so their gates) are out of date.
fn warn_stale(store: &Store, job: &JobId, list: &[Analysis], passing: bool) -> Result<()> {
    let revision = store.job(job)?.job.revision;
    let stale = list
        .iter()
        .filter(|a| {
            a.job_revision < revision || a.engine_version < shortlist_core::analysis::ENGINE_VERSION
        })
        .count();
    if stale > 0 {
        eprintln!(
            "note: {stale} of these scores{} predate the job's current criteria or engine; \
             run `shortlist rescore` to update them",
            if passing {
                " and their gate results"
            } else {
                ""
            }
        );
    }
    Ok(())
}

#[derive(Debug, Subcommand)]
pub enum AnalysisCommand {
    /// The full breakdown and evidence of one analysis.
    Show {
        /// The analysis.
        id: AnalysisId,
    },
    /// List analyses, best first within each job.
    List {
        /// Only this job's.
        #[arg(long)]
        job: Option<JobId>,
    },
}

impl AnalysisCommand {
    pub fn run(self, ctx: &Context) -> Result<ExitCode> {
        let store = ctx.store()?;
        match self {
            AnalysisCommand::Show { id } => {
                ctx.out.print(&store.analysis_for_window(&id)?, detail)?
            }
            AnalysisCommand::List { job } => {
                let list = store.analyses(job.as_ref())?;
                let mut rows = RankRows::from(&store, &list)?;
                rows.with_board(&store, false)?;
                ctx.out.print(&rows, table)?;
            }
        }
        Ok(ExitCode::SUCCESS)
    }
}

/// `shortlist rescore`: brings every analysis of an older engine up to date; fails when any
/// could not be.
pub fn rescore(ctx: &Context) -> Result<ExitCode> {
    let store = ctx.store()?;
    let out = ctx.out;
    let model = ctx.session.embedder()?;
    let never = AtomicBool::new(false);
    let report = store.rescore_stale(&model, now, &never, out.progress("rescored"))?;
    out.print(&report, |r| {
        let mut s = format!(
            "{} scored again with engine {}\n",
            super::count_of(r.rescored, "analysis", "analyses"),
            shortlist_core::analysis::ENGINE_VERSION
        );
        for (id, reason) in &r.failed {
            s.push_str(&format!("failed     {id}: {reason}\n"));
        }
        s
    })?;
    Ok(if report.failed.is_empty() {
        ExitCode::SUCCESS
    } else {
        ExitCode::FAILURE
    })
}

/// One line of a ranked shortlist.
#[derive(Serialize)]
struct RankRow {
    rank: usize,
    score: u8,
    name: String,
    resume_id: ResumeId,
    analysis_id: AnalysisId,
    job_id: JobId,
    matched: Vec<String>,
    missing: Vec<String>,
    flags: Vec<String>,
    stage: shortlist_core::workflow::Stage,
    gates: shortlist_core::workflow::gates::GateSummary,
    /// How many files of this person the job has (1: no other version).
    versions: u32,
    /// For an older version: the resume on the person's row.
    #[serde(skip_serializing_if = "Option::is_none")]
    version_of: Option<ResumeId>,
}

#[derive(Serialize)]
#[serde(transparent)]
struct RankRows(Vec<RankRow>);

impl RankRows {
    fn from(store: &Store, list: &[Analysis]) -> Result<RankRows> {
        let mut rows = Vec::with_capacity(list.len());
        for (i, a) in list.iter().enumerate() {
            let name = match &a.candidate.name {
                Some(n) => n.clone(),
                None => store.resume(&a.resume_id)?.file_name().to_owned(),
            };
            rows.push(RankRow {
                rank: i + 1,
                score: a.score,
                name,
                resume_id: a.resume_id.clone(),
                analysis_id: a.id.clone(),
                job_id: a.job_id.clone(),
                matched: a.matched_skills.iter().map(|m| m.skill.clone()).collect(),
                missing: a.missing_skills.iter().map(|m| m.skill.clone()).collect(),
                flags: a.flags.iter().map(|f| f.message().to_owned()).collect(),
                stage: Default::default(),
                gates: shortlist_core::workflow::gates::summary(&a.gates),
                versions: 1,
                version_of: None,
            });
        }
        Ok(RankRows(rows))
    }

    /// Each row's stage, and "Candidate N" for its name while its job is screened blind (or
    /// `blind`) and the candidate was not revealed.
    fn with_board(&mut self, store: &Store, blind: bool) -> Result<()> {
        // Per job its board, and where each resume's entry is in it.
        type Indexed = (
            shortlist_core::store::Board,
            std::collections::HashMap<ResumeId, usize>,
        );
        let mut boards: std::collections::HashMap<JobId, Indexed> =
            std::collections::HashMap::new();
        for row in &mut self.0 {
            if !boards.contains_key(&row.job_id) {
                let board = store.board(&row.job_id)?;
                let at = board
                    .entries
                    .iter()
                    .enumerate()
                    .map(|(i, e)| (e.resume_id.clone(), i))
                    .collect();
                boards.insert(row.job_id.clone(), (board, at));
            }
            let Some((board, at)) = boards.get(&row.job_id) else {
                continue;
            };
            let e = at.get(&row.resume_id).map(|&i| &board.entries[i]);
            row.stage = e.map_or(shortlist_core::workflow::Stage::New, |e| e.stage);
            if (blind || board.blind) && !e.is_some_and(|e| e.revealed) {
                row.name = shortlist_core::workflow::blind::label(e.map_or(0, |e| e.number));
            }
        }
        Ok(())
    }
}

impl RankRows {
    /// The job's rows in the board's order of people, ranked by person: one row per person
    /// (their newest file), or with `all_versions` every file, older versions under their
    /// person's row.
    fn by_person(&mut self, store: &Store, job: &JobId, all_versions: bool) -> Result<()> {
        let board = store.board(job)?;
        let mut rows: std::collections::HashMap<ResumeId, RankRow> =
            self.0.drain(..).map(|r| (r.resume_id.clone(), r)).collect();
        for e in board.entries {
            if !all_versions && e.version_of.is_some() {
                continue;
            }
            if let Some(mut row) = rows.remove(&e.resume_id) {
                row.rank = e.rank as usize;
                row.versions = e.versions;
                row.version_of = e.version_of;
                self.0.push(row);
            }
        }
        Ok(())
    }
}

fn table(rows: &RankRows) -> String {
    if rows.0.is_empty() {
        return "no analyses".into();
    }
    let mut s = String::from(
        "rank  score  name                          stage        gates    resume               analysis\n",
    );
    for r in &rows.0 {
        s.push_str(&format!(
            "{:>4}  {:>5}  {}  {:<11}  {:<7}  {}  {}{}{}\n",
            r.rank,
            r.score,
            fit_columns(&r.name, 28),
            r.stage.label(),
            gate_word(r.gates),
            r.resume_id,
            r.analysis_id,
            match (&r.version_of, r.versions) {
                (Some(of), _) => format!("  older version of {of}"),
                (None, n) if n > 1 => format!("  {n} versions"),
                _ => String::new(),
            },
            if r.flags.is_empty() {
                String::new()
            } else {
                format!("  ⚠ {}", r.flags.join("; "))
            }
        ));
    }
    s
}

/// A row's knockout gates in one word: every gate passed, one failed, some undecided, none set.
fn gate_word(g: GateSummary) -> &'static str {
    match g {
        GateSummary::Pass => "pass",
        GateSummary::Fail => "FAIL",
        GateSummary::Unknown => "unknown",
        GateSummary::NoGates => "-",
    }
}

fn detail(a: &Analysis) -> String {
    let b = &a.breakdown;
    let mut s = format!(
        "analysis {}  job {}  resume {}  engine v{}\nscore {}/100{}\n\n",
        a.id,
        a.job_id,
        a.resume_id,
        a.engine_version,
        a.score,
        a.candidate
            .name
            .as_ref()
            .map(|n| format!("  — {n}"))
            .unwrap_or_default()
    );
    for (name, p) in [
        ("terms", &b.terms),
        ("evidence", &b.evidence),
        ("skills", &b.skills),
        ("experience", &b.experience),
        ("education", &b.education),
        ("readability", &b.readability),
    ] {
        if p.weight > 0.0 {
            let counts = if p.share < 1.0 {
                format!(
                    " (counts {:.0} %: the match with the job's work)",
                    p.share * 100.0
                )
            } else {
                String::new()
            };
            s.push_str(&format!(
                "  {name:<12} {:>5.1} of {:>4.1} points  {}{counts}\n",
                p.points,
                p.weight * 100.0,
                p.detail
            ));
        } else {
            s.push_str(&format!("  {name:<12}     —              {}\n", p.detail));
        }
    }
    let matched: Vec<String> = a
        .matched_skills
        .iter()
        .map(|m| {
            if m.evidenced {
                m.skill.clone()
            } else {
                format!("{} (listed only)", m.skill)
            }
        })
        .collect();
    let missing: Vec<String> = a.missing_skills.iter().map(|m| m.skill.clone()).collect();
    s.push_str(&format!(
        "\nmatched: {}\nmissing: {}\n",
        join_or_none(&matched),
        join_or_none(&missing)
    ));
    if !a.flags.is_empty() {
        let flags: Vec<&str> = a.flags.iter().map(|f| f.message()).collect();
        s.push_str(&format!("flags:   {}\n", flags.join("; ")));
    }
    if !a.gates.is_empty() {
        s.push_str("\nknockout gates (pass/fail, never points):\n");
        for g in &a.gates {
            let status = match g.status {
                shortlist_core::workflow::gates::GateStatus::Pass => "pass",
                shortlist_core::workflow::gates::GateStatus::Fail => "FAIL",
                shortlist_core::workflow::gates::GateStatus::Unknown => "unknown",
            };
            s.push_str(&format!("  {status:<7} {}: {}\n", g.gate, g.reason));
            if let Some(line) = &g.line {
                s.push_str(&format!("          ↳ {}\n", truncate(line, 110)));
            }
        }
    }
    s.push_str("\nevidence per requirement:\n");
    for e in &a.evidence {
        // The label and the number beside it are the same measure (the strength, by the
        // thresholds the window uses); the raw cosine is shown apart.
        s.push_str(&format!(
            "  [{} {:.0} %] {} (cosine {:.2})\n",
            shortlist_core::analysis::match_label(e.strength),
            e.strength * 100.0,
            e.requirement,
            e.similarity
        ));
        if let Some(p) = &e.passage {
            s.push_str(&format!(
                "         ↳ {}\n",
                truncate(&p.replace('\n', " "), 110)
            ));
        }
    }
    if !a.history.is_empty() {
        let past: Vec<String> = a
            .history
            .iter()
            .map(|h| format!("{} (v{}, {})", h.score, h.engine_version, date(h.at)))
            .collect();
        s.push_str(&format!("\nearlier scores: {}\n", past.join(", ")));
    }
    s
}
