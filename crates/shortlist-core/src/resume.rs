//! Resumes: one record per distinct PDF (by content).

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
    /// The full SHA-256 of the PDF bytes (lowercase hex), compared on every re-import.
    pub sha256: String,
    /// Every file name these bytes arrived under.
    pub file_names: BTreeSet<String>,
    /// Size of the PDF in bytes.
    pub size_bytes: u64,
    /// Page count.
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
        }
    }
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
