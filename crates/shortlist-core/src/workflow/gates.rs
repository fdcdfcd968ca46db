//! Knockout gates: pass/fail conditions a recruiter sets on a job, kept apart from the score.
//!
//! A gate never adds or removes points. Each candidate gets, per gate, *pass*, *fail* or
//! *unknown* (the resume does not say), with the line of the resume that decided it, so the
//! recruiter can check the decision. A gate is written as a short spec (the CLI's `--gate`):
//! `years>=N`, `skill:NAME`, `degree>=LEVEL` or `phrase:TEXT`.

use std::fmt;
use std::str::FromStr;

use serde::{Deserialize, Serialize};

use crate::lexicon::Lexicon;
use crate::profile::{degree_held, stated_years, DegreeLevel, ResumeProfile};
use crate::text::{fold, is_word_char};

/// Longest phrase or skill name a gate may hold, in characters.
pub const MAX_GATE_TEXT: usize = 120;

/// A knockout condition.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum Gate {
    /// At least this many years of experience.
    MinYears { years: f32 },
    /// The resume names this skill (a lexicon skill with its aliases, else the words as written).
    Skill { name: String },
    /// A degree at least this high.
    MinDegree { level: DegreeLevel },
    /// The resume contains this phrase (case and accents ignored), e.g. "work permit".
    Phrase { text: String },
}

/// A gate spec that could not be read.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum GateSpecError {
    /// Not one of the four forms.
    #[error("a gate is written years>=N, skill:NAME, degree>=LEVEL or phrase:TEXT")]
    Form,
    /// `years>=` without a sensible number.
    #[error("years>= needs a number of years between 0 and 60")]
    Years,
    /// An unknown degree level.
    #[error("degree>= takes high-school, associate, bachelor, master or doctorate")]
    Degree,
    /// Empty or too long text.
    #[error("a gate's skill or phrase must be 1 to {MAX_GATE_TEXT} characters")]
    Text,
    /// Control, bidi or zero-width characters, which never belong in a phrase.
    #[error(
        "a gate's skill or phrase must not contain control or invisible characters (line \
         breaks, tabs, zero-width or direction marks)"
    )]
    Characters,
}

impl Gate {
    /// Checks the gate's own values (the window sends gates as JSON, not as specs).
    pub fn validate(&self) -> Result<(), GateSpecError> {
        match self {
            Gate::MinYears { years } if !(0.0..=60.0).contains(years) => Err(GateSpecError::Years),
            Gate::Skill { name: t } | Gate::Phrase { text: t } => {
                let n = t.trim().chars().count();
                if t.chars()
                    .any(|c| c.is_control() || crate::text::is_invisible(c))
                {
                    Err(GateSpecError::Characters)
                } else if n == 0 || n > MAX_GATE_TEXT {
                    Err(GateSpecError::Text)
                } else {
                    Ok(())
                }
            }
            _ => Ok(()),
        }
    }

    /// The gate in words, for the window and exports ("at least 5 years").
    pub fn describe(&self) -> String {
        match self {
            Gate::MinYears { years } => format!("at least {} years", trim_number(*years)),
            Gate::Skill { name } => format!("names {name}"),
            Gate::MinDegree { level } => format!("{} or higher", level.label()),
            Gate::Phrase { text } => format!("mentions \u{201c}{text}\u{201d}"),
        }
    }
}

fn trim_number(v: f32) -> String {
    if v.fract() == 0.0 {
        format!("{v:.0}")
    } else {
        format!("{v:.1}")
    }
}

/// Reads a degree level as people write it ("bachelor", "Bachelor's", "msc", "phd").
pub fn parse_degree_level(s: &str) -> Option<DegreeLevel> {
    let s: String = fold(s.trim())
        .chars()
        .filter(|c| c.is_alphanumeric())
        .collect();
    Some(match s.as_str() {
        "highschool" | "secondary" | "school" => DegreeLevel::HighSchool,
        "associate" | "associates" => DegreeLevel::Associate,
        "bachelor" | "bachelors" | "ba" | "bs" | "bsc" | "undergraduate" => DegreeLevel::Bachelor,
        "master" | "masters" | "ma" | "ms" | "msc" | "mba" => DegreeLevel::Master,
        "doctorate" | "phd" | "doctoral" => DegreeLevel::Doctorate,
        _ => return None,
    })
}

/// The spec's name of a degree level (what [`parse_degree_level`] reads back).
pub fn degree_level_spec(level: DegreeLevel) -> &'static str {
    match level {
        DegreeLevel::HighSchool => "high-school",
        DegreeLevel::Associate => "associate",
        DegreeLevel::Bachelor => "bachelor",
        DegreeLevel::Master => "master",
        DegreeLevel::Doctorate => "doctorate",
    }
}

impl FromStr for Gate {
    type Err = GateSpecError;

    fn from_str(spec: &str) -> Result<Gate, GateSpecError> {
        let spec = spec.trim();
        let compact: String = spec.chars().filter(|c| !c.is_whitespace()).collect();
        let lower = compact.to_lowercase();
        let gate = if let Some(n) = lower.strip_prefix("years>=") {
            let years: f32 = n.parse().map_err(|_| GateSpecError::Years)?;
            Gate::MinYears { years }
        } else if let Some(level) = lower.strip_prefix("degree>=") {
            Gate::MinDegree {
                level: parse_degree_level(level).ok_or(GateSpecError::Degree)?,
            }
        } else if let Some((head, rest)) = spec.split_once(':') {
            // Control, bidi and zero-width characters are refused (by `validate`), never
            // dropped without a word.
            let text = rest.trim().to_owned();
            match head.trim().to_lowercase().as_str() {
                "skill" => Gate::Skill { name: text },
                "phrase" => Gate::Phrase { text },
                _ => return Err(GateSpecError::Form),
            }
        } else {
            return Err(GateSpecError::Form);
        };
        gate.validate()?;
        Ok(gate)
    }
}

impl fmt::Display for Gate {
    /// The spec form, which [`Gate::from_str`] reads back.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Gate::MinYears { years } => write!(f, "years>={}", trim_number(*years)),
            Gate::Skill { name } => write!(f, "skill:{name}"),
            Gate::MinDegree { level } => write!(f, "degree>={}", degree_level_spec(*level)),
            Gate::Phrase { text } => write!(f, "phrase:{text}"),
        }
    }
}

/// What a gate decided for one candidate.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[serde(rename_all = "snake_case")]
pub enum GateStatus {
    /// The resume meets it.
    Pass,
    /// The resume does not meet it.
    Fail,
    /// The resume does not say (no dated roles, no degree found).
    Unknown,
}

/// A gate's decision for one candidate, with what decided it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct GateResult {
    pub gate: Gate,
    pub status: GateStatus,
    /// Why, in words built from numbers and the gate, never from the resume's text.
    pub reason: String,
    /// The resume's line that decided it, when one did (shown to the recruiter only).
    pub line: Option<String>,
}

/// Whether every result passes (an empty list passes).
pub fn all_pass(results: &[GateResult]) -> bool {
    results.iter().all(|r| r.status == GateStatus::Pass)
}

/// A candidate's gates in one word, for lists and filters.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[serde(rename_all = "snake_case")]
pub enum GateSummary {
    /// The job has no gates.
    #[default]
    NoGates,
    /// Every gate passes.
    Pass,
    /// At least one gate fails.
    Fail,
    /// None fails, at least one is unknown.
    Unknown,
}

/// The summary of `results`.
pub fn summary(results: &[GateResult]) -> GateSummary {
    if results.is_empty() {
        GateSummary::NoGates
    } else if results.iter().any(|r| r.status == GateStatus::Fail) {
        GateSummary::Fail
    } else if results.iter().all(|r| r.status == GateStatus::Pass) {
        GateSummary::Pass
    } else {
        GateSummary::Unknown
    }
}

/// Longest line quoted as a gate's evidence, in characters.
const MAX_LINE: usize = 240;

fn quote(line: &str) -> String {
    let line = line.trim();
    if line.chars().count() <= MAX_LINE {
        return line.to_owned();
    }
    let mut out: String = line.chars().take(MAX_LINE - 1).collect();
    out.push('…');
    out
}

/// The lines of a profile's text (flattened one-paragraph resumes are cut at sentence marks so a
/// quoted line stays short).
fn lines(text: &str) -> Vec<&str> {
    let lines: Vec<&str> = text.lines().filter(|l| !l.trim().is_empty()).collect();
    if lines.len() > 2 {
        return lines;
    }
    text.split(['.', ';', '|', '•', '\n'])
        .filter(|l| !l.trim().is_empty())
        .collect()
}

/// Whether folded `hay` contains folded `needle` as whole words.
fn contains_words(hay: &str, needle: &str) -> bool {
    if needle.is_empty() {
        return false;
    }
    let mut from = 0;
    while let Some(i) = hay[from..].find(needle) {
        let start = from + i;
        let end = start + needle.len();
        let before = hay[..start].chars().next_back();
        let after = hay[end..].chars().next();
        let edge = |c: Option<char>, at_start: bool| {
            // Scripts written without spaces (Chinese, Japanese, Thai) have no word edges.
            let word_edge = if at_start {
                needle.chars().next()
            } else {
                needle.chars().next_back()
            }
            .is_some_and(|c| is_word_char(c) && !is_unspaced(c));
            !word_edge || !c.is_some_and(is_word_char)
        };
        if edge(before, true) && edge(after, false) {
            return true;
        }
        from = start + needle.chars().next().map_or(1, char::len_utf8);
    }
    false
}

/// Whether `c` belongs to a script written without spaces between words.
fn is_unspaced(c: char) -> bool {
    matches!(c,
        '\u{0E00}'..='\u{0EFF}' // Thai, Lao
        | '\u{3040}'..='\u{30FF}' // Hiragana, Katakana
        | '\u{3400}'..='\u{4DBF}' | '\u{4E00}'..='\u{9FFF}' // CJK ideographs
        | '\u{F900}'..='\u{FAFF}')
}

fn first_line_with<'a>(lines: &[&'a str], pred: impl Fn(&str) -> bool) -> Option<&'a str> {
    lines.iter().copied().find(|l| pred(l))
}

/// Decides `gate` for a resume (its profile as parsed, whose text has no name or contact details).
pub fn evaluate(gate: &Gate, profile: &ResumeProfile, lexicon: &Lexicon) -> GateResult {
    let text = profile.text();
    let lines = lines(&text);
    let role_lines: String;
    let (status, reason, line) = match gate {
        Gate::MinYears { years } => {
            let have = profile.experience_years();
            let stated_line = first_line_with(&lines, |l| stated_years(l).is_some());
            if have <= 0.0 && profile.spans.is_empty() && profile.stated_years.is_none() {
                (
                    GateStatus::Unknown,
                    "the resume has no dated roles and states no years".to_owned(),
                    None,
                )
            } else {
                let status = if have + 1e-3 >= *years {
                    GateStatus::Pass
                } else {
                    GateStatus::Fail
                };
                let from_stated = profile.stated_years.is_some_and(|s| s >= profile.years);
                let reason = if from_stated {
                    format!("the resume states {} years", trim_number(have))
                } else {
                    format!("its dated roles add up to {} years", trim_number(have))
                };
                let line = if from_stated {
                    stated_line
                } else {
                    // The role lines whose dates the years were added up from (a line's
                    // "present" is the latest end of the resume's spans, the import date
                    // when a role runs to the present).
                    let today = profile.spans.iter().map(|s| s.end).max().unwrap_or(0);
                    let roles: Vec<&str> = lines
                        .iter()
                        .copied()
                        .filter(|l| {
                            crate::profile::spans(l, today)
                                .iter()
                                .any(|s| profile.spans.contains(s))
                        })
                        .map(str::trim)
                        .collect();
                    role_lines = roles.join(" · ");
                    (!roles.is_empty()).then_some(role_lines.as_str())
                };
                (status, reason, line)
            }
        }
        Gate::Skill { name } => {
            let folded = fold(name.trim());
            let skill = lexicon.skill(name.trim());
            let hit = first_line_with(&lines, |l| match skill {
                Some(s) => lexicon.skills_in(l).iter().any(|n| n == &s.name),
                None => contains_words(&fold(l), &folded),
            });
            match hit {
                Some(l) => (GateStatus::Pass, "named in the resume".to_owned(), Some(l)),
                None => (
                    GateStatus::Fail,
                    "not named anywhere in the resume".to_owned(),
                    None,
                ),
            }
        }
        Gate::MinDegree { level } => match degree_held(&text) {
            None => (
                GateStatus::Unknown,
                "no degree found in the resume".to_owned(),
                None,
            ),
            Some(held) => {
                let line = first_line_with(&lines, |l| degree_held(l) == Some(held));
                let status = if held >= *level {
                    GateStatus::Pass
                } else {
                    GateStatus::Fail
                };
                (status, format!("highest degree: {}", held.label()), line)
            }
        },
        Gate::Phrase { text: phrase } => {
            let folded = fold(phrase.trim());
            match first_line_with(&lines, |l| contains_words(&fold(l), &folded)) {
                Some(l) => (GateStatus::Pass, "found in the resume".to_owned(), Some(l)),
                None => (GateStatus::Fail, "not found in the resume".to_owned(), None),
            }
        }
    };
    GateResult {
        gate: gate.clone(),
        status,
        reason,
        line: line.map(quote),
    }
}

/// Decides every gate, in order.
pub fn evaluate_all(gates: &[Gate], profile: &ResumeProfile, lexicon: &Lexicon) -> Vec<GateResult> {
    gates
        .iter()
        .map(|g| evaluate(g, profile, lexicon))
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn profile(text: &str) -> ResumeProfile {
        crate::profile::parse(text, time::macros::date!(2026 - 06 - 01))
    }

    #[test]
    fn specs_read_back_as_written() {
        for spec in [
            "years>=5",
            "years>=2.5",
            "skill:AutoCAD",
            "degree>=master",
            "phrase:work permit",
        ] {
            let gate: Gate = spec.parse().unwrap();
            assert_eq!(gate.to_string(), spec);
        }
        assert_eq!(
            "Degree >= Bachelor's".parse::<Gate>(),
            Ok(Gate::MinDegree {
                level: DegreeLevel::Bachelor
            })
        );
        assert_eq!(
            " years >= 3 ".parse::<Gate>(),
            Ok(Gate::MinYears { years: 3.0 })
        );
    }

    #[test]
    fn bad_specs_say_what_is_wrong() {
        assert_eq!("5 years".parse::<Gate>(), Err(GateSpecError::Form));
        assert_eq!("colour:blue".parse::<Gate>(), Err(GateSpecError::Form));
        assert_eq!("years>=many".parse::<Gate>(), Err(GateSpecError::Years));
        assert_eq!("years>=-1".parse::<Gate>(), Err(GateSpecError::Years));
        assert_eq!("years>=900".parse::<Gate>(), Err(GateSpecError::Years));
        assert_eq!("degree>=wizard".parse::<Gate>(), Err(GateSpecError::Degree));
        assert_eq!("phrase:   ".parse::<Gate>(), Err(GateSpecError::Text));
        // Bidi and control characters are refused, in a spec and in JSON, with their own
        // message (they were once dropped from a spec without a word).
        assert_eq!(
            "phrase:\u{202e}evil\u{7}".parse::<Gate>(),
            Err(GateSpecError::Characters)
        );
        assert_eq!(
            Gate::Phrase {
                text: "a\u{202e}b".into()
            }
            .validate(),
            Err(GateSpecError::Characters)
        );
        let long = format!("phrase:{}", "a".repeat(MAX_GATE_TEXT + 1));
        assert_eq!(long.parse::<Gate>(), Err(GateSpecError::Text));
    }

    const NURSE: &str = "Registered Nurse\n\nExperience\nStaff Nurse, City Hospital, 2015 – 2021\n\
        Charge Nurse, St Mary's, 2021 – 2026\n\nEducation\nBachelor of Science in Nursing, 2014\n\n\
        Other\nEligible to work in the UK; holds a valid work permit.\nBLS and ACLS certified.";

    #[test]
    fn a_phrase_gate_passes_on_the_line_that_says_it_and_ignores_case_and_accents() {
        let p = profile(NURSE);
        let r = evaluate(
            &Gate::Phrase {
                text: "Work Permit".into(),
            },
            &p,
            Lexicon::shipped(),
        );
        assert_eq!(r.status, GateStatus::Pass);
        assert!(r.line.as_deref().unwrap().contains("work permit"));
        let r = evaluate(
            &Gate::Phrase {
                text: "security clearance".into(),
            },
            &p,
            Lexicon::shipped(),
        );
        assert_eq!(r.status, GateStatus::Fail);
        assert_eq!(r.line, None);
        // Whole words only: "permit" is not found inside "permitted".
        let p2 = profile("Experience\nNot permitted to travel.\nLine two\nLine three");
        let r = evaluate(
            &Gate::Phrase {
                text: "permit".into(),
            },
            &p2,
            Lexicon::shipped(),
        );
        assert_eq!(r.status, GateStatus::Fail);
        // Inside Chinese text a phrase has no word edges to respect.
        let cjk = profile(
            "Li Wei\nli.wei@example.com\n\nExperience\n2018 – 2023 高级软件工程师，北京某科技公司\n\
             Built payment services.\nLed a team of five.",
        );
        let r = evaluate(
            &Gate::Phrase {
                text: "软件工程师".into(),
            },
            &cjk,
            Lexicon::shipped(),
        );
        assert_eq!(r.status, GateStatus::Pass);
    }

    #[test]
    fn a_years_gate_reads_the_dated_roles_and_is_unknown_without_dates() {
        let p = profile(NURSE);
        let five = evaluate(&Gate::MinYears { years: 5.0 }, &p, Lexicon::shipped());
        assert_eq!(five.status, GateStatus::Pass, "{}", five.reason);
        let twenty = evaluate(&Gate::MinYears { years: 20.0 }, &p, Lexicon::shipped());
        assert_eq!(twenty.status, GateStatus::Fail);
        assert!(twenty.reason.contains("years"));
        let undated = profile("Skills\nPatient care, triage\nLine\nAnother line");
        let r = evaluate(&Gate::MinYears { years: 1.0 }, &undated, Lexicon::shipped());
        assert_eq!(r.status, GateStatus::Unknown);
    }

    /// The defect: a years gate decided by dated roles quoted no line; it quotes the role
    /// lines whose dates it added up (and still the stated line when that decided it).
    #[test]
    fn a_years_gate_from_dated_roles_quotes_the_role_lines() {
        let p = profile(NURSE);
        let five = evaluate(&Gate::MinYears { years: 5.0 }, &p, Lexicon::shipped());
        let line = five.line.as_deref().unwrap_or_default();
        assert!(
            line.contains("Staff Nurse, City Hospital, 2015 – 2021"),
            "{line}"
        );
        assert!(
            line.contains("Charge Nurse, St Mary's, 2021 – 2026"),
            "{line}"
        );
        assert!(!line.contains("Bachelor"), "{line}");
        let twenty = evaluate(&Gate::MinYears { years: 20.0 }, &p, Lexicon::shipped());
        assert_eq!(twenty.line, five.line);
        let stated = profile("Summary\nI have 12 years of experience in nursing.\nSkills\nTriage");
        let r = evaluate(&Gate::MinYears { years: 5.0 }, &stated, Lexicon::shipped());
        assert!(r.line.unwrap().contains("12 years of experience"));
    }

    #[test]
    fn a_degree_gate_compares_levels_and_quotes_the_degree_line() {
        let p = profile(NURSE);
        let bachelor = evaluate(
            &Gate::MinDegree {
                level: DegreeLevel::Bachelor,
            },
            &p,
            Lexicon::shipped(),
        );
        assert_eq!(bachelor.status, GateStatus::Pass);
        assert!(bachelor.line.as_deref().unwrap().contains("Bachelor"));
        let master = evaluate(
            &Gate::MinDegree {
                level: DegreeLevel::Master,
            },
            &p,
            Lexicon::shipped(),
        );
        assert_eq!(master.status, GateStatus::Fail);
        let none = profile("Skills\nCustomer service\nLine\nAnother line");
        let r = evaluate(
            &Gate::MinDegree {
                level: DegreeLevel::Bachelor,
            },
            &none,
            Lexicon::shipped(),
        );
        assert_eq!(r.status, GateStatus::Unknown);
    }

    #[test]
    fn a_skill_gate_uses_the_lexicons_aliases() {
        let p = profile("Skills\nk8s, Postgres and Golang\nLine\nAnother line");
        for name in ["Kubernetes", "postgresql", "Go"] {
            let r = evaluate(&Gate::Skill { name: name.into() }, &p, Lexicon::shipped());
            assert_eq!(r.status, GateStatus::Pass, "{name}");
        }
        let r = evaluate(
            &Gate::Skill {
                name: "Kafka".into(),
            },
            &p,
            Lexicon::shipped(),
        );
        assert_eq!(r.status, GateStatus::Fail);
        assert_eq!(summary(std::slice::from_ref(&r)), GateSummary::Fail);
        assert!(!all_pass(&[r]));
        assert!(all_pass(&[]));
        assert_eq!(summary(&[]), GateSummary::NoGates);
    }
}
