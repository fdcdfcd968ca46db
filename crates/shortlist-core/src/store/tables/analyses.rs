//! The analyses and their two indexes, kept together: `analyses` (ID → [`Analysis`]),
//! `analyses-by-job` (the per-job ranking: [`Rank`] → [`ShortlistRow`]) and
//! `analysis-by-pair` (one analysis per (job, resume)). [`put`] and [`delete`] are the only
//! code that writes these three tables: a record, its rank row and its pair key are written and
//! removed together, so the ranking never lists a score the record does not have.

use crate::workflow::gates::GateSummary;
use heed::types::{Bytes, DecodeIgnore, Str};
use heed::{RoTxn, RwTxn};
use serde::{Deserialize, Serialize};
use time::OffsetDateTime;

use super::key::{Pair, Rank, RankKey, Under};
use super::{damaged, not_found, resumes, Dbs};
use crate::analysis::{Analysis, Band, Flag};
use crate::error::{Error, Result};
use crate::id::{AnalysisId, JobId, ResumeId};
use crate::jd::Importance;

/// A resume's best score over the jobs it was analysed against.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct BestScore {
    /// 0–100.
    pub score: u8,
    /// The job it was scored against.
    pub job_id: JobId,
    /// That analysis.
    pub analysis_id: AnalysisId,
}

/// A row of the resume library: the resume and its best score, if it was ever analysed.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct LibraryRow {
    #[serde(flatten)]
    pub resume: crate::resume::Resume,
    /// Its best score.
    pub best: Option<BestScore>,
    /// The other resumes possibly of the same person (its group in the library), sorted.
    #[serde(default)]
    pub same_person: Vec<crate::id::ResumeId>,
}

/// A skill on a shortlist row.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct RowSkill {
    /// Canonical name.
    pub skill: String,
    /// Shown in experience, projects or summary (matched skills only).
    pub evidenced: bool,
}

/// One row of a job's shortlist: what the list shows and filters on, without the breakdown and
/// evidence of the full [`Analysis`]. Stored as the value of the per-job ranking index, so a
/// shortlist of thousands is one ordered scan of small records.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct ShortlistRow {
    /// The analysis.
    pub analysis_id: AnalysisId,
    /// The resume.
    pub resume_id: ResumeId,
    /// 0–100.
    pub score: u8,
    /// What the score means.
    #[serde(default)]
    pub band: Band,
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
    #[cfg_attr(feature = "ts", ts(type = "number"))]
    pub created_at: OffsetDateTime,
    /// The job's revision it was scored at (older than the job's: being scored again).
    #[serde(default)]
    pub job_revision: u32,
    /// Its knockout gates in one word.
    #[serde(default)]
    pub gates: GateSummary,
    /// The candidate's blind number for the job.
    #[serde(default)]
    pub number: u32,
    /// The generation of the library's term statistics it was scored with (older than the
    /// library's: being scored again).
    #[serde(default)]
    #[cfg_attr(feature = "ts", ts(skip))]
    pub library_generation: u32,
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
            job_revision: a.job_revision,
            gates: crate::workflow::gates::summary(&a.gates),
            number: a.number,
            library_generation: a.library_generation,
        }
    }
}

fn rank_of(a: &Analysis) -> Rank {
    Rank {
        job: a.job_id.clone(),
        score: a.score,
        analysis: a.id.clone(),
    }
}

fn pair_of(job: &JobId, resume: &ResumeId) -> Pair {
    Pair {
        job: job.clone(),
        resume: resume.clone(),
    }
}

pub(crate) fn get(rtxn: &RoTxn<'_>, dbs: &Dbs, id: &AnalysisId) -> Result<Option<Analysis>> {
    dbs.analyses.get(rtxn, id).map_err(damaged("analysis"))
}

/// The analysis, or [`Error::NotFound`].
pub(crate) fn require(rtxn: &RoTxn<'_>, dbs: &Dbs, id: &AnalysisId) -> Result<Analysis> {
    get(rtxn, dbs, id)?.ok_or_else(|| not_found("analysis", id))
}

pub(crate) fn exists(rtxn: &RoTxn<'_>, dbs: &Dbs, id: &AnalysisId) -> Result<bool> {
    Ok(dbs
        .analyses
        .remap_data_type::<DecodeIgnore>()
        .get(rtxn, id)?
        .is_some())
}

/// A random ID no analysis has.
pub(crate) fn free_id(rtxn: &RoTxn<'_>, dbs: &Dbs) -> Result<AnalysisId> {
    loop {
        let candidate = AnalysisId::random();
        if !exists(rtxn, dbs, &candidate)? {
            return Ok(candidate);
        }
    }
}

/// The analysis of (job, resume), if there is one.
pub(crate) fn of_pair(
    rtxn: &RoTxn<'_>,
    dbs: &Dbs,
    job: &JobId,
    resume: &ResumeId,
) -> Result<Option<Analysis>> {
    let id = dbs
        .analysis_by_pair
        .get(rtxn, &pair_of(job, resume))
        .map_err(damaged("analysis"))?;
    match id {
        Some(id) => require(rtxn, dbs, &id).map(Some),
        None => Ok(None),
    }
}

/// Writes `analysis` with its rank row and pair key. An earlier version of the same record
/// (same ID) loses its rank row first, so a changed score moves the row. The pair must be
/// free or already this analysis's.
pub(crate) fn put(wtxn: &mut RwTxn<'_>, dbs: &Dbs, analysis: &Analysis) -> Result<()> {
    if let Some(old) = get(wtxn, dbs, &analysis.id)? {
        if old.job_id != analysis.job_id || old.resume_id != analysis.resume_id {
            return Err(Error::invalid(
                "analysis_id",
                format!("{} is already used by another analysis", analysis.id),
            ));
        }
        dbs.analyses_by_job.delete(wtxn, &rank_of(&old))?;
    }
    let pair = pair_of(&analysis.job_id, &analysis.resume_id);
    match dbs
        .analysis_by_pair
        .get(wtxn, &pair)
        .map_err(damaged("analysis"))?
    {
        Some(other) if other != analysis.id => {
            return Err(Error::invalid(
                "analysis_id",
                format!("the pair already has the analysis {other}"),
            ))
        }
        _ => {}
    }
    let file_name = resumes::file_name(wtxn, dbs, &analysis.resume_id)?;
    let row = ShortlistRow::of(analysis, file_name.as_deref());
    dbs.analyses
        .put(wtxn, &analysis.id, analysis)
        .map_err(damaged("analysis"))?;
    dbs.analyses_by_job
        .put(wtxn, &rank_of(analysis), &row)
        .map_err(damaged("shortlist row"))?;
    dbs.analysis_by_pair.put(wtxn, &pair, &analysis.id)?;
    Ok(())
}

/// Removes an analysis with its rank row and pair key; `false` if there was none. (Its
/// feedback is the feedback table's: [`super::feedback::delete_of_analysis`].)
pub(crate) fn delete(wtxn: &mut RwTxn<'_>, dbs: &Dbs, id: &AnalysisId) -> Result<bool> {
    let Some(a) = get(wtxn, dbs, id)? else {
        return Ok(false);
    };
    dbs.analyses_by_job.delete(wtxn, &rank_of(&a))?;
    let pair = pair_of(&a.job_id, &a.resume_id);
    if dbs.analysis_by_pair.get(wtxn, &pair)?.as_ref() == Some(id) {
        dbs.analysis_by_pair.delete(wtxn, &pair)?;
    }
    dbs.analyses.delete(wtxn, id)?;
    Ok(true)
}

/// The IDs of every analysis of `resume` (one scan of the pair index).
pub(crate) fn of_resume(rtxn: &RoTxn<'_>, dbs: &Dbs, resume: &ResumeId) -> Result<Vec<AnalysisId>> {
    let mut out = Vec::new();
    for item in dbs.analysis_by_pair.iter(rtxn)? {
        let (pair, id) = item.map_err(damaged("analysis"))?;
        if &pair.resume == resume {
            out.push(id);
        }
    }
    Ok(out)
}

/// `f` of each rank row of `job`, best first, until it returns `false`.
pub(crate) fn each_row(
    rtxn: &RoTxn<'_>,
    dbs: &Dbs,
    job: &JobId,
    mut f: impl FnMut(ShortlistRow) -> Result<bool>,
) -> Result<()> {
    let prefixed = dbs.analyses_by_job.remap_key_type::<Under>();
    let rows = prefixed.prefix_iter(rtxn, job.as_str())?;
    for item in rows.remap_key_type::<RankKey>() {
        let (_, row) = item.map_err(damaged("shortlist row"))?;
        if !f(row)? {
            break;
        }
    }
    Ok(())
}

/// The rank rows of `job` as stored (JSON), best first, for the window.
pub(crate) fn each_row_json(
    rtxn: &RoTxn<'_>,
    dbs: &Dbs,
    job: &JobId,
    mut f: impl FnMut(&[u8]),
) -> Result<()> {
    let raw = dbs.analyses_by_job.remap_types::<Under, Bytes>();
    for item in raw
        .prefix_iter(rtxn, job.as_str())?
        .remap_key_type::<DecodeIgnore>()
    {
        f(item?.1);
    }
    Ok(())
}

/// Number of analyses of `job` (from the ranking, nothing decoded).
pub(crate) fn count_of_job(rtxn: &RoTxn<'_>, dbs: &Dbs, job: &JobId) -> Result<u64> {
    let keys = dbs.analyses_by_job.remap_types::<Under, DecodeIgnore>();
    let mut n = 0;
    for item in keys
        .prefix_iter(rtxn, job.as_str())?
        .remap_key_type::<DecodeIgnore>()
    {
        item?;
        n += 1;
    }
    Ok(n)
}

/// `f` of every rank row of every job (job by job, best first), with its job.
pub(crate) fn each_ranked(
    rtxn: &RoTxn<'_>,
    dbs: &Dbs,
    mut f: impl FnMut(JobId, ShortlistRow) -> Result<()>,
) -> Result<()> {
    for item in dbs.analyses_by_job.iter(rtxn)? {
        let (rank, row) = item.map_err(damaged("shortlist row"))?;
        f(rank.job, row)?;
    }
    Ok(())
}

pub(crate) fn count(rtxn: &RoTxn<'_>, dbs: &Dbs) -> Result<u64> {
    Ok(dbs.analyses.len(rtxn)?)
}

/// Schema 1 → 2: the ranking index held analysis IDs; it now holds shortlist rows.
pub(crate) fn migrate_rank_rows(wtxn: &mut RwTxn<'_>, dbs: &Dbs) -> Result<usize> {
    let mut ids = Vec::new();
    for item in dbs.analyses_by_job.remap_types::<Bytes, Str>().iter(wtxn)? {
        let (_, id) = item.map_err(damaged("ranking index"))?;
        ids.push(AnalysisId::parse(id)?);
    }
    for id in &ids {
        let analysis = require(wtxn, dbs, id)?;
        put(wtxn, dbs, &analysis)?;
    }
    Ok(ids.len())
}

/// Checks every record decodes and agrees with its key, and every rank row decodes.
pub(crate) fn check(rtxn: &RoTxn<'_>, dbs: &Dbs) -> std::result::Result<(), &'static str> {
    for item in dbs.analyses.iter(rtxn).map_err(|_| "analysis")? {
        let (id, analysis) = item.map_err(|_| "analysis")?;
        if analysis.id != id {
            return Err("analysis");
        }
    }
    for item in dbs.analyses_by_job.iter(rtxn).map_err(|_| "ranking")? {
        item.map_err(|_| "ranking")?;
    }
    Ok(())
}
