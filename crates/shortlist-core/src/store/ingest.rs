//! Importing a resume file (PDF or Word `.docx`): content-addressed, deduplicated, extracted
//! and analysed before one commit writes the resume, its passages and vectors and its analysis.
//!
//! The bytes decide the reader, not the name: a zip package or an Office compound file goes to
//! the Word reader ([`crate::docx`]), anything else to PDFium. A file named `.docx`/`.doc`/
//! `.docm` that is neither a PDF nor a zip gets the Word reader's "not a Word document".

use serde::{Deserialize, Serialize};
use sha2::{Digest, Sha256};
use time::OffsetDateTime;

use super::analyse::put_scored;
use super::tables;
use super::Store;
use crate::assets::hex;
use crate::blobs::BlobKind;
use crate::docx::{self, DocxLimits};
use crate::embed::Embedder;
use crate::engine::{PreparedJob, PreparedResume};
use crate::error::{Error, Result};
use crate::id::{AnalysisId, ResumeId};
use crate::identity::Identity;
use crate::pdf::{ExtractedPdf, PdfLimits, PdfReader};
use crate::resume::{warnings_for, Resume, ResumeFormat};

/// Longest file name kept, in characters.
const MAX_FILE_NAME_CHARS: usize = 255;

/// The result of importing one PDF.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "outcome", rename_all = "snake_case")]
pub enum IngestOutcome {
    /// A new resume was stored.
    Added {
        /// The stored record.
        resume: Resume,
        /// Its analysis against the current job, if a job is current.
        analysis: Option<AnalysisRef>,
    },
    /// The same bytes were already stored; the file name was recorded on that resume.
    Duplicate {
        /// The existing record (with the new file name).
        resume: Resume,
        /// Its analysis against the current job, if a job is current.
        analysis: Option<AnalysisRef>,
    },
}

/// A short reference to an analysis: its ID and score.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct AnalysisRef {
    /// The analysis.
    pub id: AnalysisId,
    pub score: u8,
}

impl IngestOutcome {
    /// The resume either way.
    pub fn resume(&self) -> &Resume {
        match self {
            IngestOutcome::Added { resume, .. } | IngestOutcome::Duplicate { resume, .. } => resume,
        }
    }

    /// The analysis either way.
    pub fn analysis(&self) -> Option<&AnalysisRef> {
        match self {
            IngestOutcome::Added { analysis, .. } | IngestOutcome::Duplicate { analysis, .. } => {
                analysis.as_ref()
            }
        }
    }
}

/// What an import needs besides the store: PDFium, the model, the limits, and the current
/// job (prepared once per batch) to analyse each new resume against.
#[derive(Debug, Clone, Copy)]
pub struct IngestTools<'a> {
    /// The PDFium thread.
    pub pdf: &'a PdfReader,
    /// The embedding model.
    pub embedder: &'a Embedder,
    /// Size and page limits.
    pub limits: PdfLimits,
    /// The job to analyse against, if any.
    pub job: Option<&'a PreparedJob>,
}

impl<'a> IngestTools<'a> {
    /// Tools with the default size and page limits.
    pub fn new(pdf: &'a PdfReader, embedder: &'a Embedder, job: Option<&'a PreparedJob>) -> Self {
        IngestTools {
            pdf,
            embedder,
            limits: PdfLimits::default(),
            job,
        }
    }
}

/// Everything an import into a store needs, owned: the PDF reader, the model, and the store's
/// current job prepared for scoring. The front ends import through
/// [`crate::session::Session::import`]; this is left for the end-to-end tests' seed.
#[derive(Debug)]
pub struct ImportKit {
    /// The PDF workers.
    pub pdf: PdfReader,
    /// The model.
    pub embedder: std::sync::Arc<Embedder>,
    /// The current job, prepared, if one is selected.
    pub job: Option<PreparedJob>,
}

impl ImportKit {
    /// Loads the model from `assets` and prepares `store`'s current job.
    pub fn for_current_job(
        store: &Store,
        pdf: PdfReader,
        assets: &crate::assets::Assets,
    ) -> Result<ImportKit> {
        let embedder = std::sync::Arc::new(Embedder::load(assets)?);
        let job = store.prepare_current_job(&embedder)?;
        Ok(ImportKit { pdf, embedder, job })
    }

    /// The tools, borrowing from the kit, with the default limits.
    pub fn tools(&self) -> IngestTools<'_> {
        IngestTools::new(&self.pdf, &self.embedder, self.job.as_ref())
    }
}

/// A resume with its extracted text.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct ResumeDetail {
    /// The record.
    pub resume: Resume,
    /// The extracted text.
    pub text: String,
    /// 0-based lines of `text` that are headings by a Word file's styles (none for a PDF).
    #[serde(default)]
    pub heading_lines: Vec<u32>,
    /// The resumes possibly of the same person (split links left out).
    #[serde(default)]
    pub same_person: Vec<super::SamePerson>,
    /// Whether the original file and its page images are withheld from the window (the
    /// current job is screened blind and the candidate is not revealed).
    #[serde(default)]
    pub withheld: bool,
}

/// SHA-256 of `bytes` and the resume ID derived from it.
pub fn content_address(bytes: &[u8]) -> (String, ResumeId) {
    let sha = hex(&Sha256::digest(bytes));
    let id = ResumeId::from_sha256_hex(&sha);
    (sha, id)
}

fn clean_file_name(name: &str) -> String {
    let base = name.rsplit(['/', '\\']).next().unwrap_or(name);
    let cleaned: String = base
        .chars()
        // Control characters, and the bidirectional controls that make `cv_\u{202e}fdp.exe`
        // read as "cv_exe.pdf".
        .filter(|c| !crate::text::is_invisible(*c))
        .take(MAX_FILE_NAME_CHARS)
        .collect();
    if cleaned.trim().is_empty() {
        "unnamed.pdf".to_owned()
    } else {
        cleaned
    }
}

/// A PDF read and parsed, waiting for its passages' vectors and its commit (see
/// [`Store::stage_pdf`]). The import pipeline embeds several of these in one batch.
#[derive(Debug)]
pub enum Staged {
    /// The same bytes are already stored.
    Duplicate {
        /// The stored resume.
        id: ResumeId,
        /// Its SHA-256.
        sha: String,
        /// The file name it came under this time.
        file_name: String,
    },
    /// A new resume.
    New(Box<NewResume>),
}

/// A new resume, extracted and parsed.
#[derive(Debug)]
pub struct NewResume {
    id: ResumeId,
    sha: String,
    file_name: String,
    bytes: Vec<u8>,
    format: ResumeFormat,
    text: String,
    pages: u32,
    warnings: Vec<crate::resume::ExtractionWarning>,
    /// Its parse and passages; `vectors` is filled in before the commit.
    pub prepared: PreparedResume,
}

impl Store {
    /// Imports one PDF: dedupes by SHA-256, extracts the text with PDFium, parses and embeds
    /// it, analyses it against the current job, writes the blobs, then commits the record, its
    /// passages and vectors and its analysis in one transaction. A bad file returns a typed
    /// error and changes nothing.
    pub fn ingest_pdf(
        &self,
        tools: &IngestTools<'_>,
        file_name: &str,
        bytes: Vec<u8>,
        now: OffsetDateTime,
    ) -> Result<IngestOutcome> {
        let mut staged = self.stage_pdf(tools, file_name, bytes, now)?;
        if let Staged::New(new) = &mut staged {
            let texts = new.prepared.passage_texts();
            new.prepared.vectors = if texts.is_empty() {
                Vec::new()
            } else {
                tools.embedder.embed(&texts)?
            };
        }
        self.commit_staged(tools, staged, now)
    }

    /// The first half of an import, safe to run on several threads: hash, look for the same
    /// bytes, extract the text (PDFium worker) and parse it. Writes nothing.
    pub fn stage_pdf(
        &self,
        tools: &IngestTools<'_>,
        file_name: &str,
        bytes: Vec<u8>,
        now: OffsetDateTime,
    ) -> Result<Staged> {
        let file_name = clean_file_name(file_name);
        let (sha, id) = content_address(&bytes);
        let exists = self.read(|rtxn, dbs| tables::resumes::exists(rtxn, dbs, &id))?;
        if exists {
            return Ok(Staged::Duplicate { id, sha, file_name });
        }
        let format = format_of(&file_name, &bytes);
        let mut extracted = match format {
            ResumeFormat::Pdf => tools.pdf.extract_slice(&bytes, tools.limits)?,
            ResumeFormat::Docx => extract_docx(&bytes, tools.limits)?,
        };
        let cut = crate::resume::cap_text(&mut extracted.text);
        let prepared = PreparedResume::parse(&extracted.text, now);
        let mut warnings = warnings_for(&extracted.page_chars, extracted.hidden_chars);
        if cut {
            warnings.push(crate::resume::ExtractionWarning::TextCut);
        }
        Ok(Staged::New(Box::new(NewResume {
            id,
            sha,
            file_name,
            bytes,
            format,
            pages: extracted.pages,
            text: extracted.text,
            warnings,
            prepared,
        })))
    }

    /// The second half: analyse against the current job, write the blobs durably, then commit
    /// the record, passages, vectors and analysis in one transaction. A [`Staged::New`] must
    /// have its vectors.
    pub fn commit_staged(
        &self,
        tools: &IngestTools<'_>,
        staged: Staged,
        now: OffsetDateTime,
    ) -> Result<IngestOutcome> {
        let new = match staged {
            Staged::Duplicate { id, sha, file_name } => {
                return match self.record_duplicate(tools, &id, &sha, &file_name, now)? {
                    Some(outcome) => Ok(outcome),
                    // Erased meanwhile: nothing to attach the name to.
                    None => Err(Error::NotFound {
                        kind: "resume",
                        id: id.to_string(),
                    }),
                };
            }
            Staged::New(new) => *new,
        };
        let NewResume {
            id,
            sha,
            file_name,
            bytes,
            format,
            text,
            pages,
            warnings,
            prepared,
        } = new;
        if prepared.vectors.len() != prepared.passages.len() {
            return Err(Error::Embedding("passages were not embedded".into()));
        }
        let text_chars = text.chars().count();
        let scored = tools
            .job
            .map(|job| (job, prepared.score(job, text_chars, &warnings)));
        let identity = Identity::of(&prepared.profile.contact, &prepared.profile);
        // Blobs first, durable, then the commit that names them.
        self.blobs().write(format.original_blob(), &id, &bytes)?;
        self.blobs().write(BlobKind::Text, &id, text.as_bytes())?;
        let resume = Resume {
            id: id.clone(),
            sha256: sha.clone(),
            format,
            file_names: [file_name.clone()].into(),
            size_bytes: bytes.len() as u64,
            pages,
            text_chars: text_chars as u64,
            contact: prepared.profile.contact.clone(),
            warnings,
            first_seen: now,
            last_seen: now,
        };
        self.write(|wtxn, dbs| {
            // Another import of the same bytes may have committed meanwhile.
            if let Some(mut existing) = tables::resumes::get(wtxn, dbs, &id)? {
                check_same_content(&existing, &sha)?;
                existing.file_names.insert(file_name.clone());
                existing.last_seen = now;
                tables::resumes::put(wtxn, dbs, &existing)?;
                return Ok(IngestOutcome::Duplicate {
                    resume: existing,
                    analysis: None,
                });
            }
            tables::resumes::put(wtxn, dbs, &resume)?;
            tables::passages::put(wtxn, dbs, &id, &prepared.passages, &prepared.vectors)?;
            // Its terms join the library's statistics (see `library_stats`).
            tables::library_stats::add(wtxn, dbs, &id, &prepared.doc)?;
            // "Possibly the same person" as a stored resume: found and linked in this commit.
            super::links::link_new(wtxn, dbs, &id, &identity)?;
            let analysis = match &scored {
                // A job deleted while the import ran scores nothing; the resume is stored.
                Some((job, scored)) if tables::jobs::exists(wtxn, dbs, &job.job.id)? => {
                    let a = put_scored(wtxn, dbs, &job.job.id, &id, scored, now, None)?;
                    Some(AnalysisRef {
                        id: a.id,
                        score: a.score,
                    })
                }
                _ => None,
            };
            Ok(IngestOutcome::Added {
                resume: resume.clone(),
                analysis,
            })
        })
    }

    fn record_duplicate(
        &self,
        tools: &IngestTools<'_>,
        id: &ResumeId,
        sha: &str,
        file_name: &str,
        now: OffsetDateTime,
    ) -> Result<Option<IngestOutcome>> {
        let exists = self.read(|rtxn, dbs| tables::resumes::exists(rtxn, dbs, id))?;
        if !exists {
            return Ok(None);
        }
        // A resume added before this job was current gets its analysis now.
        let analysis = match tools.job {
            Some(job) => match self.analysis_of(&job.job.id, id)? {
                Some(a) => Some(AnalysisRef {
                    id: a.id,
                    score: a.score,
                }),
                None => match self.analyze(tools.embedder, job, id, now) {
                    Ok(a) => Some(AnalysisRef {
                        id: a.id,
                        score: a.score,
                    }),
                    // The job was deleted while the import ran: nothing to score against.
                    Err(Error::NotFound { kind: "job", .. }) => None,
                    Err(e) => return Err(e),
                },
            },
            None => None,
        };
        self.write(|wtxn, dbs| {
            let Some(mut existing) = tables::resumes::get(wtxn, dbs, id)? else {
                return Ok(None);
            };
            check_same_content(&existing, sha)?;
            existing.file_names.insert(file_name.to_owned());
            existing.last_seen = now;
            tables::resumes::put(wtxn, dbs, &existing)?;
            Ok(Some(IngestOutcome::Duplicate {
                resume: existing,
                analysis: analysis.clone(),
            }))
        })
    }
}

/// Which reader a file goes to: Word for a zip package or an Office compound file (whose
/// reader answers a `.doc`, an encrypted package or a `.docm` with its typed error), and for
/// a file named like a Word file that does not start like a PDF; PDF for the rest.
fn format_of(file_name: &str, bytes: &[u8]) -> ResumeFormat {
    if docx::looks_like_word(bytes) {
        return ResumeFormat::Docx;
    }
    let named_word = std::path::Path::new(file_name)
        .extension()
        .is_some_and(|e| {
            ["docx", "doc", "docm"]
                .iter()
                .any(|w| e.eq_ignore_ascii_case(w))
        });
    let pdf_head = bytes.len() >= 5
        && bytes[..1024.min(bytes.len())]
            .windows(5)
            .any(|w| w == b"%PDF-");
    if named_word && !pdf_head {
        ResumeFormat::Docx
    } else {
        ResumeFormat::Pdf
    }
}

/// The text of a Word file as PDF import gives it: headings on lines of their own (the section
/// parser reads them as it reads a PDF's), one page, the hidden characters counted. The file
/// size limit is the PDF one, so one limit holds for every file dropped.
fn extract_docx(bytes: &[u8], limits: PdfLimits) -> Result<ExtractedPdf> {
    let limits = DocxLimits {
        max_bytes: limits.max_bytes,
        ..DocxLimits::default()
    };
    Ok(docx::extract(bytes, limits)?.into())
}

/// Two different PDFs whose SHA-256 share the first 12 hex chars (48 bits) would collide on
/// the ID; the full hash is compared so that one is never taken for the other.
fn check_same_content(existing: &Resume, sha: &str) -> Result<()> {
    if existing.sha256 != sha {
        return Err(Error::invalid(
            "file",
            format!(
                "its content address collides with {} but the content differs; it was not imported",
                existing.id
            ),
        ));
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn file_names_are_reduced_to_a_clean_base_name() {
        assert_eq!(clean_file_name("/home/a/cv.pdf"), "cv.pdf");
        assert_eq!(clean_file_name("C:\\x\\cv.pdf"), "cv.pdf");
        assert_eq!(clean_file_name("a\nb.pdf"), "ab.pdf");
        // A right-to-left override would show "cv_\u{202e}fdp.exe" as "cv_exe.pdf".
        assert_eq!(clean_file_name("cv_\u{202e}fdp.exe"), "cv_fdp.exe");
        assert_eq!(clean_file_name(""), "unnamed.pdf");
        assert_eq!(clean_file_name(&"x".repeat(400)).chars().count(), 255);
    }

    #[test]
    fn content_address_is_sha256_prefix() {
        let (sha, id) = content_address(b"abc");
        assert_eq!(
            sha,
            "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad"
        );
        assert_eq!(id.as_str(), "resume_ba7816bf8f01");
    }
}
