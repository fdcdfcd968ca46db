//! The `shortlist` binary end to end on a temp data dir with real PDFs.

// Test helpers may unwrap: a failure is the test failing.
#![allow(clippy::unwrap_used)]

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

use serde_json::Value;

fn fixtures() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../../tests/fixtures/pdfs")
}

fn run(data: &Path, args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_shortlist"))
        .arg("--data-dir")
        .arg(data)
        .args(args)
        .output()
        .expect("binary runs")
}

fn stdout(o: &Output) -> String {
    String::from_utf8_lossy(&o.stdout).into_owned()
}

fn json(data: &Path, args: &[&str]) -> Value {
    let mut all = vec!["--json"];
    all.extend_from_slice(args);
    let o = run(data, &all);
    assert!(
        o.status.success(),
        "{args:?}: {}",
        String::from_utf8_lossy(&o.stderr)
    );
    serde_json::from_slice(&o.stdout).expect("valid JSON")
}

#[test]
fn job_import_reopen_round_trip() {
    let data = tempfile::tempdir().unwrap();
    let d = data.path();
    let add = run(
        d,
        &[
            "job",
            "add",
            "--company",
            "Acme",
            "--role",
            "Backend Engineer",
            "--description",
            "Rust, PostgreSQL, Kubernetes",
        ],
    );
    assert!(add.status.success());
    let job_id = stdout(&add).trim().to_owned();
    assert_eq!(job_id.len(), 8);
    assert!(job_id.bytes().all(|b| b.is_ascii_hexdigit()));

    // A folder with good PDFs and one bad one.
    let folder = tempfile::tempdir().unwrap();
    for name in [
        "carol_nguyen.pdf",
        "priya_raman_two_column.pdf",
        "bob_schmidt_multipage.pdf",
    ] {
        std::fs::copy(fixtures().join("good").join(name), folder.path().join(name)).unwrap();
    }
    std::fs::create_dir(folder.path().join("nested")).unwrap();
    std::fs::copy(
        fixtures().join("bad/encrypted.pdf"),
        folder.path().join("nested/locked.PDF"),
    )
    .unwrap();
    std::fs::write(folder.path().join("notes.txt"), "not imported: not a .pdf").unwrap();

    let first = run(d, &["import", folder.path().to_str().unwrap()]);
    assert_eq!(first.status.code(), Some(1), "a failed file makes exit 1");
    let out = stdout(&first);
    assert_eq!(
        out.matches("\nadded ").count() + usize::from(out.starts_with("added ")),
        3,
        "{out}"
    );
    assert!(
        out.contains("locked.PDF: the PDF is password-protected"),
        "{out}"
    );
    assert!(out.contains("3 added, 0 duplicate, 1 failed"), "{out}");
    assert!(!out.contains("notes.txt"));

    // A new process (reopen): exactly the good ones.
    let list = json(d, &["resume", "list"]);
    assert_eq!(list.as_array().unwrap().len(), 3);
    let stats = json(d, &["stats"]);
    assert_eq!(stats["resumes"], 3);
    assert_eq!(stats["jobs"], 1);

    // Re-import: duplicates, and the bad one again with its reason.
    let second = json_import(d, folder.path());
    assert_eq!(second["summary"]["added"], 0);
    assert_eq!(second["summary"]["duplicates"], 3);
    assert_eq!(second["summary"]["failed"], 1);
    let failed = second["results"]
        .as_array()
        .unwrap()
        .iter()
        .find(|r| r["status"] == "failed")
        .unwrap();
    assert_eq!(failed["code"], "bad_pdf");
    assert!(failed["reason"].as_str().unwrap().contains("password"));

    // Resume text and show.
    let id = list[0]["id"].as_str().unwrap();
    let text = run(d, &["resume", "text", id]);
    assert!(text.status.success());
    assert!(!stdout(&text).trim().is_empty());
    assert!(run(d, &["resume", "show", id]).status.success());

    // Jobs: current, search, select.
    assert_eq!(json(d, &["job", "current"])["id"], job_id.as_str());
    let hits = json(d, &["job", "search", "postgresql"]);
    assert_eq!(hits.as_array().unwrap().len(), 1);
    assert!(json(d, &["job", "search", "haskell"])
        .as_array()
        .unwrap()
        .is_empty());
}

fn json_import(d: &Path, folder: &Path) -> Value {
    let o = run(
        d,
        &["--json", "import", folder.to_str().expect("utf-8 path")],
    );
    assert_eq!(o.status.code(), Some(1));
    serde_json::from_slice(&o.stdout).expect("valid JSON")
}

#[test]
fn usage_and_failures_have_distinct_exit_codes() {
    let data = tempfile::tempdir().unwrap();
    let d = data.path();
    // Malformed IDs are usage errors (exit 2) and never reach the store.
    for bad in ["../../etc/passwd", "ZZZZZZZZ", "1234567"] {
        let o = run(d, &["job", "show", bad]);
        assert_eq!(o.status.code(), Some(2), "{bad}");
        assert!(String::from_utf8_lossy(&o.stderr).contains("not a valid job ID"));
    }
    let o = run(d, &["resume", "text", "resume_../../../x"]);
    assert_eq!(o.status.code(), Some(2));
    // Well-formed but unknown: a failure (exit 1) with a clear message on stderr.
    let o = run(d, &["job", "show", "0badc0de"]);
    assert_eq!(o.status.code(), Some(1));
    assert_eq!(
        String::from_utf8_lossy(&o.stderr).trim(),
        "error: no job with ID 0badc0de"
    );
    assert!(o.stdout.is_empty());
    let o = run(d, &["job", "current"]);
    assert_eq!(o.status.code(), Some(1));
    let o = run(d, &["job", "add", "--company", "Acme"]);
    assert_eq!(o.status.code(), Some(2));
}

#[test]
fn description_from_file_and_edit() {
    let data = tempfile::tempdir().unwrap();
    let d = data.path();
    let jd = data.path().join("jd.txt");
    std::fs::write(&jd, "Requirements:\n- 5+ years of Go\n").unwrap();
    let job = json(
        d,
        &[
            "job",
            "add",
            "--company",
            "Globex",
            "--role",
            "SRE",
            "--description-file",
            jd.to_str().unwrap(),
        ],
    );
    assert_eq!(job["description"], "Requirements:\n- 5+ years of Go");
    let id = job["id"].as_str().unwrap();
    let edited = json(
        d,
        &[
            "job",
            "edit",
            id,
            "--company",
            "Globex",
            "--role",
            "Senior SRE",
            "--description",
            "Go",
        ],
    );
    assert_eq!(edited["role"], "Senior SRE");
    assert_eq!(edited["id"], id);
}

#[test]
fn analyse_rank_ask_rate_and_export() {
    let data = tempfile::tempdir().unwrap();
    let d = data.path();
    let eval = fixtures().join("../eval");
    let jd = eval.join("jobs/backend.txt");
    let job = json(
        d,
        &[
            "job",
            "add",
            "--company",
            "Northwind",
            "--role",
            "Backend",
            "--description-file",
            jd.to_str().unwrap(),
        ],
    );
    let job_id = job["id"].as_str().unwrap().to_owned();
    // Import scores each new resume against the current job.
    let o = run(d, &["import", eval.join("resumes").to_str().unwrap()]);
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    assert_eq!(stdout(&o).matches("score").count(), 14);
    let ranked = json(d, &["rank", "--job", &job_id, "--limit", "3"]);
    let ranked = ranked.as_array().unwrap();
    assert_eq!(ranked.len(), 3);
    assert_eq!(ranked[0]["rank"], 1);
    assert!(ranked[0]["score"].as_u64() >= ranked[1]["score"].as_u64());
    let analysis = ranked[0]["analysis_id"].as_str().unwrap().to_owned();
    let shown = json(d, &["analysis", "show", &analysis]);
    assert_eq!(shown["job_id"], job_id.as_str());
    assert!(shown["breakdown"]["skills"]["detail"].is_string());

    let answer = json(d, &["ask", &analysis, "Has she led a team?"]);
    assert!(!answer["passages"].as_array().unwrap().is_empty());
    let fb = json(
        d,
        &[
            "feedback",
            "add",
            "--analysis",
            &analysis,
            "--question",
            "Has she led a team?",
            "--answer",
            "Yes",
            "--rating",
            "5",
            "--correction",
            "Yes, five engineers",
        ],
    );
    assert!(fb["id"].as_str().unwrap().starts_with("fb_"));
    // A rating outside 1-5 is refused, with a reason, and stores nothing.
    let o = run(
        d,
        &[
            "feedback",
            "add",
            "--analysis",
            &analysis,
            "--question",
            "q",
            "--answer",
            "a",
            "--rating",
            "7",
        ],
    );
    assert_eq!(o.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&o.stderr).contains("rating"));
    assert_eq!(json(d, &["feedback", "stats"])["total"], 1);
    let hits = json(d, &["feedback", "search", "team leadership"]);
    assert_eq!(hits.as_array().unwrap().len(), 1);

    let csv = d.join("out.csv");
    json(d, &["export", "csv", csv.to_str().unwrap()]);
    let text = std::fs::read_to_string(&csv).unwrap();
    assert!(text.starts_with("feedback_id,analysis_id,job_id"));
    assert_eq!(text.lines().count(), 2);
    let jsonl = d.join("train.jsonl");
    let r = json(d, &["export", "training", jsonl.to_str().unwrap()]);
    assert_eq!(r["samples"], 1);
    let line: Value =
        serde_json::from_str(std::fs::read_to_string(&jsonl).unwrap().trim()).unwrap();
    assert_eq!(line["messages"][2]["content"], "Yes, five engineers");
    let r = json(d, &["reindex"]);
    assert_eq!(
        (r["resumes"].as_u64(), r["feedback"].as_u64()),
        (Some(14), Some(1))
    );
}
