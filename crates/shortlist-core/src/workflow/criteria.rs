//! The criteria a recruiter controls, per job: on top of what the engine read from the
//! description, each requirement or skill can be marked *must have*, *nice to have* or
//! *ignore*, requirements the text does not name can be added, the years and degree changed,
//! knockout gates set, and the score's parts weighted.
//!
//! Criteria are stored beside the job and applied to the parsed description
//! ([`Criteria::apply`]) every time the job is prepared, so editing the description keeps the
//! recruiter's choices for the requirements that are still there (they are keyed by their text).

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};

use crate::analysis::{Weights, WEIGHTS};
use crate::jd::{Importance, JobProfile, Requirement};
use crate::lexicon::Lexicon;
use crate::profile::DegreeLevel;
use crate::workflow::gates::{Gate, GateSpecError};

/// What the recruiter says about a requirement or a skill.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[serde(rename_all = "snake_case")]
pub enum Choice {
    Must,
    Nice,
    Ignore,
}

impl Choice {
    fn importance(self) -> Option<Importance> {
        match self {
            Choice::Must => Some(Importance::Required),
            Choice::Nice => Some(Importance::Preferred),
            Choice::Ignore => None,
        }
    }
}

/// A value the recruiter may set over what the description says.
#[derive(Debug, Clone, Copy, PartialEq, Default, Serialize, Deserialize)]
#[serde(tag = "set", content = "value", rename_all = "snake_case")]
pub enum Setting<T> {
    /// As read from the description.
    #[default]
    AsWritten,
    /// Not asked for, whatever the description says.
    None,
    /// This value.
    To(T),
}

impl<T: Copy> Setting<T> {
    fn over(self, parsed: Option<T>) -> Option<T> {
        match self {
            Setting::AsWritten => parsed,
            Setting::None => None,
            Setting::To(v) => Some(v),
        }
    }
}

/// A requirement the description does not name.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct AddedRequirement {
    pub text: String,
    /// Must or nice (an added requirement is never ignored: delete it instead).
    pub must: bool,
}

/// A job's criteria, as the recruiter set them (empty: the description as written).
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct Criteria {
    /// Choices for the description's requirements, keyed by the requirement's text.
    #[serde(default)]
    pub requirements: BTreeMap<String, Choice>,
    /// Choices for skills, keyed by canonical skill name (or the words as written when the
    /// lexicon does not know them).
    #[serde(default)]
    pub skills: BTreeMap<String, Choice>,
    /// Requirements the recruiter added.
    #[serde(default)]
    pub added: Vec<AddedRequirement>,
    /// Years of experience asked for.
    #[serde(default)]
    #[cfg_attr(
        feature = "ts",
        ts(type = "{ set: \"as_written\" } | { set: \"none\" } | { set: \"to\", value: number }")
    )]
    pub min_years: Setting<f32>,
    /// Degree asked for.
    #[serde(default)]
    #[cfg_attr(
        feature = "ts",
        ts(
            type = "{ set: \"as_written\" } | { set: \"none\" } | { set: \"to\", value: DegreeLevel }"
        )
    )]
    pub degree: Setting<DegreeLevel>,
    /// Knockout gates: pass/fail, never points.
    #[serde(default)]
    pub gates: Vec<Gate>,
    /// The score's part weights, when the recruiter changed them (relative; they are scaled to
    /// sum to 1).
    #[serde(default)]
    #[cfg_attr(
        feature = "ts",
        ts(
            type = "{ terms: number, evidence: number, skills: number, experience: number, education: number, readability: number } | null"
        )
    )]
    pub weights: Option<Weights>,
}

/// Most requirements a recruiter may add, and most gates.
pub const MAX_ADDED: usize = 30;
/// Most gates per job.
pub const MAX_GATES: usize = 20;
/// Longest added requirement, in characters.
pub const MAX_ADDED_TEXT: usize = 300;

/// Criteria that cannot be saved.
#[derive(Debug, Clone, PartialEq, thiserror::Error)]
pub enum CriteriaError {
    #[error("at most {MAX_ADDED} added requirements")]
    TooManyAdded,
    #[error("an added requirement must be 1 to {MAX_ADDED_TEXT} characters")]
    AddedText,
    #[error(
        "an added requirement may not hold control, direction or invisible characters; type it again"
    )]
    AddedHidden,
    #[error("at most {MAX_GATES} gates")]
    TooManyGates,
    #[error("gate {index}: {source}")]
    Gate {
        index: usize,
        #[source]
        source: GateSpecError,
    },
    #[error("years of experience must be between 0 and 60")]
    Years,
    #[error("part weights must be between 0 and 10 and not all 0")]
    Weights,
    #[error("at most 200 requirement or skill choices")]
    TooManyChoices,
}

impl Criteria {
    /// Whether nothing was changed.
    pub fn is_empty(&self) -> bool {
        *self == Criteria::default()
    }

    /// Checks the recruiter's values before they are saved.
    pub fn validate(&self) -> Result<(), CriteriaError> {
        if self.requirements.len() + self.skills.len() > 200 {
            return Err(CriteriaError::TooManyChoices);
        }
        if self.added.len() > MAX_ADDED {
            return Err(CriteriaError::TooManyAdded);
        }
        if self.added.iter().any(|a| {
            let n = a.text.trim().chars().count();
            n == 0 || n > MAX_ADDED_TEXT
        }) {
            return Err(CriteriaError::AddedText);
        }
        // A bell or a right-to-left override would be stored and shown (and exported) as is.
        if self.added.iter().any(|a| {
            a.text
                .chars()
                .any(|c| c.is_control() || crate::text::is_invisible(c))
        }) {
            return Err(CriteriaError::AddedHidden);
        }
        if self.gates.len() > MAX_GATES {
            return Err(CriteriaError::TooManyGates);
        }
        for (index, g) in self.gates.iter().enumerate() {
            g.validate()
                .map_err(|source| CriteriaError::Gate { index, source })?;
        }
        if let Setting::To(y) = self.min_years {
            if !(0.0..=60.0).contains(&y) {
                return Err(CriteriaError::Years);
            }
        }
        if let Some(w) = self.weights {
            let all = [
                w.terms,
                w.evidence,
                w.skills,
                w.experience,
                w.education,
                w.readability,
            ];
            if all.iter().any(|v| !(0.0..=10.0).contains(v)) || all.iter().sum::<f32>() <= 0.0 {
                return Err(CriteriaError::Weights);
            }
        }
        Ok(())
    }

    /// The part weights that apply: the recruiter's, scaled to sum to 1, else the defaults.
    pub fn weights(&self) -> Weights {
        let Some(w) = self.weights else {
            return WEIGHTS;
        };
        let sum = w.terms + w.evidence + w.skills + w.experience + w.education + w.readability;
        if sum.is_nan() || sum <= 0.0 {
            return WEIGHTS;
        }
        Weights {
            terms: w.terms / sum,
            evidence: w.evidence / sum,
            skills: w.skills / sum,
            experience: w.experience / sum,
            education: w.education / sum,
            readability: w.readability / sum,
        }
    }

    /// The job as the engine should read it: `parsed` (from the description) with these
    /// criteria applied.
    pub fn apply(&self, parsed: &JobProfile, lexicon: &Lexicon) -> JobProfile {
        let skill_choice = |name: &str| -> Option<Choice> {
            self.skills.get(name).copied().or_else(|| {
                self.skills
                    .iter()
                    .find(|(k, _)| k.eq_ignore_ascii_case(name))
                    .map(|(_, c)| *c)
            })
        };
        let requirement_choice =
            |text: &str| -> Option<Choice> { self.requirements.get(text.trim()).copied() };
        let touched_requirements = !self.added.is_empty()
            || parsed
                .requirements
                .iter()
                .any(|r| requirement_choice(&r.text).is_some());

        let mut requirements: Vec<Requirement> = parsed
            .requirements
            .iter()
            .filter_map(|r| {
                let importance = match requirement_choice(&r.text) {
                    Some(c) => c.importance()?,
                    None => r.importance,
                };
                Some(Requirement {
                    importance,
                    ..r.clone()
                })
            })
            .collect();
        requirements.extend(self.added.iter().map(|a| {
            let text = a.text.trim().to_owned();
            Requirement {
                skills: lexicon.skills_in(&text),
                importance: if a.must {
                    Importance::Required
                } else {
                    Importance::Preferred
                },
                text,
            }
        }));

        let (mut required, mut preferred) = if touched_requirements {
            let mut required: Vec<String> = Vec::new();
            let mut preferred: Vec<String> = Vec::new();
            for r in &requirements {
                let target = match r.importance {
                    Importance::Required => &mut required,
                    Importance::Preferred => &mut preferred,
                };
                for s in &r.skills {
                    if !target.contains(s) {
                        target.push(s.clone());
                    }
                }
            }
            if requirements.is_empty() {
                required = parsed.required_skills.clone();
            }
            (required, preferred)
        } else {
            (
                parsed.required_skills.clone(),
                parsed.preferred_skills.clone(),
            )
        };

        // Skill choices: the skill itself, wherever it is named.
        for (name, choice) in &self.skills {
            let canonical = lexicon
                .skill(name)
                .map_or_else(|| name.trim().to_owned(), |s| s.name.clone());
            required.retain(|s| !s.eq_ignore_ascii_case(&canonical));
            preferred.retain(|s| !s.eq_ignore_ascii_case(&canonical));
            match choice {
                Choice::Must => required.push(canonical),
                Choice::Nice => preferred.push(canonical),
                Choice::Ignore => {}
            }
        }
        for r in &mut requirements {
            r.skills.retain(|s| skill_choice(s) != Some(Choice::Ignore));
        }
        preferred.retain(|s| !required.contains(s));
        required.sort();
        required.dedup();
        preferred.sort();
        preferred.dedup();

        let alternatives: Vec<Vec<String>> = parsed
            .alternatives
            .iter()
            .map(|group| {
                group
                    .iter()
                    .filter(|s| required.contains(s) || preferred.contains(s))
                    .cloned()
                    .collect::<Vec<_>>()
            })
            .filter(|g| g.len() >= 2)
            .collect();

        let parsed_years = if touched_requirements {
            requirements
                .iter()
                .filter(|r| r.importance == Importance::Required)
                .filter_map(|r| crate::profile::years_required(&r.text))
                .fold(None, |acc: Option<f32>, y| {
                    Some(acc.map_or(y, |a| a.max(y)))
                })
                .or(if requirements.is_empty() {
                    parsed.min_years
                } else {
                    None
                })
        } else {
            parsed.min_years
        };

        JobProfile {
            requirements,
            required_skills: required,
            preferred_skills: preferred,
            alternatives,
            min_years: self.min_years.over(parsed_years),
            degree: self.degree.over(parsed.degree),
            merged_from: parsed.merged_from,
            not_english: parsed.not_english,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const JOB: &str =
        "Requirements\n- 5+ years of Python\n- Experience with Docker and Kubernetes\n\
        - Bachelor's degree in computer science\n\nNice to have\n- Rust\n";

    fn parsed() -> JobProfile {
        crate::jd::parse(JOB, Lexicon::shipped())
    }

    #[test]
    fn added_requirements_kept_control_and_direction_characters() {
        for text in [
            "=cmd|x\u{7}",
            "evil \u{202e}txt",
            "zero\u{200b}width",
            "tab\tin",
        ] {
            let c = Criteria {
                added: vec![AddedRequirement {
                    text: text.into(),
                    must: true,
                }],
                ..Criteria::default()
            };
            assert_eq!(c.validate(), Err(CriteriaError::AddedHidden), "{text:?}");
        }
        let ok = Criteria {
            added: vec![AddedRequirement {
                text: "Work permit for the EU 😀".into(),
                must: true,
            }],
            ..Criteria::default()
        };
        assert_eq!(ok.validate(), Ok(()));
    }

    #[test]
    fn empty_criteria_leave_the_description_as_written() {
        let p = parsed();
        assert!(Criteria::default().is_empty());
        assert_eq!(Criteria::default().apply(&p, Lexicon::shipped()), p);
        assert_eq!(Criteria::default().weights(), WEIGHTS);
    }

    #[test]
    fn an_ignored_requirement_takes_its_skills_and_years_with_it() {
        let p = parsed();
        assert_eq!(p.min_years, Some(5.0));
        assert!(p.required_skills.contains(&"Python".to_owned()));
        let mut c = Criteria::default();
        c.requirements
            .insert("5+ years of Python".into(), Choice::Ignore);
        let applied = c.apply(&p, Lexicon::shipped());
        assert_eq!(applied.requirements.len(), p.requirements.len() - 1);
        assert!(!applied.required_skills.contains(&"Python".to_owned()));
        assert_eq!(applied.min_years, None);
        assert!(applied.required_skills.contains(&"Docker".to_owned()));
    }

    #[test]
    fn a_nice_to_have_made_a_must_moves_its_skill() {
        let p = parsed();
        assert!(p.preferred_skills.contains(&"Rust".to_owned()));
        let mut c = Criteria::default();
        c.requirements.insert("Rust".into(), Choice::Must);
        let applied = c.apply(&p, Lexicon::shipped());
        assert!(applied.required_skills.contains(&"Rust".to_owned()));
        assert!(!applied.preferred_skills.contains(&"Rust".to_owned()));
    }

    #[test]
    fn skill_choices_apply_wherever_the_skill_is_named() {
        let p = parsed();
        let mut c = Criteria::default();
        c.skills.insert("kubernetes".into(), Choice::Ignore);
        c.skills.insert("Docker".into(), Choice::Nice);
        c.skills.insert("Terraform".into(), Choice::Must);
        let applied = c.apply(&p, Lexicon::shipped());
        assert!(!applied.required_skills.contains(&"Kubernetes".to_owned()));
        assert!(applied
            .requirements
            .iter()
            .all(|r| !r.skills.contains(&"Kubernetes".to_owned())));
        assert!(applied.preferred_skills.contains(&"Docker".to_owned()));
        assert!(!applied.required_skills.contains(&"Docker".to_owned()));
        assert!(applied.required_skills.contains(&"Terraform".to_owned()));
    }

    #[test]
    fn added_requirements_years_and_degree_override_the_text() {
        let p = parsed();
        let c = Criteria {
            added: vec![AddedRequirement {
                text: "Experience with PostgreSQL".into(),
                must: true,
            }],
            min_years: Setting::To(3.0),
            degree: Setting::None,
            ..Criteria::default()
        };
        let applied = c.apply(&p, Lexicon::shipped());
        assert!(applied.required_skills.contains(&"PostgreSQL".to_owned()));
        assert_eq!(applied.requirements.len(), p.requirements.len() + 1);
        assert_eq!(applied.min_years, Some(3.0));
        assert_eq!(p.degree, Some(DegreeLevel::Bachelor));
        assert_eq!(applied.degree, None);
        let master = Criteria {
            degree: Setting::To(DegreeLevel::Master),
            ..Criteria::default()
        };
        assert_eq!(
            master.apply(&p, Lexicon::shipped()).degree,
            Some(DegreeLevel::Master)
        );
    }

    #[test]
    fn weights_are_scaled_to_one_and_checked() {
        let c = Criteria {
            weights: Some(Weights {
                terms: 1.0,
                evidence: 1.0,
                skills: 1.0,
                experience: 1.0,
                education: 0.0,
                readability: 0.0,
            }),
            ..Criteria::default()
        };
        c.validate().unwrap();
        let w = c.weights();
        assert!((w.terms - 0.25).abs() < 1e-6 && w.education == 0.0);
        let zero = Criteria {
            weights: Some(Weights {
                terms: 0.0,
                evidence: 0.0,
                skills: 0.0,
                experience: 0.0,
                education: 0.0,
                readability: 0.0,
            }),
            ..Criteria::default()
        };
        assert_eq!(zero.validate(), Err(CriteriaError::Weights));
    }

    #[test]
    fn bad_criteria_are_refused_with_the_reason() {
        let c = Criteria {
            min_years: Setting::To(99.0),
            ..Criteria::default()
        };
        assert_eq!(c.validate(), Err(CriteriaError::Years));
        let c = Criteria {
            gates: vec![Gate::Phrase { text: " ".into() }],
            ..Criteria::default()
        };
        assert!(matches!(
            c.validate(),
            Err(CriteriaError::Gate { index: 0, .. })
        ));
        let c = Criteria {
            added: vec![AddedRequirement {
                text: String::new(),
                must: true,
            }],
            ..Criteria::default()
        };
        assert_eq!(c.validate(), Err(CriteriaError::AddedText));
    }

    #[test]
    fn criteria_round_trip_as_json_and_old_records_read_as_empty() {
        let c = Criteria {
            min_years: Setting::To(2.0),
            degree: Setting::None,
            gates: vec!["phrase:work permit".parse().unwrap()],
            ..Criteria::default()
        };
        let json = serde_json::to_string(&c).unwrap();
        assert_eq!(serde_json::from_str::<Criteria>(&json).unwrap(), c);
        assert_eq!(
            serde_json::from_str::<Criteria>("{}").unwrap(),
            Criteria::default()
        );
    }
}
