//! A job's pipeline: each candidate's stage, its history, notes, and the candidate's tags.
//!
//! The history is who-free (one recruiter, one machine): each event has its time, the stage
//! it came from and went to, and an optional reason. Revealing a candidate's identity while the
//! job is screened blind is recorded as an event too.

use std::fmt;
use std::str::FromStr;

use serde::{Deserialize, Serialize};
use time::OffsetDateTime;

/// Where a candidate stands for a job.
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Default, Serialize, Deserialize,
)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[serde(rename_all = "snake_case")]
pub enum Stage {
    /// Not looked at yet.
    #[default]
    New,
    Shortlisted,
    Interview,
    Offer,
    Hired,
    Rejected,
}

impl Stage {
    /// Every stage, in pipeline order.
    pub const ALL: [Stage; 6] = [
        Stage::New,
        Stage::Shortlisted,
        Stage::Interview,
        Stage::Offer,
        Stage::Hired,
        Stage::Rejected,
    ];

    /// The stage's name in the window and in exports.
    pub fn label(self) -> &'static str {
        match self {
            Stage::New => "New",
            Stage::Shortlisted => "Shortlisted",
            Stage::Interview => "Interview",
            Stage::Offer => "Offer",
            Stage::Hired => "Hired",
            Stage::Rejected => "Rejected",
        }
    }

    /// The stage's name in specs and JSON (`new`, `shortlisted`, …).
    pub fn key(self) -> &'static str {
        match self {
            Stage::New => "new",
            Stage::Shortlisted => "shortlisted",
            Stage::Interview => "interview",
            Stage::Offer => "offer",
            Stage::Hired => "hired",
            Stage::Rejected => "rejected",
        }
    }
}

impl fmt::Display for Stage {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.key())
    }
}

/// A stage name that is not one of the six.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("a stage is one of new, shortlisted, interview, offer, hired, rejected")]
pub struct UnknownStage;

impl FromStr for Stage {
    type Err = UnknownStage;

    fn from_str(s: &str) -> Result<Stage, UnknownStage> {
        let s = s.trim().to_lowercase();
        Stage::ALL
            .into_iter()
            .find(|st| st.key() == s)
            .ok_or(UnknownStage)
    }
}

/// Longest reason, note or tag accepted, in characters.
pub const MAX_REASON: usize = 500;
/// Longest note, in characters.
pub const MAX_NOTE: usize = 10_000;
/// Longest tag, in characters.
pub const MAX_TAG: usize = 40;
/// Most tags one candidate can carry.
pub const MAX_TAGS: usize = 50;

/// Text a recruiter typed that cannot be kept.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum TextError {
    /// Nothing but spaces.
    #[error("it is empty")]
    Empty,
    /// Over the limit.
    #[error("it is longer than {0} characters")]
    TooLong(usize),
    /// A tag with characters that do not belong in one.
    #[error("use only letters, digits, spaces and - _ + . # & / in a tag")]
    TagCharacters,
    /// A tag starting with `-` or `+`.
    #[error("start the tag with a letter or digit, not - or + (a spreadsheet would read it as a formula)")]
    TagStart,
    /// Too many tags on one candidate.
    #[error("a candidate can carry at most {MAX_TAGS} tags")]
    TooManyTags,
}

/// One thing that happened to a candidate in a job's pipeline.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum PipelineEvent {
    /// Moved from one stage to another.
    Moved {
        from: Stage,
        to: Stage,
        reason: Option<String>,
    },
    /// The candidate's identity was shown while the job was screened blind.
    Revealed,
}

/// An event with its time.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct PipelineEntry {
    #[serde(with = "time::serde::rfc3339")]
    #[cfg_attr(feature = "ts", ts(type = "string"))]
    pub at: OffsetDateTime,
    pub event: PipelineEvent,
}

/// A candidate's place in one job's pipeline.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct Pipeline {
    pub stage: Stage,
    /// Oldest first.
    pub history: Vec<PipelineEntry>,
    /// Revealed while the job is blind.
    #[serde(default)]
    pub revealed: bool,
}

/// Cleans a reason or note: trims it, drops control characters except line breaks, and checks
/// its length.
pub fn clean_text(text: &str, max: usize) -> Result<String, TextError> {
    let cleaned: String = crate::text::clean(text, true).trim().to_owned();
    if cleaned.is_empty() {
        return Err(TextError::Empty);
    }
    if cleaned.chars().count() > max {
        return Err(TextError::TooLong(max));
    }
    Ok(cleaned)
}

impl Pipeline {
    /// Moves the candidate to `to` at `at`. Returns false (and records nothing) when the
    /// candidate is already there, with or without a reason (the reason of the move that
    /// brought them there stays); a reason over the limit is refused either way.
    pub fn move_to(
        &mut self,
        to: Stage,
        reason: Option<&str>,
        at: OffsetDateTime,
    ) -> Result<bool, TextError> {
        let reason = match reason.map(str::trim).filter(|r| !r.is_empty()) {
            Some(r) => Some(clean_text(r, MAX_REASON)?),
            None => None,
        };
        if to == self.stage {
            return Ok(false);
        }
        self.history.push(PipelineEntry {
            at,
            event: PipelineEvent::Moved {
                from: self.stage,
                to,
                reason,
            },
        });
        self.stage = to;
        Ok(true)
    }

    /// Records that the recruiter revealed who the candidate is. Returns false when already
    /// revealed.
    pub fn reveal(&mut self, at: OffsetDateTime) -> bool {
        if self.revealed {
            return false;
        }
        self.revealed = true;
        self.history.push(PipelineEntry {
            at,
            event: PipelineEvent::Revealed,
        });
        true
    }

    /// The reason of the move that brought the candidate to their current stage, if any.
    pub fn reason(&self) -> Option<&str> {
        self.history
            .iter()
            .rev()
            .find_map(|e| match &e.event {
                PipelineEvent::Moved { to, reason, .. } if *to == self.stage => reason.as_deref(),
                PipelineEvent::Moved { .. } => Some(""),
                PipelineEvent::Revealed => None,
            })
            .filter(|r| !r.is_empty())
    }
}

/// A timestamped note on a candidate for a job.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct Note {
    /// Position in the candidate's notes for the job (1, 2, …), stable.
    pub seq: u32,
    #[serde(with = "time::serde::rfc3339")]
    #[cfg_attr(feature = "ts", ts(type = "string"))]
    pub at: OffsetDateTime,
    pub text: String,
}

/// A tag as stored: trimmed, inner spaces collapsed, at most [`MAX_TAG`] characters of letters
/// and digits of any script, spaces and `- _ + . # & /` (not first: `-`, `+`, which a
/// spreadsheet reads as a formula). Tags compare case-insensitively ([`tag_key`]).
pub fn clean_tag(tag: &str) -> Result<String, TextError> {
    let tag = tag.split_whitespace().collect::<Vec<_>>().join(" ");
    if tag.is_empty() {
        return Err(TextError::Empty);
    }
    if tag.chars().count() > MAX_TAG {
        return Err(TextError::TooLong(MAX_TAG));
    }
    // Letters and digits of any script with their marks (outside ASCII anything printable),
    // and a few ASCII signs; nothing invisible, no control character.
    let allowed = |c: char| {
        !c.is_control()
            && !crate::text::is_invisible(c)
            && (c.is_alphanumeric() || !c.is_ascii() || " -_+.#&/".contains(c))
    };
    if !tag.chars().all(allowed) {
        return Err(TextError::TagCharacters);
    }
    if tag.starts_with(['-', '+']) {
        return Err(TextError::TagStart);
    }
    Ok(tag)
}

/// The key two tags are the same under ("Night shift" = "night SHIFT" = "Níght shift").
pub fn tag_key(tag: &str) -> String {
    crate::text::fold(tag)
}

/// Adds `tag` to `tags` unless an equal one is there; returns whether it was added.
pub fn add_tag(tags: &mut Vec<String>, tag: &str) -> Result<bool, TextError> {
    let tag = clean_tag(tag)?;
    let key = tag_key(&tag);
    if tags.iter().any(|t| tag_key(t) == key) {
        return Ok(false);
    }
    if tags.len() >= MAX_TAGS {
        return Err(TextError::TooManyTags);
    }
    tags.push(tag);
    tags.sort_by_key(|t| tag_key(t));
    Ok(true)
}

/// Removes the tag equal to `tag`; returns whether one was there.
pub fn remove_tag(tags: &mut Vec<String>, tag: &str) -> bool {
    let key = tag_key(tag.trim());
    let before = tags.len();
    tags.retain(|t| tag_key(t) != key);
    tags.len() != before
}

#[cfg(test)]
mod tests {
    use super::*;
    use time::macros::datetime;

    #[test]
    fn moves_are_recorded_from_and_to_with_their_reason() {
        let mut p = Pipeline::default();
        assert_eq!(p.stage, Stage::New);
        let t1 = datetime!(2026-12-01 10:00 UTC);
        let t2 = datetime!(2026-12-02 09:30 UTC);
        assert!(p.move_to(Stage::Shortlisted, None, t1).unwrap());
        assert!(p
            .move_to(Stage::Rejected, Some("  No work permit "), t2)
            .unwrap());
        assert_eq!(p.stage, Stage::Rejected);
        assert_eq!(p.reason(), Some("No work permit"));
        assert_eq!(
            p.history,
            vec![
                PipelineEntry {
                    at: t1,
                    event: PipelineEvent::Moved {
                        from: Stage::New,
                        to: Stage::Shortlisted,
                        reason: None
                    }
                },
                PipelineEntry {
                    at: t2,
                    event: PipelineEvent::Moved {
                        from: Stage::Shortlisted,
                        to: Stage::Rejected,
                        reason: Some("No work permit".into())
                    }
                },
            ]
        );
        // Staying put without a reason is not an event; moving on clears the reason shown.
        assert!(!p.move_to(Stage::Rejected, Some("  "), t2).unwrap());
        assert_eq!(p.history.len(), 2);
        // Nor with one: the stage it already has is no move.
        assert!(!p.move_to(Stage::Rejected, Some("Still none"), t2).unwrap());
        assert_eq!(p.history.len(), 2);
        assert_eq!(p.reason(), Some("No work permit"));
        p.move_to(Stage::Interview, None, t2).unwrap();
        assert_eq!(p.reason(), None);
    }

    #[test]
    fn a_reason_over_the_limit_is_refused_and_nothing_is_recorded() {
        let mut p = Pipeline::default();
        let long = "x".repeat(MAX_REASON + 1);
        assert_eq!(
            p.move_to(
                Stage::Rejected,
                Some(&long),
                datetime!(2026-12-01 10:00 UTC)
            ),
            Err(TextError::TooLong(MAX_REASON))
        );
        assert_eq!(p, Pipeline::default());
    }

    #[test]
    fn revealing_is_recorded_once() {
        let mut p = Pipeline::default();
        let t = datetime!(2026-12-01 10:00 UTC);
        assert!(p.reveal(t));
        assert!(!p.reveal(t));
        assert!(p.revealed);
        assert_eq!(p.history.len(), 1);
        assert_eq!(p.history[0].event, PipelineEvent::Revealed);
    }

    #[test]
    fn stages_read_from_their_keys_and_round_trip_as_json() {
        for s in Stage::ALL {
            assert_eq!(s.key().parse::<Stage>(), Ok(s));
            assert_eq!(s.label().parse::<Stage>(), Ok(s));
            let json = serde_json::to_string(&s).unwrap();
            assert_eq!(json, format!("\"{}\"", s.key()));
        }
        assert_eq!("phone screen".parse::<Stage>(), Err(UnknownStage));
    }

    #[test]
    fn tags_are_cleaned_and_compared_without_case_or_accents() {
        let mut tags = Vec::new();
        assert!(add_tag(&mut tags, "  night   shift ").unwrap());
        assert!(!add_tag(&mut tags, "Night Shift").unwrap());
        assert!(!add_tag(&mut tags, "níght shift").unwrap());
        assert!(add_tag(&mut tags, "C++").unwrap());
        // Scripts with combining marks (Devanagari, decomposed accents) make tags too.
        assert!(add_tag(&mut tags, "नर्स").unwrap());
        assert!(remove_tag(&mut tags, "नर्स"));
        assert_eq!(tags, vec!["C++".to_owned(), "night shift".to_owned()]);
        assert_eq!(add_tag(&mut tags, "   "), Err(TextError::Empty));
        assert_eq!(add_tag(&mut tags, "=cmd|x"), Err(TextError::TagCharacters));
        assert_eq!(
            add_tag(&mut tags, &"a".repeat(MAX_TAG + 1)),
            Err(TextError::TooLong(MAX_TAG))
        );
        assert!(remove_tag(&mut tags, "NIGHT shift"));
        assert!(!remove_tag(&mut tags, "night shift"));
        assert_eq!(tags, vec!["C++".to_owned()]);
        let mut full: Vec<String> = (0..MAX_TAGS).map(|i| format!("t{i}")).collect();
        assert_eq!(add_tag(&mut full, "one more"), Err(TextError::TooManyTags));
    }

    #[test]
    fn notes_lose_control_characters_but_keep_line_breaks() {
        assert_eq!(
            clean_text("  Called her.\u{7}\nGood on triage.  ", MAX_NOTE).unwrap(),
            "Called her.\nGood on triage."
        );
        assert_eq!(clean_text(" \n ", MAX_NOTE), Err(TextError::Empty));
    }
}
