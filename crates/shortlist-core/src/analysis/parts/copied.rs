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

/// The share of `text`'s content words that stand in a run of at least three words the job
/// description has in the same order (two overlapping pairs of it): text copied (or nearly
/// copied) from the job rather than written about the candidate. Honest resumes share a
/// phrase here and there ("retail sales"), and a skills list names the job's own two-word
/// skills ("lead generation, cold calling"), so a pair alone is not a copy; pasted sentences
/// and bullets run on for many words.
pub(in crate::analysis) fn copied_share(
    text: &str,
    job: &std::collections::HashSet<String>,
) -> f32 {
    let (mut words, mut covered) = (0usize, 0usize);
    let lines = text.lines().map(|line| {
        let clauses: Vec<Vec<String>> = line
            .split(['.', ';', '!', '?', '(', ')'])
            .map(crate::text::terms)
            .filter(|t| !t.is_empty())
            .collect();
        clauses
    });
    for clauses in lines {
        let sentence = clauses.len() > 1;
        for terms in clauses {
            let mut hit = vec![false; terms.len()];
            let pairs: Vec<bool> = terms
                .windows(2)
                .map(|w| job.contains(&w.join(" ")))
                .collect();
            for (i, run) in pairs.windows(2).enumerate() {
                if run[0] && run[1] {
                    hit[i..i + 3].iter_mut().for_each(|h| *h = true);
                }
            }
            // A clause of two words inside a longer line ("CRM experience (e.g. Salesforce);
            // …") that is a pair of the job's is a piece of a copied sentence; a two-word line
            // of its own is a skill named.
            if sentence && pairs == [true] {
                hit.iter_mut().for_each(|h| *h = true);
            }
            words += terms.len();
            covered += hit.iter().filter(|h| **h).count();
        }
    }
    if words < 4 {
        0.0
    } else {
        covered as f32 / words as f32
    }
}

/// For each passage, whether it was copied from the job (the lead passage, the resume's
/// opening, from a lower share when it is long: then it mixes the resume's own text in; a
/// lead no longer than a passage is the whole of a short resume, held to a passage's share).
pub(in crate::analysis) fn copied_passages(
    passages: &[crate::analysis::Passage],
    job: &std::collections::HashSet<String>,
) -> Vec<bool> {
    passages
        .iter()
        .map(|p| {
            let long = p.text.split_whitespace().count() > super::super::passages::PASSAGE_WORDS;
            let limit = if p.section == Section::Lead && long {
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
