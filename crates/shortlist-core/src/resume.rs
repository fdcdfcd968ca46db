//! Resumes: one record per distinct file (PDF or Word, by content).

use std::collections::BTreeSet;

use serde::{Deserialize, Serialize};
use time::OffsetDateTime;

use crate::id::ResumeId;
use crate::profile::Contact;

/// Fewer visible characters than this per page earns a `LittleText` warning.
pub const LITTLE_TEXT_PER_PAGE: usize = 200;

/// A stored resume.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct Resume {
    /// `resume_` + 12 hex chars of the SHA-256.
    pub id: ResumeId,
    /// The full SHA-256 of the file's bytes (lowercase hex), compared on every re-import.
    pub sha256: String,
    /// What kind of file it came as. Records written before Word files were accepted have
    /// none and read as PDF.
    #[serde(default)]
    pub format: ResumeFormat,
    /// Every file name these bytes arrived under.
    pub file_names: BTreeSet<String>,
    /// Size of the file in bytes.
    pub size_bytes: u64,
    /// Page count (1 for a Word file, which has no fixed pages).
    pub pages: u32,
    /// Characters of extracted text.
    pub text_chars: u64,
    /// Contact details found in the text.
    #[serde(default)]
    pub contact: Contact,
    /// Problems noticed while extracting.
    #[serde(default)]
    pub warnings: Vec<ExtractionWarning>,
    /// First import.
    #[serde(with = "time::serde::rfc3339")]
    #[cfg_attr(feature = "ts", ts(type = "string"))]
    pub first_seen: OffsetDateTime,
    /// Latest import (a re-drop updates it).
    #[serde(with = "time::serde::rfc3339")]
    #[cfg_attr(feature = "ts", ts(type = "string"))]
    pub last_seen: OffsetDateTime,
}

impl Resume {
    /// The name shown in lists: the candidate's name, else the first file name, else the ID.
    pub fn display_name(&self) -> &str {
        self.contact
            .name
            .as_deref()
            .or_else(|| self.file_names.iter().next().map(String::as_str))
            .unwrap_or(self.id.as_str())
    }

    /// The first file name it arrived under.
    pub fn file_name(&self) -> &str {
        self.file_names
            .iter()
            .next()
            .map(String::as_str)
            .unwrap_or(self.id.as_str())
    }
}

/// The kind of file a resume came as.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[serde(rename_all = "snake_case")]
pub enum ResumeFormat {
    /// A PDF: kept in `blobs/pdf/`, shown with page previews.
    #[default]
    Pdf,
    /// A Word document (`.docx`): kept in `blobs/docx/`, shown as formatted text.
    Docx,
}

impl ResumeFormat {
    /// The blob holding the original file.
    pub fn original_blob(self) -> crate::blobs::BlobKind {
        match self {
            ResumeFormat::Pdf => crate::blobs::BlobKind::Pdf,
            ResumeFormat::Docx => crate::blobs::BlobKind::Docx,
        }
    }

    /// The blobs a resume of this format has: its original and its text.
    pub fn blobs(self) -> [crate::blobs::BlobKind; 2] {
        [self.original_blob(), crate::blobs::BlobKind::Text]
    }

    /// The usual file extension, without the dot.
    pub fn extension(self) -> &'static str {
        match self {
            ResumeFormat::Pdf => "pdf",
            ResumeFormat::Docx => "docx",
        }
    }
}

/// Something worth telling the recruiter about a PDF's text.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[serde(rename_all = "snake_case")]
pub enum ExtractionWarning {
    /// Very little text for the number of pages: parts may be images.
    LittleText,
    /// Some pages have no text at all (scanned pages inside a text PDF).
    ImagePages,
    /// The PDF contains text a reader cannot see (white or tiny); it was left out.
    HiddenText,
    /// More text than any resume holds ([`MAX_TEXT_CHARS`]): what follows was left out.
    TextCut,
}

impl ExtractionWarning {
    /// A sentence for the UI.
    pub fn message(self) -> &'static str {
        match self {
            ExtractionWarning::LittleText => "very little text: parts of this PDF may be images",
            ExtractionWarning::ImagePages => "some pages have no text (scanned images)",
            ExtractionWarning::HiddenText => {
                "contains hidden text (white or tiny characters); it was ignored"
            }
            ExtractionWarning::TextCut => {
                "longer than any resume (over 200,000 characters): only its beginning was kept"
            }
        }
    }
}

/// Characters of a resume's text kept at most (a dense 60-page CV; resumes hold 3,000 to
/// 20,000): a document of hundreds of dense pages would otherwise be parsed, embedded and
/// stored in full, costing minutes and hundreds of MB for one file.
pub const MAX_TEXT_CHARS: usize = 200_000;

/// `text` cut to at most [`MAX_TEXT_CHARS`] characters, at the last line break before the
/// limit where there is one; whether it was cut.
pub fn cap_text(text: &mut String) -> bool {
    let Some((at, _)) = text.char_indices().nth(MAX_TEXT_CHARS) else {
        return false;
    };
    let end = text[..at].rfind('\n').unwrap_or(at);
    text.truncate(end);
    true
}

/// Hidden characters above this count earn a `HiddenText` warning.
pub const HIDDEN_TEXT_MIN: u32 = 20;

/// Warnings for an extracted document.
pub fn warnings_for(page_chars: &[u32], hidden_chars: u32) -> Vec<ExtractionWarning> {
    let mut out = Vec::new();
    let total: usize = page_chars.iter().map(|&c| c as usize).sum();
    if total < LITTLE_TEXT_PER_PAGE * page_chars.len().max(1) / 2 {
        out.push(ExtractionWarning::LittleText);
    }
    if page_chars.contains(&0) {
        out.push(ExtractionWarning::ImagePages);
    }
    if hidden_chars >= HIDDEN_TEXT_MIN {
        out.push(ExtractionWarning::HiddenText);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_text_longer_than_any_resume_is_cut_at_a_line_break() {
        let mut short = "Nurse\nICU".to_owned();
        assert!(!cap_text(&mut short));
        assert_eq!(short, "Nurse\nICU");
        let line = "Ward nurse – Zürich, 2019–2023\n";
        let mut long = line.repeat(MAX_TEXT_CHARS / line.chars().count() + 10);
        assert!(cap_text(&mut long));
        assert!(long.chars().count() <= MAX_TEXT_CHARS);
        assert!(long.ends_with("2019–2023"), "cut at a line break");
        let mut one_line = "é".repeat(MAX_TEXT_CHARS + 5);
        assert!(cap_text(&mut one_line));
        assert_eq!(one_line.chars().count(), MAX_TEXT_CHARS);
    }

    #[test]
    fn records_without_a_format_read_as_pdf() {
        let old = r#"{"id":"resume_0123456789ab","sha256":"0123456789ab0000000000000000000000000000000000000000000000000000","file_names":["a.pdf"],"size_bytes":10,"pages":1,"text_chars":5,"first_seen":"2026-01-01T00:00:00Z","last_seen":"2026-01-01T00:00:00Z"}"#;
        let r: Resume = serde_json::from_str(old).unwrap_or_else(|e| panic!("{e}"));
        assert_eq!(r.format, ResumeFormat::Pdf);
        let mut word = r.clone();
        word.format = ResumeFormat::Docx;
        let json = serde_json::to_string(&word).unwrap_or_default();
        assert!(json.contains(r#""format":"docx""#), "{json}");
        let back: Resume = serde_json::from_str(&json).unwrap_or_else(|e| panic!("{e}"));
        assert_eq!(back, word);
    }

    #[test]
    fn warnings_flag_sparse_and_blank_pages() {
        assert!(warnings_for(&[1500, 1200], 0).is_empty());
        assert_eq!(warnings_for(&[40], 0), vec![ExtractionWarning::LittleText]);
        assert_eq!(
            warnings_for(&[1500, 0], 3),
            vec![ExtractionWarning::ImagePages]
        );
        assert_eq!(
            warnings_for(&[1500], 400),
            vec![ExtractionWarning::HiddenText]
        );
    }
}
