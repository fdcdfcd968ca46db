//! Preparing jobs and resumes for the analysis: parse, split into passages, embed.
//! The slow work of an import or an analysis happens here, before any write transaction.

use time::OffsetDateTime;

use crate::analysis::{self, Inputs, Passage, Scored};
use crate::embed::Embedder;
use crate::error::Result;
use crate::jd::{self, JobProfile};
use crate::job::Job;
use crate::lexicon::Lexicon;
use crate::profile::{self, ResumeProfile};
use crate::resume::ExtractionWarning;

/// A job ready to score resumes against.
#[derive(Debug, Clone)]
pub struct PreparedJob {
    /// The job.
    pub job: Job,
    /// Its parsed requirements.
    pub profile: JobProfile,
    /// Embeddings of its requirements.
    pub vectors: Vec<Vec<f32>>,
}

impl PreparedJob {
    /// Parses and embeds a job.
    pub fn new(job: &Job, embedder: &Embedder) -> Result<PreparedJob> {
        let profile = jd::parse(&job.description, Lexicon::shipped());
        let texts = analysis::requirement_texts(&profile, &job.description);
        let vectors = if texts.is_empty() {
            Vec::new()
        } else {
            embedder.embed(&texts)?
        };
        Ok(PreparedJob {
            job: job.clone(),
            profile,
            vectors,
        })
    }
}

/// A resume ready to be scored.
#[derive(Debug, Clone)]
pub struct PreparedResume {
    /// Its parse.
    pub profile: ResumeProfile,
    /// Its passages.
    pub passages: Vec<Passage>,
    /// Their embeddings.
    pub vectors: Vec<Vec<f32>>,
}

impl PreparedResume {
    /// Parses `text` (with "present" meaning `seen`, the import date) and splits it into
    /// passages; embeds them unless `vectors` are given (stored from the import).
    pub fn new(
        text: &str,
        seen: OffsetDateTime,
        embedder: &Embedder,
        vectors: Option<Vec<Vec<f32>>>,
    ) -> Result<PreparedResume> {
        let mut prepared = PreparedResume::parse(text, seen);
        prepared.vectors = match vectors {
            Some(v) if v.len() == prepared.passages.len() => v,
            _ => {
                let texts = prepared.passage_texts();
                if texts.is_empty() {
                    Vec::new()
                } else {
                    embedder.embed(&texts)?
                }
            }
        };
        Ok(prepared)
    }

    /// Parses `text` and splits it into passages; no vectors yet (the caller embeds
    /// [`Self::passage_texts`] and sets `vectors`, possibly batched with other resumes).
    pub fn parse(text: &str, seen: OffsetDateTime) -> PreparedResume {
        let profile = profile::parse(text, seen.date());
        let passages = analysis::passages(&profile);
        PreparedResume {
            profile,
            passages,
            vectors: Vec::new(),
        }
    }

    /// The texts to embed, one per passage.
    pub fn passage_texts(&self) -> Vec<&str> {
        self.passages.iter().map(|p| p.text.as_str()).collect()
    }

    /// Scores this resume against `job`.
    pub fn score(
        &self,
        job: &PreparedJob,
        text_chars: usize,
        warnings: &[ExtractionWarning],
    ) -> Scored {
        analysis::score(
            &Inputs {
                job: &job.profile,
                requirement_vectors: &job.vectors,
                resume: &self.profile,
                passages: &self.passages,
                passage_vectors: &self.vectors,
                text_chars,
                warnings,
            },
            Lexicon::shipped(),
        )
    }
}
