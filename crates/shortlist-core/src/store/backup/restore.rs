//! Restoring a backup: everything checked in a staging copy beside the data folder, then the
//! two folders swapped under a journal, so an interrupted swap is finished at the next open.

use std::fs::{self, File};
use std::path::{Path, PathBuf};
use std::time::Duration;

use serde::{Deserialize, Serialize};
use time::OffsetDateTime;

use super::check::scan;
use super::{damaged, name_of, parent_of, read_head, read_small, Manifest, DATABASE, LMDB_MAGIC};
use crate::blobs::{sync_dir, write_atomic};
use crate::error::{Error, Result};
use crate::store::{gate, Store};

/// The swap's journal, written (durably) before the first rename and removed after the last.
#[derive(Debug, Serialize, Deserialize)]
struct Journal {
    /// The verified copy that replaces the data folder.
    staging: PathBuf,
    /// Where the data folder's current contents go.
    aside: PathBuf,
}

fn journal_path(target: &Path) -> PathBuf {
    gate::beside(target, ".restoring.json")
}

fn staging_prefix(target: &Path) -> String {
    format!(".{}.restore-", name_of(target))
}

/// Whether a restore of `target` (resolved, see [`gate::resolve`]) stopped between its renames.
pub(crate) fn restore_interrupted(target: &Path) -> bool {
    journal_path(target).exists()
}

/// Finishes a restore of `target` that stopped between its renames (a crash, kill -9): its
/// copy was fully verified before the journal was written, so the swap is completed. The
/// caller holds the gate exclusively.
pub(crate) fn finish_interrupted_restore(target: &Path) -> Result<()> {
    let path = journal_path(target);
    let Some(bytes) = read_small(&path, 64 << 10) else {
        return Ok(());
    };
    let parent = parent_of(target);
    let name = name_of(target);
    let journal: Journal = serde_json::from_slice(&bytes)
        .ok()
        .filter(|j: &Journal| {
            let beside = |p: &Path, prefix: &str| {
                p.parent() == Some(parent.as_path())
                    && p.file_name()
                        .is_some_and(|n| n.to_string_lossy().starts_with(prefix))
            };
            beside(&j.staging, &staging_prefix(target))
                && beside(&j.aside, &format!("{name}.before-restore-"))
        })
        .ok_or_else(|| Error::DataDir {
            path: path.clone(),
            reason: "a restore was interrupted and its journal is damaged; remove this file \
                     after checking the folders beside it"
                .into(),
        })?;
    swap(target, &journal)?;
    tracing::warn!("finished a restore that was interrupted between its renames");
    Ok(())
}

/// Removes the staging copies killed restores left beside `target`. The caller holds the gate
/// (so no restore is running) and has finished an interrupted swap.
pub(crate) fn remove_restore_leftovers(target: &Path) {
    let prefix = staging_prefix(target);
    // A journal killed while being written (write_atomic's temp file).
    let journal_temp = format!(".tmp-{}-", name_of(&journal_path(target)));
    let Ok(entries) = fs::read_dir(parent_of(target)) else {
        return;
    };
    for entry in entries.flatten() {
        let name = entry.file_name().to_string_lossy().into_owned();
        let ours = name
            .strip_prefix(&prefix)
            .is_some_and(|tag| tag.len() == 32 && tag.bytes().all(|b| b.is_ascii_hexdigit()));
        let is_dir = entry.file_type().is_ok_and(|t| t.is_dir());
        if ours && is_dir {
            let _ = fs::remove_dir_all(entry.path());
            tracing::info!("removed the staging copy of an interrupted restore");
        } else if name.starts_with(&journal_temp) && !is_dir {
            let _ = fs::remove_file(entry.path());
        }
    }
}

/// Puts the journal's staging copy in place of `target`, moving an occupied `target` aside;
/// picks up where an interrupted swap stopped. Returns where the old data is.
fn swap(target: &Path, journal: &Journal) -> Result<Option<PathBuf>> {
    let parent = parent_of(target);
    if journal.staging.is_dir() {
        if fs::symlink_metadata(target).is_ok() {
            let occupied = fs::read_dir(target).is_ok_and(|mut d| d.next().is_some());
            if occupied {
                fs::rename(target, &journal.aside)
                    .map_err(|e| Error::io("moving aside", target, e))?;
            } else {
                fs::remove_dir(target).map_err(|e| Error::io("replacing", target, e))?;
            }
            sync_dir(&parent)?;
        }
        fs::rename(&journal.staging, target).map_err(|e| Error::io("restoring into", target, e))?;
    }
    sync_dir(&parent)?;
    let path = journal_path(target);
    fs::remove_file(&path).map_err(|e| Error::io("removing", &path, e))?;
    sync_dir(&parent)?;
    Ok(journal.aside.exists().then(|| journal.aside.clone()))
}

/// After a failed swap: the old data back in place, the copy and the journal gone.
fn undo(target: &Path, journal: &Journal) {
    if fs::symlink_metadata(target).is_err() && journal.aside.exists() {
        let _ = fs::rename(&journal.aside, target);
    }
    let _ = fs::remove_dir_all(&journal.staging);
    let _ = fs::remove_file(journal_path(target));
    let _ = sync_dir(&parent_of(target));
}

/// `<name>.before-restore-<unix time>`, with `-2`, `-3`, … when that is taken.
fn aside_path(target: &Path, now: OffsetDateTime) -> PathBuf {
    let base = format!(
        "{}.before-restore-{}",
        name_of(target),
        now.unix_timestamp()
    );
    let parent = parent_of(target);
    let mut candidate = parent.join(&base);
    let mut n = 2;
    while fs::symlink_metadata(&candidate).is_ok() {
        candidate = parent.join(format!("{base}-{n}"));
        n += 1;
    }
    candidate
}

/// Holds the lock inside the folder exclusively (a store opened without the gate holds it).
fn hold_folder(target: &Path) -> Result<Option<File>> {
    let Ok(lock) = File::open(target.join(".shortlist.lock")) else {
        return Ok(None);
    };
    match lock.try_lock() {
        Ok(()) => Ok(Some(lock)),
        Err(std::fs::TryLockError::WouldBlock) => Err(Error::DataDir {
            path: target.to_owned(),
            reason: "Shortlist is using this data folder; close it first".into(),
        }),
        Err(std::fs::TryLockError::Error(_)) => Ok(None),
    }
}

/// Restores `archive` into `target` (created if missing). Every file is checked against the
/// manifest and the database is opened and verified in a staging folder first; only then is
/// `target` replaced. An existing non-empty `target` is kept beside it as
/// `<target>.before-restore-…`. The folder is held exclusively from start to end: it fails if
/// a store of it is open, and stores opened meanwhile wait for it. Returns the manifest and
/// where the old data went, if anywhere.
pub fn restore(
    archive: &Path,
    target: &Path,
    now: OffsetDateTime,
) -> Result<(Manifest, Option<PathBuf>)> {
    restore_within(archive, target, now, Duration::ZERO)
}

/// [`restore`], waiting up to `wait` for open stores of `target` to close.
pub fn restore_within(
    archive: &Path,
    target: &Path,
    now: OffsetDateTime,
    wait: Duration,
) -> Result<(Manifest, Option<PathBuf>)> {
    let target = gate::resolve(target)?;
    let _gate = gate::exclusive(&target, wait)?;
    let _folder = hold_folder(&target)?;
    finish_interrupted_restore(&target)?;
    remove_restore_leftovers(&target);
    let staging = parent_of(&target).join(format!(
        "{}{}",
        staging_prefix(&target),
        uuid::Uuid::new_v4().simple()
    ));
    let checked = extract_checked(archive, &staging).and_then(|manifest| {
        verify_staged(&staging, &manifest)?;
        Ok(manifest)
    });
    let manifest = match checked {
        Ok(m) => m,
        Err(e) => {
            let _ = fs::remove_dir_all(&staging);
            return Err(e);
        }
    };
    let journal = Journal {
        staging: staging.clone(),
        aside: aside_path(&target, now),
    };
    let json = serde_json::to_vec(&journal).map_err(|e| Error::invalid("restore", e.to_string()));
    if let Err(e) = json.and_then(|j| write_atomic(&journal_path(&target), &j)) {
        let _ = fs::remove_dir_all(&staging);
        return Err(e);
    }
    match swap(&target, &journal) {
        Ok(moved) => Ok((manifest, moved)),
        Err(e) => {
            undo(&target, &journal);
            Err(e)
        }
    }
}

fn extract_checked(archive: &Path, staging: &Path) -> Result<Manifest> {
    // The data directory is readable by its owner only, like one Store::open creates.
    let mut builder = fs::DirBuilder::new();
    builder.recursive(true);
    #[cfg(unix)]
    {
        use std::os::unix::fs::DirBuilderExt;
        builder.mode(0o700);
    }
    builder
        .create(staging)
        .map_err(|e| Error::io("creating", staging, e))?;
    for dir in ["blobs/pdf", "blobs/docx", "blobs/text"] {
        builder
            .create(staging.join(dir))
            .map_err(|e| Error::io("creating", staging, e))?;
    }
    let manifest = scan(archive, Some(staging))?;
    for dir in ["blobs/pdf", "blobs/docx", "blobs/text", ""] {
        sync_dir(&staging.join(dir))?;
    }
    Ok(manifest)
}

/// Checks the extracted copy is what its manifest says: an LMDB file, Shortlist's, of the
/// manifest's schema and counts, every record decoding, records and blobs matching one to one.
fn verify_staged(staging: &Path, manifest: &Manifest) -> Result<()> {
    let not_ours = || damaged("its database is not a Shortlist database; the backup is damaged");
    let head = read_head(&staging.join(DATABASE)).ok_or_else(not_ours)?;
    if u32::from_ne_bytes([head[16], head[17], head[18], head[19]]) != LMDB_MAGIC {
        return Err(not_ours());
    }
    let (store, report) = Store::open_staging(staging).map_err(|e| match e {
        Error::SchemaTooNew { .. } => e,
        _ => damaged("its database cannot be opened; the backup is damaged"),
    })?;
    if report.schema_found != Some(manifest.schema_version) {
        return Err(not_ours());
    }
    if report.swept.orphans_removed > 0 || !report.missing_blobs.is_empty() {
        return Err(damaged(
            "its files and its database do not match; the backup is damaged",
        ));
    }
    let stats = store.stats()?;
    if (stats.resumes, stats.jobs) != (manifest.resumes, manifest.jobs) {
        return Err(damaged(format!(
            "its database holds {} resumes and {} jobs, its manifest says {} and {}; the backup \
             is damaged",
            stats.resumes, stats.jobs, manifest.resumes, manifest.jobs
        )));
    }
    store
        .check_records()
        .map_err(|_| damaged("its database holds a damaged record; the backup is damaged"))?;
    Ok(())
}
