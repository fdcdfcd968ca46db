//! The evidence part: meaning, the whole resume and each requirement's closest passage.

use super::{fit, meaning_z, part, share_below};
use crate::analysis::{Evidence, Inputs, Part, WEIGHTS};
use crate::embed::cosine;
use crate::profile::Section;

/// How much a passage already standing for another requirement is marked down.
const REUSE_PENALTY: f32 = 0.04;
/// Fewest content words of a passage that can stand for a requirement: a one-word line
/// ("Hospital.") or a bare heading says nothing a requirement can be met by.
pub(in crate::analysis) const MIN_EVIDENCE_WORDS: usize = 3;

/// The evidence part and its items.
pub(in crate::analysis) struct EvidencePart {
    pub part: Part,
    pub items: Vec<Evidence>,
    /// Deviations above unrelated resumes: the resume's opening, its passages on average,
    /// the requirements' closest passages.
    pub signals: [f32; 3],
}

/// Meaning: the whole resume against the whole job, and each requirement's closest passage,
/// each against how unrelated resumes score. A passage already standing for a requirement is
/// marked down for the next, so one summary line does not stand for every requirement. A
/// requirement that asks for years of something is never met by a skills-list passage.
///
/// `left_out[p]`: passage `p` was copied from the job ([`copied_passages`]); `stuffed`: the
/// resume's skills list is a keyword dump, which then does not speak for the whole.
pub(in crate::analysis) fn evidence(
    inputs: &Inputs<'_>,
    left_out: &[bool],
    stuffed: bool,
) -> EvidencePart {
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
    let long_enough: Vec<bool> = (0..vectors.len())
        .map(|p| {
            inputs
                .passages
                .get(p)
                .is_some_and(|p| crate::text::terms(&p.text).len() >= MIN_EVIDENCE_WORDS)
        })
        .collect();
    let mut uses = vec![0u32; vectors.len()];
    let mut items: Vec<Option<Evidence>> = vec![None; inputs.requirement_vectors.len()];
    let (mut z_sum, mut w_sum) = (0.0f32, 0.0f32);
    for i in order {
        let req_vector = &inputs.requirement_vectors[i];
        let Some(requirement) = inputs.job.requirements.get(i) else {
            continue;
        };
        // "5+ years of Go" is met by work done over years, not by a skills line naming Go.
        let asks_years = crate::facts::years_required(&requirement.text).is_some();
        let best = rest
            .iter()
            .filter(|&&p| !(asks_years && inputs.passages[p].section == Section::Skills))
            .filter(|&&p| long_enough[p])
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
    let strong = items
        .iter()
        .filter(|e| e.strength >= crate::analysis::STRONG_MATCH)
        .count();
    let detail = if items.is_empty() {
        format!(
            "the resume as a whole reads closer to the job than {} of unrelated resumes",
            share_below(meaning_z(z_lead, z_mean, z_lead))
        )
    } else {
        format!(
            "{strong} of {} requirements have a closely matching passage; as a whole the resume reads closer to the job than {} of unrelated resumes",
            items.len(),
            share_below(z)
        )
    };
    EvidencePart {
        part: part(fit(z), WEIGHTS.evidence, 1.0, detail),
        items,
        signals: [z_lead, z_mean, z_requirements],
    }
}
