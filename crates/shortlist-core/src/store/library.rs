//! Reading the library: resumes with their text and passages, analyses, a job's ranked
//! shortlist (as rows, or as the stored JSON the window gets), and the library view.

use std::collections::HashMap;

use super::tables;
use super::{BestScore, LibraryRow, ResumeDetail, ShortlistRow, Store};
use crate::analysis::{Analysis, Passage};
use crate::blobs::BlobKind;
use crate::error::{Error, Result};
use crate::id::{AnalysisId, JobId, ResumeId};
use crate::resume::{Resume, ResumeFormat};

fn damaged_row(e: impl std::fmt::Display) -> Error {
    Error::Corrupt {
        kind: "shortlist row",
        reason: e.to_string(),
    }
}

impl Store {
    /// The passages of a resume (the units of evidence and answers).
    pub fn resume_passages(&self, id: &ResumeId) -> Result<Vec<Passage>> {
        self.read(|rtxn, dbs| Ok(tables::passages::get(rtxn, dbs, id)?.unwrap_or_default()))
    }

    /// Every resume, most recently seen first.
    pub fn resumes(&self) -> Result<Vec<Resume>> {
        self.read(tables::resumes::all)
    }

    /// One resume.
    pub fn resume(&self, id: &ResumeId) -> Result<Resume> {
        self.read(|rtxn, dbs| tables::resumes::require(rtxn, dbs, id))
    }

    /// The extracted text of a resume.
    pub fn resume_text(&self, id: &ResumeId) -> Result<String> {
        self.resume(id)?;
        self.read_text_blob(id)
    }

    /// The text blob of a resume whose record the caller already holds.
    pub(crate) fn read_text_blob(&self, id: &ResumeId) -> Result<String> {
        let bytes = self.blobs().read(BlobKind::Text, id)?;
        String::from_utf8(bytes).map_err(|_| Error::Corrupt {
            kind: "resume text",
            reason: "not UTF-8".into(),
        })
    }

    /// The original PDF bytes of a resume. A Word resume has none ([`Error::InvalidInput`]);
    /// its original is [`Self::resume_original`].
    pub fn resume_pdf(&self, id: &ResumeId) -> Result<Vec<u8>> {
        let resume = self.resume(id)?;
        if resume.format != ResumeFormat::Pdf {
            return Err(Error::invalid(
                "resume",
                "it was added as a Word file, so it has no PDF pages to show",
            ));
        }
        self.blobs().read(BlobKind::Pdf, id)
    }

    /// The original file of a resume (PDF or Word), with its format.
    pub fn resume_original(&self, id: &ResumeId) -> Result<(ResumeFormat, Vec<u8>)> {
        let resume = self.resume(id)?;
        let bytes = self.blobs().read(resume.format.original_blob(), id)?;
        Ok((resume.format, bytes))
    }

    /// A resume with its text and the resumes possibly of the same person. For a Word file, the lines that are headings by the document's
    /// styles too (read again from the stored file, which passed the reader's limits when it
    /// was added), so the detail shows it as formatted text.
    pub fn resume_detail(&self, id: &ResumeId) -> Result<ResumeDetail> {
        let resume = self.resume(id)?;
        let text = self.read_text_blob(id)?;
        let heading_lines = match resume.format {
            ResumeFormat::Pdf => Vec::new(),
            ResumeFormat::Docx => {
                let bytes = self.blobs().read(BlobKind::Docx, id)?;
                crate::docx::extract(&bytes, crate::docx::DocxLimits::default())
                    .map(|d| d.heading_lines)
                    .unwrap_or_default()
            }
        };
        let same_person = self.same_person(id)?;
        Ok(ResumeDetail {
            resume,
            text,
            heading_lines,
            same_person,
            withheld: false,
        })
    }

    /// One analysis.
    pub fn analysis(&self, id: &AnalysisId) -> Result<Analysis> {
        self.read(|rtxn, dbs| tables::analyses::require(rtxn, dbs, id))
    }

    /// The analysis of a (job, resume) pair, if there is one.
    pub fn analysis_of(&self, job: &JobId, resume: &ResumeId) -> Result<Option<Analysis>> {
        self.read(|rtxn, dbs| tables::analyses::of_pair(rtxn, dbs, job, resume))
    }

    /// The ranked shortlist of a job as rows, best first: one ordered scan of the per-job
    /// index, without reading the full analyses.
    pub fn shortlist(&self, job: &JobId, limit: Option<usize>) -> Result<Vec<ShortlistRow>> {
        self.read(|rtxn, dbs| {
            tables::jobs::require(rtxn, dbs, job)?;
            let mut out = Vec::new();
            tables::analyses::each_row(rtxn, dbs, job, |row| {
                if limit.is_some_and(|l| out.len() >= l) {
                    return Ok(false);
                }
                out.push(row);
                Ok(true)
            })?;
            Ok(out)
        })
    }

    /// The same rows as [`Self::shortlist`] as one JSON array, copied from the index without
    /// decoding (what the app sends to its window: thousands of rows in a few milliseconds).
    pub fn shortlist_json(&self, job: &JobId) -> Result<Box<serde_json::value::RawValue>> {
        let json = self.read(|rtxn, dbs| {
            tables::jobs::require(rtxn, dbs, job)?;
            let mut json = Vec::with_capacity(64 * 1024);
            json.push(b'[');
            tables::analyses::each_row_json(rtxn, dbs, job, |row| {
                if json.len() > 1 {
                    json.push(b',');
                }
                json.extend_from_slice(row);
            })?;
            json.push(b']');
            Ok(json)
        })?;
        let json = String::from_utf8(json).map_err(damaged_row)?;
        serde_json::value::RawValue::from_string(json).map_err(damaged_row)
    }

    /// The ranked analyses of a job, best first, in full.
    pub fn ranked(&self, job: &JobId, limit: Option<usize>) -> Result<Vec<Analysis>> {
        self.read(|rtxn, dbs| {
            tables::jobs::require(rtxn, dbs, job)?;
            let mut out = Vec::new();
            tables::analyses::each_row(rtxn, dbs, job, |row| {
                if limit.is_some_and(|l| out.len() >= l) {
                    return Ok(false);
                }
                out.push(tables::analyses::require(rtxn, dbs, &row.analysis_id)?);
                Ok(true)
            })?;
            Ok(out)
        })
    }

    /// The resume library as the window lists it: every resume, newest first, each with its
    /// best score over all the jobs it was analysed against (one pass over the ranking index).
    pub fn library(&self) -> Result<Vec<LibraryRow>> {
        // One snapshot: a resume and its analyses are seen together or not at all.
        self.read(|rtxn, dbs| {
            let resumes = tables::resumes::all(rtxn, dbs)?;
            let mut best: HashMap<ResumeId, BestScore> = HashMap::new();
            tables::analyses::each_ranked(rtxn, dbs, |job_id, row| {
                let better = best.get(&row.resume_id).is_none_or(|b| row.score > b.score);
                if better {
                    best.insert(
                        row.resume_id.clone(),
                        BestScore {
                            score: row.score,
                            job_id,
                            analysis_id: row.analysis_id,
                        },
                    );
                }
                Ok(())
            })?;
            // Each resume's group of possibly the same person.
            let mut group_of: HashMap<ResumeId, Vec<ResumeId>> = HashMap::new();
            for group in super::links::person_groups(&tables::links::all(rtxn, dbs)?)? {
                for id in &group {
                    let others = group.iter().filter(|o| *o != id).cloned().collect();
                    group_of.insert(id.clone(), others);
                }
            }
            Ok(resumes
                .into_iter()
                .map(|resume| LibraryRow {
                    best: best.remove(&resume.id),
                    same_person: group_of.remove(&resume.id).unwrap_or_default(),
                    resume,
                })
                .collect())
        })
    }

    /// Every analysis, or those of one job, best first within a job.
    pub fn analyses(&self, job: Option<&JobId>) -> Result<Vec<Analysis>> {
        match job {
            Some(job) => self.ranked(job, None),
            None => self.read(|rtxn, dbs| {
                let mut out = Vec::new();
                tables::analyses::each_ranked(rtxn, dbs, |_, row| {
                    out.push(tables::analyses::require(rtxn, dbs, &row.analysis_id)?);
                    Ok(())
                })?;
                Ok(out)
            }),
        }
    }
}
