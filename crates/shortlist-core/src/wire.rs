//! What the desktop window receives: the shell's own payloads (errors, progress events, page
//! images, a chosen backup) and the TypeScript declarations of every type a command sends or
//! takes. The declarations are generated from the Rust types (`ts-rs`) into
//! `ui/src/bindings.ts`; a test fails when that file is not what [`typescript`] writes, so the
//! UI's type check always runs against the types the shell really serialises.

use serde::{Deserialize, Serialize};
#[cfg(feature = "ts")]
use ts_rs::{Config, TS};

use crate::error::{Error, ErrorCode};
use crate::import::FileResult;

/// The one error shape the window sees: a stable code and one human sentence.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "ts", derive(TS))]
pub struct IpcError {
    /// Stable, for the UI to branch on (see [`Error::code`]).
    pub code: ErrorCode,
    /// For the recruiter; never quotes candidate text.
    pub message: String,
}

impl IpcError {
    /// An error made by the shell itself.
    pub fn new(code: ErrorCode, message: impl Into<String>) -> Self {
        IpcError {
            code,
            message: message.into(),
        }
    }
}

impl From<Error> for IpcError {
    fn from(e: Error) -> Self {
        if e.code() == ErrorCode::Internal {
            tracing::error!(error = %e, "command failed");
        }
        IpcError {
            code: e.code(),
            message: e.to_string(),
        }
    }
}

/// Progress of analysing every stored resume against a job.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "ts", derive(TS))]
pub struct AnalyzeProgress {
    /// Resumes done.
    pub done: usize,
    /// Resumes in all.
    pub total: usize,
}

/// Progress of an import, streamed to the window.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(TS))]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum ImportEvent {
    /// The files to import are known.
    Started {
        /// Number of files.
        total: usize,
    },
    /// One file is done.
    File {
        /// Files done so far.
        done: usize,
        /// Number of files.
        total: usize,
        /// Its result.
        result: FileResult,
    },
}

/// A backup chosen for restoring, checked but not yet applied.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "ts", derive(TS))]
pub struct BackupChoice {
    /// The archive.
    pub path: String,
    /// What it holds.
    pub manifest: crate::backup::Manifest,
}

/// A page of a resume as an image for the window.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "ts", derive(TS))]
pub struct PagePreview {
    /// `data:image/png;base64,…`
    pub data_url: String,
    /// 0-based.
    pub page: u32,
    /// Pages in the PDF.
    pub pages: u32,
}

/// Where the generated declarations live, relative to the repository's top.
#[cfg(feature = "ts")]
pub const BINDINGS_PATH: &str = "ui/src/bindings.ts";

/// The TypeScript module of every type that crosses the IPC boundary, in a fixed order
/// (with the `ts` feature, which the bindings test turns on).
#[cfg(feature = "ts")]
pub fn typescript() -> String {
    // 64-bit integers are plain JSON numbers on this boundary (counts and byte sizes, far
    // below 2^53), so `number`, not ts-rs's default `bigint`.
    let cfg = Config::new().with_large_int("number");
    let mut out = String::from(
        "// Generated from the Rust types by shortlist-core (wire::typescript) with ts-rs.\n\
         // Do not edit: change the Rust type, then run `make bindings`.\n",
    );
    macro_rules! declare {
        ($($t:ty),* $(,)?) => {$(
            out.push('\n');
            out.push_str(&<$t as TS>::docs().unwrap_or_default());
            out.push_str("export ");
            out.push_str(&tidy(&<$t as TS>::decl(&cfg)));
            out.push('\n');
        )*};
    }
    declare!(
        // IDs
        crate::JobId,
        crate::ResumeId,
        crate::AnalysisId,
        crate::FeedbackId,
        ErrorCode,
        // Jobs
        crate::job::Job,
        crate::job::JobSummary,
        crate::job::JobDraft,
        // Resumes and imports
        crate::resume::Resume,
        crate::resume::ResumeFormat,
        crate::identity::SameBy,
        crate::store::SamePerson,
        crate::resume::ExtractionWarning,
        crate::profile::Contact,
        crate::profile::DegreeLevel,
        crate::profile::Section,
        crate::store::BestScore,
        crate::store::LibraryRow,
        crate::store::ResumeDetail,
        crate::store::AnalysisRef,
        crate::import::FileStatus,
        crate::import::FileResult,
        crate::import::ImportSummary,
        ImportEvent,
        PagePreview,
        // Analyses
        crate::jd::Importance,
        crate::analysis::Band,
        crate::analysis::ScoreBands,
        crate::analysis::Part,
        crate::analysis::Breakdown,
        crate::analysis::SkillMatch,
        crate::analysis::MissingSkill,
        crate::analysis::Evidence,
        crate::analysis::Flag,
        crate::analysis::Candidate,
        crate::analysis::PastScore,
        crate::analysis::Analysis,
        crate::store::RowSkill,
        crate::store::ShortlistRow,
        crate::store::BatchReport,
        AnalyzeProgress,
        crate::store::RescoreCause,
        crate::store::RescoreProgress,
        crate::store::RescoreReport,
        // Working the shortlist
        crate::workflow::Choice,
        crate::workflow::criteria::AddedRequirement,
        crate::workflow::Criteria,
        crate::workflow::Gate,
        crate::workflow::GateStatus,
        crate::workflow::GateResult,
        crate::workflow::gates::GateSummary,
        crate::workflow::Stage,
        crate::workflow::PipelineEvent,
        crate::workflow::pipeline::PipelineEntry,
        crate::workflow::Pipeline,
        crate::workflow::Note,
        crate::store::BoardEntry,
        crate::store::Board,
        crate::workflow::preview::PreviewRequirement,
        crate::workflow::preview::PartWeight,
        crate::workflow::preview::JobPreview,
        // Questions and feedback
        crate::qa::AnswerPassage,
        crate::qa::Answer,
        crate::feedback::Feedback,
        crate::feedback::FeedbackDraft,
        crate::feedback::FeedbackStats,
        crate::store::FeedbackHit,
        // Library search
        crate::store::LibraryFilters,
        crate::store::Span,
        crate::store::PassageHit,
        crate::store::LibraryHit,
        // Storage
        crate::store::StorageStats,
        crate::store::ErasureReport,
        crate::store::JobDeletion,
        crate::backup::ManifestEntry,
        crate::backup::Manifest,
        BackupChoice,
        IpcError,
    );
    out
}

/// Lays out one ts-rs declaration for reading: each field on its own line, indented by depth,
/// its doc comment folded onto one line above it. Only whitespace changes.
#[cfg(feature = "ts")]
fn tidy(decl: &str) -> String {
    // Fold each `/**\n * text\n */\n` into `/** text */` followed by a line break marker.
    let mut folded = String::new();
    let mut rest = decl;
    while let Some(start) = rest.find("/**") {
        folded.push_str(rest[..start].trim_end());
        let Some(len) = rest[start..].find("*/") else {
            break;
        };
        let body = &rest[start + 3..start + len];
        let text: Vec<&str> = body
            .lines()
            .map(|l| l.trim().trim_start_matches('*').trim())
            .filter(|l| !l.is_empty())
            .collect();
        folded.push_str(&format!("/** {} */\u{1}", text.join(" ")));
        rest = rest[start + len + 2..].trim_start_matches('\n');
    }
    folded.push_str(rest);

    let mut out = String::new();
    // Open brackets, innermost last: a comma directly inside `{…}` ends a field (new line);
    // inside `[…]`, `<…>` or `(…)` it separates tuple items or type arguments.
    let mut open: Vec<char> = Vec::new();
    let depth = |open: &[char]| open.iter().filter(|&&c| c == '{').count();
    let mut in_comment = false;
    let mut chars = folded.chars().peekable();
    let newline = |out: &mut String, depth: usize| {
        let trimmed = out.trim_end_matches(' ').len();
        out.truncate(trimmed);
        out.push('\n');
        out.push_str(&"  ".repeat(depth));
    };
    while let Some(c) = chars.next() {
        if in_comment {
            in_comment = !(c == '*' && chars.peek() == Some(&'/'));
            out.push(c);
            continue;
        }
        match c {
            '/' if chars.peek() == Some(&'*') => {
                in_comment = true;
                out.push(c);
            }
            '\u{1}' => newline(&mut out, depth(&open)),
            '\n' => {}
            '{' => {
                open.push(c);
                out.push(c);
                newline(&mut out, depth(&open));
                while chars.peek().is_some_and(|c| c.is_whitespace()) {
                    chars.next();
                }
            }
            '}' => {
                open.pop();
                newline(&mut out, depth(&open));
                out.push(c);
            }
            '[' | '<' | '(' => {
                open.push(c);
                out.push(c);
            }
            ']' | '>' | ')' => {
                open.pop();
                out.push(c);
            }
            ',' if open.last() == Some(&'{') => {
                out.push(c);
                while chars.peek() == Some(&' ') {
                    chars.next();
                }
                if chars.peek() != Some(&'}') {
                    newline(&mut out, depth(&open));
                }
            }
            _ => out.push(c),
        }
    }
    out
}

#[cfg(all(test, feature = "ts"))]
mod tests {
    use super::*;

    fn squeeze(s: &str) -> String {
        s.split_whitespace().collect()
    }

    #[test]
    fn tidy_only_changes_whitespace_and_comment_layout() {
        let cfg = Config::new().with_large_int("number");
        for decl in [
            crate::import::FileResult::decl(&cfg),
            crate::feedback::FeedbackStats::decl(&cfg),
            ImportEvent::decl(&cfg),
            crate::analysis::Analysis::decl(&cfg),
        ] {
            let strip_docs = |s: &str| {
                let mut out = String::new();
                let mut rest = s;
                while let Some(i) = rest.find("/**") {
                    out.push_str(&rest[..i]);
                    let end = rest[i..].find("*/").map_or(rest.len(), |e| i + e + 2);
                    rest = &rest[end..];
                }
                out + rest
            };
            assert_eq!(
                squeeze(&strip_docs(&tidy(&decl))),
                squeeze(&strip_docs(&decl))
            );
        }
        let tidied = tidy(&crate::feedback::FeedbackStats::decl(&cfg));
        assert!(tidied.contains("\n  per_job: Array<[JobId, number, number]>,\n"));
    }

    #[test]
    fn the_module_declares_each_type_once() {
        let ts = typescript();
        let names: Vec<&str> = ts
            .lines()
            .filter_map(|l| l.strip_prefix("export type "))
            .filter_map(|l| l.split(' ').next())
            .collect();
        let mut unique = names.clone();
        unique.sort_unstable();
        unique.dedup();
        assert_eq!(names.len(), unique.len());
        assert!(names.len() > 40);
    }
}
