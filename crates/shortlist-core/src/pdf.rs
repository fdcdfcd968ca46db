//! PDF text extraction with PDFium.
//!
//! PDFium is not thread-safe, even across documents, and may be bound only once per process,
//! so one dedicated thread owns it for the life of the process and every request goes to it
//! over a channel. Limits on file size and page count are checked before any text is read.

use std::path::{Path, PathBuf};
use std::sync::mpsc;
use std::sync::OnceLock;

use pdfium_render::prelude::*;

use crate::error::{Error, Result};
use crate::layout::{self, Glyph};

/// Limits applied to every PDF before extraction.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct PdfLimits {
    /// Largest accepted file, in bytes.
    pub max_bytes: u64,
    /// Most pages accepted.
    pub max_pages: u32,
}

impl Default for PdfLimits {
    fn default() -> Self {
        // A resume is a few pages and a few MB at most; a portfolio may be larger.
        Self {
            max_bytes: 50 * 1024 * 1024,
            max_pages: 200,
        }
    }
}

/// The text of a PDF.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ExtractedPdf {
    /// Number of pages.
    pub pages: u32,
    /// The text of every page, pages separated by a form feed (`\x0c`), lines by `\n`.
    pub text: String,
    /// Characters of text on each page (0 for a page that is only an image).
    pub page_chars: Vec<u32>,
    /// Characters a reader cannot see (white or tiny text), left out of `text`.
    pub hidden_chars: u32,
}

impl ExtractedPdf {
    /// Number of non-whitespace characters in the whole document.
    pub fn visible_chars(&self) -> usize {
        self.text.chars().filter(|c| !c.is_whitespace()).count()
    }
}

type Reply = mpsc::SyncSender<Result<ExtractedPdf>>;

/// A handle to the process's one PDFium thread. Cheap to clone.
#[derive(Debug, Clone)]
pub struct PdfReader {
    tx: mpsc::Sender<(Vec<u8>, PdfLimits, Reply)>,
    library: PathBuf,
}

static READER: OnceLock<std::result::Result<PdfReader, String>> = OnceLock::new();

impl PdfReader {
    /// The process-wide reader bound to the PDFium library at `library`.
    ///
    /// The first call binds the library and starts the thread; later calls return the same
    /// reader (PDFium can be bound only once per process).
    pub fn global(library: &Path) -> Result<PdfReader> {
        let reader = READER.get_or_init(|| Self::start(library).map_err(|e| e.to_string()));
        match reader {
            Ok(r) => Ok(r.clone()),
            Err(reason) => Err(Error::AssetLoad {
                path: library.to_owned(),
                reason: reason.clone(),
            }),
        }
    }

    fn start(library: &Path) -> Result<PdfReader> {
        let (tx, rx) = mpsc::channel::<(Vec<u8>, PdfLimits, Reply)>();
        let (ready_tx, ready_rx) = mpsc::sync_channel::<std::result::Result<(), String>>(1);
        let path = library.to_owned();
        std::thread::Builder::new()
            .name("pdfium".into())
            .spawn(move || {
                let pdfium = match Pdfium::bind_to_library(&path) {
                    Ok(bindings) => Pdfium::new(bindings),
                    Err(e) => {
                        let _ = ready_tx.send(Err(format!("{e:?}")));
                        return;
                    }
                };
                let _ = ready_tx.send(Ok(()));
                for (bytes, limits, reply) in rx {
                    let _ = reply.send(extract_with(&pdfium, &bytes, limits));
                }
            })
            .map_err(|e| Error::io("starting the PDF reader thread for", library, e))?;
        match ready_rx.recv() {
            Ok(Ok(())) => Ok(PdfReader {
                tx,
                library: library.to_owned(),
            }),
            Ok(Err(reason)) => Err(Error::AssetLoad {
                path: library.to_owned(),
                reason,
            }),
            Err(_) => Err(Error::WorkerGone),
        }
    }

    /// The library this reader is bound to.
    pub fn library(&self) -> &Path {
        &self.library
    }

    /// Extracts the text of a borrowed buffer (copies it to the PDFium thread).
    pub fn extract_slice(&self, bytes: &[u8], limits: PdfLimits) -> Result<ExtractedPdf> {
        precheck(bytes, limits)?;
        self.extract(bytes.to_vec(), limits)
    }

    /// Extracts the text of `bytes`, checking `limits` first.
    pub fn extract(&self, bytes: Vec<u8>, limits: PdfLimits) -> Result<ExtractedPdf> {
        precheck(&bytes, limits)?;
        let (reply_tx, reply_rx) = mpsc::sync_channel(1);
        self.tx
            .send((bytes, limits, reply_tx))
            .map_err(|_| Error::WorkerGone)?;
        reply_rx.recv().map_err(|_| Error::WorkerGone)?
    }
}

/// Checks that need no PDFium: size and the `%PDF-` signature (allowed within the first KiB,
/// as readers do).
pub fn precheck(bytes: &[u8], limits: PdfLimits) -> Result<()> {
    let size = bytes.len() as u64;
    if size > limits.max_bytes {
        return Err(Error::PdfTooLarge {
            size,
            limit: limits.max_bytes,
        });
    }
    if size == 0 {
        return Err(Error::NotPdf);
    }
    let head = &bytes[..bytes.len().min(1024)];
    if !head.windows(5).any(|w| w == b"%PDF-") {
        return Err(Error::NotPdf);
    }
    Ok(())
}

fn map_load_error(e: PdfiumError) -> Error {
    match e {
        PdfiumError::PdfiumLibraryInternalError(PdfiumInternalError::PasswordError)
        | PdfiumError::PdfiumLibraryInternalError(PdfiumInternalError::SecurityError) => {
            Error::EncryptedPdf
        }
        PdfiumError::PdfiumLibraryInternalError(_) => Error::CorruptPdf,
        other => Error::Pdfium(format!("{other:?}")),
    }
}

fn extract_with(pdfium: &Pdfium, bytes: &[u8], limits: PdfLimits) -> Result<ExtractedPdf> {
    let document = pdfium
        .load_pdf_from_byte_slice(bytes, None)
        .map_err(map_load_error)?;
    let pages = document.pages();
    let count = u32::try_from(pages.len()).unwrap_or(0);
    if count == 0 {
        return Err(Error::EmptyPdf);
    }
    if count > limits.max_pages {
        return Err(Error::TooManyPages {
            pages: count,
            limit: limits.max_pages,
        });
    }
    let mut text = String::new();
    let mut page_chars = Vec::with_capacity(count as usize);
    let mut hidden_chars = 0u32;
    for (i, page) in pages.iter().enumerate() {
        if i > 0 {
            text.push('\x0c');
        }
        let page_text = page.text().map_err(|_| Error::CorruptPdf)?;
        let mut lines: Vec<Vec<Glyph>> = vec![Vec::new()];
        let mut last_right = 0.0f32;
        for ch in page_text.chars().iter() {
            let Some(c) = ch.unicode_char() else { continue };
            if c == '\n' {
                lines.push(Vec::new());
                continue;
            }
            // Glyphs without a Unicode mapping come out as NUL or other controls: drop them.
            if c.is_control() && c != '\t' {
                continue;
            }
            if !c.is_whitespace() && is_hidden(&ch) {
                hidden_chars += 1;
                continue;
            }
            let (left, right) = match ch.loose_bounds() {
                Ok(r) if r.right().value > r.left().value => (r.left().value, r.right().value),
                _ => (last_right, last_right),
            };
            last_right = right;
            if let Some(line) = lines.last_mut() {
                line.push(Glyph { c, left, right });
            }
        }
        let visible = layout::reading_order(&lines, page.width().value);
        let cleaned = visible.trim_end_matches(['\n', ' ']);
        page_chars.push(cleaned.chars().filter(|c| !c.is_whitespace()).count() as u32);
        text.push_str(cleaned);
    }
    let extracted = ExtractedPdf {
        pages: count,
        text,
        page_chars,
        hidden_chars,
    };
    if extracted.visible_chars() == 0 {
        return Err(Error::NoText);
    }
    Ok(extracted)
}

/// Text a person cannot see on the page: white (or nearly) fill, or a font under 2 pt. Such
/// text is a known trick to stuff keywords past screening tools; it never counts.
fn is_hidden(ch: &PdfPageTextChar<'_>) -> bool {
    if ch.scaled_font_size().value < 2.0 {
        return true;
    }
    match ch.fill_color() {
        Ok(color) => {
            color.alpha() < 16
                || (color.red() >= 240 && color.green() >= 240 && color.blue() >= 240)
        }
        Err(_) => false,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn precheck_rejects_non_pdf_and_oversize() {
        let limits = PdfLimits {
            max_bytes: 100,
            max_pages: 1,
        };
        assert!(matches!(precheck(b"", limits), Err(Error::NotPdf)));
        assert!(matches!(
            precheck(b"hello world", limits),
            Err(Error::NotPdf)
        ));
        assert!(matches!(
            precheck(&[b'%'; 101], limits),
            Err(Error::PdfTooLarge { size: 101, .. })
        ));
        assert!(precheck(b"%PDF-1.7\n...", limits).is_ok());
    }
}
