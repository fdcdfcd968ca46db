//! The older web version's data folder: its layout, and tolerant readers for its files.
//!
//! ```text
//! DIR/data/jobs/jobs.jsonl              one job a line
//! DIR/data/jobs/jobs_index.json         which job is current
//! DIR/data/resumes/pdfs/<resume_id>.pdf
//! DIR/data/resumes/texts/<resume_id>.txt
//! DIR/data/resumes/resumes_index.json   resume_id → file name (an object, or a list)
//! DIR/data/analyses/analyses.jsonl      one analysis a line
//! DIR/feedback_db/interactions.jsonl    one feedback record a line
//! ```
//!
//! The readers here are pure (text in, records or a reason out), so they are fuzzed on their
//! own; [`crate::store::Store::import_legacy`] does the I/O. Unknown fields are ignored, the
//! field names the web version used over time are all accepted, and every ID is validated
//! before it is used for anything.

use std::path::{Path, PathBuf};

use serde::{Deserialize, Serialize};
use serde_json::{Map, Value};
use sha2::Digest;
use time::OffsetDateTime;

use crate::id::{AnalysisId, FeedbackId, JobId, ResumeId};
use crate::job::JobDraft;

/// Where each file of the layout lives under `dir`.
#[derive(Debug, Clone)]
pub struct Layout {
    /// `data/jobs/jobs.jsonl`
    pub jobs: PathBuf,
    /// `data/jobs/jobs_index.json`
    pub jobs_index: PathBuf,
    /// `data/resumes/pdfs`
    pub pdfs: PathBuf,
    /// `data/resumes/texts`
    pub texts: PathBuf,
    /// `data/resumes/resumes_index.json`
    pub resumes_index: PathBuf,
    /// `data/analyses/analyses.jsonl`
    pub analyses: PathBuf,
    /// `feedback_db/interactions.jsonl`
    pub interactions: PathBuf,
}

impl Layout {
    /// The layout under `dir` (the folder that holds `data/` and `feedback_db/`).
    pub fn under(dir: &Path) -> Layout {
        let data = dir.join("data");
        Layout {
            jobs: data.join("jobs/jobs.jsonl"),
            jobs_index: data.join("jobs/jobs_index.json"),
            pdfs: data.join("resumes/pdfs"),
            texts: data.join("resumes/texts"),
            resumes_index: data.join("resumes/resumes_index.json"),
            analyses: data.join("analyses/analyses.jsonl"),
            interactions: dir.join("feedback_db/interactions.jsonl"),
        }
    }
}

/// Something left out of an import, and why.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Skipped {
    /// The file, relative to the imported folder.
    pub file: String,
    /// Its line (1-based), for JSONL files.
    pub line: Option<usize>,
    /// Why (never the record's content: it may name a candidate).
    pub reason: String,
}

/// What an import brought in.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct LegacyReport {
    /// Jobs added.
    pub jobs: usize,
    /// Resumes added.
    pub resumes: usize,
    /// Analyses made (by Shortlist's engine, under the web version's IDs).
    pub analyses: usize,
    /// Feedback records added.
    pub feedback: usize,
    /// Records already in the store (same ID), left as they were.
    pub already_present: usize,
    /// The current job, if the folder named one.
    pub current_job: Option<JobId>,
    /// Everything left out, with the reason.
    pub skipped: Vec<Skipped>,
    /// Per kind of record (jobs, resumes, analyses, feedback): how many the folder held and
    /// how many were left out, and whether its file could not be read at all.
    pub kinds: Vec<KindTally>,
}

/// How one kind of record fared.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct KindTally {
    /// "jobs", "resumes", "analyses" or "feedback".
    pub kind: String,
    /// The file that lists them, relative to the imported folder.
    pub file: String,
    /// Records found in it.
    pub records: usize,
    /// Of those, left out.
    pub skipped: usize,
    /// Why the whole file was left out (missing where it is required, unreadable, refused).
    pub file_skipped: Option<String>,
}

impl LegacyReport {
    /// What makes this import incomplete, one line each: a file left out whole, a kind of
    /// record of which none came in, or most records left out. Empty when the import is
    /// complete enough to call it a success (a few skipped records are listed, not fatal).
    pub fn problems(&self) -> Vec<String> {
        let mut out = Vec::new();
        for k in &self.kinds {
            if let Some(reason) = &k.file_skipped {
                out.push(format!(
                    "{}: the whole file was left out ({reason})",
                    k.file
                ));
            } else if k.records > 0 && k.skipped == k.records {
                out.push(format!(
                    "{}: all {} {} were left out",
                    k.file, k.records, k.kind
                ));
            }
        }
        let records: usize = self.kinds.iter().map(|k| k.records).sum();
        let skipped: usize = self.kinds.iter().map(|k| k.skipped).sum();
        if records > 0 && skipped * 2 > records {
            out.push(format!(
                "{skipped} of {records} records were left out (more than half)"
            ));
        }
        out
    }
}

/// A job from `jobs.jsonl`.
#[derive(Debug, Clone, PartialEq)]
pub struct LegacyJob {
    pub id: JobId,
    /// Company, role, description.
    pub draft: JobDraft,
    /// When it was made, if recorded.
    pub created_at: Option<OffsetDateTime>,
}

/// A resume from `resumes_index.json`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LegacyResume {
    /// Its ID (the name of its PDF under `pdfs/`).
    pub id: ResumeId,
    /// The name it was uploaded under, if recorded.
    pub file_name: Option<String>,
}

/// An analysis from `analyses.jsonl`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LegacyAnalysis {
    pub id: AnalysisId,
    /// The job.
    pub job_id: JobId,
    /// The resume.
    pub resume_id: ResumeId,
    /// The web version's score, 0–100, if recorded (kept in the analysis's history).
    pub score: Option<u8>,
    /// When it was made, if recorded.
    pub created_at: Option<OffsetDateTime>,
}

/// A feedback record from `interactions.jsonl`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LegacyFeedback {
    /// Its ID: the web version's when it has Shortlist's form (`fb_` + 12 hex), otherwise one
    /// derived from it (SHA-256), so importing the same folder twice never doubles a record.
    pub id: FeedbackId,
    /// The analysis it is about.
    pub analysis_id: AnalysisId,
    pub question: String,
    /// The answer shown.
    pub answer: String,
    /// 1–5.
    pub rating: u8,
    /// The corrected answer.
    pub correction: Option<String>,
    pub comment: Option<String>,
    /// When, if recorded.
    pub created_at: Option<OffsetDateTime>,
}

fn object(line: &str) -> Result<Map<String, Value>, String> {
    match serde_json::from_str::<Value>(line) {
        Ok(Value::Object(map)) => Ok(map),
        Ok(_) => Err("not a JSON object".into()),
        Err(e) => Err(format!("not valid JSON ({})", e.classify_name())),
    }
}

trait ClassifyName {
    fn classify_name(&self) -> &'static str;
}

impl ClassifyName for serde_json::Error {
    fn classify_name(&self) -> &'static str {
        match self.classify() {
            serde_json::error::Category::Io => "unreadable",
            serde_json::error::Category::Syntax => "syntax error",
            serde_json::error::Category::Data => "unexpected value",
            serde_json::error::Category::Eof => "cut short",
        }
    }
}

/// The first of `names` that holds a non-empty string.
fn text<'a>(map: &'a Map<String, Value>, names: &[&str]) -> Option<&'a str> {
    names
        .iter()
        .find_map(|n| map.get(*n).and_then(Value::as_str))
        .filter(|s| !s.trim().is_empty())
}

fn id<T>(
    map: &Map<String, Value>,
    names: &[&str],
    what: &str,
    parse: impl Fn(&str) -> Result<T, crate::Error>,
) -> Result<T, String> {
    let raw = text(map, names).ok_or_else(|| format!("no {what}"))?;
    parse(raw.trim()).map_err(|_| format!("{what} is not a valid ID"))
}

fn date(map: &Map<String, Value>, names: &[&str]) -> Option<OffsetDateTime> {
    let raw = text(map, names)?;
    OffsetDateTime::parse(raw, &time::format_description::well_known::Rfc3339)
        .ok()
        .or_else(|| {
            // The web version wrote naive ISO times ("2024-03-01T10:00:00[.ffffff]"): UTC.
            let naive = time::macros::format_description!(
                "[year]-[month]-[day]T[hour]:[minute]:[second][optional [.[subsecond]]]"
            );
            time::PrimitiveDateTime::parse(raw, &naive)
                .ok()
                .map(time::PrimitiveDateTime::assume_utc)
        })
}

/// One line of `jobs.jsonl`.
pub fn parse_job(line: &str) -> Result<LegacyJob, String> {
    let map = object(line)?;
    let id = id(&map, &["job_id", "id"], "job_id", JobId::parse)?;
    let draft = JobDraft {
        company: text(&map, &["company", "company_name", "employer"])
            .unwrap_or("Unknown company")
            .to_owned(),
        // The web version's form left the role optional (`role_name: ""`): such a job is
        // kept, under a placeholder, rather than lost with every analysis of it.
        role: text(
            &map,
            &["role", "role_name", "title", "job_title", "position"],
        )
        .unwrap_or("Untitled role")
        .to_owned(),
        description: text(
            &map,
            &["description", "job_description", "text", "content", "jd"],
        )
        .unwrap_or_default()
        .to_owned(),
    }
    .validated()
    .map_err(|e| e.to_string())?;
    Ok(LegacyJob {
        id,
        draft,
        created_at: date(&map, &["created_at", "timestamp", "created"]),
    })
}

/// `jobs_index.json`: the current job, if it names one.
pub fn parse_current_job(json: &str) -> Result<Option<JobId>, String> {
    let map = object(json)?;
    match text(
        &map,
        &["current_job_id", "current_job", "current", "active_job_id"],
    ) {
        Some(raw) => JobId::parse(raw.trim())
            .map(Some)
            .map_err(|_| "current job is not a valid ID".into()),
        None => Ok(None),
    }
}

/// `resumes_index.json`: an object keyed by resume ID, or a list of records; entries that do
/// not make sense are returned as reasons beside the good ones.
pub fn parse_resume_index(json: &str) -> Result<(Vec<LegacyResume>, Vec<String>), String> {
    let value: Value = serde_json::from_str(json)
        .map_err(|e| format!("not valid JSON ({})", e.classify_name()))?;
    let entries: Vec<(Option<String>, Value)> = match value {
        Value::Object(map) => {
            // Either {"resumes": [...]} / {"resumes": {...}} or {resume_id: {...}}.
            match map.get("resumes") {
                Some(Value::Array(list)) => list.iter().map(|v| (None, v.clone())).collect(),
                Some(Value::Object(inner)) => inner
                    .iter()
                    .map(|(k, v)| (Some(k.clone()), v.clone()))
                    .collect(),
                _ => map.into_iter().map(|(k, v)| (Some(k), v)).collect(),
            }
        }
        Value::Array(list) => list.into_iter().map(|v| (None, v)).collect(),
        _ => return Err("neither an object nor a list".into()),
    };
    let mut out = Vec::new();
    let mut bad = Vec::new();
    for (key, value) in entries {
        let fields = match &value {
            Value::Object(m) => m.clone(),
            // {resume_id: "file name.pdf"}
            Value::String(s) => {
                let mut m = Map::new();
                m.insert("filename".into(), Value::String(s.clone()));
                m
            }
            _ => Map::new(),
        };
        let raw_id = text(&fields, &["resume_id", "id"])
            .map(str::to_owned)
            .or(key);
        match raw_id.as_deref().map(|r| ResumeId::parse(r.trim())) {
            Some(Ok(id)) => out.push(LegacyResume {
                id,
                file_name: text(
                    &fields,
                    &["filename", "file_name", "original_filename", "name"],
                )
                .map(str::to_owned),
            }),
            Some(Err(_)) => bad.push("an entry's resume_id is not a valid ID".to_owned()),
            None => bad.push("an entry has no resume_id".to_owned()),
        }
    }
    Ok((out, bad))
}

/// The web version's score: at the top of the record, or inside the result it stored
/// (`analysis_result`) or returned from its upload endpoint (`result`).
fn score(map: &Map<String, Value>) -> Option<u8> {
    const NAMES: [&str; 4] = ["score", "overall_score", "match_score", "total_score"];
    let found = |m: &Map<String, Value>| NAMES.iter().find_map(|n| number(m.get(*n)?));
    let v = found(map).or_else(|| {
        ["analysis_result", "result"]
            .iter()
            .find_map(|n| map.get(*n)?.as_object().and_then(found))
    })?;
    // Some versions stored 0–1.
    let v = if (0.0..=1.0).contains(&v) && v.fract() != 0.0 {
        v * 100.0
    } else {
        v
    };
    (0.0..=100.0).contains(&v).then(|| v.round() as u8)
}

/// A number, or a string holding one ("85", "85%").
fn number(v: &Value) -> Option<f64> {
    v.as_f64()
        .or_else(|| v.as_str()?.trim().trim_end_matches('%').trim().parse().ok())
}

/// One line of `analyses.jsonl`.
pub fn parse_analysis(line: &str) -> Result<LegacyAnalysis, String> {
    let map = object(line)?;
    Ok(LegacyAnalysis {
        id: id(
            &map,
            &["analysis_id", "id"],
            "analysis_id",
            AnalysisId::parse,
        )?,
        job_id: id(&map, &["job_id"], "job_id", JobId::parse)?,
        resume_id: id(&map, &["resume_id"], "resume_id", ResumeId::parse)?,
        score: score(&map),
        created_at: date(&map, &["created_at", "timestamp", "analyzed_at"]).or_else(|| {
            ["analysis_result", "result"]
                .iter()
                .find_map(|n| date(map.get(*n)?.as_object()?, &["timestamp", "created_at"]))
        }),
    })
}

/// One line of `interactions.jsonl`.
pub fn parse_interaction(line: &str) -> Result<LegacyFeedback, String> {
    let map = object(line)?;
    // The web version kept the rating and the corrected answer in a nested `feedback` object
    // ({"rating", "ideal_response", "correct_points", "incorrect_points", "missing_points"}).
    let empty = Map::new();
    let nested = map
        .get("feedback")
        .and_then(Value::as_object)
        .unwrap_or(&empty);
    let rating = ["rating", "score", "stars"]
        .iter()
        .find_map(|n| map.get(*n).or_else(|| nested.get(*n)).and_then(number))
        .ok_or("no rating")?;
    if !(1.0..=5.0).contains(&rating) || rating.fract() != 0.0 {
        return Err("rating is not a whole number from 1 to 5".into());
    }
    let optional = |names: &[&str]| text(&map, names).map(|s| s.trim().to_owned());
    let analysis_id = id(&map, &["analysis_id"], "analysis_id", AnalysisId::parse)?;
    let raw_id = text(&map, &["interaction_id", "feedback_id", "id"]).map(str::trim);
    let id = match raw_id.map(FeedbackId::parse) {
        Some(Ok(id)) => id,
        // Derived from the old ID, or (none) from what identifies the record.
        _ => {
            let seed = match raw_id {
                Some(raw) => raw.to_owned(),
                None => format!(
                    "{analysis_id}\n{}\n{}",
                    text(&map, &["question", "query", "prompt"]).unwrap_or_default(),
                    text(&map, &["timestamp", "created_at"]).unwrap_or_default()
                ),
            };
            let digest = crate::assets::hex(&sha2::Sha256::digest(seed.as_bytes()));
            FeedbackId::parse(&format!("fb_{}", &digest[..12])).map_err(|e| e.to_string())?
        }
    };
    Ok(LegacyFeedback {
        id,
        analysis_id,
        question: optional(&["question", "query", "prompt"]).ok_or("no question")?,
        answer: optional(&["answer", "response", "model_answer"]).unwrap_or_default(),
        rating: rating as u8,
        correction: optional(&["corrected_answer", "correction", "corrected"]).or_else(|| {
            text(
                nested,
                &["ideal_response", "corrected_answer", "correction"],
            )
            .map(|s| s.trim().to_owned())
        }),
        comment: optional(&["comment", "feedback", "notes"])
            .or_else(|| text(nested, &["comment", "notes"]).map(|s| s.trim().to_owned()))
            .or_else(|| points(nested)),
        created_at: date(&map, &["timestamp", "created_at"]),
    })
}

/// The web version's lists of correct, incorrect and missing points, as one comment.
fn points(feedback: &Map<String, Value>) -> Option<String> {
    let lines: Vec<String> = [
        ("correct_points", "Correct"),
        ("incorrect_points", "Incorrect"),
        ("missing_points", "Missing"),
    ]
    .iter()
    .filter_map(|(field, label)| {
        let items: Vec<&str> = feedback
            .get(*field)?
            .as_array()?
            .iter()
            .filter_map(Value::as_str)
            .map(str::trim)
            .filter(|s| !s.is_empty())
            .collect();
        (!items.is_empty()).then(|| format!("{label}: {}", items.join("; ")))
    })
    .collect();
    (!lines.is_empty()).then(|| lines.join("\n"))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn jobs_accept_old_field_names_and_ignore_unknown_ones() {
        let job = parse_job(
            r#"{"id":"1a2b3c4d","title":"Data Engineer","company_name":"Acme","text":"Python, SQL","tags":["x"],"timestamp":"2024-03-01T10:00:00.123456"}"#,
        )
        .unwrap();
        assert_eq!(job.id.as_str(), "1a2b3c4d");
        assert_eq!(job.draft.role, "Data Engineer");
        assert_eq!(job.draft.company, "Acme");
        assert!(job.created_at.is_some());
        assert!(parse_job(r#"{"job_id":"../../etc","role":"x"}"#).is_err());
        let untitled = parse_job(r#"{"job_id":"1a2b3c4d","role_name":""}"#).unwrap();
        assert_eq!(untitled.draft.role, "Untitled role");
        assert!(parse_job("[1,2]").is_err());
        assert!(parse_job(r#"{"job_id":"1a2b3c4d","role":"x""#).is_err());
    }

    #[test]
    fn resume_index_in_its_several_shapes() {
        let (a, bad) = parse_resume_index(
            r#"{"resume_0123456789ab":{"filename":"a.pdf"},"resume_bad":{"filename":"b.pdf"},"resume_ba9876543210":"c.pdf"}"#,
        )
        .unwrap();
        assert_eq!(a.len(), 2);
        assert_eq!(bad.len(), 1);
        let (b, _) = parse_resume_index(
            r#"[{"resume_id":"resume_0123456789ab","original_filename":"a.pdf"}]"#,
        )
        .unwrap();
        assert_eq!(b[0].file_name.as_deref(), Some("a.pdf"));
        let (c, _) = parse_resume_index(r#"{"resumes":[{"id":"resume_0123456789ab"}]}"#).unwrap();
        assert_eq!(c.len(), 1);
        assert!(parse_resume_index("42").is_err());
    }

    #[test]
    fn analyses_and_interactions() {
        let a = parse_analysis(
            r#"{"analysis_id":"0123456789ab","job_id":"1a2b3c4d","resume_id":"resume_0123456789ab","overall_score":0.73}"#,
        )
        .unwrap();
        assert_eq!(a.score, Some(73));
        let f = parse_interaction(
            r#"{"interaction_id":"7f3e","analysis_id":"0123456789ab","question":"Led a team?","answer":"Yes","rating":4,"corrected_answer":"Yes, six people"}"#,
        )
        .unwrap();
        assert!(
            f.id.as_str().starts_with("fb_"),
            "a web-version ID that is not ours is mapped"
        );
        let again = parse_interaction(
            r#"{"interaction_id":"7f3e","analysis_id":"0123456789ab","question":"Led a team?","rating":4}"#,
        )
        .unwrap();
        assert_eq!(again.id, f.id, "the same way every time");
        assert_eq!(f.correction.as_deref(), Some("Yes, six people"));
        assert!(
            parse_interaction(r#"{"analysis_id":"0123456789ab","question":"q","rating":9}"#)
                .is_err()
        );
    }
}
