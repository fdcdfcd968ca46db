//! The `jobs` table: job ID → [`Job`].

use heed::{RoTxn, RwTxn};

use super::{damaged, not_found, Dbs};
use crate::error::Result;
use crate::id::JobId;
use crate::job::Job;

pub(crate) fn get(rtxn: &RoTxn<'_>, dbs: &Dbs, id: &JobId) -> Result<Option<Job>> {
    dbs.jobs.get(rtxn, id).map_err(damaged("job"))
}

/// The job, or [`crate::Error::NotFound`].
pub(crate) fn require(rtxn: &RoTxn<'_>, dbs: &Dbs, id: &JobId) -> Result<Job> {
    get(rtxn, dbs, id)?.ok_or_else(|| not_found("job", id))
}

pub(crate) fn exists(rtxn: &RoTxn<'_>, dbs: &Dbs, id: &JobId) -> Result<bool> {
    Ok(dbs
        .jobs
        .remap_data_type::<heed::types::DecodeIgnore>()
        .get(rtxn, id)?
        .is_some())
}

pub(crate) fn put(wtxn: &mut RwTxn<'_>, dbs: &Dbs, job: &Job) -> Result<()> {
    dbs.jobs.put(wtxn, &job.id, job).map_err(damaged("job"))
}

/// A random ID no job has.
pub(crate) fn free_id(rtxn: &RoTxn<'_>, dbs: &Dbs) -> Result<JobId> {
    loop {
        let candidate = JobId::random();
        if !exists(rtxn, dbs, &candidate)? {
            return Ok(candidate);
        }
    }
}

/// Every job, in key order.
pub(crate) fn all(rtxn: &RoTxn<'_>, dbs: &Dbs) -> Result<Vec<Job>> {
    dbs.jobs
        .iter(rtxn)?
        .map(|item| item.map(|(_, job)| job).map_err(damaged("job")))
        .collect()
}

pub(crate) fn count(rtxn: &RoTxn<'_>, dbs: &Dbs) -> Result<u64> {
    Ok(dbs.jobs.len(rtxn)?)
}
