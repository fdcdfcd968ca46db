//! Pure unit tests of the parts with hand-made inputs and small vectors.

use super::*;
use crate::analysis::{Calibration, Inputs, WEIGHTS};
use crate::background::Spread;
use crate::lexical::TermStats;
use crate::lexical::{Doc, Query};
use crate::lexicon::Lexicon;
use crate::profile::{Contact, SectionText};
use crate::profile::{ResumeProfile, Section};

fn resume(text: &str) -> ResumeProfile {
    ResumeProfile {
        contact: Contact::default(),
        sections: vec![SectionText {
            section: Section::Experience,
            text: text.to_owned(),
        }],
        spans: Vec::new(),
        years: 0.0,
        stated_years: None,
        degree: None,
    }
}

fn calibration(terms: Spread) -> Calibration {
    Calibration {
        terms,
        meaning: Spread { mean: 0.2, sd: 0.1 },
        lead: Spread { mean: 0.2, sd: 0.1 },
        requirements: Vec::new(),
        avg_len: 10.0,
    }
}

#[test]
fn fit_is_low_for_a_typical_resume_and_high_far_above_it() {
    assert!(fit(0.0) < 0.2);
    assert!((fit(FIT_MIDPOINT) - 0.5).abs() < 1e-6);
    assert!(fit(4.5) > 0.94);
    assert!((percent_below(0.0) - 50.0).abs() < 0.1);
    assert!((percent_below(1.96) - 97.5).abs() < 0.2);
    assert!(percent_below(-3.0) < 0.2);
    // A reason never says "100 %" (or "0 %") of unrelated resumes.
    assert_eq!(share_below(1.5), "93 %");
    assert_eq!(share_below(6.0), "over 99 %");
    assert_eq!(share_below(-6.0), "under 1 %");
}

#[test]
fn terms_reward_the_rare_words_of_the_job() {
    let stats = TermStats::of(&[
        Doc::of("experience team work"),
        Doc::of("experience sales"),
        Doc::of("experience teaching"),
    ]);
    let q = Query::new(
        &[("Advocate: drafting plaints, experience", 1.0)],
        &stats,
        Lexicon::shipped(),
    );
    let cal = calibration(Spread { mean: 0.5, sd: 0.5 });
    let lawyer = terms(&q, &Doc::of("advocate drafting plaints"), &cal);
    let other = terms(&q, &Doc::of("ten years of experience"), &cal);
    assert!(
        lawyer.part.value > 0.9 && other.part.value < 0.4,
        "{} {}",
        lawyer.part.value,
        other.part.value
    );
    assert!(lawyer.found.contains(&"plaints".to_owned()));
    assert!(other.missing.contains(&"plaints".to_owned()));
    // None of the job's words: none of the part, whatever the curve gives at that z.
    let none = terms(&q, &Doc::of("baking bread at dawn"), &cal);
    assert_eq!(none.part.value, 0.0);
    assert!(
        none.part.detail.starts_with("0 % of the job's"),
        "{}",
        none.part.detail
    );
}

#[test]
fn two_skills_are_not_worth_the_whole_skills_part() {
    let lexicon = Lexicon::shipped();
    let two = crate::jd::parse("Requirements\n- Python\n- SQL", lexicon);
    let five = crate::jd::parse(
        "Requirements\n- Python\n- SQL\n- Docker\n- Kubernetes\n- PostgreSQL",
        lexicon,
    );
    let r = resume("Built services in Python and SQL");
    let a = skills(&two, &r, lexicon, &[]);
    let b = skills(&five, &r, lexicon, &[]);
    assert_eq!(a.part.value, 1.0);
    assert!(
        a.part.weight < b.part.weight,
        "{} {}",
        a.part.weight,
        b.part.weight
    );
    assert!((b.part.weight - WEIGHTS.skills).abs() < 1e-6);
}

#[test]
fn profile_parts_count_in_proportion_to_relevance() {
    let job = crate::jd::parse("Requirements\n- 5+ years of sales", Lexicon::shipped());
    let mut r = resume("Mechanical engineer");
    r.years = 10.0;
    let unrelated = experience(&job, &r, 0.1);
    let related = experience(&job, &r, 0.9);
    assert_eq!(unrelated.value, 1.0);
    assert!(unrelated.share < related.share);
    let mut b = Breakdown {
        terms: part(0.1, 0.5, 1.0, String::new()),
        evidence: part(0.1, 0.5, 1.0, String::new()),
        skills: Part::default(),
        experience: unrelated,
        education: Part::default(),
        readability: Part::default(),
    };
    let low = combine(&mut b, 0.1);
    assert!(low < 20.0, "{low}");
    let sum: f32 = b.terms.points + b.evidence.points + b.experience.points;
    assert!((sum - low).abs() < 0.2);
}

#[test]
fn one_passage_does_not_stand_for_every_requirement() {
    let job = crate::jd::parse(
        "Requirements\n- Lead generation\n- Key account management",
        Lexicon::shipped(),
    );
    // Passage 0 is a little closer to both requirements; passage 1 nearly as close to
    // the second.
    let reqs = vec![vec![1.0, 0.0, 0.0], vec![0.0, 1.0, 0.0]];
    let passages = vec![vec![0.6, 0.6, 0.529_15], vec![0.0, 0.58, 0.814_64]];
    // (Passages of three content words at least: shorter ones are no evidence.)
    let texts: Vec<crate::analysis::Passage> =
        ["Summary of sales results", "Managed retail accounts"]
            .iter()
            .map(|t| crate::analysis::Passage {
                section: Section::Experience,
                text: (*t).to_owned(),
            })
            .collect();
    let profile = resume("x");
    let stats = TermStats::default();
    let query = Query::new(&[], &stats, Lexicon::shipped());
    let cal = calibration(Spread { mean: 0.0, sd: 1.0 });
    let inputs = Inputs {
        job: &job,
        requirement_vectors: &reqs,
        job_vector: &[0.5, 0.5, 0.0],
        query: &query,
        job_shingles: &Default::default(),
        calibration: &cal,
        resume: &profile,
        doc: &Doc::default(),
        passages: &texts,
        passage_vectors: &passages,
        text_chars: 1000,
        warnings: &[],
    };
    let e = evidence(&inputs, &[false, false], false);
    let chosen: Vec<_> = e.items.iter().map(|i| i.passage.clone().unwrap()).collect();
    assert_eq!(
        chosen,
        ["Summary of sales results", "Managed retail accounts"]
    );
}

/// The defect: a student's skills line ("Go, PostgreSQL, Docker") was the closest passage to
/// "5+ years of backend development in Go" and stood as strong evidence for it, so a student
/// scored as a senior engineer.
#[test]
fn a_skills_line_is_no_evidence_for_years_of_work() {
    let job = crate::jd::parse(
        "Requirements\n- 5+ years of backend development in Go",
        Lexicon::shipped(),
    );
    let reqs = vec![vec![1.0, 0.0, 0.0]];
    // The skills line is closest to the requirement; the internship line less so.
    let vectors = vec![vec![0.9, 0.435_89, 0.0], vec![0.6, 0.0, 0.8]];
    let passages: Vec<crate::analysis::Passage> = [
        (Section::Skills, "Go, PostgreSQL, Docker"),
        (Section::Experience, "Intern: wrote a small Go service"),
    ]
    .iter()
    .map(|(section, text)| crate::analysis::Passage {
        section: *section,
        text: (*text).to_owned(),
    })
    .collect();
    let profile = resume("x");
    let stats = TermStats::default();
    let query = Query::new(&[], &stats, Lexicon::shipped());
    let cal = calibration(Spread { mean: 0.0, sd: 1.0 });
    let inputs = Inputs {
        job: &job,
        requirement_vectors: &reqs,
        job_vector: &[1.0, 0.0, 0.0],
        query: &query,
        job_shingles: &Default::default(),
        calibration: &cal,
        resume: &profile,
        doc: &Doc::default(),
        passages: &passages,
        passage_vectors: &vectors,
        text_chars: 1000,
        warnings: &[],
    };
    let e = evidence(&inputs, &[false, false], false);
    assert_eq!(
        e.items[0].passage.as_deref(),
        Some("Intern: wrote a small Go service")
    );
    assert!((e.items[0].similarity - 0.6).abs() < 1e-3);
}

/// An analysis against a job that does not read as English says so.
#[test]
fn a_job_not_in_english_is_flagged_on_its_analyses() {
    let flags = |description: &str| {
        let job = crate::jd::parse(description, Lexicon::shipped());
        let reqs = vec![vec![1.0, 0.0, 0.0]; job.requirements.len()];
        let vectors = vec![vec![0.6, 0.0, 0.8]];
        let passages = vec![crate::analysis::Passage {
            section: Section::Experience,
            text: "Buchhaltung".to_owned(),
        }];
        let profile = resume("Buchhaltung");
        let stats = TermStats::default();
        let query = Query::new(&[], &stats, Lexicon::shipped());
        let cal = calibration(Spread { mean: 0.0, sd: 1.0 });
        let inputs = Inputs {
            job: &job,
            requirement_vectors: &reqs,
            job_vector: &[1.0, 0.0, 0.0],
            query: &query,
            job_shingles: &Default::default(),
            calibration: &cal,
            resume: &profile,
            doc: &Doc::default(),
            passages: &passages,
            passage_vectors: &vectors,
            text_chars: 1000,
            warnings: &[],
        };
        crate::analysis::score(&inputs, Lexicon::shipped()).flags
    };
    let german = "Wir suchen eine erfahrene Buchhalterin für unser Team in München. Anforderungen: abgeschlossene kaufmännische Ausbildung, mindestens drei Jahre Berufserfahrung in der Finanzbuchhaltung, sehr gute Kenntnisse in DATEV und MS Excel.";
    assert!(flags(german).contains(&crate::analysis::Flag::JobNotEnglish));
    let english = "We are looking for an experienced bookkeeper for our team in Munich. Requirements: a commercial apprenticeship, at least three years of experience in financial accounting, and a very good knowledge of DATEV and Excel.";
    assert!(!flags(english).contains(&crate::analysis::Flag::JobNotEnglish));
}

#[test]
fn the_strength_cut_offs_reach_the_ui_in_percent() {
    use crate::analysis::{SCORE_BANDS, SOME_MATCH, STRONG_MATCH};
    assert_eq!(SCORE_BANDS.strong_match, 50);
    assert_eq!(SCORE_BANDS.some_match, 38);
    // "Some match" is one deviation above a typical unrelated resume, "strong" 1.5.
    assert!((fit(1.0) - SOME_MATCH).abs() < 0.005);
    assert!((fit(FIT_MIDPOINT) - STRONG_MATCH).abs() < 1e-6);
}

#[test]
fn a_part_with_no_signal_gets_no_points_of_the_joint_relevance() {
    // Evidence weighs little here (a recruiter's weights), no term of the job is found, and
    // the relevance is high: what evidence cannot hold is not handed to terms.
    let mut b = Breakdown {
        terms: part(0.0, 0.4, 1.0, String::new()),
        evidence: part(0.9, 0.1, 1.0, String::new()),
        skills: Part::default(),
        experience: Part::default(),
        education: Part::default(),
        readability: Part::default(),
    };
    let total = combine(&mut b, 0.8);
    assert_eq!(b.terms.points, 0.0);
    assert!(
        (b.evidence.points - 20.0).abs() < 0.05,
        "{}",
        b.evidence.points
    );
    assert!((total - 20.0).abs() < 0.05, "{total}");
    // Both signals present: the joint relevance is shared out in full.
    let mut b = Breakdown {
        terms: part(0.5, 0.4, 1.0, String::new()),
        evidence: part(0.9, 0.1, 1.0, String::new()),
        ..b
    };
    let total = combine(&mut b, 0.8);
    assert!((total - 80.0).abs() < 0.05, "{total}");
    assert!((b.terms.points + b.evidence.points - 80.0).abs() < 0.15);
    assert!(b.evidence.points <= 20.0 + 0.05 && b.terms.points <= 80.0 + 0.05);
}
