//! The analysis engine: a resume scored against a job, 0–100, with its reasons.
//!
//! The score adds up six parts. Three measure how well the resume matches the job's work, in
//! ways that do not need the engine to know the occupation:
//!
//! | part      | weight | what it measures |
//! |-----------|--------|------------------|
//! | terms     | 24 %   | the job's content words and two-word phrases found in the resume, BM25-weighted by how rare each is in resumes (so "plaints" or "HACCP" counts far more than "experience") |
//! | evidence  | 40 %   | meaning: the whole resume against the whole job, and for each requirement the closest passage (embedding cosine), a passage standing for one requirement only |
//! | skills    | 12 %   | the job's skills from the lexicon found in the resume (required count double); its weight shrinks when the job names few lexicon skills |
//!
//! Each is calibrated against a background of real resumes of many occupations
//! ([`crate::background`]): a part's value is how far the resume stands above what a typical
//! resume scores for *this* job, so the same value means the same fit for any job. Terms and
//! evidence together earn their joint weight times one curve over both signals (the match
//! with the job's work), shared between them in proportion to their values.
//!
//! Three measure the candidate's profile against what the job asks:
//!
//! | part        | weight | what it measures |
//! |-------------|--------|------------------|
//! | experience  | 12 %   | years of dated roles (or stated years) against the job's "N+ years" |
//! | education   | 6 %    | highest degree against the degree asked for |
//! | readability | 6 %    | whether the text could be read well: contact, sections, length, nothing hidden |
//!
//! These count in proportion to how well the resume matches the job's work (the mean of the
//! first two parts): ten years in another occupation are not ten years of this job.
//! A part the job does not ask about (no years, no degree, no skills) is left out and the
//! others are re-weighted. The candidate's name, contact details and gendered words are
//! removed from the text before anything is measured, so they never change a score. Hidden
//! text (white or tiny) was already removed at extraction; a skills list with little support
//! elsewhere is flagged as keyword stuffing and its listed-only credit halves. The engine is
//! deterministic: the same job and resume give the same analysis.

mod parts;
mod passages;

use serde::{Deserialize, Serialize};

use crate::background::Spread;
use crate::id::{AnalysisId, JobId, ResumeId};
use crate::jd::{Importance, JobProfile};
use crate::lexical::{Doc, Query};
use crate::lexicon::Lexicon;
use crate::profile::{DegreeLevel, ResumeProfile};
use crate::resume::ExtractionWarning;

pub use parts::shingles;
pub use passages::{passages, Passage};

/// Bump when anything that changes a score changes.
pub const ENGINE_VERSION: u32 = 12;

/// Weights of the parts (they sum to 1).
pub const WEIGHTS: Weights = Weights {
    terms: 0.24,
    evidence: 0.40,
    skills: 0.12,
    experience: 0.12,
    education: 0.06,
    readability: 0.06,
};

/// Part weights.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
pub struct Weights {
    /// The job's terms and phrases.
    pub terms: f32,
    /// Meaning: whole resume and per requirement.
    pub evidence: f32,
    /// Lexicon skills.
    pub skills: f32,
    /// Experience fit.
    pub experience: f32,
    /// Education fit.
    pub education: f32,
    pub readability: f32,
}

/// Score bands: what a score means, the same for every job.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[serde(rename_all = "snake_case")]
pub enum Band {
    /// Below [`POSSIBLE_FIT`].
    #[default]
    Weak,
    /// From [`POSSIBLE_FIT`] to below [`STRONG_FIT`].
    Possible,
    /// [`STRONG_FIT`] and above.
    Strong,
}

/// Lowest score of a strong fit.
pub const STRONG_FIT: u8 = 70;
/// Lowest score of a possible fit.
pub const POSSIBLE_FIT: u8 = 50;

/// Lowest strength of an evidence item labelled a strong match: 1.5 deviations above the
/// closest passage of a typical unrelated resume. On the development set 7 % of the items of
/// unrelated resumes reach it, half of those of the job's own occupation.
pub const STRONG_MATCH: f32 = 0.5;
/// Lowest strength of an evidence item labelled some match: one deviation above a typical
/// unrelated resume (the `shortlist eval` line "evidence items of resumes labelled …" checks
/// it: at 0.25, a third of unrelated resumes' items had "some match").
pub const SOME_MATCH: f32 = 0.38;

/// How strongly an evidence item meets its requirement, in words, by [`STRONG_MATCH`] and
/// [`SOME_MATCH`] (the window's labels use the same thresholds, from [`SCORE_BANDS`]).
pub fn match_label(strength: f32) -> &'static str {
    if strength >= STRONG_MATCH {
        "strong match"
    } else if strength >= SOME_MATCH {
        "some match"
    } else {
        "weak match"
    }
}

/// The score bands' thresholds, for the UI to explain them.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct ScoreBands {
    /// Lowest score of a strong fit.
    pub strong: u8,
    /// Lowest score of a possible fit.
    pub possible: u8,
    /// The engine version of new analyses.
    pub engine_version: u32,
    /// Lowest evidence strength of a strong match, in percent ([`STRONG_MATCH`]).
    pub strong_match: u8,
    /// Lowest evidence strength of some match, in percent ([`SOME_MATCH`]).
    pub some_match: u8,
}

/// The thresholds in force.
pub const SCORE_BANDS: ScoreBands = ScoreBands {
    strong_match: (STRONG_MATCH * 100.0) as u8,
    some_match: (SOME_MATCH * 100.0) as u8,
    strong: STRONG_FIT,
    possible: POSSIBLE_FIT,
    engine_version: ENGINE_VERSION,
};

impl Band {
    /// The band of `score`.
    pub fn of(score: u8) -> Band {
        if score >= STRONG_FIT {
            Band::Strong
        } else if score >= POSSIBLE_FIT {
            Band::Possible
        } else {
            Band::Weak
        }
    }

    /// A label for the UI.
    pub fn label(self) -> &'static str {
        match self {
            Band::Strong => "strong fit",
            Band::Possible => "possible fit",
            Band::Weak => "weak fit",
        }
    }
}

fn one() -> f32 {
    1.0
}

/// One part of the score.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct Part {
    /// 0–1.
    pub value: f32,
    /// Its weight after re-weighting (0 when the job does not ask about it).
    pub weight: f32,
    /// The share of its value that counts: 1, or for the profile parts (experience,
    /// education, readability) how well the resume matches the job's work.
    #[serde(default = "one")]
    pub share: f32,
    /// Points it contributes to the 0–100 score.
    pub points: f32,
    /// Why, in a sentence.
    pub detail: String,
}

/// The parts.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct Breakdown {
    /// The job's terms and phrases found (absent from analyses of engine 1).
    #[serde(default)]
    pub terms: Part,
    /// Meaning: the whole resume and each requirement's closest passage.
    pub evidence: Part,
    /// Lexicon skills coverage.
    pub skills: Part,
    /// Experience fit.
    pub experience: Part,
    /// Education fit.
    pub education: Part,
    /// Readability / parse quality.
    pub readability: Part,
}

/// A skill of the job found in the resume.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct SkillMatch {
    /// Canonical name.
    pub skill: String,
    /// Required or preferred by the job.
    pub importance: Importance,
    /// Shown in experience, projects or summary (not only in a skills list).
    pub evidenced: bool,
}

/// A skill of the job not found.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct MissingSkill {
    /// Canonical name.
    pub skill: String,
    /// Required or preferred.
    pub importance: Importance,
}

/// The best passage for one requirement.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct Evidence {
    /// The requirement text.
    pub requirement: String,
    /// Required or preferred.
    pub importance: Importance,
    /// The closest resume passage, if any passage exists.
    pub passage: Option<String>,
    /// Its cosine similarity.
    pub similarity: f32,
    /// How strongly it meets the requirement, 0–1, against what passages of unrelated
    /// resumes score for it (absent from analyses of engine 1).
    #[serde(default)]
    pub strength: f32,
}

/// Something the recruiter should look at.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
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
    /// Text copied from the job description was found (and ignored).
    CopiedFromJob,
    /// The job description does not read as English: its requirements may be misread.
    JobNotEnglish,
}

impl Flag {
    /// A sentence for the UI.
    pub fn message(self) -> &'static str {
        match self {
            Flag::HiddenText => "hidden text (white or tiny) was found and ignored",
            Flag::KeywordStuffing => "long skills list with little support in the experience",
            Flag::LittleText => "very little readable text",
            Flag::NoDates => "no dated roles found; experience could not be measured",
            Flag::CopiedFromJob => "text copied from the job description was found and ignored",
            Flag::JobNotEnglish => {
                "the job description does not read as English; its requirements may be misread"
            }
        }
    }
}

/// The candidate as the analysis read them.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct Candidate {
    /// Name, if found.
    pub name: Option<String>,
    /// Email, if found.
    pub email: Option<String>,
    /// Phone, if found.
    pub phone: Option<String>,
    pub links: Vec<String>,
    /// Years of dated experience.
    pub years: f32,
    /// Highest degree.
    pub degree: Option<DegreeLevel>,
}

/// A score from an earlier run of the same pair.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct PastScore {
    /// The score then.
    pub score: u8,
    /// The engine version then.
    pub engine_version: u32,
    /// When.
    #[serde(with = "time::serde::rfc3339")]
    #[cfg_attr(feature = "ts", ts(type = "string"))]
    pub at: time::OffsetDateTime,
}

/// The result of analysing a resume against a job.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
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
    /// What the score means.
    #[serde(default)]
    pub band: Band,
    /// How the score was made.
    pub breakdown: Breakdown,
    /// The job's weightiest terms and phrases found in the resume, as the job writes them.
    #[serde(default)]
    pub matched_terms: Vec<String>,
    /// The job's weightiest terms and phrases the resume lacks.
    #[serde(default)]
    pub missing_terms: Vec<String>,
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
    #[cfg_attr(feature = "ts", ts(type = "string"))]
    pub created_at: time::OffsetDateTime,
    /// Scores of earlier runs of the same job and resume, oldest first.
    #[serde(default)]
    pub history: Vec<PastScore>,
    /// Feedback records on this analysis.
    #[serde(default)]
    pub feedback_count: u32,
    /// The job's knockout gates decided for this resume: pass, fail or unknown, with the line
    /// that decided each. Gates never add or remove points.
    #[serde(default)]
    pub gates: Vec<crate::workflow::GateResult>,
    /// The job's revision (description and criteria) this analysis was made at; an older one
    /// than the job's is stale and scored again.
    #[serde(default)]
    pub job_revision: u32,
    /// The number that stands for the candidate while the job is screened blind
    /// ("Candidate 12"): given once per job, kept when scored again.
    #[serde(default)]
    pub number: u32,
    /// The generation of the library's term statistics it was scored with (0: the shipped
    /// background alone); a newer one makes it stale (see `store::library_stats`).
    #[serde(default)]
    #[cfg_attr(feature = "ts", ts(skip))]
    pub library_generation: u32,
}

/// How unrelated resumes score for a job: the background each signal is measured against.
#[derive(Debug, Clone, PartialEq)]
pub struct Calibration {
    /// BM25 of the job's terms over background resumes.
    pub terms: Spread,
    /// Cosine of the whole job with whole background resumes (their mean passage vector).
    pub meaning: Spread,
    /// Cosine of the whole job with the opening of background resumes.
    pub lead: Spread,
    /// Per requirement, the cosine of the closest passage of each background resume.
    pub requirements: Vec<Spread>,
    /// Mean length of a resume in terms (BM25's length normalisation).
    pub avg_len: f32,
}

/// Everything the engine needs, already computed (no I/O, no model here).
#[derive(Debug)]
pub struct Inputs<'a> {
    /// The job's parsed requirements.
    pub job: &'a JobProfile,
    /// Embeddings of `job.requirements`, in order.
    pub requirement_vectors: &'a [Vec<f32>],
    /// Embedding of the whole job (role and description).
    pub job_vector: &'a [f32],
    /// The job's weighted terms.
    pub query: &'a Query,
    /// The job description's runs of three content words (to tell text copied from it).
    pub job_shingles: &'a std::collections::HashSet<String>,
    /// The job's background.
    pub calibration: &'a Calibration,
    /// The resume's parse (contact details already removed from its text).
    pub resume: &'a ResumeProfile,
    /// The resume's terms.
    pub doc: &'a Doc,
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
    /// The score before rounding (for ranking ties apart).
    pub exact: f32,
    /// How.
    pub breakdown: Breakdown,
    /// The job's weightiest terms found.
    pub matched_terms: Vec<String>,
    /// The job's weightiest terms missing.
    pub missing_terms: Vec<String>,
    /// Found skills.
    pub matched_skills: Vec<SkillMatch>,
    pub missing_skills: Vec<MissingSkill>,
    pub evidence: Vec<Evidence>,
    pub candidate: Candidate,
    pub flags: Vec<Flag>,
    /// The signals behind the parts, in deviations above unrelated resumes: terms, the
    /// resume's opening, its passages on average, the requirements' closest passages (for
    /// studying the engine; not stored).
    pub signals: [f32; 4],
    /// The job's knockout gates decided for this resume (never points).
    pub gates: Vec<crate::workflow::GateResult>,
    /// The job's revision (description and criteria) it was scored at.
    pub job_revision: u32,
    /// The generation of the library's term statistics it was scored with.
    pub library_generation: u32,
}

/// Scores `scored` again with the recruiter's part weights (relative to [`WEIGHTS`]): each
/// part's weight, as the engine re-weighted it for this job, is scaled by the recruiter's
/// weight over the default, and the points are combined again. The defaults change nothing.
pub fn reweigh(scored: &mut Scored, weights: &Weights) {
    if *weights == WEIGHTS {
        return;
    }
    let scale = |custom: f32, default: f32| {
        if default > 0.0 {
            custom / default
        } else {
            0.0
        }
    };
    let b = &mut scored.breakdown;
    b.terms.weight *= scale(weights.terms, WEIGHTS.terms);
    b.evidence.weight *= scale(weights.evidence, WEIGHTS.evidence);
    b.skills.weight *= scale(weights.skills, WEIGHTS.skills);
    b.experience.weight *= scale(weights.experience, WEIGHTS.experience);
    b.education.weight *= scale(weights.education, WEIGHTS.education);
    b.readability.weight *= scale(weights.readability, WEIGHTS.readability);
    let [terms, lead, mean, requirements] = scored.signals;
    let relevance = parts::relevance(terms, parts::meaning_z(lead, mean, requirements));
    scored.exact = parts::combine(b, relevance);
    scored.score = scored.exact.round().clamp(0.0, 100.0) as u8;
}

/// Scores a resume against a job. Pure and deterministic.
pub fn score(inputs: &Inputs<'_>, lexicon: &Lexicon) -> Scored {
    let resume = inputs.resume;
    let mut flags = Vec::new();
    if inputs.warnings.contains(&ExtractionWarning::HiddenText) {
        flags.push(Flag::HiddenText);
    }
    if inputs.job.not_english {
        flags.push(Flag::JobNotEnglish);
    }
    // Text copied from the job description earns nothing: its passages are left out of the
    // evidence, its words out of the terms.
    let left_out = parts::copied_passages(inputs.passages, inputs.job_shingles);
    let copied: Vec<&Passage> = inputs
        .passages
        .iter()
        .zip(&left_out)
        .filter(|(p, out)| **out && p.section != crate::profile::Section::Lead)
        .map(|(p, _)| p)
        .collect();
    let doc_without_copies;
    let doc = if copied.is_empty() {
        inputs.doc
    } else {
        flags.push(Flag::CopiedFromJob);
        let mut d = inputs.doc.clone();
        let mut copies = Doc::default();
        for p in &copied {
            copies.add_text(&p.text, lexicon, 1.0);
        }
        d.remove(&copies);
        doc_without_copies = d;
        &doc_without_copies
    };
    let terms = parts::terms(inputs.query, doc, inputs.calibration);
    let terms_z = terms.z;
    // Skills named only in text copied from the job.
    let copied_skills: Vec<String> = if copied.is_empty() {
        Vec::new()
    } else {
        let own: String = inputs
            .passages
            .iter()
            .filter(|p| p.section != crate::profile::Section::Lead)
            .filter(|p| !copied.iter().any(|c| std::ptr::eq(*c, *p)))
            .map(|p| p.text.as_str())
            .collect::<Vec<_>>()
            .join("\n");
        let own = lexicon.skills_in(&own);
        let pasted: String = copied
            .iter()
            .map(|p| p.text.as_str())
            .collect::<Vec<_>>()
            .join("\n");
        lexicon
            .skills_in(&pasted)
            .into_iter()
            .filter(|s| !own.contains(s))
            .collect()
    };
    let skills = parts::skills(inputs.job, resume, lexicon, &copied_skills);
    if skills.stuffing {
        flags.push(Flag::KeywordStuffing);
    }
    let evidence = parts::evidence(inputs, &left_out, skills.stuffing);
    let [lead_z, mean_z, requirements_z] = evidence.signals;
    // How well the resume matches the job's work: the profile parts count in proportion.
    let relevance = parts::relevance(terms_z, parts::meaning_z(lead_z, mean_z, requirements_z));
    let experience = parts::experience(inputs.job, resume, relevance);
    if resume.spans.is_empty() && resume.stated_years.is_none() {
        flags.push(Flag::NoDates);
    }
    let education = parts::education(inputs.job, resume, relevance);
    let (readability, little) =
        parts::readability(resume, inputs.text_chars, inputs.warnings, relevance);
    if little {
        flags.push(Flag::LittleText);
    }
    let mut breakdown = Breakdown {
        terms: terms.part,
        evidence: evidence.part,
        skills: skills.part,
        experience,
        education,
        readability,
    };
    let exact = parts::combine(&mut breakdown, relevance);
    let score = exact.round().clamp(0.0, 100.0) as u8;
    Scored {
        score,
        exact,
        breakdown,
        matched_terms: terms.found,
        missing_terms: terms.missing,
        matched_skills: skills.matched,
        missing_skills: skills.missing,
        evidence: evidence.items,
        candidate: Candidate {
            name: resume.contact.name.clone(),
            email: resume.contact.email.clone(),
            phone: resume.contact.phone.clone(),
            links: resume.contact.links.clone(),
            years: resume.experience_years(),
            degree: resume.degree,
        },
        flags,
        signals: [terms_z, lead_z, mean_z, requirements_z],
        gates: Vec::new(),
        job_revision: 0,
        library_generation: 0,
    }
}

/// Whether a resume's skills list looks like keyword stuffing: long, and mostly skills that
/// appear nowhere else in it.
pub fn keyword_stuffing(resume: &ResumeProfile, lexicon: &Lexicon) -> bool {
    parts::listed_and_shown(resume, lexicon).2
}

/// The texts to embed for a job: its requirements.
pub fn requirement_texts(job: &JobProfile) -> Vec<String> {
    job.requirements.iter().map(|r| r.text.clone()).collect()
}
