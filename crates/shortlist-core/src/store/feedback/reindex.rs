//! Rebuilding the derived vectors from the records.

use std::collections::HashMap;

use super::super::tables;
use super::super::Store;
use crate::embed::Embedder;
use crate::error::{Error, Result};
use crate::feedback::Feedback;
use crate::id::FeedbackId;

impl Store {
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
                if !tables::resumes::exists(wtxn, dbs, &r.id)? {
                    return Ok(false);
                }
                tables::passages::put(wtxn, dbs, &r.id, &prepared.passages, &prepared.vectors)?;
                Ok(true)
            })?;
            reindexed += usize::from(stored);
        }

        // Fresh vectors by record, with the text they were made from.
        let mut fresh: HashMap<FeedbackId, (String, Vec<f32>)> = Default::default();
        let mut todo = self.feedback_list(None)?;
        for _attempt in 0..4 {
            let texts: Vec<String> = todo.iter().map(Feedback::embedding_text).collect();
            if !texts.is_empty() {
                for ((f, text), v) in todo.iter().zip(texts.clone()).zip(embedder.embed(&texts)?) {
                    fresh.insert(f.id.clone(), (text, v));
                }
            }
            let outcome = self.write(|wtxn, dbs| {
                let current = tables::feedback::all(wtxn, dbs)?;
                let mut plan: Vec<(FeedbackId, Vec<f32>)> = Vec::with_capacity(current.len());
                let mut missing = Vec::new();
                for f in current {
                    match fresh.get(&f.id) {
                        Some((text, v)) if *text == f.embedding_text() => {
                            plan.push((f.id.clone(), v.clone()));
                        }
                        _ => match tables::feedback::vector(wtxn, dbs, f.id.as_str())? {
                            Some(v) => plan.push((f.id.clone(), v)),
                            None => missing.push(f),
                        },
                    }
                }
                if !missing.is_empty() {
                    // Nothing written: embed these outside the transaction, then again.
                    return Ok(Err(missing));
                }
                tables::feedback::clear_vectors(wtxn, dbs)?;
                for (id, v) in &plan {
                    tables::feedback::put_vector(wtxn, dbs, id, v)?;
                }
                tables::feedback::build_index(wtxn, dbs)?;
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
}
