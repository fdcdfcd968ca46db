//! Integration tests of the core on a real LMDB environment in a temp dir, with real PDFs
//! (tests/fixtures, made by scripts/make-fixtures.py and scripts/make-eval-set.py), the real
//! PDFium and the real embedding model. One test binary; modules by subject.

// Test helpers may unwrap: a failure is the test failing.
#![allow(clippy::unwrap_used)]

mod analysis;
mod backup;
mod bindings;
mod docx;
mod erase;
mod fairness;
mod feedback;
mod hostile;
mod identity;
mod intake;
mod legacy;
mod library_stats;
mod links;
mod qa;
mod rescore;
mod search;
mod session;
mod store;
mod words;
mod workflow;

use std::path::{Path, PathBuf};

use shortlist_core::assets::{self, Assets};
use shortlist_core::embed::Embedder;
use shortlist_core::engine::PreparedJob;
use shortlist_core::eval::VectorCache;
use shortlist_core::pdf::{PdfLimits, PdfReader, WorkerSpec};
use shortlist_core::{Error, IngestOutcome, IngestTools, JobDraft, Store};
use time::OffsetDateTime;

pub fn fixtures() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../../tests/fixtures/pdfs")
}

pub fn fixture(rel: &str) -> Vec<u8> {
    std::fs::read(fixtures().join(rel)).expect("fixture exists")
}

/// The worker binary of this package.
pub const WORKER: &str = env!("CARGO_BIN_EXE_shortlist-pdf-worker");

pub fn worker_spec() -> WorkerSpec {
    let lib = Assets::discover(&[])
        .path(assets::PDFIUM)
        .expect("run `make assets` first");
    WorkerSpec::new(WORKER, lib)
}

/// One pool of PDF workers shared by the tests.
pub fn reader() -> PdfReader {
    static READER: std::sync::OnceLock<PdfReader> = std::sync::OnceLock::new();
    READER
        .get_or_init(|| PdfReader::start(worker_spec()).expect("PDFium binds"))
        .clone()
}

/// One model shared by the tests (loading it takes a few hundred ms). It remembers the vectors
/// of the texts it embedded: the tests import the same fixture files into many fresh stores.
pub fn embedder() -> &'static Embedder {
    static MODEL: std::sync::OnceLock<Embedder> = std::sync::OnceLock::new();
    MODEL.get_or_init(|| {
        Embedder::load(&Assets::discover(&[]))
            .expect("the model loads")
            .remembering(20_000)
    })
}

/// Where the tests keep embeddings between runs: `$SHORTLIST_CACHE/eval` (set by `make test`),
/// else a directory of this run.
pub fn vector_cache_dir() -> PathBuf {
    static SCRATCH: std::sync::OnceLock<tempfile::TempDir> = std::sync::OnceLock::new();
    match std::env::var_os("SHORTLIST_CACHE") {
        Some(c) => PathBuf::from(c).join("eval"),
        None => SCRATCH
            .get_or_init(|| tempfile::tempdir().unwrap())
            .path()
            .to_owned(),
    }
}

/// The real model's vectors of `texts`, kept by text hash and model between runs: a text is
/// embedded once, the first time any run meets it.
pub fn embed_cached(texts: &[&str]) -> Vec<Vec<f32>> {
    static CACHE: std::sync::OnceLock<std::sync::Mutex<VectorCache>> = std::sync::OnceLock::new();
    let mut cache = CACHE
        .get_or_init(|| std::sync::Mutex::new(VectorCache::open(&vector_cache_dir()).unwrap()))
        .lock()
        .unwrap();
    let vectors = cache.embed(embedder(), texts).unwrap();
    cache.save().unwrap();
    vectors
}

/// Adds a job (it becomes the current one if it is the first) and prepares it for scoring.
pub fn job_ready(store: &Store, company: &str, role: &str, description: &str) -> PreparedJob {
    let job = store
        .add_job(draft(company, role, description), t(0))
        .unwrap();
    store.prepare_job(embedder(), &job.id).unwrap()
}

/// Import tools that analyse every new resume against `job`.
pub fn tools_for<'a>(reader: &'a PdfReader, job: &'a PreparedJob) -> IngestTools<'a> {
    IngestTools {
        job: Some(job),
        ..tools_with(reader, PdfLimits::default())
    }
}

pub fn tools_with(reader: &PdfReader, limits: PdfLimits) -> IngestTools<'_> {
    IngestTools {
        pdf: reader,
        embedder: embedder(),
        limits,
        job: None,
    }
}

pub fn t(secs: i64) -> OffsetDateTime {
    OffsetDateTime::from_unix_timestamp(1_700_000_000 + secs).expect("valid time")
}

pub fn draft(company: &str, role: &str, description: &str) -> JobDraft {
    JobDraft {
        company: company.into(),
        role: role.into(),
        description: description.into(),
    }
}

pub fn ingest(store: &Store, rel: &str) -> Result<IngestOutcome, Error> {
    let name = Path::new(rel)
        .file_name()
        .unwrap()
        .to_string_lossy()
        .into_owned();
    let reader = reader();
    store.ingest_pdf(
        &tools_with(&reader, PdfLimits::default()),
        &name,
        fixture(rel),
        t(10),
    )
}

pub fn files_under(dir: &Path) -> Vec<PathBuf> {
    let mut out = Vec::new();
    for entry in std::fs::read_dir(dir).unwrap().flatten() {
        let p = entry.path();
        if p.is_dir() {
            out.extend(files_under(&p));
        } else {
            out.push(p);
        }
    }
    out
}
