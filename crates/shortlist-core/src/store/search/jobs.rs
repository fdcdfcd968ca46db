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

/// Texts about nothing a job is about: how similar a query is to them is how similar it is
/// to any text at all (a nonsense query sits as near these as near every job).
pub const UNRELATED_TEXTS: [&str; 8] = [
    "The weather was cold and wet all weekend.",
    "Assemble the shelf with the screws provided.",
    "The match ended in a draw after extra time.",
    "A short poem about the sea at night.",
    "The train leaves the station at ten past nine.",
    "Our cat sleeps on the sofa all afternoon.",
    "Mix the flour and water and leave the dough to rise.",
    "The museum is closed on Mondays and public holidays.",
];

/// How far above its similarity to the nearest of [`UNRELATED_TEXTS`] a job's similarity to
/// the query must be for the job to be listed by meaning (all-MiniLM-L6-v2 cosine).
pub const JOB_MARGIN: f32 = 0.1;

/// A job listed by meaning is at most this far below the most similar job: the jobs that
/// stand out, not every job of the same broad kind.
pub const JOB_SPREAD: f32 = 0.2;

/// The similarity a job needs to a query (its vector `q`) to be listed by meaning, given the
/// best similarity of any saved job (`best`).
pub fn job_floor(embedder: &Embedder, q: &[f32], best: f32) -> Result<f32> {
    let unrelated = embedder.embed(&UNRELATED_TEXTS)?;
    let near = unrelated
        .iter()
        .map(|u| embed::cosine(q, u))
        .fold(f32::MIN, f32::max);
    Ok((near + JOB_MARGIN).max(best - JOB_SPREAD))
}

fn embedding_text(job: &Job) -> String {
    format!("{} at {}\n{}", job.role, job.company, job.description)
}

fn digest(text: &str) -> String {
    crate::assets::hex(&Sha256::digest(text.as_bytes()))
}

impl Store {
    /// Jobs matching `query` by words or by meaning, best first: those containing every word
    /// first, by similarity, then those that stand out by meaning: clearly more similar to it
    /// than unrelated text is, and near the most similar job ([`job_floor`]). An empty
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
        let similar: Vec<(f32, JobSummary)> = self.read(|rtxn, dbs| {
            let mut out = Vec::new();
            for s in all {
                let similarity = dbs
                    .job_vectors
                    .get(rtxn, &s.job.id)?
                    .map_or(0.0, |(_, bytes)| embed::cosine_bytes(&q, &bytes));
                out.push((similarity, s));
            }
            Ok(out)
        })?;
        let best = similar.iter().map(|(s, _)| *s).fold(f32::MIN, f32::max);
        let floor = job_floor(embedder, &q, best)?;
        let mut scored: Vec<(bool, f32, JobSummary)> = similar
            .into_iter()
            .map(|(similarity, s)| (s.job.matches(query), similarity, s))
            .filter(|(words, similarity, _)| *words || *similarity >= floor)
            .collect();
        scored.sort_by(|a, b| {
            b.0.cmp(&a.0)
                .then_with(|| b.1.total_cmp(&a.1))
                .then_with(|| a.2.job.id.cmp(&b.2.job.id))
        });
        Ok(scored.into_iter().map(|(_, _, s)| s).collect())
    }
}
