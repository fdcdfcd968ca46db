//! Ranking quality on a labelled set: the engine against two baselines, in one run.
//!
//! A set is a folder with `jobs/<key>.txt`, `resumes/*.pdf` and `labels.tsv`
//! (`job<TAB>resume file<TAB>relevance 0–3`). Each method ranks every resume for every job;
//! we report NDCG@10 (graded gain `2^rel − 1`) and pairwise accuracy (share of pairs with
//! different labels that the method orders correctly; ties count half), averaged over jobs.
//!
//! Baselines: BM25 (k1 1.2, b 0.75) of the job description over the resume text, and the
//! cosine of whole-resume and whole-description embeddings.

use std::collections::{BTreeMap, HashMap};
use std::path::{Path, PathBuf};

use serde::Serialize;
use time::OffsetDateTime;

use crate::embed::{cosine, Embedder};
use crate::error::{Error, Result};
use crate::job::JobDraft;
use crate::pdf::PdfReader;
use crate::store::{IngestTools, Store};

/// A labelled set.
#[derive(Debug, Clone)]
pub struct LabelledSet {
    /// Job key → description.
    pub jobs: BTreeMap<String, String>,
    /// The resume PDFs.
    pub resumes: Vec<PathBuf>,
    /// (job key, resume file name) → relevance.
    pub labels: HashMap<(String, String), u8>,
}

impl LabelledSet {
    /// Reads a set from `dir`.
    pub fn load(dir: &Path) -> Result<LabelledSet> {
        let mut jobs = BTreeMap::new();
        let jobs_dir = dir.join("jobs");
        let entries =
            std::fs::read_dir(&jobs_dir).map_err(|e| Error::io("listing", &jobs_dir, e))?;
        for entry in entries.flatten() {
            let path = entry.path();
            if path.extension().is_some_and(|e| e == "txt") {
                let key = path
                    .file_stem()
                    .map(|s| s.to_string_lossy().into_owned())
                    .unwrap_or_default();
                let text =
                    std::fs::read_to_string(&path).map_err(|e| Error::io("reading", &path, e))?;
                jobs.insert(key, text);
            }
        }
        let (resumes, _) = crate::import::collect_pdfs(&[dir.join("resumes")]);
        let labels_path = dir.join("labels.tsv");
        let text = std::fs::read_to_string(&labels_path)
            .map_err(|e| Error::io("reading", &labels_path, e))?;
        let mut labels = HashMap::new();
        for line in text
            .lines()
            .filter(|l| !l.starts_with('#') && !l.trim().is_empty())
        {
            let f: Vec<&str> = line.split('\t').collect();
            let [job, file, rel] = f.as_slice() else {
                return Err(Error::invalid("labels.tsv", format!("bad line: {line}")));
            };
            let rel: u8 = rel
                .trim()
                .parse()
                .map_err(|_| Error::invalid("labels.tsv", format!("bad relevance: {line}")))?;
            labels.insert(((*job).to_owned(), (*file).to_owned()), rel);
        }
        Ok(LabelledSet {
            jobs,
            resumes,
            labels,
        })
    }
}

/// NDCG@k of a ranking, given the labels in ranked order.
pub fn ndcg_at(k: usize, ranked: &[u8]) -> f64 {
    let dcg = |labels: &[u8]| -> f64 {
        labels
            .iter()
            .take(k)
            .enumerate()
            .map(|(i, &rel)| (2f64.powi(i32::from(rel)) - 1.0) / (i as f64 + 2.0).log2())
            .sum()
    };
    let mut ideal = ranked.to_vec();
    ideal.sort_unstable_by(|a, b| b.cmp(a));
    let best = dcg(&ideal);
    if best == 0.0 {
        1.0
    } else {
        dcg(ranked) / best
    }
}

/// Share of differently-labelled pairs that `scores` order the same way as `labels`.
pub fn pairwise_accuracy(scores: &[f64], labels: &[u8]) -> f64 {
    let (mut right, mut total) = (0.0, 0.0);
    for i in 0..scores.len() {
        for j in 0..scores.len() {
            if labels[i] > labels[j] {
                total += 1.0;
                if scores[i] > scores[j] {
                    right += 1.0;
                } else if scores[i] == scores[j] {
                    right += 0.5;
                }
            }
        }
    }
    if total == 0.0 {
        1.0
    } else {
        right / total
    }
}

const STOPWORDS: [&str; 40] = [
    "a", "an", "and", "are", "as", "at", "be", "by", "for", "from", "in", "is", "it", "of", "on",
    "or", "our", "that", "the", "this", "to", "we", "with", "you", "your", "will", "have", "has",
    "who", "what", "can", "all", "not", "but", "into", "their", "they", "us", "about", "more",
];

fn tokens(text: &str) -> Vec<String> {
    text.to_lowercase()
        .split(|c: char| !(c.is_alphanumeric() || c == '+' || c == '#'))
        .filter(|t| !t.is_empty() && !STOPWORDS.contains(t))
        .map(str::to_owned)
        .collect()
}

/// BM25 scores of `query` against each of `docs`.
pub fn bm25(query: &str, docs: &[String]) -> Vec<f64> {
    let (k1, b) = (1.2, 0.75);
    let docs: Vec<Vec<String>> = docs.iter().map(|d| tokens(d)).collect();
    let n = docs.len() as f64;
    let avg = docs.iter().map(Vec::len).sum::<usize>() as f64 / n.max(1.0);
    let mut df: HashMap<&str, usize> = HashMap::new();
    for d in &docs {
        let mut seen: Vec<&str> = d.iter().map(String::as_str).collect();
        seen.sort_unstable();
        seen.dedup();
        for t in seen {
            *df.entry(t).or_default() += 1;
        }
    }
    let query = tokens(query);
    docs.iter()
        .map(|d| {
            let len = d.len() as f64;
            query
                .iter()
                .map(|q| {
                    let f = d.iter().filter(|t| *t == q).count() as f64;
                    let n_q = *df.get(q.as_str()).unwrap_or(&0) as f64;
                    let idf = ((n - n_q + 0.5) / (n_q + 0.5) + 1.0).ln();
                    idf * f * (k1 + 1.0) / (f + k1 * (1.0 - b + b * len / avg.max(1.0)))
                })
                .sum()
        })
        .collect()
}

/// One method's figures.
#[derive(Debug, Clone, Serialize)]
pub struct MethodResult {
    /// The method.
    pub method: String,
    /// Mean NDCG@10 over jobs.
    pub ndcg10: f64,
    /// Mean pairwise accuracy over jobs.
    pub pairwise: f64,
    /// Per job: (key, NDCG@10, pairwise).
    pub per_job: Vec<(String, f64, f64)>,
}

/// The result of an evaluation.
#[derive(Debug, Clone, Serialize)]
pub struct EvalReport {
    /// Jobs evaluated.
    pub jobs: usize,
    /// Resumes evaluated.
    pub resumes: usize,
    /// Engine first, then the baselines.
    pub methods: Vec<MethodResult>,
}

fn summarise(method: &str, per_job: Vec<(String, f64, f64)>) -> MethodResult {
    let n = per_job.len().max(1) as f64;
    MethodResult {
        method: method.to_owned(),
        ndcg10: per_job.iter().map(|r| r.1).sum::<f64>() / n,
        pairwise: per_job.iter().map(|r| r.2).sum::<f64>() / n,
        per_job,
    }
}

/// Runs the engine and the baselines on `set`, using a fresh store in `scratch`.
pub fn run(
    set: &LabelledSet,
    pdf: &PdfReader,
    embedder: &Embedder,
    scratch: &Path,
    now: OffsetDateTime,
) -> Result<EvalReport> {
    let (store, _) = Store::open(scratch)?;
    let tools = IngestTools::new(pdf, embedder, None);
    // Import once; remember each resume's file name, id and text.
    let mut docs: Vec<(String, crate::id::ResumeId, String)> = Vec::new();
    for path in &set.resumes {
        let name = path
            .file_name()
            .map(|n| n.to_string_lossy().into_owned())
            .unwrap_or_default();
        let bytes = std::fs::read(path).map_err(|e| Error::io("reading", path, e))?;
        let outcome = store.ingest_pdf(&tools, &name, bytes, now)?;
        let id = outcome.resume().id.clone();
        let text = store.resume_text(&id)?;
        docs.push((name, id, text));
    }
    let texts: Vec<String> = docs.iter().map(|d| d.2.clone()).collect();
    let resume_vectors = embedder.embed(&texts)?;

    let (mut engine, mut bm25_rows, mut cosine_rows) = (Vec::new(), Vec::new(), Vec::new());
    for (key, description) in &set.jobs {
        let job = store.add_job(
            JobDraft {
                company: "Eval".into(),
                role: key.clone(),
                description: description.clone(),
            },
            now,
        )?;
        let prepared = store.prepare_job(embedder, &job.id)?;
        let labels: Vec<u8> = docs
            .iter()
            .map(|d| *set.labels.get(&(key.clone(), d.0.clone())).unwrap_or(&0))
            .collect();
        let mut engine_scores = Vec::new();
        for d in &docs {
            let a = store.analyze(embedder, &prepared, &d.1, now)?;
            engine_scores.push(f64::from(a.score));
        }
        let bm25_scores = bm25(description, &texts);
        let jd_vector = embedder.embed_one(description)?;
        let cosine_scores: Vec<f64> = resume_vectors
            .iter()
            .map(|v| f64::from(cosine(v, &jd_vector)))
            .collect();
        for (rows, scores) in [
            (&mut engine, engine_scores),
            (&mut bm25_rows, bm25_scores),
            (&mut cosine_rows, cosine_scores),
        ] {
            let mut order: Vec<usize> = (0..scores.len()).collect();
            // Best first; equal scores keep file order, which is alphabetical (no favour).
            order.sort_by(|&a, &b| scores[b].total_cmp(&scores[a]));
            let ranked: Vec<u8> = order.iter().map(|&i| labels[i]).collect();
            rows.push((
                key.clone(),
                ndcg_at(10, &ranked),
                pairwise_accuracy(&scores, &labels),
            ));
        }
    }
    Ok(EvalReport {
        jobs: set.jobs.len(),
        resumes: docs.len(),
        methods: vec![
            summarise("shortlist engine", engine),
            summarise("BM25 (job text over resume text)", bm25_rows),
            summarise("cosine (whole resume vs whole job)", cosine_rows),
        ],
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ndcg_is_one_for_the_ideal_order_and_less_otherwise() {
        assert!((ndcg_at(10, &[3, 2, 1, 0]) - 1.0).abs() < 1e-12);
        assert!(ndcg_at(10, &[0, 1, 2, 3]) < 0.7);
        assert!((ndcg_at(10, &[0, 0]) - 1.0).abs() < 1e-12);
    }

    #[test]
    fn pairwise_counts_ties_as_half() {
        assert!((pairwise_accuracy(&[3.0, 2.0, 1.0], &[2, 1, 0]) - 1.0).abs() < 1e-12);
        assert!((pairwise_accuracy(&[1.0, 2.0, 3.0], &[2, 1, 0])).abs() < 1e-12);
        assert!((pairwise_accuracy(&[1.0, 1.0], &[1, 0]) - 0.5).abs() < 1e-12);
    }

    #[test]
    fn bm25_prefers_documents_with_rare_query_terms() {
        let docs = vec![
            "rust postgres kubernetes".to_owned(),
            "excel sales retail".to_owned(),
            "rust".to_owned(),
        ];
        let s = bm25("Rust and Kubernetes", &docs);
        assert!(s[0] > s[2] && s[2] > s[1], "{s:?}");
    }
}
