//! Work that needs the data folder to itself, scheduled by the running app and done at its next
//! start, before the store opens: restoring a backup (the folder is replaced) and compacting
//! after an erasure (the database file is rewritten without free pages, so nothing of the
//! erased candidate stays in it). The app schedules, then restarts itself.
//!
//! The schedule is one small JSON file beside the data folder (not in it: a restore replaces
//! the folder), written atomically.

use std::fs::{File, TryLockError};
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use serde::{Deserialize, Serialize};
use time::OffsetDateTime;

use super::backup::{self, Manifest};
use super::Store;
use crate::blobs::write_atomic;
use crate::error::{Error, Result};

/// What to do at the next start.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum Pending {
    /// Replace the data with this backup (verified again before anything is replaced).
    Restore {
        /// The backup file.
        archive: PathBuf,
    },
    /// Rewrite the database without free pages.
    Compact,
}

/// What the work did.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum PendingDone {
    /// A backup was restored.
    Restored {
        /// Its manifest.
        manifest: Manifest,
        /// Where the data it replaced was kept.
        previous_data: Option<PathBuf>,
    },
    /// The database was compacted.
    Compacted,
}

impl PendingDone {
    /// A short name of the work for logs: "restore" or "compact".
    pub fn name(&self) -> &'static str {
        match self {
            PendingDone::Restored { .. } => "restore",
            PendingDone::Compacted => "compact",
        }
    }
}

/// Waits until no process holds the folder's lock (every open store holds it), at most `wait`.
fn wait_until_free(dir: &Path, wait: Duration) -> Result<()> {
    let Ok(lock) = File::open(dir.join(".shortlist.lock")) else {
        return Ok(()); // no folder yet, or never opened: nobody can hold it
    };
    let deadline = Instant::now() + wait;
    loop {
        match lock.try_lock() {
            Ok(()) => {
                let _ = lock.unlock();
                return Ok(());
            }
            Err(TryLockError::WouldBlock) if Instant::now() < deadline => {
                std::thread::sleep(Duration::from_millis(50));
            }
            Err(TryLockError::WouldBlock) => {
                return Err(Error::DataDir {
                    path: dir.to_owned(),
                    reason:
                        "another Shortlist is still using this data folder; the scheduled \
                             work will be done when Shortlist next starts with the folder to itself"
                            .into(),
                });
            }
            // A file system without locks: nothing to wait for.
            Err(TryLockError::Error(_)) => return Ok(()),
        }
    }
}

fn schedule_path(dir: &Path) -> PathBuf {
    let name = dir
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_else(|| "shortlist".into());
    dir.with_file_name(format!(".{name}.pending.json"))
}

/// Whether work is scheduled for the next start of the store in `dir`.
pub fn is_scheduled(dir: &Path) -> bool {
    schedule_path(dir).exists()
}

/// Schedules `work` for the next start (replacing anything scheduled before).
pub fn schedule(dir: &Path, work: &Pending) -> Result<()> {
    let json = serde_json::to_vec(work).map_err(|e| Error::invalid("pending", e.to_string()))?;
    write_atomic(&schedule_path(dir), &json)
}

/// How long [`run`] waits for the process that scheduled the work to let go of the folder.
pub const FOLDER_WAIT: Duration = Duration::from_secs(20);

/// Does the scheduled work, if any, and clears the schedule (also when the work fails, so a
/// bad backup cannot stop every start; the error says what happened and the data is as before).
/// Call before opening the store.
///
/// The app that scheduled the work may still be exiting when its successor starts, so this
/// first waits up to [`FOLDER_WAIT`] for the folder to be free. If another Shortlist still has
/// it then, nothing is done and the work stays scheduled for a later start.
pub fn run(dir: &Path, now: OffsetDateTime) -> Result<Option<PendingDone>> {
    run_within(dir, now, FOLDER_WAIT)
}

/// [`run`], waiting at most `wait` for the folder to be free.
pub fn run_within(dir: &Path, now: OffsetDateTime, wait: Duration) -> Result<Option<PendingDone>> {
    let path = schedule_path(dir);
    if !path.exists() {
        return Ok(None);
    }
    wait_until_free(dir, wait)?;
    let bytes = match std::fs::read(&path) {
        Ok(b) => b,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(None),
        Err(e) => return Err(Error::io("reading", &path, e)),
    };
    let _ = std::fs::remove_file(&path);
    let work: Pending = serde_json::from_slice(&bytes).map_err(|e| Error::Corrupt {
        kind: "pending work",
        reason: e.to_string(),
    })?;
    match work {
        Pending::Restore { archive } => {
            // The previous app may still be letting go of the gate it held beside the folder.
            let (manifest, previous_data) =
                backup::restore_within(&archive, dir, now, Duration::from_secs(5))?;
            tracing::info!(resumes = manifest.resumes, "backup restored at start");
            Ok(Some(PendingDone::Restored {
                manifest,
                previous_data,
            }))
        }
        Pending::Compact => {
            // Opening with the folder to itself does a due compaction; this covers the rest.
            let (store, _) = Store::open(dir)?;
            drop(store.compact()?);
            tracing::info!("database compacted at start");
            Ok(Some(PendingDone::Compacted))
        }
    }
}
