//! Search of the whole library by meaning and by words.
//!
//! Two rankings of the stored resume passages are fused:
//! - by meaning ([`vector`]): the query's embedding against the passage vectors, through the
//!   arroy passage index ([`super::tables::passage_index`]) re-scored exactly, plus an exact
//!   scan of the passages not yet built into the index;
//! - by words ([`words`]): BM25 over the passages, accent-folded, with the library's IDF,
//!   from the inverted index ([`super::tables::word_index`]): the query terms' postings only.
//!
//! Each ranking ranks candidates by their best passage; the candidate's score is the
//! reciprocal rank fusion of both (`1/(60 + rank)`), the words' part weighted by the share of
//! the query's terms the candidate's best passage contains (a name or a rare skill spelled out
//! counts more than a word in passing). Each candidate comes with its best passages and the
//! spans of the query's words in them.
//!
//! One result per person: the files linked as possibly or surely one person's (not split,
//! [`super::links`]) give one hit, their best-scoring file's, which says how many other files
//! of that person the search could have shown ([`LibraryHit::other_versions`]).
//!
//! The index is kept up to date incrementally: every write of passages marks them "to index"
//! in its own transaction, an erasure takes them out; [`Store::index_passages`] builds what is
//! pending in one batch (after an import batch), and a search builds it first when much is
//! pending ([`LAZY_BUILD`]), else scans the remainder.

mod bench;
mod jobs;
mod vector;
mod words;

use std::collections::{HashMap, HashSet};

use serde::{Deserialize, Serialize};
use time::OffsetDateTime;

use super::tables::{self, passage_index};
use super::Store;
use crate::embed::Embedder;
use crate::error::{Error, Result};
use crate::id::{JobId, ResumeId};
use crate::profile::{Contact, Section};
use crate::workflow::Stage;

pub use jobs::{job_floor, UNRELATED_TEXTS};
pub use passage_index::IndexReport;
pub use vector::VectorMode;

/// A search first builds the pending passages into the index when at least this many wait
/// (about 60 resumes); fewer are scanned exactly, which is as fast.
pub const LAZY_BUILD: u64 = 2_000;
/// Reciprocal rank fusion's constant.
const RRF_K: f32 = 60.0;
/// The weight of the words' ranking for a candidate whose best passage has every query term.
const WORDS_WEIGHT: f32 = 1.5;
/// Passages shown per candidate.
const PASSAGES_SHOWN: usize = 3;
/// Characters shown of the resume's opening (the lead passage: its first 200 words as one
/// text, which for a resume of one flat paragraph is all of it).
const LEAD_SHOWN_CHARS: usize = 300;
/// Characters of context kept before the query's first word when the excerpt of the opening
/// starts further on.
const LEAD_CONTEXT_CHARS: usize = 80;

/// What to search among.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct LibraryFilters {
    /// Only candidates carrying this tag (compared without case or accents).
    #[serde(default)]
    pub tag: Option<String>,
    /// Only candidates analysed for this job (and, while it is blind, without their names).
    #[serde(default)]
    pub job: Option<JobId>,
    /// With `job`: only candidates at this stage of its pipeline.
    #[serde(default)]
    pub stage: Option<Stage>,
    /// Only resumes first imported at or after this time.
    #[serde(default, with = "time::serde::rfc3339::option")]
    #[cfg_attr(feature = "ts", ts(type = "string | null"))]
    pub imported_after: Option<OffsetDateTime>,
    /// Only resumes first imported before this time.
    #[serde(default, with = "time::serde::rfc3339::option")]
    #[cfg_attr(feature = "ts", ts(type = "string | null"))]
    pub imported_before: Option<OffsetDateTime>,
}

impl LibraryFilters {
    fn is_empty(&self) -> bool {
        self == &LibraryFilters::default()
    }
}

/// A span of a passage's text, in characters (Unicode scalar values), end excluded.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct Span {
    pub start: u32,
    pub end: u32,
}

/// A passage of a candidate's resume that matches the query.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct PassageHit {
    /// Its number among the resume's passages.
    pub index: u32,
    pub section: Section,
    pub text: String,
    /// Cosine similarity with the query (0 when found by its words only).
    pub similarity: f32,
    /// Where the query's words are in `text`.
    pub highlights: Vec<Span>,
}

/// A candidate found by a library search, with the passages that match.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct LibraryHit {
    pub resume_id: ResumeId,
    /// The candidate's name; `None` while withheld (a blind job) or not found.
    pub name: Option<String>,
    /// Where the query's words are in `name`.
    pub name_highlights: Vec<Span>,
    /// "Candidate 12" while the job filtered on is blind.
    pub blind_label: Option<String>,
    /// The file name (withheld while blind).
    pub file_name: Option<String>,
    #[serde(with = "time::serde::rfc3339")]
    #[cfg_attr(feature = "ts", ts(type = "string"))]
    pub first_seen: OffsetDateTime,
    pub tags: Vec<String>,
    /// The fused score (higher is better; only the order means something).
    pub score: f32,
    pub passages: Vec<PassageHit>,
    /// How many other files of this person (linked as possibly or surely the same person, not
    /// split) the filters let through; this hit is the person's best-scoring file.
    #[serde(default)]
    pub other_versions: u32,
}

/// A passage's place in both rankings.
#[derive(Default)]
struct Fused {
    similarity: f32,
    score: f32,
}

/// The resume's opening as a hit shows it: about [`LEAD_SHOWN_CHARS`] characters cut at a
/// word, from its start, or from a little before the query's first word when that lies
/// further on; "…" marks where it was cut.
fn lead_excerpt(text: &str, terms: &[String]) -> String {
    let chars: Vec<char> = text.chars().collect();
    if chars.len() <= LEAD_SHOWN_CHARS {
        return text.to_owned();
    }
    let at_space = |i: usize| chars.get(i).is_some_and(|c| c.is_whitespace());
    let first = words::highlights(text, terms)
        .first()
        .map(|&(start, _)| start);
    let mut start = match first {
        Some(s) if s + LEAD_CONTEXT_CHARS > LEAD_SHOWN_CHARS => {
            s.saturating_sub(LEAD_CONTEXT_CHARS)
        }
        _ => 0,
    };
    // Back to the start of the word it falls in.
    while start > 0 && !at_space(start - 1) {
        start -= 1;
    }
    let mut end = (start + LEAD_SHOWN_CHARS).min(chars.len());
    if end < chars.len() {
        // Back to the end of the last whole word (a single word longer than the excerpt is
        // cut inside it).
        let mut cut = end;
        while cut > start && !at_space(cut) {
            cut -= 1;
        }
        if cut > start {
            end = cut;
        }
    }
    let body: String = chars[start..end].iter().collect();
    let body = body.trim();
    format!(
        "{}{body}{}",
        if start > 0 { "…" } else { "" },
        if end < chars.len() { "…" } else { "" }
    )
}

fn spans(text: &str, terms: &[String]) -> Vec<Span> {
    words::highlights(text, terms)
        .into_iter()
        .map(|(start, end)| Span {
            start: start as u32,
            end: end as u32,
        })
        .collect()
}

impl Store {
    /// Builds the passages waiting for the vector index into it, in one write transaction
    /// (call it after an import batch; searches also do it when much is pending).
    pub fn index_passages(&self) -> Result<IndexReport> {
        self.write(passage_index::build)
    }

    /// Passages waiting to be added to the vector index, and items waiting to leave it.
    pub fn passage_index_pending(&self) -> Result<(u64, u64)> {
        self.read(passage_index::pending)
    }

    /// Clears the passage index (the next [`Store::index_passages`] builds it whole again:
    /// for benchmarks and repairs).
    pub fn rebuild_passage_index(&self) -> Result<IndexReport> {
        self.write(|wtxn, dbs| {
            passage_index::clear(wtxn, dbs)?;
            passage_index::build(wtxn, dbs)
        })
    }

    /// The `k` nearest passages of a query vector as (resume, passage number, similarity),
    /// best first (the benchmark compares the modes).
    pub fn nearest_passages(
        &self,
        query: &[f32],
        k: usize,
        mode: VectorMode,
    ) -> Result<Vec<(ResumeId, u32, f32)>> {
        self.read(|rtxn, dbs| {
            Ok(vector::nearest(rtxn, dbs, query, k, None, mode)?
                .into_iter()
                .map(|s| (s.resume, s.passage, s.similarity))
                .collect())
        })
    }

    /// Searches every stored resume by meaning and by words (see the module), returning up to
    /// `limit` candidates with their matching passages, best first.
    pub fn search_library(
        &self,
        embedder: &Embedder,
        query: &str,
        filters: &LibraryFilters,
        limit: usize,
    ) -> Result<Vec<LibraryHit>> {
        let query = query.trim();
        if query.is_empty() {
            return Err(Error::invalid("query", "must not be empty"));
        }
        // Punctuation alone ("?!", "--") has no word to match and no meaning to compare.
        if words::words(query).is_empty() {
            return Err(Error::invalid(
                "query",
                "type a word to search for (punctuation alone matches nothing)",
            ));
        }
        let query = self.without_contact_words(query, filters)?;
        let vector = embedder.embed_one(&query)?;
        self.build_if_due()?;
        self.search_by(Some(&query), &vector, filters, limit, None)
    }

    /// `query` without the words of any stored resume's name, email address, phone number or
    /// links, while the job filtered on is screened blind: the passages are stored and
    /// embedded with the names in them, so a search for "Denesik" put that candidate first
    /// and told which "Candidate N" she was. The words of every resume go, not only of this
    /// job's, so that what is left out does not say who is among its candidates.
    fn without_contact_words(&self, query: &str, filters: &LibraryFilters) -> Result<String> {
        let blind_job = match &filters.job {
            Some(job) => self.board(job)?.blind,
            None => false,
        };
        if !blind_job {
            return Ok(query.to_owned());
        }
        let mut contact_words: HashSet<String> = HashSet::new();
        for resume in self.resumes()? {
            let c = &resume.contact;
            let all = c
                .name
                .iter()
                .chain(&c.email)
                .chain(&c.phone)
                .chain(&c.links);
            for value in all {
                contact_words.extend(crate::text::words(value));
            }
        }
        let kept: Vec<&str> = query
            .split_whitespace()
            .filter(|token| {
                let words: Vec<String> = crate::text::words(token).collect();
                words.is_empty() || !words.iter().any(|w| contact_words.contains(w))
            })
            .collect();
        if words::words(&kept.join(" ")).is_empty() {
            return Err(Error::invalid(
                "query",
                "names and contact details are not searched while the job is screened blind: \
                 search by skills or experience",
            ));
        }
        Ok(kept.join(" "))
    }

    /// "People like this one": the candidates whose passages are nearest the mean of this
    /// resume's passage vectors (the resume itself and the other files of its person left
    /// out).
    pub fn search_like(
        &self,
        resume: &ResumeId,
        filters: &LibraryFilters,
        limit: usize,
    ) -> Result<Vec<LibraryHit>> {
        let vector = self.read(|rtxn, dbs| {
            tables::resumes::require(rtxn, dbs, resume)?;
            vector::mean_vector(rtxn, dbs, resume)
        })?;
        self.build_if_due()?;
        self.search_by(None, &vector, filters, limit, Some(resume))
    }

    fn build_if_due(&self) -> Result<()> {
        let (add, _) = self.passage_index_pending()?;
        if add >= LAZY_BUILD {
            let report = self.index_passages()?;
            tracing::info!(
                added = report.added,
                deleted = report.deleted,
                "passage index built before a search"
            );
        }
        Ok(())
    }

    fn search_by(
        &self,
        query: Option<&str>,
        vector: &[f32],
        filters: &LibraryFilters,
        limit: usize,
        exclude: Option<&ResumeId>,
    ) -> Result<Vec<LibraryHit>> {
        let limit = limit.clamp(1, 500);
        let depth = (limit * 10).max(50);
        let terms = query.map(words::query_terms).unwrap_or_default();
        let blind = self.blind_view(filters)?;
        self.read(|rtxn, dbs| {
            let allowed = self.allowed(rtxn, dbs, filters)?;
            let semantic = vector::nearest(
                rtxn,
                dbs,
                vector,
                depth + usize::from(exclude.is_some()) * 64,
                allowed.as_ref(),
                VectorMode::Index,
            )?;
            let mut lexical = words::search(rtxn, dbs, &terms, depth, allowed.as_ref())?;
            // A withheld name is not searchable either.
            lexical.retain(|h| !(h.passage == words::NAME && blind.contains_key(&h.resume)));

            // Passage scores (for the passages shown) and candidate scores (for the order).
            let mut passages: HashMap<(ResumeId, u32), Fused> = HashMap::new();
            let mut candidates: HashMap<ResumeId, f32> = HashMap::new();
            let mut ranked: HashSet<ResumeId> = HashSet::new();
            for (rank, s) in semantic.iter().enumerate() {
                let p = passages.entry((s.resume.clone(), s.passage)).or_default();
                p.similarity = s.similarity;
                p.score += 1.0 / (RRF_K + rank as f32 + 1.0);
                if ranked.insert(s.resume.clone()) {
                    let r = ranked.len() as f32;
                    *candidates.entry(s.resume.clone()).or_default() += 1.0 / (RRF_K + r);
                }
            }
            ranked.clear();
            for (rank, h) in lexical.iter().enumerate() {
                let w = WORDS_WEIGHT * h.coverage;
                let p = passages.entry((h.resume.clone(), h.passage)).or_default();
                p.score += w / (RRF_K + rank as f32 + 1.0);
                if ranked.insert(h.resume.clone()) {
                    let r = ranked.len() as f32;
                    *candidates.entry(h.resume.clone()).or_default() += w / (RRF_K + r);
                }
            }
            // Each grouped file's person (an index into `groups`).
            let groups = super::links::person_groups(&tables::links::all(rtxn, dbs)?)?;
            let person: HashMap<&ResumeId, usize> = groups
                .iter()
                .enumerate()
                .flat_map(|(g, files)| files.iter().map(move |id| (id, g)))
                .collect();
            if let Some(me) = exclude {
                candidates.remove(me);
                if let Some(&g) = person.get(me) {
                    for id in &groups[g] {
                        candidates.remove(id);
                    }
                }
            }
            let mut order: Vec<(ResumeId, f32)> = candidates.into_iter().collect();
            order.sort_by(|a, b| b.1.total_cmp(&a.1).then_with(|| a.0.cmp(&b.0)));
            // A person's best-scoring file stands for them.
            let mut seen_people: HashSet<usize> = HashSet::new();
            let mut order: Vec<(ResumeId, f32, u32)> = order
                .into_iter()
                .filter_map(|(id, score)| match person.get(&id) {
                    None => Some((id, score, 0)),
                    Some(&g) if seen_people.insert(g) => {
                        let others = groups[g]
                            .iter()
                            .filter(|o| **o != id)
                            .filter(|o| allowed.as_ref().is_none_or(|a| a.contains(*o)))
                            .count();
                        Some((id, score, others as u32))
                    }
                    Some(_) => None,
                })
                .collect();
            order.truncate(limit);

            let mut hits = Vec::with_capacity(order.len());
            for (resume_id, score, other_versions) in order {
                let Some(resume) = tables::resumes::get(rtxn, dbs, &resume_id)? else {
                    continue;
                };
                let stored = tables::passages::get(rtxn, dbs, &resume_id)?.unwrap_or_default();
                let mut mine: Vec<(u32, &Fused)> = passages
                    .iter()
                    .filter(|((r, _), _)| *r == resume_id)
                    .map(|((_, i), f)| (*i, f))
                    .collect();
                mine.sort_by(|a, b| b.1.score.total_cmp(&a.1.score).then(a.0.cmp(&b.0)));
                let withheld = blind.get(&resume_id);
                let mut shown = Vec::new();
                for (i, f) in mine {
                    if shown.len() == PASSAGES_SHOWN {
                        break;
                    }
                    let Some(p) = stored.get(i as usize) else {
                        continue;
                    };
                    let text = match withheld {
                        Some((_, contact)) => crate::workflow::blind::text(&p.text, contact),
                        None => p.text.clone(),
                    };
                    let text = if p.section == Section::Lead {
                        lead_excerpt(&text, &terms)
                    } else {
                        text
                    };
                    // The same words stored twice (a line of the opening that is also a
                    // section's) are shown once.
                    if shown.iter().any(|s: &PassageHit| s.text == text) {
                        continue;
                    }
                    let highlights = spans(&text, &terms);
                    shown.push(PassageHit {
                        index: i,
                        section: p.section,
                        text,
                        similarity: f.similarity,
                        highlights,
                    });
                }
                let tags = tables::workflow::tags(rtxn, dbs, &resume_id)?;
                let name = match withheld {
                    Some(_) => None,
                    None => resume.contact.name.clone(),
                };
                hits.push(LibraryHit {
                    name_highlights: name
                        .as_deref()
                        .map(|n| spans(n, &terms))
                        .unwrap_or_default(),
                    name,
                    blind_label: withheld.map(|(n, _)| crate::workflow::blind::label(*n)),
                    file_name: withheld.is_none().then(|| resume.file_name().to_owned()),
                    first_seen: resume.first_seen,
                    resume_id,
                    tags,
                    score,
                    passages: shown,
                    other_versions,
                });
            }
            Ok(hits)
        })
    }

    /// The resumes the filters let through; `None` without filters.
    fn allowed(
        &self,
        rtxn: &heed::RoTxn<'_>,
        dbs: &tables::Dbs,
        filters: &LibraryFilters,
    ) -> Result<Option<HashSet<ResumeId>>> {
        if filters.is_empty() {
            return Ok(None);
        }
        if filters.stage.is_some() && filters.job.is_none() {
            return Err(Error::invalid("stage", "filtering by stage needs a job"));
        }
        let mut set: Option<HashSet<ResumeId>> = None;
        let mut narrow = |ids: HashSet<ResumeId>| {
            set = Some(match set.take() {
                Some(s) => s.intersection(&ids).cloned().collect(),
                None => ids,
            });
        };
        if let Some(tag) = &filters.tag {
            let key = crate::workflow::pipeline::tag_key(
                &tag.split_whitespace().collect::<Vec<_>>().join(" "),
            );
            narrow(
                tables::workflow::all_tags(rtxn, dbs)?
                    .into_iter()
                    .filter(|(_, tags)| {
                        tags.iter()
                            .any(|t| crate::workflow::pipeline::tag_key(t) == key)
                    })
                    .map(|(id, _)| id)
                    .collect(),
            );
        }
        if let Some(job) = &filters.job {
            tables::jobs::require(rtxn, dbs, job)?;
            let stages: HashMap<ResumeId, Stage> =
                tables::workflow::pipelines_of_job(rtxn, dbs, job)?
                    .into_iter()
                    .map(|(id, p)| (id, p.stage))
                    .collect();
            let mut ids = HashSet::new();
            tables::analyses::each_row(rtxn, dbs, job, |row| {
                let stage = stages.get(&row.resume_id).copied().unwrap_or_default();
                if filters.stage.is_none_or(|s| s == stage) {
                    ids.insert(row.resume_id);
                }
                Ok(true)
            })?;
            narrow(ids);
        }
        if filters.imported_after.is_some() || filters.imported_before.is_some() {
            narrow(
                tables::resumes::all(rtxn, dbs)?
                    .into_iter()
                    .filter(|r| filters.imported_after.is_none_or(|t| r.first_seen >= t))
                    .filter(|r| filters.imported_before.is_none_or(|t| r.first_seen < t))
                    .map(|r| r.id)
                    .collect(),
            );
        }
        Ok(set)
    }

    /// For a blind job filtered on: each unrevealed candidate's number and contact (whose
    /// details are withheld from the passages).
    fn blind_view(&self, filters: &LibraryFilters) -> Result<HashMap<ResumeId, (u32, Contact)>> {
        let mut out = HashMap::new();
        let Some(job) = &filters.job else {
            return Ok(out);
        };
        let board = self.board(job)?;
        if !board.blind {
            return Ok(out);
        }
        for e in board.entries.into_iter().filter(|e| !e.revealed) {
            let contact = self.resume(&e.resume_id)?.contact;
            out.insert(e.resume_id, (e.number, contact));
        }
        Ok(out)
    }
}
