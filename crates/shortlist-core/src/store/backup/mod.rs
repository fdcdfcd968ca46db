//! Backup and restore: one `.tar` file holding a consistent copy of the database, every blob
//! it names, and a manifest with the SHA-256 of each. Restore checks everything before it
//! replaces anything, and can restore into a fresh data directory.
//!
//! Reading a backup is bounded: the manifest is read with a size cap before anything else;
//! every entry must be a regular file (no links, devices or sparse entries) whose header size is
//! the manifest's, and the manifest's sizes must fit in the archive file and on the disk, so a
//! hostile archive fails before gigabytes are read or written. What a restore puts in place is
//! verified: every PDF hashes to its resume ID, the database is Shortlist's of the manifest's
//! schema, its counts are the manifest's, every record decodes, and records and blobs match.
//!
//! Files beside the data folder (named after it, `<name>`):
//! ```text
//! .<name>.lock                  the gate (store/gate.rs): a restore holds it exclusively
//! .<name>.restore-<32 hex>      a restore's staging copy (a leftover is removed on next open)
//! .<name>.restoring.json        the swap's journal: an interrupted swap is finished on open
//! <name>.before-restore-<time>  the data a restore replaced, kept for the user
//! ```
//! Beside a backup being written: `.<file>.shortlist-partial-<32 hex>` (0600, locked while
//! written); in the data folder, `.backup-<32 hex>.mdb-copy` (the database copy) and
//! `.backup-<32 hex>.partial` (where the partial file is). A killed backup's leftovers are
//! removed by the next backup into that folder and by the next exclusive open of the store.

use std::fs::{self, File};
use std::io::Read;
use std::path::{Path, PathBuf};

use serde::{Deserialize, Serialize};
use time::OffsetDateTime;

use crate::assets::sha256_file;
use crate::blobs::{create_private, sync_dir, write_atomic, BlobKind};

mod check;
mod restore;

use super::{Store, SCHEMA_VERSION};
use crate::error::{Error, Result};
use crate::id::ResumeId;
pub use check::inspect;
pub(crate) use restore::{
    finish_interrupted_restore, remove_restore_leftovers, restore_interrupted,
};
pub use restore::{restore, restore_within};

/// Version of the archive layout.
pub const FORMAT: u32 = 1;

/// One file in a backup.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct ManifestEntry {
    /// Path inside the archive (and the data directory).
    pub path: String,
    /// Size in bytes.
    pub size: u64,
    /// SHA-256, lowercase hex.
    pub sha256: String,
}

/// What a backup holds.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct Manifest {
    /// Archive layout version.
    pub format: u32,
    /// Store schema version of the copied database.
    pub schema_version: u32,
    /// When it was made.
    #[serde(with = "time::serde::rfc3339")]
    #[cfg_attr(feature = "ts", ts(type = "string"))]
    pub created_at: OffsetDateTime,
    /// Resumes in the copy.
    pub resumes: u64,
    /// Jobs in the copy.
    pub jobs: u64,
    /// Every file but the manifest.
    pub files: Vec<ManifestEntry>,
}

const MANIFEST: &str = "manifest.json";
const DATABASE: &str = "data.mdb";

fn blob_rel(kind: BlobKind, id: &ResumeId) -> String {
    format!("blobs/{}/{id}.{}", kind.dir(), kind.extension())
}

/// The blob folders a backup may hold, with their files' extension.
const BLOB_DIRS: [(&str, &str); 3] = [
    ("blobs/pdf/", ".pdf"),
    ("blobs/docx/", ".docx"),
    ("blobs/text/", ".txt"),
];

/// Accepts only the paths a backup can contain: the manifest, the database and blobs named by
/// a valid resume ID. Nothing else is ever written on restore (no path traversal).
fn check_archive_path(path: &str) -> Result<()> {
    let ok = match path {
        MANIFEST | DATABASE => true,
        _ => BLOB_DIRS.iter().any(|(dir, ext)| {
            path.strip_prefix(dir)
                .and_then(|rest| rest.strip_suffix(ext))
                .is_some_and(|id| ResumeId::parse(id).is_ok())
        }),
    };
    if ok {
        Ok(())
    } else {
        Err(Error::invalid(
            "backup",
            "it contains a file that does not belong in a backup",
        ))
    }
}

/// Largest manifest read (a backup of 100 000 resumes needs about 30 MB).
const MANIFEST_CAP: u64 = 64 << 20;
/// Largest extracted text accepted.
const TEXT_CAP: u64 = 64 << 20;
/// Smallest LMDB file: its two meta pages.
const DATABASE_MIN: u64 = 8192;
/// What an LMDB file holds at byte 16 (the first meta page's magic number).
const LMDB_MAGIC: u32 = 0xBEEF_C0DE;
/// Room kept free beside the restore's staging copy, beyond the backup's own size.
const ROOM_MARGIN: u64 = 16 << 20;

/// Marks a backup file being written: `.<file>.shortlist-partial-<hex>`.
const PARTIAL: &str = ".shortlist-partial-";

fn damaged(reason: impl Into<String>) -> Error {
    Error::invalid("backup", reason)
}

fn parent_of(path: &Path) -> PathBuf {
    match path.parent() {
        Some(p) if !p.as_os_str().is_empty() => p.to_owned(),
        _ => PathBuf::from("."),
    }
}

fn name_of(path: &Path) -> String {
    path.file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_else(|| "shortlist".into())
}

/// The most an entry at `path` may hold. The database is bounded by the archive's size.
fn entry_cap(path: &str) -> u64 {
    if path.starts_with("blobs/pdf/") || path.starts_with("blobs/docx/") {
        crate::pdf::PdfLimits::default().max_bytes
    } else if path.starts_with("blobs/text/") {
        TEXT_CAP
    } else {
        u64::MAX
    }
}

fn is_sha256_hex(s: &str) -> bool {
    s.len() == 64
        && s.bytes()
            .all(|b| b.is_ascii_digit() || (b'a'..=b'f').contains(&b))
}

#[cfg(unix)]
fn path_bytes(path: &Path) -> Vec<u8> {
    use std::os::unix::ffi::OsStrExt;
    path.as_os_str().as_bytes().to_vec()
}

#[cfg(unix)]
fn path_from_bytes(bytes: &[u8]) -> PathBuf {
    use std::os::unix::ffi::OsStrExt;
    PathBuf::from(std::ffi::OsStr::from_bytes(bytes))
}

#[cfg(not(unix))]
fn path_bytes(path: &Path) -> Vec<u8> {
    path.to_string_lossy().into_owned().into_bytes()
}

#[cfg(not(unix))]
fn path_from_bytes(bytes: &[u8]) -> PathBuf {
    PathBuf::from(String::from_utf8_lossy(bytes).into_owned())
}

/// Reads at most `cap` bytes of a small regular file of ours.
fn read_small(path: &Path, cap: u64) -> Option<Vec<u8>> {
    let meta = fs::symlink_metadata(path).ok()?;
    if !meta.is_file() || meta.len() > cap {
        return None;
    }
    let mut bytes = Vec::new();
    File::open(path)
        .ok()?
        .take(cap)
        .read_to_end(&mut bytes)
        .ok()?;
    Some(bytes)
}

/// Removes a partial backup file if no backup is writing it (the writer holds its lock).
fn remove_partial_if_abandoned(path: &Path) {
    let is_ours = path
        .file_name()
        .map(|n| n.to_string_lossy())
        .is_some_and(|n| n.starts_with('.') && n.contains(PARTIAL));
    if !is_ours || !fs::symlink_metadata(path).is_ok_and(|m| m.is_file()) {
        return;
    }
    if let Ok(file) = File::open(path) {
        if file.try_lock().is_ok() {
            let _ = fs::remove_file(path);
        }
    }
}

/// Removes the partial files killed backups left in `folder`.
fn remove_partial_backups(folder: &Path) {
    let Ok(entries) = fs::read_dir(folder) else {
        return;
    };
    for entry in entries.flatten() {
        remove_partial_if_abandoned(&entry.path());
    }
}

/// Removes what a killed backup of an earlier version left beside `dest` (named after its stem):
/// `<stem>.tmp-<32 hex>` (the partial archive) and `<stem>.mdb-copy` if it is an LMDB file.
fn remove_old_partial_backups(dest: &Path) {
    let Some(stem) = dest.file_stem().map(|s| s.to_string_lossy().into_owned()) else {
        return;
    };
    let folder = parent_of(dest);
    let regular = |p: &Path| fs::symlink_metadata(p).is_ok_and(|m| m.is_file());
    let db_copy = folder.join(format!("{stem}.mdb-copy"));
    let is_lmdb = read_head(&db_copy)
        .is_some_and(|h| u32::from_ne_bytes([h[16], h[17], h[18], h[19]]) == LMDB_MAGIC);
    if regular(&db_copy) && is_lmdb {
        let _ = fs::remove_file(&db_copy);
    }
    let Ok(entries) = fs::read_dir(&folder) else {
        return;
    };
    let prefix = format!("{stem}.tmp-");
    for entry in entries.flatten() {
        let name = entry.file_name().to_string_lossy().into_owned();
        let ours = name
            .strip_prefix(&prefix)
            .is_some_and(|tag| tag.len() == 32 && tag.bytes().all(|b| b.is_ascii_hexdigit()));
        if ours && regular(&entry.path()) {
            let _ = fs::remove_file(entry.path());
        }
    }
}

/// Removes what killed backups left: their database copies in the data folder `dir` and,
/// wherever they were being written, their partial files. Exclusive opens only.
pub(crate) fn remove_backup_leftovers(dir: &Path) {
    let Ok(entries) = fs::read_dir(dir) else {
        return;
    };
    for entry in entries.flatten() {
        let name = entry.file_name().to_string_lossy().into_owned();
        let path = entry.path();
        // write_atomic's temp files of the records below and of `.compact-pending`.
        if name.starts_with(".tmp-.backup-") || name.starts_with(".tmp-.compact-pending-") {
            let _ = fs::remove_file(&path);
            continue;
        }
        if !name.starts_with(".backup-") {
            continue;
        }
        if name.ends_with(".mdb-copy") {
            let _ = fs::remove_file(&path);
        } else if name.ends_with(".partial") {
            if let Some(bytes) = read_small(&path, 4096) {
                remove_partial_if_abandoned(&path_from_bytes(&bytes));
            }
            let _ = fs::remove_file(&path);
        }
    }
}

impl Store {
    /// Writes a backup of everything to `dest` (atomically: a temp file, then a rename),
    /// readable by its owner only (0600).
    pub fn backup(&self, dest: &Path, now: OffsetDateTime) -> Result<Manifest> {
        let name = dest
            .file_name()
            .ok_or_else(|| Error::invalid("backup", "give the backup a file name"))?
            .to_string_lossy()
            .into_owned();
        let folder = parent_of(dest);
        remove_partial_backups(&folder);
        remove_old_partial_backups(dest);
        let tag = uuid::Uuid::new_v4().simple().to_string();
        let partial = folder.join(format!(".{name}{PARTIAL}{tag}"));
        let db_copy = self.dir().join(format!(".backup-{tag}.mdb-copy"));
        // Where the partial file is, so that the next exclusive open removes it if this dies.
        let record = self.dir().join(format!(".backup-{tag}.partial"));
        let partial_abs = std::path::absolute(&partial).unwrap_or_else(|_| partial.clone());
        let result = write_atomic(&record, &path_bytes(&partial_abs))
            .and_then(|()| self.backup_into(&partial, &db_copy, dest, now));
        let _ = fs::remove_file(&partial);
        let _ = fs::remove_file(&db_copy);
        let _ = fs::remove_file(&record);
        result
    }

    fn backup_into(
        &self,
        partial: &Path,
        db_copy: &Path,
        dest: &Path,
        now: OffsetDateTime,
    ) -> Result<Manifest> {
        // A consistent snapshot of the database (compacted: no free pages, so nothing erased
        // travels with it).
        self.copy_database(db_copy)?;
        // Blobs are written before the commit that names them, so every resume of the copy
        // has its blobs; listing after the copy can only name more, never fewer.
        let resumes = self.resumes()?;
        let jobs = self.stats()?.jobs;
        let mut files = vec![(DATABASE.to_owned(), db_copy.to_owned())];
        for r in &resumes {
            for kind in r.format.blobs() {
                files.push((blob_rel(kind, &r.id), self.blobs().path(kind, &r.id)));
            }
        }
        let mut entries = Vec::with_capacity(files.len());
        for (rel, path) in &files {
            let size = fs::metadata(path)
                .map_err(|e| Error::io("reading", path, e))?
                .len();
            entries.push(ManifestEntry {
                path: rel.clone(),
                size,
                sha256: sha256_file(path)?,
            });
        }
        let manifest = Manifest {
            format: FORMAT,
            schema_version: SCHEMA_VERSION,
            created_at: now,
            resumes: resumes.len() as u64,
            jobs,
            files: entries,
        };
        let out = create_private(partial)?;
        // Held until the rename: the next backup into this folder leaves a locked file alone.
        let _ = out.try_lock();
        let mut tar = tar::Builder::new(out);
        let manifest_json = serde_json::to_vec_pretty(&manifest).map_err(|e| Error::Corrupt {
            kind: "backup manifest",
            reason: e.to_string(),
        })?;
        let mut header = tar::Header::new_gnu();
        header.set_size(manifest_json.len() as u64);
        header.set_mode(0o600);
        header.set_cksum();
        tar.append_data(&mut header, MANIFEST, manifest_json.as_slice())
            .map_err(|e| Error::io("writing", partial, e))?;
        for (rel, path) in &files {
            let mut f = File::open(path).map_err(|e| Error::io("reading", path, e))?;
            tar.append_file(rel, &mut f)
                .map_err(|e| Error::io("writing", partial, e))?;
        }
        let out = tar
            .into_inner()
            .map_err(|e| Error::io("writing", partial, e))?;
        out.sync_all()
            .map_err(|e| Error::io("syncing", partial, e))?;
        fs::rename(partial, dest).map_err(|e| Error::io("writing", dest, e))?;
        sync_dir(&parent_of(dest))?;
        drop(out);
        Ok(manifest)
    }
}

fn read_head(path: &Path) -> Option<[u8; 24]> {
    let mut head = [0u8; 24];
    File::open(path).ok()?.read_exact(&mut head).ok()?;
    Some(head)
}
