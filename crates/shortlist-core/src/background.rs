//! The background: what unrelated resumes look like to the engine. A corpus of real resumes
//! from many occupations (the CC0 `ner-resumes` set, `tests/fixtures/ner-eval/dev`), shipped
//! as term statistics and embedding vectors, against which every signal of the score is
//! calibrated: a resume's fit for a job is how far it stands above what a typical resume of
//! any occupation scores for that job. So the same score means the same fit across jobs, and
//! a rare term of the job ("plaints") weighs more than a common one ("experience").
//!
//! Files (`data/background/`, written by `shortlist eval --write-background`):
//! - `terms.txt`: one line per resume, its content terms and phrases as `term=count`
//!   separated by tabs;
//! - `vectors.bin`: `u32` resume count, one `u32` vector count per resume, then every
//!   vector, resume by resume, as an `f32` scale and [`DIM`] `i8` components: first the
//!   resume's lead passage (its opening), then a sample of its other passages.

use std::sync::OnceLock;

use crate::embed::{cosine, DIM};
use crate::lexical::{Doc, Query, TermStats};

/// The shipped term lists.
const TERMS: &str = include_str!("../data/background/terms.txt");
/// The shipped vectors.
const VECTORS: &[u8] = include_bytes!("../data/background/vectors.bin");
/// Passages kept per background resume at most (evenly spaced through the resume).
pub const MAX_PASSAGES_PER_RESUME: usize = 16;

/// A mean and a standard deviation.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Spread {
    pub mean: f32,
    /// Standard deviation (never zero).
    pub sd: f32,
}

impl Spread {
    /// The spread of `values` (mean 0, deviation 1 when there are too few to tell).
    pub fn of(values: impl IntoIterator<Item = f32>) -> Spread {
        let values: Vec<f32> = values.into_iter().collect();
        if values.len() < 2 {
            return Spread { mean: 0.0, sd: 1.0 };
        }
        let n = values.len() as f32;
        let mean = values.iter().sum::<f32>() / n;
        let var = values.iter().map(|v| (v - mean).powi(2)).sum::<f32>() / n;
        Spread {
            mean,
            sd: var.sqrt().max(1e-6),
        }
    }

    /// How many deviations `x` stands above the mean.
    pub fn z(&self, x: f32) -> f32 {
        (x - self.mean) / self.sd
    }
}

/// The background corpus.
#[derive(Debug, Default)]
pub struct Background {
    /// Each resume's terms.
    pub docs: Vec<Doc>,
    /// Their statistics.
    pub stats: TermStats,
    /// Each resume's passage vectors (a sample, without the lead).
    pub passages: Vec<Vec<Vec<f32>>>,
    /// Each resume's lead vector (its opening as one text).
    pub leads: Vec<Vec<f32>>,
    /// Each resume's mean passage vector (normalised).
    pub resume_vectors: Vec<Vec<f32>>,
}

/// The normalised mean of `vectors` (empty when there are none).
pub fn mean_vector(vectors: &[Vec<f32>]) -> Vec<f32> {
    let Some(first) = vectors.first() else {
        return Vec::new();
    };
    let mut sum = vec![0f32; first.len()];
    for v in vectors {
        for (s, x) in sum.iter_mut().zip(v) {
            *s += x;
        }
    }
    crate::embed::normalize(&mut sum);
    sum
}

/// Encodes one resume's terms as a line of `terms.txt`.
pub fn terms_line(doc: &Doc) -> String {
    let mut terms: Vec<(&String, &f32)> = doc.counts.iter().collect();
    terms.sort_by(|a, b| a.0.cmp(b.0));
    terms
        .iter()
        .map(|(t, c)| format!("{t}={c}"))
        .collect::<Vec<_>>()
        .join("\t")
}

fn parse_terms_line(line: &str) -> Doc {
    let mut doc = Doc::default();
    for item in line.split('\t') {
        if let Some((term, count)) = item.rsplit_once('=') {
            let count: f32 = count.parse().unwrap_or(0.0);
            if !term.contains(' ') {
                doc.len += count;
            }
            doc.counts.insert(term.to_owned(), count);
        }
    }
    doc
}

/// Encodes each resume's passage vectors as `vectors.bin`.
pub fn encode_vectors(resumes: &[Vec<Vec<f32>>]) -> Vec<u8> {
    let mut out = Vec::new();
    out.extend_from_slice(&(resumes.len() as u32).to_le_bytes());
    for r in resumes {
        out.extend_from_slice(&(r.len() as u32).to_le_bytes());
    }
    for v in resumes.iter().flatten() {
        let max = v.iter().fold(0f32, |m, x| m.max(x.abs())).max(1e-9);
        let scale = max / 127.0;
        out.extend_from_slice(&scale.to_le_bytes());
        out.extend(v.iter().map(|x| (x / scale).round() as i8 as u8));
    }
    out
}

fn decode_vectors(bytes: &[u8]) -> Vec<Vec<Vec<f32>>> {
    let word = |i: usize| -> Option<usize> {
        bytes
            .get(i..i + 4)
            .map(|b| u32::from_le_bytes([b[0], b[1], b[2], b[3]]) as usize)
    };
    let Some(resumes) = word(0) else {
        return Vec::new();
    };
    let counts: Option<Vec<usize>> = (0..resumes).map(|i| word(4 + 4 * i)).collect();
    let Some(counts) = counts else {
        return Vec::new();
    };
    let record = 4 + DIM;
    let mut chunks = bytes
        .get(4 + 4 * resumes..)
        .unwrap_or_default()
        .chunks_exact(record)
        .map(|chunk| {
            let scale = f32::from_le_bytes([chunk[0], chunk[1], chunk[2], chunk[3]]);
            chunk[4..]
                .iter()
                .map(|&b| f32::from(b as i8) * scale)
                .collect::<Vec<f32>>()
        });
    let mut out = Vec::with_capacity(resumes);
    for n in counts {
        let group: Vec<Vec<f32>> = chunks.by_ref().take(n).collect();
        if group.len() != n {
            return Vec::new();
        }
        out.push(group);
    }
    out
}

impl Background {
    /// The shipped background, parsed once.
    pub fn shipped() -> &'static Background {
        static SHIPPED: OnceLock<Background> = OnceLock::new();
        SHIPPED.get_or_init(|| Background::parse(TERMS, VECTORS))
    }

    /// A background from the two files' contents.
    pub fn parse(terms: &str, vectors: &[u8]) -> Background {
        // One line per resume, empty lines included (a resume with no content words).
        let docs: Vec<Doc> = terms.split_terminator('\n').map(parse_terms_line).collect();
        let stats = TermStats::of(&docs);
        let mut passages = decode_vectors(vectors);
        let leads = passages
            .iter_mut()
            .map(|p| {
                if p.is_empty() {
                    Vec::new()
                } else {
                    p.remove(0)
                }
            })
            .collect();
        let resume_vectors = passages.iter().map(|p| mean_vector(p)).collect();
        Background {
            docs,
            stats,
            passages,
            leads,
            resume_vectors,
        }
    }

    /// How background resumes score for `query` (BM25).
    pub fn terms_spread(&self, query: &Query) -> Spread {
        Spread::of(self.docs.iter().map(|d| query.bm25(d, self.stats.avg_len)))
    }

    /// How close background resumes come to `vector` as a whole (their mean passage vector).
    pub fn resume_spread(&self, vector: &[f32]) -> Spread {
        Spread::of(
            self.resume_vectors
                .iter()
                .filter(|v| !v.is_empty())
                .map(|v| cosine(v, vector)),
        )
    }

    /// How close the opening of background resumes comes to `vector`.
    pub fn lead_spread(&self, vector: &[f32]) -> Spread {
        Spread::of(
            self.leads
                .iter()
                .filter(|v| !v.is_empty())
                .map(|v| cosine(v, vector)),
        )
    }

    /// How close the closest passage of each background resume comes to `vector`.
    pub fn best_passage_spread(&self, vector: &[f32]) -> Spread {
        Spread::of(
            self.passages
                .iter()
                .filter(|p| !p.is_empty())
                .map(|p| p.iter().map(|v| cosine(v, vector)).fold(f32::MIN, f32::max)),
        )
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn files_round_trip() {
        let doc = Doc::of("Payroll and payroll audits; key accounts");
        let line = terms_line(&doc);
        assert_eq!(parse_terms_line(&line), doc);
        let a: Vec<f32> = (0..DIM).map(|i| (i as f32 / DIM as f32) - 0.5).collect();
        let b: Vec<f32> = (0..DIM).map(|i| ((i * 7) % 13) as f32 / 100.0).collect();
        let bg = Background::parse(
            &line,
            &encode_vectors(&[vec![a.clone(), b.clone()], vec![b.clone()]]),
        );
        assert_eq!(bg.docs.len(), 1);
        assert_eq!(bg.passages.len(), 2);
        assert!(cosine(&bg.leads[0], &a) > 0.999);
        assert!(cosine(&bg.passages[0][0], &b) > 0.999);
        assert!(bg.passages[1].is_empty() && cosine(&bg.leads[1], &b) > 0.999);
    }

    #[test]
    fn the_shipped_background_is_whole() {
        let bg = Background::shipped();
        assert!(bg.docs.len() >= 300, "{} resumes", bg.docs.len());
        assert_eq!(bg.passages.len(), bg.docs.len());
        assert!(bg.passages.iter().map(Vec::len).sum::<usize>() >= 1000);
    }

    #[test]
    fn spreads() {
        let s = Spread::of([1.0, 2.0, 3.0]);
        assert!((s.mean - 2.0).abs() < 1e-6);
        assert!(s.z(2.0).abs() < 1e-6 && s.z(4.0) > 2.0);
        assert_eq!(Spread::of([]), Spread { mean: 0.0, sd: 1.0 });
    }
}
