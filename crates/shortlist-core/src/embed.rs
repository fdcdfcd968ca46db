//! Local sentence embeddings: all-MiniLM-L6-v2 (int8 ONNX) through fastembed and ONNX Runtime,
//! both loaded from the assets folder. Mean pooling, L2-normalised, 384 dimensions.
//!
//! The front end's [`crate::session::Session`] loads the model on first use and keeps it; a
//! load that failed (assets missing, say) is tried again the next time. Texts are embedded in
//! batches sorted by length (fastembed pads each batch to its longest text), small enough to
//! keep memory low.

use std::path::Path;
use std::sync::Mutex;

use fastembed::{
    InitOptionsUserDefined, Pooling, TextEmbedding, TokenizerFiles, UserDefinedEmbeddingModel,
};

use crate::assets::{self, Assets};
use crate::error::{Error, Result};

/// Dimensions of a vector.
pub const DIM: usize = 384;
/// The model's identifier, stored with analyses.
pub const MODEL_ID: &str = "all-MiniLM-L6-v2-int8";
/// Tokens per text; longer texts are truncated by the tokenizer.
pub const MAX_TOKENS: usize = 256;
const BATCH: usize = 16;

/// ONNX Runtime's PyPI build carries Microsoft's 1DS telemetry client (libcurl, posting to
/// mobile.events.data.microsoft.com). Unless this variable is set when the library starts, it
/// resolves its collector's host name within seconds of loading, even with telemetry events
/// disabled through the API (seen with strace: DNS queries from ONNX Runtime's threads).
pub const TELEMETRY_OFF: (&str, &str) = ("ORT_DISABLE_TELEMETRY", "1");

/// Switches ONNX Runtime's telemetry off for this process ([`TELEMETRY_OFF`]). Call it first
/// thing in `main`, before any other thread exists: changing the environment is only safe
/// then. [`Embedder::load`] refuses to load the model in a process that has not done this.
pub fn disable_vendor_telemetry() {
    std::env::set_var(TELEMETRY_OFF.0, TELEMETRY_OFF.1);
}

/// How the model's work is spread over the cores: `lanes` sessions of the model, each running
/// batches of its own with `threads` intra-op threads.
///
/// Several single-threaded sessions, each on its own batch, keep every core busy with no
/// hand-over inside an operator; one session with one thread per core spends part of each
/// small operator of a small batch waiting for its threads. `shortlist bench all` times both
/// on the same passages.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Layout {
    /// Sessions of the model (each holds its own copy of the weights, ~23 MB).
    pub lanes: usize,
    /// Intra-op threads of each session.
    pub threads: usize,
}

impl Layout {
    /// At most this many sessions: their memory grows with each, their gain stops with the
    /// cores left to the PDF workers.
    pub const MAX_LANES: usize = 4;

    /// One single-threaded session per core, up to [`Self::MAX_LANES`]; on more cores the
    /// sessions share them out.
    pub fn for_machine() -> Layout {
        let cores = std::thread::available_parallelism().map_or(2, |n| n.get());
        let lanes = cores.clamp(1, Self::MAX_LANES);
        Layout {
            lanes,
            threads: (cores / lanes).max(1),
        }
    }

    /// One session with a thread per core (what the Python reference stack does).
    pub fn one_session() -> Layout {
        Layout {
            lanes: 1,
            threads: std::thread::available_parallelism().map_or(2, |n| n.get()),
        }
    }
}

/// The embedding model.
pub struct Embedder {
    /// One session per lane of the [`Layout`]; a batch runs on one lane.
    lanes: Vec<Mutex<TextEmbedding>>,
    layout: Layout,
    /// Vectors of texts embedded before, when [`Embedder::remembering`] asked for it.
    memory: Option<Mutex<Memory>>,
    _env: ort::environment::Environment,
}

/// Vectors of up to `capacity` distinct texts embedded before; full, it starts again empty.
#[derive(Debug)]
struct Memory {
    capacity: usize,
    vectors: std::collections::HashMap<String, Vec<f32>>,
}

impl std::fmt::Debug for Embedder {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Embedder")
            .field("model", &MODEL_ID)
            .field("layout", &self.layout)
            .field("remembers", &self.memory.as_ref().map(|m| held(m).capacity))
            .finish()
    }
}

/// ONNX Runtime's environment. ONNX Runtime allows one per process ("only one environment is
/// allowed per process"), so every model shares it and it is kept once built; a start that
/// failed (a missing or wrong library) is not remembered and is tried again next time.
fn ort_environment(ort_path: &Path) -> Result<ort::environment::Environment> {
    static ENVIRONMENT: Mutex<Option<ort::environment::Environment>> = Mutex::new(None);
    let mut slot = ENVIRONMENT.lock().unwrap_or_else(|e| e.into_inner());
    if let Some(env) = slot.as_ref() {
        return Ok(env.clone());
    }
    // A missing or wrong library must be an error here, not a panic inside fastembed.
    let env = ort::init_from(ort_path)
        .map_err(|e| Error::AssetLoad {
            path: ort_path.to_owned(),
            reason: e.to_string(),
        })?
        .with_name("shortlist")
        // Belt and braces with TELEMETRY_OFF: `ort` switches the events on by default.
        .with_telemetry(false)
        .build()
        .map_err(|e| Error::AssetLoad {
            path: ort_path.to_owned(),
            reason: e.to_string(),
        })?;
    Ok(slot.insert(env).clone())
}

fn held<T>(m: &Mutex<T>) -> std::sync::MutexGuard<'_, T> {
    m.lock().unwrap_or_else(|e| e.into_inner())
}

fn read(assets: &Assets, name: &str) -> Result<Vec<u8>> {
    let path = assets.path(name)?;
    std::fs::read(&path).map_err(|e| Error::io("reading", path, e))
}

impl Embedder {
    /// Loads the model and ONNX Runtime from `assets` (a few hundred ms). Front ends keep one
    /// in their [`crate::session::Session`] rather than loading it per call.
    pub fn load(assets: &Assets) -> Result<Embedder> {
        Embedder::load_with(assets, Layout::for_machine())
    }

    /// As [`Self::load`], with the work spread as `layout` says.
    pub fn load_with(assets: &Assets, layout: Layout) -> Result<Embedder> {
        let started = std::time::Instant::now();
        let ort_path = assets.path(assets::ONNXRUNTIME)?;
        if std::env::var_os(TELEMETRY_OFF.0).is_none_or(|v| v != TELEMETRY_OFF.1) {
            return Err(Error::AssetLoad {
                path: ort_path,
                reason: format!(
                    "refusing to start ONNX Runtime with its telemetry possibly on: the process \
                     must set {}={} first (embed::disable_vendor_telemetry)",
                    TELEMETRY_OFF.0, TELEMETRY_OFF.1
                ),
            });
        }
        let env = ort_environment(&ort_path)?;
        let tokenizer = TokenizerFiles {
            tokenizer_file: read(assets, "tokenizer.json")?,
            config_file: read(assets, "config.json")?,
            special_tokens_map_file: read(assets, "special_tokens_map.json")?,
            tokenizer_config_file: read(assets, "tokenizer_config.json")?,
        };
        let onnx = read(assets, assets::MODEL)?;
        let layout = Layout {
            lanes: layout.lanes.clamp(1, Layout::MAX_LANES),
            threads: layout.threads.max(1),
        };
        let lanes = (0..layout.lanes)
            .map(|_| {
                let model = UserDefinedEmbeddingModel::new(onnx.clone(), tokenizer.clone())
                    .with_pooling(Pooling::Mean);
                let options = InitOptionsUserDefined::new()
                    .with_environment(env.clone())
                    .with_max_length(MAX_TOKENS)
                    .with_intra_threads(layout.threads);
                TextEmbedding::try_new_from_user_defined(model, options)
                    .map(Mutex::new)
                    .map_err(|e| Error::Embedding(e.to_string()))
            })
            .collect::<Result<Vec<_>>>()?;
        tracing::info!(
            ms = started.elapsed().as_millis() as u64,
            lanes = layout.lanes,
            threads = layout.threads,
            from = %ort_path.parent().unwrap_or(&ort_path).display(),
            "embedding model loaded"
        );
        Ok(Embedder {
            lanes,
            layout,
            memory: None,
            _env: env,
        })
    }

    /// This model, keeping the vectors of up to `texts` distinct texts it embeds, so that a
    /// text met again is not embedded again (the model gives a text the same vector in any
    /// batch, to float rounding; a session test checks it). The app does not use it (its
    /// passages are stored with their vectors); the tests do, as they import the same fixture
    /// files into a hundred fresh stores.
    pub fn remembering(mut self, texts: usize) -> Embedder {
        self.memory = Some(Mutex::new(Memory {
            capacity: texts.max(1),
            vectors: Default::default(),
        }));
        self
    }

    /// How the work is spread.
    pub fn layout(&self) -> Layout {
        self.layout
    }

    /// Embeds `texts`, returning one normalised vector per text, in order. A text repeated in
    /// `texts` is embedded once.
    pub fn embed<S: AsRef<str>>(&self, texts: &[S]) -> Result<Vec<Vec<f32>>> {
        let mut first_of: std::collections::HashMap<&str, usize> = Default::default();
        let mut unique: Vec<&str> = Vec::new();
        let slots: Vec<usize> = texts
            .iter()
            .map(|t| {
                *first_of.entry(t.as_ref()).or_insert_with(|| {
                    unique.push(t.as_ref());
                    unique.len() - 1
                })
            })
            .collect();
        let vectors = match &self.memory {
            None => self.embed_unique(&unique)?,
            Some(memory) => self.embed_remembered(memory, &unique)?,
        };
        Ok(slots.into_iter().map(|i| vectors[i].clone()).collect())
    }

    /// [`Self::embed_unique`] for the texts `memory` does not hold; it then holds them.
    fn embed_remembered(&self, memory: &Mutex<Memory>, texts: &[&str]) -> Result<Vec<Vec<f32>>> {
        let mut out: Vec<Option<Vec<f32>>> = {
            let memory = held(memory);
            texts
                .iter()
                .map(|t| memory.vectors.get(*t).cloned())
                .collect()
        };
        let (missing, texts_missing): (Vec<usize>, Vec<&str>) = texts
            .iter()
            .enumerate()
            .filter(|(i, _)| out[*i].is_none())
            .map(|(i, t)| (i, *t))
            .unzip();
        let fresh = self.embed_unique(&texts_missing)?;
        let mut memory = held(memory);
        for ((i, text), vector) in missing.into_iter().zip(texts_missing).zip(fresh) {
            if memory.vectors.len() >= memory.capacity {
                memory.vectors.clear();
            }
            memory.vectors.insert(text.to_owned(), vector.clone());
            out[i] = Some(vector);
        }
        Ok(out.into_iter().map(Option::unwrap_or_default).collect())
    }

    fn embed_unique(&self, texts: &[&str]) -> Result<Vec<Vec<f32>>> {
        let mut order: Vec<usize> = (0..texts.len()).collect();
        order.sort_by_key(|&i| texts[i].len());
        // Longest first: the lanes then finish together rather than one on a long batch last.
        let chunks: Vec<&[usize]> = order.chunks(BATCH).rev().collect();
        let mut out: Vec<Vec<f32>> = vec![Vec::new(); texts.len()];
        let lanes = self.lanes.len().min(chunks.len());
        if lanes <= 1 {
            for chunk in chunks {
                let mut model = self.lane_for(0)?;
                fill(&mut out, chunk, embed_batch(&mut model, texts, chunk)?);
            }
            return Ok(out);
        }
        let next = std::sync::atomic::AtomicUsize::new(0);
        // Each worker claims a batch, then takes a lane for that batch only (a free one where
        // there is one): another call waits at most one batch, never for this whole call.
        let results: Vec<Result<Batches>> = std::thread::scope(|scope| {
            let workers: Vec<_> = (0..lanes)
                .map(|w| {
                    let (next, chunks) = (&next, &chunks);
                    scope.spawn(move || -> Result<Batches> {
                        let mut done = Vec::new();
                        loop {
                            let c = next.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
                            let Some(chunk) = chunks.get(c) else {
                                return Ok(done);
                            };
                            let mut model = self.lane_for(w)?;
                            done.push((c, embed_batch(&mut model, texts, chunk)?));
                        }
                    })
                })
                .collect();
            workers
                .into_iter()
                .map(|w| {
                    w.join().unwrap_or_else(|_| {
                        Err(Error::Embedding(
                            "the model stopped on an internal error".into(),
                        ))
                    })
                })
                .collect()
        });
        for done in results {
            for (c, vectors) in done? {
                fill(&mut out, chunks[c], vectors);
            }
        }
        Ok(out)
    }

    /// A lane for one batch of worker `w`: the first free one from its own on, else its own
    /// (waiting for it).
    fn lane_for(&self, w: usize) -> Result<std::sync::MutexGuard<'_, TextEmbedding>> {
        let n = self.lanes.len();
        for k in 0..n {
            if let Ok(guard) = self.lanes[(w + k) % n].try_lock() {
                return Ok(guard);
            }
        }
        lock(&self.lanes[w % n])
    }

    /// Embeds one text.
    pub fn embed_one(&self, text: &str) -> Result<Vec<f32>> {
        self.embed(&[text])?
            .pop()
            .ok_or_else(|| Error::Embedding("no vector returned".into()))
    }
}

/// Batches a lane embedded: each batch's index among the chunks, and its vectors.
type Batches = Vec<(usize, Vec<Vec<f32>>)>;

fn lock(lane: &Mutex<TextEmbedding>) -> Result<std::sync::MutexGuard<'_, TextEmbedding>> {
    lane.lock()
        .map_err(|_| Error::Embedding("the model is unusable after an earlier failure".into()))
}

/// The normalised vectors of the texts at `chunk` (indices into `texts`), in its order.
fn embed_batch(
    model: &mut TextEmbedding,
    texts: &[&str],
    chunk: &[usize],
) -> Result<Vec<Vec<f32>>> {
    let batch: Vec<&str> = chunk.iter().map(|&i| texts[i]).collect();
    let mut vectors = model
        .embed(&batch, Some(BATCH))
        .map_err(|e| Error::Embedding(e.to_string()))?;
    if vectors.len() != chunk.len() {
        return Err(Error::Embedding(format!(
            "{} vectors for {} texts",
            vectors.len(),
            chunk.len()
        )));
    }
    vectors.iter_mut().for_each(|v| normalize(v));
    Ok(vectors)
}

fn fill(out: &mut [Vec<f32>], chunk: &[usize], vectors: Vec<Vec<f32>>) {
    for (&i, v) in chunk.iter().zip(vectors) {
        out[i] = v;
    }
}

/// Scales `v` to unit length (a zero vector stays zero).
pub fn normalize(v: &mut [f32]) {
    let norm = v.iter().map(|x| x * x).sum::<f32>().sqrt();
    if norm > 0.0 {
        v.iter_mut().for_each(|x| *x /= norm);
    }
}

/// Cosine similarity of two normalised vectors (their dot product).
pub fn cosine(a: &[f32], b: &[f32]) -> f32 {
    a.iter().zip(b).map(|(x, y)| x * y).sum()
}

/// Cosine of a normalised vector with one stored as little-endian bytes (see [`to_bytes`]).
/// Eight independent sums let the compiler use SIMD lanes.
pub fn cosine_bytes(a: &[f32], bytes: &[u8]) -> f32 {
    let mut acc = [0.0f32; 8];
    let mut chunks = a.chunks_exact(8).zip(bytes.chunks_exact(32));
    for (xs, bs) in &mut chunks {
        for lane in 0..8 {
            let b = &bs[lane * 4..lane * 4 + 4];
            acc[lane] += xs[lane] * f32::from_le_bytes([b[0], b[1], b[2], b[3]]);
        }
    }
    let tail: f32 = a
        .chunks_exact(8)
        .remainder()
        .iter()
        .zip(bytes[a.len() / 8 * 32..].chunks_exact(4))
        .map(|(x, b)| x * f32::from_le_bytes([b[0], b[1], b[2], b[3]]))
        .sum();
    acc.iter().sum::<f32>() + tail
}

/// Little-endian bytes of a vector, for storage.
pub fn to_bytes(v: &[f32]) -> Vec<u8> {
    v.iter().flat_map(|x| x.to_le_bytes()).collect()
}

/// Vectors back from [`to_bytes`] of several vectors of [`DIM`] dimensions.
pub fn from_bytes(bytes: &[u8]) -> Vec<Vec<f32>> {
    bytes
        .chunks_exact(DIM * 4)
        .map(|v| {
            v.chunks_exact(4)
                .map(|b| f32::from_le_bytes([b[0], b[1], b[2], b[3]]))
                .collect()
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn bytes_round_trip() {
        let a: Vec<f32> = (0..DIM).map(|i| i as f32 / 7.0).collect();
        let b: Vec<f32> = (0..DIM).map(|i| -(i as f32)).collect();
        let mut bytes = to_bytes(&a);
        bytes.extend(to_bytes(&b));
        assert_eq!(from_bytes(&bytes), vec![a.clone(), b]);
        let (fast, plain) = (cosine_bytes(&a, &to_bytes(&a)), cosine(&a, &a));
        assert!((fast - plain).abs() / plain < 1e-5, "{fast} vs {plain}");
    }

    #[test]
    fn normalize_and_cosine() {
        let mut v = vec![3.0, 4.0];
        normalize(&mut v);
        assert!((cosine(&v, &v) - 1.0).abs() < 1e-6);
        let mut zero = vec![0.0; 3];
        normalize(&mut zero);
        assert_eq!(zero, vec![0.0; 3]);
    }
}
