//! The PDF worker: a child process that owns PDFium.
//!
//! A PDF is untrusted input and PDFium is a large C++ library. It runs in a separate process
//! (the app's own binary started with [`WORKER_ARG`]) with an address-space limit, and the
//! parent kills it when a file takes longer than its time limit. A PDF that crashes, hangs or
//! exhausts PDFium costs one failed file; the app and the other files of a batch go on.
//!
//! The protocol over the child's stdin/stdout is framed binary: a request is a little-endian
//! `u32` length and a JSON header, then a `u64` length and the PDF bytes; a reply is a `u32`
//! length and a JSON [`Reply`]. The worker answers [`Reply::Ready`] once PDFium is bound.

use std::io::{self, BufReader, BufWriter, Read, Write};
use std::path::Path;

use pdfium_render::prelude::*;
use serde::{Deserialize, Serialize};

use super::{ExtractedPdf, PdfLimits};
use crate::error::{Error, Result};
use crate::layout::{self, Glyph};

/// The first argument that turns the app's (or CLI's) binary into a PDF worker.
pub const WORKER_ARG: &str = "__shortlist-pdf-worker";

/// Largest frame accepted from either side (a PDF is checked against its size limit before).
pub(crate) const MAX_FRAME: u64 = 1 << 31;

/// What the parent asks.
#[derive(Debug, Serialize, Deserialize)]
#[serde(tag = "op", rename_all = "snake_case")]
pub(crate) enum Request {
    /// Extract the text of the PDF that follows.
    Extract {
        /// Most pages accepted.
        max_pages: u32,
    },
    /// Render one page of the PDF that follows as a PNG `width` pixels wide.
    Render {
        /// 0-based page.
        page: u32,
        /// Width in pixels.
        width: u32,
        /// Most pages accepted.
        max_pages: u32,
    },
}

/// Why a PDF could not be read, as sent over the pipe.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub(crate) enum Failure {
    NotPdf,
    Corrupt,
    Encrypted,
    Empty,
    NoText,
    TooManyPages { pages: u32, limit: u32 },
    NoSuchPage { reason: String },
    Other { reason: String },
}

impl From<Failure> for Error {
    fn from(f: Failure) -> Error {
        match f {
            Failure::NotPdf => Error::NotPdf,
            Failure::Corrupt => Error::CorruptPdf,
            Failure::Encrypted => Error::EncryptedPdf,
            Failure::Empty => Error::EmptyPdf,
            Failure::NoText => Error::NoText,
            Failure::TooManyPages { pages, limit } => Error::TooManyPages { pages, limit },
            Failure::NoSuchPage { reason } => Error::invalid("page", reason),
            Failure::Other { reason } => Error::Pdfium(reason),
        }
    }
}

impl From<Error> for Failure {
    fn from(e: Error) -> Failure {
        match e {
            Error::NotPdf => Failure::NotPdf,
            Error::CorruptPdf => Failure::Corrupt,
            Error::EncryptedPdf => Failure::Encrypted,
            Error::EmptyPdf => Failure::Empty,
            Error::NoText => Failure::NoText,
            Error::TooManyPages { pages, limit } => Failure::TooManyPages { pages, limit },
            Error::InvalidInput {
                field: "page",
                reason,
            } => Failure::NoSuchPage { reason },
            other => Failure::Other {
                reason: other.to_string(),
            },
        }
    }
}

/// What the worker answers.
#[derive(Debug, Serialize, Deserialize)]
#[serde(tag = "reply", rename_all = "snake_case")]
pub(crate) enum Reply {
    /// PDFium is bound; requests may follow.
    Ready,
    /// The text of the PDF.
    Extracted(ExtractedPdf),
    /// The page as a PNG, whose bytes follow in the next frame.
    Rendered {
        /// Pixels.
        width: u32,
        /// Pixels.
        height: u32,
        /// Pages in the document.
        pages: u32,
    },
    /// The PDF could not be read.
    Failed(Failure),
}

pub(crate) fn write_frame(out: &mut impl Write, bytes: &[u8]) -> io::Result<()> {
    let len = u32::try_from(bytes.len())
        .map_err(|_| io::Error::new(io::ErrorKind::InvalidInput, "frame too large"))?;
    out.write_all(&len.to_le_bytes())?;
    out.write_all(bytes)
}

pub(crate) fn read_frame(input: &mut impl Read) -> io::Result<Vec<u8>> {
    let mut len = [0u8; 4];
    input.read_exact(&mut len)?;
    read_exact_vec(input, u64::from(u32::from_le_bytes(len)))
}

pub(crate) fn read_exact_vec(input: &mut impl Read, len: u64) -> io::Result<Vec<u8>> {
    if len > MAX_FRAME {
        return Err(io::Error::new(
            io::ErrorKind::InvalidData,
            "frame too large",
        ));
    }
    let mut buf = Vec::new();
    input.take(len).read_to_end(&mut buf)?;
    if buf.len() as u64 != len {
        return Err(io::ErrorKind::UnexpectedEof.into());
    }
    Ok(buf)
}

pub(crate) fn write_request(
    out: &mut impl Write,
    request: &Request,
    body: &[u8],
) -> io::Result<()> {
    let header = serde_json::to_vec(request).map_err(io::Error::other)?;
    write_frame(out, &header)?;
    out.write_all(&(body.len() as u64).to_le_bytes())?;
    out.write_all(body)?;
    out.flush()
}

fn send(out: &mut impl Write, reply: &Reply) -> io::Result<()> {
    let bytes = serde_json::to_vec(reply).map_err(io::Error::other)?;
    write_frame(out, &bytes)?;
    out.flush()
}

/// Runs the worker if this process was started as one (first argument [`WORKER_ARG`], then
/// the PDFium library path and the address-space limit in bytes). Returns the exit code to
/// end the process with; `None` when this is not a worker. Call it first thing in `main`.
pub fn run_if_requested() -> Option<i32> {
    let mut args = std::env::args_os().skip(1);
    if args.next()? != WORKER_ARG {
        return None;
    }
    let library = args.next()?;
    let memory: u64 = args
        .next()
        .and_then(|m| m.to_str().and_then(|m| m.parse().ok()))
        .unwrap_or(0);
    Some(run(Path::new(&library), memory))
}

fn run(library: &Path, memory_limit: u64) -> i32 {
    let stdin = io::stdin().lock();
    let stdout = io::stdout().lock();
    let mut input = BufReader::new(stdin);
    let mut output = BufWriter::new(stdout);
    if memory_limit > 0 {
        limit_address_space(memory_limit);
    }
    let pdfium = match Pdfium::bind_to_library(library) {
        Ok(bindings) => Pdfium::new(bindings),
        Err(e) => {
            let failure = Failure::Other {
                reason: format!("{e:?}"),
            };
            let _ = send(&mut output, &Reply::Failed(failure));
            return 1;
        }
    };
    if send(&mut output, &Reply::Ready).is_err() {
        return 1;
    }
    loop {
        let header = match read_frame(&mut input) {
            Ok(h) => h,
            // The parent closed the pipe: done.
            Err(e) if e.kind() == io::ErrorKind::UnexpectedEof => return 0,
            Err(_) => return 1,
        };
        let mut len = [0u8; 8];
        if input.read_exact(&mut len).is_err() {
            return 1;
        }
        let Ok(body) = read_exact_vec(&mut input, u64::from_le_bytes(len)) else {
            return 1;
        };
        let reply = match serde_json::from_slice::<Request>(&header) {
            Ok(Request::Render {
                page,
                width,
                max_pages,
            }) => match render_with(&pdfium, &body, page, width, max_pages) {
                Ok((png, reply)) => {
                    if send(&mut output, &reply).is_err()
                        || write_frame(&mut output, &png)
                            .and_then(|()| output.flush())
                            .is_err()
                    {
                        return 1;
                    }
                    continue;
                }
                Err(e) => Reply::Failed(e.into()),
            },
            Ok(Request::Extract { max_pages }) => {
                let limits = PdfLimits {
                    max_pages,
                    ..PdfLimits::default()
                };
                match extract_with(&pdfium, &body, limits) {
                    Ok(extracted) => Reply::Extracted(extracted),
                    Err(e) => Reply::Failed(e.into()),
                }
            }
            Err(e) => Reply::Failed(Failure::Other {
                reason: format!("bad request: {e}"),
            }),
        };
        if send(&mut output, &reply).is_err() {
            return 1;
        }
    }
}

/// Caps the worker's address space so a PDF that makes PDFium allocate without end fails
/// (PDFium reports out-of-memory or the worker dies) instead of exhausting the machine.
#[allow(unsafe_code)]
fn limit_address_space(bytes: u64) {
    let limit = libc::rlimit {
        rlim_cur: bytes as libc::rlim_t,
        rlim_max: bytes as libc::rlim_t,
    };
    // SAFETY: setrlimit reads the struct we pass by pointer and changes only this process's
    // limits; the struct lives for the duration of the call.
    let _ = unsafe { libc::setrlimit(libc::RLIMIT_AS, &limit) };
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

/// Loads a document and checks its page count: at least one, at most `max_pages`.
fn open_checked<'a>(
    pdfium: &'a Pdfium,
    bytes: &'a [u8],
    max_pages: u32,
) -> Result<(PdfDocument<'a>, u32)> {
    let document = pdfium
        .load_pdf_from_byte_slice(bytes, None)
        .map_err(map_load_error)?;
    let count = u32::try_from(document.pages().len()).unwrap_or(0);
    if count == 0 {
        return Err(Error::EmptyPdf);
    }
    if count > max_pages {
        return Err(Error::TooManyPages {
            pages: count,
            limit: max_pages,
        });
    }
    Ok((document, count))
}

fn extract_with(pdfium: &Pdfium, bytes: &[u8], limits: PdfLimits) -> Result<ExtractedPdf> {
    let (document, count) = open_checked(pdfium, bytes, limits.max_pages)?;
    let pages = document.pages();
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

/// Renders page `index` of `bytes` `width` pixels wide (at most 4,000 tall) as a PNG.
fn render_with(
    pdfium: &Pdfium,
    bytes: &[u8],
    index: u32,
    width: u32,
    max_pages: u32,
) -> Result<(Vec<u8>, Reply)> {
    let (document, count) = open_checked(pdfium, bytes, max_pages)?;
    let pages = document.pages();
    if index >= count {
        return Err(Error::invalid("page", format!("the PDF has {count} pages")));
    }
    let page = pages
        .get(PdfPageIndex::try_from(index).unwrap_or(0))
        .map_err(|_| Error::CorruptPdf)?;
    let config = PdfRenderConfig::new()
        .set_target_width(Pixels::try_from(width.clamp(64, 2000)).unwrap_or(800))
        .set_maximum_height(4000);
    let bitmap = page
        .render_with_config(&config)
        .map_err(|_| Error::CorruptPdf)?;
    let (w, h) = (
        u32::try_from(bitmap.width()).unwrap_or(0),
        u32::try_from(bitmap.height()).unwrap_or(0),
    );
    let rgba = bitmap.as_rgba_bytes();
    let mut png_bytes = Vec::new();
    {
        let mut encoder = png::Encoder::new(&mut png_bytes, w, h);
        encoder.set_color(png::ColorType::Rgba);
        encoder.set_depth(png::BitDepth::Eight);
        let mut writer = encoder
            .write_header()
            .map_err(|e| Error::Pdfium(format!("PNG: {e}")))?;
        writer
            .write_image_data(&rgba)
            .map_err(|e| Error::Pdfium(format!("PNG: {e}")))?;
    }
    Ok((
        png_bytes,
        Reply::Rendered {
            width: w,
            height: h,
            pages: count,
        },
    ))
}
