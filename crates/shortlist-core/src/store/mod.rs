//! The store: one LMDB environment (heed) plus content-addressed blob files.
//!
//! Layout of a data directory:
//! ```text
//! data.mdb, lock.mdb     LMDB environment (jobs, resumes, analyses, feedback, meta, ...)
//! blobs/pdf/<id>.pdf     original PDFs
//! blobs/docx/<id>.docx   original Word files
//! blobs/text/<id>.txt    extracted text
//! logs/                  rotating log files (no candidate data)
//! .shortlist.lock        advisory lock: the first process to open the dir sweeps orphans
//! .compact-pending       an erasure's compaction is still to do (see erase.rs)
//! ```
//! Beside it, `.<name>.lock` (the gate, see gate.rs) is held shared by every open store and
//! exclusively by a restore.
//! One write transaction per user action; slow work (extraction) happens before it opens.
//!
//! Two layers: [`tables`] owns the databases (one module per table, typed keys and values,
//! free functions over the caller's transaction, each table's invariants); the operations of
//! [`Store`] (`ingest`, `analyse`, `library`, `erase`, `feedback`, `legacy`, `backup`,
//! `rescore`, `verify`, `replicate`, `links`) call tables only and never each other's internals.

mod analyse;
pub mod backup;
mod env;
mod erase;
mod exports;
mod feedback;
pub mod gate;
mod ingest;
mod jobs;
mod legacy;
mod library;
mod library_stats;
mod links;
pub mod pending;
pub mod place;
mod replicate;
mod rescore;
mod search;
pub(crate) mod tables;
mod verify;
mod workflow;

use std::fs::File;
use std::path::{Path, PathBuf};
use std::sync::RwLock;

use heed::{Env, MdbError, RoTxn, RwTxn};
use serde::{Deserialize, Serialize};

use crate::blobs::{BlobKind, Blobs, SweepReport};
use crate::error::{Error, Result};
use env::{
    copy_env, create_private_dir, disk_full_if_short_write, existing_map_size, open_env,
    tighten_permissions,
};
use tables::{meta, Dbs};

pub use analyse::BatchReport;
pub use erase::{ErasureReport, JobDeletion};
pub use feedback::{FeedbackHit, SearchMode, EXACT_SEARCH_LIMIT};
pub use ingest::{
    content_address, AnalysisRef, ImportKit, IngestOutcome, IngestTools, NewResume, ResumeDetail,
    Staged,
};
pub use library_stats::{LibraryCounts, MIN_CHANGES, MIN_SHARE};
pub use links::SamePerson;
pub use rescore::{RescoreCause, RescoreProgress, RescoreReport, StaleAnalysis};
pub use search::{
    job_floor, IndexReport, LibraryFilters, LibraryHit, PassageHit, Span, VectorMode, LAZY_BUILD,
    UNRELATED_TEXTS,
};
pub use tables::{BestScore, LibraryRow, RowSkill, ShortlistRow};
pub use workflow::{Board, BoardEntry};

/// The schema version this build writes. Bump it with a migration step in [`migrate`].
pub const SCHEMA_VERSION: u32 = 2;

/// The environment variable that overrides the data directory.
pub const DATA_DIR_ENV: &str = "SHORTLIST_DATA_DIR";

const INITIAL_MAP_SIZE: usize = 256 << 20;

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

/// Counts and sizes for the storage screen.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
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
    /// Bytes of stored Word files.
    #[serde(default)]
    pub docx_bytes: u64,
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
        self.database_bytes + self.pdf_bytes + self.docx_bytes + self.text_bytes
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
    quantized: feedback::QuantizedCache,
}

impl Store {
    /// Opens (creating if needed) the store in `dir`.
    pub fn open(dir: impl Into<PathBuf>) -> Result<(Store, OpenReport)> {
        let (store, mut report) = Store::open_deferred(dir)?;
        store.catch_up_if_first(report.exclusive);
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
    /// to the caller, [`Store::missing_blobs`], and the catch-up of records an older version
    /// wrote to [`Store::catch_up`]: the app opens its window first and does both in the
    /// background (a library of 10,000 resumes from before the words index took over 30 s to
    /// index, with the window blank). Orphan blobs are still swept here, before any write.
    ///
    /// Waits (up to [`gate::OPEN_WAIT`]) while a restore replaces the folder, and first
    /// finishes a restore that was interrupted between its renames.
    pub fn open_deferred(dir: impl Into<PathBuf>) -> Result<(Store, OpenReport)> {
        let dir = dir.into();
        place::check_data_dir(&dir)?;
        let resolved = gate::resolve(&dir)?;
        let mut held = gate::shared(&resolved, gate::OPEN_WAIT)?;
        if backup::restore_interrupted(&resolved) {
            drop(held);
            let exclusive = gate::exclusive(&resolved, gate::OPEN_WAIT)?;
            backup::finish_interrupted_restore(&resolved)?;
            drop(exclusive);
            held = gate::shared(&resolved, gate::OPEN_WAIT)?;
        }
        // No restore runs while the gate is held shared: a staging folder is a leftover.
        backup::remove_restore_leftovers(&resolved);
        Store::open_at(dir, held, true)
    }

    /// Opens a restore's staging copy (the restore holds the gate of the real folder).
    pub(crate) fn open_staging(dir: &Path) -> Result<(Store, OpenReport)> {
        let (store, mut report) = Store::open_at(dir.to_owned(), None, false)?;
        store.catch_up_if_first(report.exclusive);
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
        let dbs = tables::open(&env)?;
        let mut wtxn = env.write_txn()?;
        let schema_found = meta::schema_version(&wtxn, &dbs)?;
        migrate(&mut wtxn, &dbs)?;
        wtxn.commit()?;

        if exclusive {
            erase::remove_leftovers(&dir);
            backup::remove_backup_leftovers(&dir);
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
                .sweep(|id| matches!(tables::resumes::exists(&rtxn, &store.dbs, id), Ok(true)))?;
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

    /// Brings up to date what an older version stored (idempotent; [`Store::open`] runs it,
    /// [`Store::open_deferred`] leaves it to the caller): resumes stored before identities were
    /// recorded are given one and linked, passages stored before the words index existed are
    /// indexed (until then a words search scans). Each is one transaction. Returns how many
    /// resumes each touched.
    pub fn catch_up(&self) -> Result<(usize, usize)> {
        // Resumes stored before identities were recorded: linked now.
        let identities = self.backfill_identities(time::OffsetDateTime::now_utc().date())?;
        if identities > 0 {
            tracing::info!(
                resumes = identities,
                "identities recorded for older resumes"
            );
        }
        // Suggestions an earlier version's rules made that today's do not support: dropped
        // (a placeholder phone number once linked different people).
        if !self.read(links::stale_suggestions)?.is_empty() {
            let dropped = self.write(links::revise_suggestions)?;
            tracing::info!(dropped, "suggested same-person links revised");
        }
        // Passages stored before the words index existed: indexed now.
        let words = self.write(tables::word_index::backfill)?;
        if words > 0 {
            tracing::info!(resumes = words, "words index built for older resumes");
        }
        Ok((identities, words))
    }

    /// [`Store::catch_up`] when this process opened the folder first (`opened_first`, the open
    /// report's `exclusive`: a second process on the folder leaves it to the first); a failure
    /// is logged, the store stays usable.
    pub fn catch_up_if_first(&self, opened_first: bool) {
        if opened_first {
            if let Err(e) = self.catch_up() {
                tracing::warn!(code = %e.code(), "could not bring older records up to date");
            }
        }
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

    /// A number that changes with every write committed to the data folder, by this process
    /// or another one (LMDB's last transaction ID, read from the shared lock file): the window
    /// polls it to notice a change made elsewhere (the CLI, a second window).
    pub fn data_version(&self) -> u64 {
        self.env.info().last_txn_id as u64
    }

    /// Counts and sizes.
    pub fn stats(&self) -> Result<StorageStats> {
        let (jobs, resumes, analyses, feedback, schema_version) = self.read(|rtxn, dbs| {
            Ok((
                tables::jobs::count(rtxn, dbs)?,
                tables::resumes::count(rtxn, dbs)?,
                tables::analyses::count(rtxn, dbs)?,
                tables::feedback::count(rtxn, dbs)?,
                meta::schema_version(rtxn, dbs)?.unwrap_or(SCHEMA_VERSION),
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
            docx_bytes: self.blobs.total_bytes(BlobKind::Docx),
            text_bytes: self.blobs.total_bytes(BlobKind::Text),
            schema_version,
            disk_free_bytes: space.map(|s| s.0),
            disk_total_bytes: space.map(|s| s.1),
        })
    }

    /// Resumes whose original file (PDF or Word) or text file is missing (deleted or lost
    /// outside the app).
    pub fn missing_blobs(&self) -> Result<Vec<crate::id::ResumeId>> {
        self.read(|rtxn, dbs| {
            let mut missing = Vec::new();
            for resume in tables::resumes::all(rtxn, dbs)? {
                if resume
                    .format
                    .blobs()
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

/// Brings the store to [`SCHEMA_VERSION`], one step at a time, inside the open transaction.
fn migrate(wtxn: &mut RwTxn<'_>, dbs: &Dbs) -> Result<()> {
    let found = meta::schema_version(wtxn, dbs)?;
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
            let rows = tables::analyses::migrate_rank_rows(wtxn, dbs)?;
            tracing::info!(rows, "schema 1 -> 2: shortlist rows in the ranking index");
        }
        // A new store.
        _ => {}
    }
    meta::put_schema_version(wtxn, dbs, SCHEMA_VERSION)
}
