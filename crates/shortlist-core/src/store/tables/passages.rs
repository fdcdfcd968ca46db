//! The `passages` and `passage-vectors` tables: a resume's passages (the units of evidence
//! and answers) and their embeddings, written and deleted together, and marked for the passage
//! index in the same transaction ([`super::passage_index`]); the words index
//! ([`super::word_index`]) is written and deleted with them.

use std::borrow::Cow;

use heed::{BoxedError, BytesDecode, BytesEncode, RoTxn, RwTxn};

use super::{damaged, Dbs};
use crate::analysis::Passage;
use crate::embed;
use crate::error::Result;
use crate::id::ResumeId;

/// Embeddings of [`embed::DIM`] dimensions, one after the other, little-endian f32.
pub(crate) enum Vectors {}

impl<'a> BytesEncode<'a> for Vectors {
    type EItem = [Vec<f32>];

    fn bytes_encode(vectors: &'a [Vec<f32>]) -> Result<Cow<'a, [u8]>, BoxedError> {
        Ok(Cow::Owned(
            vectors.iter().flat_map(|v| embed::to_bytes(v)).collect(),
        ))
    }
}

impl<'a> BytesDecode<'a> for Vectors {
    type DItem = Vec<Vec<f32>>;

    /// Whole embeddings only (a restore's check refuses a store with a partial one).
    fn bytes_decode(bytes: &'a [u8]) -> Result<Vec<Vec<f32>>, BoxedError> {
        Ok(embed::from_bytes(bytes))
    }
}

/// Stores a resume's passages and their vectors (replacing earlier ones).
pub(crate) fn put(
    wtxn: &mut RwTxn<'_>,
    dbs: &Dbs,
    resume: &ResumeId,
    passages: &[Passage],
    vectors: &[Vec<f32>],
) -> Result<()> {
    dbs.passages
        .remap_data_type::<heed::types::SerdeJson<&[Passage]>>()
        .put(wtxn, resume, &passages)
        .map_err(damaged("resume passages"))?;
    dbs.passage_vectors.put(wtxn, resume, vectors)?;
    super::word_index::put(wtxn, dbs, resume, passages)?;
    super::passage_index::mark(wtxn, dbs, resume, vectors.len())
}

/// The stored passages of a resume, if any.
pub(crate) fn get(rtxn: &RoTxn<'_>, dbs: &Dbs, resume: &ResumeId) -> Result<Option<Vec<Passage>>> {
    dbs.passages
        .get(rtxn, resume)
        .map_err(damaged("resume passages"))
}

/// The stored passage vectors of a resume, if any.
pub(crate) fn vectors(
    rtxn: &RoTxn<'_>,
    dbs: &Dbs,
    resume: &ResumeId,
) -> Result<Option<Vec<Vec<f32>>>> {
    dbs.passage_vectors
        .get(rtxn, resume)
        .map_err(damaged("resume passages"))
}

/// Copies one resume's passages and vectors, as stored, to another ID (benchmark stores).
pub(crate) fn copy(wtxn: &mut RwTxn<'_>, dbs: &Dbs, from: &ResumeId, to: &ResumeId) -> Result<()> {
    let raw = dbs.passages.remap_data_type::<heed::types::Bytes>();
    if let Some(p) = raw.get(wtxn, from)?.map(<[u8]>::to_vec) {
        raw.put(wtxn, to, &p)?;
    }
    let raw = dbs.passage_vectors.remap_data_type::<heed::types::Bytes>();
    if let Some(v) = raw.get(wtxn, from)?.map(<[u8]>::to_vec) {
        raw.put(wtxn, to, &v)?;
        super::passage_index::mark(wtxn, dbs, to, v.len() / (embed::DIM * 4))?;
    }
    if let Some(passages) = get(wtxn, dbs, to)? {
        super::word_index::put(wtxn, dbs, to, &passages)?;
    }
    Ok(())
}

pub(crate) fn delete(wtxn: &mut RwTxn<'_>, dbs: &Dbs, resume: &ResumeId) -> Result<()> {
    dbs.passages.delete(wtxn, resume)?;
    dbs.passage_vectors.delete(wtxn, resume)?;
    super::word_index::remove(wtxn, dbs, resume)?;
    super::passage_index::remove(wtxn, dbs, resume)
}

/// Checks every stored record decodes and every vector record holds whole embeddings.
pub(crate) fn check(rtxn: &RoTxn<'_>, dbs: &Dbs) -> std::result::Result<(), &'static str> {
    for item in dbs.passages.iter(rtxn).map_err(|_| "passage")? {
        item.map_err(|_| "passage")?;
    }
    let raw = dbs.passage_vectors.remap_data_type::<heed::types::Bytes>();
    for item in raw.iter(rtxn).map_err(|_| "passage vectors")? {
        let (_, bytes) = item.map_err(|_| "passage vectors")?;
        if bytes.len() % (embed::DIM * 4) != 0 {
            return Err("passage vectors");
        }
    }
    Ok(())
}
