//! The one error type of the core.
//!
//! Messages are written for the person using the app: they say what went wrong and what to do,
//! and they never contain candidate text, names or contact details (file names are the user's
//! own and may appear).

use std::path::PathBuf;

/// Everything that can go wrong in the core.
#[derive(Debug, thiserror::Error)]
pub enum Error {
    /// An ID did not match its exact pattern (e.g. a job ID is 8 lowercase hex characters).
    #[error("'{value}' is not a valid {kind} ID (expected {expected})")]
    InvalidId {
        /// Which kind of ID: "job", "resume", "analysis", "feedback".
        kind: &'static str,
        /// The rejected input, truncated and with control characters removed.
        value: String,
        /// A human description of the expected pattern.
        expected: &'static str,
    },
    /// A well-formed ID that names nothing in the store.
    #[error("no {kind} with ID {id}")]
    NotFound {
        /// Which kind of record.
        kind: &'static str,
        id: String,
    },
    /// User input that breaks a rule (empty company, over-long text, ...).
    #[error("{field}: {reason}")]
    InvalidInput {
        field: &'static str,
        /// Why it was refused.
        reason: String,
    },
    /// No job is selected as the current job.
    #[error("no job is selected; create one or select one first")]
    NoCurrentJob,

    /// The file has no bytes at all (a copy or download that did not finish, say).
    #[error("the file is empty (0 bytes); it may not have finished copying or downloading")]
    EmptyFile,
    /// The file does not start like a PDF.
    #[error("not a PDF file")]
    NotPdf,
    /// PDFium could not parse the file: truncated or damaged.
    #[error("the PDF is damaged or incomplete and cannot be read")]
    CorruptPdf,
    /// The PDF needs a password.
    #[error("the PDF is password-protected; save an unprotected copy and add that")]
    EncryptedPdf,
    /// The PDF has no pages.
    #[error("the PDF has no pages")]
    EmptyPdf,
    /// The PDF has pages but no text layer (a scan or a picture).
    #[error("the PDF has no extractable text (it looks like a scanned image); OCR it first")]
    NoText,
    /// The file is larger than the import limit.
    #[error("the file is too large ({}; the limit is {})", crate::docx::size_text(.size), crate::docx::size_text(.limit))]
    PdfTooLarge {
        /// Bytes.
        size: u64,
        /// Bytes.
        limit: u64,
    },
    /// A file to read is larger than its limit (a PDF has [`Error::PdfTooLarge`]).
    #[error("the file is too large ({}; the limit is {})", crate::docx::size_text(.size), crate::docx::size_text(.limit))]
    FileTooLarge {
        /// Size of the file in bytes (or as much as was read).
        size: u64,
        /// The limit in bytes.
        limit: u64,
    },
    /// Not a regular file: a pipe, a device, a socket or a folder, which are never read.
    #[error("not a regular file (a pipe, device, socket or folder); only ordinary files are read")]
    NotRegularFile,
    /// The PDF has more pages than the import limit.
    #[error("the PDF has too many pages ({pages}; the limit is {limit})")]
    TooManyPages { pages: u32, limit: u32 },
    /// PDFium failed in a way not covered above.
    #[error("the PDF could not be read ({0})")]
    Pdfium(String),
    /// A Word file that cannot be imported: not a `.docx`, a legacy `.doc` ("save it as .docx
    /// or PDF"), protected, with macros, damaged, a zip bomb, no text… The message is the
    /// reader's, which never holds document text.
    #[error(transparent)]
    Docx(#[from] crate::docx::DocxError),

    /// A runtime asset (PDFium, ONNX Runtime, the model) is missing.
    #[error("runtime asset '{name}' is missing (looked in {searched}); run `make assets` (scripts/fetch-assets.sh) to fetch it")]
    AssetMissing {
        /// The asset's file name.
        name: String,
        /// Where it was looked for.
        searched: String,
    },
    /// A runtime asset is present but its SHA-256 differs from the lock file.
    #[error("runtime asset '{}' does not match its checksum in assets/assets.lock (expected {expected}, found {actual}); run `make assets` to fetch it again", path.display())]
    AssetMismatch {
        /// The file on disk.
        path: PathBuf,
        /// SHA-256 from the lock.
        expected: String,
        /// SHA-256 of the file found.
        actual: String,
    },
    /// A runtime asset exists but could not be loaded.
    #[error("runtime asset '{}' could not be loaded: {reason}", path.display())]
    AssetLoad {
        /// The file on disk.
        path: PathBuf,
        /// The loader's message.
        reason: String,
    },

    /// The data directory is on a file system LMDB cannot safely use, or is otherwise unusable.
    #[error("data directory {}: {reason}", path.display())]
    DataDir {
        path: PathBuf,
        /// What is wrong with it.
        reason: String,
    },
    /// The store was written by a newer version of Shortlist.
    #[error("the data was written by a newer Shortlist (schema {found}; this version reads up to {supported}); update the app")]
    SchemaTooNew {
        /// Schema version found in the store.
        found: u32,
        /// Highest version this build understands.
        supported: u32,
    },
    /// The disk is full.
    #[error("the disk is full; free some space and try again (nothing was changed)")]
    DiskFull,
    /// A file-system operation failed.
    #[error("{action} {}: {source}", path.display())]
    Io {
        /// What was being done ("writing", "reading", ...).
        action: &'static str,
        /// The path involved (never candidate text).
        path: PathBuf,
        /// The underlying error.
        #[source]
        source: std::io::Error,
    },
    /// LMDB reported an error.
    #[error("database error: {0}")]
    Database(heed::Error),
    /// A stored record could not be decoded.
    #[error("a stored {kind} record is damaged: {reason}")]
    Corrupt {
        /// Which kind of record.
        kind: &'static str,
        /// Decoder message.
        reason: String,
    },
    /// The embedding model failed.
    #[error("the embedding model failed: {0}")]
    Embedding(String),
    /// The PDF extraction worker stopped.
    #[error("the PDF reader stopped unexpectedly; restart the app")]
    WorkerGone,

    /// The PDF reader crashed on this file, or ran out of its memory limit (a page whose
    /// content unpacks to gigabytes); the file is skipped, the next one gets a new reader.
    #[error("the PDF could not be read: it is malformed, or unpacks to more than a resume can (the PDF reader stopped on it; nothing else is affected)")]
    PdfReaderCrashed,

    /// Reading the PDF took longer than the limit.
    #[error("the PDF took too long to read (more than {seconds} s) and was skipped")]
    PdfTimeout { seconds: u64 },
}

/// `Result` with the core's [`Error`].
pub type Result<T, E = Error> = std::result::Result<T, E>;

/// A stable machine-readable error kind, for front ends that branch on it. It reaches the
/// window as a string union (`ui/src/bindings.ts`), so a code the UI tests for cannot be
/// misspelt or vanish unnoticed.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, serde::Serialize, serde::Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[serde(rename_all = "snake_case")]
pub enum ErrorCode {
    /// [`Error::InvalidId`].
    InvalidId,
    /// [`Error::NotFound`], or a path to import that does not exist.
    NotFound,
    /// [`Error::InvalidInput`].
    InvalidInput,
    /// [`Error::NoCurrentJob`].
    NoCurrentJob,
    /// A PDF that cannot be imported (not a PDF, damaged, protected, no text, too big…).
    BadPdf,
    /// A Word file that cannot be imported ([`Error::Docx`]: a legacy `.doc`, protected,
    /// macros, damaged, a zip bomb, no text…).
    BadDocx,
    /// A runtime asset is missing, damaged or cannot be loaded.
    Asset,
    /// [`Error::DiskFull`].
    DiskFull,
    /// [`Error::FileTooLarge`].
    TooLarge,
    /// [`Error::NotRegularFile`].
    NotAFile,
    /// [`Error::SchemaTooNew`].
    SchemaTooNew,
    /// [`Error::DataDir`].
    DataDir,
    /// A folder to import could not be read.
    Io,
    /// The shell is already doing this (one import at a time).
    Busy,
    /// Anything else: a bug or a broken installation; the log has the details.
    Internal,
}

impl ErrorCode {
    /// The code as the window and the logs see it (`"bad_pdf"`).
    pub fn as_str(self) -> &'static str {
        match self {
            ErrorCode::InvalidId => "invalid_id",
            ErrorCode::NotFound => "not_found",
            ErrorCode::InvalidInput => "invalid_input",
            ErrorCode::NoCurrentJob => "no_current_job",
            ErrorCode::BadPdf => "bad_pdf",
            ErrorCode::BadDocx => "bad_docx",
            ErrorCode::Asset => "asset",
            ErrorCode::DiskFull => "disk_full",
            ErrorCode::TooLarge => "too_large",
            ErrorCode::NotAFile => "not_a_file",
            ErrorCode::SchemaTooNew => "schema_too_new",
            ErrorCode::DataDir => "data_dir",
            ErrorCode::Io => "io",
            ErrorCode::Busy => "busy",
            ErrorCode::Internal => "internal",
        }
    }
}

impl std::fmt::Display for ErrorCode {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.as_str())
    }
}

impl PartialEq<str> for ErrorCode {
    fn eq(&self, other: &str) -> bool {
        self.as_str() == other
    }
}

impl PartialEq<&str> for ErrorCode {
    fn eq(&self, other: &&str) -> bool {
        self.as_str() == *other
    }
}

impl Error {
    /// The error's kind, for front ends that need to branch on it.
    pub fn code(&self) -> ErrorCode {
        match self {
            Error::InvalidId { .. } => ErrorCode::InvalidId,
            Error::NotFound { .. } => ErrorCode::NotFound,
            Error::InvalidInput { .. } => ErrorCode::InvalidInput,
            Error::NoCurrentJob => ErrorCode::NoCurrentJob,
            Error::EmptyFile
            | Error::NotPdf
            | Error::CorruptPdf
            | Error::EncryptedPdf
            | Error::EmptyPdf
            | Error::NoText
            | Error::PdfTooLarge { .. }
            | Error::TooManyPages { .. }
            | Error::Pdfium(_)
            | Error::PdfReaderCrashed
            | Error::PdfTimeout { .. } => ErrorCode::BadPdf,
            Error::Docx(_) => ErrorCode::BadDocx,
            Error::AssetMissing { .. } | Error::AssetMismatch { .. } | Error::AssetLoad { .. } => {
                ErrorCode::Asset
            }
            Error::DiskFull => ErrorCode::DiskFull,
            Error::FileTooLarge { .. } => ErrorCode::TooLarge,
            Error::NotRegularFile => ErrorCode::NotAFile,
            Error::SchemaTooNew { .. } => ErrorCode::SchemaTooNew,
            Error::DataDir { .. } => ErrorCode::DataDir,
            Error::Io { .. }
            | Error::Database(_)
            | Error::Corrupt { .. }
            | Error::WorkerGone
            | Error::Embedding(_) => ErrorCode::Internal,
        }
    }

    /// Wraps an I/O error with what was being done and where; a full disk becomes [`Error::DiskFull`].
    pub fn io(action: &'static str, path: impl Into<PathBuf>, source: std::io::Error) -> Self {
        if is_disk_full(&source) {
            return Error::DiskFull;
        }
        if source.raw_os_error() == Some(libc::EROFS) {
            return Error::DataDir {
                path: path.into(),
                reason:
                    "is on a read-only disk; Shortlist needs to write there (nothing was changed)"
                        .into(),
            };
        }
        Error::Io {
            action,
            path: path.into(),
            source,
        }
    }

    /// Shorthand for [`Error::InvalidInput`].
    pub fn invalid(field: &'static str, reason: impl Into<String>) -> Self {
        Error::InvalidInput {
            field,
            reason: reason.into(),
        }
    }
}

impl From<heed::Error> for Error {
    /// A commit that runs out of disk is [`Error::DiskFull`] like any other write.
    fn from(e: heed::Error) -> Error {
        let full = match &e {
            heed::Error::Io(io) => is_disk_full(io),
            heed::Error::Mdb(heed::MdbError::Other(code)) => {
                *code == libc::ENOSPC || *code == libc::EDQUOT
            }
            _ => false,
        };
        if full {
            Error::DiskFull
        } else {
            Error::Database(e)
        }
    }
}

fn is_disk_full(e: &std::io::Error) -> bool {
    matches!(
        e.kind(),
        std::io::ErrorKind::StorageFull | std::io::ErrorKind::QuotaExceeded
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn each_code_serialises_as_its_str() {
        for code in [
            ErrorCode::InvalidId,
            ErrorCode::NotFound,
            ErrorCode::InvalidInput,
            ErrorCode::NoCurrentJob,
            ErrorCode::BadPdf,
            ErrorCode::BadDocx,
            ErrorCode::Asset,
            ErrorCode::DiskFull,
            ErrorCode::TooLarge,
            ErrorCode::NotAFile,
            ErrorCode::SchemaTooNew,
            ErrorCode::DataDir,
            ErrorCode::Io,
            ErrorCode::Busy,
            ErrorCode::Internal,
        ] {
            let json = serde_json::to_string(&code).unwrap_or_default();
            assert_eq!(json, format!("\"{}\"", code.as_str()));
            assert_eq!(code, code.as_str());
        }
    }
}
