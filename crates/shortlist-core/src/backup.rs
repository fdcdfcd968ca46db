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

use std::collections::{BTreeMap, BTreeSet};
use std::fs::{self, File};
use std::io::{Read, Write};
use std::path::{Path, PathBuf};
use std::time::Duration;

use serde::{Deserialize, Serialize};
use sha2::{Digest, Sha256};
use time::OffsetDateTime;

use crate::assets::{hex, sha256_file};
use crate::blobs::{create_private, sync_dir, write_atomic, BlobKind};
use crate::error::{Error, Result};
use crate::id::ResumeId;
use crate::store::{gate, Store, SCHEMA_VERSION};

/// Version of the archive layout.
pub const FORMAT: u32 = 1;

/// One file in a backup.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, ts_rs::TS)]
pub struct ManifestEntry {
    /// Path inside the archive (and the data directory).
    pub path: String,
    /// Size in bytes.
    pub size: u64,
    /// SHA-256, lowercase hex.
    pub sha256: String,
}

/// What a backup holds.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, ts_rs::TS)]
pub struct Manifest {
    /// Archive layout version.
    pub format: u32,
    /// Store schema version of the copied database.
    pub schema_version: u32,
    /// When it was made.
    #[serde(with = "time::serde::rfc3339")]
    #[ts(type = "string")]
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
    match kind {
        BlobKind::Pdf => format!("blobs/pdf/{id}.pdf"),
        BlobKind::Text => format!("blobs/text/{id}.txt"),
    }
}

/// Accepts only the paths a backup can contain: the manifest, the database and blobs named by
/// a valid resume ID. Nothing else is ever written on restore (no path traversal).
fn check_archive_path(path: &str) -> Result<()> {
    let ok = match path {
        MANIFEST | DATABASE => true,
        _ => [("blobs/pdf/", ".pdf"), ("blobs/text/", ".txt")]
            .iter()
            .any(|(dir, ext)| {
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
    if path.starts_with("blobs/pdf/") {
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
            for kind in BlobKind::ALL {
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

/// Reads and checks a backup without restoring it or writing anything: the manifest (size
/// capped), then every entry: a regular file of a path a backup holds, listed once in the
/// manifest, of the manifest's size and checksum, each PDF hashing to its resume ID. The
/// window checks a chosen backup with this; [`restore`] checks all of it again, and the
/// database too.
pub fn inspect(archive: &Path) -> Result<Manifest> {
    scan(archive, None)
}

/// Opens the archive if it is a regular file, without blocking on a FIFO or a device.
fn open_regular(archive: &Path) -> Result<(File, u64)> {
    let mut options = File::options();
    options.read(true);
    #[cfg(unix)]
    {
        use std::os::unix::fs::OpenOptionsExt;
        options.custom_flags(libc::O_NONBLOCK);
    }
    let file = options
        .open(archive)
        .map_err(|e| Error::io("reading", archive, e))?;
    let meta = file
        .metadata()
        .map_err(|e| Error::io("reading", archive, e))?;
    if !meta.is_file() {
        return Err(damaged("this is not a file (a folder, a device or a pipe)"));
    }
    Ok((file, meta.len()))
}

/// A backup holds regular files only: links, devices and sparse entries are refused before
/// anything of them is read.
fn regular_only<R: Read>(entry: &tar::Entry<'_, R>) -> Result<()> {
    if entry.header().entry_type() == tar::EntryType::Regular {
        Ok(())
    } else {
        Err(damaged(
            "it contains a link, a folder, a sparse or a special file; a Shortlist backup holds \
             only files",
        ))
    }
}

fn read_manifest<R: Read>(mut entry: tar::Entry<'_, R>) -> Result<Manifest> {
    regular_only(&entry)?;
    let path = entry
        .path()
        .map_err(|_| damaged("the file is damaged"))?
        .to_string_lossy()
        .into_owned();
    if path != MANIFEST {
        return Err(damaged("this is not a Shortlist backup (no manifest)"));
    }
    if entry.size() > MANIFEST_CAP {
        return Err(damaged("its manifest is too large; the backup is damaged"));
    }
    let mut json = Vec::new();
    (&mut entry)
        .take(MANIFEST_CAP + 1)
        .read_to_end(&mut json)
        .map_err(|_| damaged("the file is damaged"))?;
    if json.len() as u64 > MANIFEST_CAP {
        return Err(damaged("its manifest is too large; the backup is damaged"));
    }
    let manifest: Manifest =
        serde_json::from_slice(&json).map_err(|_| damaged("its manifest is damaged"))?;
    if manifest.format > FORMAT || manifest.schema_version > SCHEMA_VERSION {
        return Err(Error::SchemaTooNew {
            found: manifest.schema_version,
            supported: SCHEMA_VERSION,
        });
    }
    Ok(manifest)
}

/// Checks the manifest on its own, before any entry is read: known paths, each once, sizes
/// within their caps and within the archive, one database, a PDF and a text per resume, and
/// each PDF's checksum giving its resume ID.
fn check_manifest(m: &Manifest, archive_len: u64) -> Result<u64> {
    let mut total = 0u64;
    let mut paths = BTreeSet::new();
    let (mut pdfs, mut texts, mut databases) = (BTreeSet::new(), BTreeSet::new(), 0);
    for f in &m.files {
        check_archive_path(&f.path)?;
        if f.path == MANIFEST || !paths.insert(f.path.as_str()) || !is_sha256_hex(&f.sha256) {
            return Err(damaged("its manifest is damaged"));
        }
        if f.size > entry_cap(&f.path) {
            return Err(damaged(format!(
                "{} is larger than Shortlist ever stores; the backup is damaged",
                f.path
            )));
        }
        total = total.saturating_add(f.size);
        if f.path == DATABASE {
            databases += 1;
            if f.size < DATABASE_MIN {
                return Err(damaged(
                    "its database is empty or not a Shortlist database; the backup is damaged",
                ));
            }
        } else if let Some(id) = f
            .path
            .strip_prefix("blobs/pdf/")
            .and_then(|r| r.strip_suffix(".pdf"))
        {
            if ResumeId::from_sha256_hex(&f.sha256).as_str() != id {
                return Err(damaged(format!(
                    "{} does not hash to its resume ID; the backup is damaged",
                    f.path
                )));
            }
            pdfs.insert(id);
        } else if let Some(id) = f
            .path
            .strip_prefix("blobs/text/")
            .and_then(|r| r.strip_suffix(".txt"))
        {
            texts.insert(id);
        }
    }
    if databases != 1 {
        return Err(damaged("it holds no database; the backup is incomplete"));
    }
    if pdfs != texts || pdfs.len() as u64 != m.resumes {
        return Err(damaged(format!(
            "its manifest does not list a PDF and a text for each of its {} resumes",
            m.resumes
        )));
    }
    if total > archive_len {
        return Err(damaged(
            "its manifest names more data than the file holds; the backup is damaged",
        ));
    }
    Ok(total)
}

/// Reads every entry of `archive`, checking it against the manifest as it streams; with a
/// `sink`, writes each into that folder (0600) as well.
fn scan(archive: &Path, sink: Option<&Path>) -> Result<Manifest> {
    let (file, archive_len) = open_regular(archive)?;
    let mut tar = tar::Archive::new(std::io::BufReader::new(file));
    let mut entries = tar.entries().map_err(|_| damaged("the file is damaged"))?;
    let first = entries
        .next()
        .ok_or_else(|| damaged("the file is empty"))?
        .map_err(|_| damaged("the file is damaged"))?;
    let manifest = read_manifest(first)?;
    let total = check_manifest(&manifest, archive_len)?;
    if let Some(staging) = sink {
        if let Some((free, _)) = crate::store::place::disk_space(staging) {
            if free < total.saturating_add(ROOM_MARGIN) {
                return Err(Error::DiskFull);
            }
        }
    }
    let expected: BTreeMap<&str, &ManifestEntry> = manifest
        .files
        .iter()
        .map(|f| (f.path.as_str(), f))
        .collect();
    let mut seen = BTreeSet::new();
    let mut buf = vec![0u8; 1 << 16];
    for entry in entries {
        let mut entry = entry.map_err(|_| damaged("the file is damaged"))?;
        regular_only(&entry)?;
        let rel = entry
            .path()
            .map_err(|_| damaged("the file is damaged"))?
            .to_string_lossy()
            .into_owned();
        check_archive_path(&rel)?;
        let want = *expected
            .get(rel.as_str())
            .ok_or_else(|| damaged(format!("{rel} is not in its manifest")))?;
        if !seen.insert(rel.clone()) {
            return Err(damaged(format!(
                "{rel} appears twice; the backup is damaged"
            )));
        }
        if entry.size() != want.size {
            return Err(damaged(format!(
                "{rel} does not match its manifest; the backup is damaged"
            )));
        }
        let mut out = match sink {
            Some(staging) => Some(create_private(&staging.join(&rel))?),
            None => None,
        };
        let mut hasher = Sha256::new();
        let mut size = 0u64;
        let mut limited = (&mut entry).take(want.size.saturating_add(1));
        loop {
            let n = limited
                .read(&mut buf)
                .map_err(|_| damaged("the file is damaged"))?;
            if n == 0 {
                break;
            }
            hasher.update(&buf[..n]);
            if let Some(out) = out.as_mut() {
                out.write_all(&buf[..n])
                    .map_err(|e| Error::io("writing", staging_path(sink, &rel), e))?;
            }
            size += n as u64;
        }
        if size != want.size || hex(&hasher.finalize()) != want.sha256 {
            return Err(damaged(format!(
                "{rel} does not match its checksum; the backup is damaged"
            )));
        }
        if let Some(out) = out {
            out.sync_all()
                .map_err(|e| Error::io("syncing", staging_path(sink, &rel), e))?;
        }
    }
    if let Some(missing) = manifest.files.iter().find(|f| !seen.contains(&f.path)) {
        return Err(damaged(format!(
            "{} is missing; the backup is incomplete",
            missing.path
        )));
    }
    Ok(manifest)
}

fn staging_path(sink: Option<&Path>, rel: &str) -> PathBuf {
    sink.map(|s| s.join(rel))
        .unwrap_or_else(|| PathBuf::from(rel))
}

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
    for dir in ["blobs/pdf", "blobs/text"] {
        builder
            .create(staging.join(dir))
            .map_err(|e| Error::io("creating", staging, e))?;
    }
    let manifest = scan(archive, Some(staging))?;
    for dir in ["blobs/pdf", "blobs/text", ""] {
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

fn read_head(path: &Path) -> Option<[u8; 24]> {
    let mut head = [0u8; 24];
    File::open(path).ok()?.read_exact(&mut head).ok()?;
    Some(head)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_known_paths_are_accepted() {
        for ok in [
            "manifest.json",
            "data.mdb",
            "blobs/pdf/resume_0123456789ab.pdf",
            "blobs/text/resume_0123456789ab.txt",
        ] {
            assert!(check_archive_path(ok).is_ok(), "{ok}");
        }
        for bad in [
            "../etc/passwd",
            "blobs/pdf/../../x.pdf",
            "/etc/passwd",
            "blobs/pdf/resume_0123456789ab.txt",
            "blobs/text/evil.txt",
            "lock.mdb",
        ] {
            assert!(check_archive_path(bad).is_err(), "{bad}");
        }
    }
}
