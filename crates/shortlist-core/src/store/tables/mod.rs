//! The table layer: one module per table (or per group of tables that share one invariant),
//! free functions over the caller's transaction, typed keys ([`key`]) and typed values. The
//! operations of [`super::Store`] call only these; these call nothing above them.
//!
//! | module       | databases                                                          |
//! |--------------|--------------------------------------------------------------------|
//! | [`jobs`]     | `jobs`                                                             |
//! | [`resumes`]  | `resumes`                                                          |
//! | [`passages`] | `passages`, `passage-vectors`                                      |
//! | [`analyses`] | `analyses`, `analyses-by-job` (the ranking), `analysis-by-pair`    |
//! | [`feedback`] | `feedback`, `feedback-by-analysis`, `feedback-vectors`, `feedback-items`, `feedback-by-item`, `feedback-index` (arroy) |
//! | [`passage_index`] | `passage-index` (arroy), `passage-slots`, `passage-owners`, `passage-todo` |
//! | [`word_index`] | `word-postings` (term → postings), `word-docs` (the words search's inverted index) |
//! | (search)     | `job-vectors`: a job's embedding for the jobs list's search by meaning |
//! | [`meta`]     | `meta`: schema version, current job, feedback item counter and version |
//! | [`workflow`] | `pipeline`, `notes`, `tags`                                        |
//! | [`links`]    | `identities`, `identity-keys`, `links` (possibly the same person)  |
//! | [`library_stats`] | `library-df`, `library-docs`: the library's document frequencies |

pub(crate) mod analyses;
pub(crate) mod feedback;
pub(crate) mod jobs;
pub(crate) mod key;
pub(crate) mod library_stats;
pub(crate) mod links;
pub(crate) mod meta;
pub(crate) mod passage_index;
pub(crate) mod passages;
pub(crate) mod resumes;
pub(crate) mod word_index;
pub(crate) mod workflow;

use heed::byteorder::BigEndian;
use heed::types::{Bytes, SerdeJson, Str, Unit, U32};
use heed::{CommitOrAbort, Database, Env};

use crate::analysis::{Analysis, Passage};
use crate::error::{Error, Result};
use crate::feedback::Feedback;
use crate::job::Job;
use crate::resume::Resume;
use key::{AnalysisKey, FeedbackKey, GivenKey, JobKey, PairKey, RankKey, ResumeKey};

pub use analyses::{BestScore, LibraryRow, RowSkill, ShortlistRow};

/// The named databases of the environment.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Dbs {
    pub jobs: Database<'static, JobKey, SerdeJson<Job>>,
    pub resumes: Database<'static, ResumeKey, SerdeJson<Resume>>,
    pub analyses: Database<'static, AnalysisKey, SerdeJson<Analysis>>,
    /// The per-job ranking: one [`ShortlistRow`] per analysis, best first.
    pub analyses_by_job: Database<'static, RankKey, SerdeJson<ShortlistRow>>,
    /// One analysis per (job, resume) pair.
    pub analysis_by_pair: Database<'static, PairKey, AnalysisKey>,
    pub passages: Database<'static, ResumeKey, SerdeJson<Vec<Passage>>>,
    /// The passages' embeddings, little-endian f32, [`crate::embed::DIM`] per passage.
    pub passage_vectors: Database<'static, ResumeKey, passages::Vectors>,
    pub feedback: Database<'static, FeedbackKey, SerdeJson<Feedback>>,
    pub feedback_by_analysis: Database<'static, GivenKey, FeedbackKey>,
    /// One embedding per record, little-endian f32.
    pub feedback_vectors: Database<'static, FeedbackKey, feedback::Vector>,
    /// A record's item number in the arroy index.
    pub feedback_items: Database<'static, FeedbackKey, U32<BigEndian>>,
    /// The record of an arroy item number.
    pub feedback_by_item: Database<'static, U32<BigEndian>, FeedbackKey>,
    /// The arroy index of the feedback vectors.
    pub feedback_index: arroy::Database<'static, arroy::distances::Cosine>,
    pub meta: Database<'static, Str, SerdeJson<serde_json::Value>>,
    /// Each candidate's stage and its history, per job.
    pub pipeline: Database<'static, PairKey, SerdeJson<crate::workflow::Pipeline>>,
    /// Notes per candidate per job.
    pub notes: Database<'static, workflow::NoteKey, SerdeJson<crate::workflow::Note>>,
    /// Tags per candidate.
    pub tags: Database<'static, ResumeKey, SerdeJson<Vec<String>>>,
    /// Each resume's identity (what "the same person" is decided on).
    pub identities: Database<'static, ResumeKey, SerdeJson<crate::identity::Identity>>,
    /// Normalised email, phone and name keys → resumes (`<key>|<resume id>`).
    pub identity_keys: Database<'static, Str, Unit>,
    /// "Possibly the same person", under both orders of the pair.
    pub links: Database<'static, Str, SerdeJson<links::Link>>,
    /// The arroy index of the passage vectors (see [`passage_index`]).
    pub passage_index: arroy::Database<'static, arroy::distances::Cosine>,
    /// A resume's run of passage item numbers.
    pub passage_slots: Database<'static, ResumeKey, SerdeJson<passage_index::Slot>>,
    /// The resume of a run's first item number.
    pub passage_owners: Database<'static, U32<BigEndian>, ResumeKey>,
    /// Runs of items still to add to, or delete from, the passage index.
    pub passage_todo: Database<'static, U32<BigEndian>, SerdeJson<passage_index::Todo>>,
    /// A job's embedding (for the jobs list's search by meaning) and the digest of its text.
    pub job_vectors: Database<'static, JobKey, SerdeJson<(String, Vec<u8>)>>,
    /// The library's document frequencies, live and at the current generation.
    pub library_df: Database<'static, Str, U32<BigEndian>>,
    /// Each counted resume's length and distinct terms.
    pub library_docs: Database<'static, ResumeKey, Str>,
    /// The words search's postings: `<term> 0 <resume id>` → packed postings (see [`word_index`]).
    pub word_postings: Database<'static, Bytes, Bytes>,
    /// A resume's part of the words index.
    pub word_docs: Database<'static, ResumeKey, SerdeJson<word_index::WordDoc>>,
}

/// Opens (creating when missing) every database, in one committed transaction.
pub(crate) fn open(env: &Env) -> Result<Dbs> {
    let committed = env
        .create_databases_and_commit(env.write_txn()?, |dbo, wtxn| {
            let records = (
                dbo.create_database(wtxn, Some("jobs"))?,
                dbo.create_database(wtxn, Some("resumes"))?,
                dbo.create_database(wtxn, Some("analyses"))?,
                dbo.create_database(wtxn, Some("analyses-by-job"))?,
                dbo.create_database(wtxn, Some("analysis-by-pair"))?,
                dbo.create_database(wtxn, Some("passages"))?,
                dbo.create_database(wtxn, Some("passage-vectors"))?,
            );
            let rest = (
                dbo.create_database(wtxn, Some("feedback"))?,
                dbo.create_database(wtxn, Some("feedback-by-analysis"))?,
                dbo.create_database(wtxn, Some("feedback-vectors"))?,
                dbo.create_database(wtxn, Some("feedback-items"))?,
                dbo.create_database(wtxn, Some("feedback-by-item"))?,
                dbo.create_database(wtxn, Some("feedback-index"))?,
                dbo.create_database(wtxn, Some("meta"))?,
            );
            let work = (
                dbo.create_database(wtxn, Some("pipeline"))?,
                dbo.create_database(wtxn, Some("notes"))?,
                dbo.create_database(wtxn, Some("tags"))?,
            );
            let same = (
                dbo.create_database(wtxn, Some("identities"))?,
                dbo.create_database(wtxn, Some("identity-keys"))?,
                dbo.create_database(wtxn, Some("links"))?,
            );
            let search = (
                dbo.create_database(wtxn, Some("passage-index"))?,
                dbo.create_database(wtxn, Some("passage-slots"))?,
                dbo.create_database(wtxn, Some("passage-owners"))?,
                dbo.create_database(wtxn, Some("passage-todo"))?,
                dbo.create_database(wtxn, Some("job-vectors"))?,
            );
            let library = (
                dbo.create_database(wtxn, Some("library-df"))?,
                dbo.create_database(wtxn, Some("library-docs"))?,
            );
            let words = (
                dbo.create_database(wtxn, Some("word-postings"))?,
                dbo.create_database(wtxn, Some("word-docs"))?,
            );
            Ok::<_, heed::Error>(CommitOrAbort::<_, ()>::Commit((
                records, rest, work, same, search, library, words,
            )))
        })?
        .commit();
    let Some((
        records,
        rest,
        (pipeline, notes, tags),
        (identities, identity_keys, links),
        search,
        (library_df, library_docs),
        (word_postings, word_docs),
    )) = committed
    else {
        return Err(Error::Corrupt {
            kind: "database",
            reason: "opening the databases was aborted".into(),
        });
    };
    let (jobs, resumes, analyses, analyses_by_job, analysis_by_pair, passages, passage_vectors) =
        records;
    let (
        feedback,
        feedback_by_analysis,
        feedback_vectors,
        feedback_items,
        feedback_by_item,
        feedback_index,
        meta,
    ) = rest;
    let (passage_index, passage_slots, passage_owners, passage_todo, job_vectors) = search;
    Ok(Dbs {
        jobs,
        resumes,
        analyses,
        analyses_by_job,
        analysis_by_pair,
        passages,
        passage_vectors,
        feedback,
        feedback_by_analysis,
        feedback_vectors,
        feedback_items,
        feedback_by_item,
        feedback_index,
        meta,
        pipeline,
        notes,
        tags,
        identities,
        identity_keys,
        links,
        passage_index,
        passage_slots,
        passage_owners,
        passage_todo,
        job_vectors,
        library_df,
        library_docs,
        word_postings,
        word_docs,
    })
}

/// Maps a heed error on a `kind` record: a record or key that does not decode (or encode) is
/// [`Error::Corrupt`]; anything else stays a database error.
pub(crate) fn damaged(kind: &'static str) -> impl Fn(heed::Error) -> Error {
    move |e| match e {
        heed::Error::Decoding(e) | heed::Error::Encoding(e) => Error::Corrupt {
            kind,
            reason: e.to_string(),
        },
        other => Error::from(other),
    }
}

/// The error of a record that should be there.
pub(crate) fn not_found(kind: &'static str, id: &impl std::fmt::Display) -> Error {
    Error::NotFound {
        kind,
        id: id.to_string(),
    }
}
