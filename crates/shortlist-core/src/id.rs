//! Typed IDs with their exact, validated formats.
//!
//! | entity   | format                                         |
//! |----------|------------------------------------------------|
//! | job      | 8 lowercase hex chars, random                  |
//! | resume   | `resume_` + first 12 hex chars of SHA-256(PDF) |
//! | analysis | 12 lowercase hex chars, random                 |
//! | feedback | `fb_` + 12 lowercase hex chars, random         |
//!
//! Every ID that arrives from outside goes through `FromStr`, which accepts only the exact
//! pattern, so no path or key is ever built from unchecked input.

use std::fmt;
use std::str::FromStr;

use serde::{Deserialize, Deserializer, Serialize, Serializer};

use crate::error::Error;

fn is_lower_hex(s: &str, len: usize) -> bool {
    s.len() == len
        && s.bytes()
            .all(|b| b.is_ascii_digit() || (b'a'..=b'f').contains(&b))
}

/// Shows at most 40 printable characters of rejected input in error messages.
fn sanitize(value: &str) -> String {
    let mut out: String = value.chars().filter(|c| !c.is_control()).take(40).collect();
    if value.chars().count() > 40 {
        out.push('…');
    }
    out
}

fn random_hex(len: usize) -> String {
    let mut out = String::with_capacity(len);
    while out.len() < len {
        let uuid = uuid::Uuid::new_v4();
        for byte in uuid.as_bytes() {
            out.push_str(&format!("{byte:02x}"));
        }
    }
    out.truncate(len);
    out
}

macro_rules! id_type {
    ($(#[$doc:meta])* $name:ident, $kind:literal, $prefix:literal, $hex:literal, $expected:literal) => {
        $(#[$doc])*
        #[derive(Clone, PartialEq, Eq, PartialOrd, Ord, Hash)]
        #[cfg_attr(feature = "ts", derive(ts_rs::TS))]
        #[cfg_attr(feature = "ts", ts(type = "string"))]
        pub struct $name(String);

        impl $name {
            /// The exact pattern, for error messages and docs.
            pub const PATTERN: &'static str = $expected;

            /// The ID as a string slice.
            pub fn as_str(&self) -> &str {
                &self.0
            }

            /// Checks `s` against the exact pattern.
            pub fn parse(s: &str) -> Result<Self, Error> {
                match s.strip_prefix($prefix) {
                    Some(hex) if is_lower_hex(hex, $hex) => Ok(Self(s.to_owned())),
                    _ => Err(Error::InvalidId {
                        kind: $kind,
                        value: sanitize(s),
                        expected: $expected,
                    }),
                }
            }
        }

        impl FromStr for $name {
            type Err = Error;
            fn from_str(s: &str) -> Result<Self, Error> {
                Self::parse(s)
            }
        }

        impl fmt::Display for $name {
            fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str(&self.0)
            }
        }

        impl fmt::Debug for $name {
            fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str(&self.0)
            }
        }

        impl Serialize for $name {
            fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
                s.serialize_str(&self.0)
            }
        }

        impl<'de> Deserialize<'de> for $name {
            fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
                let s = String::deserialize(d)?;
                Self::parse(&s).map_err(serde::de::Error::custom)
            }
        }
    };
}

id_type!(
    /// A job: 8 lowercase hex characters.
    JobId, "job", "", 8, "8 lowercase hex characters, e.g. 1a2b3c4d"
);
id_type!(
    /// A resume: `resume_` and the first 12 hex characters of the PDF's SHA-256.
    ResumeId, "resume", "resume_", 12, "resume_ followed by 12 lowercase hex characters"
);
id_type!(
    /// An analysis: 12 lowercase hex characters.
    AnalysisId, "analysis", "", 12, "12 lowercase hex characters"
);
id_type!(
    /// A feedback record: `fb_` and 12 lowercase hex characters.
    FeedbackId, "feedback", "fb_", 12, "fb_ followed by 12 lowercase hex characters"
);

impl JobId {
    /// A fresh random job ID (the caller checks it for collisions on insert).
    pub fn random() -> Self {
        Self(random_hex(8))
    }
}

impl AnalysisId {
    /// A fresh random analysis ID (the caller checks it for collisions on insert).
    pub fn random() -> Self {
        Self(random_hex(12))
    }
}

impl FeedbackId {
    /// A fresh random feedback ID (the caller checks it for collisions on insert).
    pub fn random() -> Self {
        Self(format!("fb_{}", random_hex(12)))
    }
}

impl ResumeId {
    /// The content address of a PDF whose full SHA-256 is `sha256_hex` (64 lowercase hex chars).
    pub fn from_sha256_hex(sha256_hex: &str) -> Self {
        debug_assert!(is_lower_hex(sha256_hex, 64));
        Self(format!("resume_{}", &sha256_hex[..12]))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn job_ids_accept_only_eight_lowercase_hex() {
        assert!(JobId::parse("0a1b2c3d").is_ok());
        for bad in [
            "",
            "0a1b2c3",
            "0a1b2c3d4",
            "0A1B2C3D",
            "0a1b2c3g",
            "../../etc",
            "0a1b2c3/",
            "0a1b 2c3",
            "０a1b2c3d",
        ] {
            assert!(JobId::parse(bad).is_err(), "{bad:?} accepted");
        }
    }

    #[test]
    fn resume_ids_need_prefix_and_twelve_hex() {
        assert!(ResumeId::parse("resume_0123456789ab").is_ok());
        for bad in [
            "0123456789ab",
            "resume_0123456789a",
            "resume_0123456789abc",
            "resume_../../../etc",
            "Resume_0123456789ab",
            "resume_0123456789AB",
            "resume_0123456789ab/../x",
        ] {
            assert!(ResumeId::parse(bad).is_err(), "{bad:?} accepted");
        }
    }

    #[test]
    fn analysis_and_feedback_ids() {
        assert!(AnalysisId::parse("0123456789ab").is_ok());
        assert!(AnalysisId::parse("0123456789a").is_err());
        assert!(FeedbackId::parse("fb_0123456789ab").is_ok());
        assert!(FeedbackId::parse("fb_0123456789abz").is_err());
    }

    #[test]
    fn random_ids_round_trip_and_differ() {
        let a = JobId::random();
        let b = JobId::random();
        assert_ne!(a, b);
        assert_eq!(JobId::parse(a.as_str()).ok(), Some(a));
        let an = AnalysisId::random();
        assert_eq!(AnalysisId::parse(an.as_str()).ok(), Some(an));
        let fb = FeedbackId::random();
        assert_eq!(FeedbackId::parse(fb.as_str()).ok(), Some(fb));
    }

    #[test]
    fn errors_do_not_echo_long_or_control_input() {
        let long = "x".repeat(500) + "\n\u{1b}[31m";
        let msg = JobId::parse(&long).unwrap_err().to_string();
        assert!(msg.len() < 200, "{msg}");
        assert!(!msg.contains('\n') && !msg.contains('\u{1b}'));
    }

    #[test]
    fn serde_validates() {
        let ok: Result<JobId, _> = serde_json::from_str("\"0a1b2c3d\"");
        assert!(ok.is_ok());
        let bad: Result<JobId, _> = serde_json::from_str("\"../x\"");
        assert!(bad.is_err());
    }
}
