//! Bringing stored analyses up to date: an analysis made by an older [`ENGINE_VERSION`], at
//! an older revision of its job (its description or criteria edited since), or with an older
//! generation of the library's term statistics (the library changed by a clear margin since,
//! see [`super::tables::library_stats`]), is scored again, keeping its ID, its feedback and its earlier score in the history
//! ([`Store::analyze`] does that), one commit per analysis, so an interrupted upgrade loses
//! nothing and resumes where it stopped.

use std::collections::HashMap;
use std::sync::atomic::{AtomicBool, Ordering};

use serde::{Deserialize, Serialize};
use time::OffsetDateTime;

use super::tables;
use super::Store;
use crate::analysis::ENGINE_VERSION;
use crate::embed::Embedder;
use crate::engine::PreparedJob;
use crate::error::{Error, Result};
use crate::id::{AnalysisId, JobId, ResumeId};

/// An analysis made by an older engine.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct StaleAnalysis {
    /// The analysis.
    pub analysis_id: AnalysisId,
    /// Its job.
    pub job_id: JobId,
    /// Its resume.
    pub resume_id: ResumeId,
    /// The engine that made it.
    pub engine_version: u32,
    /// Why it is out of date.
    pub cause: RescoreCause,
}

/// Why an analysis is scored again (the first that applies).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[serde(rename_all = "snake_case")]
pub enum RescoreCause {
    /// An older engine made it.
    Engine,
    /// Its job's description or criteria were edited since.
    Job,
    /// The library's word statistics moved on since (a new generation, see
    /// [`super::tables::library_stats`]).
    Library,
}

impl RescoreCause {
    /// The cause a run over `stale` is reported by: an engine upgrade over a job's edit over
    /// the library's statistics (what the recruiter would most want to know).
    pub fn of(stale: &[StaleAnalysis]) -> Option<RescoreCause> {
        stale.iter().map(|s| s.cause).min()
    }
}

/// Progress of bringing analyses of an older engine up to date, streamed to the window.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct RescoreProgress {
    /// Analyses done (re-scored, failed or found already current).
    pub done: usize,
    /// Analyses of an older engine found at the start.
    pub total: usize,
    /// Whether the work is still going on.
    pub running: bool,
    /// Why, for the window's words ([`RescoreCause::of`] the analyses found at the start).
    pub cause: Option<RescoreCause>,
}

/// What a rescore did.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct RescoreReport {
    /// Analyses scored again with the current engine.
    pub rescored: usize,
    /// Analyses that could not be scored again (their resume's file is missing, say), with
    /// the reason; they stay as they were and are tried again next time.
    pub failed: Vec<(AnalysisId, String)>,
    /// Whether it was cancelled before the end.
    pub cancelled: bool,
}

impl Store {
    /// Every analysis made by an engine older than the current one, the current job's first,
    /// then job by job, best score first within a job (one scan of the ranking index).
    pub fn stale_analyses(&self) -> Result<Vec<StaleAnalysis>> {
        self.stale_analyses_of(None)
    }

    /// As [`Store::stale_analyses`], of one job only when `job` is given.
    pub fn stale_analyses_of(&self, job: Option<&JobId>) -> Result<Vec<StaleAnalysis>> {
        let current = self.current_job()?.map(|j| j.job.id);
        let mut stale = self.read(|rtxn, dbs| {
            let generation = tables::library_stats::counts(rtxn, dbs)?.generation;
            let revisions: HashMap<JobId, u32> = tables::jobs::all(rtxn, dbs)?
                .into_iter()
                .map(|j| (j.id, j.revision))
                .collect();
            let mut out = Vec::new();
            tables::analyses::each_ranked(rtxn, dbs, |job_id, row| {
                let revision = revisions.get(&job_id).copied().unwrap_or(0);
                let wanted = job.is_none_or(|j| *j == job_id);
                let cause = if row.engine_version < ENGINE_VERSION {
                    Some(RescoreCause::Engine)
                } else if row.job_revision < revision {
                    Some(RescoreCause::Job)
                } else if row.library_generation < generation {
                    Some(RescoreCause::Library)
                } else {
                    None
                };
                if let (true, Some(cause)) = (wanted, cause) {
                    out.push(StaleAnalysis {
                        analysis_id: row.analysis_id,
                        job_id,
                        resume_id: row.resume_id,
                        engine_version: row.engine_version,
                        cause,
                    });
                }
                Ok(())
            })?;
            Ok(out)
        })?;
        // Stable: the index order (job, then rank) stays within each group.
        stale.sort_by_key(|s| Some(&s.job_id) != current.as_ref());
        Ok(stale)
    }

    /// Scores every analysis of an older engine again with the current one (see the module),
    /// calling `progress(done, total)` after each. Stops after the current analysis when
    /// `cancel` is set. An analysis whose resume or job cannot be read is reported and left
    /// as it was; a database error stops the work.
    pub fn rescore_stale(
        &self,
        embedder: &Embedder,
        now: impl Fn() -> OffsetDateTime,
        cancel: &AtomicBool,
        progress: impl FnMut(usize, usize),
    ) -> Result<RescoreReport> {
        self.rescore_stale_of(None, embedder, now, cancel, progress)
    }

    /// As [`Store::rescore_stale`], for one job's analyses only when `job` is given.
    pub fn rescore_stale_of(
        &self,
        job: Option<&JobId>,
        embedder: &Embedder,
        now: impl Fn() -> OffsetDateTime,
        cancel: &AtomicBool,
        mut progress: impl FnMut(usize, usize),
    ) -> Result<RescoreReport> {
        // Resumes imported before the library's statistics existed are counted first (which
        // may take a generation, and so make analyses stale).
        self.count_library()?;
        let stale = self.stale_analyses_of(job)?;
        let total = stale.len();
        let mut report = RescoreReport::default();
        let mut jobs: HashMap<JobId, PreparedJob> = HashMap::new();
        for (i, s) in stale.iter().enumerate() {
            if cancel.load(Ordering::Relaxed) {
                report.cancelled = true;
                break;
            }
            let outcome = self.rescore_one(embedder, &mut jobs, s, now());
            match outcome {
                Ok(true) => report.rescored += 1,
                Ok(false) => {}
                Err(e @ (Error::Io { .. } | Error::NotFound { .. } | Error::Corrupt { .. })) => {
                    report.failed.push((s.analysis_id.clone(), e.to_string()));
                }
                Err(e) => return Err(e),
            }
            progress(i + 1, total);
        }
        if report.rescored > 0 || !report.failed.is_empty() {
            tracing::info!(
                rescored = report.rescored,
                failed = report.failed.len(),
                cancelled = report.cancelled,
                engine = ENGINE_VERSION,
                "analyses of an older engine scored again"
            );
        }
        Ok(report)
    }

    /// Scores one stale analysis again; `false` when it is already current (the recruiter
    /// re-analysed it meanwhile) or gone.
    fn rescore_one(
        &self,
        embedder: &Embedder,
        jobs: &mut HashMap<JobId, PreparedJob>,
        stale: &StaleAnalysis,
        now: OffsetDateTime,
    ) -> Result<bool> {
        let generation = self.library_counts()?.generation;
        // A job prepared with an older generation (one was taken during this run) is
        // prepared again.
        if jobs
            .get(&stale.job_id)
            .is_some_and(|p| p.library_generation < generation)
        {
            jobs.remove(&stale.job_id);
        }
        let revision = match jobs.get(&stale.job_id) {
            Some(prepared) => prepared.job.revision,
            None => self.job(&stale.job_id)?.job.revision,
        };
        match self.analysis_of(&stale.job_id, &stale.resume_id)? {
            Some(a)
                if a.engine_version < ENGINE_VERSION
                    || a.job_revision < revision
                    || a.library_generation < generation => {}
            _ => return Ok(false),
        }
        // Each job is prepared once (its requirements embedded, its background computed).
        let job = match jobs.entry(stale.job_id.clone()) {
            std::collections::hash_map::Entry::Occupied(e) => e.into_mut(),
            std::collections::hash_map::Entry::Vacant(e) => {
                e.insert(self.prepare_job(embedder, &stale.job_id)?)
            }
        };
        self.analyze(embedder, job, &stale.resume_id, now)?;
        Ok(true)
    }
}
