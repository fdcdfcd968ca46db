//! Checking a whole database: every record decodes and agrees with its key. A restore runs
//! this on the copy it is about to put in place.

use super::tables;
use super::Store;
use crate::error::{Error, Result};
use crate::id::ResumeId;

fn damaged(kind: &'static str) -> Error {
    Error::Corrupt {
        kind,
        reason: "it does not decode or does not match its key".into(),
    }
}

impl Store {
    /// Decodes every job, resume, analysis, ranking row, passage list, feedback record,
    /// identity and same-person link (each link mirrored, between two stored resumes),
    /// checks that each resume's ID is the one its PDF's SHA-256 gives and that every vector
    /// record holds whole embeddings.
    pub(crate) fn check_records(&self) -> Result<()> {
        self.read(|rtxn, dbs| {
            for item in dbs.jobs.iter(rtxn)? {
                let (key, job) = item.map_err(|_| damaged("job"))?;
                if job.id != key {
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
                if resume.id != key
                    || !hex_ok
                    || ResumeId::from_sha256_hex(&resume.sha256) != resume.id
                {
                    return Err(damaged("resume"));
                }
            }
            tables::analyses::check(rtxn, dbs).map_err(damaged)?;
            tables::passages::check(rtxn, dbs).map_err(damaged)?;
            tables::feedback::check(rtxn, dbs).map_err(damaged)?;
            tables::links::check(rtxn, dbs).map_err(damaged)?;
            for item in dbs.meta.iter(rtxn)? {
                item.map_err(|_| damaged("meta"))?;
            }
            Ok(())
        })
    }
}
