//! Job descriptions.

use serde::{Deserialize, Serialize};
use time::OffsetDateTime;

use crate::error::{Error, Result};
use crate::id::JobId;
use crate::workflow::Criteria;

/// Longest accepted company or role name, in characters.
pub const MAX_NAME_CHARS: usize = 200;
/// Longest accepted job description, in characters.
pub const MAX_DESCRIPTION_CHARS: usize = 100_000;

/// A saved job description.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct Job {
    /// Stable 8-hex-char ID.
    pub id: JobId,
    /// Hiring company.
    pub company: String,
    /// Role title.
    pub role: String,
    /// The full job description text.
    pub description: String,
    /// When it was created.
    #[serde(with = "time::serde::rfc3339")]
    #[cfg_attr(feature = "ts", ts(type = "string"))]
    pub created_at: OffsetDateTime,
    /// When it was last edited.
    #[serde(with = "time::serde::rfc3339")]
    #[cfg_attr(feature = "ts", ts(type = "string"))]
    pub updated_at: OffsetDateTime,
    /// Archived jobs stay stored but are hidden from the default list.
    #[serde(default)]
    pub archived: bool,
    /// What the recruiter set over the description: must/nice/ignore, added requirements,
    /// years, degree, knockout gates, part weights.
    #[serde(default)]
    pub criteria: Criteria,
    /// Screened blind: names, contact details, addresses and graduation years are hidden in
    /// the window and in exports.
    #[serde(default)]
    pub blind: bool,
    /// Bumped whenever the description or the criteria change; an analysis made at an older
    /// revision is stale and scored again.
    #[serde(default)]
    pub revision: u32,
}

/// The fields a person types in to create or edit a job.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct JobDraft {
    /// Hiring company.
    pub company: String,
    /// Role title.
    pub role: String,
    /// The full job description text.
    pub description: String,
}

impl JobDraft {
    /// Trims the fields and checks them: company and role required, lengths bounded.
    pub fn validated(self) -> Result<JobDraft> {
        let company = self.company.trim().to_owned();
        let role = self.role.trim().to_owned();
        // Invisible characters (NUL, other controls, bidi overrides) mean nothing in a
        // description and can disguise it; line breaks and tabs stay.
        let description = crate::text::clean(self.description.trim(), true)
            .trim()
            .to_owned();
        for (field, value) in [("company", &company), ("role", &role)] {
            if value.is_empty() {
                return Err(Error::invalid(field, "must not be empty"));
            }
            if value.chars().count() > MAX_NAME_CHARS {
                return Err(Error::invalid(
                    field,
                    format!("must be at most {MAX_NAME_CHARS} characters"),
                ));
            }
            if value.contains(['\n', '\r']) {
                return Err(Error::invalid(field, "must be a single line of text"));
            }
            if value.chars().any(char::is_control) {
                return Err(Error::invalid(
                    field,
                    "must not contain control characters such as tabs",
                ));
            }
        }
        if description.chars().count() > MAX_DESCRIPTION_CHARS {
            return Err(Error::invalid(
                "description",
                format!("must be at most {MAX_DESCRIPTION_CHARS} characters"),
            ));
        }
        Ok(JobDraft {
            company,
            role,
            description,
        })
    }

    /// This draft if its description says something (a letter or a digit): a job with none
    /// would rank every candidate on nothing. The jobs of the older web version's data,
    /// imported as they were, are the exception (`legacy`).
    pub fn with_description(self) -> Result<JobDraft> {
        if self.description.chars().any(char::is_alphanumeric) {
            Ok(self)
        } else {
            Err(Error::invalid(
                "description",
                "must not be empty: paste the job's text (what the role asks for), which \
                 every candidate is scored against",
            ))
        }
    }
}

/// A job with the figures the lists show beside it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct JobSummary {
    #[serde(flatten)]
    pub job: Job,
    /// How many analyses this job has.
    pub analysis_count: u64,
    /// Whether this is the current job.
    pub current: bool,
}

impl Job {
    /// Whether every word of `query` occurs (case-insensitively) in company, role or description.
    pub fn matches(&self, query: &str) -> bool {
        let haystack =
            format!("{}\n{}\n{}", self.company, self.role, self.description).to_lowercase();
        query
            .to_lowercase()
            .split_whitespace()
            .all(|word| haystack.contains(word))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn draft(company: &str, role: &str) -> JobDraft {
        JobDraft {
            company: company.into(),
            role: role.into(),
            description: "  We need Rust.\r\n ".into(),
        }
    }

    #[test]
    fn validation_trims_and_rejects_empty() {
        let ok = draft("  Acme ", " Engineer ").validated().unwrap();
        assert_eq!(
            (ok.company.as_str(), ok.role.as_str()),
            ("Acme", "Engineer")
        );
        assert_eq!(ok.description, "We need Rust.");
        let nul = JobDraft {
            description: "Requirements\u{0}\n- Go\u{202E}\tRust".into(),
            ..draft("Acme", "Engineer")
        };
        assert_eq!(
            nul.validated().unwrap().description,
            "Requirements\n- Go\tRust"
        );
        assert!(draft(" ", "x").validated().is_err());
        assert!(draft("x", "").validated().is_err());
        assert!(draft("x\ny", "r").validated().is_err());
        for empty in ["", "  \n\t ", "🙂🚀", "- \n* "] {
            let d = JobDraft {
                description: empty.into(),
                ..draft("Acme", "Engineer")
            };
            let e = d.validated().unwrap().with_description().unwrap_err();
            assert!(e.to_string().contains("description"), "{e}");
        }
        assert!(draft(&"a".repeat(201), "r").validated().is_err());
    }

    #[test]
    fn search_is_case_insensitive_over_all_fields() {
        let now = OffsetDateTime::UNIX_EPOCH;
        let job = Job {
            id: JobId::parse("0a1b2c3d").unwrap(),
            company: "Acme GmbH".into(),
            role: "Backend Engineer".into(),
            description: "Kubernetes and PostgreSQL".into(),
            created_at: now,
            updated_at: now,
            archived: false,
            criteria: Criteria::default(),
            blind: false,
            revision: 0,
        };
        assert!(job.matches("acme"));
        assert!(job.matches("BACKEND postgres"));
        assert!(job.matches("kubernetes engineer"));
        assert!(!job.matches("frontend"));
    }
}
