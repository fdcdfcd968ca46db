//! The feedback tables, kept together: `feedback` (ID → [`Feedback`]), `feedback-by-analysis`
//! (the records of an analysis), `feedback-vectors` (each record's embedding), and the arroy
//! index of those embeddings (`feedback-index`, with `feedback-items` / `feedback-by-item`
//! mapping record IDs to arroy item numbers). [`put`] and [`delete`] are the only code that
//! writes them; a transaction that calls either ends with [`build_index`], which updates the
//! arroy trees for the items that changed (arroy's build is incremental: it re-inserts the
//! updated items only) and bumps the vectors' version in `meta`.

use std::borrow::Cow;
use std::num::NonZeroUsize;

use arroy::distances::Cosine;
use heed::types::{Bytes, DecodeIgnore, Str};
use heed::{BoxedError, BytesDecode, BytesEncode, RoTxn, RwTxn};
use rand::SeedableRng;

use super::key::{Given, Under};
use super::{damaged, meta, not_found, Dbs};
use crate::embed;
use crate::error::{Error, Result};
use crate::feedback::Feedback;
use crate::id::{AnalysisId, FeedbackId};

/// The arroy index number of the feedback vectors.
const INDEX: u16 = 0;

/// One embedding, little-endian f32.
pub(crate) enum Vector {}

impl<'a> BytesEncode<'a> for Vector {
    type EItem = [f32];

    fn bytes_encode(v: &'a [f32]) -> std::result::Result<Cow<'a, [u8]>, BoxedError> {
        Ok(Cow::Owned(embed::to_bytes(v)))
    }
}

impl<'a> BytesDecode<'a> for Vector {
    type DItem = Vec<f32>;

    /// Whole f32s only; the caller checks the dimensions.
    fn bytes_decode(bytes: &'a [u8]) -> std::result::Result<Vec<f32>, BoxedError> {
        Ok(bytes
            .chunks_exact(4)
            .map(|b| f32::from_le_bytes([b[0], b[1], b[2], b[3]]))
            .collect())
    }
}

pub(crate) fn arroy_err(e: arroy::Error) -> Error {
    match e {
        arroy::Error::Heed(h) => Error::from(h),
        other => Error::Corrupt {
            kind: "vector index",
            reason: other.to_string(),
        },
    }
}

fn writer(dbs: &Dbs) -> arroy::Writer<Cosine> {
    arroy::Writer::<Cosine>::new(dbs.feedback_index, INDEX, embed::DIM)
}

pub(crate) fn get(rtxn: &RoTxn<'_>, dbs: &Dbs, id: &FeedbackId) -> Result<Option<Feedback>> {
    dbs.feedback.get(rtxn, id).map_err(damaged("feedback"))
}

/// The record, or [`Error::NotFound`].
pub(crate) fn require(rtxn: &RoTxn<'_>, dbs: &Dbs, id: &FeedbackId) -> Result<Feedback> {
    get(rtxn, dbs, id)?.ok_or_else(|| not_found("feedback", id))
}

pub(crate) fn exists(rtxn: &RoTxn<'_>, dbs: &Dbs, id: &FeedbackId) -> Result<bool> {
    Ok(dbs
        .feedback
        .remap_data_type::<DecodeIgnore>()
        .get(rtxn, id)?
        .is_some())
}

/// Stores a record (new or changed) with its vector, in the plain table and the index. End
/// the transaction with [`build_index`].
pub(crate) fn put(
    wtxn: &mut RwTxn<'_>,
    dbs: &Dbs,
    record: &Feedback,
    vector: &[f32],
) -> Result<()> {
    dbs.feedback
        .put(wtxn, &record.id, record)
        .map_err(damaged("feedback"))?;
    let given = Given {
        analysis: record.analysis_id.clone(),
        feedback: record.id.clone(),
    };
    dbs.feedback_by_analysis.put(wtxn, &given, &record.id)?;
    put_vector(wtxn, dbs, &record.id, vector)
}

/// Stores a record's vector in the plain table and the index (not yet built).
pub(crate) fn put_vector(
    wtxn: &mut RwTxn<'_>,
    dbs: &Dbs,
    id: &FeedbackId,
    vector: &[f32],
) -> Result<()> {
    let item = match dbs.feedback_items.get(wtxn, id)? {
        Some(item) => item,
        None => {
            let item = meta::take_feedback_item(wtxn, dbs)?;
            dbs.feedback_items.put(wtxn, id, &item)?;
            dbs.feedback_by_item.put(wtxn, &item, id)?;
            item
        }
    };
    dbs.feedback_vectors.put(wtxn, id, vector)?;
    writer(dbs).add_item(wtxn, item, vector).map_err(arroy_err)
}

/// Removes a record, its vector and its index item (the item only is deleted from the trees,
/// by the next [`build_index`]: no rebuild). `false` if there was none.
pub(crate) fn delete(wtxn: &mut RwTxn<'_>, dbs: &Dbs, id: &FeedbackId) -> Result<bool> {
    let Some(record) = get(wtxn, dbs, id)? else {
        return Ok(false);
    };
    let given = Given {
        analysis: record.analysis_id,
        feedback: id.clone(),
    };
    dbs.feedback_by_analysis.delete(wtxn, &given)?;
    dbs.feedback_vectors.delete(wtxn, id)?;
    if let Some(item) = dbs.feedback_items.get(wtxn, id)? {
        writer(dbs).del_item(wtxn, item).map_err(arroy_err)?;
        dbs.feedback_by_item.delete(wtxn, &item)?;
        dbs.feedback_items.delete(wtxn, id)?;
    }
    dbs.feedback.delete(wtxn, id)?;
    Ok(true)
}

/// The IDs of an analysis's records, in key order.
pub(crate) fn ids_of_analysis(
    rtxn: &RoTxn<'_>,
    dbs: &Dbs,
    analysis: &AnalysisId,
) -> Result<Vec<FeedbackId>> {
    let prefixed = dbs.feedback_by_analysis.remap_key_type::<Under>();
    prefixed
        .prefix_iter(rtxn, analysis.as_str())?
        .remap_key_type::<DecodeIgnore>()
        .map(|item| item.map(|(_, id)| id).map_err(damaged("feedback")))
        .collect()
}

/// Removes every record of an analysis (see [`delete`]); returns how many.
pub(crate) fn delete_of_analysis(
    wtxn: &mut RwTxn<'_>,
    dbs: &Dbs,
    analysis: &AnalysisId,
) -> Result<usize> {
    let ids = ids_of_analysis(wtxn, dbs, analysis)?;
    for id in &ids {
        delete(wtxn, dbs, id)?;
    }
    Ok(ids.len())
}

/// Every record, in key order.
pub(crate) fn all(rtxn: &RoTxn<'_>, dbs: &Dbs) -> Result<Vec<Feedback>> {
    dbs.feedback
        .iter(rtxn)?
        .map(|item| item.map(|(_, f)| f).map_err(damaged("feedback")))
        .collect()
}

pub(crate) fn count(rtxn: &RoTxn<'_>, dbs: &Dbs) -> Result<u64> {
    Ok(dbs.feedback.len(rtxn)?)
}

pub(crate) fn vector_count(rtxn: &RoTxn<'_>, dbs: &Dbs) -> Result<usize> {
    Ok(usize::try_from(dbs.feedback_vectors.len(rtxn)?).unwrap_or(usize::MAX))
}

/// A record's stored vector, if it has a whole one.
pub(crate) fn vector(rtxn: &RoTxn<'_>, dbs: &Dbs, id: &str) -> Result<Option<Vec<f32>>> {
    let v = dbs.feedback_vectors.remap_key_type::<Str>().get(rtxn, id)?;
    Ok(v.filter(|v| v.len() == embed::DIM))
}

/// A record's stored vector as bytes (for scoring without decoding).
pub(crate) fn vector_bytes<'t>(
    rtxn: &'t RoTxn<'_>,
    dbs: &Dbs,
    id: &str,
) -> Result<Option<&'t [u8]>> {
    Ok(dbs
        .feedback_vectors
        .remap_types::<Str, Bytes>()
        .get(rtxn, id)?)
}

/// `f(id, vector bytes)` of every stored vector, in ID order, as stored (no decoding).
pub(crate) fn each_vector<'t>(
    rtxn: &'t RoTxn<'_>,
    dbs: &Dbs,
    mut f: impl FnMut(&'t str, &'t [u8]),
) -> Result<()> {
    for item in dbs
        .feedback_vectors
        .remap_types::<Str, Bytes>()
        .iter(rtxn)?
    {
        let (id, bytes) = item?;
        f(id, bytes);
    }
    Ok(())
}

/// Removes every vector and the whole index (a reindex writes them all again).
pub(crate) fn clear_vectors(wtxn: &mut RwTxn<'_>, dbs: &Dbs) -> Result<()> {
    writer(dbs).clear(wtxn).map_err(arroy_err)?;
    dbs.feedback_vectors.clear(wtxn)?;
    dbs.feedback_items.clear(wtxn)?;
    dbs.feedback_by_item.clear(wtxn)?;
    meta::reset_feedback_items(wtxn, dbs)
}

/// Brings the arroy index up to date with the items added and deleted in this transaction
/// (incremental), and bumps the vectors' version. Every transaction that writes feedback
/// vectors ends with this call.
pub(crate) fn build_index(wtxn: &mut RwTxn<'_>, dbs: &Dbs) -> Result<()> {
    meta::bump_feedback_version(wtxn, dbs)?;
    // A fixed seed keeps the index, and so approximate results, reproducible.
    let mut rng = rand::rngs::StdRng::seed_from_u64(0x5107_1157);
    let writer = writer(dbs);
    let built = writer.builder(&mut rng).build(wtxn).map_err(arroy_err);
    built
}

/// The nearest records of `query` by the arroy index, best first: `(record ID, distance)`
/// for `want` neighbours, looking at `oversampling` times as many. `None` when the index
/// cannot answer for every vector stored: not built since items changed (another process is
/// writing them), or missing items (a store written before the index held them all) — then
/// the caller scans exactly.
pub(crate) fn nearest<'t>(
    rtxn: &'t RoTxn<'_>,
    dbs: &Dbs,
    query: &[f32],
    want: usize,
    oversampling: usize,
) -> Result<Option<Vec<&'t str>>> {
    let reader = match arroy::Reader::<Cosine>::open(rtxn, INDEX, dbs.feedback_index) {
        Ok(r) => r,
        Err(arroy::Error::MissingMetadata(_) | arroy::Error::NeedBuild(_)) => return Ok(None),
        Err(e) => return Err(arroy_err(e)),
    };
    if reader.n_items() != dbs.feedback_vectors.len(rtxn)? {
        return Ok(None);
    }
    let mut query_builder = reader.nns(want);
    query_builder.oversampling(NonZeroUsize::new(oversampling).unwrap_or(NonZeroUsize::MIN));
    let mut out = Vec::with_capacity(want);
    for (item, _) in query_builder.by_vector(rtxn, query).map_err(arroy_err)? {
        if let Some(id) = dbs
            .feedback_by_item
            .remap_data_type::<Str>()
            .get(rtxn, &item)?
        {
            out.push(id);
        }
    }
    Ok(Some(out))
}

/// Checks every record decodes and agrees with its key, and every vector is whole.
pub(crate) fn check(rtxn: &RoTxn<'_>, dbs: &Dbs) -> std::result::Result<(), &'static str> {
    let raw = dbs.feedback_vectors.remap_types::<Str, Bytes>();
    for item in raw.iter(rtxn).map_err(|_| "feedback vector")? {
        let (_, bytes) = item.map_err(|_| "feedback vector")?;
        if bytes.len() != embed::DIM * 4 {
            return Err("feedback vector");
        }
    }
    for item in dbs.feedback.iter(rtxn).map_err(|_| "feedback")? {
        let (id, f) = item.map_err(|_| "feedback")?;
        if f.id != id {
            return Err("feedback");
        }
    }
    Ok(())
}
