//! Filling a store to a given size for benchmarks: copies of the resumes already imported,
//! with their blobs (hard links), passages, vectors and analyses, under new IDs. Only the
//! benchmarks call this; nothing in the app does.

use sha2::{Digest, Sha256};
use time::OffsetDateTime;

use super::tables;
use super::Store;
use crate::error::{Error, Result};
use crate::id::{AnalysisId, ResumeId};

impl Store {
    /// Adds copies of the stored resumes (and their analyses) until there are `target`
    /// resumes. Returns how many were added.
    #[doc(hidden)]
    pub fn replicate_for_bench(&self, target: usize, now: OffsetDateTime) -> Result<usize> {
        let templates = self.resumes()?;
        if templates.is_empty() {
            return Err(Error::invalid("bench", "import some resumes first"));
        }
        let analyses = self.analyses(None)?;
        let mut added = 0;
        let mut i = 0usize;
        while templates.len() + added < target {
            let chunk = (target - templates.len() - added).min(1000);
            // Plan the chunk and link its blobs first: the write below may run twice (when
            // the map grows), so it must not have outside effects.
            let mut plan = Vec::with_capacity(chunk);
            for _ in 0..chunk {
                let t = &templates[i % templates.len()];
                i += 1;
                let sha = crate::assets::hex(&Sha256::digest(format!("{}/{i}", t.sha256)));
                let id = ResumeId::from_sha256_hex(&sha);
                for kind in t.format.blobs() {
                    let to = self.blobs().path(kind, &id);
                    if !to.exists() {
                        std::fs::hard_link(self.blobs().path(kind, &t.id), &to)
                            .map_err(|e| Error::io("linking", &to, e))?;
                    }
                }
                plan.push((t, i, sha, id));
            }
            self.write(|wtxn, dbs| {
                for (t, i, sha, id) in &plan {
                    let mut record = (*t).clone();
                    record.id = id.clone();
                    record.sha256 = sha.clone();
                    record.file_names = [format!("copy-{i:05}.pdf")].into();
                    record.first_seen = now;
                    record.last_seen = now;
                    tables::resumes::put(wtxn, dbs, &record)?;
                    tables::passages::copy(wtxn, dbs, &t.id, id)?;
                    for a in analyses.iter().filter(|a| a.resume_id == t.id) {
                        let mut copy = a.clone();
                        copy.id = AnalysisId::random();
                        copy.resume_id = id.clone();
                        // Spread the scores so the ranking has work to do.
                        copy.score = (i64::from(a.score) + (i % 11) as i64 - 5).clamp(0, 100) as u8;
                        copy.feedback_count = 0;
                        tables::analyses::put(wtxn, dbs, &copy)?;
                    }
                }
                Ok(())
            })?;
            added += chunk;
        }
        Ok(added)
    }
}

impl Store {
    /// Times the upkeep of the feedback index in one write transaction that is then thrown
    /// away (nothing is committed): adding one record with `vector` and erasing one stored
    /// record, each with the incremental build that ends the product's writes. Returns
    /// milliseconds (add, erase).
    #[doc(hidden)]
    pub fn time_feedback_upkeep_for_bench(
        &self,
        record: &crate::feedback::Feedback,
        vector: &[f32],
    ) -> Result<(f64, f64)> {
        let _guard = self.resize.read().unwrap_or_else(|p| p.into_inner());
        let mut wtxn = self.env.write_txn()?;
        let dbs = &self.dbs;
        let erased = tables::feedback::all(&wtxn, dbs)?
            .into_iter()
            .next()
            .ok_or_else(|| Error::invalid("bench", "add some feedback first"))?;
        let t = std::time::Instant::now();
        tables::feedback::put(&mut wtxn, dbs, record, vector)?;
        tables::feedback::build_index(&mut wtxn, dbs)?;
        let add_ms = t.elapsed().as_secs_f64() * 1000.0;
        let t = std::time::Instant::now();
        tables::feedback::delete(&mut wtxn, dbs, &erased.id)?;
        tables::feedback::build_index(&mut wtxn, dbs)?;
        let erase_ms = t.elapsed().as_secs_f64() * 1000.0;
        wtxn.abort();
        Ok((add_ms, erase_ms))
    }
}
