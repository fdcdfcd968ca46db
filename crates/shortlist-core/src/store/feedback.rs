//! Feedback records and their vector index.
//!
//! Each record's embedding (question + answer) is stored twice in the same transaction as the
//! record: as plain bytes (`feedback-vectors`, for exact search and reindexing) and in an
//! arroy index (`feedback-index`, approximate search that needs no memory beyond the map).
//! Below [`EXACT_SEARCH_LIMIT`] vectors, search is an exact scan (recall 1.0); above it, an
//! in-memory int8 copy is scanned and the best candidates re-scored exactly (`quantized.rs`);
//! arroy stays available as [`SearchMode::Approximate`].

use std::num::NonZeroUsize;

use arroy::distances::Cosine;
use heed::{RoTxn, RwTxn};
use rand::SeedableRng;
use serde::{Deserialize, Serialize};
use time::OffsetDateTime;

use super::analyses::{
    decode as decode_analysis, get_analysis, get_passage_vectors, save_analysis,
};
use super::{jobs::get_job, meta_key, quantized, Dbs, Store};
use crate::embed::{self, Embedder};
use crate::error::{Error, Result};
use crate::feedback::{
    csv_row, training_line, ExportContext, Feedback, FeedbackDraft, FeedbackStats, CSV_HEADER,
};
use crate::id::{AnalysisId, FeedbackId, JobId};
use crate::lexicon::Lexicon;
use crate::qa::{self, Answer};

/// Up to this many vectors, search scans them all (recall 1.0); above, the int8 scan with
/// exact re-scoring. Measured with `shortlist bench search` on the CI machine kind (2 cores,
/// release build, 200 queries):
///
/// | vectors | exact p50 | arroy p50 (30× oversampling), recall@10 | int8 + re-score p50, recall@10 |
/// |---------|-----------|------------------------------------------|--------------------------------|
/// | 10k     | 3.4 ms    | 6.6 ms, 1.000                            | 0.97 ms, 1.000                 |
/// | 100k    | 36.3 ms   | 12.9 ms, 0.997                           | 4.6 ms, 1.000                  |
///
/// Below a few thousand vectors the scan costs about as much as building the int8 copy.
pub const EXACT_SEARCH_LIMIT: usize = 5_000;
/// arroy examines this many times the asked-for neighbours; chosen for recall@10 ≥ 0.99
/// against exact at 100k vectors (10× gave 0.983, 30× 0.997).
const ANN_OVERSAMPLING: usize = 30;
/// The arroy index number of the feedback vectors.
const FEEDBACK_INDEX: u16 = 0;

/// How to search.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SearchMode {
    /// Exact below [`EXACT_SEARCH_LIMIT`], the int8 scan with exact re-scoring above.
    Auto,
    /// Always scan every vector.
    Exact,
    /// Always use the arroy index.
    Approximate,
    /// Scan an in-memory int8 copy, re-score the best candidates exactly.
    Quantized,
}

/// Candidates the int8 scan passes to exact re-scoring, per neighbour asked for (at least
/// [`RESCORE_MIN`]).
const RESCORE_PER_RESULT: usize = 10;
const RESCORE_MIN: usize = 100;

/// A feedback record similar to a query.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, ts_rs::TS)]
pub struct FeedbackHit {
    /// The record.
    pub feedback: Feedback,
    /// Cosine similarity with the query.
    pub similarity: f32,
}

fn encode_feedback(f: &Feedback) -> Result<Vec<u8>> {
    serde_json::to_vec(f).map_err(|e| Error::Corrupt {
        kind: "feedback",
        reason: e.to_string(),
    })
}

fn decode_feedback(bytes: &[u8]) -> Result<Feedback> {
    serde_json::from_slice(bytes).map_err(|e| Error::Corrupt {
        kind: "feedback",
        reason: e.to_string(),
    })
}

fn get_feedback(rtxn: &RoTxn<'_>, dbs: &Dbs, id: &FeedbackId) -> Result<Feedback> {
    match dbs.feedback.get(rtxn, id.as_str())? {
        Some(bytes) => decode_feedback(bytes),
        None => Err(Error::NotFound {
            kind: "feedback",
            id: id.to_string(),
        }),
    }
}

pub(super) fn arroy_err(e: arroy::Error) -> Error {
    match e {
        arroy::Error::Heed(h) => Error::Database(h),
        other => Error::Corrupt {
            kind: "vector index",
            reason: other.to_string(),
        },
    }
}

/// Stores a vector for `id` in the plain table and the arroy index (not yet built).
fn put_vector(wtxn: &mut RwTxn<'_>, dbs: &Dbs, id: &FeedbackId, vector: &[f32]) -> Result<()> {
    let item = match dbs.feedback_items.get(wtxn, id.as_str())? {
        Some(item) => item,
        None => {
            let next = dbs
                .meta
                .get(wtxn, meta_key::NEXT_FEEDBACK_ITEM)?
                .and_then(|v| v.as_u64())
                .unwrap_or(0);
            let item = u32::try_from(next).map_err(|_| Error::Corrupt {
                kind: "vector index",
                reason: "item IDs exhausted; run reindex".into(),
            })?;
            dbs.meta.put(
                wtxn,
                meta_key::NEXT_FEEDBACK_ITEM,
                &serde_json::Value::from(u64::from(item) + 1),
            )?;
            dbs.feedback_items.put(wtxn, id.as_str(), &item)?;
            dbs.feedback_by_item.put(wtxn, &item, id.as_str())?;
            item
        }
    };
    dbs.feedback_vectors
        .put(wtxn, id.as_str(), &embed::to_bytes(vector))?;
    index_writer(dbs)
        .add_item(wtxn, item, vector)
        .map_err(arroy_err)
}

/// The writer of the feedback vector index.
pub(super) fn index_writer(dbs: &Dbs) -> arroy::Writer<Cosine> {
    arroy::Writer::<Cosine>::new(dbs.feedback_index, FEEDBACK_INDEX, embed::DIM)
}

/// Higher similarity first; ties by ID, so results are reproducible.
fn best_first(a: &(f32, &str), b: &(f32, &str)) -> std::cmp::Ordering {
    b.0.total_cmp(&a.0).then_with(|| a.1.cmp(b.1))
}

/// The first `limit` records of `scored` (best first) that `keep` accepts.
fn best_hits(
    rtxn: &RoTxn<'_>,
    dbs: &Dbs,
    scored: Vec<(f32, &str)>,
    keep: &dyn Fn(&Feedback) -> bool,
    limit: usize,
) -> Result<Vec<FeedbackHit>> {
    let mut hits = Vec::new();
    for (similarity, id) in scored {
        let f = get_feedback(rtxn, dbs, &FeedbackId::parse(id)?)?;
        if keep(&f) {
            hits.push(FeedbackHit {
                feedback: f,
                similarity,
            });
            if hits.len() == limit {
                break;
            }
        }
    }
    Ok(hits)
}

/// The version of the feedback vectors (see [`build_index`]).
fn vectors_version(rtxn: &RoTxn<'_>, dbs: &Dbs) -> Result<u64> {
    Ok(dbs
        .meta
        .get(rtxn, meta_key::FEEDBACK_VERSION)?
        .and_then(|v| v.as_u64())
        .unwrap_or(0))
}

/// Rebuilds the arroy index after feedback vectors changed, and bumps their version. Every
/// write of feedback vectors ends with this call, in the same transaction.
pub(super) fn build_index(wtxn: &mut RwTxn<'_>, dbs: &Dbs) -> Result<()> {
    let version = vectors_version(wtxn, dbs)? + 1;
    dbs.meta.put(
        wtxn,
        meta_key::FEEDBACK_VERSION,
        &serde_json::Value::from(version),
    )?;
    // A fixed seed keeps the index, and so approximate results, reproducible.
    let mut rng = rand::rngs::StdRng::seed_from_u64(0x5107_1157);
    let writer = index_writer(dbs);
    let built = writer.builder(&mut rng).build(wtxn).map_err(arroy_err);
    built
}

impl Store {
    /// The int8 copy of the feedback vectors as of `rtxn`, built (and kept) if out of date.
    fn quantized_vectors(
        &self,
        rtxn: &RoTxn<'_>,
        dbs: &Dbs,
    ) -> Result<std::sync::Arc<quantized::Quantized>> {
        let version = vectors_version(rtxn, dbs)?;
        if let Ok(cached) = self.quantized.read() {
            if let Some(q) = cached.as_ref().filter(|q| q.version == version) {
                return Ok(q.clone());
            }
        }
        let built = std::sync::Arc::new(quantized::Quantized::build(rtxn, dbs, version)?);
        if let Ok(mut slot) = self.quantized.write() {
            *slot = Some(built.clone());
        }
        Ok(built)
    }

    /// Answers a question about an analysis from the candidate's resume (no re-embedding of
    /// the resume: its passage vectors were stored at import).
    pub fn ask(
        &self,
        embedder: &Embedder,
        analysis: &AnalysisId,
        question: &str,
        k: usize,
    ) -> Result<Answer> {
        let question = question.trim();
        if question.is_empty() {
            return Err(Error::invalid("question", "must not be empty"));
        }
        let (passages, vectors) = self.read(|rtxn, dbs| {
            let a = get_analysis(rtxn, dbs, analysis)?;
            let passages = dbs
                .passages
                .get(rtxn, a.resume_id.as_str())?
                .unwrap_or_default();
            let vectors = get_passage_vectors(rtxn, dbs, &a.resume_id)?.unwrap_or_default();
            Ok((passages, vectors))
        })?;
        if passages.len() != vectors.len() {
            return Err(Error::Corrupt {
                kind: "resume passages",
                reason: "passages and vectors differ in number; run reindex".into(),
            });
        }
        let q = embedder.embed_one(question)?;
        Ok(Answer {
            analysis_id: analysis.clone(),
            question: question.to_owned(),
            passages: qa::rank(question, &q, &passages, &vectors, k, Lexicon::shipped()),
        })
    }

    /// Stores a feedback record, its vector and the analysis's new feedback count in one
    /// transaction. Unknown analyses and invalid fields are refused before anything is written.
    pub fn add_feedback(
        &self,
        embedder: &Embedder,
        draft: FeedbackDraft,
        now: OffsetDateTime,
    ) -> Result<Feedback> {
        let draft = draft.validated()?;
        let analysis = self.analysis(&draft.analysis_id)?;
        let mut record = Feedback {
            id: FeedbackId::random(),
            analysis_id: analysis.id.clone(),
            job_id: analysis.job_id.clone(),
            resume_id: analysis.resume_id.clone(),
            question: draft.question,
            answer: draft.answer,
            rating: draft.rating,
            correction: draft.correction,
            comment: draft.comment,
            created_at: now,
        };
        let vector = embedder.embed_one(&record.embedding_text())?;
        self.write(|wtxn, dbs| {
            while dbs.feedback.get(wtxn, record.id.as_str())?.is_some() {
                record.id = FeedbackId::random();
            }
            let mut analysis = get_analysis(wtxn, dbs, &record.analysis_id)?;
            dbs.feedback
                .put(wtxn, record.id.as_str(), &encode_feedback(&record)?)?;
            dbs.feedback_by_analysis.put(
                wtxn,
                &format!("{}/{}", record.analysis_id, record.id),
                record.id.as_str(),
            )?;
            put_vector(wtxn, dbs, &record.id, &vector)?;
            build_index(wtxn, dbs)?;
            analysis.feedback_count += 1;
            save_analysis(wtxn, dbs, &analysis)?;
            Ok(record.clone())
        })
    }

    /// Stores many records with their precomputed vectors in one transaction and one index
    /// build (imports and benchmarks). Each record's analysis must exist; its feedback count
    /// is updated.
    pub fn add_feedback_batch(&self, items: &[(Feedback, Vec<f32>)]) -> Result<()> {
        for (_, v) in items {
            if v.len() != embed::DIM {
                return Err(Error::invalid(
                    "vector",
                    format!("must have {} dimensions", embed::DIM),
                ));
            }
        }
        self.write(|wtxn, dbs| {
            let mut counts: std::collections::BTreeMap<AnalysisId, u32> = Default::default();
            for (record, vector) in items {
                if dbs.feedback.get(wtxn, record.id.as_str())?.is_some() {
                    return Err(Error::invalid(
                        "feedback",
                        format!("{} already exists", record.id),
                    ));
                }
                dbs.feedback
                    .put(wtxn, record.id.as_str(), &encode_feedback(record)?)?;
                dbs.feedback_by_analysis.put(
                    wtxn,
                    &format!("{}/{}", record.analysis_id, record.id),
                    record.id.as_str(),
                )?;
                put_vector(wtxn, dbs, &record.id, vector)?;
                *counts.entry(record.analysis_id.clone()).or_default() += 1;
            }
            for (id, n) in &counts {
                let mut analysis = get_analysis(wtxn, dbs, id)?;
                analysis.feedback_count += n;
                save_analysis(wtxn, dbs, &analysis)?;
            }
            build_index(wtxn, dbs)
        })
    }

    /// One feedback record.
    pub fn feedback(&self, id: &FeedbackId) -> Result<Feedback> {
        self.read(|rtxn, dbs| get_feedback(rtxn, dbs, id))
    }

    /// Every feedback record, oldest first; or those of one analysis.
    pub fn feedback_list(&self, analysis: Option<&AnalysisId>) -> Result<Vec<Feedback>> {
        let mut out = self.read(|rtxn, dbs| {
            let mut out = Vec::new();
            match analysis {
                Some(a) => {
                    get_analysis(rtxn, dbs, a)?;
                    for item in dbs
                        .feedback_by_analysis
                        .prefix_iter(rtxn, &format!("{a}/"))?
                    {
                        let (_, id) = item?;
                        out.push(get_feedback(rtxn, dbs, &FeedbackId::parse(id)?)?);
                    }
                }
                None => {
                    for item in dbs.feedback.iter(rtxn)? {
                        out.push(decode_feedback(item?.1)?);
                    }
                }
            }
            Ok(out)
        })?;
        out.sort_by(|a, b| {
            a.created_at
                .cmp(&b.created_at)
                .then_with(|| a.id.cmp(&b.id))
        });
        Ok(out)
    }

    /// Feedback records rated at least `min_rating`.
    pub fn high_quality_feedback(&self, min_rating: u8) -> Result<Vec<Feedback>> {
        let mut all = self.feedback_list(None)?;
        all.retain(|f| f.rating >= min_rating);
        Ok(all)
    }

    /// Totals, rating distribution, per job, per day.
    pub fn feedback_stats(&self, min_rating: u8) -> Result<FeedbackStats> {
        Ok(FeedbackStats::of(&self.feedback_list(None)?, min_rating))
    }

    /// The `limit` records most similar to `query`, optionally of one job only.
    pub fn search_feedback(
        &self,
        embedder: &Embedder,
        query: &str,
        job: Option<&JobId>,
        limit: usize,
        mode: SearchMode,
    ) -> Result<Vec<FeedbackHit>> {
        let q = embedder.embed_one(query)?;
        self.search_feedback_by_vector(&q, job, limit, mode)
    }

    /// As [`Store::search_feedback`], with the query already embedded.
    pub fn search_feedback_by_vector(
        &self,
        query: &[f32],
        job: Option<&JobId>,
        limit: usize,
        mode: SearchMode,
    ) -> Result<Vec<FeedbackHit>> {
        if limit == 0 {
            return Ok(Vec::new());
        }
        self.read(|rtxn, dbs| {
            let count = usize::try_from(dbs.feedback_vectors.len(rtxn)?).unwrap_or(usize::MAX);
            let mode = match mode {
                SearchMode::Auto if count <= EXACT_SEARCH_LIMIT => SearchMode::Exact,
                SearchMode::Auto => SearchMode::Quantized,
                other => other,
            };
            let keep = |f: &Feedback| job.is_none_or(|j| &f.job_id == j);
            let mut hits: Vec<FeedbackHit> = Vec::new();
            if mode == SearchMode::Quantized {
                let q = self.quantized_vectors(rtxn, dbs)?;
                // Filtering by job happens after the scan, so look further then.
                let per = if job.is_some() { 5 } else { 1 } * RESCORE_PER_RESULT;
                let mut scored: Vec<(f32, &str)> = Vec::new();
                for i in q.candidates(query, (limit * per).max(RESCORE_MIN)) {
                    let id = q.id(i);
                    if let Some(bytes) = dbs.feedback_vectors.get(rtxn, id)? {
                        scored.push((quantized::exact(query, bytes), id));
                    }
                }
                scored.sort_by(best_first);
                hits = best_hits(rtxn, dbs, scored, &keep, limit)?;
                if job.is_none() || hits.len() == limit {
                    return Ok(hits);
                }
                // Too few of this job among the candidates: scan them all.
                hits.clear();
            }
            if mode != SearchMode::Approximate {
                // Dot products straight from the stored bytes: no per-vector allocation.
                let mut scored: Vec<(f32, &str)> = Vec::with_capacity(count);
                for item in dbs.feedback_vectors.iter(rtxn)? {
                    let (id, bytes) = item?;
                    scored.push((embed::cosine_bytes(query, bytes), id));
                }
                if job.is_none() && scored.len() > limit {
                    scored.select_nth_unstable_by(limit - 1, best_first);
                    scored.truncate(limit);
                }
                scored.sort_by(best_first);
                hits = best_hits(rtxn, dbs, scored, &keep, limit)?;
            } else {
                let reader =
                    match arroy::Reader::<Cosine>::open(rtxn, FEEDBACK_INDEX, dbs.feedback_index) {
                        Ok(r) => r,
                        Err(arroy::Error::MissingMetadata(_)) => return Ok(Vec::new()),
                        Err(e) => return Err(arroy_err(e)),
                    };
                // Ask for more when filtering by job, since the filter runs after the search.
                let want = if job.is_some() { limit * 10 } else { limit };
                let mut query_builder = reader.nns(want);
                query_builder
                    .oversampling(NonZeroUsize::new(ANN_OVERSAMPLING).unwrap_or(NonZeroUsize::MIN));
                for (item, _) in query_builder.by_vector(rtxn, query).map_err(arroy_err)? {
                    let Some(id) = dbs.feedback_by_item.get(rtxn, &item)? else {
                        continue;
                    };
                    let f = get_feedback(rtxn, dbs, &FeedbackId::parse(id)?)?;
                    if !keep(&f) {
                        continue;
                    }
                    let v = dbs
                        .feedback_vectors
                        .get(rtxn, id)?
                        .map(embed::from_bytes)
                        .and_then(|mut v| v.pop())
                        .unwrap_or_default();
                    hits.push(FeedbackHit {
                        similarity: embed::cosine(query, &v),
                        feedback: f,
                    });
                    if hits.len() == limit {
                        break;
                    }
                }
            }
            Ok(hits)
        })
    }

    /// Rebuilds every derived vector from the records: resume passages and their vectors,
    /// and the feedback vectors and index. Returns (resumes, feedback records) reindexed.
    ///
    /// Other processes may add, or erase, records meanwhile; nothing they write is lost. The
    /// embedding happens outside any transaction, and the rebuild of the feedback vectors
    /// runs in one write transaction over the records *as they are then*: a record embedded
    /// here gets its new vector; one added since keeps the vector its own commit wrote; one
    /// with neither is embedded and the rebuild tried again. A resume erased meanwhile gets
    /// no passages back.
    pub fn reindex(&self, embedder: &Embedder) -> Result<(usize, usize)> {
        let resumes = self.resumes()?;
        let mut reindexed = 0;
        for r in &resumes {
            let text = match self.read_text_blob(&r.id) {
                Ok(text) => text,
                // Erased since the list was read (its text went with it).
                Err(_) if self.resume(&r.id).is_err() => continue,
                Err(e) => return Err(e),
            };
            let prepared = crate::engine::PreparedResume::new(&text, r.first_seen, embedder, None)?;
            let stored = self.write(|wtxn, dbs| {
                if dbs.resumes.get(wtxn, r.id.as_str())?.is_none() {
                    return Ok(false);
                }
                super::analyses::put_passages(wtxn, dbs, &r.id, &prepared)?;
                Ok(true)
            })?;
            reindexed += usize::from(stored);
        }

        // Fresh vectors by record, with the text they were made from.
        let mut fresh: std::collections::HashMap<FeedbackId, (String, Vec<f32>)> =
            Default::default();
        let mut todo = self.feedback_list(None)?;
        for _attempt in 0..4 {
            let texts: Vec<String> = todo.iter().map(Feedback::embedding_text).collect();
            if !texts.is_empty() {
                for ((f, text), v) in todo.iter().zip(texts.clone()).zip(embedder.embed(&texts)?) {
                    fresh.insert(f.id.clone(), (text, v));
                }
            }
            let outcome = self.write(|wtxn, dbs| {
                let mut current = Vec::new();
                for item in dbs.feedback.iter(wtxn)? {
                    current.push(decode_feedback(item?.1)?);
                }
                let mut plan: Vec<(FeedbackId, Vec<f32>)> = Vec::with_capacity(current.len());
                let mut missing = Vec::new();
                for f in current {
                    match fresh.get(&f.id) {
                        Some((text, v)) if *text == f.embedding_text() => {
                            plan.push((f.id.clone(), v.clone()));
                        }
                        _ => match dbs.feedback_vectors.get(wtxn, f.id.as_str())? {
                            Some(bytes) if bytes.len() == embed::DIM * 4 => {
                                let v = embed::from_bytes(bytes).pop().unwrap_or_default();
                                plan.push((f.id.clone(), v));
                            }
                            _ => missing.push(f),
                        },
                    }
                }
                if !missing.is_empty() {
                    // Nothing written: embed these outside the transaction, then again.
                    return Ok(Err(missing));
                }
                index_writer(dbs).clear(wtxn).map_err(arroy_err)?;
                dbs.feedback_vectors.clear(wtxn)?;
                dbs.feedback_items.clear(wtxn)?;
                dbs.feedback_by_item.clear(wtxn)?;
                dbs.meta.delete(wtxn, meta_key::NEXT_FEEDBACK_ITEM)?;
                for (id, v) in &plan {
                    put_vector(wtxn, dbs, id, v)?;
                }
                build_index(wtxn, dbs)?;
                Ok(Ok(plan.len()))
            })?;
            match outcome {
                Ok(feedback) => return Ok((reindexed, feedback)),
                Err(missing) => todo = missing,
            }
        }
        Err(Error::Corrupt {
            kind: "vector index",
            reason: "feedback records kept appearing without vectors while reindexing; run reindex again".into(),
        })
    }

    fn export_context(&self, f: &Feedback) -> Result<ExportContext> {
        let (job, candidate, resume) = self.read(|rtxn, dbs| {
            let job = get_job(rtxn, dbs, &f.job_id)?;
            let candidate = match dbs.analyses.get(rtxn, f.analysis_id.as_str())? {
                Some(bytes) => decode_analysis(bytes)?.candidate.name,
                None => None,
            };
            let resume = dbs.resumes.get(rtxn, f.resume_id.as_str())?;
            Ok((job, candidate, resume))
        })?;
        let candidate = candidate
            .or_else(|| resume.as_ref().map(|r| r.file_name().to_owned()))
            .unwrap_or_default();
        let text = self.resume_text(&f.resume_id).unwrap_or_default();
        Ok(ExportContext {
            company: job.company,
            role: job.role,
            description: job.description,
            candidate,
            resume_excerpt: text.chars().take(1500).collect(),
        })
    }

    /// All feedback in the web version's `interactions.jsonl` layout, one record a line.
    pub fn export_feedback_legacy_jsonl(&self) -> Result<String> {
        let mut out = String::new();
        for f in self.feedback_list(None)? {
            out.push_str(&crate::feedback::legacy_line(&f).to_string());
            out.push('\n');
        }
        Ok(out)
    }

    /// All feedback as CSV (RFC 4180, header row, `\r\n` line ends).
    pub fn export_feedback_csv(&self) -> Result<String> {
        let mut out = CSV_HEADER.join(",");
        out.push_str("\r\n");
        for f in self.feedback_list(None)? {
            out.push_str(&csv_row(&f, &self.export_context(&f)?));
        }
        Ok(out)
    }

    /// High-quality samples (rating ≥ `min_rating`) as chat-format JSONL, one sample a line.
    pub fn export_training_jsonl(&self, min_rating: u8) -> Result<(String, usize)> {
        let mut out = String::new();
        let records = self.high_quality_feedback(min_rating)?;
        for f in &records {
            let line = training_line(f, &self.export_context(f)?);
            out.push_str(&line.to_string());
            out.push('\n');
        }
        Ok((out, records.len()))
    }
}
