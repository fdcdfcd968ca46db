//! One function per part of the score, and their combination. Pure: hand-made inputs and
//! small vectors test each (see `tests.rs`); no PDFium or model needed.

mod copied;
mod evidence;
mod skills;
mod terms;
mod work;

#[cfg(test)]
mod tests;

use super::{Breakdown, Part};

pub(super) use copied::copied_passages;
pub use copied::shingles;
pub(super) use evidence::evidence;
pub(super) use skills::{listed_and_shown, skills};
pub(super) use terms::terms;
pub(super) use work::{education, experience, readability};

/// Where the fit curve passes one half, in deviations above a typical unrelated resume.
const FIT_MIDPOINT: f32 = 1.5;

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

/// [`percent_below`] in words for a part's reason: "97 %", but "over 99 %" and "under 1 %" at
/// the ends, where a rounded "100 %" of unrelated resumes would claim more than was measured.
fn share_below(z: f32) -> String {
    match percent_below(z) {
        p if p >= 99.5 => "over 99 %".to_owned(),
        p if p < 0.5 => "under 1 %".to_owned(),
        p => format!("{} %", p.round()),
    }
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
    // A part whose signal is absent (no term of the job found, no passage as evidence) gets
    // none: what the other cannot hold is not handed to it.
    let (max_t, max_e) = (
        if t.value > 0.0 { t.weight * 100.0 } else { 0.0 },
        if e.value > 0.0 { e.weight * 100.0 } else { 0.0 },
    );
    let terms_points = (joint * share).max(joint - max_e).clamp(0.0, max_t);
    let evidence_points = (joint - terms_points).clamp(0.0, max_e);
    breakdown.terms.points = (terms_points * 10.0).round() / 10.0;
    breakdown.evidence.points = (evidence_points * 10.0).round() / 10.0;
    let mut total = terms_points + evidence_points;
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
