//! An in-memory int8 copy of the feedback vectors for fast search of large collections.
//!
//! Each vector is scaled so its largest component is ±127 and rounded (a quarter of the f32
//! bytes: 38 MB at 100k vectors). A query is quantized the same way, every stored vector is
//! scored with integer dot products (vectorised, split across cores), and the best few
//! hundred candidates are re-scored exactly from the stored f32 vectors. The copy is rebuilt
//! when the `feedback_version` in the meta database changes (every write of feedback vectors
//! bumps it, from this process or another).

use heed::RoTxn;

use super::super::tables::{self, Dbs};
use crate::embed::{self, DIM};
use crate::error::Result;

/// The quantized vectors and the version of the store they were read at.
#[derive(Debug)]
pub(crate) struct Quantized {
    pub version: u64,
    ids: Vec<Box<str>>,
    codes: Vec<i8>,
    scales: Vec<f32>,
}

fn quantize(v: &[f32], out: &mut Vec<i8>) -> f32 {
    let max = v.iter().fold(0.0f32, |m, x| m.max(x.abs()));
    if max == 0.0 {
        out.extend(std::iter::repeat_n(0, v.len()));
        return 0.0;
    }
    let scale = max / 127.0;
    out.extend(
        v.iter()
            .map(|x| (x / scale).round().clamp(-127.0, 127.0) as i8),
    );
    scale
}

fn dot(a: &[i8], b: &[i8]) -> i32 {
    // i16 products summed in i32: compiles to packed multiply-add instructions.
    a.iter()
        .zip(b)
        .map(|(&x, &y)| i32::from(i16::from(x) * i16::from(y)))
        .sum()
}

impl Quantized {
    /// Reads every stored feedback vector.
    pub fn build(rtxn: &RoTxn<'_>, dbs: &Dbs, version: u64) -> Result<Quantized> {
        let n = tables::feedback::vector_count(rtxn, dbs)?;
        let mut q = Quantized {
            version,
            ids: Vec::with_capacity(n),
            codes: Vec::with_capacity(n * DIM),
            scales: Vec::with_capacity(n),
        };
        let mut v = Vec::with_capacity(DIM);
        tables::feedback::each_vector(rtxn, dbs, |id, bytes| {
            if bytes.len() != DIM * 4 {
                return;
            }
            v.clear();
            v.extend(
                bytes
                    .chunks_exact(4)
                    .map(|b| f32::from_le_bytes([b[0], b[1], b[2], b[3]])),
            );
            q.scales.push(quantize(&v, &mut q.codes));
            q.ids.push(id.into());
        })?;
        Ok(q)
    }

    /// Number of vectors.
    pub fn len(&self) -> usize {
        self.ids.len()
    }

    /// The ID of vector `i`.
    pub fn id(&self, i: usize) -> &str {
        &self.ids[i]
    }

    /// The indexes of the `k` vectors with the highest approximate dot product with `query`.
    pub fn candidates(&self, query: &[f32], k: usize) -> Vec<usize> {
        let mut q = Vec::with_capacity(DIM);
        let q_scale = quantize(query, &mut q);
        let n = self.len();
        if n == 0 || q_scale == 0.0 {
            return Vec::new();
        }
        let threads = std::thread::available_parallelism()
            .map_or(1, |t| t.get())
            .min(n.div_ceil(20_000))
            .max(1);
        let per = n.div_ceil(threads);
        let best_of = |from: usize, to: usize| -> Vec<(f32, usize)> {
            let mut scored: Vec<(f32, usize)> = (from..to)
                .map(|i| {
                    let codes = &self.codes[i * DIM..(i + 1) * DIM];
                    (dot(&q, codes) as f32 * self.scales[i], i)
                })
                .collect();
            if scored.len() > k {
                scored.select_nth_unstable_by(k - 1, |a, b| b.0.total_cmp(&a.0));
                scored.truncate(k);
            }
            scored
        };
        let mut all: Vec<(f32, usize)> = if threads == 1 {
            best_of(0, n)
        } else {
            std::thread::scope(|s| {
                let handles: Vec<_> = (0..threads)
                    .map(|t| {
                        let (from, to) = (t * per, ((t + 1) * per).min(n));
                        s.spawn(move || best_of(from, to))
                    })
                    .collect();
                handles
                    .into_iter()
                    .flat_map(|h| h.join().unwrap_or_default())
                    .collect()
            })
        };
        all.sort_by(|a, b| b.0.total_cmp(&a.0));
        all.truncate(k);
        all.into_iter().map(|(_, i)| i).collect()
    }
}

/// Exact cosine of `query` with stored bytes (re-scoring the candidates).
pub(super) fn exact(query: &[f32], bytes: &[u8]) -> f32 {
    embed::cosine_bytes(query, bytes)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn quantized_dot_products_track_the_real_ones() {
        let a: Vec<f32> = (0..DIM)
            .map(|i| ((i * 7 % 13) as f32 - 6.0) / 10.0)
            .collect();
        let b: Vec<f32> = (0..DIM)
            .map(|i| ((i * 5 % 11) as f32 - 5.0) / 10.0)
            .collect();
        let (mut qa, mut qb) = (Vec::new(), Vec::new());
        let (sa, sb) = (quantize(&a, &mut qa), quantize(&b, &mut qb));
        let approx = dot(&qa, &qb) as f32 * sa * sb;
        let real: f32 = a.iter().zip(&b).map(|(x, y)| x * y).sum();
        assert!(
            (approx - real).abs() < 0.01 * real.abs().max(1.0),
            "{approx} vs {real}"
        );
    }
}
