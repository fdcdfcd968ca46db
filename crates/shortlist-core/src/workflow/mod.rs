//! Working a shortlist: the criteria a recruiter sets per job, knockout gates kept apart from
//! points, and each candidate's stage, history, notes and tags.

pub mod blind;
pub mod criteria;
pub mod export;
pub mod gates;
pub mod pipeline;
pub mod preview;

pub use criteria::{Choice, Criteria, Setting};
pub use gates::{Gate, GateResult, GateStatus};
pub use pipeline::{Note, Pipeline, PipelineEvent, Stage};
