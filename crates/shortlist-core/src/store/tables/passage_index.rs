//! The passage vector index: an arroy index (`passage-index`, index 0) over every stored resume
//! passage, kept up to date incrementally, with its bookkeeping:
//!
//! - `passage-slots`: resume → its [`Slot`], the run of arroy item numbers its passages have
//!   (`base .. base + count`, passage `i` is item `base + i`). Every write of a resume's
//!   passages gets a fresh run; numbers are never reused.
//! - `passage-owners`: a run's first item number → the resume (an item's owner is the entry at
//!   or below it).
//! - `passage-todo`: a run's first item → [`Todo`]: items to add to the trees, or to delete.
//!
//! [`mark`] (every write of passages, in the same transaction) and [`remove`] (an erasure) only
//! touch the bookkeeping: they are cheap, and the trees stay readable (an erased resume's items
//! are dropped at search time because its slot is gone). [`build`] brings the trees up to
//! date in one batch (after an import batch, or lazily before a search), with a fixed number
//! of trees so that an add never triggers a whole new tree. A search sees what is not yet
//! built by scanning the `Add` runs exactly ([`each_unindexed`]).

use std::num::NonZeroUsize;

use arroy::distances::Cosine;
use heed::{RoTxn, RwTxn};
use rand::SeedableRng;
use serde::{Deserialize, Serialize};

use super::feedback::arroy_err;
use super::{damaged, passages, Dbs};
use crate::embed;
use crate::error::{Error, Result};
use crate::id::ResumeId;

/// The arroy index number of the passage vectors (in its own database).
const INDEX: u16 = 0;
/// The meta key of the next free item number.
const NEXT_ITEM: &str = "next_passage_item";
/// Trees of the forest, fixed: arroy's default grows the forest with the item count, and at
/// 100k items one small add could then build a whole new tree (39.7 s). With a fixed count an
/// add only re-inserts its items into the existing trees.
pub(crate) const N_TREES: usize = 48;

/// A resume's run of item numbers.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub(crate) struct Slot {
    pub base: u32,
    pub count: u32,
}

/// Work left for the next [`build`].
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub(crate) enum Todo {
    /// `count` items from the key on are to be added (their owner's current passages).
    Add(u32),
    /// `count` items from the key on are to be deleted from the trees.
    Delete(u32),
}

/// What one [`build`] did.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct IndexReport {
    /// Passages added to the trees.
    pub added: u64,
    /// Items deleted from the trees.
    pub deleted: u64,
}

fn writer(dbs: &Dbs) -> arroy::Writer<Cosine> {
    arroy::Writer::<Cosine>::new(dbs.passage_index, INDEX, embed::DIM)
}

fn take_items(wtxn: &mut RwTxn<'_>, dbs: &Dbs, count: u32) -> Result<u32> {
    let next = dbs
        .meta
        .get(wtxn, NEXT_ITEM)
        .map_err(damaged("meta"))?
        .and_then(|v| v.as_u64())
        .unwrap_or(0);
    let base = u32::try_from(next)
        .ok()
        .filter(|b| b.checked_add(count).is_some())
        .ok_or_else(|| Error::Corrupt {
            kind: "vector index",
            reason: "passage item numbers exhausted; run reindex".into(),
        })?;
    dbs.meta.put(
        wtxn,
        NEXT_ITEM,
        &serde_json::Value::from(u64::from(base) + u64::from(count)),
    )?;
    Ok(base)
}

/// The slot of a resume, if its passages are in the bookkeeping.
pub(crate) fn slot(rtxn: &RoTxn<'_>, dbs: &Dbs, resume: &ResumeId) -> Result<Option<Slot>> {
    dbs.passage_slots
        .get(rtxn, resume)
        .map_err(damaged("passage index"))
}

/// Marks a resume's (new or replaced) `count` passages "to index". Called by every write of
/// passages, in its transaction.
pub(crate) fn mark(wtxn: &mut RwTxn<'_>, dbs: &Dbs, resume: &ResumeId, count: usize) -> Result<()> {
    remove(wtxn, dbs, resume)?;
    let count = u32::try_from(count).unwrap_or(u32::MAX);
    if count == 0 {
        return Ok(());
    }
    let base = take_items(wtxn, dbs, count)?;
    dbs.passage_slots.put(wtxn, resume, &Slot { base, count })?;
    dbs.passage_owners.put(wtxn, &base, resume)?;
    dbs.passage_todo.put(wtxn, &base, &Todo::Add(count))?;
    Ok(())
}

/// Takes a resume's passages out of the index's bookkeeping (an erasure, or a replacement):
/// items not yet built are forgotten, built ones are deleted from the trees by the next
/// [`build`] and ignored by searches meanwhile.
pub(crate) fn remove(wtxn: &mut RwTxn<'_>, dbs: &Dbs, resume: &ResumeId) -> Result<()> {
    let Some(old) = slot(wtxn, dbs, resume)? else {
        return Ok(());
    };
    match dbs.passage_todo.get(wtxn, &old.base)? {
        Some(Todo::Add(_)) => {
            dbs.passage_todo.delete(wtxn, &old.base)?;
        }
        _ => dbs
            .passage_todo
            .put(wtxn, &old.base, &Todo::Delete(old.count))?,
    }
    dbs.passage_owners.delete(wtxn, &old.base)?;
    dbs.passage_slots.delete(wtxn, resume)?;
    Ok(())
}

/// Marks every resume whose passages were stored before this index existed (a store of an
/// earlier version). Cheap when there is none: two counts compared.
pub(crate) fn backfill(wtxn: &mut RwTxn<'_>, dbs: &Dbs) -> Result<usize> {
    if dbs.passage_slots.len(wtxn)? >= dbs.passage_vectors.len(wtxn)? {
        return Ok(0);
    }
    let mut missing = Vec::new();
    for item in dbs
        .passage_vectors
        .remap_data_type::<heed::types::Bytes>()
        .iter(wtxn)?
    {
        let (id, bytes) = item?;
        missing.push((id, bytes.len() / (embed::DIM * 4)));
    }
    let mut marked = 0;
    for (id, n) in missing {
        if slot(wtxn, dbs, &id)?.is_none() {
            mark(wtxn, dbs, &id, n)?;
            marked += 1;
        }
    }
    Ok(marked)
}

/// Number of passages not yet built into the trees, and of items still to delete.
pub(crate) fn pending(rtxn: &RoTxn<'_>, dbs: &Dbs) -> Result<(u64, u64)> {
    let (mut add, mut delete) = (0, 0);
    for item in dbs.passage_todo.iter(rtxn)? {
        match item.map_err(damaged("passage index"))?.1 {
            Todo::Add(n) => add += u64::from(n),
            Todo::Delete(n) => delete += u64::from(n),
        }
    }
    Ok((add, delete))
}

/// Builds every pending change into the trees, in the caller's transaction: the items of
/// erased or replaced passages leave, the new passages' vectors are added, and arroy updates
/// its trees for those items only.
pub(crate) fn build(wtxn: &mut RwTxn<'_>, dbs: &Dbs) -> Result<IndexReport> {
    backfill(wtxn, dbs)?;
    let todo: Vec<(u32, Todo)> = dbs
        .passage_todo
        .iter(wtxn)?
        .collect::<heed::Result<_>>()
        .map_err(damaged("passage index"))?;
    let mut report = IndexReport::default();
    if todo.is_empty() {
        return Ok(report);
    }
    let writer = writer(dbs);
    for (base, op) in &todo {
        match *op {
            Todo::Delete(n) => {
                for item in *base..base.saturating_add(n) {
                    if writer.del_item(wtxn, item).map_err(arroy_err)? {
                        report.deleted += 1;
                    }
                }
            }
            Todo::Add(n) => {
                let Some(owner) = dbs.passage_owners.get(wtxn, base)? else {
                    continue;
                };
                let vectors = passages::vectors(wtxn, dbs, &owner)?.unwrap_or_default();
                for (i, v) in vectors.iter().take(n as usize).enumerate() {
                    writer
                        .add_item(wtxn, base + i as u32, v)
                        .map_err(arroy_err)?;
                    report.added += 1;
                }
            }
        }
    }
    dbs.passage_todo.clear(wtxn)?;
    // A fixed seed keeps the trees, and so approximate results, reproducible.
    let mut rng = rand::rngs::StdRng::seed_from_u64(0x9a55_a9e5);
    writer
        .builder(&mut rng)
        .n_trees(N_TREES)
        .build(wtxn)
        .map_err(arroy_err)?;
    Ok(report)
}

/// Removes the whole index and its bookkeeping (the next [`build`] marks every resume again).
pub(crate) fn clear(wtxn: &mut RwTxn<'_>, dbs: &Dbs) -> Result<()> {
    writer(dbs).clear(wtxn).map_err(arroy_err)?;
    dbs.passage_slots.clear(wtxn)?;
    dbs.passage_owners.clear(wtxn)?;
    dbs.passage_todo.clear(wtxn)?;
    dbs.meta.delete(wtxn, NEXT_ITEM)?;
    Ok(())
}

/// The resume and passage number of an item, if it belongs to stored passages (an erased
/// resume's items stay in the trees until the next [`build`]).
pub(crate) fn owner(rtxn: &RoTxn<'_>, dbs: &Dbs, item: u32) -> Result<Option<(ResumeId, u32)>> {
    let Some((base, resume)) = dbs.passage_owners.get_lower_than_or_equal_to(rtxn, &item)? else {
        return Ok(None);
    };
    match slot(rtxn, dbs, &resume)? {
        Some(s) if s.base == base && item - base < s.count => Ok(Some((resume, item - base))),
        _ => Ok(None),
    }
}

/// The nearest built items of `query`, best first, looking at `oversampling` times as many
/// as asked; `None` when there are no trees yet (every passage is then in the to-do list).
pub(crate) fn nearest(
    rtxn: &RoTxn<'_>,
    dbs: &Dbs,
    query: &[f32],
    want: usize,
    oversampling: usize,
) -> Result<Option<Vec<u32>>> {
    let reader = match arroy::Reader::<Cosine>::open(rtxn, INDEX, dbs.passage_index) {
        Ok(r) => r,
        Err(arroy::Error::MissingMetadata(_)) => return Ok(None),
        Err(e) => return Err(arroy_err(e)),
    };
    if reader.n_items() == 0 {
        return Ok(Some(Vec::new()));
    }
    let mut q = reader.nns(want);
    q.oversampling(NonZeroUsize::new(oversampling).unwrap_or(NonZeroUsize::MIN));
    Ok(Some(
        q.by_vector(rtxn, query)
            .map_err(arroy_err)?
            .into_iter()
            .map(|(item, _)| item)
            .collect(),
    ))
}

/// `f(resume)` for every resume whose passages are not yet built into the trees.
pub(crate) fn each_unindexed(
    rtxn: &RoTxn<'_>,
    dbs: &Dbs,
    mut f: impl FnMut(ResumeId) -> Result<()>,
) -> Result<()> {
    for item in dbs.passage_todo.iter(rtxn)? {
        let (base, op) = item.map_err(damaged("passage index"))?;
        if let Todo::Add(_) = op {
            if let Some(owner) = dbs.passage_owners.get(rtxn, &base)? {
                f(owner)?;
            }
        }
    }
    Ok(())
}

/// Resumes whose passages are stored but not in the bookkeeping (an older store, not yet
/// backfilled): a search scans them too.
pub(crate) fn unmarked_exist(rtxn: &RoTxn<'_>, dbs: &Dbs) -> Result<bool> {
    Ok(dbs.passage_slots.len(rtxn)? < dbs.passage_vectors.len(rtxn)?)
}
