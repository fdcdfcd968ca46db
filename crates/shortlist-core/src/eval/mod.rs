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

mod cache;
mod metrics;
mod parsing;

use std::collections::{BTreeMap, HashMap};
use std::io::{Read, Write};
use std::path::{Path, PathBuf};

use serde::Serialize;
use time::OffsetDateTime;

use crate::embed::{cosine, Embedder};
use crate::engine::{PreparedJob, PreparedResume};
use crate::error::{Error, Result};
use crate::id::JobId;
use crate::job::Job;
use crate::pdf::{PdfLimits, PdfReader};
use crate::resume::{warnings_for, ExtractionWarning};

pub use cache::VectorCache;
pub use metrics::{bm25, ndcg_at, pairwise_accuracy, precision_at, z_scores};
pub use parsing::{parsing, ParseReport};

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

pub(crate) fn read_text(path: &Path) -> Result<String> {
    let file = std::fs::File::open(path).map_err(|e| Error::io("reading", path, e))?;
    let mut text = String::new();
    file.take(MAX_TEXT_BYTES)
        .read_to_string(&mut text)
        .map_err(|e| Error::io("reading", path, e))?;
    Ok(text)
}

/// The `<job>.txt` descriptions in `dir`, by job key.
fn read_jobs(dir: &Path) -> Result<BTreeMap<String, String>> {
    let mut jobs = BTreeMap::new();
    let entries = std::fs::read_dir(dir).map_err(|e| Error::io("listing", dir, e))?;
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
    Ok(jobs)
}

impl LabelledSet {
    /// Reads a set from `dir`.
    pub fn load(dir: &Path) -> Result<LabelledSet> {
        let jobs = read_jobs(&dir.join("jobs"))?;
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

    /// The same resumes and labels measured with other descriptions of the same jobs: the
    /// `<job>.txt` files of `jobs_dir` (written in another style, by someone else), one for
    /// every job of the set.
    pub fn with_jobs(mut self, jobs_dir: &Path) -> Result<LabelledSet> {
        let jobs = read_jobs(jobs_dir)?;
        if let Some(missing) = self.jobs.keys().find(|k| !jobs.contains_key(*k)) {
            return Err(Error::invalid(
                "the other job descriptions",
                format!("no {missing}.txt among them"),
            ));
        }
        self.jobs = jobs
            .into_iter()
            .filter(|(k, _)| self.jobs.contains_key(k))
            .collect();
        Ok(self)
    }

    fn label(&self, job: &str, file: &str) -> u8 {
        *self
            .labels
            .get(&(job.to_owned(), file.to_owned()))
            .unwrap_or(&0)
    }
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
    pub method: String,
    /// Mean NDCG@10 over jobs.
    pub ndcg10: f64,
    /// Mean P@5 over jobs.
    pub p5: f64,
    /// Mean pairwise accuracy over jobs.
    pub pairwise: f64,
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
    /// How often the engine's evidence items reach the strength labels, by relevance label.
    pub strength: Vec<StrengthShare>,
}

/// The share of the engine's evidence items (one per requirement and resume) at or above the
/// strength labels' cut-offs, for the resume–job pairs of one relevance label: what "strong
/// match" and "some match" mean against the calibration.
#[derive(Debug, Clone, Serialize)]
pub struct StrengthShare {
    /// The relevance label (0 unrelated, 1 neighbour, 2 the job's occupation).
    pub label: u8,
    /// Evidence items.
    pub items: usize,
    /// Share at or above [`crate::analysis::STRONG_MATCH`].
    pub strong: f64,
    /// Share at or above [`crate::analysis::SOME_MATCH`].
    pub some: f64,
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

    // The set is the recruiter's library: its term statistics join the background's
    // (`SHORTLIST_EVAL_NO_LIBRARY=1`: the background's alone, to measure the difference).
    let library = if std::env::var_os("SHORTLIST_EVAL_NO_LIBRARY").is_some() {
        crate::lexical::TermStats::default()
    } else {
        crate::engine::library_stats(docs.iter().map(|d| &d.prepared.doc))
    };
    let mut rows: [Vec<JobFigures>; 4] = Default::default();
    // Per relevance label: items, strong, some.
    let mut strength = [[0usize; 3]; 4];
    for (key, description) in &set.jobs {
        let job = Job {
            id: JobId::parse("0e0a1a00")?,
            company: "Eval".into(),
            role: role_of(key, description),
            description: description.clone(),
            created_at: now,
            updated_at: now,
            archived: false,
            criteria: Default::default(),
            blind: false,
            revision: 0,
        };
        let prepared = PreparedJob::in_library(&job, embedder, &library)?;
        let labels: Vec<u8> = docs.iter().map(|d| set.label(key, &d.file)).collect();
        let scored: Vec<crate::analysis::Scored> = docs
            .iter()
            .map(|d| {
                let chars = d.text.chars().filter(|c| !c.is_whitespace()).count();
                d.prepared.score(&prepared, chars, &d.warnings)
            })
            .collect();
        for (s, &label) in scored.iter().zip(&labels) {
            let counts = &mut strength[usize::from(label.min(3))];
            for e in &s.evidence {
                counts[0] += 1;
                counts[1] += usize::from(e.strength >= crate::analysis::STRONG_MATCH);
                counts[2] += usize::from(e.strength >= crate::analysis::SOME_MATCH);
            }
        }
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
        strength: strength
            .iter()
            .zip(0u8..)
            .filter(|(c, _)| c[0] > 0)
            .map(|(c, label)| StrengthShare {
                label,
                items: c[0],
                strong: c[1] as f64 / c[0] as f64,
                some: c[2] as f64 / c[0] as f64,
            })
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
        for st in &self.strength {
            s.push_str(&format!(
                "{}evidence items of resumes labelled {}: {:.1} % strong match, {:.1} % some match or better ({} items)\n",
                if st.label == 0 { "\n" } else { "" },
                st.label,
                100.0 * st.strong,
                100.0 * st.some,
                st.items
            ));
        }
        s
    }
}
