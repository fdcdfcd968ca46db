//! Shortlist's domain core: jobs, resumes, the store, PDF extraction and import.
//!
//! No Tauri here: the desktop shell (`src-tauri`) and the CLI (`shortlist-cli`) are two thin
//! front ends over this API, and every feature is testable without a window.

pub mod assets;
pub mod blobs;
pub mod error;
pub mod id;
pub mod import;
pub mod job;
pub mod logging;
pub mod pdf;
pub mod resume;
pub mod store;

pub use error::{Error, Result};
pub use id::{AnalysisId, FeedbackId, JobId, ResumeId};
pub use job::{Job, JobDraft, JobSummary};
pub use resume::Resume;
pub use store::{IngestOutcome, Store};
