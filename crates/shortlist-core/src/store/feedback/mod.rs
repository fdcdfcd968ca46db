//! Questions about an analysis, feedback records, their exports, and the search of similar
//! feedback ([`search`]) over the vectors the feedback table keeps ([`super::tables::feedback`]).

mod quantized;
mod reindex;
mod search;

use time::OffsetDateTime;

use super::tables;
use super::Store;
use crate::embed::{self, Embedder};
use crate::error::{Error, Result};
use crate::feedback::{
    csv_row, training_line, ExportContext, Feedback, FeedbackDraft, FeedbackStats, CSV_HEADER,
};
use crate::id::{AnalysisId, FeedbackId};
use crate::lexicon::Lexicon;
use crate::qa::{self, Answer};

pub(crate) use search::QuantizedCache;
pub use search::{FeedbackHit, SearchMode, EXACT_SEARCH_LIMIT};

impl Store {
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
        let terms = qa::question_terms(question);
        let (passages, vectors, blind, library) = self.read(|rtxn, dbs| {
            let a = tables::analyses::require(rtxn, dbs, analysis)?;
            let passages = tables::passages::get(rtxn, dbs, &a.resume_id)?.unwrap_or_default();
            let vectors = tables::passages::vectors(rtxn, dbs, &a.resume_id)?.unwrap_or_default();
            // While the job is screened blind (and the candidate not revealed), answers are
            // shown without identity, address lines or graduation years.
            let job = tables::jobs::require(rtxn, dbs, &a.job_id)?;
            let revealed = tables::workflow::pipeline(rtxn, dbs, &a.job_id, &a.resume_id)?.revealed;
            let blind = (job.blind && !revealed).then(|| a.candidate.contact());
            let library = tables::library_stats::live_stats(rtxn, dbs, &terms)?;
            Ok((passages, vectors, blind, library))
        })?;
        if passages.len() != vectors.len() {
            return Err(Error::Corrupt {
                kind: "resume passages",
                reason: "passages and vectors differ in number; run reindex".into(),
            });
        }
        let q = embedder.embed_one(question)?;
        let mut passages = qa::rank(
            question,
            &q,
            &passages,
            &vectors,
            k,
            Lexicon::shipped(),
            &library,
        );
        if let Some(contact) = &blind {
            for p in &mut passages {
                p.text = crate::workflow::blind::text(&p.text, contact);
            }
        }
        Ok(Answer {
            analysis_id: analysis.clone(),
            question: question.to_owned(),
            passages,
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
            while tables::feedback::exists(wtxn, dbs, &record.id)? {
                record.id = FeedbackId::random();
            }
            let mut analysis = tables::analyses::require(wtxn, dbs, &record.analysis_id)?;
            tables::feedback::put(wtxn, dbs, &record, &vector)?;
            tables::feedback::build_index(wtxn, dbs)?;
            analysis.feedback_count += 1;
            tables::analyses::put(wtxn, dbs, &analysis)?;
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
                if tables::feedback::exists(wtxn, dbs, &record.id)? {
                    return Err(Error::invalid(
                        "feedback",
                        format!("{} already exists", record.id),
                    ));
                }
                tables::feedback::put(wtxn, dbs, record, vector)?;
                *counts.entry(record.analysis_id.clone()).or_default() += 1;
            }
            for (id, n) in &counts {
                let mut analysis = tables::analyses::require(wtxn, dbs, id)?;
                analysis.feedback_count += n;
                tables::analyses::put(wtxn, dbs, &analysis)?;
            }
            tables::feedback::build_index(wtxn, dbs)
        })
    }

    /// One feedback record.
    pub fn feedback(&self, id: &FeedbackId) -> Result<Feedback> {
        self.read(|rtxn, dbs| tables::feedback::require(rtxn, dbs, id))
    }

    /// Every feedback record, oldest first; or those of one analysis.
    pub fn feedback_list(&self, analysis: Option<&AnalysisId>) -> Result<Vec<Feedback>> {
        let mut out = self.read(|rtxn, dbs| match analysis {
            Some(a) => {
                tables::analyses::require(rtxn, dbs, a)?;
                tables::feedback::ids_of_analysis(rtxn, dbs, a)?
                    .iter()
                    .map(|id| tables::feedback::require(rtxn, dbs, id))
                    .collect()
            }
            None => tables::feedback::all(rtxn, dbs),
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

    /// What an exported record shows of its job and candidate. The resume excerpt never holds
    /// the candidate's name, contact details, address lines or education years (training data
    /// must not learn who someone is); while the job is screened blind and the candidate not
    /// revealed, the candidate column is "Candidate N" too.
    fn export_context(&self, f: &Feedback) -> Result<ExportContext> {
        let (job, analysis, resume, revealed) = self.read(|rtxn, dbs| {
            let job = tables::jobs::require(rtxn, dbs, &f.job_id)?;
            let analysis = tables::analyses::get(rtxn, dbs, &f.analysis_id)?;
            let resume = tables::resumes::get(rtxn, dbs, &f.resume_id)?;
            let revealed = tables::workflow::pipeline(rtxn, dbs, &f.job_id, &f.resume_id)?.revealed;
            Ok((job, analysis, resume, revealed))
        })?;
        let contact = match (&analysis, &resume) {
            (Some(a), _) => a.candidate.contact(),
            (None, Some(r)) => r.contact.clone(),
            (None, None) => crate::profile::Contact::default(),
        };
        let candidate = if job.blind && !revealed {
            crate::workflow::blind::label(analysis.as_ref().map_or(0, |a| a.number))
        } else {
            contact
                .name
                .clone()
                .or_else(|| resume.as_ref().map(|r| r.file_name().to_owned()))
                .unwrap_or_default()
        };
        let text = self.resume_text(&f.resume_id).unwrap_or_default();
        Ok(ExportContext {
            company: job.company,
            role: job.role,
            description: job.description,
            candidate,
            resume_excerpt: crate::workflow::blind::text(&text, &contact)
                .chars()
                .take(1500)
                .collect(),
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

    /// High-quality samples (rating ≥ `min_rating`) as chat-format JSONL, one sample a line,
    /// then the recruiter's stage decisions (`metadata.kind` = `decision`); returns the text
    /// and the number of samples.
    pub fn export_training_jsonl(&self, min_rating: u8) -> Result<(String, usize)> {
        let mut out = String::new();
        let records = self.high_quality_feedback(min_rating)?;
        for f in &records {
            let line = training_line(f, &self.export_context(f)?);
            out.push_str(&line.to_string());
            out.push('\n');
        }
        // The recruiter's stage decisions, with their reasons, as samples of their own.
        let decisions = self.decision_samples()?;
        for d in &decisions {
            out.push_str(&d.to_string());
            out.push('\n');
        }
        Ok((out, records.len() + decisions.len()))
    }
}
