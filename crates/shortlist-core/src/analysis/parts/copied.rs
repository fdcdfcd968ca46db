//! Text copied from the job description: the job's word pairs, and the passages of a resume
//! made mostly of them.

use crate::profile::Section;

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
pub(in crate::analysis) fn copied_share(
    text: &str,
    job: &std::collections::HashSet<String>,
) -> f32 {
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
pub(in crate::analysis) fn copied_passages(
    passages: &[crate::analysis::Passage],
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
pub(in crate::analysis) const COPIED: f32 = 0.6;
/// The lead passage (the resume's opening, 200 words) counts for nothing from this share on.
pub(in crate::analysis) const COPIED_LEAD: f32 = 0.35;
