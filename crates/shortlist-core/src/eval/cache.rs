//! Embeddings by text hash, kept in a file between runs.

use std::collections::HashMap;
use std::io::Write;
use std::path::{Path, PathBuf};

use sha2::{Digest, Sha256};

use crate::embed::{Embedder, DIM, MODEL_ID};
use crate::error::{Error, Result};

/// Embeddings by text, kept in a file between runs.
#[derive(Debug)]
pub struct VectorCache {
    path: PathBuf,
    vectors: HashMap<[u8; 32], Vec<f32>>,
    fresh: Vec<([u8; 32], Vec<f32>)>,
}

fn text_key(text: &str) -> [u8; 32] {
    Sha256::digest(text.as_bytes()).into()
}

impl VectorCache {
    /// Opens (or starts) the cache in `dir`.
    pub fn open(dir: &Path) -> Result<VectorCache> {
        std::fs::create_dir_all(dir).map_err(|e| Error::io("creating", dir, e))?;
        let path = dir.join(format!("vectors-{MODEL_ID}.bin"));
        let mut vectors = HashMap::new();
        if let Ok(bytes) = std::fs::read(&path) {
            let record = 32 + DIM * 4;
            for chunk in bytes.chunks_exact(record) {
                let mut key = [0u8; 32];
                key.copy_from_slice(&chunk[..32]);
                let v = chunk[32..]
                    .chunks_exact(4)
                    .map(|b| f32::from_le_bytes([b[0], b[1], b[2], b[3]]))
                    .collect();
                vectors.insert(key, v);
            }
        }
        Ok(VectorCache {
            path,
            vectors,
            fresh: Vec::new(),
        })
    }

    /// Vectors of `texts`, embedding those not cached.
    pub fn embed<S: AsRef<str>>(
        &mut self,
        embedder: &Embedder,
        texts: &[S],
    ) -> Result<Vec<Vec<f32>>> {
        let missing: Vec<&str> = texts
            .iter()
            .map(AsRef::as_ref)
            .filter(|t| !self.vectors.contains_key(&text_key(t)))
            .collect();
        if !missing.is_empty() {
            let vectors = embedder.embed(&missing)?;
            for (t, v) in missing.iter().zip(vectors) {
                let key = text_key(t);
                if !self.vectors.contains_key(&key) {
                    self.fresh.push((key, v.clone()));
                    self.vectors.insert(key, v);
                }
            }
        }
        Ok(texts
            .iter()
            .map(|t| self.vectors[&text_key(t.as_ref())].clone())
            .collect())
    }

    /// Appends the vectors embedded since opening to the file.
    pub fn save(&mut self) -> Result<()> {
        if self.fresh.is_empty() {
            return Ok(());
        }
        let mut file = std::fs::OpenOptions::new()
            .create(true)
            .append(true)
            .open(&self.path)
            .map_err(|e| Error::io("writing", &self.path, e))?;
        let mut bytes = Vec::with_capacity(self.fresh.len() * (32 + DIM * 4));
        for (key, v) in self.fresh.drain(..) {
            bytes.extend_from_slice(&key);
            for x in v {
                bytes.extend_from_slice(&x.to_le_bytes());
            }
        }
        file.write_all(&bytes)
            .map_err(|e| Error::io("writing", &self.path, e))
    }
}
