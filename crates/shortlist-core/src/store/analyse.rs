//! Analysing stored resumes against a job: one analysis per (job, resume) pair, replacing the
//! pair's earlier one and keeping its score in the history.

use heed::RwTxn;
use time::OffsetDateTime;

use super::tables::{self, Dbs};
use super::Store;
use crate::analysis::{Analysis, PastScore, Scored, ENGINE_VERSION};
use crate::embed::Embedder;
use crate::engine::{PreparedJob, PreparedResume};
use crate::error::{Error, Result};
use crate::id::{AnalysisId, JobId, ResumeId};

/// The result of analysing many resumes.
#[derive(Debug, Clone, Default, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct BatchReport {
    /// Analyses written.
    pub analysed: usize,
    /// Resumes that could not be analysed (their blob is missing, say).
    pub failed: Vec<(ResumeId, String)>,
}

/// Writes `scored` as the analysis of (job, resume): replaces the pair's earlier analysis,
/// keeping its ID, its feedback count and its score in the history. A new pair gets a random
/// ID, or `wanted` when given and free (imports that keep another system's IDs), with `past`
/// first in its history.
pub(super) fn put_scored(
    wtxn: &mut RwTxn<'_>,
    dbs: &Dbs,
    job: &JobId,
    resume: &ResumeId,
    scored: &Scored,
    now: OffsetDateTime,
    wanted: Option<(&AnalysisId, Option<PastScore>)>,
) -> Result<Analysis> {
    // A job deleted meanwhile (its analysis was being scored) gets no analysis back.
    tables::jobs::require(wtxn, dbs, job)?;
    let (id, history, feedback_count, number) =
        match tables::analyses::of_pair(wtxn, dbs, job, resume)? {
            Some(old) => {
                let mut history = old.history;
                history.push(PastScore {
                    score: old.score,
                    engine_version: old.engine_version,
                    at: old.created_at,
                });
                let number = match old.number {
                    0 => tables::workflow::take_number(wtxn, dbs, job)?,
                    n => n,
                };
                (old.id, history, old.feedback_count, number)
            }
            None => match wanted {
                Some((id, past)) => {
                    if tables::analyses::exists(wtxn, dbs, id)? {
                        return Err(Error::invalid(
                            "analysis_id",
                            format!("{id} is already used by another analysis"),
                        ));
                    }
                    let number = tables::workflow::take_number(wtxn, dbs, job)?;
                    (id.clone(), past.into_iter().collect(), 0, number)
                }
                None => {
                    let number = tables::workflow::take_number(wtxn, dbs, job)?;
                    (tables::analyses::free_id(wtxn, dbs)?, Vec::new(), 0, number)
                }
            },
        };
    let analysis = Analysis {
        id,
        job_id: job.clone(),
        resume_id: resume.clone(),
        engine_version: ENGINE_VERSION,
        score: scored.score,
        band: crate::analysis::Band::of(scored.score),
        breakdown: scored.breakdown.clone(),
        matched_terms: scored.matched_terms.clone(),
        missing_terms: scored.missing_terms.clone(),
        matched_skills: scored.matched_skills.clone(),
        missing_skills: scored.missing_skills.clone(),
        evidence: scored.evidence.clone(),
        candidate: scored.candidate.clone(),
        flags: scored.flags.clone(),
        created_at: now,
        history,
        feedback_count,
        gates: scored.gates.clone(),
        job_revision: scored.job_revision,
        number,
        library_generation: scored.library_generation,
    };
    tables::analyses::put(wtxn, dbs, &analysis)?;
    Ok(analysis)
}

impl Store {
    /// Prepares a job for scoring (parse and embed its requirements), its terms weighed with
    /// the library's current generation of statistics.
    pub fn prepare_job(&self, embedder: &Embedder, job: &JobId) -> Result<PreparedJob> {
        let job = self.read(|rtxn, dbs| tables::jobs::require(rtxn, dbs, job))?;
        self.prepare_in_library(&job, embedder)
    }

    /// The prepared current job, if one is selected.
    pub fn prepare_current_job(&self, embedder: &Embedder) -> Result<Option<PreparedJob>> {
        match self.current_job()? {
            Some(summary) => self.prepare_in_library(&summary.job, embedder).map(Some),
            None => Ok(None),
        }
    }

    /// A stored resume parsed and split as the current engine does it, with its passage
    /// vectors: the stored ones when they were made for exactly these passages, else fresh
    /// (an older engine split the text differently). Returns whether the stored ones served.
    fn prepared_resume(
        &self,
        embedder: &Embedder,
        record: &crate::resume::Resume,
    ) -> Result<(PreparedResume, bool)> {
        let resume = &record.id;
        let text = self.read_text_blob(resume)?;
        let (stored_passages, stored) = self.read(|rtxn, dbs| {
            Ok((
                tables::passages::get(rtxn, dbs, resume)?,
                tables::passages::vectors(rtxn, dbs, resume)?,
            ))
        })?;
        let parsed = PreparedResume::parse(&text, record.first_seen);
        let current = stored_passages.as_ref() == Some(&parsed.passages);
        let vectors = if current { stored } else { None };
        let had_vectors = vectors.is_some();
        let prepared = parsed.with_vectors(embedder, vectors)?;
        Ok((prepared, had_vectors))
    }

    /// Analyses one stored resume against one job (no re-upload) and stores the result,
    /// replacing the pair's earlier analysis.
    pub fn analyze(
        &self,
        embedder: &Embedder,
        job: &PreparedJob,
        resume: &ResumeId,
        now: OffsetDateTime,
    ) -> Result<Analysis> {
        self.analyze_with(embedder, job, resume, None, now)
    }

    /// As [`Store::analyze`], giving a new analysis the ID `id` and `past` as its history
    /// (importing another system's analyses under their IDs).
    pub fn analyze_as(
        &self,
        embedder: &Embedder,
        job: &PreparedJob,
        resume: &ResumeId,
        id: &AnalysisId,
        past: Option<PastScore>,
        now: OffsetDateTime,
    ) -> Result<Analysis> {
        self.analyze_with(embedder, job, resume, Some((id, past)), now)
    }

    fn analyze_with(
        &self,
        embedder: &Embedder,
        job: &PreparedJob,
        resume: &ResumeId,
        wanted: Option<(&AnalysisId, Option<PastScore>)>,
        now: OffsetDateTime,
    ) -> Result<Analysis> {
        let record = self.resume(resume)?;
        let (prepared, had_vectors) = self.prepared_resume(embedder, &record)?;
        let scored = prepared.score(job, record.text_chars as usize, &record.warnings);
        self.write(|wtxn, dbs| {
            if !had_vectors {
                tables::passages::put(wtxn, dbs, resume, &prepared.passages, &prepared.vectors)?;
            }
            put_scored(wtxn, dbs, &job.job.id, resume, &scored, now, wanted.clone())
        })
    }

    /// Analyses every stored resume against `job`, calling `progress(done, total)`.
    pub fn analyze_all(
        &self,
        embedder: &Embedder,
        job: &PreparedJob,
        now: OffsetDateTime,
        mut progress: impl FnMut(usize, usize),
    ) -> Result<BatchReport> {
        let resumes = self.resumes()?;
        let mut report = BatchReport::default();
        for (i, r) in resumes.iter().enumerate() {
            match self.analyze(embedder, job, &r.id, now) {
                Ok(_) => report.analysed += 1,
                Err(e @ (Error::Io { .. } | Error::NotFound { .. } | Error::Corrupt { .. })) => {
                    report.failed.push((r.id.clone(), e.to_string()));
                }
                Err(e) => return Err(e),
            }
            progress(i + 1, resumes.len());
        }
        Ok(report)
    }
}
