//! One function per part of the score, and their combination. Pure: hand-made inputs and
//! small vectors test each (see the tests below); no PDFium or model needed.

use super::{Breakdown, Calibration, Evidence, Inputs, MissingSkill, Part, SkillMatch, WEIGHTS};
use crate::embed::cosine;
use crate::jd::{Importance, JobProfile};
use crate::lexical::{Doc, Query};
use crate::lexicon::Lexicon;
use crate::profile::{ResumeProfile, Section};
use crate::resume::ExtractionWarning;

/// Credit for a skill only listed in a skills section.
const LISTED_CREDIT: f32 = 0.6;
/// Where the fit curve passes one half, in deviations above a typical unrelated resume.
const FIT_MIDPOINT: f32 = 1.5;
/// How much a passage already standing for another requirement is marked down.
const REUSE_PENALTY: f32 = 0.04;
/// Job skills (or either-or groups) at which the skills part reaches its full weight.
const FULL_SKILLS: f32 = 4.0;
/// Terms shown as found or missing.
const SHOWN_TERMS: usize = 8;

/// How the meaning signals combine: the resume's opening read as one text counts most (it
/// states who the candidate is: headline, summary, latest role), then its passages on average
/// and the requirements' closest passages.
const MEANING_MIX: [f32; 3] = [1.5, 0.5, 0.5];
/// How the terms and the meaning combine into the match with the job's work.
const RELEVANCE_MIX: [f32; 2] = [1.0, 2.5];

/// The meaning signal from its three parts (deviations above unrelated resumes).
pub(super) fn meaning_z(lead: f32, mean: f32, requirements: f32) -> f32 {
    let [a, b, c] = MEANING_MIX;
    (a * lead + b * mean + c * requirements) / (a + b + c)
}

/// The match with the job's work, 0–1: terms and meaning together, against unrelated resumes.
pub(super) fn relevance(terms_z: f32, meaning_z: f32) -> f32 {
    let [t, m] = RELEVANCE_MIX;
    fit((t * terms_z + m * meaning_z) / (t + m))
}

/// Pairs of adjacent content words of a job description (within a clause).
pub fn shingles(text: &str) -> std::collections::HashSet<String> {
    let mut out = std::collections::HashSet::new();
    for clause in text.split(['\n', '.', ';', '!', '?', '(', ')']) {
        let terms = crate::text::terms(clause);
        for w in terms.windows(2) {
            out.insert(w.join(" "));
        }
    }
    out
}

/// The share of `text`'s content words that stand, with a neighbour, as a pair in the job
/// description: text copied (or nearly copied) from the job rather than written about the
/// candidate. Honest resumes share a phrase here and there ("retail sales"), not most words.
pub(super) fn copied_share(text: &str, job: &std::collections::HashSet<String>) -> f32 {
    let (mut words, mut covered) = (0usize, 0usize);
    for clause in text.split(['\n', '.', ';', '!', '?', '(', ')']) {
        let terms = crate::text::terms(clause);
        let mut hit = vec![false; terms.len()];
        for (i, w) in terms.windows(2).enumerate() {
            if job.contains(&w.join(" ")) {
                hit[i] = true;
                hit[i + 1] = true;
            }
        }
        words += terms.len();
        covered += hit.iter().filter(|h| **h).count();
    }
    if words < 4 {
        0.0
    } else {
        covered as f32 / words as f32
    }
}

/// For each passage, whether it was copied from the job (the lead passage, the resume's
/// opening, from a lower share: it is long and mixes the resume's own text in).
pub(super) fn copied_passages(
    passages: &[super::Passage],
    job: &std::collections::HashSet<String>,
) -> Vec<bool> {
    passages
        .iter()
        .map(|p| {
            let limit = if p.section == Section::Lead {
                COPIED_LEAD
            } else {
                COPIED
            };
            copied_share(&p.text, job) >= limit
        })
        .collect()
}

/// A passage this much copied from the job counts for nothing.
pub(super) const COPIED: f32 = 0.6;
/// The lead passage (the resume's opening, 200 words) counts for nothing from this share on.
pub(super) const COPIED_LEAD: f32 = 0.35;

/// The fit, 0–1, of a resume standing `z` deviations above what unrelated resumes score:
/// ½ at [`FIT_MIDPOINT`], 0.18 for a typical unrelated resume, 0.95 at 4.5.
pub(super) fn fit(z: f32) -> f32 {
    1.0 / (1.0 + (-(z - FIT_MIDPOINT)).exp())
}

/// The share of unrelated resumes below `z` (normal distribution), in percent.
fn percent_below(z: f32) -> f32 {
    // Abramowitz–Stegun 7.1.26 for erf.
    let x = z / std::f32::consts::SQRT_2;
    let t = 1.0 / (1.0 + 0.327_591_1 * x.abs());
    let poly = t
        * (0.254_829_6
            + t * (-0.284_496_7 + t * (1.421_413_7 + t * (-1.453_152 + t * 1.061_405_4))));
    let erf = 1.0 - poly * (-x * x).exp();
    let erf = if x >= 0.0 { erf } else { -erf };
    (50.0 * (1.0 + erf)).clamp(0.0, 100.0)
}

fn part(value: f32, weight: f32, share: f32, detail: String) -> Part {
    Part {
        value: value.clamp(0.0, 1.0),
        weight,
        share: share.clamp(0.0, 1.0),
        points: 0.0,
        detail,
    }
}

fn percent(x: f32) -> u32 {
    (x * 100.0).round().clamp(0.0, 100.0) as u32
}

/// The terms part and the terms behind it.
pub(super) struct TermsPart {
    pub part: Part,
    pub z: f32,
    pub found: Vec<String>,
    pub missing: Vec<String>,
}

/// The job's terms and phrases in the resume: BM25 with background IDF, against how
/// unrelated resumes score for the same terms.
pub(super) fn terms(query: &Query, doc: &Doc, calibration: &Calibration) -> TermsPart {
    if query.terms.is_empty() {
        return TermsPart {
            part: part(0.0, 0.0, 1.0, "the job has no words to look for".into()),
            z: 0.0,
            found: Vec::new(),
            missing: Vec::new(),
        };
    }
    let score = query.bm25(doc, calibration.avg_len);
    let z = calibration.terms.z(score);
    let found = query.found(doc);
    let total: f32 = query.terms.iter().map(|(_, w)| w).sum();
    let covered: f32 = found.iter().map(|(_, w)| w).sum();
    let shown = |terms: Vec<(&str, f32)>| -> Vec<String> {
        terms
            .into_iter()
            .take(SHOWN_TERMS)
            .map(|(t, _)| query.surface(t).to_owned())
            .collect()
    };
    let found_words = shown(found);
    let missing_words = shown(query.missing(doc));
    let detail = format!(
        "{} % of the job's weighted words and phrases appear{}; more than in {} % of unrelated resumes",
        percent(covered / total.max(f32::MIN_POSITIVE)),
        if found_words.is_empty() {
            String::new()
        } else {
            format!(" ({})", found_words[..found_words.len().min(4)].join(", "))
        },
        percent_below(z).round()
    );
    TermsPart {
        part: part(fit(z), WEIGHTS.terms, 1.0, detail),
        z,
        found: found_words,
        missing: missing_words,
    }
}

/// The evidence part and its items.
pub(super) struct EvidencePart {
    pub part: Part,
    pub items: Vec<Evidence>,
    /// Deviations above unrelated resumes: the resume's opening, its passages on average,
    /// the requirements' closest passages.
    pub signals: [f32; 3],
}

/// Meaning: the whole resume against the whole job, and each requirement's closest passage,
/// each against how unrelated resumes score. A passage already standing for a requirement is
/// marked down for the next, so one summary line does not stand for every requirement.
///
/// `left_out[p]`: passage `p` was copied from the job ([`copied_passages`]); `stuffed`: the
/// resume's skills list is a keyword dump, which then does not speak for the whole.
pub(super) fn evidence(inputs: &Inputs<'_>, left_out: &[bool], stuffed: bool) -> EvidencePart {
    let cal = inputs.calibration;
    let vectors = inputs.passage_vectors;
    if vectors.is_empty() || inputs.job_vector.is_empty() {
        return EvidencePart {
            part: part(0.0, 0.0, 1.0, "nothing to compare".into()),
            items: Vec::new(),
            signals: [0.0; 3],
        };
    }
    let (lead, rest): (Vec<usize>, Vec<usize>) = (0..vectors.len())
        .filter(|&p| !left_out.get(p).copied().unwrap_or(false))
        .partition(|&p| {
            inputs
                .passages
                .get(p)
                .is_some_and(|p| p.section == Section::Lead)
        });
    let body: Vec<Vec<f32>> = rest
        .iter()
        .filter(|&&p| !(stuffed && inputs.passages[p].section == Section::Skills))
        .map(|&p| vectors[p].clone())
        .collect();
    let z_mean = cal.meaning.z(cosine(
        inputs.job_vector,
        &crate::background::mean_vector(&body),
    ));
    let z_lead = lead.first().map_or(z_mean, |&p| {
        cal.lead.z(cosine(inputs.job_vector, &vectors[p]))
    });
    let z_whole = (z_mean + z_lead) / 2.0;
    // Required first, so they get first pick of the passages.
    let mut order: Vec<usize> = (0..inputs.requirement_vectors.len()).collect();
    order.sort_by_key(|&i| inputs.job.requirements.get(i).map(|r| r.importance));
    let mut uses = vec![0u32; vectors.len()];
    let mut items: Vec<Option<Evidence>> = vec![None; inputs.requirement_vectors.len()];
    let (mut z_sum, mut w_sum) = (0.0f32, 0.0f32);
    for i in order {
        let req_vector = &inputs.requirement_vectors[i];
        let Some(requirement) = inputs.job.requirements.get(i) else {
            continue;
        };
        let best = rest
            .iter()
            .map(|&p| {
                let c = cosine(req_vector, &vectors[p]);
                (p, c, c - REUSE_PENALTY * uses[p] as f32)
            })
            .max_by(|a, b| a.2.total_cmp(&b.2));
        let Some((p, similarity, _)) = best else {
            continue;
        };
        uses[p] += 1;
        let spread = cal.requirements.get(i).copied().unwrap_or(cal.meaning);
        let z = spread.z(similarity);
        let w = requirement.importance.weight();
        z_sum += w * z;
        w_sum += w;
        items[i] = Some(Evidence {
            requirement: requirement.text.clone(),
            importance: requirement.importance,
            passage: inputs.passages.get(p).map(|p| p.text.clone()),
            similarity: (similarity * 1000.0).round() / 1000.0,
            strength: (fit(z) * 100.0).round() / 100.0,
        });
    }
    let items: Vec<Evidence> = items.into_iter().flatten().collect();
    let z_requirements = if w_sum > 0.0 { z_sum / w_sum } else { z_whole };
    let z = meaning_z(z_lead, z_mean, z_requirements);
    let strong = items.iter().filter(|e| e.strength >= 0.5).count();
    let detail = if items.is_empty() {
        format!(
            "the resume as a whole reads closer to the job than {} % of unrelated resumes",
            percent_below(meaning_z(z_lead, z_mean, z_lead)).round()
        )
    } else {
        format!(
            "{strong} of {} requirements have a closely matching passage; as a whole the resume reads closer to the job than {} % of unrelated resumes",
            items.len(),
            percent_below(z).round()
        )
    };
    EvidencePart {
        part: part(fit(z), WEIGHTS.evidence, 1.0, detail),
        items,
        signals: [z_lead, z_mean, z_requirements],
    }
}

/// The skills part and the skills behind it.
pub(super) struct SkillsPart {
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
pub(super) fn listed_and_shown(
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
pub(super) fn skills(
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

/// Years of experience against the job's minimum, counted in proportion to `relevance`.
pub(super) fn experience(job: &JobProfile, resume: &ResumeProfile, relevance: f32) -> Part {
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
pub(super) fn education(job: &JobProfile, resume: &ResumeProfile, relevance: f32) -> Part {
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
pub(super) fn readability(
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

/// Re-weights the parts the job asks about so that their weights sum to 1, sets each part's
/// points, and returns the score before rounding. The terms and evidence parts together earn
/// `relevance` of their joint weight (the match with the job's work, one curve over both
/// signals), shared between them in proportion to their own values; the other parts earn
/// value × share × weight.
pub(super) fn combine(breakdown: &mut Breakdown, relevance: f32) -> f32 {
    let sum: f32 = [
        &breakdown.terms,
        &breakdown.evidence,
        &breakdown.skills,
        &breakdown.experience,
        &breakdown.education,
        &breakdown.readability,
    ]
    .iter()
    .map(|p| p.weight)
    .sum();
    let norm = |w: f32| if sum > 0.0 { w / sum } else { 0.0 };
    breakdown.terms.weight = norm(breakdown.terms.weight);
    breakdown.evidence.weight = norm(breakdown.evidence.weight);
    let (t, e) = (&breakdown.terms, &breakdown.evidence);
    let joint = (t.weight + e.weight) * relevance * 100.0;
    let (wt, we) = (t.value * t.weight, e.value * e.weight);
    let share = if wt + we > 0.0 { wt / (wt + we) } else { 0.5 };
    // Neither part gets more points than its weight allows.
    let (max_t, max_e) = (t.weight * 100.0, e.weight * 100.0);
    let terms_points = (joint * share).min(max_t).max(joint - max_e).max(0.0);
    breakdown.terms.points = (terms_points * 10.0).round() / 10.0;
    breakdown.evidence.points = ((joint - terms_points) * 10.0).round() / 10.0;
    let mut total = joint;
    for p in [
        &mut breakdown.skills,
        &mut breakdown.experience,
        &mut breakdown.education,
        &mut breakdown.readability,
    ] {
        p.weight = norm(p.weight);
        let points = p.value * p.share * p.weight * 100.0;
        p.points = (points * 10.0).round() / 10.0;
        total += points;
    }
    total.clamp(0.0, 100.0)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::background::Spread;
    use crate::lexical::TermStats;
    use crate::profile::{Contact, SectionText};

    fn resume(text: &str) -> ResumeProfile {
        ResumeProfile {
            contact: Contact::default(),
            sections: vec![SectionText {
                section: Section::Experience,
                text: text.to_owned(),
            }],
            spans: Vec::new(),
            years: 0.0,
            stated_years: None,
            degree: None,
        }
    }

    fn calibration(terms: Spread) -> Calibration {
        Calibration {
            terms,
            meaning: Spread { mean: 0.2, sd: 0.1 },
            lead: Spread { mean: 0.2, sd: 0.1 },
            requirements: Vec::new(),
            avg_len: 10.0,
        }
    }

    #[test]
    fn fit_is_low_for_a_typical_resume_and_high_far_above_it() {
        assert!(fit(0.0) < 0.2);
        assert!((fit(FIT_MIDPOINT) - 0.5).abs() < 1e-6);
        assert!(fit(4.5) > 0.94);
        assert!((percent_below(0.0) - 50.0).abs() < 0.1);
        assert!((percent_below(1.96) - 97.5).abs() < 0.2);
        assert!(percent_below(-3.0) < 0.2);
    }

    #[test]
    fn terms_reward_the_rare_words_of_the_job() {
        let stats = TermStats::of(&[
            Doc::of("experience team work"),
            Doc::of("experience sales"),
            Doc::of("experience teaching"),
        ]);
        let q = Query::new(
            &[("Advocate: drafting plaints, experience", 1.0)],
            &stats,
            Lexicon::shipped(),
        );
        let cal = calibration(Spread { mean: 0.5, sd: 0.5 });
        let lawyer = terms(&q, &Doc::of("advocate drafting plaints"), &cal);
        let other = terms(&q, &Doc::of("ten years of experience"), &cal);
        assert!(
            lawyer.part.value > 0.9 && other.part.value < 0.4,
            "{} {}",
            lawyer.part.value,
            other.part.value
        );
        assert!(lawyer.found.contains(&"plaints".to_owned()));
        assert!(other.missing.contains(&"plaints".to_owned()));
    }

    #[test]
    fn two_skills_are_not_worth_the_whole_skills_part() {
        let lexicon = Lexicon::shipped();
        let two = crate::jd::parse("Requirements\n- Python\n- SQL", lexicon);
        let five = crate::jd::parse(
            "Requirements\n- Python\n- SQL\n- Docker\n- Kubernetes\n- PostgreSQL",
            lexicon,
        );
        let r = resume("Built services in Python and SQL");
        let a = skills(&two, &r, lexicon, &[]);
        let b = skills(&five, &r, lexicon, &[]);
        assert_eq!(a.part.value, 1.0);
        assert!(
            a.part.weight < b.part.weight,
            "{} {}",
            a.part.weight,
            b.part.weight
        );
        assert!((b.part.weight - WEIGHTS.skills).abs() < 1e-6);
    }

    #[test]
    fn profile_parts_count_in_proportion_to_relevance() {
        let job = crate::jd::parse("Requirements\n- 5+ years of sales", Lexicon::shipped());
        let mut r = resume("Mechanical engineer");
        r.years = 10.0;
        let unrelated = experience(&job, &r, 0.1);
        let related = experience(&job, &r, 0.9);
        assert_eq!(unrelated.value, 1.0);
        assert!(unrelated.share < related.share);
        let mut b = Breakdown {
            terms: part(0.1, 0.5, 1.0, String::new()),
            evidence: part(0.1, 0.5, 1.0, String::new()),
            skills: Part::default(),
            experience: unrelated,
            education: Part::default(),
            readability: Part::default(),
        };
        let low = combine(&mut b, 0.1);
        assert!(low < 20.0, "{low}");
        let sum: f32 = b.terms.points + b.evidence.points + b.experience.points;
        assert!((sum - low).abs() < 0.2);
    }

    #[test]
    fn one_passage_does_not_stand_for_every_requirement() {
        let job = crate::jd::parse(
            "Requirements\n- Lead generation\n- Key account management",
            Lexicon::shipped(),
        );
        // Passage 0 is a little closer to both requirements; passage 1 nearly as close to
        // the second.
        let reqs = vec![vec![1.0, 0.0, 0.0], vec![0.0, 1.0, 0.0]];
        let passages = vec![vec![0.6, 0.6, 0.529_15], vec![0.0, 0.58, 0.814_64]];
        let texts: Vec<crate::analysis::Passage> = ["summary", "accounts"]
            .iter()
            .map(|t| crate::analysis::Passage {
                section: Section::Experience,
                text: (*t).to_owned(),
            })
            .collect();
        let profile = resume("x");
        let stats = TermStats::default();
        let query = Query::new(&[], &stats, Lexicon::shipped());
        let cal = calibration(Spread { mean: 0.0, sd: 1.0 });
        let inputs = Inputs {
            job: &job,
            requirement_vectors: &reqs,
            job_vector: &[0.5, 0.5, 0.0],
            query: &query,
            job_shingles: &Default::default(),
            calibration: &cal,
            resume: &profile,
            doc: &Doc::default(),
            passages: &texts,
            passage_vectors: &passages,
            text_chars: 1000,
            warnings: &[],
        };
        let e = evidence(&inputs, &[false, false], false);
        let chosen: Vec<_> = e.items.iter().map(|i| i.passage.clone().unwrap()).collect();
        assert_eq!(chosen, ["summary", "accounts"]);
    }
}
