//! The store: one LMDB environment (heed) plus content-addressed blob files.
//!
//! Layout of a data directory:
//! ```text
//! data.mdb, lock.mdb     LMDB environment (jobs, resumes, analyses, feedback, meta, ...)
//! blobs/pdf/<id>.pdf     original PDFs
//! blobs/text/<id>.txt    extracted text
//! logs/                  rotating log files (no candidate data)
//! .shortlist.lock        advisory lock: the first process to open the dir sweeps orphans
//! .compact-pending       an erasure's compaction is still to do (see erase.rs)
//! ```
//! Beside it, `.<name>.lock` (the gate, see gate.rs) is held shared by every open store and
//! exclusively by a restore.
//! One write transaction per user action; slow work (extraction) happens before it opens.

mod analyses;
mod erase;
mod feedback;
pub mod gate;
mod jobs;
mod legacy;
pub mod pending;
pub mod place;
mod quantized;
mod replicate;
mod rescore;
mod resumes;
mod verify;

use std::fs::{self, File};
use std::path::{Path, PathBuf};
use std::sync::RwLock;

use heed::byteorder::BigEndian;
use heed::types::{Bytes, SerdeJson, Str, U32};
use heed::{CommitOrAbort, Database, Env, EnvOpenOptions, MdbError, RoTxn, RwTxn};
use serde::{Deserialize, Serialize};

use crate::analysis::Passage;
use crate::blobs::{BlobKind, Blobs, SweepReport};
use crate::error::{Error, Result};
use crate::job::Job;
use crate::resume::Resume;

pub use analyses::{BatchReport, BestScore, LibraryRow, RowSkill, ShortlistRow};
pub use erase::ErasureReport;
pub use feedback::{FeedbackHit, SearchMode, EXACT_SEARCH_LIMIT};
pub use rescore::{RescoreProgress, RescoreReport, StaleAnalysis};
pub use resumes::{
    content_address, AnalysisRef, ImportKit, IngestOutcome, IngestTools, NewResume, ResumeDetail,
    Staged,
};

/// The schema version this build writes. Bump it with a migration step in [`migrate`].
pub const SCHEMA_VERSION: u32 = 2;

/// The environment variable that overrides the data directory.
pub const DATA_DIR_ENV: &str = "SHORTLIST_DATA_DIR";

const INITIAL_MAP_SIZE: usize = 256 << 20;
const MAX_DBS: u32 = 32;

/// Keys of the `meta` database.
mod meta_key {
    pub const SCHEMA_VERSION: &str = "schema_version";
    pub const CURRENT_JOB: &str = "current_job";
    pub const NEXT_FEEDBACK_ITEM: &str = "next_feedback_item";
    /// Bumped by every write of feedback vectors (invalidates in-memory copies).
    pub const FEEDBACK_VERSION: &str = "feedback_version";
}

/// The named databases.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Dbs {
    pub jobs: Database<'static, Str, SerdeJson<Job>>,
    pub resumes: Database<'static, Str, SerdeJson<Resume>>,
    /// analysis_id → analysis record (written by the analysis engine).
    pub analyses: Database<'static, Str, Bytes>,
    /// `job_id/inverted score/analysis_id` → [`ShortlistRow`] (JSON): the per-job ranking index.
    pub analyses_by_job: Database<'static, Str, Bytes>,
    /// `job_id/resume_id` → analysis_id: one analysis per pair.
    pub analysis_by_pair: Database<'static, Str, Str>,
    /// resume_id → its passages (the units of evidence).
    pub passages: Database<'static, Str, SerdeJson<Vec<Passage>>>,
    /// resume_id → the passages' embeddings, little-endian f32, 384 per passage.
    pub passage_vectors: Database<'static, Str, Bytes>,
    /// feedback_id → feedback record.
    pub feedback: Database<'static, Str, Bytes>,
    /// `analysis_id/feedback_id` → feedback_id.
    pub feedback_by_analysis: Database<'static, Str, Str>,
    /// feedback_id → its embedding (little-endian f32).
    pub feedback_vectors: Database<'static, Str, Bytes>,
    /// feedback_id → its item number in the arroy index.
    pub feedback_items: Database<'static, Str, U32<BigEndian>>,
    /// arroy item number → feedback_id.
    pub feedback_by_item: Database<'static, U32<BigEndian>, Str>,
    /// The arroy index of feedback vectors.
    pub feedback_index: arroy::Database<'static, arroy::distances::Cosine>,
    pub meta: Database<'static, Str, SerdeJson<serde_json::Value>>,
}

/// The default data directory: the platform's app-data folder (`~/.local/share/shortlist` on
/// Linux), unless `SHORTLIST_DATA_DIR` is set.
pub fn default_data_dir() -> Result<PathBuf> {
    if let Some(dir) = std::env::var_os(DATA_DIR_ENV).filter(|v| !v.is_empty()) {
        return Ok(PathBuf::from(dir));
    }
    directories::ProjectDirs::from("org", "Shortlist", "Shortlist")
        .map(|p| p.data_dir().to_owned())
        .ok_or_else(|| Error::DataDir {
            path: PathBuf::from("~"),
            reason: "no home directory found; set SHORTLIST_DATA_DIR".into(),
        })
}

/// Free space under which an I/O error while writing is taken for a full disk.
const NEARLY_FULL_BYTES: u64 = 1 << 20;

/// LMDB reports a short write, which is what a file system that fills up mid-write gives, as
/// EIO. When the data folder's disk is (nearly) full, that is what happened: say so.
fn disk_full_if_short_write(e: Error, free_bytes: impl FnOnce() -> Option<u64>) -> Error {
    let eio = match &e {
        Error::Database(heed::Error::Io(io)) => io.raw_os_error() == Some(libc::EIO),
        Error::Database(heed::Error::Mdb(MdbError::Other(code))) => *code == libc::EIO,
        _ => false,
    };
    if eio && free_bytes().is_some_and(|free| free < NEARLY_FULL_BYTES) {
        Error::DiskFull
    } else {
        e
    }
}

/// Counts and sizes for the storage screen.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, ts_rs::TS)]
pub struct StorageStats {
    /// The data directory.
    pub data_dir: PathBuf,
    /// Number of jobs.
    pub jobs: u64,
    /// Number of resumes.
    pub resumes: u64,
    /// Number of analyses.
    pub analyses: u64,
    /// Number of feedback records.
    pub feedback: u64,
    /// Bytes of the LMDB file on disk.
    pub database_bytes: u64,
    /// Bytes of stored PDFs.
    pub pdf_bytes: u64,
    /// Bytes of extracted text.
    pub text_bytes: u64,
    /// The schema version of the store.
    pub schema_version: u32,
    /// Free bytes on the disk holding the data directory, if known.
    pub disk_free_bytes: Option<u64>,
    /// Size of that disk, if known.
    pub disk_total_bytes: Option<u64>,
}

impl StorageStats {
    /// Everything together.
    pub fn total_bytes(&self) -> u64 {
        self.database_bytes + self.pdf_bytes + self.text_bytes
    }
}

/// What opening the store found and repaired.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct OpenReport {
    /// Orphan blobs and temp files removed (left by an interrupted import).
    pub swept: SweepReport,
    /// Resumes whose PDF or text blob is missing: reported, never silently dropped.
    pub missing_blobs: Vec<crate::id::ResumeId>,
    /// Whether this process was the only one with the store open (and so could sweep).
    pub exclusive: bool,
    /// The schema version the folder held before this open (`None`: a new, empty store).
    pub schema_found: Option<u32>,
}

/// The store. Cheap to share behind an `Arc`; every method is `&self`.
#[derive(Debug)]
pub struct Store {
    dir: PathBuf,
    env: Env,
    dbs: Dbs,
    blobs: Blobs,
    /// Readers and writers hold it shared; growing the map takes it exclusively.
    resize: RwLock<()>,
    _dir_lock: File,
    /// The gate beside the folder, held shared while the store is open (see [`gate`]).
    _gate: Option<gate::Gate>,
    /// The int8 copy of the feedback vectors, built on the first large search.
    quantized: RwLock<Option<std::sync::Arc<quantized::Quantized>>>,
}

impl Store {
    /// Opens (creating if needed) the store in `dir`.
    pub fn open(dir: impl Into<PathBuf>) -> Result<(Store, OpenReport)> {
        let (store, mut report) = Store::open_deferred(dir)?;
        report.missing_blobs = store.missing_blobs()?;
        if !report.missing_blobs.is_empty() {
            tracing::warn!(
                count = report.missing_blobs.len(),
                "resumes with missing blobs"
            );
        }
        Ok((store, report))
    }

    /// As [`Store::open`], but leaves the check for missing blobs (a pass over every resume)
    /// to the caller, [`Store::missing_blobs`]: the app opens its window first and checks in
    /// the background. Orphan blobs are still swept here, before any write.
    ///
    /// Waits (up to [`gate::OPEN_WAIT`]) while a restore replaces the folder, and first
    /// finishes a restore that was interrupted between its renames.
    pub fn open_deferred(dir: impl Into<PathBuf>) -> Result<(Store, OpenReport)> {
        let dir = dir.into();
        place::check_data_dir(&dir)?;
        let resolved = gate::resolve(&dir)?;
        let mut held = gate::shared(&resolved, gate::OPEN_WAIT)?;
        if crate::backup::restore_interrupted(&resolved) {
            drop(held);
            let exclusive = gate::exclusive(&resolved, gate::OPEN_WAIT)?;
            crate::backup::finish_interrupted_restore(&resolved)?;
            drop(exclusive);
            held = gate::shared(&resolved, gate::OPEN_WAIT)?;
        }
        // No restore runs while the gate is held shared: a staging folder is a leftover.
        crate::backup::remove_restore_leftovers(&resolved);
        Store::open_at(dir, held, true)
    }

    /// Opens a restore's staging copy (the restore holds the gate of the real folder).
    pub(crate) fn open_staging(dir: &Path) -> Result<(Store, OpenReport)> {
        let (store, mut report) = Store::open_at(dir.to_owned(), None, false)?;
        report.missing_blobs = store.missing_blobs()?;
        Ok((store, report))
    }

    fn open_at(
        dir: PathBuf,
        held: Option<gate::Gate>,
        compact_if_due: bool,
    ) -> Result<(Store, OpenReport)> {
        create_private_dir(&dir)?;
        let dir = dir
            .canonicalize()
            .map_err(|e| Error::io("opening", &dir, e))?;
        place::check_data_dir(&dir)?;
        tighten_permissions(&dir);
        let lock_path = dir.join(".shortlist.lock");
        let dir_lock = File::options()
            .create(true)
            .truncate(false)
            .write(true)
            .open(&lock_path)
            .map_err(|e| Error::io("creating", &lock_path, e))?;
        let exclusive = dir_lock.try_lock().is_ok();

        let map_size = existing_map_size(&dir).max(INITIAL_MAP_SIZE);
        let env = open_env(&dir, map_size)?;
        let dbs = env
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
                Ok::<_, heed::Error>(CommitOrAbort::<_, ()>::Commit((records, rest)))
            })?
            .commit()
            .map(
                |(
                    (
                        jobs,
                        resumes,
                        analyses,
                        analyses_by_job,
                        analysis_by_pair,
                        passages,
                        passage_vectors,
                    ),
                    (
                        feedback,
                        feedback_by_analysis,
                        feedback_vectors,
                        feedback_items,
                        feedback_by_item,
                        feedback_index,
                        meta,
                    ),
                )| Dbs {
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
                },
            )
            .ok_or_else(|| Error::Corrupt {
                kind: "database",
                reason: "opening the databases was aborted".into(),
            })?;
        let mut wtxn = env.write_txn()?;
        let schema_found = schema_version(&wtxn, &dbs)?;
        migrate(&mut wtxn, &dbs)?;
        wtxn.commit()?;

        if exclusive {
            erase::remove_leftovers(&dir);
            crate::backup::remove_backup_leftovers(&dir);
            if compact_if_due && erase::compaction_due(&dir) {
                match erase::copy_compacted(&env, &dir) {
                    Ok(compacted) => {
                        erase::put_compacted(env, &compacted, &dir)?;
                        tracing::info!("database compacted at open (an erasure's compaction)");
                        drop(dir_lock);
                        return Store::open_at(dir, held, false);
                    }
                    Err(e) => tracing::warn!(error = %e, "the scheduled compaction failed"),
                }
            }
        }

        let blobs = Blobs::open(dir.join("blobs"))?;
        let store = Store {
            dir,
            env,
            dbs,
            blobs,
            resize: RwLock::new(()),
            _dir_lock: dir_lock,
            _gate: held,
            quantized: RwLock::new(None),
        };
        let mut report = OpenReport {
            exclusive,
            schema_found,
            ..OpenReport::default()
        };
        if exclusive {
            let rtxn = store.env.read_txn()?;
            report.swept = store
                .blobs
                .sweep(|id| matches!(store.dbs.resumes.get(&rtxn, id.as_str()), Ok(Some(_))))?;
            drop(rtxn);
            // Let other processes share the directory from now on.
            let _ = store._dir_lock.unlock();
        }
        if store._dir_lock.lock_shared().is_err() {
            tracing::warn!("could not take a shared lock on the data directory");
        }
        if report.swept != SweepReport::default() {
            tracing::info!(?report.swept, "swept blobs left by an interrupted import");
        }
        Ok((store, report))
    }

    /// The data directory.
    pub fn dir(&self) -> &Path {
        &self.dir
    }

    /// The blob folders.
    pub fn blobs(&self) -> &Blobs {
        &self.blobs
    }

    /// Runs `f` in a read transaction.
    pub(crate) fn read<T>(&self, f: impl FnOnce(&RoTxn<'_>, &Dbs) -> Result<T>) -> Result<T> {
        let _guard = self.resize.read().unwrap_or_else(|p| p.into_inner());
        let rtxn = self.env.read_txn()?;
        f(&rtxn, &self.dbs)
    }

    /// Runs `f` in one write transaction and commits it; grows the map and retries on
    /// `MDB_MAP_FULL`, so `f` may run more than once (it must not have outside effects).
    pub(crate) fn write<T>(
        &self,
        mut f: impl FnMut(&mut RwTxn<'_>, &Dbs) -> Result<T>,
    ) -> Result<T> {
        loop {
            let attempt = {
                let _guard = self.resize.read().unwrap_or_else(|p| p.into_inner());
                let mut wtxn = self.env.write_txn()?;
                f(&mut wtxn, &self.dbs).and_then(|value| {
                    wtxn.commit()?;
                    Ok(value)
                })
            };
            match attempt {
                Err(Error::Database(heed::Error::Mdb(MdbError::MapFull))) => self.grow()?,
                other => {
                    return other.map_err(|e| {
                        disk_full_if_short_write(e, || place::disk_space(&self.dir).map(|s| s.0))
                    })
                }
            }
        }
    }

    fn grow(&self) -> Result<()> {
        let _guard = self.resize.write().unwrap_or_else(|p| p.into_inner());
        let new_size = self.env.info().map_size.saturating_mul(2);
        tracing::info!(new_size, "growing the database map");
        // SAFETY: the exclusive `resize` lock guarantees that no transaction of this process
        // is open (every transaction is taken under the shared lock).
        #[allow(unsafe_code)]
        unsafe {
            self.env.resize(new_size)?;
        }
        Ok(())
    }

    /// A compacted, consistent copy of the database file at `dest` (LMDB copies from one
    /// read snapshot; compaction leaves out free pages, so deleted data is not copied).
    pub(crate) fn copy_database(&self, dest: &Path) -> Result<()> {
        let _guard = self.resize.read().unwrap_or_else(|p| p.into_inner());
        copy_env(&self.env, dest)
    }

    /// Counts and sizes.
    pub fn stats(&self) -> Result<StorageStats> {
        let (jobs, resumes, analyses, feedback, schema_version) = self.read(|rtxn, dbs| {
            Ok((
                dbs.jobs.len(rtxn)?,
                dbs.resumes.len(rtxn)?,
                dbs.analyses.len(rtxn)?,
                dbs.feedback.len(rtxn)?,
                schema_version(rtxn, dbs)?.unwrap_or(SCHEMA_VERSION),
            ))
        })?;
        let space = place::disk_space(&self.dir);
        Ok(StorageStats {
            data_dir: self.dir.clone(),
            jobs,
            resumes,
            analyses,
            feedback,
            database_bytes: self.env.real_disk_size()?,
            pdf_bytes: self.blobs.total_bytes(BlobKind::Pdf),
            text_bytes: self.blobs.total_bytes(BlobKind::Text),
            schema_version,
            disk_free_bytes: space.map(|s| s.0),
            disk_total_bytes: space.map(|s| s.1),
        })
    }

    /// Resumes whose PDF or text file is missing (deleted or lost outside the app).
    pub fn missing_blobs(&self) -> Result<Vec<crate::id::ResumeId>> {
        self.read(|rtxn, dbs| {
            let mut missing = Vec::new();
            for item in dbs.resumes.iter(rtxn)? {
                let (_, resume) = item?;
                if BlobKind::ALL
                    .iter()
                    .any(|&kind| !self.blobs.exists(kind, &resume.id))
                {
                    missing.push(resume.id);
                }
            }
            Ok(missing)
        })
    }
}

/// A compacted copy of `env`'s database at `dest`, synced.
fn copy_env(env: &Env, dest: &Path) -> Result<()> {
    let file = env
        .copy_to_path(dest, heed::CompactionOption::Enabled)
        .map_err(|e| match e {
            heed::Error::Io(io) => Error::io("copying the database to", dest, io),
            other => Error::Database(other),
        })?;
    file.sync_all().map_err(|e| Error::io("syncing", dest, e))
}

fn open_env(dir: &Path, map_size: usize) -> Result<Env> {
    let mut options = EnvOpenOptions::new();
    options.map_size(map_size).max_dbs(MAX_DBS);
    // SAFETY: the data directory is only ever opened through this function, and the directory
    // lock plus heed's one-env-per-path rule keep this process from opening it twice.
    // NO_READ_AHEAD: lookups are random (a record here, a row there); read-ahead and the
    // kernel's fault-around would map hundreds of MB of neighbouring pages into the process.
    #[allow(unsafe_code)]
    let env = unsafe {
        options.flags(heed::EnvFlags::NO_READ_AHEAD);
        options.open(dir)
    };
    env.map_err(|e| match e {
        heed::Error::Io(io) => Error::io("opening the database in", dir, io),
        other => Error::Database(other),
    })
}

/// The map must be at least as large as the existing file.
fn existing_map_size(dir: &Path) -> usize {
    let len = fs::metadata(dir.join("data.mdb"))
        .map(|m| m.len())
        .unwrap_or(0);
    let len = usize::try_from(len).unwrap_or(usize::MAX);
    // Round up to the next power of two with headroom.
    len.saturating_mul(2)
        .checked_next_power_of_two()
        .unwrap_or(len)
}

/// A data folder others can read or enter is made private (0700); if that fails (the folder
/// belongs to someone else), a warning says so.
fn tighten_permissions(dir: &Path) {
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        let Ok(meta) = fs::metadata(dir) else { return };
        let mode = meta.permissions().mode() & 0o777;
        if mode & 0o077 != 0 {
            match fs::set_permissions(dir, fs::Permissions::from_mode(0o700)) {
                Ok(()) => {
                    tracing::info!(from = format!("{mode:o}"), "data folder made private (700)")
                }
                Err(e) => tracing::warn!(
                    mode = format!("{mode:o}"),
                    error = %e,
                    "the data folder can be read by other users and could not be made private"
                ),
            }
        }
    }
    #[cfg(not(unix))]
    let _ = dir;
}

fn create_private_dir(dir: &Path) -> Result<()> {
    let mut builder = fs::DirBuilder::new();
    builder.recursive(true);
    #[cfg(unix)]
    {
        use std::os::unix::fs::DirBuilderExt;
        builder.mode(0o700);
    }
    builder.create(dir).map_err(|e| {
        if dir.exists() && !dir.is_dir() {
            Error::DataDir {
                path: dir.to_owned(),
                reason: "this is a file, not a folder".into(),
            }
        } else {
            Error::io("creating the data directory", dir, e)
        }
    })
}

fn schema_version(rtxn: &RoTxn<'_>, dbs: &Dbs) -> Result<Option<u32>> {
    match dbs.meta.get(rtxn, meta_key::SCHEMA_VERSION)? {
        None => Ok(None),
        Some(value) => value
            .as_u64()
            .and_then(|v| u32::try_from(v).ok())
            .map(Some)
            .ok_or_else(|| Error::Corrupt {
                kind: "meta",
                reason: "schema version is not a number".into(),
            }),
    }
}

/// Brings the store to [`SCHEMA_VERSION`], one step at a time, inside the open transaction.
fn migrate(wtxn: &mut RwTxn<'_>, dbs: &Dbs) -> Result<()> {
    let found = schema_version(wtxn, dbs)?;
    match found {
        Some(v) if v > SCHEMA_VERSION => {
            return Err(Error::SchemaTooNew {
                found: v,
                supported: SCHEMA_VERSION,
            })
        }
        Some(v) if v == SCHEMA_VERSION => return Ok(()),
        // Each step upgrades by one version.
        Some(1) => {
            let rows = analyses::migrate_rank_rows(wtxn, dbs)?;
            tracing::info!(rows, "schema 1 -> 2: shortlist rows in the ranking index");
        }
        // A new store.
        _ => {}
    }
    dbs.meta.put(
        wtxn,
        meta_key::SCHEMA_VERSION,
        &serde_json::Value::from(SCHEMA_VERSION),
    )?;
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn eio() -> Error {
        Error::Database(heed::Error::Io(std::io::Error::from_raw_os_error(
            libc::EIO,
        )))
    }

    #[test]
    fn a_short_write_on_a_full_disk_is_a_full_disk() {
        assert!(matches!(
            disk_full_if_short_write(eio(), || Some(4096)),
            Error::DiskFull
        ));
        // With room left, an I/O error stays what it is.
        assert!(matches!(
            disk_full_if_short_write(eio(), || Some(10 << 30)),
            Error::Database(_)
        ));
        assert!(matches!(
            disk_full_if_short_write(eio(), || None),
            Error::Database(_)
        ));
        let other = Error::Database(heed::Error::Io(std::io::Error::from_raw_os_error(
            libc::EACCES,
        )));
        assert!(matches!(
            disk_full_if_short_write(other, || Some(0)),
            Error::Database(_)
        ));
    }
}
