//! The `library-df` and `library-docs` tables: the document frequencies of the recruiter's
//! own library, which join the shipped background's to weigh a job's terms (IDF).
//!
//! - `library-docs`: per counted resume, its length in terms and its distinct terms (one per
//!   line), so that erasing it takes away exactly what its import added;
//! - `library-df`: `live:<term>` → how many counted resumes hold the term, updated in the
//!   same write transaction as the import or erasure; `gen:<term>` → the same count frozen at
//!   the current *generation*, which is what scores are made with (an erasure takes its
//!   resume's words out of it too, so nothing of an erased candidate stays);
//! - `meta` `library_stats`: the counters ([`LibraryCounts`]).
//!
//! A new generation is taken (live counts copied to `gen:`) only when the library has changed
//! by a clear margin since the last one: at least [`MIN_CHANGES`] resumes added or erased
//! *and* at least [`MIN_SHARE`] of the library as it was then. Every analysis records the
//! generation it was scored with; a newer one makes it stale, and the background re-score
//! scores it again. Between generations scores do not move (the same generation gives the same
//! score), and the re-scoring a generation costs is bounded: each one re-scores the library
//! once per job, and it takes at least a fifth of the library's size in changes to get one.

use heed::byteorder::BigEndian;
use heed::types::{Bytes, Str, U32};
use heed::{RoTxn, RwTxn};
use serde::{Deserialize, Serialize};

use super::{damaged, Dbs};
use crate::error::Result;
use crate::id::ResumeId;
use crate::lexical::{Doc, TermStats};

/// Fewest resumes added or erased since the last generation before a new one is taken.
pub const MIN_CHANGES: u32 = 25;
/// Smallest change, as a share of the library at the last generation, before a new one.
pub const MIN_SHARE: f64 = 0.2;

const COUNTS: &str = "library_stats";
const LIVE: &str = "live:";
const GEN: &str = "gen:";

/// The library's counters.
#[derive(Debug, Clone, Copy, Default, PartialEq, Serialize, Deserialize)]
pub struct LibraryCounts {
    /// Resumes counted now.
    pub docs: u32,
    /// Their lengths in terms, summed.
    pub total_len: f64,
    /// Resumes added or erased since the current generation was taken.
    pub changes: u32,
    /// The current generation (0: none taken yet; scores use the background alone).
    pub generation: u32,
    /// Resumes counted at the current generation.
    pub generation_docs: u32,
    /// Their mean length.
    pub generation_avg_len: f32,
}

impl LibraryCounts {
    /// Whether the changes since the last generation call for a new one.
    pub fn due(&self) -> bool {
        let share = (f64::from(self.generation_docs) * MIN_SHARE).ceil() as u32;
        self.changes >= MIN_CHANGES.max(share)
    }
}

fn live_db(dbs: &Dbs) -> heed::Database<'static, Str, U32<BigEndian>> {
    dbs.library_df
}

/// The counters.
pub(crate) fn counts(rtxn: &RoTxn<'_>, dbs: &Dbs) -> Result<LibraryCounts> {
    match dbs.meta.get(rtxn, COUNTS).map_err(damaged("meta"))? {
        None => Ok(LibraryCounts::default()),
        Some(v) => serde_json::from_value(v).map_err(|e| crate::error::Error::Corrupt {
            kind: "library statistics",
            reason: e.to_string(),
        }),
    }
}

fn put_counts(wtxn: &mut RwTxn<'_>, dbs: &Dbs, c: &LibraryCounts) -> Result<()> {
    let value = serde_json::to_value(c).map_err(|e| crate::error::Error::Corrupt {
        kind: "library statistics",
        reason: e.to_string(),
    })?;
    Ok(dbs.meta.put(wtxn, COUNTS, &value)?)
}

/// Whether `resume` is counted.
pub(crate) fn counted(rtxn: &RoTxn<'_>, dbs: &Dbs, resume: &ResumeId) -> Result<bool> {
    Ok(dbs
        .library_docs
        .remap_data_type::<Bytes>()
        .get(rtxn, resume)?
        .is_some())
}

fn add_to(wtxn: &mut RwTxn<'_>, dbs: &Dbs, key: &str, by: i64) -> Result<()> {
    let db = live_db(dbs);
    let n = i64::from(db.get(wtxn, key)?.unwrap_or(0)) + by;
    if n <= 0 {
        db.delete(wtxn, key)?;
    } else {
        db.put(wtxn, key, &(n as u32))?;
    }
    Ok(())
}

/// Counts `resume` (its terms `doc`) into the library, unless it already is; takes a new
/// generation when one is due. Returns whether it did.
pub(crate) fn add(wtxn: &mut RwTxn<'_>, dbs: &Dbs, resume: &ResumeId, doc: &Doc) -> Result<bool> {
    if counted(wtxn, dbs, resume)? {
        return Ok(false);
    }
    let mut terms: Vec<&str> = doc.counts.keys().map(String::as_str).collect();
    terms.sort_unstable();
    // The first line: its length and the generation current when it was counted (it is in
    // every later generation's frozen counts).
    let generation = counts(wtxn, dbs)?.generation;
    let mut value = format!("{} {generation}", doc.len);
    for t in &terms {
        value.push('\n');
        value.push_str(t);
    }
    dbs.library_docs.put(wtxn, resume, &value)?;
    let mut key = String::new();
    for t in terms {
        key.clear();
        key.push_str(LIVE);
        key.push_str(t);
        add_to(wtxn, dbs, &key, 1)?;
    }
    let mut c = counts(wtxn, dbs)?;
    c.docs += 1;
    c.total_len += f64::from(doc.len);
    c.changes += 1;
    changed(wtxn, dbs, c)
}

/// Takes `resume` out of the library (what its import added), if it was counted; takes a
/// new generation when one is due. Returns whether it did.
pub(crate) fn remove(wtxn: &mut RwTxn<'_>, dbs: &Dbs, resume: &ResumeId) -> Result<bool> {
    let Some(value) = dbs
        .library_docs
        .get(wtxn, resume)
        .map_err(damaged("library statistics"))?
        .map(str::to_owned)
    else {
        return Ok(false);
    };
    let mut lines = value.lines();
    let mut first = lines.next().unwrap_or("").split(' ');
    let len: f32 = first.next().and_then(|l| l.parse().ok()).unwrap_or(0.0);
    let counted_at: Option<u32> = first.next().and_then(|g| g.parse().ok());
    let mut c = counts(wtxn, dbs)?;
    // Erased means erased: its words leave the frozen counts too when the current generation
    // holds them, so no word of an erased candidate stays behind (a rare word only they had
    // would otherwise stay a key here). Scores made with this generation are not re-scored for
    // it: one resume fewer shifts a term's weight by less than its own share.
    let in_generation = counted_at.is_none_or(|g| g < c.generation);
    let mut key = String::new();
    for t in lines {
        key.clear();
        key.push_str(LIVE);
        key.push_str(t);
        add_to(wtxn, dbs, &key, -1)?;
        if in_generation {
            key.clear();
            key.push_str(GEN);
            key.push_str(t);
            add_to(wtxn, dbs, &key, -1)?;
        }
    }
    dbs.library_docs.delete(wtxn, resume)?;
    if in_generation && c.generation > 0 {
        c.generation_docs = c.generation_docs.saturating_sub(1);
    }
    c.docs = c.docs.saturating_sub(1);
    c.total_len = if c.docs == 0 {
        0.0
    } else {
        (c.total_len - f64::from(len)).max(0.0)
    };
    c.changes += 1;
    changed(wtxn, dbs, c)
}

/// Stores `c`, first taking a new generation when one is due.
fn changed(wtxn: &mut RwTxn<'_>, dbs: &Dbs, mut c: LibraryCounts) -> Result<bool> {
    let due = c.due();
    if due {
        take_generation(wtxn, dbs, &mut c)?;
    }
    put_counts(wtxn, dbs, &c)?;
    Ok(due)
}

/// Freezes the live counts as a new generation.
fn take_generation(wtxn: &mut RwTxn<'_>, dbs: &Dbs, c: &mut LibraryCounts) -> Result<()> {
    let db = live_db(dbs);
    // The old generation goes, then the live counts are copied under `gen:`.
    let old: Vec<String> = db
        .prefix_iter(wtxn, GEN)?
        .map(|r| r.map(|(k, _)| k.to_owned()))
        .collect::<heed::Result<_>>()?;
    for k in &old {
        db.delete(wtxn, k)?;
    }
    let live: Vec<(String, u32)> = db
        .prefix_iter(wtxn, LIVE)?
        .map(|r| r.map(|(k, n)| (format!("{GEN}{}", &k[LIVE.len()..]), n)))
        .collect::<heed::Result<_>>()?;
    for (k, n) in &live {
        db.put(wtxn, k, n)?;
    }
    c.generation += 1;
    c.generation_docs = c.docs;
    c.generation_avg_len = if c.docs == 0 {
        0.0
    } else {
        (c.total_len / f64::from(c.docs)) as f32
    };
    c.changes = 0;
    Ok(())
}

/// The current generation and its statistics for `terms` (the document frequencies of those
/// terms only: all a job's weights need).
pub(crate) fn generation_stats(
    rtxn: &RoTxn<'_>,
    dbs: &Dbs,
    terms: &[String],
) -> Result<(u32, TermStats)> {
    let c = counts(rtxn, dbs)?;
    let mut stats = TermStats {
        docs: c.generation_docs,
        avg_len: c.generation_avg_len,
        ..TermStats::default()
    };
    if c.generation == 0 {
        return Ok((0, TermStats::default()));
    }
    read_df(rtxn, dbs, GEN, terms, &mut stats)?;
    Ok((c.generation, stats))
}

/// The document frequencies of `terms` under `prefix` (live or frozen) into `stats`.
fn read_df(
    rtxn: &RoTxn<'_>,
    dbs: &Dbs,
    prefix: &str,
    terms: &[String],
    stats: &mut TermStats,
) -> Result<()> {
    let db = live_db(dbs);
    let mut key = String::new();
    for t in terms {
        key.clear();
        key.push_str(prefix);
        key.push_str(t);
        if let Some(n) = db.get(rtxn, &key)? {
            stats.df.insert(t.clone(), n);
        }
    }
    Ok(())
}

/// The live statistics for `terms`: every resume counted now, and the document frequencies
/// of those terms only (what weighing a question's words needs; unlike scores, answers may
/// follow the library as it is).
pub(crate) fn live_stats(rtxn: &RoTxn<'_>, dbs: &Dbs, terms: &[String]) -> Result<TermStats> {
    let c = counts(rtxn, dbs)?;
    let mut stats = TermStats {
        docs: c.docs,
        avg_len: if c.docs == 0 {
            0.0
        } else {
            (c.total_len / f64::from(c.docs)) as f32
        },
        ..TermStats::default()
    };
    read_df(rtxn, dbs, LIVE, terms, &mut stats)?;
    Ok(stats)
}

/// The live document frequency of `term` (for tests and checks).
pub(crate) fn live_df(rtxn: &RoTxn<'_>, dbs: &Dbs, term: &str) -> Result<u32> {
    Ok(live_db(dbs)
        .get(rtxn, &format!("{LIVE}{term}"))?
        .unwrap_or(0))
}

/// The document frequency of `term` at the current generation.
pub(crate) fn generation_df(rtxn: &RoTxn<'_>, dbs: &Dbs, term: &str) -> Result<u32> {
    Ok(live_db(dbs)
        .get(rtxn, &format!("{GEN}{term}"))?
        .unwrap_or(0))
}
