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

/// A data folder laid out and named exactly as the web version's storage documents describe
/// it (STORAGE_SYSTEM.md, STORAGE_ARCHITECTURE.md, its FastAPI `main.py`): jobs with
/// `company_name` / `role_name` / `job_description`, an index keyed by job ID, resumes by
/// content hash with `original_filename`, analyses holding the engine's output under
/// `analysis_result` (or `result`, as the upload endpoint returned it), feedback with its
/// rating and ideal response nested under `feedback`, and the vector stores beside them.
fn web_version_folder(dir: &Path) -> Vec<String> {
    const JOB_DS: &str = "a3f7b2c1";
    const JOB_EMPTY_ROLE: &str = "b4e8c3d2";
    write(
        &dir.join("data/jobs/jobs.jsonl"),
        &[
            format!(r#"{{"job_id":"{JOB_DS}","job_description":"Requirements: Python, SQL, statistics, 3+ years","company_name":"Manhattan Associates","role_name":"Data Scientist","created_at":"2025-11-11T13:00:00.123456","analysis_count":2}}"#),
            format!(r#"{{"job_id":"{JOB_EMPTY_ROLE}","job_description":"Requirements: Go, Kubernetes","company_name":"DataCorp","role_name":"","created_at":"2025-11-12T09:00:00","analysis_count":1}}"#),
        ]
        .join("\n"),
    );
    write(
        &dir.join("data/jobs/jobs_index.json"),
        &format!(
            r#"{{"{JOB_DS}":{{"company_name":"Manhattan Associates","created_at":"2025-11-11T13:00:00.123456"}},"{JOB_EMPTY_ROLE}":{{"company_name":"DataCorp","created_at":"2025-11-12T09:00:00"}}}}"#
        ),
    );
    let mut ids = Vec::new();
    let mut index = serde_json::Map::new();
    for name in ["carol_nguyen", "priya_raman_two_column"] {
        let bytes = fixture(&format!("good/{name}.pdf"));
        let (_, id) = content_address(&bytes);
        write(&dir.join(format!("data/resumes/texts/{id}.txt")), "text");
        std::fs::create_dir_all(dir.join("data/resumes/pdfs")).unwrap();
        std::fs::write(dir.join(format!("data/resumes/pdfs/{id}.pdf")), &bytes).unwrap();
        index.insert(
            id.to_string(),
            serde_json::json!({
                "resume_id": id.to_string(),
                "original_filename": format!("{name}.pdf"),
                "candidate_name": "A Candidate",
                "upload_date": "2025-11-11T13:04:00",
                "file_size": bytes.len(),
            }),
        );
        ids.push(id.to_string());
    }
    write(
        &dir.join("data/resumes/resumes_index.json"),
        &serde_json::Value::Object(index).to_string(),
    );
    write(
        &dir.join("data/analyses/analyses.jsonl"),
        &[
            format!(r#"{{"analysis_id":"f8e2d1c4b3a9","job_id":"{JOB_DS}","resume_id":"{}","candidate_name":"A Candidate","analysis_result":{{"candidate_name":"A Candidate","overall_score":85,"skill_match_score":80.0,"experience_match_score":90.0,"education_match_score":75.0,"hiring_recommendation":"Strong Yes","executive_summary":"...","timestamp":"2025-11-11T13:05:00"}},"created_at":"2025-11-11T13:05:00.654321","feedback_count":1}}"#, ids[0]),
            format!(r#"{{"candidate_id":"A Candidate_2025-11-11T13:06:00","analysis_id":"0c1d2e3f4a5b","resume_id":"{}","job_id":"{JOB_DS}","result":{{"overall_score":62.5,"timestamp":"2025-11-11T13:06:00"}}}}"#, ids[1]),
            format!(r#"{{"analysis_id":"9a8b7c6d5e4f","job_id":"{JOB_EMPTY_ROLE}","resume_id":"{}","analysis_result":{{"overall_score":40}},"created_at":"2025-11-12T09:10:00","feedback_count":0}}"#, ids[1]),
        ]
        .join("\n"),
    );
    write(
        &dir.join("data/analyses/analyses_index.json"),
        r#"{"f8e2d1c4b3a9":{"job_id":"a3f7b2c1"}}"#,
    );
    write(
        &dir.join("feedback_db/interactions.jsonl"),
        &[
            r#"{"id":"candidate_123_weakness_1699999999","timestamp":"2025-11-11T13:10:00","query":"Is this weakness accurate: 'Limited Python experience'?","context":["weakness","Limited Python experience"],"response":"Limited Python experience","feedback":{"rating":2,"correct_points":[],"incorrect_points":["Limited Python experience"],"missing_points":[],"ideal_response":"Candidate has 5 years of Python experience"},"analysis_id":"f8e2d1c4b3a9","job_id":"a3f7b2c1","embedding":[0.123,0.456]}"#,
            r#"{"id":"candidate_123_strength_1700000000","timestamp":"2025-11-11T13:11:00","query":"Does she know SQL?","context":[],"response":"Yes, PostgreSQL daily","feedback":{"rating":5,"correct_points":["PostgreSQL"],"incorrect_points":[],"missing_points":[],"ideal_response":""},"analysis_id":"f8e2d1c4b3a9","job_id":"a3f7b2c1"}"#,
        ]
        .join("\n"),
    );
    write(
        &dir.join("feedback_db/faiss_id_map.json"),
        r#"["candidate_123_weakness_1699999999"]"#,
    );
    write(&dir.join("feedback_db/faiss_index.bin"), "\u{0}\u{1}binary");
    write(
        &dir.join("feedback_db/chroma/chroma.sqlite3"),
        "SQLite format 3",
    );
    write(&dir.join("data/jobs_applied/job_applicaiton.xlsx"), "PK");
    ids
}

/// Issue 14, defect 15: the web version's own field names (`role_name`, scores under
/// `analysis_result` / `result`, ratings under `feedback`) were not accepted, so every job
/// was skipped, then every analysis and every rating, and the command still said success.
#[test]
fn migration_from_the_web_version_keeps_every_job_analysis_and_rating() {
    let tmp = tempfile::tempdir().unwrap();
    let old = tmp.path().join("ats_web/backend");
    let ids = web_version_folder(&old);
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
        (2, 2, 3, 2),
        "{report:#?}"
    );
    assert!(report.skipped.is_empty(), "{:#?}", report.skipped);
    assert!(report.problems().is_empty(), "{:?}", report.problems());

    let ds = store.job(&JobId::parse("a3f7b2c1").unwrap()).unwrap().job;
    assert_eq!(
        (ds.company.as_str(), ds.role.as_str()),
        ("Manhattan Associates", "Data Scientist")
    );
    assert!(ds.description.contains("statistics"));
    let untitled = store.job(&JobId::parse("b4e8c3d2").unwrap()).unwrap().job;
    assert_eq!(
        untitled.role, "Untitled role",
        "an empty role_name keeps the job"
    );

    // The old scores are kept in each analysis's history.
    let score_of = |id: &str| {
        let a = store.analysis(&AnalysisId::parse(id).unwrap()).unwrap();
        (
            a.history.first().map(|h| (h.score, h.engine_version)),
            a.resume_id.to_string(),
        )
    };
    assert_eq!(score_of("f8e2d1c4b3a9"), (Some((85, 0)), ids[0].clone()));
    assert_eq!(
        score_of("0c1d2e3f4a5b"),
        (Some((63, 0)), ids[1].clone()),
        "from `result`"
    );
    assert_eq!(score_of("9a8b7c6d5e4f").0, Some((40, 0)));

    // The ratings, with the ideal response as the correction and the points as a comment.
    let list = store
        .feedback_list(Some(&AnalysisId::parse("f8e2d1c4b3a9").unwrap()))
        .unwrap();
    assert_eq!(list.len(), 2);
    let weak = list.iter().find(|f| f.rating == 2).unwrap();
    assert_eq!(weak.answer, "Limited Python experience");
    assert_eq!(
        weak.correction.as_deref(),
        Some("Candidate has 5 years of Python experience")
    );
    assert_eq!(
        weak.comment.as_deref(),
        Some("Incorrect: Limited Python experience")
    );
    let strong = list.iter().find(|f| f.rating == 5).unwrap();
    assert_eq!(
        strong.correction, None,
        "an empty ideal response is no correction"
    );

    // Twice: nothing doubles.
    let again = store.import_legacy(&tools, &old, t(1)).unwrap();
    assert_eq!((again.jobs, again.analyses, again.feedback), (0, 0, 0));
    assert!(again.problems().is_empty(), "{:?}", again.problems());
}

/// Issue 14, defect 6 (the web-version side): a PDF was read whole before its size check, a
/// `jobs.jsonl` linked to /dev/zero was read without end, and a FIFO named like a file of the
/// layout blocked the import for ever.
#[cfg(unix)]
#[test]
fn legacy_import_reads_only_regular_files_and_never_past_a_limit() {
    let tmp = tempfile::tempdir().unwrap();
    let old = tmp.path().join("old");
    let ids = web_version_folder(&old);
    // The first resume's PDF: a sparse 3 GB file (the limit is 50 MB).
    let pdf = old.join(format!("data/resumes/pdfs/{}.pdf", ids[0]));
    std::fs::remove_file(&pdf).unwrap();
    std::fs::File::create(&pdf)
        .unwrap()
        .set_len(3 << 30)
        .unwrap();
    // jobs.jsonl: a FIFO nobody writes to; analyses.jsonl: a link to /dev/zero.
    std::fs::remove_file(old.join("data/jobs/jobs.jsonl")).unwrap();
    let made = std::process::Command::new("mkfifo")
        .arg(old.join("data/jobs/jobs.jsonl"))
        .status();
    assert!(made.unwrap().success());
    std::fs::remove_file(old.join("data/analyses/analyses.jsonl")).unwrap();
    std::os::unix::fs::symlink("/dev/zero", old.join("data/analyses/analyses.jsonl")).unwrap();

    // The peak is the whole test process's: forget the peaks of tests that ran before (the
    // model's sessions, the eval), so that what is measured is this import and its company.
    let _ = std::fs::write("/proc/self/clear_refs", "5");
    let (tx, rx) = std::sync::mpsc::channel();
    let data = tmp.path().join("data");
    let folder = old.clone();
    std::thread::spawn(move || {
        let (store, _) = Store::open(&data).unwrap();
        let reader = reader();
        let tools = tools_with(&reader, shortlist_core::pdf::PdfLimits::default());
        let _ = tx.send(store.import_legacy(&tools, &folder, t(0)));
    });
    let report = rx
        .recv_timeout(std::time::Duration::from_secs(120))
        .expect("the import returns (a FIFO or /dev/zero must not hold it)")
        .unwrap();
    let peak = std::fs::read_to_string("/proc/self/status")
        .unwrap()
        .lines()
        .find_map(|l| {
            l.strip_prefix("VmHWM:")
                .map(|v| v.trim().trim_end_matches(" kB").parse::<u64>().unwrap())
        })
        .unwrap();
    // Under the 3 GiB the file alone would take (other tests of this process run meanwhile:
    // the model's sessions and the eval's sets take up to about 2 GiB between them).
    assert!(
        peak < 11 << 18,
        "peak memory {peak} kB: the 3 GB file was read"
    );

    let reason = |file: &str| {
        report
            .skipped
            .iter()
            .find(|s| s.file == file)
            .map(|s| s.reason.clone())
            .unwrap_or_else(|| panic!("{file} not reported: {:#?}", report.skipped))
    };
    assert!(reason("data/jobs/jobs.jsonl").contains("not a regular file"));
    assert!(reason("data/analyses/analyses.jsonl").contains("not a regular file"));
    assert!(reason(&format!("data/resumes/pdfs/{}.pdf", ids[0])).contains("too large"));
    assert_eq!(report.resumes, 1, "the other PDF still comes in");
    let problems = report.problems();
    assert!(
        problems
            .iter()
            .any(|p| p.starts_with("data/jobs/jobs.jsonl: the whole file"))
            && problems
                .iter()
                .any(|p| p.starts_with("data/analyses/analyses.jsonl: the whole file")),
        "{problems:?}"
    );
}

/// The defect (a hostile review): a line longer than the cap ended the file, so every job
/// after it was lost. It is skipped and reported; the lines after it are read.
#[test]
fn a_line_too_long_is_skipped_and_the_lines_after_it_are_read() {
    let tmp = tempfile::tempdir().unwrap();
    let old = tmp.path().join("old");
    let huge = format!(
        r#"{{"job_id":"abcd1235","role":"x","description":"{}"}}"#,
        "a".repeat(17 << 20)
    );
    write(
        &old.join("data/jobs/jobs.jsonl"),
        &[
            format!(r#"{{"job_id":"{JOB_A}","title":"Backend Engineer","company":"Northwind","description":"Requirements: Go"}}"#),
            huge,
            format!(r#"{{"job_id":"{JOB_B}","role":"Data Scientist","company_name":"Woodgrove","text":"Requirements: Python"}}"#),
        ]
        .join("\n"),
    );
    let (store, _) = Store::open(tmp.path().join("data")).unwrap();
    let reader = reader();
    let tools = tools_with(&reader, shortlist_core::pdf::PdfLimits::default());
    let report = store.import_legacy(&tools, &old, t(0)).unwrap();
    assert_eq!(report.jobs, 2, "{report:#?}");
    let skipped: Vec<(&str, Option<usize>)> = report
        .skipped
        .iter()
        .filter(|s| s.file == "data/jobs/jobs.jsonl")
        .map(|s| (s.reason.as_str(), s.line))
        .collect();
    assert_eq!(skipped.len(), 1, "{skipped:?}");
    assert_eq!(skipped[0].1, Some(2));
    assert!(skipped[0].0.contains("skipped"), "{skipped:?}");
}
