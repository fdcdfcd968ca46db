//! The library's own term statistics (see [`tables::library_stats`] for the policy): counting
//! resumes imported before the counters existed, and preparing jobs with the IDF of the
//! current generation.

use super::tables;
use super::Store;
use crate::embed::Embedder;
use crate::engine::{self, PreparedJob, PreparedResume};
use crate::error::Result;
use crate::job::Job;

pub use tables::library_stats::{LibraryCounts, MIN_CHANGES, MIN_SHARE};

/// Resumes counted per write transaction when counting an existing library.
const COUNT_BATCH: usize = 64;

impl Store {
    /// The library's counters: resumes counted, changes since the current generation, the
    /// generation.
    pub fn library_counts(&self) -> Result<LibraryCounts> {
        self.read(tables::library_stats::counts)
    }

    /// Counts into the library's statistics every stored resume not counted yet (a library
    /// imported before they existed), from its stored text, a batch per commit; a resume whose
    /// text cannot be read is left out (and tried again next time). Returns how many it counted.
    pub fn count_library(&self) -> Result<usize> {
        let todo: Vec<crate::resume::Resume> = self.read(|rtxn, dbs| {
            let mut out = Vec::new();
            // Every resume counted (the usual case, checked at every start): no pass over
            // the resume records.
            let counted = tables::library_stats::counts(rtxn, dbs)?.docs;
            if u64::from(counted) >= tables::resumes::count(rtxn, dbs)? {
                return Ok(out);
            }
            for r in tables::resumes::all(rtxn, dbs)? {
                if !tables::library_stats::counted(rtxn, dbs, &r.id)? {
                    out.push(r);
                }
            }
            Ok(out)
        })?;
        let mut counted = 0;
        for batch in todo.chunks(COUNT_BATCH) {
            let docs: Vec<_> = batch
                .iter()
                .filter_map(|r| {
                    let text = self.read_text_blob(&r.id).ok()?;
                    Some((r.id.clone(), PreparedResume::parse(&text, r.first_seen).doc))
                })
                .collect();
            counted += self.write(|wtxn, dbs| {
                let mut n = 0;
                for (id, doc) in &docs {
                    // Erased meanwhile: not counted.
                    if tables::resumes::exists(wtxn, dbs, id)? {
                        tables::library_stats::add(wtxn, dbs, id, doc)?;
                        n += 1;
                    }
                }
                Ok(n)
            })?;
        }
        if counted > 0 {
            tracing::info!(
                counted,
                "resumes counted into the library's term statistics"
            );
        }
        Ok(counted)
    }

    /// Prepares `job` with the IDF of the library's current generation joined to the
    /// background's.
    pub(crate) fn prepare_in_library(&self, job: &Job, embedder: &Embedder) -> Result<PreparedJob> {
        let terms = engine::job_terms(job);
        let (generation, stats) =
            self.read(|rtxn, dbs| tables::library_stats::generation_stats(rtxn, dbs, &terms))?;
        let mut prepared = PreparedJob::in_library(job, embedder, &stats)?;
        prepared.library_generation = generation;
        Ok(prepared)
    }

    /// Takes `resume` out of the library's statistics as an erasure does (tests: a store
    /// as a build before the statistics left it).
    #[doc(hidden)]
    pub fn uncount_resume(&self, resume: &crate::id::ResumeId) -> Result<bool> {
        self.write(|wtxn, dbs| tables::library_stats::remove(wtxn, dbs, resume))
    }

    /// The live and the current generation's document frequency of `term` (checks, tests).
    #[doc(hidden)]
    pub fn library_df(&self, term: &str) -> Result<(u32, u32)> {
        self.read(|rtxn, dbs| {
            Ok((
                tables::library_stats::live_df(rtxn, dbs, term)?,
                tables::library_stats::generation_df(rtxn, dbs, term)?,
            ))
        })
    }
}
