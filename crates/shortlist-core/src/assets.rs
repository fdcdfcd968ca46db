//! Runtime assets: PDFium, ONNX Runtime, the embedding model and its tokenizer.
//!
//! They come from PyPI wheels (see `scripts/fetch-assets.py`) and are pinned by SHA-256 in
//! `assets/assets.lock`, which is compiled into this crate. A file is looked for in, in order:
//! the directory named by `SHORTLIST_ASSETS_DIR`, the extra directories the front end passes
//! (the app bundle's resource dir), and the repository's dev folder `assets/runtime`.
//! Each file is verified against the lock once per process before it is used.

use std::collections::HashMap;
use std::io::Read;
use std::path::{Path, PathBuf};
use std::sync::{Mutex, OnceLock};

use sha2::{Digest, Sha256};

use crate::error::{Error, Result};

/// The lock file, compiled in: `name<TAB>sha256<TAB>requirement<TAB>member`.
pub const LOCK: &str = include_str!("../../../assets/assets.lock");

/// File name of the PDFium library.
pub const PDFIUM: &str = "libpdfium.so";
/// File name of the ONNX Runtime library.
pub const ONNXRUNTIME: &str = "libonnxruntime.so";
/// File name of the int8 all-MiniLM-L6-v2 model.
pub const MODEL: &str = "model.onnx";
/// Tokenizer files of the model.
pub const TOKENIZER_FILES: [&str; 4] = [
    "tokenizer.json",
    "config.json",
    "special_tokens_map.json",
    "tokenizer_config.json",
];

/// The environment variable that overrides the assets directory.
pub const ENV_VAR: &str = "SHORTLIST_ASSETS_DIR";

/// One entry of the lock file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LockEntry {
    /// File name inside the assets folder.
    pub name: String,
    /// Expected SHA-256, lowercase hex.
    pub sha256: String,
    /// The PyPI requirement it comes from, e.g. `pypdfium2==5.15.2`.
    pub requirement: String,
    /// The member inside the wheel (`a/b.zip!c` for a file inside a zip inside the wheel).
    pub member: String,
}

/// Parses the lock file text; comment and blank lines are skipped.
pub fn parse_lock(text: &str) -> Vec<LockEntry> {
    text.lines()
        .map(str::trim)
        .filter(|l| !l.is_empty() && !l.starts_with('#'))
        .filter_map(|l| {
            let mut f = l.split('\t');
            Some(LockEntry {
                name: f.next()?.to_owned(),
                sha256: f.next()?.to_owned(),
                requirement: f.next()?.to_owned(),
                member: f.next()?.to_owned(),
            })
        })
        .collect()
}

/// Where the assets are looked for, in order.
#[derive(Debug, Clone)]
pub struct Assets {
    dirs: Vec<PathBuf>,
}

fn verified() -> &'static Mutex<HashMap<PathBuf, String>> {
    static VERIFIED: OnceLock<Mutex<HashMap<PathBuf, String>>> = OnceLock::new();
    VERIFIED.get_or_init(Default::default)
}

impl Assets {
    /// The standard search order, with `extra` (e.g. the app bundle's resource dirs) after the
    /// environment override and before the repository's dev folder.
    pub fn discover(extra: &[PathBuf]) -> Self {
        let mut dirs = Vec::new();
        if let Some(dir) = std::env::var_os(ENV_VAR).filter(|v| !v.is_empty()) {
            dirs.push(PathBuf::from(dir));
        }
        dirs.extend(extra.iter().cloned());
        dirs.push(Path::new(env!("CARGO_MANIFEST_DIR")).join("../../assets/runtime"));
        Self { dirs }
    }

    /// Exactly these directories, nothing else (for tests).
    pub fn in_dirs(dirs: Vec<PathBuf>) -> Self {
        Self { dirs }
    }

    /// The directories searched, in order.
    pub fn dirs(&self) -> &[PathBuf] {
        &self.dirs
    }

    /// The path of asset `name`, verified against the lock.
    pub fn path(&self, name: &str) -> Result<PathBuf> {
        let found = self.dirs.iter().map(|d| d.join(name)).find(|p| p.is_file());
        let Some(path) = found else {
            return Err(Error::AssetMissing {
                name: name.to_owned(),
                searched: self
                    .dirs
                    .iter()
                    .map(|d| d.display().to_string())
                    .collect::<Vec<_>>()
                    .join(", "),
            });
        };
        verify(&path, name)?;
        Ok(path)
    }
}

/// Checks `path` against the lock entry called `name` (once per process and path).
fn verify(path: &Path, name: &str) -> Result<()> {
    let entries = parse_lock(LOCK);
    let expected = entries
        .iter()
        .find(|e| e.name == name)
        .map(|e| e.sha256.clone())
        .ok_or_else(|| Error::AssetLoad {
            path: path.to_owned(),
            reason: "not listed in assets/assets.lock".into(),
        })?;
    let canonical = path.canonicalize().unwrap_or_else(|_| path.to_owned());
    if verified()
        .lock()
        .map(|m| m.get(&canonical) == Some(&expected))
        .unwrap_or(false)
    {
        return Ok(());
    }
    let actual = sha256_file(path)?;
    if actual != expected {
        return Err(Error::AssetMismatch {
            path: path.to_owned(),
            expected,
            actual,
        });
    }
    if let Ok(mut m) = verified().lock() {
        m.insert(canonical, actual);
    }
    Ok(())
}

/// SHA-256 of a file, lowercase hex.
pub fn sha256_file(path: &Path) -> Result<String> {
    let mut file = std::fs::File::open(path).map_err(|e| Error::io("reading", path, e))?;
    let mut hasher = Sha256::new();
    let mut buf = vec![0u8; 1 << 16];
    loop {
        let n = file
            .read(&mut buf)
            .map_err(|e| Error::io("reading", path, e))?;
        if n == 0 {
            break;
        }
        hasher.update(&buf[..n]);
    }
    Ok(hex(&hasher.finalize()))
}

/// Lowercase hex of bytes.
pub fn hex(bytes: &[u8]) -> String {
    use std::fmt::Write;
    bytes
        .iter()
        .fold(String::with_capacity(bytes.len() * 2), |mut s, b| {
            let _ = write!(s, "{b:02x}");
            s
        })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lock_lists_every_runtime_asset() {
        let names: Vec<_> = parse_lock(LOCK).into_iter().map(|e| e.name).collect();
        for want in [PDFIUM, ONNXRUNTIME, MODEL]
            .into_iter()
            .chain(TOKENIZER_FILES)
        {
            assert!(names.iter().any(|n| n == want), "{want} missing from lock");
        }
    }

    #[test]
    fn missing_asset_names_file_and_command() {
        let dir = tempfile::tempdir().unwrap();
        let assets = Assets::in_dirs(vec![dir.path().to_owned()]);
        let msg = assets.path(PDFIUM).unwrap_err().to_string();
        assert!(
            msg.contains("libpdfium.so") && msg.contains("make assets"),
            "{msg}"
        );
    }

    #[test]
    fn tampered_asset_is_refused() {
        let dir = tempfile::tempdir().unwrap();
        std::fs::write(dir.path().join(MODEL), b"not the model").unwrap();
        let assets = Assets::in_dirs(vec![dir.path().to_owned()]);
        let err = assets.path(MODEL).unwrap_err();
        assert!(matches!(err, Error::AssetMismatch { .. }), "{err}");
        assert!(err.to_string().contains("make assets"));
    }
}
