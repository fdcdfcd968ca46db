//! Questions about an analysis, the recruiter's ratings and corrections, and their exports as
//! CSV and as chat-format JSONL training data.

use serde::{Deserialize, Serialize};
use time::OffsetDateTime;

use crate::error::{Error, Result};
use crate::id::{AnalysisId, FeedbackId, JobId, ResumeId};

/// Longest accepted question, in characters.
pub const MAX_QUESTION_CHARS: usize = 2_000;
/// Longest accepted answer, correction or comment, in characters.
pub const MAX_TEXT_CHARS: usize = 20_000;
/// Ratings at or above this are "high quality" by default.
pub const DEFAULT_MIN_RATING: u8 = 4;

/// A feedback record.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct Feedback {
    /// `fb_` + 12 hex chars.
    pub id: FeedbackId,
    /// The analysis asked about.
    pub analysis_id: AnalysisId,
    /// Its job.
    pub job_id: JobId,
    /// Its resume (derived from the analysis).
    pub resume_id: ResumeId,
    pub question: String,
    /// The answer that was shown.
    pub answer: String,
    /// 1–5.
    pub rating: u8,
    /// The recruiter's correct answer, if they gave one.
    #[serde(default)]
    pub correction: Option<String>,
    /// A free comment.
    #[serde(default)]
    pub comment: Option<String>,
    /// When it was given.
    #[serde(with = "time::serde::rfc3339")]
    #[cfg_attr(feature = "ts", ts(type = "string"))]
    pub created_at: OffsetDateTime,
}

impl Feedback {
    /// The text that is embedded for similarity search: question and answer.
    pub fn embedding_text(&self) -> String {
        format!(
            "{}\n{}",
            self.question,
            self.correction.as_deref().unwrap_or(&self.answer)
        )
    }
}

/// What a person submits.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct FeedbackDraft {
    /// The analysis asked about.
    pub analysis_id: AnalysisId,
    pub question: String,
    /// The answer that was shown.
    pub answer: String,
    /// 1–5.
    pub rating: u8,
    /// The correct answer, optional.
    #[serde(default)]
    pub correction: Option<String>,
    /// A comment, optional.
    #[serde(default)]
    pub comment: Option<String>,
}

fn optional(text: Option<String>, field: &'static str) -> Result<Option<String>> {
    match text
        .map(|t| crate::text::clean(&t, true).trim().to_owned())
        .filter(|t| !t.is_empty())
    {
        Some(t) if t.chars().count() > MAX_TEXT_CHARS => Err(Error::invalid(
            field,
            format!("must be at most {MAX_TEXT_CHARS} characters"),
        )),
        other => Ok(other),
    }
}

impl FeedbackDraft {
    /// Cleans, trims and checks every field. Control characters, bidi controls and zero-width
    /// characters are removed ([`crate::text::clean`]): the question is one line, the answer,
    /// correction and comment keep their line breaks.
    pub fn validated(self) -> Result<FeedbackDraft> {
        let question = crate::text::clean(&self.question, false).trim().to_owned();
        if question.is_empty() {
            return Err(Error::invalid("question", "must not be empty"));
        }
        if question.chars().count() > MAX_QUESTION_CHARS {
            return Err(Error::invalid(
                "question",
                format!("must be at most {MAX_QUESTION_CHARS} characters"),
            ));
        }
        if !(1..=5).contains(&self.rating) {
            return Err(Error::invalid(
                "rating",
                "must be a whole number from 1 to 5",
            ));
        }
        let answer = crate::text::clean(&self.answer, true).trim().to_owned();
        if answer.chars().count() > MAX_TEXT_CHARS {
            return Err(Error::invalid(
                "answer",
                format!("must be at most {MAX_TEXT_CHARS} characters"),
            ));
        }
        Ok(FeedbackDraft {
            analysis_id: self.analysis_id,
            question,
            answer,
            rating: self.rating,
            correction: optional(self.correction, "correction")?,
            comment: optional(self.comment, "comment")?,
        })
    }
}

/// Feedback figures.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct FeedbackStats {
    /// All records.
    pub total: u64,
    /// Count per rating, index 0 = rating 1.
    pub by_rating: [u64; 5],
    /// Mean rating, if any.
    pub average: Option<f64>,
    /// Records at or above the high-quality threshold.
    pub high_quality: u64,
    /// The threshold used.
    pub min_rating: u8,
    /// Per job: (job ID, count, mean rating).
    pub per_job: Vec<(JobId, u64, f64)>,
    /// Per day (YYYY-MM-DD, count), oldest first.
    pub per_day: Vec<(String, u64)>,
}

impl FeedbackStats {
    /// Figures over `records`.
    pub fn of(records: &[Feedback], min_rating: u8) -> FeedbackStats {
        let mut s = FeedbackStats {
            min_rating,
            ..Default::default()
        };
        let mut per_job: std::collections::BTreeMap<JobId, (u64, u64)> = Default::default();
        let mut per_day: std::collections::BTreeMap<String, u64> = Default::default();
        let mut sum = 0u64;
        for f in records {
            s.total += 1;
            s.by_rating[usize::from(f.rating.clamp(1, 5) - 1)] += 1;
            sum += u64::from(f.rating);
            if f.rating >= min_rating {
                s.high_quality += 1;
            }
            let e = per_job.entry(f.job_id.clone()).or_default();
            e.0 += 1;
            e.1 += u64::from(f.rating);
            *per_day.entry(f.created_at.date().to_string()).or_default() += 1;
        }
        s.average = (s.total > 0).then(|| sum as f64 / s.total as f64);
        s.per_job = per_job
            .into_iter()
            .map(|(j, (n, sum))| (j, n, sum as f64 / n as f64))
            .collect();
        s.per_day = per_day.into_iter().collect();
        s
    }
}

/// The header of the feedback CSV.
pub const CSV_HEADER: [&str; 13] = [
    "feedback_id",
    "analysis_id",
    "job_id",
    "resume_id",
    "company",
    "role",
    "candidate",
    "question",
    "answer",
    "rating",
    "correction",
    "comment",
    "created_at",
];

/// What an export row needs besides the record.
#[derive(Debug, Clone, Default)]
pub struct ExportContext {
    /// Job company.
    pub company: String,
    /// Job role.
    pub role: String,
    /// Job description.
    pub description: String,
    /// Candidate name, or the resume's file name.
    pub candidate: String,
    /// An excerpt of the resume text.
    pub resume_excerpt: String,
}

/// One CSV line (with `\r\n`) for a record, through the product's one CSV writer
/// ([`crate::csv`]: RFC 4180, formula-like cells neutralised).
pub fn csv_row(f: &Feedback, ctx: &ExportContext) -> String {
    let created = f
        .created_at
        .format(&time::format_description::well_known::Rfc3339)
        .unwrap_or_default();
    let fields = [
        f.id.to_string(),
        f.analysis_id.to_string(),
        f.job_id.to_string(),
        f.resume_id.to_string(),
        ctx.company.clone(),
        ctx.role.clone(),
        ctx.candidate.clone(),
        f.question.clone(),
        f.answer.clone(),
        f.rating.to_string(),
        f.correction.clone().unwrap_or_default(),
        f.comment.clone().unwrap_or_default(),
        created,
    ];
    crate::csv::row(&fields)
}

/// The system prompt of the training samples.
pub const SYSTEM_PROMPT: &str = "You are a recruiting assistant. Answer questions about a candidate using only their resume, briefly and factually.";

/// One chat-format training sample (a JSON line) for a record: the assistant turn is the
/// correction when there is one, else the answer that was rated.
pub fn training_line(f: &Feedback, ctx: &ExportContext) -> serde_json::Value {
    let user = format!(
        "Job: {} at {}\n{}\n\nResume excerpt:\n{}\n\nQuestion: {}",
        ctx.role, ctx.company, ctx.description, ctx.resume_excerpt, f.question
    );
    serde_json::json!({
        "messages": [
            {"role": "system", "content": SYSTEM_PROMPT},
            {"role": "user", "content": user},
            {"role": "assistant", "content": f.correction.as_deref().unwrap_or(&f.answer)},
        ],
        "metadata": {
            "feedback_id": f.id,
            "analysis_id": f.analysis_id,
            "job_id": f.job_id,
            "resume_id": f.resume_id,
            "rating": f.rating,
            "corrected": f.correction.is_some(),
        }
    })
}

/// One line of the web version's `feedback_db/interactions.jsonl`: the record with the field
/// names that version used (`interaction_id`, `corrected_answer`, `timestamp`), keeping
/// `analysis_id` and `job_id` so exports stay linkable.
pub fn legacy_line(f: &Feedback) -> serde_json::Value {
    serde_json::json!({
        "interaction_id": f.id,
        "analysis_id": f.analysis_id,
        "job_id": f.job_id,
        "resume_id": f.resume_id,
        "question": f.question,
        "answer": f.answer,
        "rating": f.rating,
        "corrected_answer": f.correction,
        "comment": f.comment,
        "timestamp": f.created_at.format(&time::format_description::well_known::Rfc3339).unwrap_or_default(),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn draft(rating: u8, question: &str) -> FeedbackDraft {
        FeedbackDraft {
            analysis_id: AnalysisId::parse("0123456789ab").unwrap(),
            question: question.into(),
            answer: "Yes".into(),
            rating,
            correction: Some("  ".into()),
            comment: None,
        }
    }

    #[test]
    fn validation() {
        let ok = draft(5, "  Has she led a team? ").validated().unwrap();
        assert_eq!(ok.question, "Has she led a team?");
        assert_eq!(ok.correction, None, "blank correction is none");
        for r in [0, 6, 255] {
            assert!(draft(r, "q").validated().is_err(), "rating {r}");
        }
        assert!(draft(3, "   ").validated().is_err());
        assert!(draft(3, &"x".repeat(2001)).validated().is_err());
    }

    #[test]
    fn feedback_text_is_stored_without_control_or_bidi_characters() {
        let mut d = draft(4, "Has she\u{1b}[31m led\u{7} a team\u{0}?\u{202E}\u{200B}");
        d.answer = "Yes\r\nsix people\u{1b}]0;owned\u{7}".into();
        d.comment = Some("\u{202E}txt.exe\u{2066}".into());
        d.correction = Some("\u{200B}\u{FEFF}".into());
        let ok = d.validated().unwrap();
        assert_eq!(ok.question, "Has she[31m led a team?");
        assert_eq!(ok.answer, "Yes\nsix people]0;owned");
        assert_eq!(ok.comment.as_deref(), Some("txt.exe"));
        assert_eq!(ok.correction, None, "nothing visible is left");
        assert!(
            draft(3, "\u{1b}\u{200B}").validated().is_err(),
            "an invisible question is empty"
        );
    }
}
