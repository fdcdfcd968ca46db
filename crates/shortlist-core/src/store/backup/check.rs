//! Reading a backup without trusting it: the manifest first (size capped), then every entry
//! checked against it as it streams.

use std::collections::{BTreeMap, BTreeSet};
use std::fs::File;
use std::io::{Read, Write};
use std::path::{Path, PathBuf};

use sha2::{Digest, Sha256};

use super::{
    check_archive_path, damaged, entry_cap, is_sha256_hex, Manifest, ManifestEntry, DATABASE,
    DATABASE_MIN, FORMAT, MANIFEST, MANIFEST_CAP, ROOM_MARGIN,
};
use crate::assets::hex;
use crate::blobs::create_private;
use crate::error::{Error, Result};
use crate::id::ResumeId;
use crate::store::SCHEMA_VERSION;

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
            .or_else(|| {
                f.path
                    .strip_prefix("blobs/docx/")
                    .and_then(|r| r.strip_suffix(".docx"))
            })
        {
            if ResumeId::from_sha256_hex(&f.sha256).as_str() != id {
                return Err(damaged(format!(
                    "{} does not hash to its resume ID; the backup is damaged",
                    f.path
                )));
            }
            // One original per resume, PDF or Word.
            if !pdfs.insert(id) {
                return Err(damaged("its manifest is damaged"));
            }
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
            "its manifest does not list an original (PDF or Word) and a text for each of its {} resumes",
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
pub(super) fn scan(archive: &Path, sink: Option<&Path>) -> Result<Manifest> {
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
