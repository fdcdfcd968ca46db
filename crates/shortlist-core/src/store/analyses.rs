//! Analyses in the store: one per (job, resume) pair, ranked per job, with score history.

use heed::{RoTxn, RwTxn};
use serde::{Deserialize, Serialize};
use time::OffsetDateTime;

use super::{jobs::get_job, Dbs, Store};
use crate::analysis::{Analysis, Flag, PastScore, Scored, ENGINE_VERSION};
use crate::embed::{self, Embedder};
use crate::engine::{PreparedJob, PreparedResume};
use crate::error::{Error, Result};
use crate::id::{AnalysisId, JobId, ResumeId};
use crate::jd::Importance;

/// A resume's best score over the jobs it was analysed against.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, ts_rs::TS)]
pub struct BestScore {
    /// 0–100.
    pub score: u8,
    /// The job it was scored against.
    pub job_id: JobId,
    /// That analysis.
    pub analysis_id: AnalysisId,
}

/// A row of the resume library: the resume and its best score, if it was ever analysed.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, ts_rs::TS)]
pub struct LibraryRow {
    /// The resume.
    #[serde(flatten)]
    pub resume: crate::resume::Resume,
    /// Its best score.
    pub best: Option<BestScore>,
}

/// Key of the ranking index: job, inverted score (so the best comes first), analysis ID.
pub(super) fn rank_key(job: &JobId, score: u8, id: &AnalysisId) -> String {
    format!("{job}/{:03}/{id}", 100 - u32::from(score.min(100)))
}

fn pair_key(job: &JobId, resume: &ResumeId) -> String {
    format!("{job}/{resume}")
}

pub(crate) fn decode(bytes: &[u8]) -> Result<Analysis> {
    serde_json::from_slice(bytes).map_err(|e| Error::Corrupt {
        kind: "analysis",
        reason: e.to_string(),
    })
}

pub(crate) fn encode(analysis: &Analysis) -> Result<Vec<u8>> {
    serde_json::to_vec(analysis).map_err(|e| Error::Corrupt {
        kind: "analysis",
        reason: e.to_string(),
    })
}

pub(crate) fn get_analysis(rtxn: &RoTxn<'_>, dbs: &Dbs, id: &AnalysisId) -> Result<Analysis> {
    match dbs.analyses.get(rtxn, id.as_str())? {
        Some(bytes) => decode(bytes),
        None => Err(Error::NotFound {
            kind: "analysis",
            id: id.to_string(),
        }),
    }
}

/// A skill on a shortlist row.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, ts_rs::TS)]
pub struct RowSkill {
    /// Canonical name.
    pub skill: String,
    /// Shown in experience, projects or summary (matched skills only).
    pub evidenced: bool,
}

/// One row of a job's shortlist: what the list shows and filters on, without the breakdown and
/// evidence of the full [`Analysis`]. Stored as the value of the per-job ranking index, so a
/// shortlist of thousands is one ordered scan of small records.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, ts_rs::TS)]
pub struct ShortlistRow {
    /// The analysis.
    pub analysis_id: AnalysisId,
    /// The resume.
    pub resume_id: ResumeId,
    /// 0–100.
    pub score: u8,
    /// What the score means.
    #[serde(default)]
    pub band: crate::analysis::Band,
    /// The engine version that made the analysis (older than the current one: the score is
    /// being brought up to date).
    #[serde(default = "engine_one")]
    pub engine_version: u32,
    /// The candidate's name, or else the resume's file name.
    pub name: String,
    /// Years of dated experience.
    pub years: f32,
    /// Skills of the job found, in the analysis's order.
    pub matched: Vec<RowSkill>,
    /// Required skills of the job not found.
    pub missing_required: Vec<String>,
    /// Things to look at.
    pub flags: Vec<Flag>,
    /// Feedback records on the analysis.
    pub feedback_count: u32,
    /// When the analysis was made, Unix seconds (cheaper to decode than a date string, and
    /// this is decoded once per row of the list).
    #[serde(with = "time::serde::timestamp")]
    #[ts(type = "number")]
    pub created_at: OffsetDateTime,
}

fn engine_one() -> u32 {
    1
}

impl ShortlistRow {
    fn of(a: &Analysis, file_name: Option<&str>) -> ShortlistRow {
        ShortlistRow {
            analysis_id: a.id.clone(),
            resume_id: a.resume_id.clone(),
            score: a.score,
            band: a.band,
            engine_version: a.engine_version,
            name: a
                .candidate
                .name
                .clone()
                .or_else(|| file_name.map(str::to_owned))
                .unwrap_or_else(|| a.resume_id.to_string()),
            years: a.candidate.years,
            matched: a
                .matched_skills
                .iter()
                .map(|m| RowSkill {
                    skill: m.skill.clone(),
                    evidenced: m.evidenced,
                })
                .collect(),
            missing_required: a
                .missing_skills
                .iter()
                .filter(|m| m.importance == Importance::Required)
                .map(|m| m.skill.clone())
                .collect(),
            flags: a.flags.clone(),
            feedback_count: a.feedback_count,
            created_at: a.created_at,
        }
    }
}

pub(super) fn decode_row(bytes: &[u8]) -> Result<ShortlistRow> {
    serde_json::from_slice(bytes).map_err(|e| Error::Corrupt {
        kind: "shortlist row",
        reason: e.to_string(),
    })
}

/// Writes an analysis record and its row in the ranking index (its score must be the one its
/// rank key was made with, or the old key deleted first).
pub(crate) fn save_analysis(wtxn: &mut RwTxn<'_>, dbs: &Dbs, analysis: &Analysis) -> Result<()> {
    let file_name = dbs
        .resumes
        .get(wtxn, analysis.resume_id.as_str())?
        .and_then(|r| r.file_names.iter().next().cloned());
    let row = ShortlistRow::of(analysis, file_name.as_deref());
    let row = serde_json::to_vec(&row).map_err(|e| Error::Corrupt {
        kind: "shortlist row",
        reason: e.to_string(),
    })?;
    dbs.analyses
        .put(wtxn, analysis.id.as_str(), &encode(analysis)?)?;
    dbs.analyses_by_job.put(
        wtxn,
        &rank_key(&analysis.job_id, analysis.score, &analysis.id),
        &row,
    )?;
    Ok(())
}

/// Schema 1 → 2: the ranking index held analysis IDs; it now holds shortlist rows.
pub(super) fn migrate_rank_rows(wtxn: &mut RwTxn<'_>, dbs: &Dbs) -> Result<usize> {
    let mut ids = Vec::new();
    for item in dbs.analyses_by_job.iter(wtxn)? {
        let (_, value) = item?;
        let id = std::str::from_utf8(value).map_err(|e| Error::Corrupt {
            kind: "ranking index",
            reason: e.to_string(),
        })?;
        ids.push(AnalysisId::parse(id)?);
    }
    for id in &ids {
        let analysis = get_analysis(wtxn, dbs, id)?;
        save_analysis(wtxn, dbs, &analysis)?;
    }
    Ok(ids.len())
}

/// Writes `scored` as the analysis of (job, resume): replaces the pair's earlier analysis,
/// keeping its ID, its feedback count and its score in the history. A new pair gets a random
/// ID, or `wanted` when given and free (imports that keep another system's IDs), with `past`
/// first in its history.
pub(crate) fn put_analysis(
    wtxn: &mut RwTxn<'_>,
    dbs: &Dbs,
    job: &JobId,
    resume: &ResumeId,
    scored: &Scored,
    now: OffsetDateTime,
    wanted: Option<(&AnalysisId, Option<PastScore>)>,
) -> Result<Analysis> {
    let pair = pair_key(job, resume);
    let previous = match dbs.analysis_by_pair.get(wtxn, &pair)? {
        Some(id) => {
            let id = AnalysisId::parse(id)?;
            Some(get_analysis(wtxn, dbs, &id)?)
        }
        None => None,
    };
    let (id, history, feedback_count) = match previous {
        Some(old) => {
            dbs.analyses_by_job
                .delete(wtxn, &rank_key(job, old.score, &old.id))?;
            let mut history = old.history;
            history.push(PastScore {
                score: old.score,
                engine_version: old.engine_version,
                at: old.created_at,
            });
            (old.id, history, old.feedback_count)
        }
        None => {
            if let Some((id, past)) = wanted {
                if dbs.analyses.get(wtxn, id.as_str())?.is_some() {
                    return Err(Error::invalid(
                        "analysis_id",
                        format!("{id} is already used by another analysis"),
                    ));
                }
                (id.clone(), past.into_iter().collect(), 0)
            } else {
                let id = loop {
                    let candidate = AnalysisId::random();
                    if dbs.analyses.get(wtxn, candidate.as_str())?.is_none() {
                        break candidate;
                    }
                };
                (id, Vec::new(), 0)
            }
        }
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
    };
    save_analysis(wtxn, dbs, &analysis)?;
    dbs.analysis_by_pair
        .put(wtxn, &pair, analysis.id.as_str())?;
    Ok(analysis)
}

/// Stores a resume's passages and their vectors.
pub(crate) fn put_passages(
    wtxn: &mut RwTxn<'_>,
    dbs: &Dbs,
    resume: &ResumeId,
    prepared: &PreparedResume,
) -> Result<()> {
    dbs.passages
        .put(wtxn, resume.as_str(), &prepared.passages)?;
    let bytes: Vec<u8> = prepared
        .vectors
        .iter()
        .flat_map(|v| embed::to_bytes(v))
        .collect();
    dbs.passage_vectors.put(wtxn, resume.as_str(), &bytes)?;
    Ok(())
}

/// The stored passage vectors of a resume, if any.
pub(crate) fn get_passage_vectors(
    rtxn: &RoTxn<'_>,
    dbs: &Dbs,
    resume: &ResumeId,
) -> Result<Option<Vec<Vec<f32>>>> {
    Ok(dbs
        .passage_vectors
        .get(rtxn, resume.as_str())?
        .map(embed::from_bytes))
}

/// The result of analysing many resumes.
#[derive(Debug, Clone, Default, PartialEq, Eq, serde::Serialize, serde::Deserialize, ts_rs::TS)]
pub struct BatchReport {
    /// Analyses written.
    pub analysed: usize,
    /// Resumes that could not be analysed (their blob is missing, say).
    pub failed: Vec<(ResumeId, String)>,
}

impl Store {
    /// Prepares a job for scoring (parse and embed its requirements).
    pub fn prepare_job(&self, embedder: &Embedder, job: &JobId) -> Result<PreparedJob> {
        let job = self.read(|rtxn, dbs| get_job(rtxn, dbs, job))?;
        PreparedJob::new(&job, embedder)
    }

    /// The prepared current job, if one is selected.
    pub fn prepare_current_job(&self, embedder: &Embedder) -> Result<Option<PreparedJob>> {
        match self.current_job()? {
            Some(summary) => PreparedJob::new(&summary.job, embedder).map(Some),
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
                dbs.passages.get(rtxn, resume.as_str())?,
                get_passage_vectors(rtxn, dbs, resume)?,
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
                put_passages(wtxn, dbs, resume, &prepared)?;
            }
            put_analysis(wtxn, dbs, &job.job.id, resume, &scored, now, wanted.clone())
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

    /// One analysis.
    pub fn analysis(&self, id: &AnalysisId) -> Result<Analysis> {
        self.read(|rtxn, dbs| get_analysis(rtxn, dbs, id))
    }

    /// The analysis of a (job, resume) pair, if there is one.
    pub fn analysis_of(&self, job: &JobId, resume: &ResumeId) -> Result<Option<Analysis>> {
        self.read(
            |rtxn, dbs| match dbs.analysis_by_pair.get(rtxn, &pair_key(job, resume))? {
                Some(id) => get_analysis(rtxn, dbs, &AnalysisId::parse(id)?).map(Some),
                None => Ok(None),
            },
        )
    }

    /// The ranked shortlist of a job as rows, best first: one ordered scan of the per-job
    /// index, without reading the full analyses.
    pub fn shortlist(&self, job: &JobId, limit: Option<usize>) -> Result<Vec<ShortlistRow>> {
        self.each_row(job, limit, |_, _, row| Ok(row))
    }

    /// `f` of each row of a job's ranking, best first, in one read transaction.
    fn each_row<T>(
        &self,
        job: &JobId,
        limit: Option<usize>,
        mut f: impl FnMut(&RoTxn<'_>, &Dbs, ShortlistRow) -> Result<T>,
    ) -> Result<Vec<T>> {
        self.read(|rtxn, dbs| {
            get_job(rtxn, dbs, job)?;
            let prefix = format!("{job}/");
            let mut out = Vec::new();
            for item in dbs.analyses_by_job.prefix_iter(rtxn, &prefix)? {
                if limit.is_some_and(|l| out.len() >= l) {
                    break;
                }
                out.push(f(rtxn, dbs, decode_row(item?.1)?)?);
            }
            Ok(out)
        })
    }

    /// The same rows as [`Self::shortlist`] as one JSON array, copied from the index without
    /// decoding (what the app sends to its window: thousands of rows in a few milliseconds).
    pub fn shortlist_json(&self, job: &JobId) -> Result<Box<serde_json::value::RawValue>> {
        let json = self.read(|rtxn, dbs| {
            get_job(rtxn, dbs, job)?;
            let prefix = format!("{job}/");
            let mut json = Vec::with_capacity(64 * 1024);
            json.push(b'[');
            for item in dbs.analyses_by_job.prefix_iter(rtxn, &prefix)? {
                if json.len() > 1 {
                    json.push(b',');
                }
                json.extend_from_slice(item?.1);
            }
            json.push(b']');
            Ok(json)
        })?;
        let json = String::from_utf8(json).map_err(|e| Error::Corrupt {
            kind: "shortlist row",
            reason: e.to_string(),
        })?;
        serde_json::value::RawValue::from_string(json).map_err(|e| Error::Corrupt {
            kind: "shortlist row",
            reason: e.to_string(),
        })
    }

    /// The ranked analyses of a job, best first, in full.
    pub fn ranked(&self, job: &JobId, limit: Option<usize>) -> Result<Vec<Analysis>> {
        self.each_row(job, limit, |rtxn, dbs, row| {
            get_analysis(rtxn, dbs, &row.analysis_id)
        })
    }

    /// The resume library as the window lists it: every resume, newest first, each with its
    /// best score over all the jobs it was analysed against (one pass over the ranking index).
    pub fn library(&self) -> Result<Vec<LibraryRow>> {
        // One snapshot: a resume and its analyses are seen together or not at all.
        self.read(|rtxn, dbs| {
            let resumes = super::resumes::all_resumes(rtxn, dbs)?;
            let mut best: std::collections::HashMap<ResumeId, BestScore> = Default::default();
            for item in dbs.analyses_by_job.iter(rtxn)? {
                let (key, value) = item?;
                let row = decode_row(value)?;
                let better = best.get(&row.resume_id).is_none_or(|b| row.score > b.score);
                if better {
                    // The key is `job/inverted score/analysis`.
                    let job_id = JobId::parse(key.split('/').next().unwrap_or_default())?;
                    best.insert(
                        row.resume_id.clone(),
                        BestScore {
                            score: row.score,
                            job_id,
                            analysis_id: row.analysis_id.clone(),
                        },
                    );
                }
            }
            Ok(resumes
                .into_iter()
                .map(|resume| LibraryRow {
                    best: best.remove(&resume.id),
                    resume,
                })
                .collect())
        })
    }

    /// Every analysis, or those of one job, best first within a job.
    pub fn analyses(&self, job: Option<&JobId>) -> Result<Vec<Analysis>> {
        match job {
            Some(job) => self.ranked(job, None),
            None => self.read(|rtxn, dbs| {
                let mut out = Vec::new();
                for item in dbs.analyses_by_job.iter(rtxn)? {
                    let row = decode_row(item?.1)?;
                    out.push(get_analysis(rtxn, dbs, &row.analysis_id)?);
                }
                Ok(out)
            }),
        }
    }
}
