//! The gate: a lock file *beside* the data folder (`.<name>.lock`), which a restore cannot
//! move away, unlike `.shortlist.lock` inside the folder.
//!
//! Every open store holds the gate shared for as long as it is open; a restore holds it
//! exclusively from before its first check to after its last rename. So a restore never
//! starts while a store is open, and a store opened while a restore runs waits until the
//! restore is done (it then opens the restored data), or is refused after [`OPEN_WAIT`].

use std::fs::{File, TryLockError};
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use crate::error::{Error, Result};

/// How long opening a store waits for a restore of its folder to finish.
pub const OPEN_WAIT: Duration = Duration::from_secs(60);

/// A held gate (shared or exclusive); released on drop.
#[derive(Debug)]
pub(crate) struct Gate {
    _file: File,
}

/// `dir` as an absolute path with its parent resolved (the folder itself may not exist yet),
/// so every process names the same gate for the same folder. Creates the parent if missing.
pub(crate) fn resolve(dir: &Path) -> Result<PathBuf> {
    if let Ok(real) = dir.canonicalize() {
        return Ok(real);
    }
    let name = dir.file_name().ok_or_else(|| Error::DataDir {
        path: dir.to_owned(),
        reason: "this is not a folder name".into(),
    })?;
    let parent = match dir.parent() {
        Some(p) if !p.as_os_str().is_empty() => p.to_owned(),
        _ => PathBuf::from("."),
    };
    // Created private, as the data folder itself is (see `create_private_dir`).
    let mut builder = std::fs::DirBuilder::new();
    builder.recursive(true);
    #[cfg(unix)]
    {
        use std::os::unix::fs::DirBuilderExt;
        builder.mode(0o700);
    }
    builder
        .create(&parent)
        .map_err(|e| Error::io("creating", &parent, e))?;
    let parent = parent
        .canonicalize()
        .map_err(|e| Error::io("opening", &parent, e))?;
    Ok(parent.join(name))
}

/// A file beside the data folder: `<parent>/.<name><suffix>`.
pub(crate) fn beside(dir: &Path, suffix: &str) -> PathBuf {
    let name = dir
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_else(|| "shortlist".into());
    dir.with_file_name(format!(".{name}{suffix}"))
}

/// The gate's file, created if missing. `None` when it can be neither created nor opened (a
/// read-only parent folder): the store then opens without it, as before the gate existed.
fn gate_file(resolved: &Path) -> Option<File> {
    let path = beside(resolved, ".lock");
    let file = File::options()
        .create(true)
        .truncate(false)
        .write(true)
        .open(&path)
        .or_else(|_| File::open(&path));
    match file {
        Ok(f) => Some(f),
        Err(e) => {
            tracing::warn!(error = %e, "no gate beside the data folder; opening without it");
            None
        }
    }
}

fn restore_running(dir: &Path) -> Error {
    Error::DataDir {
        path: dir.to_owned(),
        reason: "a restore is replacing this data folder; try again when it is done".into(),
    }
}

/// Takes the gate shared, waiting up to `wait` while a restore holds it.
pub(crate) fn shared(resolved: &Path, wait: Duration) -> Result<Option<Gate>> {
    let Some(file) = gate_file(resolved) else {
        return Ok(None);
    };
    let deadline = Instant::now() + wait;
    loop {
        match file.try_lock_shared() {
            Ok(()) => return Ok(Some(Gate { _file: file })),
            Err(TryLockError::WouldBlock) if Instant::now() < deadline => {
                std::thread::sleep(Duration::from_millis(25));
            }
            Err(TryLockError::WouldBlock) => return Err(restore_running(resolved)),
            Err(TryLockError::Error(_)) => return Ok(None), // no locks on this file system
        }
    }
}

/// Takes the gate exclusively, waiting up to `wait` for open stores to close.
pub(crate) fn exclusive(resolved: &Path, wait: Duration) -> Result<Option<Gate>> {
    let Some(file) = gate_file(resolved) else {
        return Ok(None);
    };
    let deadline = Instant::now() + wait;
    loop {
        match file.try_lock() {
            Ok(()) => return Ok(Some(Gate { _file: file })),
            Err(TryLockError::WouldBlock) if Instant::now() < deadline => {
                std::thread::sleep(Duration::from_millis(25));
            }
            Err(TryLockError::WouldBlock) => {
                return Err(Error::DataDir {
                    path: resolved.to_owned(),
                    reason: "Shortlist is using this data folder; close it first".into(),
                })
            }
            Err(TryLockError::Error(_)) => return Ok(None),
        }
    }
}
