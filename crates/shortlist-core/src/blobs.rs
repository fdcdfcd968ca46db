//! Content-addressed blob files: `blobs/pdf/<resume_id>.pdf`, `blobs/docx/<resume_id>.docx`
//! (Word resumes) and `blobs/text/<resume_id>.txt`.
//!
//! A blob is written to a temporary file, fsynced, renamed into place and the directory fsynced
//! *before* the database commit that names it, so a committed record never points at a missing
//! or partial file. A crash between the two leaves an unnamed blob, which the next open sweeps.

use std::fs::{self, File};
use std::io::{Read, Write};
use std::path::{Path, PathBuf};

use crate::error::{Error, Result};
use crate::id::ResumeId;

/// The kinds of blob, each in its own folder.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum BlobKind {
    /// The original PDF bytes.
    Pdf,
    /// The original Word (`.docx`) bytes.
    Docx,
    /// The extracted text (UTF-8).
    Text,
}

impl BlobKind {
    /// Every kind.
    pub const ALL: [BlobKind; 3] = [BlobKind::Pdf, BlobKind::Docx, BlobKind::Text];

    /// The folder under `blobs/`.
    pub fn dir(self) -> &'static str {
        match self {
            BlobKind::Pdf => "pdf",
            BlobKind::Docx => "docx",
            BlobKind::Text => "text",
        }
    }

    /// The file extension, without the dot.
    pub fn extension(self) -> &'static str {
        match self {
            BlobKind::Pdf => "pdf",
            BlobKind::Docx => "docx",
            BlobKind::Text => "txt",
        }
    }
}

/// The blob folders under a data directory.
#[derive(Debug, Clone)]
pub struct Blobs {
    root: PathBuf,
}

/// What a sweep removed.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct SweepReport {
    /// Blob files no record names (left by an interrupted import).
    pub orphans_removed: usize,
    /// Leftover temporary files.
    pub temp_files_removed: usize,
}

impl Blobs {
    /// Opens (creating if needed) the blob folders under `root`.
    pub fn open(root: PathBuf) -> Result<Self> {
        for kind in BlobKind::ALL {
            let dir = root.join(kind.dir());
            fs::create_dir_all(&dir).map_err(|e| Error::io("creating", &dir, e))?;
        }
        Ok(Self { root })
    }

    /// Where the blob of `kind` for `id` lives.
    pub fn path(&self, kind: BlobKind, id: &ResumeId) -> PathBuf {
        self.root
            .join(kind.dir())
            .join(format!("{id}.{}", kind.extension()))
    }

    /// Writes a blob atomically and durably (temp file, fsync, rename, fsync directory).
    pub fn write(&self, kind: BlobKind, id: &ResumeId, bytes: &[u8]) -> Result<()> {
        write_atomic(&self.path(kind, id), bytes)
    }

    /// Reads a blob.
    pub fn read(&self, kind: BlobKind, id: &ResumeId) -> Result<Vec<u8>> {
        let path = self.path(kind, id);
        fs::read(&path).map_err(|e| Error::io("reading", path, e))
    }

    /// Whether the blob exists.
    pub fn exists(&self, kind: BlobKind, id: &ResumeId) -> bool {
        self.path(kind, id).is_file()
    }

    /// Removes a blob if present (durably).
    pub fn remove(&self, kind: BlobKind, id: &ResumeId) -> Result<()> {
        let path = self.path(kind, id);
        match fs::remove_file(&path) {
            Ok(()) => sync_dir(&self.root.join(kind.dir())),
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => Ok(()),
            Err(e) => Err(Error::io("removing", path, e)),
        }
    }

    /// Removes temp files and every blob whose resume ID `is_known` rejects.
    pub fn sweep(&self, is_known: impl Fn(&ResumeId) -> bool) -> Result<SweepReport> {
        let mut report = SweepReport::default();
        for kind in BlobKind::ALL {
            let dir = self.root.join(kind.dir());
            let entries = fs::read_dir(&dir).map_err(|e| Error::io("listing", &dir, e))?;
            for entry in entries.flatten() {
                let name = entry.file_name();
                let name = name.to_string_lossy();
                let id = name
                    .strip_suffix(&format!(".{}", kind.extension()))
                    .and_then(|stem| ResumeId::parse(stem).ok());
                let remove = match &id {
                    Some(id) => !is_known(id),
                    None if name.starts_with(".tmp-") => true,
                    None => false, // not ours: leave it alone
                };
                if remove {
                    fs::remove_file(entry.path())
                        .map_err(|e| Error::io("removing", entry.path(), e))?;
                    if id.is_some() {
                        report.orphans_removed += 1;
                    } else {
                        report.temp_files_removed += 1;
                    }
                }
            }
            sync_dir(&dir)?;
        }
        Ok(report)
    }

    /// Total bytes of the blobs of `kind`.
    pub fn total_bytes(&self, kind: BlobKind) -> u64 {
        fs::read_dir(self.root.join(kind.dir()))
            .map(|entries| {
                entries
                    .flatten()
                    .filter_map(|e| e.metadata().ok())
                    .filter(|m| m.is_file())
                    .map(|m| m.len())
                    .sum()
            })
            .unwrap_or(0)
    }
}

/// Writes a file atomically and durably: a temp file (`.tmp-…`, which [`Blobs::sweep`]
/// removes if a crash leaves it) in the same directory, fsynced, renamed over `path`, and the
/// directory fsynced. Readers see the old file or the new one, never a part. The file is
/// private to its owner (0600).
pub fn write_atomic(path: &Path, bytes: &[u8]) -> Result<()> {
    let dir = match path.parent() {
        Some(d) if !d.as_os_str().is_empty() => d.to_owned(),
        _ => PathBuf::from("."),
    };
    let name = path
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    let tmp = dir.join(format!(".tmp-{name}-{}", uuid::Uuid::new_v4().simple()));
    let result = (|| {
        let mut file = create_private(&tmp)?;
        file.write_all(bytes)
            .map_err(|e| Error::io("writing", &tmp, e))?;
        file.sync_all().map_err(|e| Error::io("syncing", &tmp, e))?;
        fs::rename(&tmp, path).map_err(|e| Error::io("renaming", &tmp, e))?;
        sync_dir(&dir)
    })();
    if result.is_err() {
        let _ = fs::remove_file(&tmp);
    }
    result
}

/// Creates a new file readable and writable by its owner only (0600 whatever the umask): every
/// file Shortlist writes (blobs, backups, exports) holds candidate data.
pub fn create_private(path: &Path) -> Result<File> {
    let mut options = File::options();
    options.write(true).create_new(true);
    #[cfg(unix)]
    {
        use std::os::unix::fs::OpenOptionsExt;
        options.mode(0o600);
    }
    options
        .open(path)
        .map_err(|e| Error::io("creating", path, e))
}

/// Fsyncs a directory so a rename or removal in it is durable.
pub fn sync_dir(dir: &Path) -> Result<()> {
    #[cfg(unix)]
    {
        File::open(dir)
            .and_then(|d| d.sync_all())
            .map_err(|e| Error::io("syncing", dir, e))
    }
    #[cfg(not(unix))]
    {
        let _ = dir;
        Ok(())
    }
}

/// Opens `path` for reading only if it is a regular file, and returns it with its size.
///
/// The type is checked on the opened handle (`fstat`), not on the name, so a link that points
/// at `/dev/zero`, a pipe or a device is refused whatever it is called, and nothing can swap
/// the file between the check and the read. The open itself never blocks: it is made with
/// `O_NONBLOCK` (a FIFO with no writer would otherwise wait forever) and `O_NOCTTY`.
pub fn open_regular(path: &Path) -> Result<(File, u64)> {
    let mut options = fs::OpenOptions::new();
    options.read(true);
    #[cfg(unix)]
    {
        use std::os::unix::fs::OpenOptionsExt;
        options.custom_flags(libc::O_NONBLOCK | libc::O_NOCTTY);
    }
    let file = options
        .open(path)
        .map_err(|e| Error::io("reading", path, e))?;
    let meta = file.metadata().map_err(|e| Error::io("reading", path, e))?;
    if !meta.is_file() {
        return Err(Error::NotRegularFile);
    }
    Ok((file, meta.len()))
}

/// Reads a regular file ([`open_regular`]) of at most `limit` bytes. The size is checked
/// before anything is read, and the read itself is capped (`Read::take`), so a file that
/// grows meanwhile, or lies about its size, still costs at most `limit + 1` bytes.
pub fn read_regular(path: &Path, limit: u64) -> Result<Vec<u8>> {
    let (file, size) = open_regular(path)?;
    if size > limit {
        return Err(Error::FileTooLarge { size, limit });
    }
    let mut bytes = Vec::with_capacity(usize::try_from(size).unwrap_or(0));
    file.take(limit.saturating_add(1))
        .read_to_end(&mut bytes)
        .map_err(|e| Error::io("reading", path, e))?;
    let read = bytes.len() as u64;
    if read > limit {
        return Err(Error::FileTooLarge { size: read, limit });
    }
    Ok(bytes)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[cfg(unix)]
    #[test]
    fn only_regular_files_are_read_and_never_past_the_limit() {
        let dir = tempfile::tempdir().unwrap();
        let file = dir.path().join("a.bin");
        fs::write(&file, b"12345").unwrap();
        assert_eq!(read_regular(&file, 5).unwrap(), b"12345");
        assert!(matches!(
            read_regular(&file, 4),
            Err(Error::FileTooLarge { size: 5, limit: 4 })
        ));
        let zero = dir.path().join("zero.pdf");
        std::os::unix::fs::symlink("/dev/zero", &zero).unwrap();
        assert!(matches!(
            read_regular(&zero, 1 << 20),
            Err(Error::NotRegularFile)
        ));
        assert!(matches!(
            read_regular(dir.path(), 1 << 20),
            Err(Error::NotRegularFile)
        ));
        let fifo = dir.path().join("fifo.pdf");
        let made = std::process::Command::new("mkfifo").arg(&fifo).status();
        assert!(made.unwrap().success());
        assert!(matches!(
            read_regular(&fifo, 1 << 20),
            Err(Error::NotRegularFile)
        ));
    }

    #[test]
    fn write_read_sweep() {
        let dir = tempfile::tempdir().unwrap();
        let blobs = Blobs::open(dir.path().join("blobs")).unwrap();
        let keep = ResumeId::parse("resume_000000000001").unwrap();
        let orphan = ResumeId::parse("resume_000000000002").unwrap();
        blobs.write(BlobKind::Pdf, &keep, b"%PDF-keep").unwrap();
        blobs.write(BlobKind::Text, &keep, b"text").unwrap();
        blobs.write(BlobKind::Pdf, &orphan, b"%PDF-orphan").unwrap();
        fs::write(dir.path().join("blobs/pdf/.tmp-x"), b"partial").unwrap();
        fs::write(dir.path().join("blobs/pdf/notes.md"), b"user file").unwrap();
        let report = blobs.sweep(|id| id == &keep).unwrap();
        assert_eq!(
            report,
            SweepReport {
                orphans_removed: 1,
                temp_files_removed: 1
            }
        );
        assert_eq!(blobs.read(BlobKind::Pdf, &keep).unwrap(), b"%PDF-keep");
        assert!(!blobs.exists(BlobKind::Pdf, &orphan));
        assert!(dir.path().join("blobs/pdf/notes.md").exists());
    }
}
