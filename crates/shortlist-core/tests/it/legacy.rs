//! Migration from the web version's data folder, and export back to its layout.

use std::path::Path;

use shortlist_core::id::{AnalysisId, FeedbackId, JobId};
use shortlist_core::store::content_address;
use shortlist_core::Store;

use crate::*;

const JOB_A: &str = "1a2b3c4d";
const JOB_B: &str = "5e6f7a8b";

fn write(path: &Path, text: &str) {
    std::fs::create_dir_all(path.parent().unwrap()).unwrap();
    std::fs::write(path, text).unwrap();
}

/// A web-version folder: good records in the field names it used over time, plus a corrupt
/// line, a bad ID, a missing PDF, dangling references and an out-of-range rating.
fn legacy_folder(dir: &Path) -> Vec<String> {
    write(
        &dir.join("data/jobs/jobs.jsonl"),
        &[
            format!(r#"{{"job_id":"{JOB_A}","title":"Backend Engineer","company":"Northwind","description":"Requirements: Go, PostgreSQL, Kubernetes","views":12}}"#),
            format!(r#"{{"id":"{JOB_B}","role":"Data Scientist","company_name":"Woodgrove","text":"Requirements: Python, SQL, statistics","created_at":"2024-02-01T09:30:00"}}"#),
            r#"{"job_id": "9999"#.to_owned(),
            r#"{"job_id":"not-hex!","role":"x"}"#.to_owned(),
        ]
        .join("\n"),
    );
    write(
        &dir.join("data/jobs/jobs_index.json"),
        &format!(r#"{{"current_job_id":"{JOB_B}","count":2}}"#),
    );
    let mut ids = Vec::new();
    let mut index = serde_json::Map::new();
    for name in [
        "carol_nguyen",
        "priya_raman_two_column",
        "bob_schmidt_multipage",
    ] {
        let bytes = fixture(&format!("good/{name}.pdf"));
        let (_, id) = content_address(&bytes);
        std::fs::create_dir_all(dir.join("data/resumes/pdfs")).unwrap();
        std::fs::write(dir.join(format!("data/resumes/pdfs/{id}.pdf")), &bytes).unwrap();
        index.insert(
            id.to_string(),
            serde_json::json!({ "filename": format!("{name} CV.pdf"), "uploaded_at": "2024-03-01" }),
        );
        ids.push(id.to_string());
    }
    index.insert(
        "resume_0000deadbeef".into(),
        serde_json::json!({ "filename": "gone.pdf" }),
    );
    write(
        &dir.join("data/resumes/resumes_index.json"),
        &serde_json::Value::Object(index).to_string(),
    );
    write(
        &dir.join("data/analyses/analyses.jsonl"),
        &[
            format!(r#"{{"analysis_id":"aaaaaaaaaaa1","job_id":"{JOB_A}","resume_id":"{}","score":55}}"#, ids[0]),
            format!(r#"{{"id":"aaaaaaaaaaa2","job_id":"{JOB_A}","resume_id":"{}","overall_score":0.8,"timestamp":"2024-03-02T08:00:00Z"}}"#, ids[1]),
            format!(r#"{{"analysis_id":"aaaaaaaaaaa3","job_id":"{JOB_B}","resume_id":"{}"}}"#, ids[2]),
            format!(r#"{{"analysis_id":"aaaaaaaaaaa4","job_id":"{JOB_A}","resume_id":"resume_0000deadbeef"}}"#),
            "not json at all".to_owned(),
        ]
        .join("\n"),
    );
    write(
        &dir.join("feedback_db/interactions.jsonl"),
        &[
            r#"{"interaction_id":"fb_0123456789ab","analysis_id":"aaaaaaaaaaa2","question":"Has she led a team?","answer":"Led a team of six","rating":5,"corrected_answer":"Yes, six engineers","timestamp":"2024-03-02T09:00:00"}"#,
            r#"{"interaction_id":"2b7c1e4e-uuid","analysis_id":"aaaaaaaaaaa1","question":"Kubernetes?","answer":"No mention","rating":3}"#,
            r#"{"interaction_id":"fb_0123456789ac","analysis_id":"aaaaaaaaaaa1","question":"Go?","rating":9}"#,
            r#"{"analysis_id":"ffffffffffff","question":"Orphan?","rating":2}"#,
        ]
        .join("\n"),
    );
    ids
}

#[test]
fn a_web_version_folder_imports_with_its_ids_and_reports_what_it_left_out() {
    let tmp = tempfile::tempdir().unwrap();
    let old = tmp.path().join("old");
    let ids = legacy_folder(&old);
    let (store, _) = Store::open(tmp.path().join("data")).unwrap();
    let reader = reader();
    let tools = tools_with(&reader, shortlist_core::pdf::PdfLimits::default());
    let report = store.import_legacy(&tools, &old, t(0)).unwrap();
    assert_eq!(
        (
            report.jobs,
            report.resumes,
            report.analyses,
            report.feedback
        ),
        (2, 3, 3, 2),
        "{report:#?}"
    );
    let where_: Vec<(String, Option<usize>)> = report
        .skipped
        .iter()
        .map(|s| (s.file.clone(), s.line))
        .collect();
    for expected in [
        ("data/jobs/jobs.jsonl".to_owned(), Some(3)),
        ("data/jobs/jobs.jsonl".to_owned(), Some(4)),
        ("data/resumes/pdfs/resume_0000deadbeef.pdf".to_owned(), None),
        ("data/analyses/analyses.jsonl".to_owned(), Some(4)),
        ("data/analyses/analyses.jsonl".to_owned(), Some(5)),
        ("feedback_db/interactions.jsonl".to_owned(), Some(3)),
        ("feedback_db/interactions.jsonl".to_owned(), Some(4)),
    ] {
        assert!(where_.contains(&expected), "{expected:?} not in {where_:?}");
    }
    assert_eq!(report.skipped.len(), 7, "{:#?}", report.skipped);
    // No reason repeats a record's content (it may name a candidate).
    assert!(report.skipped.iter().all(|s| !s.reason.contains("Orphan")));

    // The IDs are the web version's.
    assert_eq!(report.current_job.as_ref().unwrap().as_str(), JOB_B);
    assert_eq!(
        store.current_job().unwrap().unwrap().job.role,
        "Data Scientist"
    );
    assert_eq!(
        store.job(&JobId::parse(JOB_A).unwrap()).unwrap().job.role,
        "Backend Engineer"
    );
    let resumes: Vec<String> = store
        .resumes()
        .unwrap()
        .iter()
        .map(|r| r.id.to_string())
        .collect();
    for id in &ids {
        assert!(resumes.contains(id));
    }
    let carol = store
        .resume(&shortlist_core::ResumeId::parse(&ids[0]).unwrap())
        .unwrap();
    assert!(carol.file_names.contains("carol_nguyen CV.pdf"));
    let a2 = store
        .analysis(&AnalysisId::parse("aaaaaaaaaaa2").unwrap())
        .unwrap();
    assert_eq!(a2.job_id.as_str(), JOB_A);
    assert_eq!(a2.history[0].score, 80, "the web version's score is kept");
    assert_eq!(a2.feedback_count, 1);
    let f = store
        .feedback(&FeedbackId::parse("fb_0123456789ab").unwrap())
        .unwrap();
    assert_eq!(f.correction.as_deref(), Some("Yes, six engineers"));
    assert_eq!(f.resume_id.to_string(), ids[1]);
    // The feedback is in the vector index.
    let hits = store
        .search_feedback(
            embedder(),
            "team leadership",
            None,
            1,
            shortlist_core::store::SearchMode::Auto,
        )
        .unwrap();
    assert_eq!(hits[0].feedback.id.as_str(), "fb_0123456789ab");

    // Again: nothing new, nothing doubled.
    let again = store.import_legacy(&tools, &old, t(1)).unwrap();
    assert_eq!(
        (again.jobs, again.resumes, again.analyses, again.feedback),
        (0, 0, 0, 0)
    );
    assert_eq!(again.already_present, 2 + 3 + 3 + 2, "{again:#?}");
    assert_eq!(store.feedback_list(None).unwrap().len(), 2);
}

#[test]
fn an_export_in_the_web_layout_imports_back_the_same() {
    let tmp = tempfile::tempdir().unwrap();
    let old = tmp.path().join("old");
    legacy_folder(&old);
    let (first, _) = Store::open(tmp.path().join("first")).unwrap();
    let reader = reader();
    let tools = tools_with(&reader, shortlist_core::pdf::PdfLimits::default());
    first.import_legacy(&tools, &old, t(0)).unwrap();
    let out = tmp.path().join("exported");
    let written = first.export_legacy(&out).unwrap();
    assert_eq!(
        (
            written.jobs,
            written.resumes,
            written.analyses,
            written.feedback
        ),
        (2, 3, 3, 2)
    );

    let (second, _) = Store::open(tmp.path().join("second")).unwrap();
    let report = second.import_legacy(&tools, &out, t(5)).unwrap();
    assert!(report.skipped.is_empty(), "{:#?}", report.skipped);
    assert_eq!(
        (
            report.jobs,
            report.resumes,
            report.analyses,
            report.feedback
        ),
        (2, 3, 3, 2)
    );
    let ids = |s: &Store| {
        let mut a: Vec<String> = s
            .analyses(None)
            .unwrap()
            .iter()
            .map(|a| a.id.to_string())
            .collect();
        a.sort();
        let mut f: Vec<String> = s
            .feedback_list(None)
            .unwrap()
            .iter()
            .map(|f| f.id.to_string())
            .collect();
        f.sort();
        let mut r: Vec<String> = s
            .resumes()
            .unwrap()
            .iter()
            .map(|r| r.id.to_string())
            .collect();
        r.sort();
        (a, f, r, s.current_job().unwrap().map(|j| j.job.id))
    };
    assert_eq!(ids(&first), ids(&second));
}
