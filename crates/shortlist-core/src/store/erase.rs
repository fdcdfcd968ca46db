//! Erasing a candidate for good: the resume, its file (PDF or Word) and text, its passages and
//! vectors, its identity and same-person links, every
//! analysis of it and every feedback record on those analyses (with their vectors), in one
//! transaction; then a compaction so that no free database page keeps a copy.
//!
//! The compaction is scheduled (the marker file `.compact-pending` in the data folder) before
//! the erasure commits and unscheduled only once the compacted file is in place. Whenever it is
//! refused (another Shortlist has the folder) or interrupted (a crash, kill -9), the next open
//! that has the folder to itself does it.
//!
//! Deleting a job for good ([`Store::delete_job`]) is the job's counterpart: the job, its
//! criteria, every analysis of it (with its score history), each candidate's stage and history
//! and notes for it, and the feedback records on those analyses with their vectors, in one
//! transaction. The resumes, and their tags (which belong to no job), stay.

use std::path::{Path, PathBuf};

use heed::Env;

use serde::{Deserialize, Serialize};

use super::tables;
use super::{copy_env, Store};
use crate::blobs::{sync_dir, write_atomic, BlobKind};
use crate::error::{Error, Result};
use crate::id::{JobId, ResumeId};

/// What an erasure removed.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct ErasureReport {
    /// The resume erased.
    pub resume_id: Option<ResumeId>,
    /// Analyses removed.
    pub analyses: usize,
    /// Feedback records removed.
    pub feedback: usize,
}

/// What deleting a job removes (or, before it is deleted, would remove).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct JobDeletion {
    /// The job.
    pub job_id: JobId,
    /// Its analyses (one per candidate scored against it).
    pub analyses: usize,
    /// Feedback records on those analyses.
    pub feedback: usize,
    /// Notes on its candidates.
    pub notes: usize,
    /// The current job afterwards: unchanged, or, when the deleted job was the current one,
    /// the newest remaining job that is not archived (none when there is no such job).
    pub current_job: Option<JobId>,
}

/// Marks the folder's compaction as due (durably).
const COMPACT_MARKER: &str = ".compact-pending";
/// The compacted copy while it is written (removed by the next exclusive open if left).
const COMPACTED: &str = "data.mdb.compact";

pub(super) fn compaction_due(dir: &Path) -> bool {
    dir.join(COMPACT_MARKER).exists()
}

fn schedule_compaction(dir: &Path) -> Result<()> {
    write_atomic(
        &dir.join(COMPACT_MARKER),
        b"an erasure's compaction is due\n",
    )
}

/// Writes the compacted copy of `env` beside its database.
pub(super) fn copy_compacted(env: &Env, dir: &Path) -> Result<PathBuf> {
    let compacted = dir.join(COMPACTED);
    let _ = std::fs::remove_file(&compacted);
    copy_env(env, &compacted)?;
    Ok(compacted)
}

/// Closes `env`, puts the compacted copy in its place and unschedules the compaction. The
/// caller holds the folder's lock exclusively.
pub(super) fn put_compacted(env: Env, compacted: &Path, dir: &Path) -> Result<()> {
    env.prepare_for_closing().wait();
    std::fs::rename(compacted, dir.join("data.mdb"))
        .map_err(|e| Error::io("replacing the database in", dir, e))?;
    sync_dir(dir)?;
    match std::fs::remove_file(dir.join(COMPACT_MARKER)) {
        Ok(()) => sync_dir(dir),
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => Ok(()),
        Err(e) => Err(Error::io("removing", dir.join(COMPACT_MARKER), e)),
    }
}

/// The newest job other than `except` that is not archived.
fn newest_other_job(
    rtxn: &heed::RoTxn<'_>,
    dbs: &tables::Dbs,
    except: &JobId,
) -> Result<Option<JobId>> {
    Ok(tables::jobs::all(rtxn, dbs)?
        .into_iter()
        .filter(|j| &j.id != except && !j.archived)
        .max_by(|a, b| {
            a.created_at
                .cmp(&b.created_at)
                .then_with(|| b.id.cmp(&a.id))
        })
        .map(|j| j.id))
}

/// Removes what a killed compaction left (a whole copy of the database). Exclusive opens only.
pub(super) fn remove_leftovers(dir: &Path) {
    let _ = std::fs::remove_file(dir.join(COMPACTED));
}

impl Store {
    /// Erases a candidate: everything derived from one resume, in one transaction, then the
    /// blobs. Call [`Store::compact`] afterwards so the database file keeps no old page; it is
    /// scheduled before the erasure commits, so if that compaction does not happen, the next
    /// open with the folder to itself does it.
    pub fn erase_resume(&self, id: &ResumeId) -> Result<ErasureReport> {
        if !self.read(|rtxn, dbs| tables::resumes::exists(rtxn, dbs, id))? {
            return Err(Error::NotFound {
                kind: "resume",
                id: id.to_string(),
            });
        }
        schedule_compaction(&self.dir)?;
        let report = self.write(|wtxn, dbs| {
            if !tables::resumes::exists(wtxn, dbs, id)? {
                return Err(Error::NotFound {
                    kind: "resume",
                    id: id.to_string(),
                });
            }
            let mut report = ErasureReport {
                resume_id: Some(id.clone()),
                ..Default::default()
            };
            for analysis in tables::analyses::of_resume(wtxn, dbs, id)? {
                report.feedback += tables::feedback::delete_of_analysis(wtxn, dbs, &analysis)?;
                tables::analyses::delete(wtxn, dbs, &analysis)?;
                report.analyses += 1;
            }
            if report.feedback > 0 {
                // The erased items leave the index's trees; nothing else is rebuilt.
                tables::feedback::build_index(wtxn, dbs)?;
            }
            // Their stage, its history, notes and tags go too.
            let jobs: Vec<crate::id::JobId> = tables::jobs::all(wtxn, dbs)?
                .into_iter()
                .map(|j| j.id)
                .collect();
            tables::workflow::delete_of_resume(wtxn, dbs, id, &jobs)?;
            tables::passages::delete(wtxn, dbs, id)?;
            // Its terms leave the library's statistics.
            tables::library_stats::remove(wtxn, dbs, id)?;
            // Its identity and its "same person" links go too (the other resumes stay).
            tables::links::delete_of_resume(wtxn, dbs, id)?;
            tables::resumes::delete(wtxn, dbs, id)?;
            Ok(report)
        })?;
        for kind in BlobKind::ALL {
            self.blobs().remove(kind, id)?;
        }
        tracing::info!(resume_id = %id, analyses = report.analyses, feedback = report.feedback, "candidate erased");
        Ok(report)
    }

    /// What [`Store::delete_job`] would remove, for its confirmation; nothing is changed.
    pub fn job_deletion_counts(&self, id: &JobId) -> Result<JobDeletion> {
        self.read(|rtxn, dbs| {
            tables::jobs::require(rtxn, dbs, id)?;
            let mut counts = JobDeletion {
                job_id: id.clone(),
                analyses: 0,
                feedback: 0,
                notes: tables::workflow::note_count_of_job(rtxn, dbs, id)?,
                current_job: tables::meta::current_job(rtxn, dbs)?,
            };
            tables::analyses::each_row(rtxn, dbs, id, |row| {
                counts.analyses += 1;
                counts.feedback +=
                    tables::feedback::ids_of_analysis(rtxn, dbs, &row.analysis_id)?.len();
                Ok(true)
            })?;
            if counts.current_job.as_ref() == Some(id) {
                counts.current_job = newest_other_job(rtxn, dbs, id)?;
            }
            Ok(counts)
        })
    }

    /// Deletes a job for good, in one transaction: the job with its criteria, every analysis
    /// of it (with its score history), its candidates' stages, stage histories and notes, and
    /// the feedback records on its analyses with their vectors (out of the feedback index).
    /// Resumes and tags stay. When it was the current job, the newest remaining job that is
    /// not archived becomes current (or none). Unknown ID: [`Error::NotFound`].
    pub fn delete_job(&self, id: &JobId) -> Result<JobDeletion> {
        let report = self.write(|wtxn, dbs| {
            tables::jobs::require(wtxn, dbs, id)?;
            let mut analyses = Vec::new();
            tables::analyses::each_row(wtxn, dbs, id, |row| {
                analyses.push(row.analysis_id);
                Ok(true)
            })?;
            let mut report = JobDeletion {
                job_id: id.clone(),
                analyses: 0,
                feedback: 0,
                notes: 0,
                current_job: tables::meta::current_job(wtxn, dbs)?,
            };
            for analysis in &analyses {
                report.feedback += tables::feedback::delete_of_analysis(wtxn, dbs, analysis)?;
                if tables::analyses::delete(wtxn, dbs, analysis)? {
                    report.analyses += 1;
                }
            }
            if report.feedback > 0 {
                // The deleted items leave the index's trees; nothing else is rebuilt.
                tables::feedback::build_index(wtxn, dbs)?;
            }
            report.notes = tables::workflow::delete_of_job(wtxn, dbs, id)?;
            dbs.job_vectors.delete(wtxn, id)?;
            dbs.jobs.delete(wtxn, id)?;
            if report.current_job.as_ref() == Some(id) {
                report.current_job = newest_other_job(wtxn, dbs, id)?;
                match &report.current_job {
                    Some(next) => tables::meta::put_current_job(wtxn, dbs, next)?,
                    None => tables::meta::clear_current_job(wtxn, dbs)?,
                }
            }
            Ok(report)
        })?;
        tracing::info!(job_id = %id, analyses = report.analyses, feedback = report.feedback, notes = report.notes, "job deleted");
        Ok(report)
    }

    /// Whether an erasure's compaction is still to do in this folder.
    pub fn compaction_due(&self) -> bool {
        compaction_due(&self.dir)
    }

    /// Rewrites the database file without free pages, so erased records leave no trace in it.
    /// Needs the data directory to itself: if another Shortlist process has it open, it fails
    /// and the compaction stays scheduled for the next open that has the folder to itself.
    pub fn compact(self) -> Result<Store> {
        let dir = self.dir.clone();
        // Only one process may have the folder: the other's map would point at a replaced file.
        let _ = self._dir_lock.unlock();
        if self._dir_lock.try_lock().is_err() {
            let _ = self._dir_lock.lock_shared();
            let _ = schedule_compaction(&dir);
            return Err(Error::DataDir {
                path: dir,
                reason: "another Shortlist is using this data folder, so the database could not \
                         be compacted yet; it will be when Shortlist next opens the folder with \
                         no other Shortlist using it"
                    .into(),
            });
        }
        let copied = {
            let _guard = self.resize.read().unwrap_or_else(|p| p.into_inner());
            copy_compacted(&self.env, &dir)
        };
        let compacted = match copied {
            Ok(c) => c,
            Err(e) => {
                let _ = self._dir_lock.unlock();
                let _ = self._dir_lock.lock_shared();
                return Err(e);
            }
        };
        let Store {
            env,
            _dir_lock,
            _gate,
            ..
        } = self;
        put_compacted(env, &compacted, &dir)?;
        drop(_dir_lock);
        Ok(Store::open_at(dir, _gate, false)?.0)
    }
}
