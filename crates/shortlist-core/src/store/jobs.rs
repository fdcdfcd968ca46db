//! Jobs in the store, and the current-job setting.

use heed::RoTxn;
use time::OffsetDateTime;

use super::{meta_key, Dbs, Store};
use crate::error::{Error, Result};
use crate::id::JobId;
use crate::job::{Job, JobDraft, JobSummary};

impl Store {
    /// Saves a new job and returns it. The first job ever saved becomes the current job.
    pub fn add_job(&self, draft: JobDraft, now: OffsetDateTime) -> Result<Job> {
        let draft = draft.validated()?;
        self.write(|wtxn, dbs| {
            let id = loop {
                let candidate = JobId::random();
                if dbs.jobs.get(wtxn, candidate.as_str())?.is_none() {
                    break candidate;
                }
            };
            let job = Job {
                id,
                company: draft.company.clone(),
                role: draft.role.clone(),
                description: draft.description.clone(),
                created_at: now,
                updated_at: now,
                archived: false,
            };
            dbs.jobs.put(wtxn, job.id.as_str(), &job)?;
            if current_job_id(wtxn, dbs)?.is_none() {
                dbs.meta.put(
                    wtxn,
                    meta_key::CURRENT_JOB,
                    &serde_json::Value::from(job.id.as_str()),
                )?;
            }
            Ok(job)
        })
    }

    /// Stores `job` under its own ID (imports); `false` when that ID is already taken.
    pub(crate) fn insert_job(&self, job: &Job) -> Result<bool> {
        self.write(|wtxn, dbs| {
            if dbs.jobs.get(wtxn, job.id.as_str())?.is_some() {
                return Ok(false);
            }
            dbs.jobs.put(wtxn, job.id.as_str(), job)?;
            Ok(true)
        })
    }

    /// Replaces a job's company, role and description.
    pub fn update_job(&self, id: &JobId, draft: JobDraft, now: OffsetDateTime) -> Result<Job> {
        let draft = draft.validated()?;
        self.write(|wtxn, dbs| {
            let mut job = get_job(wtxn, dbs, id)?;
            job.company = draft.company.clone();
            job.role = draft.role.clone();
            job.description = draft.description.clone();
            job.updated_at = now;
            dbs.jobs.put(wtxn, job.id.as_str(), &job)?;
            Ok(job)
        })
    }

    /// Archives or restores a job.
    pub fn set_job_archived(&self, id: &JobId, archived: bool, now: OffsetDateTime) -> Result<Job> {
        self.write(|wtxn, dbs| {
            let mut job = get_job(wtxn, dbs, id)?;
            job.archived = archived;
            job.updated_at = now;
            dbs.jobs.put(wtxn, job.id.as_str(), &job)?;
            Ok(job)
        })
    }

    /// One job.
    pub fn job(&self, id: &JobId) -> Result<JobSummary> {
        self.read(|rtxn, dbs| summarize(rtxn, dbs, get_job(rtxn, dbs, id)?))
    }

    /// Every job, newest first; archived ones only if asked.
    pub fn jobs(&self, include_archived: bool) -> Result<Vec<JobSummary>> {
        self.search_jobs("", include_archived)
    }

    /// Jobs whose company, role or description contain every word of `query`
    /// (case-insensitive), newest first.
    pub fn search_jobs(&self, query: &str, include_archived: bool) -> Result<Vec<JobSummary>> {
        self.read(|rtxn, dbs| {
            let mut out = Vec::new();
            for item in dbs.jobs.iter(rtxn)? {
                let (_, job) = item?;
                if (include_archived || !job.archived) && job.matches(query) {
                    out.push(summarize(rtxn, dbs, job)?);
                }
            }
            out.sort_by(|a, b| {
                b.job
                    .created_at
                    .cmp(&a.job.created_at)
                    .then_with(|| a.job.id.cmp(&b.job.id))
            });
            Ok(out)
        })
    }

    /// Makes `id` the current job (persists across restarts).
    pub fn select_job(&self, id: &JobId) -> Result<JobSummary> {
        self.write(|wtxn, dbs| {
            let job = get_job(wtxn, dbs, id)?;
            dbs.meta.put(
                wtxn,
                meta_key::CURRENT_JOB,
                &serde_json::Value::from(id.as_str()),
            )?;
            summarize(wtxn, dbs, job)
        })
    }

    /// The current job, if one is selected.
    pub fn current_job(&self) -> Result<Option<JobSummary>> {
        self.read(|rtxn, dbs| match current_job_id(rtxn, dbs)? {
            None => Ok(None),
            Some(id) => match dbs.jobs.get(rtxn, id.as_str())? {
                Some(job) => summarize(rtxn, dbs, job).map(Some),
                None => Ok(None),
            },
        })
    }
}

pub(crate) fn get_job(rtxn: &RoTxn<'_>, dbs: &Dbs, id: &JobId) -> Result<Job> {
    dbs.jobs
        .get(rtxn, id.as_str())?
        .ok_or_else(|| Error::NotFound {
            kind: "job",
            id: id.to_string(),
        })
}

fn current_job_id(rtxn: &RoTxn<'_>, dbs: &Dbs) -> Result<Option<JobId>> {
    Ok(dbs
        .meta
        .get(rtxn, meta_key::CURRENT_JOB)?
        .and_then(|v| v.as_str().and_then(|s| JobId::parse(s).ok())))
}

/// Number of analyses of a job, from the per-job index (no scan of all analyses).
pub(crate) fn analysis_count(rtxn: &RoTxn<'_>, dbs: &Dbs, id: &JobId) -> Result<u64> {
    let prefix = format!("{id}/");
    let mut n = 0;
    for item in dbs.analyses_by_job.prefix_iter(rtxn, &prefix)? {
        item?;
        n += 1;
    }
    Ok(n)
}

fn summarize(rtxn: &RoTxn<'_>, dbs: &Dbs, job: Job) -> Result<JobSummary> {
    let current = current_job_id(rtxn, dbs)?.as_ref() == Some(&job.id);
    Ok(JobSummary {
        analysis_count: analysis_count(rtxn, dbs, &job.id)?,
        current,
        job,
    })
}
