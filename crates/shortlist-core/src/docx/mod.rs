//! Word resumes (`.docx`): the text of a WordprocessingML package, in reading order, with its
//! headings and without its hidden text.
//!
//! A `.docx` is a zip package of XML parts. [`extract`] reads only what a resume's text needs:
//! `[Content_Types].xml` and the relationships (to find the main document and refuse macros),
//! `word/document.xml`, `word/styles.xml`, and the headers and footers. The text comes out one
//! paragraph per line: headers first, then the body (tables row by row, cell by cell; text
//! boxes where they are anchored), then footers. Paragraphs whose style is a heading (`Heading1`
//! … `Heading9`, `Title`, any style based on one, or an outline level) are lines of their own
//! and listed in [`ExtractedDocx::heading_lines`]. Text a reader cannot see (`w:vanish`, white on
//! no fill, under 2 pt) is left out and counted, as PDFs count theirs.
//!
//! The file is untrusted. Every read is bounded ([`DocxLimits`]): the file size, the number of
//! parts (counted in the bytes, not taken from the zip's own count), each inflated part, all
//! inflated parts together and their compression ratio (checked while inflating), the XML
//! nesting depth and the text size. A DOCTYPE is refused outright, so no entity is ever
//! expanded. Errors are typed ([`DocxError`]) and their messages never contain document text.
//! The reader is pure Rust in the calling process; a panic in it (a bug) becomes
//! [`DocxError::Damaged`] instead of taking the import down.

use serde::{Deserialize, Serialize};

use crate::pdf::ExtractedPdf;

mod document;
mod maps;
mod package;
mod styles;
mod xml;

/// Limits applied to every Word file.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct DocxLimits {
    /// Largest accepted file, in bytes.
    pub max_bytes: u64,
    /// Most parts (zip entries) accepted. A resume has 10–40; Word's own files rarely 200.
    pub max_parts: usize,
    /// Largest inflated size of one part read.
    pub max_part_bytes: u64,
    /// Largest inflated size of all parts read, together.
    pub max_total_bytes: u64,
    /// Most bytes out per byte in, once a part is past [`Self::bomb_floor`] inflated. Word's
    /// XML compresses about 3–20:1; deflate bombs reach 1000:1.
    pub max_ratio: u32,
    /// Inflated sizes up to this never count as a zip bomb, whatever their ratio: a 15 KB
    /// file of repetitive XML that unpacks to 4 MB is harmless (and deep nesting gets its own
    /// error from the XML reader).
    pub bomb_floor: u64,
    /// Most characters of text.
    pub max_text_chars: usize,
    /// Deepest XML nesting accepted.
    pub max_depth: usize,
}

impl Default for DocxLimits {
    fn default() -> Self {
        Self {
            max_bytes: 50 * 1024 * 1024,
            max_parts: 1000,
            max_part_bytes: 32 * 1024 * 1024,
            max_total_bytes: 64 * 1024 * 1024,
            max_ratio: 100,
            bomb_floor: 8 * 1024 * 1024,
            max_text_chars: 1_000_000,
            max_depth: 256,
        }
    }
}

/// Why a Word file could not be read. Messages are for the person using the app and never
/// contain text from the document.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum DocxError {
    /// The file is larger than the import limit.
    #[error("the file is too large ({}; the limit is {})", size_text(.size), size_text(.limit))]
    TooLarge {
        /// Size of the file in bytes.
        size: u64,
        /// The limit in bytes.
        limit: u64,
    },
    /// Not a zip package (nor an Office compound file).
    #[error("not a Word document (.docx)")]
    NotZip,
    /// A legacy binary Word file (`.doc`) or another Office compound file.
    #[error("this is an older Word file (.doc), which Shortlist cannot read; save it as .docx or PDF and add that")]
    LegacyDoc,
    /// A password-protected document (an encrypted package, or encrypted zip entries).
    #[error("the Word document is password-protected; save an unprotected copy and add that")]
    Encrypted,
    /// A macro-enabled document (`.docm`) or a package of macros only.
    #[error("the Word document contains macros, which Shortlist does not open; save it as .docx (without macros) or PDF and add that")]
    MacroEnabled,
    /// A zip package without a main Word document.
    #[error("the file is a zip package but not a Word document (it has no word/document.xml)")]
    MissingDocument,
    /// More parts than [`DocxLimits::max_parts`].
    #[error("the Word document has too many parts ({count}; the limit is {limit})")]
    TooManyParts {
        /// Parts found.
        count: u64,
        /// The limit.
        limit: u64,
    },
    /// A part inflates to more than [`DocxLimits::max_ratio`] times its compressed size, and
    /// past [`DocxLimits::bomb_floor`].
    #[error("the Word document unpacks to far more data than it holds (more than {limit} times; a zip bomb) and was refused")]
    ZipBomb {
        /// The ratio limit.
        limit: u32,
    },
    /// A part, or all parts together, inflate past their size cap.
    #[error("the Word document unpacks to more than {} and was refused", size_text(.limit))]
    ExpandsTooLarge {
        /// The cap in bytes.
        limit: u64,
    },
    /// An XML part declares a DOCTYPE (the way to entity-expansion attacks); never in Word's
    /// own files.
    #[error("the Word document contains an XML DOCTYPE declaration, which Shortlist refuses")]
    Doctype,
    /// XML nested deeper than [`DocxLimits::max_depth`].
    #[error("the Word document's XML is nested too deeply (more than {limit} levels)")]
    TooDeep {
        /// The limit.
        limit: usize,
    },
    /// More text than [`DocxLimits::max_text_chars`].
    #[error("the Word document has too much text (more than {limit} characters)")]
    TooMuchText {
        /// The limit.
        limit: usize,
    },
    /// The package or its XML is malformed.
    #[error("the Word document is damaged and cannot be read ({what})")]
    Damaged {
        /// What is wrong, in words (never document content).
        what: &'static str,
    },
    /// The document has no visible text (pictures only, or empty).
    #[error("the Word document has no text (it may hold only pictures)")]
    NoText,
    /// The file is empty (0 bytes, or blank lines only): what a file manager's "New → Word
    /// document" leaves, which Word opens as a blank page. Not "not a Word document".
    #[error("the Word document is empty: the file has no text")]
    Empty,
}

/// A size for a message: "15 KB", "4 MB", "1.5 GB" (1 KB = 1024 bytes, as file managers
/// round them).
pub fn size_text(bytes: &u64) -> String {
    const UNITS: [&str; 4] = ["KB", "MB", "GB", "TB"];
    if *bytes < 1024 {
        return format!("{bytes} bytes");
    }
    let mut value = *bytes as f64 / 1024.0;
    let mut unit = 0;
    while value >= 1024.0 && unit + 1 < UNITS.len() {
        value /= 1024.0;
        unit += 1;
    }
    if value < 10.0 && value.fract() >= 0.05 {
        format!("{value:.1} {}", UNITS[unit])
    } else {
        format!("{value:.0} {}", UNITS[unit])
    }
}

impl DocxError {
    /// A stable machine-readable name of the kind (for logs and tests; never document text).
    pub fn kind(&self) -> &'static str {
        match self {
            DocxError::TooLarge { .. } => "too_large",
            DocxError::NotZip => "not_zip",
            DocxError::LegacyDoc => "legacy_doc",
            DocxError::Encrypted => "encrypted",
            DocxError::MacroEnabled => "macro_enabled",
            DocxError::MissingDocument => "missing_document",
            DocxError::TooManyParts { .. } => "too_many_parts",
            DocxError::ZipBomb { .. } => "zip_bomb",
            DocxError::ExpandsTooLarge { .. } => "expands_too_large",
            DocxError::Doctype => "doctype",
            DocxError::TooDeep { .. } => "too_deep",
            DocxError::TooMuchText { .. } => "too_much_text",
            DocxError::Damaged { .. } => "damaged",
            DocxError::NoText => "no_text",
            DocxError::Empty => "empty",
        }
    }
}

/// The text of a Word document.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ExtractedDocx {
    /// One paragraph per line (a line break inside a paragraph starts a new line): headers,
    /// body, footers. No empty lines; no form feeds (a Word file has no fixed pages).
    pub text: String,
    /// 0-based indices of the lines of `text` that are headings by the document's styles.
    pub heading_lines: Vec<u32>,
    /// Characters a reader cannot see (hidden, white on no fill, tiny), left out of `text`.
    pub hidden_chars: u32,
}

impl ExtractedDocx {
    /// Number of non-whitespace characters in the text.
    pub fn visible_chars(&self) -> usize {
        self.text.chars().filter(|c| !c.is_whitespace()).count()
    }

    /// The heading lines, in order.
    pub fn headings(&self) -> Vec<&str> {
        let lines: Vec<&str> = self.text.lines().collect();
        self.heading_lines
            .iter()
            .filter_map(|&i| lines.get(i as usize).copied())
            .collect()
    }
}

impl From<ExtractedDocx> for ExtractedPdf {
    /// What PDF text import produces: one "page" holding the whole text (a Word file is
    /// paginated only when rendered), its visible characters, and the hidden count. Headings
    /// are already lines of their own.
    fn from(d: ExtractedDocx) -> ExtractedPdf {
        let visible = u32::try_from(d.visible_chars()).unwrap_or(u32::MAX);
        ExtractedPdf {
            pages: 1,
            text: d.text,
            page_chars: vec![visible],
            hidden_chars: d.hidden_chars,
        }
    }
}

/// Whether `bytes` look like a Word file this module should be asked about: a zip package or
/// an Office compound file (which [`extract`] answers with a typed error).
pub fn looks_like_word(bytes: &[u8]) -> bool {
    !matches!(package::check_container(bytes), Err(DocxError::NotZip))
}

/// Extracts the text of a `.docx`, checking `limits` throughout.
pub fn extract(bytes: &[u8], limits: DocxLimits) -> Result<ExtractedDocx, DocxError> {
    match std::panic::catch_unwind(|| extract_unguarded(bytes, limits)) {
        Ok(result) => result,
        Err(_) => Err(DocxError::Damaged {
            what: "reading it failed unexpectedly",
        }),
    }
}

/// [`extract`] without its panic guard, for the fuzzer (which must see a panic as one).
#[doc(hidden)]
pub fn extract_unguarded(bytes: &[u8], limits: DocxLimits) -> Result<ExtractedDocx, DocxError> {
    let size = bytes.len() as u64;
    if size > limits.max_bytes {
        return Err(DocxError::TooLarge {
            size,
            limit: limits.max_bytes,
        });
    }
    if bytes.iter().all(u8::is_ascii_whitespace) {
        return Err(DocxError::Empty);
    }
    let mut package = package::Package::open(bytes, limits)?;
    let extracted = document::read(&mut package, limits)?;
    if extracted.visible_chars() == 0 {
        return Err(DocxError::NoText);
    }
    Ok(extracted)
}
