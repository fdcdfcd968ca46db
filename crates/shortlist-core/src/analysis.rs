//! The analysis engine: a resume scored against a job, 0–100, with its reasons.
//!
//! The score is a weighted average of five parts, each 0–1:
//!
//! | part        | weight | what it measures |
//! |-------------|--------|------------------|
//! | skills      | 35 %   | the job's skills found in the resume (required count double); a skill only *listed* in a skills section earns 60 % of one shown in experience or projects |
//! | evidence    | 30 %   | for each requirement, how close the best resume passage comes in meaning (embedding cosine) |
//! | experience  | 15 %   | years of dated roles against the job's "N+ years" |
//! | education   | 10 %   | highest degree against the degree asked for |
//! | readability | 10 %   | whether the PDF's text could be read well: contact, sections, length, nothing hidden |
//!
//! A part the job does not ask about (no years, no degree, no skills) is left out and the others
//! are re-weighted. Hidden text (white or tiny) was already removed at extraction; a skills list
//! with little support elsewhere is flagged as keyword stuffing and its listed-only credit
//! halves. The engine is deterministic: the same job and resume give the same analysis.

use serde::{Deserialize, Serialize};

use crate::embed::cosine;
use crate::id::{AnalysisId, JobId, ResumeId};
use crate::jd::{Importance, JobProfile};
use crate::lexicon::Lexicon;
use crate::profile::{DegreeLevel, ResumeProfile, Section};
use crate::resume::ExtractionWarning;

/// Bump when anything that changes a score changes.
pub const ENGINE_VERSION: u32 = 1;

/// Weights of the parts (they sum to 1).
pub const WEIGHTS: Weights = Weights {
    skills: 0.35,
    evidence: 0.30,
    experience: 0.15,
    education: 0.10,
    readability: 0.10,
};

/// Part weights.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
pub struct Weights {
    /// Skills coverage.
    pub skills: f32,
    /// Semantic evidence per requirement.
    pub evidence: f32,
    /// Experience fit.
    pub experience: f32,
    /// Education fit.
    pub education: f32,
    /// Readability / parse quality.
    pub readability: f32,
}

/// Cosine at or below which a passage is no evidence at all.
const COS_FLOOR: f32 = 0.25;
/// Cosine at or above which a passage is full evidence.
const COS_FULL: f32 = 0.65;
/// Credit for a skill only listed in a skills section.
const LISTED_CREDIT: f32 = 0.6;
/// Words per passage at most: short enough that one passage is one claim, far under the
/// model's 256 tokens.
const PASSAGE_WORDS: usize = 40;

/// A passage of a resume, the unit of evidence.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Passage {
    /// The section it is in.
    pub section: Section,
    /// Its text.
    pub text: String,
}

fn starts_unit(line: &str) -> bool {
    crate::jd::strip_bullet(line).is_some()
        || line
            .chars()
            .next()
            .is_some_and(|c| c.is_uppercase() && line.split_whitespace().count() <= 12)
}

/// A short line without a full stop: a role title, dates, a school.
fn is_heading(text: &str) -> bool {
    !text.contains('\n') && !text.trim_end().ends_with('.') && text.split_whitespace().count() <= 10
}

/// Splits a parsed resume into passages: bullets and short paragraphs, grouped up to
/// one claim each (with its heading), never across sections. The header (name, contact) is left out.
pub fn passages(profile: &ResumeProfile) -> Vec<Passage> {
    let mut out = Vec::new();
    for section in &profile.sections {
        if section.section == Section::Header && profile.sections.len() > 1 {
            continue;
        }
        // Units: a bullet or a heading-like line starts one; other lines continue it.
        let mut units: Vec<String> = Vec::new();
        for line in section.text.lines() {
            let line = line.trim();
            if line.is_empty() {
                continue;
            }
            let text = crate::jd::strip_bullet(line).unwrap_or(line);
            match units.last_mut() {
                Some(last) if !starts_unit(line) && !last.ends_with(['.', ':']) => {
                    last.push(' ');
                    last.push_str(text);
                }
                _ => units.push(text.to_owned()),
            }
        }
        // A unit is one claim: a passage of its own. A short heading-like unit (a role and its
        // dates, a degree line) is joined to the claim under it so that the claim keeps its
        // context; the result never exceeds PASSAGE_WORDS unless one unit alone does.
        let mut current = String::new();
        for unit in units {
            let words = current.split_whitespace().count() + unit.split_whitespace().count();
            let current_is_heading = is_heading(&current);
            if !current.is_empty() && (!current_is_heading || words > PASSAGE_WORDS) {
                out.push(Passage {
                    section: section.section,
                    text: std::mem::take(&mut current),
                });
            }
            if !current.is_empty() {
                current.push('\n');
            }
            current.push_str(&unit);
        }
        if !current.trim().is_empty() {
            out.push(Passage {
                section: section.section,
                text: current,
            });
        }
    }
    out
}

/// One part of the score.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, ts_rs::TS)]
pub struct Part {
    /// 0–1.
    pub value: f32,
    /// Its weight after re-weighting (0 when the job does not ask about it).
    pub weight: f32,
    /// Points it contributes to the 0–100 score.
    pub points: f32,
    /// Why, in a sentence.
    pub detail: String,
}

/// The five parts.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, ts_rs::TS)]
pub struct Breakdown {
    /// Skills coverage.
    pub skills: Part,
    /// Semantic evidence per requirement.
    pub evidence: Part,
    /// Experience fit.
    pub experience: Part,
    /// Education fit.
    pub education: Part,
    /// Readability / parse quality.
    pub readability: Part,
}

/// A skill of the job found in the resume.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, ts_rs::TS)]
pub struct SkillMatch {
    /// Canonical name.
    pub skill: String,
    /// Required or preferred by the job.
    pub importance: Importance,
    /// Shown in experience, projects or summary (not only in a skills list).
    pub evidenced: bool,
}

/// A skill of the job not found.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, ts_rs::TS)]
pub struct MissingSkill {
    /// Canonical name.
    pub skill: String,
    /// Required or preferred.
    pub importance: Importance,
}

/// The best passage for one requirement.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, ts_rs::TS)]
pub struct Evidence {
    /// The requirement text.
    pub requirement: String,
    /// Required or preferred.
    pub importance: Importance,
    /// The closest resume passage, if any passage exists.
    pub passage: Option<String>,
    /// Its cosine similarity.
    pub similarity: f32,
}

/// Something the recruiter should look at.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, ts_rs::TS)]
#[serde(rename_all = "snake_case")]
pub enum Flag {
    /// White or tiny text was found (and ignored).
    HiddenText,
    /// A long skills list with little support in the experience.
    KeywordStuffing,
    /// Very little text could be read.
    LittleText,
    /// No dated roles were found.
    NoDates,
}

impl Flag {
    /// A sentence for the UI.
    pub fn message(self) -> &'static str {
        match self {
            Flag::HiddenText => "hidden text (white or tiny) was found and ignored",
            Flag::KeywordStuffing => "long skills list with little support in the experience",
            Flag::LittleText => "very little readable text",
            Flag::NoDates => "no dated roles found; experience could not be measured",
        }
    }
}

/// The candidate as the analysis read them.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize, ts_rs::TS)]
pub struct Candidate {
    /// Name, if found.
    pub name: Option<String>,
    /// Email, if found.
    pub email: Option<String>,
    /// Phone, if found.
    pub phone: Option<String>,
    /// Links.
    pub links: Vec<String>,
    /// Years of dated experience.
    pub years: f32,
    /// Highest degree.
    pub degree: Option<DegreeLevel>,
}

/// A score from an earlier run of the same pair.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, ts_rs::TS)]
pub struct PastScore {
    /// The score then.
    pub score: u8,
    /// The engine version then.
    pub engine_version: u32,
    /// When.
    #[serde(with = "time::serde::rfc3339")]
    #[ts(type = "string")]
    pub at: time::OffsetDateTime,
}

/// The result of analysing a resume against a job.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, ts_rs::TS)]
pub struct Analysis {
    /// 12 hex chars.
    pub id: AnalysisId,
    /// The job.
    pub job_id: JobId,
    /// The resume.
    pub resume_id: ResumeId,
    /// The engine version that made it.
    pub engine_version: u32,
    /// 0–100.
    pub score: u8,
    /// How the score was made.
    pub breakdown: Breakdown,
    /// Skills of the job found in the resume.
    pub matched_skills: Vec<SkillMatch>,
    /// Skills of the job not found.
    pub missing_skills: Vec<MissingSkill>,
    /// Best passage per requirement.
    pub evidence: Vec<Evidence>,
    /// Who the candidate is.
    pub candidate: Candidate,
    /// Things to look at.
    pub flags: Vec<Flag>,
    /// When this analysis was made.
    #[serde(with = "time::serde::rfc3339")]
    #[ts(type = "string")]
    pub created_at: time::OffsetDateTime,
    /// Scores of earlier runs of the same job and resume, oldest first.
    #[serde(default)]
    pub history: Vec<PastScore>,
    /// Feedback records on this analysis.
    #[serde(default)]
    pub feedback_count: u32,
}

/// Everything the engine needs, already computed (no I/O, no model here).
#[derive(Debug)]
pub struct Inputs<'a> {
    /// The job's parsed requirements.
    pub job: &'a JobProfile,
    /// Embeddings of `job.requirements`, in order (or of the whole description when there are
    /// no requirements: then one vector).
    pub requirement_vectors: &'a [Vec<f32>],
    /// The resume's parse.
    pub resume: &'a ResumeProfile,
    /// The resume's passages.
    pub passages: &'a [Passage],
    /// Their embeddings, in order.
    pub passage_vectors: &'a [Vec<f32>],
    /// Visible text length of the resume, in characters.
    pub text_chars: usize,
    /// Extraction warnings.
    pub warnings: &'a [ExtractionWarning],
}

/// The scored parts of an analysis, before IDs and time are attached.
#[derive(Debug, Clone, PartialEq)]
pub struct Scored {
    /// 0–100.
    pub score: u8,
    /// How.
    pub breakdown: Breakdown,
    /// Found skills.
    pub matched_skills: Vec<SkillMatch>,
    /// Missing skills.
    pub missing_skills: Vec<MissingSkill>,
    /// Evidence.
    pub evidence: Vec<Evidence>,
    /// Candidate.
    pub candidate: Candidate,
    /// Flags.
    pub flags: Vec<Flag>,
}

fn part(value: f32, weight: f32, detail: String) -> Part {
    Part {
        value: value.clamp(0.0, 1.0),
        weight,
        points: 0.0,
        detail,
    }
}

/// Scores a resume against a job. Pure and deterministic.
pub fn score(inputs: &Inputs<'_>, lexicon: &Lexicon) -> Scored {
    let job = inputs.job;
    let resume = inputs.resume;
    let mut flags = Vec::new();
    if inputs.warnings.contains(&ExtractionWarning::HiddenText) {
        flags.push(Flag::HiddenText);
    }

    // Skills: where each job skill appears.
    let mut listed_text = String::new();
    let mut shown_text = String::new();
    for s in &resume.sections {
        let target = if s.section == Section::Skills {
            &mut listed_text
        } else {
            &mut shown_text
        };
        target.push_str(&s.text);
        target.push('\n');
    }
    let shown: Vec<String> = lexicon.skills_in(&shown_text);
    let listed: Vec<String> = lexicon.skills_in(&listed_text);
    let listed_only = listed.iter().filter(|s| !shown.contains(s)).count();
    let stuffing = listed.len() >= 15 && listed_only * 10 >= listed.len() * 7;
    if stuffing {
        flags.push(Flag::KeywordStuffing);
    }
    let listed_credit = if stuffing {
        LISTED_CREDIT / 2.0
    } else {
        LISTED_CREDIT
    };
    let mut matched = Vec::new();
    let mut missing = Vec::new();
    let (mut got, mut total) = (0.0f32, 0.0f32);
    // Units of credit: an either-or group counts once, met by its best member.
    let mut units: Vec<(Vec<&String>, Importance)> = Vec::new();
    for (skills, importance) in [
        (&job.required_skills, Importance::Required),
        (&job.preferred_skills, Importance::Preferred),
    ] {
        for skill in skills {
            if units.iter().any(|(u, _)| u.contains(&skill)) {
                continue; // already counted with its group
            }
            match job.alternatives.iter().find(|g| g.contains(skill)) {
                Some(group) => units.push((group.iter().collect(), importance)),
                None => units.push((vec![skill], importance)),
            }
        }
    }
    let (mut required_total, mut required_found, mut preferred_found) = (0, 0, 0);
    for (members, importance) in &units {
        let w = importance.weight();
        total += w;
        let credit = |s: &String| {
            if shown.contains(s) {
                1.0
            } else if listed.contains(s) {
                listed_credit
            } else {
                0.0
            }
        };
        let best = members.iter().map(|s| credit(s)).fold(0.0f32, f32::max);
        got += w * best;
        if *importance == Importance::Required {
            required_total += 1;
        }
        if best > 0.0 {
            match importance {
                Importance::Required => required_found += 1,
                Importance::Preferred => preferred_found += 1,
            }
            for s in members.iter().filter(|s| credit(s) > 0.0) {
                matched.push(SkillMatch {
                    skill: (*s).clone(),
                    importance: *importance,
                    evidenced: shown.contains(s),
                });
            }
        } else {
            for s in members {
                missing.push(MissingSkill {
                    skill: (*s).clone(),
                    importance: *importance,
                });
            }
        }
    }
    let preferred_total = units.len() - required_total;
    let skills = if total > 0.0 {
        part(
            got / total,
            WEIGHTS.skills,
            format!(
                "{required_found} of {required_total} required and {preferred_found} of {preferred_total} preferred skills found"
            ),
        )
    } else {
        part(0.0, 0.0, "the job names no skills from the lexicon".into())
    };

    // Evidence: the best non-skills-list passage per requirement.
    let candidates: Vec<usize> = (0..inputs.passages.len())
        .filter(|&i| inputs.passages[i].section != Section::Skills || inputs.passages.len() == 1)
        .collect();
    let mut evidence = Vec::new();
    let (mut ev_got, mut ev_total) = (0.0f32, 0.0f32);
    let requirement_list: Vec<(String, Importance)> = if job.requirements.is_empty() {
        Vec::new()
    } else {
        job.requirements
            .iter()
            .map(|r| (r.text.clone(), r.importance))
            .collect()
    };
    for (i, vector) in inputs.requirement_vectors.iter().enumerate() {
        let (text, importance) = requirement_list
            .get(i)
            .cloned()
            .unwrap_or_else(|| ("the job description".to_owned(), Importance::Required));
        let best = candidates
            .iter()
            .map(|&p| (p, cosine(vector, &inputs.passage_vectors[p])))
            .fold(None, |acc: Option<(usize, f32)>, (p, c)| match acc {
                Some((_, best)) if best >= c => acc,
                _ => Some((p, c)),
            });
        let similarity = best.map_or(0.0, |(_, c)| c);
        let value = ((similarity - COS_FLOOR) / (COS_FULL - COS_FLOOR)).clamp(0.0, 1.0);
        ev_got += importance.weight() * value;
        ev_total += importance.weight();
        evidence.push(Evidence {
            requirement: text,
            importance,
            passage: best.map(|(p, _)| inputs.passages[p].text.clone()),
            similarity: (similarity * 1000.0).round() / 1000.0,
        });
    }
    let strong = evidence
        .iter()
        .filter(|e| e.similarity >= (COS_FLOOR + COS_FULL) / 2.0)
        .count();
    let evidence_part = if ev_total > 0.0 {
        part(
            ev_got / ev_total,
            WEIGHTS.evidence,
            format!(
                "{strong} of {} requirements have a closely matching passage",
                evidence.len()
            ),
        )
    } else {
        part(0.0, 0.0, "nothing to compare".into())
    };

    // Experience.
    if resume.spans.is_empty() {
        flags.push(Flag::NoDates);
    }
    let experience = match job.min_years {
        Some(min) if min > 0.0 => part(
            resume.years / min,
            WEIGHTS.experience,
            format!(
                "{:.1} years of dated roles; the job asks for {min}+",
                resume.years
            ),
        ),
        _ => part(
            0.0,
            0.0,
            format!(
                "{:.1} years of dated roles; the job asks for no minimum",
                resume.years
            ),
        ),
    };

    // Education.
    let education = match job.degree {
        Some(wanted) => {
            let value = match resume.degree {
                Some(have) if have >= wanted => 1.0,
                Some(have) if (have as u8) + 1 == wanted as u8 => 0.5,
                Some(_) => 0.2,
                None => 0.0,
            };
            let have = resume
                .degree
                .map_or("no degree found".to_owned(), |d| d.label().to_owned());
            part(
                value,
                WEIGHTS.education,
                format!("{have}; the job asks for a {}", wanted.label()),
            )
        }
        None => part(0.0, 0.0, "the job asks for no degree".into()),
    };

    // Readability.
    let sections_found = resume
        .sections
        .iter()
        .filter(|s| s.section != Section::Header)
        .count();
    let little =
        inputs.text_chars < 400 || inputs.warnings.contains(&ExtractionWarning::LittleText);
    if little {
        flags.push(Flag::LittleText);
    }
    let checks = [
        resume.contact.email.is_some(),
        sections_found >= 2,
        !little,
        !inputs.warnings.contains(&ExtractionWarning::HiddenText)
            && !inputs.warnings.contains(&ExtractionWarning::ImagePages),
    ];
    let passed = checks.iter().filter(|c| **c).count();
    let readability = part(
        passed as f32 / checks.len() as f32,
        WEIGHTS.readability,
        format!(
            "{passed} of 4 checks: contact email, sections, enough text, nothing hidden or scanned"
        ),
    );

    let mut breakdown = Breakdown {
        skills,
        evidence: evidence_part,
        experience,
        education,
        readability,
    };
    let weight_sum = breakdown.skills.weight
        + breakdown.evidence.weight
        + breakdown.experience.weight
        + breakdown.education.weight
        + breakdown.readability.weight;
    let mut total_points = 0.0;
    for p in [
        &mut breakdown.skills,
        &mut breakdown.evidence,
        &mut breakdown.experience,
        &mut breakdown.education,
        &mut breakdown.readability,
    ] {
        p.weight = if weight_sum > 0.0 {
            p.weight / weight_sum
        } else {
            0.0
        };
        p.points = (p.value * p.weight * 1000.0).round() / 10.0;
        total_points += p.value * p.weight * 100.0;
    }
    let score = total_points.round().clamp(0.0, 100.0) as u8;
    Scored {
        score,
        breakdown,
        matched_skills: matched,
        missing_skills: missing,
        evidence,
        candidate: Candidate {
            name: resume.contact.name.clone(),
            email: resume.contact.email.clone(),
            phone: resume.contact.phone.clone(),
            links: resume.contact.links.clone(),
            years: resume.years,
            degree: resume.degree,
        },
        flags,
    }
}

/// The texts to embed for a job: its requirements, or the whole description if it has none.
pub fn requirement_texts(job: &JobProfile, description: &str) -> Vec<String> {
    if job.requirements.is_empty() {
        if description.trim().is_empty() {
            Vec::new()
        } else {
            vec![description.chars().take(2000).collect()]
        }
    } else {
        job.requirements.iter().map(|r| r.text.clone()).collect()
    }
}
