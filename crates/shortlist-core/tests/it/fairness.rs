//! A candidate's name, gender-marked words and contact details never change a score: the same
//! real resumes rendered under names from several groups score exactly the same.

use std::path::PathBuf;

use shortlist_core::engine::{PreparedJob, PreparedResume};
use shortlist_core::{Job, JobId};

use crate::{embed_cached, embedder};

fn dev_set() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../tests/fixtures/ner-eval/dev")
}

/// Names from several groups, with the header words that mark gender, and contact details.
const PEOPLE: [(&str, &str, &str); 8] = [
    ("Emily Walsh", "Ms.", "Female"),
    ("Lakisha Washington", "Ms.", "Female"),
    ("Jamal Robinson", "Mr.", "Male"),
    ("José García Hernández", "Mr.", "Male"),
    ("Nguyễn Thị Minh Khai", "Mrs.", "Female"),
    ("Mohammed Al-Rashid", "Mr.", "Male"),
    ("Priya Raghunathan", "Miss", "Female"),
    ("Oluwaseun Adébáyọ̀", "Mr.", "Male"),
];

/// The resume `file` of the dev set with its candidate (`name`, `email` as the dataset gives
/// them) replaced by `person`, a title before the name and a gender line after it.
fn as_person(text: &str, name: &str, email: &str, person: (&str, &str, &str), i: usize) -> String {
    let (new_name, title, gender) = person;
    let slug: String = new_name
        .to_lowercase()
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(".");
    let mut out = text.replacen(name, &format!("{title} {new_name}\nGender: {gender}"), 1);
    out = out.replace(name, new_name);
    if !email.is_empty() {
        out = out.replace(email, &format!("{slug}@example.org"));
    }
    // Names also appear in profile links ("indeed.com/r/meda-cronin").
    let old_slug = name
        .to_lowercase()
        .split_whitespace()
        .collect::<Vec<_>>()
        .join("-");
    let new_slug = new_name
        .to_lowercase()
        .split_whitespace()
        .collect::<Vec<_>>()
        .join("-");
    out = out.replace(&old_slug, &new_slug);
    format!("{out}\nPhone: +1 555 01{i:02}\n")
}

fn job(key: &str) -> Job {
    let dir = dev_set().join("jobs");
    let description = std::fs::read_to_string(dir.join(format!("{key}.txt"))).unwrap();
    let now = time::macros::datetime!(2026-11-01 12:00 UTC);
    Job {
        id: JobId::parse("0fa1fa1f").unwrap(),
        company: "Fairness".into(),
        role: shortlist_core::eval::role_of(key, &description),
        description,
        created_at: now,
        updated_at: now,
        archived: false,
        criteria: Default::default(),
        blind: false,
        revision: 0,
    }
}

fn prepared(texts: &[String]) -> Vec<PreparedResume> {
    let now = time::macros::datetime!(2026-11-01 12:00 UTC);
    let mut prepared: Vec<PreparedResume> = texts
        .iter()
        .map(|t| PreparedResume::parse(t, now))
        .collect();
    // One call for every variant: passages that are the same text are embedded once (and
    // once across runs: a variant whose text differs is a text the cache has not met).
    let all: Vec<&str> = prepared.iter().flat_map(|p| p.passage_texts()).collect();
    let mut vectors = embed_cached(&all).into_iter();
    for p in &mut prepared {
        p.vectors = vectors.by_ref().take(p.passages.len()).collect();
    }
    prepared
}

/// Each variant's exact and shown score for `job`.
fn scores(resumes: &[PreparedResume], variants: &[String], job: &PreparedJob) -> Vec<(f32, u8)> {
    resumes
        .iter()
        .zip(variants)
        .map(|(r, v)| {
            let chars = v.chars().filter(|c| !c.is_whitespace()).count();
            let s = r.score(job, chars, &[]);
            (s.exact, s.score)
        })
        .collect()
}

/// How far the exact scores lie apart.
fn spread(scores: &[(f32, u8)]) -> f32 {
    scores.iter().map(|s| s.0).fold(f32::MIN, f32::max)
        - scores.iter().map(|s| s.0).fold(f32::MAX, f32::min)
}

#[test]
fn the_same_resume_under_another_name_scores_the_same() {
    let parse = std::fs::read_to_string(dev_set().join("parse.tsv")).unwrap();
    let occupations = std::fs::read_to_string(dev_set().join("occupations.tsv")).unwrap();
    // The first resume of each occupation whose name the dataset labels as it stands in the
    // text (some of them flattened into one paragraph).
    let mut files: Vec<String> = Vec::new();
    let mut seen: Vec<&str> = Vec::new();
    for line in occupations.lines() {
        let (file, occupation) = line.split_once('\t').unwrap();
        let row = parse
            .lines()
            .find(|l| l.starts_with(&format!("{file}\t")))
            .unwrap();
        let name = row.split('\t').nth(1).unwrap();
        let text = std::fs::read_to_string(dev_set().join("resumes").join(file)).unwrap();
        if !seen.contains(&occupation)
            && name.split_whitespace().count() >= 2
            && text.contains(name)
        {
            seen.push(occupation);
            files.push(file.to_owned());
        }
    }
    assert!(files.len() >= 14, "{files:?}");
    let jobs: Vec<PreparedJob> = ["sales", "teacher", "software_engineer", "legal"]
        .iter()
        .map(|k| PreparedJob::new(&job(k), embedder()).unwrap())
        .collect();
    let mut checked = 0;
    for file in &files {
        let file = file.as_str();
        let row: Vec<&str> = parse
            .lines()
            .find(|l| l.starts_with(&format!("{file}\t")))
            .unwrap()
            .split('\t')
            .collect();
        let (name, email) = (row[1], row[2]);
        let text = std::fs::read_to_string(dev_set().join("resumes").join(file)).unwrap();
        assert!(
            !name.is_empty() && text.contains(name),
            "{file}: the dataset's name is in the text"
        );
        let variants: Vec<String> = PEOPLE
            .iter()
            .enumerate()
            .map(|(i, p)| as_person(&text, name, email, *p, i))
            .collect();
        assert!(variants.iter().all(|v| !v.contains(name)));
        let resumes = prepared(&variants);
        for job in &jobs {
            let scores = scores(&resumes, &variants, job);
            let first = scores[0].1;
            assert!(
                scores.iter().all(|s| s.1 == first),
                "{file} for {}: scores {:?} differ by name",
                job.job.role,
                scores.iter().map(|s| s.1).collect::<Vec<_>>()
            );
            let spread = spread(&scores);
            assert!(
                spread < 0.05,
                "{file} for {}: exact scores {scores:?}",
                job.job.role
            );
            checked += 1;
        }
    }
    assert_eq!(checked, files.len() * jobs.len());
}

#[test]
fn text_copied_from_the_job_earns_nothing() {
    let sales = PreparedJob::new(&job("sales"), embedder()).unwrap();
    let dir = dev_set().join("resumes");
    // A teacher's resume, then the same with the sales job pasted in, then the job alone.
    let teacher = std::fs::read_to_string(dir.join("243.txt")).unwrap();
    let pasted = format!(
        "{teacher}\nAdditional information\n{}",
        sales.job.description
    );
    let alone = format!("Jane Roe\njane@example.org\n{}", sales.job.description);
    let resumes = prepared(&[teacher.clone(), pasted.clone(), alone.clone()]);
    let score = |i: usize, text: &str| {
        resumes[i].score(
            &sales,
            text.chars().filter(|c| !c.is_whitespace()).count(),
            &[],
        )
    };
    let (plain, with_job, only_job) = (score(0, &teacher), score(1, &pasted), score(2, &alone));
    assert!(!plain
        .flags
        .contains(&shortlist_core::analysis::Flag::CopiedFromJob));
    assert!(with_job
        .flags
        .contains(&shortlist_core::analysis::Flag::CopiedFromJob));
    assert!(
        with_job.score <= plain.score + 5,
        "pasting the job raised {} to {}",
        plain.score,
        with_job.score
    );
    assert!(
        only_job.score < shortlist_core::analysis::POSSIBLE_FIT,
        "the job description itself scored {}",
        only_job.score
    );
}

/// The defect: a resume on one line (a role and a skills list naming the job's own two-word
/// skills, "lead generation, cold calling, key account management") was taken for text copied
/// from the job — most of its words stood in pairs of the job's — so all of it was left out:
/// 1/100, "0 % of the job's weighted words".
#[test]
fn a_one_line_resume_naming_the_job_s_skills_is_not_taken_for_a_copy_of_the_job() {
    let sales = PreparedJob::new(&job("sales"), embedder()).unwrap();
    let texts = [
        "Senior Sales Executive with 6 years in B2B sales: lead generation, cold calling, key \
         account management, CRM (Salesforce), negotiation, closing deals, meeting sales targets"
            .to_owned(),
        "Sales Executive Skills: Lead generation, Cold calling, Key account management, \
         Salesforce CRM, Negotiation, B2B sales"
            .to_owned(),
    ];
    for (r, text) in prepared(&texts).iter().zip(&texts) {
        let s = r.score(&sales, text.len(), &[]);
        assert!(
            !s.flags
                .contains(&shortlist_core::analysis::Flag::CopiedFromJob),
            "{text}: {:?}",
            s.flags
        );
        assert!(
            s.matched_terms.iter().any(|t| t == "cold calling"),
            "{text}: {:?} ({})",
            s.matched_terms,
            s.breakdown.terms.detail
        );
        assert!(
            s.score >= shortlist_core::analysis::POSSIBLE_FIT,
            "{text}: {}",
            s.score
        );
    }
}

/// The defect: a one-word passage ("Hospital.") stood as a requirement's evidence, labelled a
/// strong match; a passage too short to say anything is no evidence.
#[test]
fn a_passage_too_short_to_say_anything_is_never_evidence() {
    let job = PreparedJob::new(&job("teacher"), embedder()).unwrap();
    let text = "Hospital.\nSchool.\nClassroom\n\
                Volunteer at the city library reading programme, 2019 – 2021"
        .to_owned();
    let r = &prepared(std::slice::from_ref(&text))[0];
    let s = r.score(&job, text.len(), &[]);
    assert!(!s.evidence.is_empty());
    for e in &s.evidence {
        let p = e.passage.as_deref().unwrap_or("");
        assert!(
            shortlist_core::text::terms(p).len() >= 3,
            "{:?} stands for {:?}",
            p,
            e.requirement
        );
    }
}

/// The defect: in resumes flattened into one paragraph, nationality, religion and marital
/// status written inside the line ("… Nationality: Kenyan Religion: Christian Marital
/// Status: Married …") stayed in the scored text, so they could move a score.
#[test]
fn personal_details_inside_a_flattened_paragraph_never_change_a_score() {
    let occupations = std::fs::read_to_string(dev_set().join("occupations.tsv")).unwrap();
    // The first flattened resume (one line) of each of four occupations.
    let mut files: Vec<(String, String)> = Vec::new();
    for line in occupations.lines() {
        let (file, occupation) = line.split_once('\t').unwrap();
        let text = std::fs::read_to_string(dev_set().join("resumes").join(file)).unwrap();
        let wanted = ["sales", "teacher", "software_engineer", "legal"];
        if wanted.contains(&occupation)
            && text.trim().lines().count() == 1
            && text.split_whitespace().count() > 150
            && !files.iter().any(|(_, o)| o == occupation)
        {
            files.push((file.to_owned(), occupation.to_owned()));
        }
    }
    assert_eq!(files.len(), 4, "{files:?}");
    let details = [
        ("Kenyan", "Christian", "Married", "12 May 1985"),
        ("Pakistani", "Muslim", "Single", "3rd March 1996"),
        ("Irish", "Catholic", "Divorced", "July 1970"),
        ("Indian", "Hindu", "Widowed", "01/01/1990"),
    ];
    for (file, occupation) in &files {
        let text = std::fs::read_to_string(dev_set().join("resumes").join(file)).unwrap();
        // Inside the paragraph, after its first 40 words.
        let words: Vec<&str> = text.split(' ').collect();
        let variants: Vec<String> = details
            .iter()
            .map(|(nationality, religion, status, born)| {
                format!(
                    "{} Nationality: {nationality}  Religion: {religion} Marital Status: {status}  Date of Birth: {born}  {}",
                    words[..40].join(" "),
                    words[40..].join(" ")
                )
            })
            .collect();
        let resumes = prepared(&variants);
        let job = PreparedJob::new(&job(occupation), embedder()).unwrap();
        let scores: Vec<f32> = resumes
            .iter()
            .zip(&variants)
            .map(|(r, v)| {
                let chars = v.chars().filter(|c| !c.is_whitespace()).count();
                r.score(&job, chars, &[]).exact
            })
            .collect();
        let spread = scores.iter().copied().fold(f32::MIN, f32::max)
            - scores.iter().copied().fold(f32::MAX, f32::min);
        // The visible length differs with the values; only readability's "enough text"
        // check reads it, and every variant passes it.
        assert!(spread < 0.05, "{file} ({occupation}): {scores:?}");
        let kept: Vec<String> = resumes.iter().map(|r| r.profile.text()).collect();
        assert!(
            kept.windows(2).all(|w| w[0] == w[1]),
            "{file}: texts differ"
        );
    }
}

/// `text` with every occurrence of the person `name` — as written, in capitals, and as the
/// slug of a profile link or an email address — replaced by `new_name`: a plain swap, with no
/// title or gender line to help find the name.
fn swapped(text: &str, name: &str, email: &str, new_name: &str) -> String {
    let words = |n: &str| n.split_whitespace().map(str::to_owned).collect::<Vec<_>>();
    let (old, new) = (words(name), words(new_name));
    let mut out = text.replace(name, new_name);
    out = out.replace(&name.to_uppercase(), &new_name.to_uppercase());
    // Links and addresses are written without accents ("jose-garcia-hernandez").
    for sep in ["-", ".", ""] {
        let slug = |w: &[String]| shortlist_core::text::fold(&w.join(sep));
        out = out.replace(&slug(&old), &slug(&new));
    }
    if !email.is_empty() {
        let local = shortlist_core::text::fold(&new.join("."));
        out = out.replace(email, &format!("{local}@example.org"));
    }
    out
}

/// Every other resume of the dev set whose name the dataset labels as it stands in the text
/// (all of them with `SHORTLIST_FAIRNESS_ALL=1`), under its own name and three others, against
/// its own occupation's job and the sales job (or the sales and teacher jobs).
///
/// Where the parser finds the name, in every variant, the shown score never moves and the
/// exact score moves by less than 0.05. Where it does not, the name stays in what is scored
/// and can move the score; there, at most [`NAMES_MISSED`] resumes, each named in the
/// message. The first run over every resume found 76 of 514 pairs moving, up to 7.7 points:
/// an email address with an apostrophe left in the text, every word of a name taken out
/// wherever it stood ("Washington, DC", "San Jose"), names between headings and addresses
/// on a flattened opening line not found. After those fixes: 35 of 510 pairs, up to 2.4
/// points, all of them resumes whose name is not found.
#[test]
fn no_resume_of_the_dev_set_scores_differently_under_another_name() {
    /// Resumes of the sample whose name the parser misses (13 of 128 when this was written).
    const NAMES_MISSED: usize = 16;
    let every = std::env::var_os("SHORTLIST_FAIRNESS_ALL").is_some();
    let parse = std::fs::read_to_string(dev_set().join("parse.tsv")).unwrap();
    let occupations = std::fs::read_to_string(dev_set().join("occupations.tsv")).unwrap();
    let others = ["Lakisha Washington", "José García Hernández", "Wei Zhang"];
    let mut jobs: std::collections::HashMap<String, PreparedJob> = Default::default();
    let (mut moved, mut missed): (Vec<String>, Vec<String>) = Default::default();
    let (mut checked, mut sampled) = (0, 0);
    let norm = |n: &str| n.split_whitespace().collect::<Vec<_>>().join(" ");
    for line in occupations.lines() {
        let (file, occupation) = line.split_once('\t').unwrap();
        let Some(row) = parse.lines().find(|l| l.starts_with(&format!("{file}\t"))) else {
            continue;
        };
        let row: Vec<&str> = row.split('\t').collect();
        let (name, email) = (row[1], row[2]);
        let text = std::fs::read_to_string(dev_set().join("resumes").join(file)).unwrap();
        // (Two resumes of the set are labelled with a run of 14 given names.)
        if !(2..=4).contains(&name.split_whitespace().count()) || !text.contains(name) {
            continue;
        }
        sampled += 1;
        if !every && sampled % 2 == 0 {
            continue;
        }
        let mut variants = vec![text.clone()];
        variants.extend(others.iter().map(|o| swapped(&text, name, email, o)));
        if variants[1..].iter().any(|v| v.contains(name)) {
            continue;
        }
        let resumes = prepared(&variants);
        let found = resumes
            .iter()
            .zip(std::iter::once(&name).chain(&others))
            .all(|(r, n)| r.profile.contact.name.as_deref().map(norm) == Some(norm(n)));
        if !found {
            missed.push(file.to_owned());
        }
        let own = dev_set().join("jobs").join(format!("{occupation}.txt"));
        let keys: Vec<&str> = if own.exists() && occupation != "sales" {
            vec![occupation, "sales"]
        } else {
            vec!["sales", "teacher"]
        };
        for key in keys {
            let job = jobs
                .entry(key.to_owned())
                .or_insert_with(|| PreparedJob::new(&job(key), embedder()).unwrap());
            let scores = scores(&resumes, &variants, job);
            let spread = spread(&scores);
            if found && (spread >= 0.05 || scores.iter().any(|s| s.1 != scores[0].1)) {
                moved.push(format!("{file} for {key}: {scores:?}"));
            }
            checked += 1;
        }
    }
    assert!(checked >= 200, "only {checked} resume × job pairs");
    assert!(
        moved.is_empty(),
        "{} of {checked} pairs whose name is found move with the name:\n{}",
        moved.len(),
        moved.join("\n")
    );
    assert!(
        missed.len() <= NAMES_MISSED,
        "the name is not found in {} resumes: {}",
        missed.len(),
        missed.join(" ")
    );
    eprintln!(
        "fairness: {checked} pairs, names missed in {} resumes ({})",
        missed.len(),
        missed.join(" ")
    );
}
