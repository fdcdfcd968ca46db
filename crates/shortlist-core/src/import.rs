//! Bulk import: files and folders of resumes (PDF and Word), one result per file; one bad file
//! never stops the batch.

use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};
use std::sync::mpsc;

use serde::{Deserialize, Serialize};
use time::OffsetDateTime;

use crate::error::{Error, ErrorCode};
use crate::id::ResumeId;
use crate::pdf::PdfLimits;
use crate::store::{AnalysisRef, IngestOutcome, IngestTools, Staged, Store};

/// What happened to one file.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[serde(tag = "status", rename_all = "snake_case")]
pub enum FileStatus {
    /// Stored as a new resume.
    Added {
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
        code: ErrorCode,
        /// For the person importing; never quotes the file's text.
        reason: String,
    },
}

/// The result for one file of a batch.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct FileResult {
    /// The file as given (or as found in a given folder). Serialised without loss: a name
    /// that is not valid UTF-8 has its stray bytes written as `\xNN` ([`crate::text::path`]),
    /// so a report never fails on a file name.
    #[serde(serialize_with = "crate::text::serialize_path")]
    pub path: PathBuf,
    #[serde(flatten)]
    pub status: FileStatus,
}

/// Totals of a batch.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
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
/// resume files ([`is_resume_name`]: `*.pdf` and `*.docx`, and the Word files Shortlist
/// refuses with a reason, `*.doc` and `*.docm`, so that they are reported, not skipped in
/// silence; any case), sorted, each once. Unreadable inputs become failed results.
///
/// Links are followed: a linked PDF is imported (read through the link, as any file is, and
/// only if it is a regular file), a linked folder is walked once (a link back up the tree is
/// not walked again), and a link that points nowhere is reported as failed. Anything named
/// like a resume file that is not a folder is listed, so a pipe or a device under that name is reported
/// (by the read, which refuses it without blocking) rather than left out in silence.
pub fn collect_pdfs(inputs: &[PathBuf]) -> (Vec<PathBuf>, Vec<FileResult>) {
    let mut files = Vec::new();
    let mut failures = Vec::new();
    let mut walked = std::collections::HashSet::new();
    for input in inputs {
        if input.is_dir() {
            walk(input, &mut walked, &mut files, &mut failures);
        } else if input.exists() {
            files.push(input.clone());
        } else {
            failures.push(FileResult {
                path: input.clone(),
                status: FileStatus::Failed {
                    code: ErrorCode::NotFound,
                    reason: match input.symlink_metadata() {
                        Ok(_) => "a link to nothing (its target does not exist)".into(),
                        Err(_) => "no such file or folder".into(),
                    },
                },
            });
        }
    }
    files.sort();
    files.dedup();
    (files, failures)
}

fn walk(
    dir: &Path,
    walked: &mut std::collections::HashSet<PathBuf>,
    files: &mut Vec<PathBuf>,
    failures: &mut Vec<FileResult>,
) {
    // Each folder once, however many links lead to it (and no loop through a link upwards).
    if let Ok(real) = std::fs::canonicalize(dir) {
        if !walked.insert(real) {
            return;
        }
    }
    let entries = match std::fs::read_dir(dir) {
        Ok(entries) => entries,
        Err(e) => {
            failures.push(FileResult {
                path: dir.to_owned(),
                status: FileStatus::Failed {
                    code: ErrorCode::Io,
                    reason: format!("cannot read the folder: {e}"),
                },
            });
            return;
        }
    };
    for entry in entries.flatten() {
        let path = entry.path();
        let Ok(mut kind) = entry.file_type() else {
            continue;
        };
        if kind.is_symlink() {
            match std::fs::metadata(&path) {
                Ok(target) => kind = target.file_type(),
                Err(_) if is_resume_name(&path) => {
                    failures.push(FileResult {
                        path,
                        status: FileStatus::Failed {
                            code: ErrorCode::NotFound,
                            reason: "a link to nothing (its target does not exist)".into(),
                        },
                    });
                    continue;
                }
                Err(_) => continue,
            }
        }
        if kind.is_dir() {
            walk(&path, walked, files, failures);
        } else if is_resume_name(&path) {
            files.push(path);
        }
    }
}

/// Whether a path ends in `.pdf` (any case).
pub fn is_pdf_name(path: &Path) -> bool {
    path.extension()
        .is_some_and(|e| e.eq_ignore_ascii_case("pdf"))
}

/// Whether a folder walk picks up `path`: `.pdf`, `.docx`, and the Word files that get a
/// clear refusal (`.doc`: "save it as .docx or PDF"; `.docm`: macros), any case.
pub fn is_resume_name(path: &Path) -> bool {
    path.extension().is_some_and(|e| {
        ["pdf", "docx", "doc", "docm"]
            .iter()
            .any(|x| e.eq_ignore_ascii_case(x))
    })
}

/// Imports one file from disk (the whole pipeline below, for one file).
pub fn import_file(
    store: &Store,
    tools: &IngestTools<'_>,
    path: &Path,
    now: OffsetDateTime,
) -> FileResult {
    let outcome = read_limited(path, tools.limits)
        .and_then(|bytes| store.ingest_pdf(tools, &display_name(path), bytes, now));
    result_of(path, outcome)
}

fn display_name(path: &Path) -> String {
    path.file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default()
}

fn result_of(path: &Path, outcome: Result<IngestOutcome, Error>) -> FileResult {
    let status = match outcome {
        Ok(IngestOutcome::Added { resume, analysis }) => FileStatus::Added {
            resume_id: resume.id,
            analysis,
        },
        Ok(IngestOutcome::Duplicate { resume, analysis }) => FileStatus::Duplicate {
            resume_id: resume.id,
            analysis,
        },
        Err(e) => failed(&e),
    };
    match &status {
        FileStatus::Failed { code, .. } => {
            tracing::info!(code = code.as_str(), "import failed for one file")
        }
        FileStatus::Added { resume_id, .. } => tracing::info!(%resume_id, "resume added"),
        FileStatus::Duplicate { resume_id, .. } => tracing::info!(%resume_id, "duplicate resume"),
    }
    FileResult {
        path: path.to_owned(),
        status,
    }
}

/// The bytes of a file to import (PDF or Word, one size limit): a regular file only (never a pipe or a device, and the open
/// never blocks), refused above the size limit before anything is read, and read through a
/// cap, so what the size check passed is all that is ever read ([`crate::blobs::read_regular`]).
pub(crate) fn read_limited(path: &Path, limits: PdfLimits) -> Result<Vec<u8>, Error> {
    crate::blobs::read_regular(path, limits.max_bytes).map_err(|e| match e {
        Error::FileTooLarge { size, limit } => Error::PdfTooLarge { size, limit },
        other => other,
    })
}

fn failed(e: &Error) -> FileStatus {
    let reason = match e {
        // The path is already in the result line; keep the reason short.
        Error::Io { source, .. } => source.to_string(),
        other => other.to_string(),
    };
    FileStatus::Failed {
        code: e.code(),
        reason,
    }
}

/// Passages embedded together at most (several resumes per model call: fewer, fuller batches).
const EMBED_GROUP_PASSAGES: usize = 512;

/// Imports `files`, calling `progress(done, total, result)` after each file is committed (in
/// the order they finish); returns the results in the order of `files`. Stops early (with
/// `cancelled = true`) when `cancel` is set: files already committed stay, files in flight
/// are dropped unwritten. `now` is read once per file. Copies of one PDF in the same batch:
/// the first to finish is added, the others come out as duplicates of it.
///
/// A pipeline keeps the model busy: reader threads (one per PDF worker) hash, dedupe, extract
/// and parse; one thread embeds the passages of several resumes per call; this thread scores,
/// writes the blobs and commits each resume in its own transaction, so every acknowledged file
/// is durable on its own.
pub fn import_files(
    store: &Store,
    tools: &IngestTools<'_>,
    files: &[PathBuf],
    cancel: &AtomicBool,
    now: impl Fn() -> OffsetDateTime + Sync,
    mut progress: impl FnMut(usize, usize, &FileResult),
) -> (Vec<FileResult>, bool) {
    let total = files.len();
    let mut results: Vec<Option<FileResult>> = vec![None; total];
    let next = AtomicUsize::new(0);
    let readers = tools.pdf.parallelism().clamp(1, total.max(1));
    let mut done = 0;
    std::thread::scope(|scope| {
        let (staged_tx, staged_rx) = mpsc::sync_channel::<(usize, Result<Staged, Error>)>(16);
        let (ready_tx, ready_rx) = mpsc::sync_channel::<(usize, Result<Staged, Error>)>(16);
        for _ in 0..readers {
            let staged_tx = staged_tx.clone();
            let (next, now) = (&next, &now);
            scope.spawn(move || loop {
                if cancel.load(Ordering::Relaxed) {
                    return;
                }
                let i = next.fetch_add(1, Ordering::Relaxed);
                let Some(path) = files.get(i) else { return };
                let staged = read_limited(path, tools.limits)
                    .and_then(|bytes| store.stage_pdf(tools, &display_name(path), bytes, now()));
                if staged_tx.send((i, staged)).is_err() {
                    return;
                }
            });
        }
        drop(staged_tx);
        scope.spawn(move || embed_stage(tools, staged_rx, ready_tx, cancel));
        for (i, staged) in ready_rx {
            if cancel.load(Ordering::Relaxed) {
                break;
            }
            let outcome = staged.and_then(|s| store.commit_staged(tools, s, now()));
            let result = result_of(&files[i], outcome);
            done += 1;
            progress(done, total, &result);
            results[i] = Some(result);
        }
        // Dropping the receiver (end of this scope) stops the other stages.
    });
    let cancelled = done < total;
    (results.into_iter().flatten().collect(), cancelled)
}

/// Embeds staged resumes in groups: waits for one, takes whatever else is already staged up to
/// [`EMBED_GROUP_PASSAGES`], embeds all their passages in one call, and passes them on.
fn embed_stage(
    tools: &IngestTools<'_>,
    staged: mpsc::Receiver<(usize, Result<Staged, Error>)>,
    ready: mpsc::SyncSender<(usize, Result<Staged, Error>)>,
    cancel: &AtomicBool,
) {
    while let Ok(first) = staged.recv() {
        let mut group = vec![first];
        let passages = |g: &[(usize, Result<Staged, Error>)]| -> usize {
            g.iter()
                .map(|(_, s)| match s {
                    Ok(Staged::New(n)) => n.prepared.passages.len(),
                    _ => 0,
                })
                .sum()
        };
        while passages(&group) < EMBED_GROUP_PASSAGES {
            match staged.try_recv() {
                Ok(item) => group.push(item),
                Err(_) => break,
            }
        }
        if cancel.load(Ordering::Relaxed) {
            return;
        }
        let texts: Vec<String> = group
            .iter()
            .flat_map(|(_, s)| match s {
                Ok(Staged::New(n)) => n.prepared.passages.iter().map(|p| p.text.clone()).collect(),
                _ => Vec::new(),
            })
            .collect();
        let mut vectors = match texts.is_empty() {
            true => Ok(Vec::new()),
            false => tools.embedder.embed(&texts),
        }
        .map(Vec::into_iter);
        for (i, item) in group {
            let item = match (item, &mut vectors) {
                (Ok(Staged::New(mut n)), Ok(vs)) => {
                    n.prepared.vectors = vs.take(n.prepared.passages.len()).collect();
                    Ok(Staged::New(n))
                }
                (Ok(Staged::New(_)), Err(e)) => Err(Error::Embedding(e.to_string())),
                (other, _) => other,
            };
            if ready.send((i, item)).is_err() {
                return;
            }
        }
    }
}
