//! The flows both front ends run, and the long-lived resources they need.
//!
//! The desktop shell and the CLI each hold one [`Session`]. It knows where the runtime assets
//! are and owns the PDF reader (a pool of worker processes) and the embedding model, each
//! started on first use and kept. A resource that failed to start (an asset not fetched yet,
//! say) is not remembered as broken: the next call tries again. Importing files, analysing one
//! stored resume against a job and analysing every stored resume against a job live here; the
//! front ends only turn the progress and the results into IPC events or terminal lines.

use std::path::PathBuf;
use std::sync::atomic::AtomicBool;
use std::sync::{Arc, Mutex, MutexGuard};

use serde::Serialize;
use time::OffsetDateTime;

use crate::analysis::Analysis;
use crate::assets::{self, Assets};
use crate::embed::Embedder;
use crate::error::Result;
use crate::id::{JobId, ResumeId};
use crate::import::{self, FileResult, ImportSummary};
use crate::pdf::{PdfReader, WorkerSpec};
use crate::store::{BatchReport, IngestTools, Store};

/// Builds the passages an import batch left pending into the vector index; an error is
/// logged (the error's message, which never holds candidate text) and the import stands.
pub fn index_after_import(store: &Store) {
    match store.index_passages() {
        Ok(report) => tracing::info!(
            added = report.added,
            deleted = report.deleted,
            "passage index updated after an import batch"
        ),
        Err(e) => tracing::warn!(
            error = %e,
            "passage index not updated after an import batch; searches scan the pending passages"
        ),
    }
}

/// The resources of one front end: assets, PDF reader, embedding model.
#[derive(Debug)]
pub struct Session {
    assets: Assets,
    /// The program the PDF workers run; `None`: the running executable (which calls
    /// [`crate::pdf::worker::run_if_requested`] first in `main`).
    worker_program: Option<PathBuf>,
    pdf: Mutex<Option<PdfReader>>,
    model: Mutex<Option<Arc<Embedder>>>,
}

/// Where an import stands, reported to the front end as it goes.
#[derive(Debug, Clone, Copy)]
pub enum ImportProgress<'a> {
    /// The files are known: `total` results follow (inputs that could not be read included).
    Started { total: usize },
    /// One more file is done; files finish in any order.
    File {
        done: usize,
        total: usize,
        result: &'a FileResult,
    },
}

/// Every file's result (inputs that could not be read first, then the files in the order
/// they were given or found) and the totals.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct ImportReport {
    pub results: Vec<FileResult>,
    pub summary: ImportSummary,
}

fn lock<T>(m: &Mutex<T>) -> MutexGuard<'_, T> {
    m.lock().unwrap_or_else(|e| e.into_inner())
}

impl Session {
    /// A session over `assets`; nothing is started yet.
    pub fn new(assets: Assets) -> Session {
        Session {
            assets,
            worker_program: None,
            pdf: Mutex::new(None),
            model: Mutex::new(None),
        }
    }

    /// PDF workers run `program` instead of the running executable (tests, which have a
    /// worker binary of their own).
    pub fn with_pdf_worker(mut self, program: impl Into<PathBuf>) -> Session {
        self.worker_program = Some(program.into());
        self
    }

    pub fn assets(&self) -> &Assets {
        &self.assets
    }

    /// The PDF reader, started on first use (one worker at once, so a missing or broken PDFium
    /// is reported here); a failed start is tried again on the next call.
    pub fn pdf_reader(&self) -> Result<PdfReader> {
        let mut slot = lock(&self.pdf);
        if let Some(reader) = slot.as_ref() {
            return Ok(reader.clone());
        }
        let library = self.assets.path(assets::PDFIUM)?;
        let spec = match &self.worker_program {
            Some(program) => WorkerSpec::new(program, &library),
            None => WorkerSpec::this_executable(&library)?,
        };
        let reader = PdfReader::start(spec)?;
        tracing::info!(library = %library.display(), "PDF reader started");
        Ok(slot.insert(reader).clone())
    }

    /// The embedding model, loaded on first use; a failed load is tried again on the next call.
    pub fn embedder(&self) -> Result<Arc<Embedder>> {
        let mut slot = lock(&self.model);
        if let Some(model) = slot.as_ref() {
            return Ok(Arc::clone(model));
        }
        let model = Arc::new(Embedder::load(&self.assets)?);
        Ok(Arc::clone(slot.insert(model)))
    }

    /// Imports `inputs` (files, and folders searched recursively for `*.pdf` and `*.docx`) into `store`,
    /// analysing each new resume against the current job in the same commit. Every file gets a
    /// result; one bad file never stops the batch. Reports [`ImportProgress`] as it goes and
    /// stops early when `cancel` is set (committed files stay). The reader and the model are
    /// started only when there is a file to read.
    pub fn import(
        &self,
        store: &Store,
        inputs: &[PathBuf],
        cancel: &AtomicBool,
        now: impl Fn() -> OffsetDateTime + Sync,
        mut progress: impl FnMut(ImportProgress<'_>),
    ) -> Result<ImportReport> {
        let (files, mut results) = import::collect_pdfs(inputs);
        let ready = match files.is_empty() {
            true => None,
            false => {
                let reader = self.pdf_reader()?;
                let model = self.embedder()?;
                let job = store.prepare_current_job(&model)?;
                Some((reader, model, job))
            }
        };
        let total = results.len() + files.len();
        progress(ImportProgress::Started { total });
        for (i, result) in results.iter().enumerate() {
            progress(ImportProgress::File {
                done: i + 1,
                total,
                result,
            });
        }
        let mut cancelled = false;
        if let Some((reader, model, job)) = ready {
            let tools = IngestTools::new(&reader, &model, job.as_ref());
            let offset = results.len();
            let (done, stopped) =
                import::import_files(store, &tools, &files, cancel, now, |done, _, result| {
                    progress(ImportProgress::File {
                        done: offset + done,
                        total,
                        result,
                    })
                });
            results.extend(done);
            cancelled = stopped;
            // The batch's passages go into the vector index now, in one build, rather than
            // waiting for a search to find 2,000 pending. A failure here fails no import:
            // the passages stay pending and searches scan them exactly.
            index_after_import(store);
        }
        let summary = ImportSummary::of(&results, cancelled);
        Ok(ImportReport { results, summary })
    }

    /// Scores the stored resume `resume` against `job` (again, if it was scored before: the
    /// earlier score goes into the analysis's history). No re-upload.
    pub fn analyze(
        &self,
        store: &Store,
        job: &JobId,
        resume: &ResumeId,
        now: OffsetDateTime,
    ) -> Result<Analysis> {
        let model = self.embedder()?;
        let prepared = store.prepare_job(&model, job)?;
        store.analyze(&model, &prepared, resume, now)
    }

    /// Scores every stored resume against `job`, calling `progress(done, total)` as it goes;
    /// a resume that cannot be analysed is listed in the report and the rest go on.
    pub fn analyze_all(
        &self,
        store: &Store,
        job: &JobId,
        now: OffsetDateTime,
        progress: impl FnMut(usize, usize),
    ) -> Result<BatchReport> {
        let model = self.embedder()?;
        let prepared = store.prepare_job(&model, job)?;
        store.analyze_all(&model, &prepared, now, progress)
    }
}
