//! Backup and restore: one `.tar` file holding a consistent copy of the database, every blob
//! it names, and a manifest with the SHA-256 of each. Restore checks everything before it
//! replaces anything, and can restore into a fresh data directory.

use std::fs::{self, File};
use std::io::{Read, Write};
use std::path::{Path, PathBuf};

use serde::{Deserialize, Serialize};
use sha2::{Digest, Sha256};
use time::OffsetDateTime;

use crate::assets::{hex, sha256_file};
use crate::blobs::{sync_dir, BlobKind};
use crate::error::{Error, Result};
use crate::id::ResumeId;
use crate::store::{Store, SCHEMA_VERSION};

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

impl Store {
    /// Writes a backup of everything to `dest` (atomically: a temp file, then a rename).
    pub fn backup(&self, dest: &Path, now: OffsetDateTime) -> Result<Manifest> {
        let staging = dest.with_extension(format!("tmp-{}", uuid::Uuid::new_v4().simple()));
        let result = self.backup_into(&staging, dest, now);
        let _ = fs::remove_file(&staging);
        let _ = fs::remove_file(staging.with_extension("mdb-copy"));
        result
    }

    fn backup_into(&self, staging: &Path, dest: &Path, now: OffsetDateTime) -> Result<Manifest> {
        // A consistent snapshot of the database (compacted: no free pages, so nothing erased
        // travels with it).
        let db_copy = staging.with_extension("mdb-copy");
        self.copy_database(&db_copy)?;
        // Blobs are written before the commit that names them, so every resume of the copy
        // has its blobs; listing after the copy can only name more, never fewer.
        let resumes = self.resumes()?;
        let jobs = self.stats()?.jobs;
        let mut files = vec![(DATABASE.to_owned(), db_copy.clone())];
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
        let out = File::create(staging).map_err(|e| Error::io("creating", staging, e))?;
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
            .map_err(|e| Error::io("writing", staging, e))?;
        for (rel, path) in &files {
            let mut f = File::open(path).map_err(|e| Error::io("reading", path, e))?;
            tar.append_file(rel, &mut f)
                .map_err(|e| Error::io("writing", staging, e))?;
        }
        let out = tar
            .into_inner()
            .map_err(|e| Error::io("writing", staging, e))?;
        out.sync_all()
            .map_err(|e| Error::io("syncing", staging, e))?;
        fs::rename(staging, dest).map_err(|e| Error::io("writing", dest, e))?;
        if let Some(dir) = dest.parent().filter(|d| !d.as_os_str().is_empty()) {
            sync_dir(dir)?;
        }
        Ok(manifest)
    }
}

/// Reads and checks a backup's manifest without restoring it.
pub fn inspect(archive: &Path) -> Result<Manifest> {
    let mut tar = open_archive(archive)?;
    let mut entries = tar
        .entries()
        .map_err(|e| Error::io("reading", archive, e))?;
    next_manifest(&mut entries, archive)
}

fn open_archive(archive: &Path) -> Result<tar::Archive<File>> {
    Ok(tar::Archive::new(
        File::open(archive).map_err(|e| Error::io("reading", archive, e))?,
    ))
}

/// The manifest, which a backup stores first.
fn next_manifest(entries: &mut tar::Entries<'_, File>, archive: &Path) -> Result<Manifest> {
    let first = entries
        .next()
        .ok_or_else(|| Error::invalid("backup", "the file is empty"))?
        .map_err(|_| Error::invalid("backup", "the file is damaged"))?;
    read_manifest(first, archive)
}

fn read_manifest(mut entry: tar::Entry<'_, File>, archive: &Path) -> Result<Manifest> {
    let path = entry
        .path()
        .map_err(|e| Error::io("reading", archive, e))?
        .to_string_lossy()
        .into_owned();
    if path != MANIFEST {
        return Err(Error::invalid(
            "backup",
            "this is not a Shortlist backup (no manifest)",
        ));
    }
    let mut json = Vec::new();
    entry
        .read_to_end(&mut json)
        .map_err(|e| Error::io("reading", archive, e))?;
    let manifest: Manifest = serde_json::from_slice(&json)
        .map_err(|_| Error::invalid("backup", "its manifest is damaged"))?;
    if manifest.format > FORMAT || manifest.schema_version > SCHEMA_VERSION {
        return Err(Error::SchemaTooNew {
            found: manifest.schema_version,
            supported: SCHEMA_VERSION,
        });
    }
    Ok(manifest)
}

/// Restores `archive` into `target` (created if missing). Every file is checked against the
/// manifest and the database is opened in a staging folder first; only then is `target`
/// replaced. An existing non-empty `target` is kept beside it as `<target>.before-restore-…`.
/// Returns the manifest and where the old data went, if anywhere.
pub fn restore(
    archive: &Path,
    target: &Path,
    now: OffsetDateTime,
) -> Result<(Manifest, Option<PathBuf>)> {
    if let Ok(lock) = File::open(target.join(".shortlist.lock")) {
        if lock.try_lock().is_err() {
            return Err(Error::DataDir {
                path: target.to_owned(),
                reason: "Shortlist is using this data folder; close it first".into(),
            });
        }
    }
    let parent = match target.parent() {
        Some(p) if !p.as_os_str().is_empty() => p.to_owned(),
        _ => PathBuf::from("."),
    };
    fs::create_dir_all(&parent).map_err(|e| Error::io("creating", &parent, e))?;
    let name = target
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_else(|| "shortlist".into());
    let staging = parent.join(format!(".{name}.restore-{}", uuid::Uuid::new_v4().simple()));
    let result = extract_checked(archive, &staging).and_then(|manifest| {
        // The copy must open as a store of a version we read.
        drop(Store::open(&staging)?);
        Ok(manifest)
    });
    let manifest = match result {
        Ok(m) => m,
        Err(e) => {
            let _ = fs::remove_dir_all(&staging);
            return Err(e);
        }
    };
    let mut moved_aside = None;
    let occupied = fs::read_dir(target).is_ok_and(|mut d| d.next().is_some());
    if occupied {
        let stamp = now.unix_timestamp();
        let aside = parent.join(format!("{name}.before-restore-{stamp}"));
        fs::rename(target, &aside).map_err(|e| Error::io("moving aside", target, e))?;
        moved_aside = Some(aside);
    } else if target.exists() {
        fs::remove_dir(target).map_err(|e| Error::io("replacing", target, e))?;
    }
    fs::rename(&staging, target).map_err(|e| Error::io("restoring into", target, e))?;
    sync_dir(&parent)?;
    Ok((manifest, moved_aside))
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
        fs::create_dir_all(staging.join(dir)).map_err(|e| Error::io("creating", staging, e))?;
    }
    let mut tar = open_archive(archive)?;
    let mut entries = tar
        .entries()
        .map_err(|e| Error::io("reading", archive, e))?;
    let manifest = next_manifest(&mut entries, archive)?;
    let mut seen = std::collections::BTreeSet::new();
    for entry in entries {
        let mut entry = entry.map_err(|_| Error::invalid("backup", "the file is damaged"))?;
        let rel = entry
            .path()
            .map_err(|_| Error::invalid("backup", "the file is damaged"))?
            .to_string_lossy()
            .into_owned();
        check_archive_path(&rel)?;
        let expected = manifest
            .files
            .iter()
            .find(|f| f.path == rel)
            .ok_or_else(|| Error::invalid("backup", format!("{rel} is not in its manifest")))?;
        let dest = staging.join(&rel);
        let mut out = File::create(&dest).map_err(|e| Error::io("writing", &dest, e))?;
        let mut hasher = Sha256::new();
        let mut buf = vec![0u8; 1 << 16];
        let mut size = 0u64;
        loop {
            let n = entry
                .read(&mut buf)
                .map_err(|_| Error::invalid("backup", "the file is damaged"))?;
            if n == 0 {
                break;
            }
            hasher.update(&buf[..n]);
            out.write_all(&buf[..n])
                .map_err(|e| Error::io("writing", &dest, e))?;
            size += n as u64;
        }
        out.sync_all().map_err(|e| Error::io("syncing", &dest, e))?;
        if size != expected.size || hex(&hasher.finalize()) != expected.sha256 {
            return Err(Error::invalid(
                "backup",
                format!("{rel} does not match its checksum; the backup is damaged"),
            ));
        }
        seen.insert(rel);
    }
    if let Some(missing) = manifest.files.iter().find(|f| !seen.contains(&f.path)) {
        return Err(Error::invalid(
            "backup",
            format!("{} is missing; the backup is incomplete", missing.path),
        ));
    }
    for dir in ["blobs/pdf", "blobs/text", ""] {
        sync_dir(&staging.join(dir))?;
    }
    Ok(manifest)
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
