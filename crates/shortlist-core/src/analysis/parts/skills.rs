//! The skills part: the job's lexicon skills in the resume.

use super::part;
use crate::analysis::{MissingSkill, Part, SkillMatch, WEIGHTS};
use crate::jd::{Importance, JobProfile};
use crate::lexicon::Lexicon;
use crate::profile::{ResumeProfile, Section};

/// Credit for a skill only listed in a skills section.
const LISTED_CREDIT: f32 = 0.6;
/// Job skills (or either-or groups) at which the skills part reaches its full weight.
const FULL_SKILLS: f32 = 4.0;

/// The skills part and the skills behind it.
pub(in crate::analysis) struct SkillsPart {
    pub part: Part,
    pub matched: Vec<SkillMatch>,
    pub missing: Vec<MissingSkill>,
    pub stuffing: bool,
}

/// The job's lexicon skills in the resume: shown in experience or projects (full credit) or
/// only listed in a skills section (less). Its weight grows with the number of skills the job
/// names, so two skills in a job are not worth the whole part.
/// The lexicon skills a resume lists in a skills section, those it shows elsewhere, and
/// whether the list looks like keyword stuffing.
pub(in crate::analysis) fn listed_and_shown(
    resume: &ResumeProfile,
    lexicon: &Lexicon,
) -> (Vec<String>, Vec<String>, bool) {
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
    (listed, shown, stuffing)
}

/// `ignore`: skills the resume names only in text copied from the job.
pub(in crate::analysis) fn skills(
    job: &JobProfile,
    resume: &ResumeProfile,
    lexicon: &Lexicon,
    ignore: &[String],
) -> SkillsPart {
    let (mut listed, mut shown, stuffing) = listed_and_shown(resume, lexicon);
    listed.retain(|s| !ignore.contains(s));
    shown.retain(|s| !ignore.contains(s));
    let listed_credit = if stuffing {
        LISTED_CREDIT / 2.0
    } else {
        LISTED_CREDIT
    };
    // Units of credit: an either-or group counts once, met by its best member.
    let mut units: Vec<(Vec<&String>, Importance)> = Vec::new();
    for (skills, importance) in [
        (&job.required_skills, Importance::Required),
        (&job.preferred_skills, Importance::Preferred),
    ] {
        for skill in skills {
            // "Sales", "Communication skills": generic words say nothing a terms match does
            // not already say better.
            let generic = lexicon.skill(skill).is_some_and(|s| s.generic);
            if generic || units.iter().any(|(u, _)| u.contains(&skill)) {
                continue;
            }
            match job.alternatives.iter().find(|g| g.contains(skill)) {
                Some(group) => units.push((group.iter().collect(), importance)),
                None => units.push((vec![skill], importance)),
            }
        }
    }
    let credit = |s: &String| {
        if shown.contains(s) {
            1.0
        } else if listed.contains(s) {
            listed_credit
        } else {
            0.0
        }
    };
    let (mut matched, mut missing) = (Vec::new(), Vec::new());
    let (mut got, mut total) = (0.0f32, 0.0f32);
    let (mut required_total, mut required_found, mut preferred_found) = (0, 0, 0);
    for (members, importance) in &units {
        let w = importance.weight();
        total += w;
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
            missing.extend(members.iter().map(|s| MissingSkill {
                skill: (*s).clone(),
                importance: *importance,
            }));
        }
    }
    let preferred_total = units.len() - required_total;
    let part = if total > 0.0 {
        let scale = (units.len() as f32 / FULL_SKILLS).min(1.0);
        let listed_note = if matched.iter().any(|m| !m.evidenced) {
            "; a skill only listed, not shown in the work, counts 60 %"
        } else {
            ""
        };
        part(
            got / total,
            WEIGHTS.skills * scale,
            1.0,
            format!(
                "{required_found} of {required_total} required and {preferred_found} of {preferred_total} preferred skills found{listed_note}"
            ),
        )
    } else {
        part(
            0.0,
            0.0,
            1.0,
            "the job names no skills from the lexicon".into(),
        )
    };
    SkillsPart {
        part,
        matched,
        missing,
        stuffing,
    }
}
