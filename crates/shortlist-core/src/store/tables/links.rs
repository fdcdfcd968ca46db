//! The same-person tables: each resume's [`Identity`], an index of its normalised keys, and
//! the "possibly the same person" links between resumes.
//!
//! | database        | key                                   | value           |
//! |-----------------|---------------------------------------|-----------------|
//! | `identities`    | `<resume id>`                         | [`Identity`]    |
//! | `identity-keys` | `e:<email>\|<id>`, `p:<phone tail>\|<id>`, `n:<name word>\|<id>` | — |
//! | `links`         | `<resume id>/<other resume id>`       | [`Link`]        |
//!
//! A link is stored under both orders (so each end lists its links with one prefix scan) and
//! the two copies are always equal. A split link stays, as [`LinkState::Split`], so that the
//! pair is never suggested again. Nothing is merged: each resume keeps its own records. A
//! resume erased for good takes its identity, its keys and its links with it
//! ([`delete_of_resume`]).

use std::collections::BTreeSet;

use heed::types::DecodeIgnore;
use heed::{RoTxn, RwTxn};
use serde::{Deserialize, Serialize};

use super::{damaged, Dbs};
use crate::error::Result;
use crate::id::ResumeId;
use crate::identity::{Identity, SameBy};

/// Most postings read under one key when looking for candidates (a very common name word
/// must not make an import scan the whole library).
pub(crate) const MAX_POSTINGS: usize = 2000;
/// Digits of a phone number indexed: its tail, so that a number written with and without its
/// country code meet ([`crate::identity::phones_match`] then decides).
const PHONE_TAIL: usize = 9;

/// Where a link stands.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub(crate) enum LinkState {
    /// Found at import; not yet looked at.
    Suggested,
    /// The recruiter said: the same person.
    Confirmed,
    /// The recruiter said: two people. Kept so the pair is never suggested again.
    Split,
}

/// A link between two resumes.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub(crate) struct Link {
    /// Why they were linked (empty when the recruiter linked them by hand).
    pub reasons: Vec<SameBy>,
    pub state: LinkState,
}

fn link_key(a: &ResumeId, b: &ResumeId) -> String {
    format!("{a}/{b}")
}

/// The index keys of an identity, without the resume ID.
fn index_keys(identity: &Identity) -> BTreeSet<String> {
    let mut keys = BTreeSet::new();
    if let Some(email) = &identity.email {
        keys.insert(format!("e:{email}|"));
    }
    if let Some(phone) = &identity.phone {
        let tail = &phone[phone.len().saturating_sub(PHONE_TAIL)..];
        keys.insert(format!("p:{tail}|"));
    }
    // A name links only with two words or more (see identity::names_match).
    if identity.name.len() >= 2 {
        for word in &identity.name {
            keys.insert(format!("n:{word}|"));
        }
    }
    keys
}

pub(crate) fn identity(rtxn: &RoTxn<'_>, dbs: &Dbs, id: &ResumeId) -> Result<Option<Identity>> {
    dbs.identities.get(rtxn, id).map_err(damaged("identity"))
}

/// Stores a resume's identity and its index keys.
pub(crate) fn put_identity(
    wtxn: &mut RwTxn<'_>,
    dbs: &Dbs,
    id: &ResumeId,
    identity: &Identity,
) -> Result<()> {
    dbs.identities
        .put(wtxn, id, identity)
        .map_err(damaged("identity"))?;
    for key in index_keys(identity) {
        dbs.identity_keys.put(wtxn, &format!("{key}{id}"), &())?;
    }
    Ok(())
}

/// The stored resumes sharing an index key with `identity` (at most [`MAX_POSTINGS`] per
/// key), without `except`.
pub(crate) fn candidates(
    rtxn: &RoTxn<'_>,
    dbs: &Dbs,
    identity: &Identity,
    except: &ResumeId,
) -> Result<BTreeSet<ResumeId>> {
    let keys = dbs.identity_keys.remap_data_type::<DecodeIgnore>();
    let mut out = BTreeSet::new();
    for prefix in index_keys(identity) {
        for item in keys.prefix_iter(rtxn, &prefix)?.take(MAX_POSTINGS) {
            let (key, ()) = item.map_err(damaged("identity key"))?;
            let Some(id) = key
                .strip_prefix(prefix.as_str())
                .and_then(|id| ResumeId::parse(id).ok())
            else {
                continue;
            };
            if &id != except {
                out.insert(id);
            }
        }
    }
    Ok(out)
}

pub(crate) fn get(rtxn: &RoTxn<'_>, dbs: &Dbs, a: &ResumeId, b: &ResumeId) -> Result<Option<Link>> {
    dbs.links
        .get(rtxn, &link_key(a, b))
        .map_err(damaged("link"))
}

/// Writes the link under both orders.
pub(crate) fn put(
    wtxn: &mut RwTxn<'_>,
    dbs: &Dbs,
    a: &ResumeId,
    b: &ResumeId,
    link: &Link,
) -> Result<()> {
    dbs.links
        .put(wtxn, &link_key(a, b), link)
        .map_err(damaged("link"))?;
    dbs.links
        .put(wtxn, &link_key(b, a), link)
        .map_err(damaged("link"))
}

/// Removes the link of `a` and `b` (both copies).
pub(crate) fn delete(wtxn: &mut RwTxn<'_>, dbs: &Dbs, a: &ResumeId, b: &ResumeId) -> Result<()> {
    dbs.links.delete(wtxn, &link_key(a, b))?;
    dbs.links.delete(wtxn, &link_key(b, a))?;
    Ok(())
}

/// Every link of `id`, split ones included, by the other resume's ID.
pub(crate) fn of_resume(
    rtxn: &RoTxn<'_>,
    dbs: &Dbs,
    id: &ResumeId,
) -> Result<Vec<(ResumeId, Link)>> {
    let prefix = format!("{id}/");
    let mut out = Vec::new();
    for item in dbs.links.prefix_iter(rtxn, &prefix)? {
        let (key, link) = item.map_err(damaged("link"))?;
        let other = key
            .strip_prefix(prefix.as_str())
            .and_then(|o| ResumeId::parse(o).ok())
            .ok_or_else(|| crate::error::Error::Corrupt {
                kind: "link",
                reason: "its key does not decode".into(),
            })?;
        out.push((other, link));
    }
    Ok(out)
}

/// Every link, each pair once (`a < b`).
pub(crate) fn all(rtxn: &RoTxn<'_>, dbs: &Dbs) -> Result<Vec<(ResumeId, ResumeId, Link)>> {
    let mut out = Vec::new();
    for item in dbs.links.iter(rtxn)? {
        let (key, link) = item.map_err(damaged("link"))?;
        let Some((a, b)) = key.split_once('/') else {
            continue;
        };
        if a < b {
            if let (Ok(a), Ok(b)) = (ResumeId::parse(a), ResumeId::parse(b)) {
                out.push((a, b, link));
            }
        }
    }
    Ok(out)
}

/// Removes a resume's identity, its index keys and every link of it (both copies). Returns
/// the links removed.
pub(crate) fn delete_of_resume(wtxn: &mut RwTxn<'_>, dbs: &Dbs, id: &ResumeId) -> Result<usize> {
    if let Some(identity) = identity(wtxn, dbs, id)? {
        for key in index_keys(&identity) {
            dbs.identity_keys.delete(wtxn, &format!("{key}{id}"))?;
        }
    }
    dbs.identities.delete(wtxn, id)?;
    let links = of_resume(wtxn, dbs, id)?;
    for (other, _) in &links {
        dbs.links.delete(wtxn, &link_key(id, other))?;
        dbs.links.delete(wtxn, &link_key(other, id))?;
    }
    Ok(links.len())
}

/// Every identity and link decodes; each link has its mirror, equal, between two stored
/// resumes; each index key names a stored identity.
pub(crate) fn check(rtxn: &RoTxn<'_>, dbs: &Dbs) -> std::result::Result<(), &'static str> {
    let resume_exists =
        |id: &ResumeId| super::resumes::exists(rtxn, dbs, id).is_ok_and(|exists| exists);
    for item in dbs.identities.iter(rtxn).map_err(|_| "identity")? {
        let (id, _) = item.map_err(|_| "identity")?;
        if !resume_exists(&id) {
            return Err("identity");
        }
    }
    let keys = dbs.identity_keys.remap_data_type::<DecodeIgnore>();
    for item in keys.iter(rtxn).map_err(|_| "identity key")? {
        let (key, ()) = item.map_err(|_| "identity key")?;
        let id = key
            .rsplit_once('|')
            .and_then(|(_, id)| ResumeId::parse(id).ok())
            .ok_or("identity key")?;
        if !matches!(identity(rtxn, dbs, &id), Ok(Some(_))) {
            return Err("identity key");
        }
    }
    for item in dbs.links.iter(rtxn).map_err(|_| "link")? {
        let (key, link) = item.map_err(|_| "link")?;
        let (a, b) = key
            .split_once('/')
            .and_then(|(a, b)| Some((ResumeId::parse(a).ok()?, ResumeId::parse(b).ok()?)))
            .ok_or("link")?;
        if a == b || !resume_exists(&a) || !resume_exists(&b) {
            return Err("link");
        }
        if !matches!(get(rtxn, dbs, &b, &a), Ok(Some(mirror)) if mirror == link) {
            return Err("link");
        }
    }
    Ok(())
}
