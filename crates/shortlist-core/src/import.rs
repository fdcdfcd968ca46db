//! Bulk import: files and folders of PDFs, one result per file; one bad file never stops the
//! batch.

use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicBool, Ordering};

use serde::{Deserialize, Serialize};
use time::OffsetDateTime;

use crate::error::Error;
use crate::id::ResumeId;
use crate::pdf::PdfLimits;
use crate::store::{AnalysisRef, IngestOutcome, IngestTools, Store};

/// What happened to one file.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "status", rename_all = "snake_case")]
pub enum FileStatus {
    /// Stored as a new resume.
    Added {
        /// Its ID.
        resume_id: ResumeId,
        /// Its analysis against the current job.
        analysis: Option<AnalysisRef>,
    },
    /// Already stored (same bytes).
    Duplicate {
        /// The existing resume's ID.
        resume_id: ResumeId,
        /// Its analysis against the current job.
        analysis: Option<AnalysisRef>,
    },
    /// Not imported.
    Failed {
        /// Machine-readable error code.
        code: String,
        /// Human reason.
        reason: String,
    },
}

/// The result for one file of a batch.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct FileResult {
    /// The file as given (or as found in a given folder).
    pub path: PathBuf,
    /// What happened.
    #[serde(flatten)]
    pub status: FileStatus,
}

/// Totals of a batch.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct ImportSummary {
    /// New resumes.
    pub added: usize,
    /// Already stored.
    pub duplicates: usize,
    /// Not imported.
    pub failed: usize,
    /// Whether the batch was cancelled before the end.
    pub cancelled: bool,
}

impl ImportSummary {
    /// Totals of `results`.
    pub fn of(results: &[FileResult], cancelled: bool) -> Self {
        let mut s = ImportSummary {
            cancelled,
            ..Default::default()
        };
        for r in results {
            match r.status {
                FileStatus::Added { .. } => s.added += 1,
                FileStatus::Duplicate { .. } => s.duplicates += 1,
                FileStatus::Failed { .. } => s.failed += 1,
            }
        }
        s
    }
}

/// Expands `inputs` into the files to import: files as given, folders walked recursively for
/// `*.pdf` (any case), sorted, each once. Unreadable inputs become failed results.
pub fn collect_pdfs(inputs: &[PathBuf]) -> (Vec<PathBuf>, Vec<FileResult>) {
    let mut files = Vec::new();
    let mut failures = Vec::new();
    for input in inputs {
        if input.is_dir() {
            walk(input, &mut files, &mut failures);
        } else if input.exists() {
            files.push(input.clone());
        } else {
            failures.push(FileResult {
                path: input.clone(),
                status: FileStatus::Failed {
                    code: "not_found".into(),
                    reason: "no such file or folder".into(),
                },
            });
        }
    }
    files.sort();
    files.dedup();
    (files, failures)
}

fn walk(dir: &Path, files: &mut Vec<PathBuf>, failures: &mut Vec<FileResult>) {
    let entries = match std::fs::read_dir(dir) {
        Ok(entries) => entries,
        Err(e) => {
            failures.push(FileResult {
                path: dir.to_owned(),
                status: FileStatus::Failed {
                    code: "io".into(),
                    reason: format!("cannot read the folder: {e}"),
                },
            });
            return;
        }
    };
    for entry in entries.flatten() {
        let path = entry.path();
        let Ok(kind) = entry.file_type() else {
            continue;
        };
        if kind.is_dir() {
            walk(&path, files, failures);
        } else if kind.is_file() && is_pdf_name(&path) {
            files.push(path);
        }
    }
}

/// Whether a path ends in `.pdf` (any case).
pub fn is_pdf_name(path: &Path) -> bool {
    path.extension()
        .is_some_and(|e| e.eq_ignore_ascii_case("pdf"))
}

/// Imports one file from disk.
pub fn import_file(
    store: &Store,
    tools: &IngestTools<'_>,
    path: &Path,
    now: OffsetDateTime,
) -> FileResult {
    let status = match read_limited(path, tools.limits) {
        Err(e) => failed(&e),
        Ok(bytes) => {
            let name = path
                .file_name()
                .map(|n| n.to_string_lossy().into_owned())
                .unwrap_or_default();
            match store.ingest_pdf(tools, &name, bytes, now) {
                Ok(IngestOutcome::Added { resume, analysis }) => FileStatus::Added {
                    resume_id: resume.id,
                    analysis,
                },
                Ok(IngestOutcome::Duplicate { resume, analysis }) => FileStatus::Duplicate {
                    resume_id: resume.id,
                    analysis,
                },
                Err(e) => failed(&e),
            }
        }
    };
    match &status {
        FileStatus::Failed { code, .. } => tracing::info!(code, "import failed for one file"),
        FileStatus::Added { resume_id, .. } => tracing::info!(%resume_id, "resume added"),
        FileStatus::Duplicate { resume_id, .. } => tracing::info!(%resume_id, "duplicate resume"),
    }
    FileResult {
        path: path.to_owned(),
        status,
    }
}

fn read_limited(path: &Path, limits: PdfLimits) -> Result<Vec<u8>, Error> {
    let meta = std::fs::metadata(path).map_err(|e| Error::io("reading", path, e))?;
    if meta.len() > limits.max_bytes {
        return Err(Error::PdfTooLarge {
            size: meta.len(),
            limit: limits.max_bytes,
        });
    }
    std::fs::read(path).map_err(|e| Error::io("reading", path, e))
}

fn failed(e: &Error) -> FileStatus {
    let reason = match e {
        // The path is already in the result line; keep the reason short.
        Error::Io { source, .. } => source.to_string(),
        other => other.to_string(),
    };
    FileStatus::Failed {
        code: e.code().to_owned(),
        reason,
    }
}

/// Imports `files` in order, calling `progress(done, total, result)` after each; stops early
/// (with `cancelled = true`) when `cancel` is set. `now` is read once per file.
pub fn import_files(
    store: &Store,
    tools: &IngestTools<'_>,
    files: &[PathBuf],
    cancel: &AtomicBool,
    now: impl Fn() -> OffsetDateTime,
    mut progress: impl FnMut(usize, usize, &FileResult),
) -> (Vec<FileResult>, bool) {
    let mut results = Vec::with_capacity(files.len());
    for (i, path) in files.iter().enumerate() {
        if cancel.load(Ordering::Relaxed) {
            return (results, true);
        }
        let result = import_file(store, tools, path, now());
        progress(i + 1, files.len(), &result);
        results.push(result);
    }
    (results, false)
}
