//! Shortlist's domain core: jobs, resumes, the store, PDF extraction and import.
//!
//! No Tauri here: the desktop shell (`src-tauri`) and the CLI (`shortlist-cli`) are two thin
//! front ends over this API, and every feature is testable without a window. Each front end
//! holds a [`Session`] (PDF reader, model) and runs the shared flows through it; logging is
//! theirs to set up (`shortlist-log`). Benchmarks and the ranking evaluation are behind the
//! `bench` and `eval` features, which the CLI turns on.

pub mod analysis;
pub mod assets;
pub mod background;
pub use store::backup;
#[cfg(feature = "bench")]
pub mod bench;
pub mod blobs;
pub mod csv;
pub mod docx;
pub mod embed;
pub mod engine;
pub mod error;
#[cfg(feature = "eval")]
pub mod eval;
pub mod facts;
pub mod feedback;
pub mod id;
pub mod identity;
pub mod import;
pub mod jd;
pub mod job;
pub mod layout;
pub mod legacy;
pub mod lexical;
pub mod lexicon;
pub mod pdf;
pub mod profile;
pub mod qa;
pub mod resume;
pub mod session;
pub mod store;
pub mod text;
pub mod wire;
pub mod workflow;

pub use analysis::Analysis;
pub use error::{Error, ErrorCode, Result};
pub use id::{AnalysisId, FeedbackId, JobId, ResumeId};
pub use job::{Job, JobDraft, JobSummary};
pub use resume::Resume;
pub use session::Session;
pub use store::{IngestOutcome, IngestTools, Store};
