//! Importing the web version's data folder and exporting the store in its layout
//! ([`crate::legacy`]).

use std::collections::HashMap;
use std::path::Path;

use time::OffsetDateTime;

use super::{IngestOutcome, IngestTools, Store};
use crate::analysis::PastScore;
use crate::blobs::{write_atomic, BlobKind};
use crate::engine::PreparedJob;
use crate::error::{Error, Result};
use crate::feedback::{legacy_line, Feedback, FeedbackDraft};
use crate::id::{JobId, ResumeId};
use crate::job::Job;
use crate::legacy::{self, KindTally, Layout, LegacyReport, Skipped};

/// Longest line of a JSONL file that is read; a longer one ends the reading of its file (and
/// is reported), so a file without line breaks costs at most this much memory.
const MAX_LINE_BYTES: u64 = 16 << 20;
/// Largest index file (`jobs_index.json`, `resumes_index.json`) that is read.
const MAX_INDEX_BYTES: u64 = 64 << 20;

/// The lines of a JSONL file, read one at a time through a capped reader.
struct Jsonl {
    reader: std::io::BufReader<std::fs::File>,
    line: usize,
    /// The lines that were too long to read, skipped (reading goes on after each).
    too_long: Vec<usize>,
}

impl Jsonl {
    /// The next non-blank line, numbered from 1.
    fn next_line(&mut self, path: &Path) -> Result<Option<(usize, String)>> {
        use std::io::{BufRead, Read};
        let mut buf = Vec::new();
        loop {
            buf.clear();
            let read = (&mut self.reader)
                .take(MAX_LINE_BYTES + 1)
                .read_until(b'\n', &mut buf)
                .map_err(|e| Error::io("reading", path, e))?;
            if read == 0 {
                return Ok(None);
            }
            self.line += 1;
            if buf.len() as u64 > MAX_LINE_BYTES && !buf.ends_with(b"\n") {
                // The rest of the line is passed over a buffer at a time, never held.
                self.too_long.push(self.line);
                loop {
                    let chunk = self
                        .reader
                        .fill_buf()
                        .map_err(|e| Error::io("reading", path, e))?;
                    if chunk.is_empty() {
                        return Ok(None);
                    }
                    match chunk.iter().position(|&b| b == b'\n') {
                        Some(i) => {
                            self.reader.consume(i + 1);
                            break;
                        }
                        None => {
                            let n = chunk.len();
                            self.reader.consume(n);
                        }
                    }
                }
                continue;
            }
            let text = String::from_utf8_lossy(&buf);
            if !text.trim().is_empty() {
                return Ok(Some((
                    self.line,
                    text.trim_end_matches(['\n', '\r']).to_owned(),
                )));
            }
        }
    }
}

/// Why a file of the layout could not be read: missing, or refused with a reason.
enum Unread {
    Missing,
    Refused(String),
}

fn is_missing(e: &Error) -> bool {
    matches!(e, Error::Io { source, .. } if source.kind() == std::io::ErrorKind::NotFound)
}

fn refusal(e: &Error) -> String {
    match e {
        Error::Io { source, .. } => source.to_string(),
        other => other.to_string(),
    }
}

/// Opens a JSONL file of the layout: a regular file only, never blocking on a pipe.
fn jsonl(path: &Path) -> std::result::Result<Jsonl, Unread> {
    match crate::blobs::open_regular(path) {
        Ok((file, _)) => Ok(Jsonl {
            reader: std::io::BufReader::new(file),
            line: 0,
            too_long: Vec::new(),
        }),
        Err(e) if is_missing(&e) => Err(Unread::Missing),
        Err(e) => Err(Unread::Refused(refusal(&e))),
    }
}

/// Reads an index file of the layout (regular, at most [`MAX_INDEX_BYTES`]).
fn index_file(path: &Path) -> std::result::Result<String, Unread> {
    match crate::blobs::read_regular(path, MAX_INDEX_BYTES) {
        Ok(bytes) => Ok(String::from_utf8_lossy(&bytes).into_owned()),
        Err(e) if is_missing(&e) => Err(Unread::Missing),
        Err(e) => Err(Unread::Refused(refusal(&e))),
    }
}

struct Skips<'a> {
    root: &'a Path,
    list: Vec<Skipped>,
    kinds: Vec<KindTally>,
}

/// The kinds of record, in the order of [`Skips::kinds`].
const JOBS: usize = 0;
const RESUMES: usize = 1;
const ANALYSES: usize = 2;
const FEEDBACK: usize = 3;

impl Skips<'_> {
    fn relative(&self, file: &Path) -> String {
        file.strip_prefix(self.root)
            .unwrap_or(file)
            .to_string_lossy()
            .into_owned()
    }

    fn add(&mut self, file: &Path, line: Option<usize>, reason: impl Into<String>) {
        let file = self.relative(file);
        let reason = reason.into();
        tracing::info!(file, line, reason, "legacy import skipped a record");
        self.list.push(Skipped { file, line, reason });
    }

    /// A record of `kind` was found.
    fn found(&mut self, kind: usize) {
        self.kinds[kind].records += 1;
    }

    /// A record of `kind` was found and left out.
    fn skip(&mut self, kind: usize, file: &Path, line: Option<usize>, reason: impl Into<String>) {
        self.kinds[kind].skipped += 1;
        self.add(file, line, reason);
    }

    /// The whole file of `kind` was left out.
    fn lose_file(&mut self, kind: usize, file: &Path, reason: impl Into<String>) {
        let reason = reason.into();
        self.kinds[kind].file_skipped = Some(reason.clone());
        self.add(file, None, reason);
    }

    /// A JSONL file of `kind` that could not be opened (`required`: missing counts too).
    fn unread(&mut self, kind: usize, file: &Path, why: Unread, required: bool) {
        match why {
            Unread::Missing if required => self.lose_file(kind, file, "file not found"),
            Unread::Missing => {}
            Unread::Refused(reason) => self.lose_file(kind, file, reason),
        }
    }

    /// After reading a JSONL file: report the lines too long to read (each skipped).
    fn finish(&mut self, kind: usize, file: &Path, lines: &Jsonl) {
        for &line in &lines.too_long {
            self.kinds[kind].records += 1;
            self.skip(
                kind,
                file,
                Some(line),
                format!(
                    "a line longer than {} MiB, skipped; the lines after it were read",
                    MAX_LINE_BYTES >> 20
                ),
            );
        }
    }
}

impl Store {
    /// Imports the web version's data folder `dir` (see [`crate::legacy`]), keeping its IDs:
    /// jobs as they are; each resume's PDF through the normal import (extraction, passages,
    /// vectors); each analysis re-made by this engine under its old ID, the old score kept in
    /// its history; feedback linked to its analysis and embedded. Unknown fields are ignored;
    /// a missing file, a corrupt line or a record that points at nothing is skipped and
    /// reported, and everything else is imported. Running it again adds only what is new.
    ///
    /// Every file is read as a regular file only (a pipe or a device named like one of the
    /// layout's files is refused without blocking), JSONL files a line at a time with a cap
    /// on each line, index files and PDFs under a size limit checked before they are read.
    /// [`LegacyReport::problems`] says when the result is too incomplete to call a success.
    pub fn import_legacy(
        &self,
        tools: &IngestTools<'_>,
        dir: &Path,
        now: OffsetDateTime,
    ) -> Result<LegacyReport> {
        if !dir.is_dir() {
            return Err(Error::invalid("folder", "is not a folder"));
        }
        let layout = Layout::under(dir);
        let mut report = LegacyReport::default();
        let mut skips = Skips {
            root: dir,
            list: Vec::new(),
            kinds: Vec::new(),
        };
        for (kind, file) in [
            ("jobs", &layout.jobs),
            ("resumes", &layout.resumes_index),
            ("analyses", &layout.analyses),
            ("feedback", &layout.interactions),
        ] {
            let file = skips.relative(file);
            skips.kinds.push(KindTally {
                kind: kind.into(),
                file,
                ..Default::default()
            });
        }

        // Jobs.
        match jsonl(&layout.jobs) {
            Err(why) => skips.unread(JOBS, &layout.jobs, why, true),
            Ok(mut lines) => {
                while let Some((n, line)) = lines.next_line(&layout.jobs)? {
                    skips.found(JOBS);
                    match legacy::parse_job(&line) {
                        Ok(j) => {
                            let job = Job {
                                id: j.id,
                                company: j.draft.company,
                                role: j.draft.role,
                                description: j.draft.description,
                                created_at: j.created_at.unwrap_or(now),
                                updated_at: j.created_at.unwrap_or(now),
                                archived: false,
                                criteria: Default::default(),
                                blind: false,
                                revision: 0,
                            };
                            if self.insert_job(&job)? {
                                report.jobs += 1;
                            } else {
                                report.already_present += 1;
                            }
                        }
                        Err(reason) => skips.skip(JOBS, &layout.jobs, Some(n), reason),
                    }
                }
                skips.finish(JOBS, &layout.jobs, &lines);
            }
        }
        match index_file(&layout.jobs_index) {
            Ok(index) => match legacy::parse_current_job(&index) {
                Ok(Some(id)) => match self.select_job(&id) {
                    Ok(_) => report.current_job = Some(id),
                    Err(_) => skips.add(
                        &layout.jobs_index,
                        None,
                        "the current job is not among the jobs",
                    ),
                },
                Ok(None) => {}
                Err(reason) => skips.add(&layout.jobs_index, None, reason),
            },
            Err(Unread::Missing) => {}
            Err(Unread::Refused(reason)) => skips.add(&layout.jobs_index, None, reason),
        }

        // Resumes: the index names them; without an index, every PDF in pdfs/.
        let resumes = match index_file(&layout.resumes_index) {
            Ok(json) => match legacy::parse_resume_index(&json) {
                Ok((resumes, bad)) => {
                    for reason in bad {
                        skips.found(RESUMES);
                        skips.skip(RESUMES, &layout.resumes_index, None, reason);
                    }
                    resumes
                }
                Err(reason) => {
                    skips.lose_file(RESUMES, &layout.resumes_index, reason);
                    Vec::new()
                }
            },
            Err(why) => {
                let note = match why {
                    Unread::Missing => "file not found; reading pdfs/ instead".to_owned(),
                    Unread::Refused(reason) => format!("{reason}; reading pdfs/ instead"),
                };
                skips.add(&layout.resumes_index, None, note);
                pdfs_in(&layout.pdfs)
            }
        };
        let mut renamed: HashMap<ResumeId, ResumeId> = HashMap::new();
        let tools = IngestTools {
            job: None,
            ..*tools
        };
        for r in resumes {
            skips.found(RESUMES);
            // A Word resume exported by this version sits beside the PDFs as `<id>.docx`.
            let mut pdf = layout.pdfs.join(format!("{}.pdf", r.id));
            let word = layout.pdfs.join(format!("{}.docx", r.id));
            if !pdf.exists() && word.exists() {
                pdf = word;
            }
            let bytes = match crate::import::read_limited(&pdf, tools.limits) {
                Ok(b) => b,
                Err(e) if is_missing(&e) => {
                    skips.skip(RESUMES, &pdf, None, "the PDF is missing");
                    continue;
                }
                Err(e) => {
                    skips.skip(RESUMES, &pdf, None, refusal(&e));
                    continue;
                }
            };
            let name = r.file_name.unwrap_or_else(|| {
                let ext = pdf.extension().and_then(|e| e.to_str()).unwrap_or("pdf");
                format!("{}.{ext}", r.id)
            });
            match self.ingest_pdf(&tools, &name, bytes, now) {
                Ok(outcome) => {
                    let stored = outcome.resume().id.clone();
                    match outcome {
                        IngestOutcome::Added { .. } => report.resumes += 1,
                        IngestOutcome::Duplicate { .. } => report.already_present += 1,
                    }
                    if stored != r.id {
                        // The file's content does not hash to the name it had.
                        skips.add(
                            &pdf,
                            None,
                            format!("stored as {stored}: its content does not match its ID"),
                        );
                        renamed.insert(r.id, stored);
                    }
                }
                Err(e) => skips.skip(RESUMES, &pdf, None, e.to_string()),
            }
        }

        // Analyses, re-made under their IDs.
        let mut jobs: HashMap<JobId, PreparedJob> = HashMap::new();
        match jsonl(&layout.analyses) {
            Err(why) => skips.unread(ANALYSES, &layout.analyses, why, false),
            Ok(mut lines) => {
                while let Some((n, line)) = lines.next_line(&layout.analyses)? {
                    skips.found(ANALYSES);
                    let a = match legacy::parse_analysis(&line) {
                        Ok(a) => a,
                        Err(reason) => {
                            skips.skip(ANALYSES, &layout.analyses, Some(n), reason);
                            continue;
                        }
                    };
                    let resume = renamed.get(&a.resume_id).unwrap_or(&a.resume_id).clone();
                    if self.analysis(&a.id).is_ok() {
                        report.already_present += 1;
                        continue;
                    }
                    if self.resume(&resume).is_err() {
                        skips.skip(
                            ANALYSES,
                            &layout.analyses,
                            Some(n),
                            format!("resume {resume} is not in the store"),
                        );
                        continue;
                    }
                    if !jobs.contains_key(&a.job_id) {
                        match self.prepare_job(tools.embedder, &a.job_id) {
                            Ok(p) => {
                                jobs.insert(a.job_id.clone(), p);
                            }
                            Err(_) => {
                                skips.skip(
                                    ANALYSES,
                                    &layout.analyses,
                                    Some(n),
                                    format!("job {} is not in the store", a.job_id),
                                );
                                continue;
                            }
                        }
                    }
                    let Some(job) = jobs.get(&a.job_id) else {
                        continue;
                    };
                    let past = a.score.map(|score| PastScore {
                        score,
                        engine_version: 0,
                        at: a.created_at.unwrap_or(now),
                    });
                    match self.analyze_as(tools.embedder, job, &resume, &a.id, past, now) {
                        Ok(_) => report.analyses += 1,
                        Err(e) => skips.skip(ANALYSES, &layout.analyses, Some(n), e.to_string()),
                    }
                }
                skips.finish(ANALYSES, &layout.analyses, &lines);
            }
        }

        // Feedback, linked to the analyses now in the store.
        match jsonl(&layout.interactions) {
            Err(why) => skips.unread(FEEDBACK, &layout.interactions, why, false),
            Ok(mut lines) => {
                let mut records = Vec::new();
                while let Some((n, line)) = lines.next_line(&layout.interactions)? {
                    skips.found(FEEDBACK);
                    let f = match legacy::parse_interaction(&line) {
                        Ok(f) => f,
                        Err(reason) => {
                            skips.skip(FEEDBACK, &layout.interactions, Some(n), reason);
                            continue;
                        }
                    };
                    let Ok(analysis) = self.analysis(&f.analysis_id) else {
                        skips.skip(
                            FEEDBACK,
                            &layout.interactions,
                            Some(n),
                            format!("analysis {} is not in the store", f.analysis_id),
                        );
                        continue;
                    };
                    let draft = match (FeedbackDraft {
                        analysis_id: f.analysis_id.clone(),
                        question: f.question,
                        answer: f.answer,
                        rating: f.rating,
                        correction: f.correction,
                        comment: f.comment,
                    })
                    .validated()
                    {
                        Ok(d) => d,
                        Err(e) => {
                            skips.skip(FEEDBACK, &layout.interactions, Some(n), e.to_string());
                            continue;
                        }
                    };
                    let id = f.id;
                    if self.feedback(&id).is_ok() || records.iter().any(|r: &Feedback| r.id == id) {
                        report.already_present += 1;
                        continue;
                    }
                    records.push(Feedback {
                        id,
                        analysis_id: draft.analysis_id,
                        job_id: analysis.job_id,
                        resume_id: analysis.resume_id,
                        question: draft.question,
                        answer: draft.answer,
                        rating: draft.rating,
                        correction: draft.correction,
                        comment: draft.comment,
                        created_at: f.created_at.unwrap_or(now),
                    });
                }
                skips.finish(FEEDBACK, &layout.interactions, &lines);
                if !records.is_empty() {
                    let texts: Vec<String> = records.iter().map(Feedback::embedding_text).collect();
                    let vectors = tools.embedder.embed(&texts)?;
                    let items: Vec<(Feedback, Vec<f32>)> =
                        records.into_iter().zip(vectors).collect();
                    report.feedback = items.len();
                    self.add_feedback_batch(&items)?;
                }
            }
        }
        report.skipped = skips.list;
        report.kinds = skips.kinds;
        tracing::info!(
            jobs = report.jobs,
            resumes = report.resumes,
            analyses = report.analyses,
            feedback = report.feedback,
            skipped = report.skipped.len(),
            "legacy folder imported"
        );
        Ok(report)
    }

    /// Writes everything in the web version's layout under `dir` (created; existing files of
    /// the layout are replaced): jobs, the current job, every resume's PDF and text with an
    /// index, every analysis (Shortlist's fields, `analysis_id` first, with the candidate's
    /// stage, its history and the notes for that job), and all feedback. Jobs carry their
    /// criteria and blind switch, resumes their tags: fields earlier versions ignore.
    pub fn export_legacy(&self, dir: &Path) -> Result<LegacyReport> {
        let layout = Layout::under(dir);
        for d in [&layout.pdfs, &layout.texts] {
            std::fs::create_dir_all(d).map_err(|e| Error::io("creating", d.as_path(), e))?;
        }
        for f in [&layout.jobs, &layout.analyses, &layout.interactions] {
            if let Some(parent) = f.parent() {
                std::fs::create_dir_all(parent).map_err(|e| Error::io("creating", parent, e))?;
            }
        }
        let mut report = LegacyReport::default();
        let jobs = self.jobs(true)?;
        let mut out = String::new();
        for j in &jobs {
            out.push_str(
                &serde_json::json!({
                    "job_id": j.job.id,
                    "company": j.job.company,
                    "role": j.job.role,
                    "description": j.job.description,
                    "created_at": rfc3339(j.job.created_at),
                    "updated_at": rfc3339(j.job.updated_at),
                    "archived": j.job.archived,
                    // Additive, read by no earlier version: the recruiter's criteria and
                    // gates, blind screening, and the revision analyses are scored against.
                    "criteria": j.job.criteria,
                    "blind": j.job.blind,
                    "revision": j.job.revision,
                })
                .to_string(),
            );
            out.push('\n');
        }
        report.jobs = jobs.len();
        write_atomic(&layout.jobs, out.as_bytes())?;
        report.current_job = self.current_job()?.map(|j| j.job.id);
        let index = serde_json::json!({
            "current_job_id": report.current_job,
            "job_ids": jobs.iter().map(|j| &j.job.id).collect::<Vec<_>>(),
        });
        write_atomic(&layout.jobs_index, index.to_string().as_bytes())?;

        let resumes = self.resumes()?;
        let mut index = serde_json::Map::new();
        for r in &resumes {
            // A Word resume keeps its own extension beside the PDFs (`<id>.docx`).
            let original = r.format.original_blob();
            write_atomic(
                &layout
                    .pdfs
                    .join(format!("{}.{}", r.id, r.format.extension())),
                &self.blobs().read(original, &r.id)?,
            )?;
            write_atomic(
                &layout.texts.join(format!("{}.txt", r.id)),
                &self.blobs().read(BlobKind::Text, &r.id)?,
            )?;
            index.insert(
                r.id.to_string(),
                serde_json::json!({
                    "resume_id": r.id,
                    "filename": r.file_name(),
                    "file_names": r.file_names,
                    "sha256": r.sha256,
                    "format": r.format,
                    "pages": r.pages,
                    "uploaded_at": rfc3339(r.first_seen),
                    "tags": self.tags(&r.id)?,
                }),
            );
        }
        report.resumes = resumes.len();
        write_atomic(
            &layout.resumes_index,
            serde_json::Value::Object(index).to_string().as_bytes(),
        )?;

        let mut out = String::new();
        for a in self.analyses(None)? {
            let mut value =
                serde_json::to_value(&a).map_err(|e| Error::invalid("analysis", e.to_string()))?;
            if let Some(map) = value.as_object_mut() {
                if let Some(id) = map.remove("id") {
                    map.insert("analysis_id".into(), id);
                }
                // Additive: where the candidate stands for this job, and the notes on them.
                let pipeline = self.pipeline(&a.job_id, &a.resume_id)?;
                let notes = self.notes(&a.job_id, &a.resume_id)?;
                for (key, v) in [
                    ("pipeline", serde_json::to_value(&pipeline)),
                    ("notes", serde_json::to_value(&notes)),
                ] {
                    let v = v.map_err(|e| Error::invalid("analysis", e.to_string()))?;
                    map.insert(key.into(), v);
                }
            }
            out.push_str(&value.to_string());
            out.push('\n');
            report.analyses += 1;
        }
        write_atomic(&layout.analyses, out.as_bytes())?;

        let mut out = String::new();
        for f in self.feedback_list(None)? {
            out.push_str(&legacy_line(&f).to_string());
            out.push('\n');
            report.feedback += 1;
        }
        write_atomic(&layout.interactions, out.as_bytes())?;
        Ok(report)
    }
}

fn rfc3339(t: OffsetDateTime) -> String {
    t.format(&time::format_description::well_known::Rfc3339)
        .unwrap_or_default()
}

/// `resume_*.pdf` (and `resume_*.docx`) files in `dir`, for a folder without an index.
fn pdfs_in(dir: &Path) -> Vec<legacy::LegacyResume> {
    let Ok(entries) = std::fs::read_dir(dir) else {
        return Vec::new();
    };
    let mut out: Vec<legacy::LegacyResume> = entries
        .flatten()
        .filter_map(|e| {
            let name = e.file_name().to_string_lossy().into_owned();
            let stem = name
                .strip_suffix(".pdf")
                .or_else(|| name.strip_suffix(".docx"))?;
            let id = ResumeId::parse(stem).ok()?;
            Some(legacy::LegacyResume {
                id,
                file_name: None,
            })
        })
        .collect();
    out.sort_by(|a, b| a.id.as_str().cmp(b.id.as_str()));
    out.dedup_by(|a, b| a.id == b.id);
    out
}
