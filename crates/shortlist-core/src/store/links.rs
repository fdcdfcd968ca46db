//! "Possibly the same person": links found at import (same email, same phone, or a
//! near-identical name and employer history, [`crate::identity`]), which the recruiter confirms
//! or splits. Each file keeps its own ID, analyses and feedback; a link only groups them.
//!
//! Finding them is bounded: the new resume's identity is compared only with the resumes that
//! share one of its index keys (its normalised email, its phone's tail, a word of its name;
//! at most [`tables::links::MAX_POSTINGS`] a key), in the import's own transaction.

use std::collections::{BTreeMap, BTreeSet};

use heed::RwTxn;
use serde::{Deserialize, Serialize};

use super::tables::links::{Link, LinkState};
use super::tables::{self, Dbs};
use super::Store;
use crate::error::{Error, Result};
use crate::id::ResumeId;
use crate::identity::{same_person, Identity, SameBy};

/// Another resume possibly of the same person.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct SamePerson {
    /// The other resume.
    pub resume_id: ResumeId,
    /// Why they were linked, strongest first (empty when the recruiter linked them by hand).
    pub reasons: Vec<SameBy>,
    /// Whether the recruiter confirmed it.
    pub confirmed: bool,
}

/// Records the identity of a resume being added and links it to every stored resume that may
/// be the same person's. Called inside the import's write transaction. Returns the links made.
pub(super) fn link_new(
    wtxn: &mut RwTxn<'_>,
    dbs: &Dbs,
    id: &ResumeId,
    identity: &Identity,
) -> Result<usize> {
    let candidates = tables::links::candidates(wtxn, dbs, identity, id)?;
    let mut made = 0;
    for other in candidates {
        // A pair the recruiter split (or already looked at) keeps its verdict.
        if tables::links::get(wtxn, dbs, id, &other)?.is_some() {
            continue;
        }
        let Some(theirs) = tables::links::identity(wtxn, dbs, &other)? else {
            continue;
        };
        let reasons = same_person(identity, &theirs);
        if reasons.is_empty() {
            continue;
        }
        let link = Link {
            reasons,
            state: LinkState::Suggested,
        };
        tables::links::put(wtxn, dbs, id, &other, &link)?;
        made += 1;
    }
    tables::links::put_identity(wtxn, dbs, id, identity)?;
    Ok(made)
}

fn two(store: &Store, a: &ResumeId, b: &ResumeId) -> Result<()> {
    if a == b {
        return Err(Error::invalid(
            "resume",
            "a resume cannot be linked to itself",
        ));
    }
    store.resume(a)?;
    store.resume(b)?;
    Ok(())
}

impl Store {
    /// The resumes possibly of the same person as `id` (split links left out), confirmed ones
    /// first, then by ID.
    pub fn same_person(&self, id: &ResumeId) -> Result<Vec<SamePerson>> {
        self.read(|rtxn, dbs| {
            tables::resumes::require(rtxn, dbs, id)?;
            let mut out: Vec<SamePerson> = tables::links::of_resume(rtxn, dbs, id)?
                .into_iter()
                .filter(|(_, link)| link.state != LinkState::Split)
                .map(|(other, link)| SamePerson {
                    resume_id: other,
                    reasons: link.reasons,
                    confirmed: link.state == LinkState::Confirmed,
                })
                .collect();
            out.sort_by(|a, b| {
                b.confirmed
                    .cmp(&a.confirmed)
                    .then_with(|| a.resume_id.cmp(&b.resume_id))
            });
            Ok(out)
        })
    }

    /// Confirms that `a` and `b` are the same person (linking them if import did not).
    pub fn link(&self, a: &ResumeId, b: &ResumeId) -> Result<()> {
        self.judge(a, b, LinkState::Confirmed)
    }

    /// Splits `a` and `b`: two people. The verdict is kept, so importing either again (or
    /// another copy) never links them again.
    pub fn unlink(&self, a: &ResumeId, b: &ResumeId) -> Result<()> {
        self.judge(a, b, LinkState::Split)
    }

    /// Records the recruiter's verdict on `a` and `b`, keeping why import linked them.
    fn judge(&self, a: &ResumeId, b: &ResumeId, state: LinkState) -> Result<()> {
        two(self, a, b)?;
        self.write(|wtxn, dbs| {
            let reasons = tables::links::get(wtxn, dbs, a, b)?
                .map(|l| l.reasons)
                .unwrap_or_default();
            tables::links::put(wtxn, dbs, a, b, &Link { reasons, state })
        })
    }

    /// Gives an identity to every resume stored before identities were recorded (those never
    /// linked) and links it as import would: the identity from its stored text, then the
    /// linker, all in one transaction. Idempotent (a resume with an identity is left as it
    /// is); run at open. Returns how many resumes were given one.
    pub fn backfill_identities(&self, today: time::Date) -> Result<usize> {
        let missing: Vec<ResumeId> = self.read(|rtxn, dbs| {
            let mut out = Vec::new();
            let keys = dbs.resumes.remap_data_type::<heed::types::DecodeIgnore>();
            for item in keys.iter(rtxn)? {
                let (id, ()) = item?;
                if tables::links::identity(rtxn, dbs, &id)?.is_none() {
                    out.push(id);
                }
            }
            Ok(out)
        })?;
        if missing.is_empty() {
            return Ok(0);
        }
        // Reading and parsing the texts happens before the write transaction.
        let mut found = Vec::with_capacity(missing.len());
        for id in missing {
            // A resume whose text is missing (a damaged store) stays without one.
            let Ok(text) = self.read_text_blob(&id) else {
                continue;
            };
            let profile = crate::profile::parse(&text, today);
            found.push((id, Identity::of(&profile.contact, &profile)));
        }
        self.write(|wtxn, dbs| {
            let mut given = 0;
            for (id, identity) in &found {
                // Erased, or given one since the read.
                if !tables::resumes::exists(wtxn, dbs, id)?
                    || tables::links::identity(wtxn, dbs, id)?.is_some()
                {
                    continue;
                }
                link_new(wtxn, dbs, id, identity)?;
                given += 1;
            }
            Ok(given)
        })
    }

    /// The groups of resumes possibly of one person (linked directly or through another,
    /// split links left out), each sorted, two resumes or more.
    pub fn person_groups(&self) -> Result<Vec<Vec<ResumeId>>> {
        self.read(|rtxn, dbs| person_groups(&tables::links::all(rtxn, dbs)?))
    }
}

/// A stored link and the reasons the identities give for it today.
type Revision = (ResumeId, ResumeId, Link, Vec<SameBy>);

/// The suggested links (never the confirmed or split ones, nor those made by hand) whose
/// reasons are not what the identities give today, each with today's reasons (empty: no
/// longer the same person). A read, so that the usual open writes nothing.
pub(super) fn stale_suggestions(rtxn: &heed::RoTxn<'_>, dbs: &Dbs) -> Result<Vec<Revision>> {
    let mut out = Vec::new();
    for (a, b, link) in tables::links::all(rtxn, dbs)? {
        if link.state != LinkState::Suggested || link.reasons.is_empty() {
            continue;
        }
        if let (Some(x), Some(y)) = (
            tables::links::identity(rtxn, dbs, &a)?,
            tables::links::identity(rtxn, dbs, &b)?,
        ) {
            let reasons = same_person(&x, &y);
            if reasons != link.reasons {
                out.push((a, b, link, reasons));
            }
        }
    }
    Ok(out)
}

/// Drops the suggested links that the identities no longer support, and updates the reasons
/// of the rest ([`stale_suggestions`]): a rule made stricter applies to what an earlier version
/// suggested. Returns how many were dropped.
pub(super) fn revise_suggestions(wtxn: &mut RwTxn<'_>, dbs: &Dbs) -> Result<usize> {
    let mut dropped = 0;
    for (a, b, link, reasons) in stale_suggestions(wtxn, dbs)? {
        if reasons.is_empty() {
            tables::links::delete(wtxn, dbs, &a, &b)?;
            dropped += 1;
        } else {
            tables::links::put(wtxn, dbs, &a, &b, &Link { reasons, ..link })?;
        }
    }
    Ok(dropped)
}

/// Connected components of the links that are not split.
pub(super) fn person_groups(links: &[(ResumeId, ResumeId, Link)]) -> Result<Vec<Vec<ResumeId>>> {
    let mut next: BTreeMap<&ResumeId, BTreeSet<&ResumeId>> = BTreeMap::new();
    for (a, b, link) in links {
        if link.state != LinkState::Split {
            next.entry(a).or_default().insert(b);
            next.entry(b).or_default().insert(a);
        }
    }
    let mut seen: BTreeSet<&ResumeId> = BTreeSet::new();
    let mut groups = Vec::new();
    for start in next.keys() {
        if !seen.insert(start) {
            continue;
        }
        let mut group = vec![(*start).clone()];
        let mut todo = vec![*start];
        while let Some(at) = todo.pop() {
            for n in next.get(at).into_iter().flatten() {
                if seen.insert(n) {
                    group.push((*n).clone());
                    todo.push(n);
                }
            }
        }
        group.sort();
        groups.push(group);
    }
    Ok(groups)
}
