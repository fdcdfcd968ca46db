//! Ranking quality on a labelled set: the engine against three baselines, in one run.
//!
//! A set is a folder with `jobs/<key>.txt` (one job description per occupation; its first line
//! is the role when it is a short title), `resumes/*.pdf` or `resumes/*.txt`, `labels.tsv`
//! (`job<TAB>resume file<TAB>relevance 0–3`, missing pairs are 0). Each method ranks every
//! resume for every job; per job (= per occupation) we report NDCG@10 (graded gain
//! `2^rel − 1`), P@5 (share of the top five with the job's highest label) and pairwise accuracy
//! (share of differently labelled pairs ordered right; ties count half), then the means.
//!
//! Baselines: BM25 (k1 1.2, b 0.75, IDF over the set's resumes) of the job description over the
//! resume text; the MiniLM cosine of the whole resume (first 256 tokens) and the whole
//! description; and their fusion, the two scores' z-scores over the set summed per job.
//!
//! Embeddings are cached by text hash in a file under `cache` (per model), so a second run
//! embeds only what changed.

use std::collections::{BTreeMap, HashMap};
use std::io::{Read, Write};
use std::path::{Path, PathBuf};

use serde::Serialize;
use sha2::{Digest, Sha256};
use time::OffsetDateTime;

use crate::embed::{cosine, Embedder, DIM, MODEL_ID};
use crate::engine::{PreparedJob, PreparedResume};
use crate::error::{Error, Result};
use crate::id::JobId;
use crate::job::Job;
use crate::pdf::{PdfLimits, PdfReader};
use crate::resume::{warnings_for, ExtractionWarning};

/// Largest resume text file read, in bytes.
const MAX_TEXT_BYTES: u64 = 2 << 20;

/// A labelled set.
#[derive(Debug, Clone)]
pub struct LabelledSet {
    /// Job key → description.
    pub jobs: BTreeMap<String, String>,
    /// The resume files (PDF or plain text).
    pub resumes: Vec<PathBuf>,
    /// (job key, resume file name) → relevance.
    pub labels: HashMap<(String, String), u8>,
}

fn read_text(path: &Path) -> Result<String> {
    let file = std::fs::File::open(path).map_err(|e| Error::io("reading", path, e))?;
    let mut text = String::new();
    file.take(MAX_TEXT_BYTES)
        .read_to_string(&mut text)
        .map_err(|e| Error::io("reading", path, e))?;
    Ok(text)
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
                jobs.insert(key, read_text(&path)?);
            }
        }
        let resumes_dir = dir.join("resumes");
        let mut resumes: Vec<PathBuf> = std::fs::read_dir(&resumes_dir)
            .map_err(|e| Error::io("listing", &resumes_dir, e))?
            .flatten()
            .map(|e| e.path())
            .filter(|p| {
                p.extension()
                    .is_some_and(|e| e.eq_ignore_ascii_case("pdf") || e == "txt")
            })
            .collect();
        resumes.sort();
        let labels_path = dir.join("labels.tsv");
        let text = read_text(&labels_path)?;
        let mut labels = HashMap::new();
        for line in text
            .lines()
            .filter(|l| !l.starts_with('#') && !l.trim().is_empty())
        {
            let f: Vec<&str> = line.split('\t').collect();
            let [job, file, rel] = f.as_slice() else {
                return Err(Error::invalid("labels.tsv", "a line without three fields"));
            };
            let rel: u8 = rel
                .trim()
                .parse()
                .map_err(|_| Error::invalid("labels.tsv", "a relevance that is not 0–3"))?;
            labels.insert(((*job).to_owned(), (*file).to_owned()), rel);
        }
        Ok(LabelledSet {
            jobs,
            resumes,
            labels,
        })
    }

    fn label(&self, job: &str, file: &str) -> u8 {
        *self
            .labels
            .get(&(job.to_owned(), file.to_owned()))
            .unwrap_or(&0)
    }
}

/// Embeddings by text, kept in a file between runs.
#[derive(Debug)]
pub struct VectorCache {
    path: PathBuf,
    vectors: HashMap<[u8; 32], Vec<f32>>,
    fresh: Vec<([u8; 32], Vec<f32>)>,
}

fn text_key(text: &str) -> [u8; 32] {
    Sha256::digest(text.as_bytes()).into()
}

impl VectorCache {
    /// Opens (or starts) the cache in `dir`.
    pub fn open(dir: &Path) -> Result<VectorCache> {
        std::fs::create_dir_all(dir).map_err(|e| Error::io("creating", dir, e))?;
        let path = dir.join(format!("vectors-{MODEL_ID}.bin"));
        let mut vectors = HashMap::new();
        if let Ok(bytes) = std::fs::read(&path) {
            let record = 32 + DIM * 4;
            for chunk in bytes.chunks_exact(record) {
                let mut key = [0u8; 32];
                key.copy_from_slice(&chunk[..32]);
                let v = chunk[32..]
                    .chunks_exact(4)
                    .map(|b| f32::from_le_bytes([b[0], b[1], b[2], b[3]]))
                    .collect();
                vectors.insert(key, v);
            }
        }
        Ok(VectorCache {
            path,
            vectors,
            fresh: Vec::new(),
        })
    }

    /// Vectors of `texts`, embedding those not cached.
    pub fn embed<S: AsRef<str>>(
        &mut self,
        embedder: &Embedder,
        texts: &[S],
    ) -> Result<Vec<Vec<f32>>> {
        let missing: Vec<&str> = texts
            .iter()
            .map(AsRef::as_ref)
            .filter(|t| !self.vectors.contains_key(&text_key(t)))
            .collect();
        if !missing.is_empty() {
            let vectors = embedder.embed(&missing)?;
            for (t, v) in missing.iter().zip(vectors) {
                let key = text_key(t);
                if !self.vectors.contains_key(&key) {
                    self.fresh.push((key, v.clone()));
                    self.vectors.insert(key, v);
                }
            }
        }
        Ok(texts
            .iter()
            .map(|t| self.vectors[&text_key(t.as_ref())].clone())
            .collect())
    }

    /// Appends the vectors embedded since opening to the file.
    pub fn save(&mut self) -> Result<()> {
        if self.fresh.is_empty() {
            return Ok(());
        }
        let mut file = std::fs::OpenOptions::new()
            .create(true)
            .append(true)
            .open(&self.path)
            .map_err(|e| Error::io("writing", &self.path, e))?;
        let mut bytes = Vec::with_capacity(self.fresh.len() * (32 + DIM * 4));
        for (key, v) in self.fresh.drain(..) {
            bytes.extend_from_slice(&key);
            for x in v {
                bytes.extend_from_slice(&x.to_le_bytes());
            }
        }
        file.write_all(&bytes)
            .map_err(|e| Error::io("writing", &self.path, e))
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

/// One job's figures for one method.
#[derive(Debug, Clone, Serialize)]
pub struct JobFigures {
    /// The job (occupation) key.
    pub job: String,
    /// NDCG@10.
    pub ndcg10: f64,
    /// Precision at 5 (share of the top five with the job's highest label).
    pub p5: f64,
    /// Pairwise accuracy.
    pub pairwise: f64,
}

/// One method's figures.
#[derive(Debug, Clone, Serialize)]
pub struct MethodResult {
    /// The method.
    pub method: String,
    /// Mean NDCG@10 over jobs.
    pub ndcg10: f64,
    /// Mean P@5 over jobs.
    pub p5: f64,
    /// Mean pairwise accuracy over jobs.
    pub pairwise: f64,
    /// Per job.
    pub per_job: Vec<JobFigures>,
}

impl MethodResult {
    /// This method's figures for `job`.
    pub fn job(&self, job: &str) -> Option<&JobFigures> {
        self.per_job.iter().find(|f| f.job == job)
    }
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

/// The method names, in report order.
pub const METHODS: [&str; 4] = [
    "shortlist engine",
    "BM25 (job text over resume text)",
    "MiniLM cosine (whole resume vs whole job)",
    "BM25 + MiniLM z-score fusion",
];

fn summarise(method: &str, per_job: Vec<JobFigures>) -> MethodResult {
    let n = per_job.len().max(1) as f64;
    MethodResult {
        method: method.to_owned(),
        ndcg10: per_job.iter().map(|r| r.ndcg10).sum::<f64>() / n,
        p5: per_job.iter().map(|r| r.p5).sum::<f64>() / n,
        pairwise: per_job.iter().map(|r| r.pairwise).sum::<f64>() / n,
        per_job,
    }
}

/// Scores standardised over the set (mean 0, deviation 1; all zero when they do not vary).
pub fn z_scores(scores: &[f64]) -> Vec<f64> {
    let n = scores.len().max(1) as f64;
    let mean = scores.iter().sum::<f64>() / n;
    let sd = (scores.iter().map(|s| (s - mean).powi(2)).sum::<f64>() / n).sqrt();
    scores
        .iter()
        .map(|s| if sd > 0.0 { (s - mean) / sd } else { 0.0 })
        .collect()
}

/// Precision at `k`: the share of the first `k` whose label is the highest label present.
pub fn precision_at(k: usize, ranked: &[u8]) -> f64 {
    let top = ranked.iter().copied().max().unwrap_or(0);
    if top == 0 {
        return 1.0;
    }
    ranked.iter().take(k).filter(|&&r| r == top).count() as f64 / k as f64
}

fn figures(job: &str, scores: &[f64], labels: &[u8]) -> JobFigures {
    let mut order: Vec<usize> = (0..scores.len()).collect();
    // Best first; equal scores keep file order (no favour).
    order.sort_by(|&a, &b| scores[b].total_cmp(&scores[a]));
    let ranked: Vec<u8> = order.iter().map(|&i| labels[i]).collect();
    JobFigures {
        job: job.to_owned(),
        ndcg10: ndcg_at(10, &ranked),
        p5: precision_at(5, &ranked),
        pairwise: pairwise_accuracy(scores, labels),
    }
}

/// The role of a job file: its first line when that is a short title, else the key.
pub fn role_of(key: &str, description: &str) -> String {
    let first = description.lines().map(str::trim).find(|l| !l.is_empty());
    match first {
        Some(line) if line.split_whitespace().count() <= 10 && !line.ends_with('.') => line
            .split(['—', '|'])
            .next()
            .unwrap_or(line)
            .trim()
            .to_owned(),
        _ => key.replace(['_', '-'], " "),
    }
}

/// A resume of the set, read and parsed.
#[derive(Debug)]
pub struct EvalResume {
    /// Its file name.
    pub file: String,
    /// Its text.
    pub text: String,
    /// Extraction warnings (none for text files).
    pub warnings: Vec<ExtractionWarning>,
    /// Parsed, with its passage vectors.
    pub prepared: PreparedResume,
}

/// Reads, parses and embeds every resume of `set` (PDFs through `pdf`, which is needed only
/// when the set has PDFs).
pub fn read_resumes(
    set: &LabelledSet,
    pdf: Option<&PdfReader>,
    embedder: &Embedder,
    cache: &mut VectorCache,
    now: OffsetDateTime,
) -> Result<Vec<EvalResume>> {
    let mut out = Vec::new();
    for path in &set.resumes {
        let file = path
            .file_name()
            .map(|n| n.to_string_lossy().into_owned())
            .unwrap_or_default();
        let (text, warnings) = if path.extension().is_some_and(|e| e == "txt") {
            (read_text(path)?, Vec::new())
        } else {
            let reader = pdf.ok_or_else(|| Error::invalid("set", "PDF resumes need PDFium"))?;
            let bytes = std::fs::read(path).map_err(|e| Error::io("reading", path, e))?;
            let pdf = reader.extract(bytes, PdfLimits::default())?;
            let warnings = warnings_for(&pdf.page_chars, pdf.hidden_chars);
            (pdf.text, warnings)
        };
        let mut prepared = PreparedResume::parse(&text, now);
        prepared.vectors = cache.embed(embedder, &prepared.passage_texts())?;
        out.push(EvalResume {
            file,
            text,
            warnings,
            prepared,
        });
    }
    Ok(out)
}

/// Appends one line per resume of the engine's parts and the baselines' scores to `path`
/// (tab-separated, for studying the engine; `SHORTLIST_EVAL_DUMP=FILE shortlist eval`).
fn dump(
    path: &Path,
    job: &str,
    docs: &[EvalResume],
    labels: &[u8],
    scored: &[crate::analysis::Scored],
    bm25: &[f64],
    minilm: &[f64],
) -> Result<()> {
    let mut out = String::new();
    for (i, d) in docs.iter().enumerate() {
        let b = &scored[i].breakdown;
        let [terms_z, lead_z, mean_z, requirements_z] = scored[i].signals;
        out.push_str(&format!(
            "{job}\t{}\t{}\t{:.3}\t{:.4}\t{:.4}\t{:.4}\t{:.4}\t{:.4}\t{:.4}\t{:.4}\t{:.4}\t{:.4}\t{:.4}\t{terms_z:.3}\t{lead_z:.3}\t{mean_z:.3}\t{requirements_z:.3}\n",
            d.file,
            labels[i],
            scored[i].exact,
            bm25[i],
            minilm[i],
            b.terms.value,
            b.evidence.value,
            b.skills.value,
            b.skills.weight,
            b.experience.value,
            b.education.value,
            b.readability.value,
            b.experience.share,
        ));
    }
    let mut file = std::fs::OpenOptions::new()
        .create(true)
        .append(true)
        .open(path)
        .map_err(|e| Error::io("writing", path, e))?;
    file.write_all(out.as_bytes())
        .map_err(|e| Error::io("writing", path, e))
}

/// Runs the engine and the baselines on `set`.
pub fn run(
    set: &LabelledSet,
    pdf: Option<&PdfReader>,
    embedder: &Embedder,
    cache_dir: &Path,
    now: OffsetDateTime,
) -> Result<EvalReport> {
    let mut cache = VectorCache::open(cache_dir)?;
    let docs = read_resumes(set, pdf, embedder, &mut cache, now)?;
    let texts: Vec<String> = docs.iter().map(|d| d.text.clone()).collect();
    let resume_vectors = cache.embed(embedder, &texts)?;
    cache.save()?;

    let mut rows: [Vec<JobFigures>; 4] = Default::default();
    for (key, description) in &set.jobs {
        let job = Job {
            id: JobId::parse("0e0a1a00")?,
            company: "Eval".into(),
            role: role_of(key, description),
            description: description.clone(),
            created_at: now,
            updated_at: now,
            archived: false,
        };
        let prepared = PreparedJob::new(&job, embedder)?;
        let labels: Vec<u8> = docs.iter().map(|d| set.label(key, &d.file)).collect();
        let scored: Vec<crate::analysis::Scored> = docs
            .iter()
            .map(|d| {
                let chars = d.text.chars().filter(|c| !c.is_whitespace()).count();
                d.prepared.score(&prepared, chars, &d.warnings)
            })
            .collect();
        let engine: Vec<f64> = scored.iter().map(|s| f64::from(s.exact)).collect();
        let bm25_scores = bm25(description, &texts);
        let jd_vector = cache.embed(embedder, &[description.as_str()])?.remove(0);
        let cosine_scores: Vec<f64> = resume_vectors
            .iter()
            .map(|v| f64::from(cosine(v, &jd_vector)))
            .collect();
        let fusion: Vec<f64> = z_scores(&bm25_scores)
            .iter()
            .zip(z_scores(&cosine_scores))
            .map(|(a, b)| a + b)
            .collect();
        if let Some(path) = std::env::var_os("SHORTLIST_EVAL_DUMP") {
            dump(
                Path::new(&path),
                key,
                &docs,
                &labels,
                &scored,
                &bm25_scores,
                &cosine_scores,
            )?;
        }
        for (i, scores) in [engine, bm25_scores, cosine_scores, fusion]
            .iter()
            .enumerate()
        {
            rows[i].push(figures(key, scores, &labels));
        }
    }
    cache.save()?;
    Ok(EvalReport {
        jobs: set.jobs.len(),
        resumes: docs.len(),
        methods: rows
            .into_iter()
            .zip(METHODS)
            .map(|(r, m)| summarise(m, r))
            .collect(),
    })
}

/// Writes the engine's background (`terms.txt`, `vectors.bin`, see [`crate::background`])
/// into `out` from the resumes of the set in `dir`.
pub fn write_background(
    dir: &Path,
    embedder: &Embedder,
    cache_dir: &Path,
    out: &Path,
    now: OffsetDateTime,
) -> Result<usize> {
    use crate::background::{encode_vectors, terms_line, MAX_PASSAGES_PER_RESUME};
    let set = LabelledSet::load(dir)?;
    let mut cache = VectorCache::open(cache_dir)?;
    let mut lines = Vec::new();
    let mut vectors = Vec::new();
    for path in &set.resumes {
        let text = read_text(path)?;
        let prepared = PreparedResume::parse(&text, now);
        lines.push(terms_line(&prepared.doc));
        // The lead first (the engine's first passage), then a sample of the others.
        let texts = prepared.passage_texts();
        let (lead, rest) = texts
            .split_first()
            .map_or((None, &[][..]), |(l, r)| (Some(*l), r));
        let step = rest.len().div_ceil(MAX_PASSAGES_PER_RESUME).max(1);
        let sample: Vec<&str> = lead
            .into_iter()
            .chain(rest.iter().step_by(step).copied())
            .collect();
        vectors.push(cache.embed(embedder, &sample)?);
    }
    cache.save()?;
    std::fs::create_dir_all(out).map_err(|e| Error::io("creating", out, e))?;
    let terms_path = out.join("terms.txt");
    std::fs::write(&terms_path, lines.join("\n") + "\n")
        .map_err(|e| Error::io("writing", &terms_path, e))?;
    let vectors_path = out.join("vectors.bin");
    std::fs::write(&vectors_path, encode_vectors(&vectors))
        .map_err(|e| Error::io("writing", &vectors_path, e))?;
    Ok(lines.len())
}

/// How well the parser reads names, emails and degrees, against a set's `parse.tsv` (the
/// dataset's own labels).
#[derive(Debug, Clone, Default, Serialize)]
pub struct ParseReport {
    /// Resumes with a labelled name.
    pub names: usize,
    /// Names read exactly (case and spacing aside).
    pub names_right: usize,
    /// Something else taken for the name (a heading, a title, a place).
    pub names_wrong: usize,
    /// Resumes with a labelled email.
    pub emails: usize,
    /// Emails read exactly.
    pub emails_right: usize,
    /// Resumes with a labelled degree.
    pub degrees: usize,
    /// Of those, how many the parser found a degree in.
    pub degrees_found: usize,
}

/// Reads every resume of the set in `dir` and compares the parse with `parse.tsv`.
pub fn parsing(dir: &Path, now: OffsetDateTime) -> Result<ParseReport> {
    let labels = read_text(&dir.join("parse.tsv"))?;
    let mut r = ParseReport::default();
    let norm = |s: &str| crate::text::fold(&s.split_whitespace().collect::<Vec<_>>().join(" "));
    for line in labels.lines().filter(|l| !l.starts_with('#')) {
        let f: Vec<&str> = line.split('\t').collect();
        let [file, name, email, degree, ..] = f.as_slice() else {
            continue;
        };
        let text = read_text(&dir.join("resumes").join(file))?;
        let p = crate::profile::parse(&text, now.date());
        if !name.is_empty() {
            r.names += 1;
            match &p.contact.name {
                Some(n) if norm(n) == norm(name) => r.names_right += 1,
                Some(_) => r.names_wrong += 1,
                None => {}
            }
        }
        if !email.is_empty() {
            r.emails += 1;
            if p.contact.email.as_deref().map(norm) == Some(norm(email)) {
                r.emails_right += 1;
            }
        }
        if !degree.is_empty() {
            r.degrees += 1;
            if p.degree.is_some() {
                r.degrees_found += 1;
            }
        }
    }
    Ok(r)
}

impl ParseReport {
    /// The report as lines of text.
    pub fn table(&self) -> String {
        let pct = |a: usize, b: usize| 100.0 * a as f64 / b.max(1) as f64;
        format!(
            "parsing: names {}/{} right ({:.0} %), {} wrong; emails {}/{} ({:.0} %); degrees found {}/{} ({:.0} %)\n",
            self.names_right,
            self.names,
            pct(self.names_right, self.names),
            self.names_wrong,
            self.emails_right,
            self.emails,
            pct(self.emails_right, self.emails),
            self.degrees_found,
            self.degrees,
            pct(self.degrees_found, self.degrees),
        )
    }
}

impl EvalReport {
    /// The report as a table: one row per job (occupation), NDCG@10 of each method, then the
    /// means of NDCG@10, P@5 and pairwise accuracy.
    pub fn table(&self) -> String {
        let mut s = format!("{} jobs × {} resumes\n\n", self.jobs, self.resumes);
        s.push_str(&format!(
            "{:<24} {:>8} {:>8} {:>8} {:>8}\n",
            "NDCG@10 per job", "engine", "BM25", "MiniLM", "fusion"
        ));
        if let Some(first) = self.methods.first() {
            for f in &first.per_job {
                s.push_str(&format!("{:<24}", f.job));
                for m in &self.methods {
                    s.push_str(&format!(
                        " {:>8.3}",
                        m.job(&f.job).map_or(0.0, |j| j.ndcg10)
                    ));
                }
                s.push('\n');
            }
        }
        s.push_str(&format!(
            "\n{:<44} {:>8} {:>8} {:>9}\n",
            "overall (mean over jobs)", "NDCG@10", "P@5", "pairwise"
        ));
        for m in &self.methods {
            s.push_str(&format!(
                "{:<44} {:>8.3} {:>8.3} {:>9.3}\n",
                m.method, m.ndcg10, m.p5, m.pairwise
            ));
        }
        s
    }
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
