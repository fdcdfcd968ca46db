//! What the job editor shows while the recruiter types: the description as the engine reads it
//! (each requirement with its skills, years, degree) and what the recruiter's criteria make of
//! it, side by side, so a choice is seen before it is saved. Pure: no store, no model.

use serde::{Deserialize, Serialize};

use crate::analysis::{Weights, WEIGHTS};
use crate::jd::{self, Importance};
use crate::lexicon::Lexicon;
use crate::profile::DegreeLevel;
use crate::workflow::criteria::Criteria;
use crate::workflow::Choice;

/// One requirement of the description, as read and as the criteria apply it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct PreviewRequirement {
    /// The text as written (the key of the recruiter's choice).
    pub text: String,
    /// As the description puts it (for an added requirement: as the recruiter added it).
    pub read_as: Importance,
    /// What the recruiter chose for it, if anything.
    pub choice: Option<Choice>,
    /// What counts in the score: `None` when it is ignored.
    pub applies_as: Option<Importance>,
    /// The skills it names (canonical).
    pub skills: Vec<String>,
    /// Added by the recruiter, not in the description.
    pub added: bool,
}

/// A part of the score with the weight that applies and the default.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct PartWeight {
    /// `terms`, `evidence`, `skills`, `experience`, `education` or `readability`.
    pub part: String,
    /// The share that applies (0–1, the parts sum to 1).
    pub applies: f32,
    /// The default share.
    pub default: f32,
}

/// The parse of a job description with the criteria applied, for the editor's live preview.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct JobPreview {
    /// The description's requirements, then the added ones.
    pub requirements: Vec<PreviewRequirement>,
    /// Every skill the description names (the keys of skill choices), in first order.
    pub skills: Vec<String>,
    /// Skills that count as must-haves after the criteria.
    pub required_skills: Vec<String>,
    /// Skills that count as nice-to-haves after the criteria.
    pub preferred_skills: Vec<String>,
    /// Years of experience as the description asks.
    pub min_years_read: Option<f32>,
    /// Years that apply.
    pub min_years: Option<f32>,
    /// Degree as the description asks.
    pub degree_read: Option<DegreeLevel>,
    /// Degree that applies.
    pub degree: Option<DegreeLevel>,
    /// Whether the description has a "Requirements"/"Nice to have" style block: without one
    /// every line counts as required.
    pub has_headings: bool,
    /// The score's parts with their weights.
    pub weights: Vec<PartWeight>,
    /// The description does not read as English (its requirements may be misread).
    pub not_english: bool,
    /// Why these criteria cannot be saved, if they cannot.
    pub problem: Option<String>,
}

/// Headings that open a block of requirements or of nice-to-haves (lowercase, without colon).
const HEADINGS: [&str; 14] = [
    "requirements",
    "required",
    "must have",
    "must-have",
    "qualifications",
    "what you bring",
    "what we look for",
    "nice to have",
    "nice-to-have",
    "preferred",
    "bonus",
    "bonus points",
    "desired",
    "preferred qualifications",
];

fn has_headings(description: &str) -> bool {
    description.lines().any(|line| {
        let l = line
            .trim()
            .trim_start_matches('#')
            .trim()
            .trim_end_matches(':')
            .trim()
            .to_lowercase();
        HEADINGS.contains(&l.as_str())
    })
}

fn weights(w: &Weights) -> Vec<PartWeight> {
    [
        ("terms", w.terms, WEIGHTS.terms),
        ("evidence", w.evidence, WEIGHTS.evidence),
        ("skills", w.skills, WEIGHTS.skills),
        ("experience", w.experience, WEIGHTS.experience),
        ("education", w.education, WEIGHTS.education),
        ("readability", w.readability, WEIGHTS.readability),
    ]
    .into_iter()
    .map(|(part, applies, default)| PartWeight {
        part: part.to_owned(),
        applies,
        default,
    })
    .collect()
}

/// The description as the engine reads it, with `criteria` applied (see [`Criteria::apply`]).
pub fn preview(description: &str, criteria: &Criteria, lexicon: &Lexicon) -> JobPreview {
    let parsed = jd::parse(description, lexicon);
    let applied = criteria.apply(&parsed, lexicon);
    let mut requirements: Vec<PreviewRequirement> = parsed
        .requirements
        .iter()
        .map(|r| {
            let choice = criteria.requirements.get(r.text.trim()).copied();
            let applies_as = applied
                .requirements
                .iter()
                .find(|a| a.text == r.text)
                .map(|a| a.importance);
            PreviewRequirement {
                text: r.text.clone(),
                read_as: r.importance,
                choice,
                applies_as,
                skills: r.skills.clone(),
                added: false,
            }
        })
        .collect();
    requirements.extend(criteria.added.iter().map(|a| {
        let importance = if a.must {
            Importance::Required
        } else {
            Importance::Preferred
        };
        let text = a.text.trim().to_owned();
        PreviewRequirement {
            skills: lexicon.skills_in(&text),
            text,
            read_as: importance,
            choice: Some(if a.must { Choice::Must } else { Choice::Nice }),
            applies_as: Some(importance),
            added: true,
        }
    }));
    let mut skills: Vec<String> = Vec::new();
    for s in parsed
        .required_skills
        .iter()
        .chain(&parsed.preferred_skills)
        .chain(parsed.requirements.iter().flat_map(|r| &r.skills))
    {
        if !skills.contains(s) {
            skills.push(s.clone());
        }
    }
    JobPreview {
        requirements,
        skills,
        required_skills: applied.required_skills,
        preferred_skills: applied.preferred_skills,
        min_years_read: parsed.min_years,
        min_years: applied.min_years,
        degree_read: parsed.degree,
        degree: applied.degree,
        has_headings: has_headings(description),
        weights: weights(&criteria.weights()),
        not_english: parsed.not_english,
        problem: criteria.validate().err().map(|e| e.to_string()),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::workflow::criteria::AddedRequirement;
    use crate::workflow::Setting;

    const JOB: &str =
        "Requirements\n- 5+ years of Python\n- Experience with Docker and Kubernetes\n\
        - Bachelor's degree in computer science\n\nNice to have\n- Rust\n";

    fn lex() -> &'static Lexicon {
        Lexicon::shipped()
    }

    #[test]
    fn preview_without_criteria_is_the_description_as_read() {
        let p = preview(JOB, &Criteria::default(), lex());
        assert!(p.has_headings);
        assert_eq!(p.min_years_read, Some(5.0));
        assert_eq!(p.min_years, Some(5.0));
        assert_eq!(p.degree, Some(DegreeLevel::Bachelor));
        assert!(p.required_skills.iter().any(|s| s == "Python"));
        assert!(p.preferred_skills.iter().any(|s| s == "Rust"));
        assert!(p.skills.iter().any(|s| s == "Docker"));
        let rust = p.requirements.iter().find(|r| r.text == "Rust").unwrap();
        assert_eq!(rust.read_as, Importance::Preferred);
        assert_eq!(rust.applies_as, Some(Importance::Preferred));
        assert_eq!(rust.choice, None);
        assert!(p.problem.is_none());
        let sum: f32 = p.weights.iter().map(|w| w.applies).sum();
        assert!((sum - 1.0).abs() < 1e-4);
        assert!(p.weights.iter().all(|w| w.applies == w.default));
    }

    #[test]
    fn preview_shows_choices_added_requirements_and_overrides_applied() {
        let mut c = Criteria::default();
        c.requirements.insert("Rust".into(), Choice::Must);
        c.requirements.insert(
            "Bachelor's degree in computer science".into(),
            Choice::Ignore,
        );
        c.skills.insert("Docker".into(), Choice::Ignore);
        c.added.push(AddedRequirement {
            text: "Experience with PostgreSQL".into(),
            must: false,
        });
        c.min_years = Setting::To(2.0);
        c.degree = Setting::None;
        let p = preview(JOB, &c, lex());
        let rust = p.requirements.iter().find(|r| r.text == "Rust").unwrap();
        assert_eq!(rust.read_as, Importance::Preferred);
        assert_eq!(rust.applies_as, Some(Importance::Required));
        assert!(p.required_skills.iter().any(|s| s == "Rust"));
        let degree = p
            .requirements
            .iter()
            .find(|r| r.text.starts_with("Bachelor"))
            .unwrap();
        assert_eq!(
            degree.applies_as, None,
            "an ignored requirement counts for nothing"
        );
        assert!(!p.required_skills.iter().any(|s| s == "Docker"));
        assert!(
            p.skills.iter().any(|s| s == "Docker"),
            "still offered for a choice"
        );
        let added = p.requirements.last().unwrap();
        assert!(added.added);
        assert_eq!(added.applies_as, Some(Importance::Preferred));
        assert!(added.skills.iter().any(|s| s == "PostgreSQL"));
        assert_eq!((p.min_years_read, p.min_years), (Some(5.0), Some(2.0)));
        assert_eq!(p.degree_read, Some(DegreeLevel::Bachelor));
        assert_eq!(p.degree, None);
    }

    #[test]
    fn preview_names_the_problem_of_criteria_that_cannot_be_saved() {
        let c = Criteria {
            min_years: Setting::To(99.0),
            ..Criteria::default()
        };
        let p = preview(JOB, &c, lex());
        assert!(p.problem.unwrap().contains("years"));
    }

    #[test]
    fn preview_of_text_without_headings_says_so() {
        let p = preview(
            "We want someone who knows Python and SQL.",
            &Criteria::default(),
            lex(),
        );
        assert!(!p.has_headings);
        let empty = preview("", &Criteria::default(), lex());
        assert!(empty.requirements.is_empty());
    }
}
