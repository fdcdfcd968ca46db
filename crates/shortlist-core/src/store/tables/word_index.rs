//! The inverted index of the words half of library search, kept in the transactions that
//! write and delete passages ([`super::passages`]), so it always agrees with them:
//!
//! - `word-postings`: `<term> 0x00 <resume id>` → the resume's postings of the term: for each
//!   of its documents (passages, and its name as [`NAME`]) holding the term, 12 bytes
//!   little-endian: document number, term frequency, document length in words. One entry per
//!   (term, resume), so a term's postings are one prefix range, in resume order.
//! - `word-docs`: resume → [`WordDoc`]: its document count, their total length and its
//!   distinct terms (what an erasure deletes).
//! - `meta` `word_docs` / `word_len`: the library's document count and total length (BM25's
//!   average length), kept exactly.
//!
//! Terms are the accent-folded words of [`crate::store::search`]'s tokenizer, stopwords left
//! out (a query never searches for them); lengths count every word, as BM25's do.

use std::collections::BTreeMap;

use heed::types::Bytes;
use heed::{RoTxn, RwTxn};
use serde::{Deserialize, Serialize};

use super::{damaged, Dbs};
use crate::analysis::Passage;
use crate::error::Result;
use crate::id::ResumeId;
use crate::text;

/// The document number that stands for the candidate's name (stored apart from the
/// passages: the header lines are not evidence).
pub(crate) const NAME: u32 = u32::MAX;
/// Bytes of one posting.
pub(crate) const POSTING: usize = 12;
const DOCS: &str = "word_docs";
const LEN: &str = "word_len";

/// A resume's part of the index.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub(crate) struct WordDoc {
    /// Documents: passages, plus one for a name.
    pub docs: u32,
    /// Words in them, stopwords included.
    pub len: u64,
    /// Its distinct indexed terms.
    pub terms: Vec<String>,
}

/// A word of a text: its folded form and its place, in characters (Unicode scalar values).
pub(crate) struct Word {
    pub folded: String,
    pub start: usize,
    pub end: usize,
}

/// The words of `text`, folded, with their character spans: the one tokenizer of the
/// index, the scan and the query.
pub(crate) fn words(text: &str) -> Vec<Word> {
    let mut out = Vec::new();
    let mut current = String::new();
    let mut start = 0;
    let mut n = 0;
    for (i, c) in text.chars().enumerate() {
        n = i + 1;
        if text::is_word_char(c) {
            if current.is_empty() {
                start = i;
            }
            current.push(c);
        } else if !current.is_empty() {
            out.push(Word {
                folded: text::fold(&current),
                start,
                end: i,
            });
            current.clear();
        }
    }
    if !current.is_empty() {
        out.push(Word {
            folded: text::fold(&current),
            start,
            end: n,
        });
    }
    out
}

/// Whether a folded word is indexed (a query term can be it).
pub(crate) fn indexed(term: &str) -> bool {
    !text::STOPWORDS.contains(&term)
}

/// The key prefix of a term's postings.
pub(crate) fn prefix(term: &str) -> Vec<u8> {
    let mut k = Vec::with_capacity(term.len() + 1 + 19);
    k.extend_from_slice(term.as_bytes());
    k.push(0);
    k
}

fn key(term: &str, resume: &ResumeId) -> Vec<u8> {
    let mut k = prefix(term);
    k.extend_from_slice(resume.as_str().as_bytes());
    k
}

/// The (document, term frequency, length) postings of a value.
pub(crate) fn postings(value: &[u8]) -> impl Iterator<Item = (u32, u32, u32)> + '_ {
    value.chunks_exact(POSTING).map(|c| {
        let n = |i: usize| u32::from_le_bytes([c[i], c[i + 1], c[i + 2], c[i + 3]]);
        (n(0), n(4), n(8))
    })
}

/// The library's document count and total length.
pub(crate) fn totals(rtxn: &RoTxn<'_>, dbs: &Dbs) -> Result<(u64, u64)> {
    let get = |k: &str| -> Result<u64> {
        Ok(dbs
            .meta
            .get(rtxn, k)
            .map_err(damaged("meta"))?
            .and_then(|v| v.as_u64())
            .unwrap_or(0))
    };
    Ok((get(DOCS)?, get(LEN)?))
}

fn add_totals(wtxn: &mut RwTxn<'_>, dbs: &Dbs, docs: i64, len: i64) -> Result<()> {
    let (d, l) = totals(wtxn, dbs)?;
    let d = (d as i64 + docs).max(0) as u64;
    let l = (l as i64 + len).max(0) as u64;
    dbs.meta.put(wtxn, DOCS, &serde_json::Value::from(d))?;
    dbs.meta.put(wtxn, LEN, &serde_json::Value::from(l))?;
    Ok(())
}

/// A resume's part of the index, if it has one.
pub(crate) fn doc(rtxn: &RoTxn<'_>, dbs: &Dbs, resume: &ResumeId) -> Result<Option<WordDoc>> {
    dbs.word_docs
        .get(rtxn, resume)
        .map_err(damaged("word index"))
}

/// Indexes a resume's (new or replaced) passages and its stored name, in the transaction
/// that writes them (the resume's record, when there is one, is written first).
pub(crate) fn put(
    wtxn: &mut RwTxn<'_>,
    dbs: &Dbs,
    resume: &ResumeId,
    passages: &[Passage],
) -> Result<()> {
    remove(wtxn, dbs, resume)?;
    let name = super::resumes::get(wtxn, dbs, resume)?.and_then(|r| r.contact.name);
    let docs = passages
        .iter()
        .enumerate()
        .map(|(i, p)| (i as u32, p.text.as_str()))
        .chain(name.as_deref().map(|n| (NAME, n)));
    let mut doc = WordDoc::default();
    let mut by_term: BTreeMap<String, Vec<u8>> = BTreeMap::new();
    for (i, text) in docs {
        let ws = words(text);
        let len = ws.len() as u32;
        doc.docs += 1;
        doc.len += u64::from(len);
        let mut tf: BTreeMap<&str, u32> = BTreeMap::new();
        for w in ws.iter().filter(|w| indexed(&w.folded)) {
            *tf.entry(w.folded.as_str()).or_default() += 1;
        }
        for (term, f) in tf {
            let v = by_term.entry(term.to_owned()).or_default();
            v.extend_from_slice(&i.to_le_bytes());
            v.extend_from_slice(&f.to_le_bytes());
            v.extend_from_slice(&len.to_le_bytes());
        }
    }
    let raw = dbs.word_postings;
    for (term, value) in &by_term {
        raw.put(wtxn, &key(term, resume), value)?;
    }
    doc.terms = by_term.into_keys().collect();
    add_totals(wtxn, dbs, i64::from(doc.docs), doc.len as i64)?;
    dbs.word_docs.put(wtxn, resume, &doc)?;
    Ok(())
}

/// Takes a resume's postings and totals out of the index (an erasure, or a replacement).
pub(crate) fn remove(wtxn: &mut RwTxn<'_>, dbs: &Dbs, resume: &ResumeId) -> Result<()> {
    let Some(old) = doc(wtxn, dbs, resume)? else {
        return Ok(());
    };
    for term in &old.terms {
        dbs.word_postings.delete(wtxn, &key(term, resume))?;
    }
    add_totals(wtxn, dbs, -i64::from(old.docs), -(old.len as i64))?;
    dbs.word_docs.delete(wtxn, resume)?;
    Ok(())
}

/// Indexes every resume whose passages were stored before this index existed (a store of an
/// earlier version), in the caller's transaction. Cheap when there is none: two counts
/// compared; idempotent.
pub(crate) fn backfill(wtxn: &mut RwTxn<'_>, dbs: &Dbs) -> Result<usize> {
    if dbs.word_docs.len(wtxn)? >= dbs.passages.len(wtxn)? {
        return Ok(0);
    }
    let mut missing = Vec::new();
    for item in dbs.passages.remap_data_type::<Bytes>().iter(wtxn)? {
        let (id, _) = item.map_err(damaged("resume passages"))?;
        missing.push(id);
    }
    let mut done = 0;
    for id in missing {
        if doc(wtxn, dbs, &id)?.is_none() {
            let passages = super::passages::get(wtxn, dbs, &id)?.unwrap_or_default();
            put(wtxn, dbs, &id, &passages)?;
            done += 1;
        }
    }
    Ok(done)
}
