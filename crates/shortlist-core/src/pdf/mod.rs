//! PDF text extraction with PDFium.
//!
//! PDFium runs in worker processes ([`worker`]): it is not thread-safe, may be bound only once
//! per process, and is the part of the app that reads untrusted bytes. A small pool of workers
//! reads several files at once; a worker that crashes or exceeds its time limit is replaced and
//! costs only the file it was reading. Size and signature are checked before a worker sees a
//! file, the page limit before any text is read.

use std::path::{Path, PathBuf};
use std::process::{Child, ChildStdin, Command, Stdio};
use std::sync::{mpsc, Arc, Condvar, Mutex, MutexGuard};
use std::time::Duration;

use serde::{Deserialize, Serialize};

use crate::error::{Error, Result};

pub mod worker;

/// Limits applied to every PDF before extraction.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct PdfLimits {
    /// Largest accepted file, in bytes.
    pub max_bytes: u64,
    /// Most pages accepted.
    pub max_pages: u32,
}

impl Default for PdfLimits {
    fn default() -> Self {
        // A resume is a few pages and a few MB at most; a portfolio may be larger.
        Self {
            max_bytes: 50 * 1024 * 1024,
            max_pages: 200,
        }
    }
}

/// The text of a PDF.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ExtractedPdf {
    pub pages: u32,
    /// The text of every page, pages separated by a form feed (`\x0c`), lines by `\n`.
    pub text: String,
    /// Characters of text on each page (0 for a page that is only an image).
    pub page_chars: Vec<u32>,
    /// Characters a reader cannot see (white or tiny text), left out of `text`.
    pub hidden_chars: u32,
}

impl ExtractedPdf {
    /// Number of non-whitespace characters in the whole document.
    pub fn visible_chars(&self) -> usize {
        self.text.chars().filter(|c| !c.is_whitespace()).count()
    }
}

/// A page rendered for a preview.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RenderedPage {
    /// PNG bytes.
    pub png: Vec<u8>,
    /// Pixels.
    pub width: u32,
    /// Pixels.
    pub height: u32,
    /// In the document.
    pub pages: u32,
}

/// How to start a PDF worker process, and its limits.
#[derive(Debug, Clone)]
pub struct WorkerSpec {
    /// The executable (normally the running app or CLI itself).
    pub program: PathBuf,
    /// The PDFium library the worker binds.
    pub library: PathBuf,
    /// Longest time one file may take before the worker is killed.
    pub timeout: Duration,
    /// Address-space limit of a worker, in bytes (0: none).
    pub memory_limit: u64,
    /// Most workers running at once.
    pub workers: usize,
}

impl WorkerSpec {
    /// Workers started from `program` (which must call [`worker::run_if_requested`] first in
    /// `main`) with the default limits: 30 s per file, 1 GiB of address space, one worker per
    /// core up to four.
    pub fn new(program: impl Into<PathBuf>, library: impl Into<PathBuf>) -> WorkerSpec {
        let cores = std::thread::available_parallelism().map_or(2, |n| n.get());
        WorkerSpec {
            program: program.into(),
            library: library.into(),
            timeout: Duration::from_secs(30),
            memory_limit: 1 << 30,
            workers: cores.clamp(1, 4),
        }
    }

    /// Workers started from the running executable.
    pub fn this_executable(library: impl Into<PathBuf>) -> Result<WorkerSpec> {
        let exe = std::env::current_exe().map_err(|e| Error::io("locating", "the program", e))?;
        Ok(WorkerSpec::new(exe, library))
    }
}

/// One running worker process.
struct Worker {
    child: Child,
    /// `None` once closed (on drop).
    stdin: Option<ChildStdin>,
    replies: mpsc::Receiver<std::io::Result<Vec<u8>>>,
}

impl Worker {
    fn spawn(spec: &WorkerSpec) -> Result<Worker> {
        let mut child = Command::new(&spec.program)
            .arg(worker::WORKER_ARG)
            .arg(&spec.library)
            .arg(spec.memory_limit.to_string())
            .stdin(Stdio::piped())
            .stdout(Stdio::piped())
            .stderr(Stdio::null())
            .spawn()
            .map_err(|e| Error::io("starting the PDF reader", &spec.program, e))?;
        let (Some(stdin), Some(mut stdout)) = (child.stdin.take(), child.stdout.take()) else {
            let _ = child.kill();
            let _ = child.wait();
            return Err(Error::WorkerGone);
        };
        let (tx, replies) = mpsc::channel();
        std::thread::Builder::new()
            .name("pdf-worker-pipe".into())
            .spawn(move || loop {
                let frame = worker::read_frame(&mut stdout);
                let end = frame.is_err();
                if tx.send(frame).is_err() || end {
                    return;
                }
            })
            .map_err(|e| Error::io("starting the PDF reader for", &spec.program, e))?;
        let mut w = Worker {
            child,
            stdin: Some(stdin),
            replies,
        };
        match w.reply(Duration::from_secs(20)) {
            Ok(worker::Reply::Ready) => Ok(w),
            Ok(worker::Reply::Failed(f)) => Err(Error::AssetLoad {
                path: spec.library.clone(),
                reason: Error::from(f).to_string(),
            }),
            Ok(worker::Reply::Extracted(_) | worker::Reply::Rendered { .. }) | Err(_) => {
                Err(Error::AssetLoad {
                    path: spec.library.clone(),
                    reason: "the PDF reader did not start".into(),
                })
            }
        }
    }

    /// The next reply, or the reason there is none.
    fn reply(&mut self, timeout: Duration) -> std::result::Result<worker::Reply, Lost> {
        match self.replies.recv_timeout(timeout) {
            Ok(Ok(frame)) => serde_json::from_slice(&frame).map_err(|_| Lost::Crashed),
            Ok(Err(_)) | Err(mpsc::RecvTimeoutError::Disconnected) => Err(Lost::Crashed),
            Err(mpsc::RecvTimeoutError::Timeout) => Err(Lost::TimedOut),
        }
    }

    fn render(
        &mut self,
        bytes: &[u8],
        request: &worker::Request,
        timeout: Duration,
    ) -> std::result::Result<Result<RenderedPage>, Lost> {
        let stdin = self.stdin.as_mut().ok_or(Lost::Crashed)?;
        worker::write_request(stdin, request, bytes).map_err(|_| Lost::Crashed)?;
        match self.reply(timeout)? {
            worker::Reply::Rendered {
                width,
                height,
                pages,
            } => match self.replies.recv_timeout(timeout) {
                Ok(Ok(png)) => Ok(Ok(RenderedPage {
                    png,
                    width,
                    height,
                    pages,
                })),
                Ok(Err(_)) | Err(mpsc::RecvTimeoutError::Disconnected) => Err(Lost::Crashed),
                Err(mpsc::RecvTimeoutError::Timeout) => Err(Lost::TimedOut),
            },
            worker::Reply::Failed(f) => Ok(Err(f.into())),
            _ => Err(Lost::Crashed),
        }
    }

    fn extract(
        &mut self,
        bytes: &[u8],
        limits: PdfLimits,
        timeout: Duration,
    ) -> std::result::Result<Result<ExtractedPdf>, Lost> {
        let request = worker::Request::Extract {
            max_pages: limits.max_pages,
        };
        let stdin = self.stdin.as_mut().ok_or(Lost::Crashed)?;
        worker::write_request(stdin, &request, bytes).map_err(|_| Lost::Crashed)?;
        match self.reply(timeout)? {
            worker::Reply::Extracted(e) => Ok(Ok(e)),
            worker::Reply::Failed(f) => Ok(Err(f.into())),
            worker::Reply::Ready | worker::Reply::Rendered { .. } => Err(Lost::Crashed),
        }
    }
}

impl Drop for Worker {
    /// Closes the worker's input (it exits at once when idle), then kills it if it is still
    /// running after a moment (a hung one).
    fn drop(&mut self) {
        drop(self.stdin.take());
        for _ in 0..20 {
            if matches!(self.child.try_wait(), Ok(Some(_))) {
                return;
            }
            std::thread::sleep(Duration::from_millis(10));
        }
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

enum Lost {
    Crashed,
    TimedOut,
}

#[derive(Default)]
struct PoolState {
    idle: Vec<Worker>,
    running: usize,
}

struct Pool {
    spec: WorkerSpec,
    state: Mutex<PoolState>,
    freed: Condvar,
}

impl Pool {
    fn lock(&self) -> MutexGuard<'_, PoolState> {
        self.state.lock().unwrap_or_else(|e| e.into_inner())
    }

    fn take(&self) -> Result<Worker> {
        let mut state = self.lock();
        loop {
            if let Some(w) = state.idle.pop() {
                return Ok(w);
            }
            if state.running < self.spec.workers.max(1) {
                state.running += 1;
                drop(state);
                let spawned = Worker::spawn(&self.spec);
                if spawned.is_err() {
                    self.gone();
                }
                return spawned;
            }
            state = self.freed.wait(state).unwrap_or_else(|e| e.into_inner());
        }
    }

    fn give_back(&self, worker: Worker) {
        self.lock().idle.push(worker);
        self.freed.notify_one();
    }

    fn gone(&self) {
        let mut state = self.lock();
        state.running = state.running.saturating_sub(1);
        drop(state);
        self.freed.notify_one();
    }
}

/// Reads PDFs in worker processes (see [`worker`]). Cheap to clone; clones share the pool.
/// Requests from several threads run in parallel, one per worker.
#[derive(Clone)]
pub struct PdfReader {
    pool: Arc<Pool>,
}

impl std::fmt::Debug for PdfReader {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("PdfReader")
            .field("spec", &self.pool.spec)
            .finish()
    }
}

impl PdfReader {
    /// Starts one worker now (so a missing or broken PDFium is reported here) and more on
    /// demand, up to `spec.workers`.
    pub fn start(spec: WorkerSpec) -> Result<PdfReader> {
        let pool = Arc::new(Pool {
            spec,
            state: Mutex::new(PoolState::default()),
            freed: Condvar::new(),
        });
        let first = pool.take()?;
        pool.give_back(first);
        Ok(PdfReader { pool })
    }

    /// Workers from the running executable bound to `library`, default limits.
    pub fn for_this_executable(library: &Path) -> Result<PdfReader> {
        PdfReader::start(WorkerSpec::this_executable(library)?)
    }

    /// The library the workers bind.
    pub fn library(&self) -> &Path {
        &self.pool.spec.library
    }

    /// How many files can be read at once.
    pub fn parallelism(&self) -> usize {
        self.pool.spec.workers.max(1)
    }

    /// Runs `work` on an idle worker; a worker lost on the way is replaced, and the file costs
    /// a typed error.
    fn with_worker<T>(
        &self,
        work: impl FnOnce(&mut Worker, Duration) -> std::result::Result<Result<T>, Lost>,
    ) -> Result<T> {
        let mut worker = self.pool.take()?;
        match work(&mut worker, self.pool.spec.timeout) {
            Ok(result) => {
                self.pool.give_back(worker);
                result
            }
            Err(lost) => {
                drop(worker);
                self.pool.gone();
                Err(match lost {
                    Lost::Crashed => Error::PdfReaderCrashed,
                    Lost::TimedOut => Error::PdfTimeout {
                        seconds: self.pool.spec.timeout.as_secs(),
                    },
                })
            }
        }
    }

    /// Extracts the text of a borrowed buffer.
    pub fn extract_slice(&self, bytes: &[u8], limits: PdfLimits) -> Result<ExtractedPdf> {
        precheck(bytes, limits)?;
        self.with_worker(|w, timeout| w.extract(bytes, limits, timeout))
    }

    /// Extracts the text of `bytes`, checking `limits` first.
    pub fn extract(&self, bytes: Vec<u8>, limits: PdfLimits) -> Result<ExtractedPdf> {
        self.extract_slice(&bytes, limits)
    }

    /// Renders page `page` (0-based) of `bytes` as a PNG about `width` pixels wide, for a
    /// preview in the window (no external viewer).
    pub fn render_page(
        &self,
        bytes: &[u8],
        page: u32,
        width: u32,
        limits: PdfLimits,
    ) -> Result<RenderedPage> {
        precheck(bytes, limits)?;
        let request = worker::Request::Render {
            page,
            width,
            max_pages: limits.max_pages,
        };
        self.with_worker(|w, timeout| w.render(bytes, &request, timeout))
    }
}

/// Checks that need no PDFium: size and the `%PDF-` signature (allowed within the first KiB,
/// as readers do).
pub fn precheck(bytes: &[u8], limits: PdfLimits) -> Result<()> {
    let size = bytes.len() as u64;
    if size > limits.max_bytes {
        return Err(Error::PdfTooLarge {
            size,
            limit: limits.max_bytes,
        });
    }
    if size == 0 {
        return Err(Error::EmptyFile);
    }
    let head = &bytes[..bytes.len().min(1024)];
    if !head.windows(5).any(|w| w == b"%PDF-") {
        return Err(Error::NotPdf);
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn precheck_rejects_non_pdf_and_oversize() {
        let limits = PdfLimits {
            max_bytes: 100,
            max_pages: 1,
        };
        assert!(matches!(precheck(b"", limits), Err(Error::EmptyFile)));
        assert!(matches!(
            precheck(b"hello world", limits),
            Err(Error::NotPdf)
        ));
        assert!(matches!(
            precheck(&[b'%'; 101], limits),
            Err(Error::PdfTooLarge { size: 101, .. })
        ));
        assert!(precheck(b"%PDF-1.7\n...", limits).is_ok());
    }
}
