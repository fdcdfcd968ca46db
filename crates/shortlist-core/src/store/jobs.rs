//! Jobs, and the current-job setting.

use heed::RoTxn;
use time::OffsetDateTime;

use super::tables::{self, meta, Dbs};
use super::Store;
use crate::error::{Error, Result};
use crate::id::JobId;
use crate::job::{Job, JobDraft, JobSummary};

impl Store {
    /// Saves a new job and returns it. The first job ever saved becomes the current job.
    pub fn add_job(&self, draft: JobDraft, now: OffsetDateTime) -> Result<Job> {
        let draft = draft.validated()?.with_description()?;
        self.write(|wtxn, dbs| {
            let job = Job {
                id: tables::jobs::free_id(wtxn, dbs)?,
                company: draft.company.clone(),
                role: draft.role.clone(),
                description: draft.description.clone(),
                created_at: now,
                updated_at: now,
                archived: false,
                criteria: Default::default(),
                blind: false,
                revision: 0,
            };
            tables::jobs::put(wtxn, dbs, &job)?;
            if meta::current_job(wtxn, dbs)?.is_none() {
                meta::put_current_job(wtxn, dbs, &job.id)?;
            }
            Ok(job)
        })
    }

    /// Stores `job` under its own ID (imports); `false` when that ID is already taken.
    pub(crate) fn insert_job(&self, job: &Job) -> Result<bool> {
        self.write(|wtxn, dbs| {
            if tables::jobs::exists(wtxn, dbs, &job.id)? {
                return Ok(false);
            }
            tables::jobs::put(wtxn, dbs, job)?;
            Ok(true)
        })
    }

    /// Replaces a job's company, role and description.
    pub fn update_job(&self, id: &JobId, draft: JobDraft, now: OffsetDateTime) -> Result<Job> {
        self.update_job_seen(id, draft, None, now)
    }

    /// [`Store::update_job`] for an editor that loaded the job when it was last changed at
    /// `seen`: refused, changing nothing, when the job was changed since (by another window or
    /// the command line), so that edit is not silently overwritten.
    pub fn update_job_seen(
        &self,
        id: &JobId,
        draft: JobDraft,
        seen: Option<OffsetDateTime>,
        now: OffsetDateTime,
    ) -> Result<Job> {
        let draft = draft.validated()?.with_description()?;
        self.write(|wtxn, dbs| {
            let mut job = tables::jobs::require(wtxn, dbs, id)?;
            unchanged_since(&job, seen)?;
            // What the engine reads changed: the job's analyses are stale until scored again.
            if job.description != draft.description || job.role != draft.role {
                job.revision += 1;
            }
            job.company = draft.company.clone();
            job.role = draft.role.clone();
            job.description = draft.description.clone();
            job.updated_at = now;
            tables::jobs::put(wtxn, dbs, &job)?;
            Ok(job)
        })
    }

    /// Archives or restores a job.
    pub fn set_job_archived(&self, id: &JobId, archived: bool, now: OffsetDateTime) -> Result<Job> {
        self.write(|wtxn, dbs| {
            let mut job = tables::jobs::require(wtxn, dbs, id)?;
            job.archived = archived;
            job.updated_at = now;
            tables::jobs::put(wtxn, dbs, &job)?;
            Ok(job)
        })
    }

    /// One job.
    pub fn job(&self, id: &JobId) -> Result<JobSummary> {
        self.read(|rtxn, dbs| summarize(rtxn, dbs, tables::jobs::require(rtxn, dbs, id)?))
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
            for job in tables::jobs::all(rtxn, dbs)? {
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
            let job = tables::jobs::require(wtxn, dbs, id)?;
            meta::put_current_job(wtxn, dbs, id)?;
            summarize(wtxn, dbs, job)
        })
    }

    /// The current job, if one is selected.
    pub fn current_job(&self) -> Result<Option<JobSummary>> {
        self.read(|rtxn, dbs| match meta::current_job(rtxn, dbs)? {
            None => Ok(None),
            Some(id) => match tables::jobs::get(rtxn, dbs, &id)? {
                Some(job) => summarize(rtxn, dbs, job).map(Some),
                None => Ok(None),
            },
        })
    }
}

fn summarize(rtxn: &RoTxn<'_>, dbs: &Dbs, job: Job) -> Result<JobSummary> {
    let current = meta::current_job(rtxn, dbs)?.as_ref() == Some(&job.id);
    Ok(JobSummary {
        analysis_count: tables::analyses::count_of_job(rtxn, dbs, &job.id)?,
        current,
        job,
    })
}

/// Refuses an edit of `job` made on a view of it older than its last change.
pub(crate) fn unchanged_since(job: &Job, seen: Option<OffsetDateTime>) -> Result<()> {
    match seen {
        Some(seen) if seen != job.updated_at => Err(Error::invalid(
            "job",
            "it was changed elsewhere (another window or the command line) after you opened \
             it; open it again to see those changes, then make yours",
        )),
        _ => Ok(()),
    }
}
