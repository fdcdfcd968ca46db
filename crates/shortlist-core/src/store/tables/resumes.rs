//! The `resumes` table: resume ID → [`Resume`].

use heed::{RoTxn, RwTxn};

use super::{damaged, not_found, Dbs};
use crate::error::Result;
use crate::id::ResumeId;
use crate::resume::Resume;

pub(crate) fn get(rtxn: &RoTxn<'_>, dbs: &Dbs, id: &ResumeId) -> Result<Option<Resume>> {
    dbs.resumes.get(rtxn, id).map_err(damaged("resume"))
}

/// The resume, or [`crate::Error::NotFound`].
pub(crate) fn require(rtxn: &RoTxn<'_>, dbs: &Dbs, id: &ResumeId) -> Result<Resume> {
    get(rtxn, dbs, id)?.ok_or_else(|| not_found("resume", id))
}

pub(crate) fn exists(rtxn: &RoTxn<'_>, dbs: &Dbs, id: &ResumeId) -> Result<bool> {
    Ok(dbs
        .resumes
        .remap_data_type::<heed::types::DecodeIgnore>()
        .get(rtxn, id)?
        .is_some())
}

pub(crate) fn put(wtxn: &mut RwTxn<'_>, dbs: &Dbs, resume: &Resume) -> Result<()> {
    dbs.resumes
        .put(wtxn, &resume.id, resume)
        .map_err(damaged("resume"))
}

pub(crate) fn delete(wtxn: &mut RwTxn<'_>, dbs: &Dbs, id: &ResumeId) -> Result<()> {
    dbs.resumes.delete(wtxn, id)?;
    Ok(())
}

/// The first file name a resume came under (what a list shows when no name was found).
pub(crate) fn file_name(rtxn: &RoTxn<'_>, dbs: &Dbs, id: &ResumeId) -> Result<Option<String>> {
    Ok(get(rtxn, dbs, id)?.and_then(|r| r.file_names.iter().next().cloned()))
}

/// Every resume, most recently seen first.
pub(crate) fn all(rtxn: &RoTxn<'_>, dbs: &Dbs) -> Result<Vec<Resume>> {
    let mut out = dbs
        .resumes
        .iter(rtxn)?
        .map(|item| item.map(|(_, r)| r).map_err(damaged("resume")))
        .collect::<Result<Vec<_>>>()?;
    out.sort_by(|a, b| b.last_seen.cmp(&a.last_seen).then_with(|| a.id.cmp(&b.id)));
    Ok(out)
}

pub(crate) fn count(rtxn: &RoTxn<'_>, dbs: &Dbs) -> Result<u64> {
    Ok(dbs.resumes.len(rtxn)?)
}
