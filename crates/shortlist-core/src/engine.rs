//! Preparing jobs and resumes for the analysis: parse, split into passages, embed.
//! The slow work of an import or an analysis happens here, before any write transaction.

use time::OffsetDateTime;

use crate::analysis::{self, Calibration, Inputs, Passage, Scored};
use crate::background::{self, Background};
use crate::embed::Embedder;
use crate::error::Result;
use crate::jd::{self, JobProfile};
use crate::job::Job;
use crate::lexical::{Doc, Query, TermStats};
use crate::lexicon::Lexicon;
use crate::profile::{self, ResumeProfile};
use crate::resume::ExtractionWarning;

/// A job ready to score resumes against.
#[derive(Debug, Clone)]
pub struct PreparedJob {
    pub job: Job,
    /// Its parsed requirements.
    pub profile: JobProfile,
    /// Embeddings of its requirements.
    pub vectors: Vec<Vec<f32>>,
    /// Embedding of the whole job: its role and description, in pieces, averaged.
    pub vector: Vec<f32>,
    /// Its weighted terms.
    pub query: Query,
    /// How unrelated resumes score for it.
    pub calibration: Calibration,
    /// Its description's runs of three content words.
    pub shingles: std::collections::HashSet<String>,
    /// The generation of the library's term statistics its IDF was taken from (0: the
    /// shipped background alone); analyses record it, and a newer generation makes them stale
    /// (see `store::library_stats`).
    pub library_generation: u32,
}

/// The texts a job's terms come from, with their weights: its role, and its description
/// without the company's own name (which says nothing about a candidate).
fn query_texts(job: &Job) -> [(String, f32); 2] {
    [
        (job.role.clone(), ROLE_WEIGHT),
        (without_words(&job.description, &job.company), 1.0),
    ]
}

/// The terms of `job`'s query: the only ones whose document frequencies in the library its
/// weights need ([`PreparedJob::in_library`]).
pub fn job_terms(job: &Job) -> Vec<String> {
    let texts = query_texts(job);
    Query::terms_of(
        &[texts[0].0.as_str(), texts[1].0.as_str()],
        Lexicon::shipped(),
    )
}

/// Weight of the role's words against the description's.
const ROLE_WEIGHT: f32 = 2.0;
/// Words per piece of a description embedded for the whole-job vector.
const PIECE_WORDS: usize = 120;

/// The description in pieces of about [`PIECE_WORDS`] words (the model reads 256 tokens).
fn pieces(text: &str) -> Vec<String> {
    let words: Vec<&str> = text.split_whitespace().collect();
    words
        .chunks(PIECE_WORDS)
        .map(|c| c.join(" "))
        .take(16)
        .collect()
}

impl PreparedJob {
    /// Parses and embeds a job, and measures it against the background.
    pub fn new(job: &Job, embedder: &Embedder) -> Result<PreparedJob> {
        PreparedJob::in_library(job, embedder, &TermStats::default())
    }

    /// As [`Self::new`], with the terms' weights (IDF) from the shipped background and the
    /// recruiter's own `library` together ([`library_stats`]), so a word common among the
    /// library's resumes counts less and one rare in it more.
    pub fn in_library(job: &Job, embedder: &Embedder, library: &TermStats) -> Result<PreparedJob> {
        // What the recruiter set (must/nice/ignore, added requirements, years, degree) over
        // what the description says.
        let parsed = jd::parse(&job.description, Lexicon::shipped());
        let profile = job.criteria.apply(&parsed, Lexicon::shipped());
        let texts = analysis::requirement_texts(&profile);
        let vectors = if texts.is_empty() {
            Vec::new()
        } else {
            embedder.embed(&texts)?
        };
        let mut whole: Vec<String> = vec![job.role.clone()];
        whole.extend(pieces(&job.description));
        let whole_vectors = embedder.embed(&whole)?;
        Ok(PreparedJob::from_parts_in(
            job,
            profile,
            vectors,
            &whole_vectors,
            library,
        ))
    }

    /// A prepared job from its parse and vectors (`whole`: the role's vector, then the
    /// description's pieces'), measured against the shipped background.
    pub fn from_parts(
        job: &Job,
        profile: JobProfile,
        vectors: Vec<Vec<f32>>,
        whole: &[Vec<f32>],
    ) -> PreparedJob {
        PreparedJob::from_parts_in(job, profile, vectors, whole, &TermStats::default())
    }

    /// As [`Self::from_parts`], with IDF from the background and `library` together.
    pub fn from_parts_in(
        job: &Job,
        profile: JobProfile,
        vectors: Vec<Vec<f32>>,
        whole: &[Vec<f32>],
        library: &TermStats,
    ) -> PreparedJob {
        let bg = Background::shipped();
        let stats = bg.stats.merged(library);
        // The role counts as much as the description's pieces together.
        let mut weighted: Vec<Vec<f32>> = whole.get(1..).unwrap_or_default().to_vec();
        if let Some(role) = whole.first() {
            let n = weighted.len().max(1);
            weighted.extend(std::iter::repeat_n(role.clone(), n));
        }
        let vector = background::mean_vector(&weighted);
        let texts = query_texts(job);
        let query = Query::new(
            &[
                (texts[0].0.as_str(), texts[0].1),
                (texts[1].0.as_str(), texts[1].1),
            ],
            &stats,
            Lexicon::shipped(),
        );
        let calibration = Calibration {
            terms: bg.terms_spread(&query),
            meaning: bg.resume_spread(&vector),
            lead: bg.lead_spread(&vector),
            requirements: vectors.iter().map(|v| bg.best_passage_spread(v)).collect(),
            avg_len: bg.stats.avg_len,
        };
        PreparedJob {
            job: job.clone(),
            profile,
            vectors,
            vector,
            query,
            calibration,
            shingles: analysis::shingles(&job.description),
            library_generation: 0,
        }
    }
}

/// `text` without the words of `name` (whole words, any case).
fn without_words(text: &str, name: &str) -> String {
    let words: Vec<String> = crate::text::words(name).filter(|w| w.len() >= 3).collect();
    if words.is_empty() {
        return text.to_owned();
    }
    let mut out = String::with_capacity(text.len());
    let mut word = String::new();
    let flush = |word: &mut String, out: &mut String| {
        if !words.contains(&crate::text::fold(word)) {
            out.push_str(word);
        }
        word.clear();
    };
    for c in text.chars() {
        if crate::text::is_word_char(c) {
            word.push(c);
        } else {
            flush(&mut word, &mut out);
            out.push(c);
        }
    }
    flush(&mut word, &mut out);
    out
}

/// Weight of a term in a skills list against one shown in the work.
const LISTED_WEIGHT: f32 = 0.5;
/// The same when the skills list looks like keyword stuffing.
const STUFFED_WEIGHT: f32 = 0.1;

/// The lexical view of a resume: every section's terms and skills, a skills list's counting
/// less than the work's (much less when it is a keyword dump with little support elsewhere).
pub fn lexical_doc(profile: &ResumeProfile, lexicon: &Lexicon) -> Doc {
    let listed_weight = if analysis::keyword_stuffing(profile, lexicon) {
        STUFFED_WEIGHT
    } else {
        LISTED_WEIGHT
    };
    let mut doc = Doc::default();
    for s in &profile.sections {
        let weight = if s.section == crate::profile::Section::Skills {
            listed_weight
        } else {
            1.0
        };
        doc.add_text(&s.text, lexicon, weight);
    }
    doc
}

/// The term statistics of a library of resumes (their [`PreparedResume::doc`]s), to weigh a
/// job's terms by how rare they are among the recruiter's own resumes as well as in the
/// background ([`PreparedJob::in_library`]).
pub fn library_stats<'a>(docs: impl IntoIterator<Item = &'a Doc>) -> TermStats {
    TermStats::of(docs)
}

/// A resume ready to be scored.
#[derive(Debug, Clone)]
pub struct PreparedResume {
    /// Its parse.
    pub profile: ResumeProfile,
    pub passages: Vec<Passage>,
    /// Their embeddings.
    pub vectors: Vec<Vec<f32>>,
    /// Its terms (of the text without name and contact details).
    pub doc: Doc,
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
        PreparedResume::parse(text, seen).with_vectors(embedder, vectors)
    }

    /// This resume with `vectors` as its passages' vectors when they are as many as its
    /// passages, else with its passages embedded.
    pub fn with_vectors(
        mut self,
        embedder: &Embedder,
        vectors: Option<Vec<Vec<f32>>>,
    ) -> Result<PreparedResume> {
        self.vectors = match vectors {
            Some(v) if v.len() == self.passages.len() => v,
            _ => {
                let texts = self.passage_texts();
                if texts.is_empty() {
                    Vec::new()
                } else {
                    embedder.embed(&texts)?
                }
            }
        };
        Ok(self)
    }

    /// Parses `text` and splits it into passages; no vectors yet (the caller embeds
    /// [`Self::passage_texts`] and sets `vectors`, possibly batched with other resumes).
    pub fn parse(text: &str, seen: OffsetDateTime) -> PreparedResume {
        let profile = profile::parse(text, seen.date());
        let passages = analysis::passages(&profile);
        let doc = lexical_doc(&profile, Lexicon::shipped());
        PreparedResume {
            profile,
            passages,
            vectors: Vec::new(),
            doc,
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
        let lexicon = Lexicon::shipped();
        let mut scored = analysis::score(
            &Inputs {
                job: &job.profile,
                requirement_vectors: &job.vectors,
                job_vector: &job.vector,
                query: &job.query,
                job_shingles: &job.shingles,
                calibration: &job.calibration,
                resume: &self.profile,
                doc: &self.doc,
                passages: &self.passages,
                passage_vectors: &self.vectors,
                text_chars,
                warnings,
            },
            lexicon,
        );
        let criteria = &job.job.criteria;
        analysis::reweigh(&mut scored, &criteria.weights());
        scored.gates =
            crate::workflow::gates::evaluate_all(&criteria.gates, &self.profile, lexicon);
        scored.job_revision = job.job.revision;
        scored.library_generation = job.library_generation;
        scored
    }
}
