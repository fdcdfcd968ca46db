//! The `meta` table: a few named settings and counters, each a JSON value.

use heed::{RoTxn, RwTxn};
use serde_json::Value;

use super::{damaged, Dbs};
use crate::error::{Error, Result};
use crate::id::JobId;

const SCHEMA_VERSION: &str = "schema_version";
const CURRENT_JOB: &str = "current_job";
/// The next free item number of the arroy index of feedback vectors.
const NEXT_FEEDBACK_ITEM: &str = "next_feedback_item";
/// Bumped by every write of feedback vectors (invalidates in-memory copies).
const FEEDBACK_VERSION: &str = "feedback_version";

fn get(rtxn: &RoTxn<'_>, dbs: &Dbs, key: &str) -> Result<Option<Value>> {
    dbs.meta.get(rtxn, key).map_err(damaged("meta"))
}

fn put(wtxn: &mut RwTxn<'_>, dbs: &Dbs, key: &str, value: Value) -> Result<()> {
    Ok(dbs.meta.put(wtxn, key, &value)?)
}

/// The schema version the store holds (`None`: a new store).
pub(crate) fn schema_version(rtxn: &RoTxn<'_>, dbs: &Dbs) -> Result<Option<u32>> {
    match get(rtxn, dbs, SCHEMA_VERSION)? {
        None => Ok(None),
        Some(value) => value
            .as_u64()
            .and_then(|v| u32::try_from(v).ok())
            .map(Some)
            .ok_or_else(|| Error::Corrupt {
                kind: "meta",
                reason: "schema version is not a number".into(),
            }),
    }
}

pub(crate) fn put_schema_version(wtxn: &mut RwTxn<'_>, dbs: &Dbs, version: u32) -> Result<()> {
    put(wtxn, dbs, SCHEMA_VERSION, Value::from(version))
}

/// The current job's ID, if one was selected (a damaged value counts as none).
pub(crate) fn current_job(rtxn: &RoTxn<'_>, dbs: &Dbs) -> Result<Option<JobId>> {
    Ok(get(rtxn, dbs, CURRENT_JOB)?.and_then(|v| v.as_str().and_then(|s| JobId::parse(s).ok())))
}

pub(crate) fn put_current_job(wtxn: &mut RwTxn<'_>, dbs: &Dbs, id: &JobId) -> Result<()> {
    put(wtxn, dbs, CURRENT_JOB, Value::from(id.as_str()))
}

/// No job is current any more.
pub(crate) fn clear_current_job(wtxn: &mut RwTxn<'_>, dbs: &Dbs) -> Result<()> {
    dbs.meta.delete(wtxn, CURRENT_JOB)?;
    Ok(())
}

/// Takes the next free arroy item number.
pub(crate) fn take_feedback_item(wtxn: &mut RwTxn<'_>, dbs: &Dbs) -> Result<u32> {
    let next = get(wtxn, dbs, NEXT_FEEDBACK_ITEM)?
        .and_then(|v| v.as_u64())
        .unwrap_or(0);
    let item = u32::try_from(next).map_err(|_| Error::Corrupt {
        kind: "vector index",
        reason: "item IDs exhausted; run reindex".into(),
    })?;
    put(
        wtxn,
        dbs,
        NEXT_FEEDBACK_ITEM,
        Value::from(u64::from(item) + 1),
    )?;
    Ok(item)
}

/// Starts the item numbers again (a reindex that rewrites every item).
pub(crate) fn reset_feedback_items(wtxn: &mut RwTxn<'_>, dbs: &Dbs) -> Result<()> {
    dbs.meta.delete(wtxn, NEXT_FEEDBACK_ITEM)?;
    Ok(())
}

/// The version of the feedback vectors: changes with every write of them.
pub(crate) fn feedback_version(rtxn: &RoTxn<'_>, dbs: &Dbs) -> Result<u64> {
    Ok(get(rtxn, dbs, FEEDBACK_VERSION)?
        .and_then(|v| v.as_u64())
        .unwrap_or(0))
}

pub(crate) fn bump_feedback_version(wtxn: &mut RwTxn<'_>, dbs: &Dbs) -> Result<()> {
    let version = feedback_version(wtxn, dbs)? + 1;
    put(wtxn, dbs, FEEDBACK_VERSION, Value::from(version))
}
