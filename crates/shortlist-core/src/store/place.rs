//! Where a data directory may live, and how much room it has.
//!
//! LMDB relies on a memory map and file locks that network file systems and cloud-sync
//! clients do not honour; a database there can be corrupted. Such folders are refused with a
//! clear reason before anything is opened.

use std::path::Path;

use crate::error::{Error, Result};

/// Folder names of common cloud-sync clients.
const SYNCED: [&str; 7] = [
    "Dropbox",
    "OneDrive",
    "Google Drive",
    "GoogleDrive",
    "iCloud Drive",
    "Mobile Documents",
    "pCloud Drive",
];

/// Refuses folders inside a cloud-synced folder or on a network file system.
pub fn check_data_dir(dir: &Path) -> Result<()> {
    let synced = dir.components().find_map(|c| {
        let name = c.as_os_str().to_string_lossy();
        SYNCED
            .iter()
            .find(|s| name.eq_ignore_ascii_case(s) || name.starts_with(&format!("{s} (")))
            .map(|s| (*s).to_owned())
    });
    if let Some(service) = synced {
        return Err(Error::DataDir {
            path: dir.to_owned(),
            reason: format!(
                "it is inside a {service} folder; a synced copy of the database can be corrupted. Choose a local folder (SHORTLIST_DATA_DIR or --data-dir)"
            ),
        });
    }
    if let Some(fs) = network_fs(dir) {
        return Err(Error::DataDir {
            path: dir.to_owned(),
            reason: format!(
                "it is on a network file system ({fs}); the database needs a local disk. Choose a local folder (SHORTLIST_DATA_DIR or --data-dir)"
            ),
        });
    }
    Ok(())
}

/// Free and total bytes of the file system holding `dir`.
pub fn disk_space(dir: &Path) -> Option<(u64, u64)> {
    statfs(dir).map(|s| s.space)
}

#[derive(Debug)]
struct FsInfo {
    kind: i64,
    space: (u64, u64),
}

#[cfg(target_os = "linux")]
fn statfs(dir: &Path) -> Option<FsInfo> {
    use std::os::unix::ffi::OsStrExt;
    let path = std::ffi::CString::new(dir.as_os_str().as_bytes()).ok()?;
    let mut buf = std::mem::MaybeUninit::<libc::statfs>::zeroed();
    // SAFETY: `path` is a valid NUL-terminated string and `buf` is a properly sized, writable
    // statfs struct; statfs(2) only writes into it, and we read it only when it returned 0.
    #[allow(unsafe_code)]
    let info = unsafe {
        if libc::statfs(path.as_ptr(), buf.as_mut_ptr()) != 0 {
            return None;
        }
        buf.assume_init()
    };
    let block = info.f_bsize as u64;
    Some(FsInfo {
        kind: info.f_type as i64,
        space: (info.f_bavail as u64 * block, info.f_blocks as u64 * block),
    })
}

#[cfg(not(target_os = "linux"))]
fn statfs(_dir: &Path) -> Option<FsInfo> {
    None
}

fn network_fs(dir: &Path) -> Option<&'static str> {
    // Magic numbers from statfs(2).
    match statfs(dir)?.kind {
        0x6969 => Some("NFS"),
        0xFF53_4D42 => Some("CIFS"),
        0xFE53_4D42 => Some("SMB2"),
        0x517B => Some("SMB"),
        0x0102_1997 => Some("9P"),
        // FUSE is not refused: encrypted home folders (gocryptfs, securefs) are local FUSE
        // mounts, and refusing them would lock those users out.
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn synced_folders_are_refused() {
        for p in [
            "/home/a/Dropbox/shortlist",
            "/home/a/OneDrive/data",
            "/Users/a/Library/Mobile Documents/com~apple~CloudDocs/x",
            "/home/a/Dropbox (Acme)/s",
        ] {
            let err = check_data_dir(Path::new(p)).unwrap_err();
            assert!(err.to_string().contains("local folder"), "{p}: {err}");
        }
        assert!(check_data_dir(Path::new("/tmp/shortlist-data")).is_ok());
    }

    #[test]
    fn disk_space_is_known_on_linux() {
        let dir = tempfile::tempdir().unwrap();
        if cfg!(target_os = "linux") {
            let (free, total) = disk_space(dir.path()).unwrap();
            assert!(total > 0 && free <= total);
        }
    }
}
