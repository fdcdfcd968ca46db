//! Checking a whole database: every record decodes and agrees with its key. A restore runs
//! this on the copy it is about to put in place.

use super::analyses::{decode as decode_analysis, ShortlistRow};
use super::Store;
use crate::embed::DIM;
use crate::error::{Error, Result};
use crate::feedback::Feedback;
use crate::id::ResumeId;

fn damaged(kind: &'static str) -> Error {
    Error::Corrupt {
        kind,
        reason: "it does not decode or does not match its key".into(),
    }
}

impl Store {
    /// Decodes every job, resume, analysis, ranking row, passage list and feedback record,
    /// checks that each resume's ID is the one its PDF's SHA-256 gives and that every vector
    /// record holds whole embeddings.
    pub(crate) fn check_records(&self) -> Result<()> {
        self.read(|rtxn, dbs| {
            for item in dbs.jobs.iter(rtxn)? {
                let (key, job) = item.map_err(|_| damaged("job"))?;
                if job.id.as_str() != key {
                    return Err(damaged("job"));
                }
            }
            for item in dbs.resumes.iter(rtxn)? {
                let (key, resume) = item.map_err(|_| damaged("resume"))?;
                let hex_ok = resume.sha256.len() == 64
                    && resume
                        .sha256
                        .bytes()
                        .all(|b| b.is_ascii_digit() || (b'a'..=b'f').contains(&b));
                if resume.id.as_str() != key
                    || !hex_ok
                    || ResumeId::from_sha256_hex(&resume.sha256) != resume.id
                {
                    return Err(damaged("resume"));
                }
            }
            for item in dbs.analyses.iter(rtxn)? {
                let (key, bytes) = item?;
                let analysis = decode_analysis(bytes).map_err(|_| damaged("analysis"))?;
                if analysis.id.as_str() != key {
                    return Err(damaged("analysis"));
                }
            }
            for item in dbs.analyses_by_job.iter(rtxn)? {
                let (_, bytes) = item?;
                serde_json::from_slice::<ShortlistRow>(bytes).map_err(|_| damaged("ranking"))?;
            }
            for item in dbs.passages.iter(rtxn)? {
                item.map_err(|_| damaged("passage"))?;
            }
            // Vectors: whole embeddings of little-endian f32.
            for item in dbs.passage_vectors.iter(rtxn)? {
                let (_, bytes) = item?;
                if bytes.len() % (DIM * 4) != 0 {
                    return Err(damaged("passage vectors"));
                }
            }
            for item in dbs.feedback_vectors.iter(rtxn)? {
                let (_, bytes) = item?;
                if bytes.len() != DIM * 4 {
                    return Err(damaged("feedback vector"));
                }
            }
            for item in dbs.feedback.iter(rtxn)? {
                let (key, bytes) = item?;
                let f: Feedback = serde_json::from_slice(bytes).map_err(|_| damaged("feedback"))?;
                if f.id.as_str() != key {
                    return Err(damaged("feedback"));
                }
            }
            for item in dbs.meta.iter(rtxn)? {
                item.map_err(|_| damaged("meta"))?;
            }
            Ok(())
        })
    }
}
