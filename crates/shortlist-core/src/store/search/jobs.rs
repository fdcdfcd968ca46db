//! Job search by meaning: the jobs list's search box finds "data role in logistics" among saved
//! jobs whose words differ. Each job's vector (role, company and description embedded) is kept
//! in `job-vectors` with the digest of the text it was made from, computed on the first search
//! after the job was added or edited; the ranking fuses the word match of
//! [`crate::job::Job::matches`] with the similarity.

use sha2::{Digest, Sha256};

use super::super::tables;
use super::super::Store;
use crate::embed::{self, Embedder};
use crate::error::Result;
use crate::job::{Job, JobSummary};

/// A job that does not contain the query's words is listed when its similarity to the query
/// is at least this (all-MiniLM-L6-v2 cosine; unrelated job ads score below 0.2).
pub const JOB_MIN_SIMILARITY: f32 = 0.3;

fn embedding_text(job: &Job) -> String {
    format!("{} at {}\n{}", job.role, job.company, job.description)
}

fn digest(text: &str) -> String {
    crate::assets::hex(&Sha256::digest(text.as_bytes()))
}

impl Store {
    /// Jobs matching `query` by words or by meaning, best first: those containing every word
    /// first, by similarity, then those similar enough ([`JOB_MIN_SIMILARITY`]). An empty
    /// query lists every job as [`Store::search_jobs`] does.
    pub fn search_jobs_by_meaning(
        &self,
        embedder: &Embedder,
        query: &str,
        include_archived: bool,
    ) -> Result<Vec<JobSummary>> {
        let query = query.trim();
        if query.is_empty() {
            return self.search_jobs("", include_archived);
        }
        let all = self.search_jobs("", include_archived)?;
        // Embed the jobs whose text changed since their vector was made.
        let stale: Vec<(Job, String)> = self.read(|rtxn, dbs| {
            let mut out = Vec::new();
            for s in &all {
                let text = embedding_text(&s.job);
                let fresh = dbs
                    .job_vectors
                    .get(rtxn, &s.job.id)?
                    .is_some_and(|(d, _)| d == digest(&text));
                if !fresh {
                    out.push((s.job.clone(), text));
                }
            }
            Ok(out)
        })?;
        if !stale.is_empty() {
            let texts: Vec<&str> = stale.iter().map(|(_, t)| t.as_str()).collect();
            let vectors = embedder.embed(&texts)?;
            self.write(|wtxn, dbs| {
                for ((job, text), v) in stale.iter().zip(&vectors) {
                    if tables::jobs::get(wtxn, dbs, &job.id)?.is_some() {
                        dbs.job_vectors
                            .put(wtxn, &job.id, &(digest(text), embed::to_bytes(v)))?;
                    }
                }
                Ok(())
            })?;
        }
        let q = embedder.embed_one(query)?;
        let mut scored: Vec<(bool, f32, JobSummary)> = self.read(|rtxn, dbs| {
            let mut out = Vec::new();
            for s in all {
                let similarity = dbs
                    .job_vectors
                    .get(rtxn, &s.job.id)?
                    .map_or(0.0, |(_, bytes)| embed::cosine_bytes(&q, &bytes));
                let words = s.job.matches(query);
                if words || similarity >= JOB_MIN_SIMILARITY {
                    out.push((words, similarity, s));
                }
            }
            Ok(out)
        })?;
        scored.sort_by(|a, b| {
            b.0.cmp(&a.0)
                .then_with(|| b.1.total_cmp(&a.1))
                .then_with(|| a.2.job.id.cmp(&b.2.job.id))
        });
        Ok(scored.into_iter().map(|(_, _, s)| s).collect())
    }
}
