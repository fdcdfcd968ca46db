//! The terms part: the job's words and phrases in the resume.

use super::{fit, part, percent, share_below};
use crate::analysis::{Calibration, Part, WEIGHTS};
use crate::lexical::{Doc, Query};

/// Terms shown as found or missing.
const SHOWN_TERMS: usize = 8;

/// The terms part and the terms behind it.
pub(in crate::analysis) struct TermsPart {
    pub part: Part,
    pub z: f32,
    pub found: Vec<String>,
    pub missing: Vec<String>,
}

/// The job's terms and phrases in the resume: BM25 with background IDF, against how
/// unrelated resumes score for the same terms.
pub(in crate::analysis) fn terms(query: &Query, doc: &Doc, calibration: &Calibration) -> TermsPart {
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
    // A skill and the phrase that names it ("Closing deals", "closing deals") show once.
    let shown = |terms: Vec<(&str, f32)>| -> Vec<String> {
        let mut out: Vec<String> = Vec::new();
        for (t, _) in terms {
            let surface = query.surface(t);
            if !out.iter().any(|o| o.eq_ignore_ascii_case(surface)) {
                out.push(surface.to_owned());
            }
            if out.len() == SHOWN_TERMS {
                break;
            }
        }
        out
    };
    let found_words = shown(found);
    let missing_words = shown(query.missing(doc));
    let coverage = covered / total.max(f32::MIN_POSITIVE);
    let detail = format!(
        "{} of the job's weighted words and phrases appear{}; more than in {} of unrelated resumes",
        match percent(coverage) {
            0 if coverage > 0.0 => "under 1 %".to_owned(),
            p => format!("{p} %"),
        },
        if found_words.is_empty() {
            String::new()
        } else {
            format!(" ({})", found_words[..found_words.len().min(4)].join(", "))
        },
        share_below(z)
    );
    // None of the job's words: no share of the points, however the curve reads that z.
    let value = if found_words.is_empty() { 0.0 } else { fit(z) };
    TermsPart {
        part: part(value, WEIGHTS.terms, 1.0, detail),
        z,
        found: found_words,
        missing: missing_words,
    }
}
