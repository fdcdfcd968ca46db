//! The workflow tables: each candidate's place in a job's pipeline, their notes per job, and
//! their tags across jobs.
//!
//! | database   | key                               | value                |
//! |------------|-----------------------------------|----------------------|
//! | `pipeline` | `<job id>/<resume id>`            | [`Pipeline`]         |
//! | `notes`    | `<job id>/<resume id>/<seq, 6 digits>` | [`Note`]        |
//! | `tags`     | `<resume id>`                     | tags, sorted         |
//!
//! A candidate erased for good takes all three with them ([`delete_of_resume`]); a job's rows go
//! with the job's analyses.

use std::borrow::Cow;

use heed::types::{DecodeIgnore, Str};
use heed::{BoxedError, BytesDecode, BytesEncode, RoTxn, RwTxn};

use super::key::Pair;
use super::{damaged, Dbs};
use crate::error::Result;
use crate::id::{JobId, ResumeId};
use crate::workflow::{Note, Pipeline};

/// A note's place: `<job>/<resume>/<seq>`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct NoteAt {
    pub job: JobId,
    pub resume: ResumeId,
    pub seq: u32,
}

/// `<job>/<resume>/<seq as 6 digits>` (so notes sort oldest first).
pub(crate) enum NoteKey {}

impl<'a> BytesEncode<'a> for NoteKey {
    type EItem = NoteAt;

    fn bytes_encode(n: &'a NoteAt) -> Result<Cow<'a, [u8]>, BoxedError> {
        Ok(Cow::Owned(
            format!("{}/{}/{:06}", n.job, n.resume, n.seq).into_bytes(),
        ))
    }
}

impl<'a> BytesDecode<'a> for NoteKey {
    type DItem = NoteAt;

    fn bytes_decode(bytes: &'a [u8]) -> Result<NoteAt, BoxedError> {
        let mut parts = std::str::from_utf8(bytes)?.splitn(3, '/');
        let (Some(job), Some(resume), Some(seq)) = (parts.next(), parts.next(), parts.next())
        else {
            return Err("a note key has three parts".into());
        };
        Ok(NoteAt {
            job: JobId::parse(job)?,
            resume: ResumeId::parse(resume)?,
            seq: seq.parse()?,
        })
    }
}

fn pair(job: &JobId, resume: &ResumeId) -> Pair {
    Pair {
        job: job.clone(),
        resume: resume.clone(),
    }
}

/// The candidate's pipeline for `job` (a candidate never moved is at `New`).
pub(crate) fn pipeline(
    rtxn: &RoTxn<'_>,
    dbs: &Dbs,
    job: &JobId,
    resume: &ResumeId,
) -> Result<Pipeline> {
    Ok(dbs
        .pipeline
        .get(rtxn, &pair(job, resume))
        .map_err(damaged("pipeline"))?
        .unwrap_or_default())
}

pub(crate) fn put_pipeline(
    wtxn: &mut RwTxn<'_>,
    dbs: &Dbs,
    job: &JobId,
    resume: &ResumeId,
    p: &Pipeline,
) -> Result<()> {
    dbs.pipeline
        .put(wtxn, &pair(job, resume), p)
        .map_err(damaged("pipeline"))
}

/// Every candidate of `job` with a pipeline record, by resume.
pub(crate) fn pipelines_of_job(
    rtxn: &RoTxn<'_>,
    dbs: &Dbs,
    job: &JobId,
) -> Result<Vec<(ResumeId, Pipeline)>> {
    let prefix = format!("{job}/");
    let mut out = Vec::new();
    for item in dbs
        .pipeline
        .remap_key_type::<Str>()
        .prefix_iter(rtxn, &prefix)?
        .remap_key_type::<super::key::PairKey>()
    {
        let (p, pipeline) = item.map_err(damaged("pipeline"))?;
        out.push((p.resume, pipeline));
    }
    Ok(out)
}

/// The notes on a candidate for `job`, oldest first.
pub(crate) fn notes(
    rtxn: &RoTxn<'_>,
    dbs: &Dbs,
    job: &JobId,
    resume: &ResumeId,
) -> Result<Vec<Note>> {
    let prefix = format!("{job}/{resume}/");
    let mut out = Vec::new();
    for item in dbs
        .notes
        .remap_key_type::<Str>()
        .prefix_iter(rtxn, &prefix)?
        .remap_key_type::<DecodeIgnore>()
    {
        out.push(item.map_err(damaged("note"))?.1);
    }
    Ok(out)
}

/// Number of notes per candidate of `job`.
pub(crate) fn note_counts(
    rtxn: &RoTxn<'_>,
    dbs: &Dbs,
    job: &JobId,
) -> Result<Vec<(ResumeId, u32)>> {
    let prefix = format!("{job}/");
    let mut out: Vec<(ResumeId, u32)> = Vec::new();
    for item in dbs
        .notes
        .remap_types::<Str, DecodeIgnore>()
        .prefix_iter(rtxn, &prefix)?
        .remap_key_type::<NoteKey>()
    {
        let (at, ()) = item.map_err(damaged("note"))?;
        match out.last_mut() {
            Some((r, n)) if *r == at.resume => *n += 1,
            _ => out.push((at.resume, 1)),
        }
    }
    Ok(out)
}

/// Adds a note after the candidate's last one for `job`; returns it with its number.
pub(crate) fn add_note(
    wtxn: &mut RwTxn<'_>,
    dbs: &Dbs,
    job: &JobId,
    resume: &ResumeId,
    at: time::OffsetDateTime,
    text: String,
) -> Result<Note> {
    let seq = notes(wtxn, dbs, job, resume)?
        .last()
        .map_or(1, |n| n.seq + 1);
    let note = Note { seq, at, text };
    dbs.notes
        .put(
            wtxn,
            &NoteAt {
                job: job.clone(),
                resume: resume.clone(),
                seq,
            },
            &note,
        )
        .map_err(damaged("note"))?;
    Ok(note)
}

/// The candidate's tags.
pub(crate) fn tags(rtxn: &RoTxn<'_>, dbs: &Dbs, resume: &ResumeId) -> Result<Vec<String>> {
    Ok(dbs
        .tags
        .get(rtxn, resume)
        .map_err(damaged("tags"))?
        .unwrap_or_default())
}

pub(crate) fn put_tags(
    wtxn: &mut RwTxn<'_>,
    dbs: &Dbs,
    resume: &ResumeId,
    tags: &[String],
) -> Result<()> {
    if tags.is_empty() {
        dbs.tags.delete(wtxn, resume)?;
        return Ok(());
    }
    dbs.tags
        .put(wtxn, resume, &tags.to_vec())
        .map_err(damaged("tags"))
}

/// Every tagged candidate with their tags.
pub(crate) fn all_tags(rtxn: &RoTxn<'_>, dbs: &Dbs) -> Result<Vec<(ResumeId, Vec<String>)>> {
    dbs.tags
        .iter(rtxn)?
        .map(|item| item.map_err(damaged("tags")))
        .collect()
}

/// Removes a candidate's pipeline records and notes for every job, and their tags.
pub(crate) fn delete_of_resume(
    wtxn: &mut RwTxn<'_>,
    dbs: &Dbs,
    resume: &ResumeId,
    jobs: &[JobId],
) -> Result<()> {
    for job in jobs {
        dbs.pipeline.delete(wtxn, &pair(job, resume))?;
        let seqs: Vec<u32> = notes(wtxn, dbs, job, resume)?
            .iter()
            .map(|n| n.seq)
            .collect();
        for seq in seqs {
            dbs.notes.delete(
                wtxn,
                &NoteAt {
                    job: job.clone(),
                    resume: resume.clone(),
                    seq,
                },
            )?;
        }
    }
    dbs.tags.delete(wtxn, resume)?;
    Ok(())
}

/// Removes every pipeline record (stage and history) and note of `job`, and its blind-number
/// counter; returns the number of notes removed.
pub(crate) fn delete_of_job(wtxn: &mut RwTxn<'_>, dbs: &Dbs, job: &JobId) -> Result<usize> {
    let prefix = format!("{job}/");
    let pipelines = keys_under(
        wtxn,
        dbs.pipeline.remap_types::<Str, DecodeIgnore>(),
        &prefix,
    )?;
    let notes = keys_under(wtxn, dbs.notes.remap_types::<Str, DecodeIgnore>(), &prefix)?;
    for key in &pipelines {
        dbs.pipeline
            .remap_types::<Str, DecodeIgnore>()
            .delete(wtxn, key)?;
    }
    for key in &notes {
        dbs.notes
            .remap_types::<Str, DecodeIgnore>()
            .delete(wtxn, key)?;
    }
    dbs.meta.delete(wtxn, &format!("blind_next/{job}"))?;
    Ok(notes.len())
}

/// The number of notes on every candidate of `job`.
pub(crate) fn note_count_of_job(rtxn: &RoTxn<'_>, dbs: &Dbs, job: &JobId) -> Result<usize> {
    Ok(keys_under(
        rtxn,
        dbs.notes.remap_types::<Str, DecodeIgnore>(),
        &format!("{job}/"),
    )?
    .len())
}

/// The keys of `db` that begin with `prefix`.
fn keys_under(
    rtxn: &RoTxn<'_>,
    db: heed::Database<Str, DecodeIgnore>,
    prefix: &str,
) -> Result<Vec<String>> {
    let mut out = Vec::new();
    for item in db.prefix_iter(rtxn, prefix)? {
        out.push(item?.0.to_owned());
    }
    Ok(out)
}

/// The next blind number of `job` ("Candidate N"), counted in the meta table so a number is
/// never given twice, even after an erasure.
pub(crate) fn take_number(wtxn: &mut RwTxn<'_>, dbs: &Dbs, job: &JobId) -> Result<u32> {
    let key = format!("blind_next/{job}");
    let next = dbs
        .meta
        .get(wtxn, &key)
        .map_err(damaged("meta"))?
        .and_then(|v| v.as_u64())
        .unwrap_or(1);
    dbs.meta
        .put(wtxn, &key, &serde_json::Value::from(next + 1))
        .map_err(damaged("meta"))?;
    Ok(u32::try_from(next).unwrap_or(u32::MAX))
}
