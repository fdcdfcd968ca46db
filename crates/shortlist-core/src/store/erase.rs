//! Erasing a candidate for good: the resume, its PDF and text, its passages and vectors, every
//! analysis of it and every feedback record on those analyses (with their vectors), in one
//! transaction; then a compaction so that no free database page keeps a copy.

use serde::{Deserialize, Serialize};

use super::analyses::{decode as decode_analysis, rank_key};
use super::feedback::{arroy_err, build_index, index_writer};
use super::{Dbs, Store};
use crate::blobs::{sync_dir, BlobKind};
use crate::error::{Error, Result};
use crate::id::{AnalysisId, FeedbackId, ResumeId};

/// What an erasure removed.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize, ts_rs::TS)]
pub struct ErasureReport {
    /// The resume erased.
    pub resume_id: Option<ResumeId>,
    /// Analyses removed.
    pub analyses: usize,
    /// Feedback records removed.
    pub feedback: usize,
}

fn erase_feedback(wtxn: &mut heed::RwTxn<'_>, dbs: &Dbs, analysis: &AnalysisId) -> Result<usize> {
    let prefix = format!("{analysis}/");
    let mut ids = Vec::new();
    for item in dbs.feedback_by_analysis.prefix_iter(wtxn, &prefix)? {
        let (key, id) = item?;
        ids.push((key.to_owned(), FeedbackId::parse(id)?));
    }
    let writer = index_writer(dbs);
    for (key, id) in &ids {
        dbs.feedback.delete(wtxn, id.as_str())?;
        dbs.feedback_by_analysis.delete(wtxn, key)?;
        dbs.feedback_vectors.delete(wtxn, id.as_str())?;
        if let Some(item) = dbs.feedback_items.get(wtxn, id.as_str())? {
            writer.del_item(wtxn, item).map_err(arroy_err)?;
            dbs.feedback_by_item.delete(wtxn, &item)?;
            dbs.feedback_items.delete(wtxn, id.as_str())?;
        }
    }
    Ok(ids.len())
}

impl Store {
    /// Erases a candidate: everything derived from one resume, in one transaction, then the
    /// blobs. Call [`Store::compact`] afterwards so the database file keeps no old page.
    pub fn erase_resume(&self, id: &ResumeId) -> Result<ErasureReport> {
        let report = self.write(|wtxn, dbs| {
            if dbs.resumes.get(wtxn, id.as_str())?.is_none() {
                return Err(Error::NotFound {
                    kind: "resume",
                    id: id.to_string(),
                });
            }
            let suffix = format!("/{id}");
            let mut pairs = Vec::new();
            for item in dbs.analysis_by_pair.iter(wtxn)? {
                let (key, analysis) = item?;
                if key.ends_with(&suffix) {
                    pairs.push((key.to_owned(), AnalysisId::parse(analysis)?));
                }
            }
            let mut report = ErasureReport {
                resume_id: Some(id.clone()),
                ..Default::default()
            };
            for (pair, analysis_id) in &pairs {
                report.feedback += erase_feedback(wtxn, dbs, analysis_id)?;
                if let Some(bytes) = dbs.analyses.get(wtxn, analysis_id.as_str())? {
                    let a = decode_analysis(bytes)?;
                    dbs.analyses_by_job
                        .delete(wtxn, &rank_key(&a.job_id, a.score, &a.id))?;
                }
                dbs.analyses.delete(wtxn, analysis_id.as_str())?;
                dbs.analysis_by_pair.delete(wtxn, pair)?;
                report.analyses += 1;
            }
            if report.feedback > 0 {
                build_index(wtxn, dbs)?;
            }
            dbs.passages.delete(wtxn, id.as_str())?;
            dbs.passage_vectors.delete(wtxn, id.as_str())?;
            dbs.resumes.delete(wtxn, id.as_str())?;
            Ok(report)
        })?;
        for kind in BlobKind::ALL {
            self.blobs().remove(kind, id)?;
        }
        tracing::info!(resume_id = %id, analyses = report.analyses, feedback = report.feedback, "candidate erased");
        Ok(report)
    }

    /// Rewrites the database file without free pages, so erased records leave no trace in it.
    /// Needs the data directory to itself: fails if another Shortlist process has it open.
    pub fn compact(self) -> Result<Store> {
        let dir = self.dir.clone();
        // Only one process may have the folder: the other's map would point at a replaced file.
        let _ = self._dir_lock.unlock();
        if self._dir_lock.try_lock().is_err() {
            let _ = self._dir_lock.lock_shared();
            return Err(Error::DataDir {
                path: dir,
                reason: "another Shortlist is using this data folder; close it and compact again"
                    .into(),
            });
        }
        let compacted = dir.join("data.mdb.compact");
        self.copy_database(&compacted)?;
        let Store { env, _dir_lock, .. } = self;
        env.prepare_for_closing().wait();
        std::fs::rename(&compacted, dir.join("data.mdb"))
            .map_err(|e| Error::io("replacing the database in", &dir, e))?;
        sync_dir(&dir)?;
        drop(_dir_lock);
        Ok(Store::open(&dir)?.0)
    }
}
