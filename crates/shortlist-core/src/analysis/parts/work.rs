//! The profile parts: experience, education and readability, each counted in proportion to
//! how well the resume matches the job's work.

use super::part;
use crate::analysis::{Part, WEIGHTS};
use crate::jd::JobProfile;
use crate::profile::{ResumeProfile, Section};
use crate::resume::ExtractionWarning;

/// Years of experience against the job's minimum, counted in proportion to `relevance`.
pub(in crate::analysis) fn experience(
    job: &JobProfile,
    resume: &ResumeProfile,
    relevance: f32,
) -> Part {
    let years = resume.experience_years();
    let how = if resume.spans.is_empty() && resume.stated_years.is_some() {
        "years of experience stated"
    } else {
        "years of dated roles"
    };
    match job.min_years {
        Some(min) if min > 0.0 => part(
            years / min,
            WEIGHTS.experience,
            relevance,
            format!("{years:.1} {how}; the job asks for {min}+"),
        ),
        _ => part(
            0.0,
            0.0,
            1.0,
            format!("{years:.1} {how}; the job asks for no minimum"),
        ),
    }
}

/// The highest degree against the job's, counted in proportion to `relevance`.
pub(in crate::analysis) fn education(
    job: &JobProfile,
    resume: &ResumeProfile,
    relevance: f32,
) -> Part {
    match job.degree {
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
                relevance,
                format!("{have}; the job asks for a {}", wanted.label()),
            )
        }
        None => part(0.0, 0.0, 1.0, "the job asks for no degree".into()),
    }
}

/// Whether the text could be read well; returns the part and whether there was little text.
pub(in crate::analysis) fn readability(
    resume: &ResumeProfile,
    text_chars: usize,
    warnings: &[ExtractionWarning],
    relevance: f32,
) -> (Part, bool) {
    let sections_found = resume
        .sections
        .iter()
        .filter(|s| s.section != Section::Header)
        .count();
    let little = text_chars < 400 || warnings.contains(&ExtractionWarning::LittleText);
    let checks = [
        resume.contact.email.is_some() || resume.contact.phone.is_some(),
        sections_found >= 2,
        !little,
        !warnings.contains(&ExtractionWarning::HiddenText)
            && !warnings.contains(&ExtractionWarning::ImagePages),
    ];
    let passed = checks.iter().filter(|c| **c).count();
    (
        part(
            passed as f32 / checks.len() as f32,
            WEIGHTS.readability,
            relevance,
            format!(
                "{passed} of 4 checks: contact details, sections, enough text, nothing hidden or scanned"
            ),
        ),
        little,
    )
}
