//! The LMDB environment on disk: opening it, sizing its map, copying it, and the data
//! folder's permissions.

use std::fs;
use std::path::Path;

use heed::{Env, EnvOpenOptions, MdbError};

use crate::error::{Error, Result};

/// Named tables an environment may hold: 29 are in use. LMDB looks a table's handle up by a
/// linear search at open, so a few dozen cost nothing; each process sets its own limit.
const MAX_DBS: u32 = 64;

/// Free space under which an I/O error while writing is taken for a full disk.
const NEARLY_FULL_BYTES: u64 = 1 << 20;

/// LMDB reports a short write, which is what a file system that fills up mid-write gives, as
/// EIO. When the data folder's disk is (nearly) full, that is what happened: say so.
pub(super) fn disk_full_if_short_write(
    e: Error,
    free_bytes: impl FnOnce() -> Option<u64>,
) -> Error {
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

/// A compacted copy of `env`'s database at `dest` (a new file: the callers name a fresh path),
/// synced, and readable by this user only like the database it copies
/// ([`crate::blobs::create_private`]; a copy LMDB made itself would take the umask's 0644, and
/// compaction puts the copy in the database's place).
pub(super) fn copy_env(env: &Env, dest: &Path) -> Result<()> {
    let file = crate::blobs::create_private(dest)?;
    drop(file);
    let lock = lock_file_of(dest);
    let result = rewrite_into(env, dest);
    let _ = fs::remove_file(&lock);
    if let Err(e) = result {
        let _ = fs::remove_file(dest);
        return Err(match e {
            Error::Database(heed::Error::Io(io)) => Error::io("copying the database to", dest, io),
            other => other,
        });
    }
    let file = fs::File::open(dest).map_err(|e| Error::io("syncing", dest, e))?;
    file.sync_all().map_err(|e| Error::io("syncing", dest, e))
}

/// The lock file LMDB keeps beside a database opened as a file of its own.
fn lock_file_of(dest: &Path) -> std::path::PathBuf {
    let mut name = dest.as_os_str().to_owned();
    name.push("-lock");
    name.into()
}

/// Writes every record of every table of `env` into a new database at `dest`, table by
/// table in key order. Not a copy of pages (LMDB's own compacting copy): a page keeps, in its
/// slack and in its branch keys, bytes of records deleted from it — an erased candidate's
/// words-index keys ("tailspin\0resume_…") were still in a compacted copy. A database
/// written afresh holds only the records it was given.
fn rewrite_into(env: &Env, dest: &Path) -> Result<()> {
    use heed::types::{Bytes, DecodeIgnore, Str};
    use heed::CommitOrAbort;
    let mut options = EnvOpenOptions::new();
    options.map_size(env.info().map_size).max_dbs(MAX_DBS);
    // SAFETY: `dest` is a new file no other environment has open.
    #[allow(unsafe_code)]
    let target = unsafe {
        options.flags(heed::EnvFlags::NO_SUB_DIR);
        options.open(dest)?
    };
    env.open_databases_and_commit(env.read_txn()?, |dbo, rtxn| -> Result<_> {
        // The unnamed database's keys are the tables' names.
        let names: Vec<String> = match dbo.open_database::<Str, DecodeIgnore>(rtxn, None)? {
            Some(main) => main
                .iter(rtxn)?
                .map(|entry| entry.map(|(name, ())| name.to_owned()))
                .collect::<std::result::Result<_, _>>()?,
            None => Vec::new(),
        };
        for name in &names {
            let Some(from) = dbo.open_database::<Bytes, Bytes>(rtxn, Some(name))? else {
                continue;
            };
            // One transaction per table; LMDB spills a large one's pages to the file.
            target.create_databases_and_commit(target.write_txn()?, |tdbo, wtxn| -> Result<_> {
                let to = tdbo.create_database::<Bytes, Bytes>(wtxn, Some(name))?;
                for entry in from.iter(rtxn)? {
                    let (key, value) = entry?;
                    // Keys come in order: each is appended after the last.
                    to.put_with_flags(wtxn, heed::PutFlags::APPEND, key, value)?;
                }
                Ok(CommitOrAbort::<(), ()>::Commit(()))
            })?;
        }
        Ok(CommitOrAbort::<(), ()>::Commit(()))
    })?;
    target.prepare_for_closing().wait();
    Ok(())
}

pub(super) fn open_env(dir: &Path, map_size: usize) -> Result<Env> {
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
pub(super) fn existing_map_size(dir: &Path) -> usize {
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
pub(super) fn tighten_permissions(dir: &Path) {
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

pub(super) fn create_private_dir(dir: &Path) -> Result<()> {
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
