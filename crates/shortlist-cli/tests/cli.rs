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
    // An empty shortlist says what to do next.
    let empty = run(d, &["rank", "--job", &job_id]);
    assert!(empty.status.success());
    assert!(
        stderr(&empty).contains("no resume is scored against this job yet; import some"),
        "{}",
        stderr(&empty)
    );

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
    // What an edit leaves out stays as it was.
    let renamed = json(d, &["job", "edit", id, "--role", "Staff SRE"]);
    assert_eq!(
        (
            &renamed["company"],
            &renamed["role"],
            &renamed["description"]
        ),
        (&"Globex".into(), &"Staff SRE".into(), &"Go".into())
    );
    // A description file that is not UTF-8 text is refused in words, and a blank
    // description at all.
    let latin1 = d.join("latin1.txt");
    std::fs::write(&latin1, b"Requirements:\n- Caf\xe9 management").unwrap();
    let out = run(
        d,
        &[
            "job",
            "edit",
            id,
            "--description-file",
            latin1.to_str().unwrap(),
        ],
    );
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(
        !out.status.success() && err.contains("not UTF-8 text"),
        "{err}"
    );
    let out = run(d, &["job", "edit", id, "--description", "  "]);
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(
        !out.status.success() && err.contains("must not be empty"),
        "{err}"
    );
    let kept = json(d, &["job", "show", id]);
    assert_eq!(kept["description"], "Go");
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

/// Writes `n` distinct, valid PDFs (fixture resumes with a numbered comment after `%%EOF`,
/// which readers ignore but which changes the content address).
fn pdf_variants(dir: &Path, n: usize) {
    let sources: Vec<Vec<u8>> = [
        "carol_nguyen.pdf",
        "priya_raman_two_column.pdf",
        "bob_schmidt_multipage.pdf",
    ]
    .iter()
    .map(|f| std::fs::read(fixtures().join("good").join(f)).unwrap())
    .collect();
    for i in 0..n {
        let mut bytes = sources[i % sources.len()].clone();
        bytes.extend_from_slice(format!("\n%variant {i}\n").as_bytes());
        std::fs::write(dir.join(format!("cv_{i:04}.pdf")), bytes).unwrap();
    }
}

/// A small deterministic generator for kill times (no dependency needed).
fn next(seed: &mut u64) -> u64 {
    *seed = seed
        .wrapping_mul(6364136223846793005)
        .wrapping_add(1442695040888963407);
    *seed >> 33
}

#[test]
fn kill_9_during_bulk_import_loses_nothing_acknowledged() {
    use std::io::{BufRead, BufReader};
    use std::process::Stdio;
    use std::time::{Duration, Instant};

    let rounds: usize = std::env::var("SHORTLIST_CRASH_ROUNDS")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(6);
    let files: usize = std::env::var("SHORTLIST_CRASH_FILES")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(200);
    let data = tempfile::tempdir().unwrap();
    let folder = tempfile::tempdir().unwrap();
    pdf_variants(folder.path(), files);
    let d = data.path();
    json(
        d,
        &[
            "job",
            "add",
            "--company",
            "Crash",
            "--role",
            "Test",
            "--description",
            "Requirements:\n- React\n- Python",
        ],
    );

    let mut acknowledged = std::collections::BTreeSet::new();
    let mut seed = 0x5eed_u64;
    let mut kills = 0;
    for round in 0..rounds {
        let mut child = Command::new(env!("CARGO_BIN_EXE_shortlist"))
            .arg("--data-dir")
            .arg(d)
            .arg("import")
            .arg(folder.path())
            .stdout(Stdio::piped())
            .stderr(Stdio::null())
            .spawn()
            .unwrap();
        let stdout = child.stdout.take().unwrap();
        // Read the acknowledgements as they come, on a thread, until the pipe closes.
        let reader = std::thread::spawn(move || {
            BufReader::new(stdout)
                .lines()
                .map_while(Result::ok)
                .filter_map(|l| {
                    let mut w = l.split_whitespace();
                    match (w.next(), w.next()) {
                        (Some("added" | "duplicate"), Some(id)) => Some(id.to_owned()),
                        _ => None,
                    }
                })
                .collect::<Vec<_>>()
        });
        let wait_ms = 300 + next(&mut seed) % 2500;
        let started = Instant::now();
        let mut finished = false;
        while started.elapsed() < Duration::from_millis(wait_ms) {
            if child.try_wait().unwrap().is_some() {
                finished = true;
                break;
            }
            std::thread::sleep(Duration::from_millis(20));
        }
        if !finished {
            child.kill().unwrap(); // SIGKILL
            kills += 1;
        }
        child.wait().unwrap();
        acknowledged.extend(reader.join().unwrap());

        // Reopen (a new process) and check: everything acknowledged is there exactly once,
        // nothing points at a missing blob, no orphan blob survives the open.
        let list = json(d, &["resume", "list"]);
        let ids: Vec<String> = list
            .as_array()
            .unwrap()
            .iter()
            .map(|r| r["id"].as_str().unwrap().to_owned())
            .collect();
        let unique: std::collections::BTreeSet<_> = ids.iter().cloned().collect();
        assert_eq!(
            unique.len(),
            ids.len(),
            "round {round}: a resume stored twice"
        );
        for id in &acknowledged {
            assert!(unique.contains(id), "round {round}: acknowledged {id} lost");
        }
        for kind in ["pdf", "text"] {
            let mut on_disk: Vec<String> = std::fs::read_dir(d.join("blobs").join(kind))
                .unwrap()
                .flatten()
                .map(|e| e.file_name().to_string_lossy().into_owned())
                .collect();
            on_disk.sort();
            let mut expected: Vec<String> = unique
                .iter()
                .map(|id| format!("{id}.{}", if kind == "pdf" { "pdf" } else { "txt" }))
                .collect();
            expected.sort();
            assert_eq!(
                on_disk, expected,
                "round {round}: blobs and records disagree ({kind})"
            );
        }
        // Each stored resume has its analysis against the current job (same commit).
        let job = json(d, &["job", "current"]);
        assert_eq!(
            job["analysis_count"].as_u64(),
            Some(unique.len() as u64),
            "round {round}"
        );
        if finished {
            break;
        }
    }
    eprintln!(
        "crash test: {kills} kills over {rounds} rounds, {} resumes acknowledged, all present",
        acknowledged.len()
    );
    assert!(
        kills > 0,
        "no import was interrupted; the test proved nothing"
    );
}

/// A full disk and a read-only disk, simulated with a small tmpfs mounted in a private user
/// and mount namespace (`unshare`, no root needed): imports that do not fit fail with the
/// disk-full error, every acknowledged resume is complete (record and both blobs), the store
/// reopens; on a read-only mount the error says so and nothing changes.
#[test]
fn a_full_or_read_only_disk_fails_cleanly_and_the_store_still_opens() {
    let bin = env!("CARGO_BIN_EXE_shortlist");
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("../..");
    let script = format!(
        r#"set -eu
T=$(mktemp -d)
mount -t tmpfs -o size=700k tmpfs "$T"
S() {{ "{bin}" --data-dir "$T/d" "$@"; }}
S job add --company Acme --role Engineer --description 'Requirements: Go, SQL' > /dev/null
echo "== import"
S import tests/fixtures/eval/resumes tests/fixtures/pdfs/good || true
echo "== list"
S resume list
echo "== blobs $(ls "$T/d/blobs/pdf" | wc -l) $(ls "$T/d/blobs/text" | wc -l)"
mount -o remount,ro "$T"
echo "== read-only"
S import tests/fixtures/pdfs/good 2>&1 || true
mount -o remount,rw "$T"
echo "== after"
S resume list | wc -l
"#
    );
    let out = Command::new("unshare")
        .args([
            "--user",
            "--map-root-user",
            "--mount",
            "bash",
            "-c",
            &script,
        ])
        .current_dir(&root)
        .output()
        .expect("unshare runs");
    let stdout = String::from_utf8_lossy(&out.stdout);
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(out.status.success(), "{stdout}\n{stderr}");
    let section = |name: &str| {
        stdout
            .split(&format!("== {name}"))
            .nth(1)
            .and_then(|s| s.split("\n== ").next())
            .unwrap_or("")
            .to_owned()
    };
    let import = section("import");
    let added = import.lines().filter(|l| l.starts_with("added")).count();
    let full = import
        .lines()
        .filter(|l| l.contains("the disk is full"))
        .count();
    assert!(added > 0 && full > 0, "some fit, some did not:\n{import}");
    assert_eq!(
        added + full,
        20,
        "every file has an outcome:\n{stdout}\n{stderr}"
    );
    let listed = section("list")
        .lines()
        .filter(|l| l.starts_with("resume_"))
        .count();
    assert_eq!(listed, added, "exactly the acknowledged resumes are stored");
    let blobs = stdout
        .lines()
        .find_map(|l| l.strip_prefix("== blobs "))
        .unwrap_or_default()
        .to_owned();
    assert_eq!(
        blobs,
        format!("{added} {added}"),
        "no half-written or orphan blob"
    );
    let read_only = section("read-only");
    assert!(read_only.contains("read-only disk"), "{read_only}");
    assert_eq!(section("after").trim(), added.to_string());
}

fn stderr(o: &Output) -> String {
    String::from_utf8_lossy(&o.stderr).into_owned()
}

/// A store with one job and one imported resume; returns the resume's analysis ID.
fn store_with_analysis(d: &Path) -> String {
    let job = run(
        d,
        &[
            "job",
            "add",
            "--company",
            "Acme",
            "--role",
            "Backend",
            "--description",
            "Rust, Go",
        ],
    );
    assert!(job.status.success(), "{}", stderr(&job));
    let pdf = fixtures().join("good/carol_nguyen.pdf");
    let report = json(d, &["import", pdf.to_str().unwrap()]);
    report["results"][0]["analysis"]["id"]
        .as_str()
        .expect("analysed at import")
        .to_owned()
}

/// Runs the binary, killing it (and failing) if it has not finished after `secs`.
fn run_within(secs: u64, data: &Path, args: &[&std::ffi::OsStr]) -> Output {
    let child = Command::new(env!("CARGO_BIN_EXE_shortlist"))
        .arg("--data-dir")
        .arg(data)
        .args(args)
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::piped())
        .spawn()
        .unwrap();
    let pid = child.id();
    let (tx, rx) = std::sync::mpsc::channel();
    std::thread::spawn(move || {
        let _ = tx.send(child.wait_with_output());
    });
    match rx.recv_timeout(std::time::Duration::from_secs(secs)) {
        Ok(out) => out.unwrap(),
        Err(_) => {
            let _ = Command::new("kill").arg("-9").arg(pid.to_string()).status();
            panic!("{args:?} still running after {secs} s");
        }
    }
}

/// Issue 14, defect 5: cells starting with = + - @ were only quoted, so a spreadsheet ran them.
#[test]
fn csv_export_never_starts_a_formula() {
    let data = tempfile::tempdir().unwrap();
    let d = data.path();
    let analysis = store_with_analysis(d);
    json(
        d,
        &[
            "feedback",
            "add",
            "--analysis",
            &analysis,
            "--question",
            "=HYPERLINK(\"http://evil.example\",\"open\")",
            "--answer=-1+2",
            "--rating",
            "3",
            "--correction",
            "+cmd|' /C calc'!A0",
            "--comment",
            "@SUM(A1:A9)",
        ],
    );
    let csv = d.join("feedback.csv");
    json(d, &["export", "csv", csv.to_str().unwrap()]);
    let out = Command::new("python3")
        .arg("-c")
        .arg("import csv,json,sys; print(json.dumps(list(csv.reader(open(sys.argv[1], newline='', encoding='utf-8')))))")
        .arg(&csv)
        .output()
        .expect("python3 runs");
    let rows: Vec<Vec<String>> = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(rows.len(), 2);
    for cell in rows.iter().flatten() {
        assert!(
            !cell.starts_with(['=', '+', '-', '@', '\t', '\r']),
            "a cell starts a formula: {cell:?}"
        );
    }
    // Still readable: the value follows the apostrophe unchanged.
    assert!(rows[1].contains(&"'=HYPERLINK(\"http://evil.example\",\"open\")".to_owned()));
    assert!(rows[1].contains(&"'@SUM(A1:A9)".to_owned()));
    assert!(rows[1].contains(&"'-1+2".to_owned()));
}

/// Issue 14, defect 12: ESC, BEL, U+202E and zero-width characters were stored and printed
/// raw, so `feedback list` ran terminal escape sequences.
#[test]
fn control_and_bidi_characters_never_reach_the_terminal() {
    let data = tempfile::tempdir().unwrap();
    let d = data.path();
    let analysis = store_with_analysis(d);
    let added = json(
        d,
        &[
            "feedback",
            "add",
            "--analysis",
            &analysis,
            "--question",
            "Led\u{1b}]0;owned\u{7} a team\u{202E}?\u{200B}",
            "--answer",
            "Yes\u{1b}[2J",
            "--rating",
            "4",
            "--comment",
            "\u{202E}fdp.exe\u{2066}",
        ],
    );
    // Stripped on input, in the core.
    assert_eq!(added["question"], "Led]0;owned a team?");
    assert_eq!(added["answer"], "Yes[2J");
    assert_eq!(added["comment"], "fdp.exe");
    let listed = run(d, &["feedback", "list"]);
    let shown = stdout(&listed);
    for c in ['\u{1b}', '\u{7}', '\u{202E}', '\u{200B}', '\u{2066}'] {
        assert!(!shown.contains(c), "{c:?} printed: {shown:?}");
    }
    // Escaped on output: a file name is the user's own and is kept, but shown harmlessly.
    let folder = tempfile::tempdir().unwrap();
    let name = folder.path().join("cv\u{1b}[31m\u{202E}fdp.pdf");
    std::fs::copy(fixtures().join("good/priya_raman_two_column.pdf"), &name).unwrap();
    let o = run(d, &["import", folder.path().to_str().unwrap()]);
    assert!(o.status.success(), "{}", stderr(&o));
    let shown = stdout(&o);
    assert!(
        !shown.contains('\u{1b}') && !shown.contains('\u{202E}'),
        "{shown:?}"
    );
    assert!(shown.contains("cv\\u{1b}[31m\\u{202e}fdp.pdf"), "{shown}");
}

/// Issue 14, defect 10: `import --json` printed nothing and exited 1 after committing, when a
/// file name was not valid UTF-8.
#[cfg(unix)]
#[test]
fn import_json_reports_a_file_whose_name_is_not_utf8() {
    use std::os::unix::ffi::OsStrExt;
    let data = tempfile::tempdir().unwrap();
    let d = data.path();
    let folder = tempfile::tempdir().unwrap();
    let odd = folder
        .path()
        .join(std::ffi::OsStr::from_bytes(b"Zo\xeb Martin.pdf"));
    std::fs::copy(fixtures().join("good/carol_nguyen.pdf"), &odd).unwrap();
    std::fs::copy(
        fixtures().join("good/priya_raman_two_column.pdf"),
        folder.path().join("priya.pdf"),
    )
    .unwrap();
    let o = run(d, &["--json", "import", folder.path().to_str().unwrap()]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    let report: Value = serde_json::from_slice(&o.stdout).expect("a JSON report");
    let results = report["results"].as_array().unwrap();
    assert_eq!(results.len(), 2, "{report:#}");
    assert_eq!(report["summary"]["added"], 2);
    let names: Vec<&str> = results
        .iter()
        .map(|r| r["path"].as_str().unwrap())
        .collect();
    assert!(
        names.iter().any(|n| n.ends_with("/Zo\\xeb Martin.pdf")),
        "{names:?}"
    );
    // The human output names it the same way.
    let again = run(d, &["import", folder.path().to_str().unwrap()]);
    assert!(
        stdout(&again).contains("Zo\\xeb Martin.pdf"),
        "{}",
        stdout(&again)
    );
}

/// Issue 14, defect 11: a linked PDF inside an imported folder was skipped without a word.
#[cfg(unix)]
#[test]
fn a_linked_pdf_in_a_folder_is_imported_and_a_broken_link_reported() {
    let data = tempfile::tempdir().unwrap();
    let d = data.path();
    let elsewhere = tempfile::tempdir().unwrap();
    let real = elsewhere.path().join("carol.pdf");
    std::fs::copy(fixtures().join("good/carol_nguyen.pdf"), &real).unwrap();
    let folder = tempfile::tempdir().unwrap();
    std::os::unix::fs::symlink(&real, folder.path().join("linked.pdf")).unwrap();
    std::os::unix::fs::symlink(
        elsewhere.path().join("gone.pdf"),
        folder.path().join("broken.pdf"),
    )
    .unwrap();
    // A linked folder is walked once, even when it links back up.
    std::os::unix::fs::symlink(folder.path(), folder.path().join("loop")).unwrap();
    let o = run(d, &["--json", "import", folder.path().to_str().unwrap()]);
    let report: Value = serde_json::from_slice(&o.stdout).expect("a JSON report");
    assert_eq!(report["summary"]["added"], 1, "{report:#}");
    assert_eq!(report["summary"]["failed"], 1, "{report:#}");
    let broken = report["results"]
        .as_array()
        .unwrap()
        .iter()
        .find(|r| r["status"] == "failed")
        .unwrap();
    assert!(broken["path"].as_str().unwrap().ends_with("broken.pdf"));
    assert!(broken["reason"]
        .as_str()
        .unwrap()
        .contains("link to nothing"));
}

/// Issue 14, defect 6 (import): a FIFO given to `import` blocked for ever, and a link to
/// /dev/zero passed the size check (it reads the name's metadata) and was read without end.
#[cfg(unix)]
#[test]
fn import_never_blocks_on_a_fifo_nor_reads_a_device() {
    let data = tempfile::tempdir().unwrap();
    let d = data.path();
    let folder = tempfile::tempdir().unwrap();
    let fifo = folder.path().join("fifo.pdf");
    assert!(Command::new("mkfifo")
        .arg(&fifo)
        .status()
        .unwrap()
        .success());
    let zero = folder.path().join("zero.pdf");
    std::os::unix::fs::symlink("/dev/zero", &zero).unwrap();
    let args = [
        std::ffi::OsStr::new("--json"),
        std::ffi::OsStr::new("import"),
        fifo.as_os_str(),
        zero.as_os_str(),
        folder.path().as_os_str(),
    ];
    let o = run_within(120, d, &args);
    assert_eq!(o.status.code(), Some(1), "{}", stderr(&o));
    let report: Value = serde_json::from_slice(&o.stdout).expect("a JSON report");
    let results = report["results"].as_array().unwrap();
    assert_eq!(results.len(), 2, "each once: {report:#}");
    for r in results {
        assert_eq!(r["status"], "failed");
        assert_eq!(r["code"], "not_a_file", "{r}");
    }
}

/// Issue 14, defect 13: clap echoed a 100 KB malformed value in full.
#[test]
fn usage_errors_cut_a_long_malformed_value() {
    let data = tempfile::tempdir().unwrap();
    let d = data.path();
    let long = "9".repeat(50_000) + &"x".repeat(50_000);
    let job = format!("--job={long}");
    for (args, echoed) in [
        (
            vec!["rank", "--job", "0badc0de", "--limit", long.as_str()],
            true,
        ),
        (vec![long.as_str()], true),
        (vec!["rank", job.as_str()], false),
    ] {
        let o = run(d, &args);
        assert_eq!(o.status.code(), Some(2));
        let err = stderr(&o);
        assert!(err.len() < 2_000, "{} bytes echoed", err.len());
        if echoed {
            assert!(err.contains("… (100000 characters)"), "{err}");
        }
    }
    // Help still prints in full, on stdout.
    let help = run(d, &["--help"]);
    assert!(help.status.success() && stdout(&help).contains("import-legacy"));
}

/// Issue 14, defect 15 (the exit status): every job skipped, and the command said success.
#[test]
fn import_legacy_fails_loudly_when_a_whole_file_is_left_out() {
    let data = tempfile::tempdir().unwrap();
    let d = data.path();
    let old = tempfile::tempdir().unwrap();
    let jobs = old.path().join("data/jobs/jobs.jsonl");
    std::fs::create_dir_all(jobs.parent().unwrap()).unwrap();
    std::fs::write(&jobs, "not json\n{\"job_id\":\"zz\"}\n[1]\n").unwrap();
    let o = run(
        d,
        &["--json", "import-legacy", old.path().to_str().unwrap()],
    );
    assert_eq!(o.status.code(), Some(1), "{}", stderr(&o));
    let report: Value = serde_json::from_slice(&o.stdout).expect("the report on stdout");
    assert_eq!(report["jobs"], 0);
    let err = stderr(&o);
    assert!(err.contains("INCOMPLETE"), "{err}");
    assert!(
        err.contains("data/jobs/jobs.jsonl: all 3 jobs were left out"),
        "{err}"
    );
    // An empty folder (the wrong one, say) is no success either.
    let empty = tempfile::tempdir().unwrap();
    let o = run(d, &["import-legacy", empty.path().to_str().unwrap()]);
    assert_eq!(o.status.code(), Some(1));
    assert!(stderr(&o).contains("data/jobs/jobs.jsonl: the whole file was left out"));
}

/// Every file under `dir` whose bytes contain `needle`.
fn files_containing(dir: &Path, needle: &[u8]) -> Vec<PathBuf> {
    let mut hits = Vec::new();
    for entry in std::fs::read_dir(dir).unwrap().flatten() {
        let path = entry.path();
        if path.is_dir() {
            hits.extend(files_containing(&path, needle));
        } else if std::fs::read(&path).is_ok_and(|b| b.windows(needle.len()).any(|w| w == needle)) {
            hits.push(path);
        }
    }
    hits
}

/// Issue 14, defect 4: with another Shortlist holding the folder, `erase` removes the records,
/// says the compaction is still to do and how, and exits 1; `shortlist compact` does it once
/// the folder is free, and the email is then gone from the database file.
#[test]
fn erase_with_the_folder_busy_is_compacted_by_shortlist_compact() {
    let data = tempfile::tempdir().unwrap();
    let d = data.path();
    let carol = fixtures().join("good/carol_nguyen.pdf");
    let imported = json(d, &["import", carol.to_str().unwrap()]);
    let id = imported["results"][0]["resume_id"]
        .as_str()
        .unwrap_or_else(|| panic!("{imported}"))
        .to_owned();
    let email = b"carol.nguyen@example.com";

    let other = std::fs::File::open(d.join(".shortlist.lock")).unwrap();
    other.lock_shared().unwrap();
    let erase = run(d, &["erase", &id]);
    let err = String::from_utf8_lossy(&erase.stderr).into_owned();
    assert_eq!(erase.status.code(), Some(1), "{err}");
    assert!(err.contains("shortlist compact"), "{err}");
    assert!(!files_containing(d, email).is_empty(), "not compacted yet");
    let busy = run(d, &["compact"]);
    assert_eq!(busy.status.code(), Some(1));
    drop(other);

    let compact = run(d, &["compact"]);
    assert!(
        compact.status.success(),
        "{}",
        String::from_utf8_lossy(&compact.stderr)
    );
    assert_eq!(stdout(&compact).trim(), "compacted the database");
    assert!(files_containing(d, email).is_empty(), "the email is gone");
    assert_eq!(json(d, &["resume", "list"]).as_array().unwrap().len(), 0);
}

/// Issue 14, defect 1, as reproduced: an import started 50 ms after a restore, in another
/// process. Whatever each command then says, every file the import acknowledged is in the
/// live folder afterwards (the import waits for the restore, or the restore is refused).
#[test]
fn import_during_restore_loses_nothing_acknowledged() {
    use std::process::Stdio;
    let data = tempfile::tempdir().unwrap();
    let d = data.path().join("data");
    let eval = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../tests/fixtures/eval/resumes");
    let o = run(&d, &["import", eval.to_str().unwrap()]);
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    let archive = data.path().join("backup.tar");
    assert!(run(&d, &["backup", archive.to_str().unwrap()])
        .status
        .success());
    for trial in 0..3 {
        let folder = tempfile::tempdir().unwrap();
        pdf_variants(folder.path(), 20);
        // Distinct per trial: a variant number no other trial uses.
        for f in std::fs::read_dir(folder.path()).unwrap().flatten() {
            let mut bytes = std::fs::read(f.path()).unwrap();
            bytes.extend_from_slice(format!("%trial {trial}\n").as_bytes());
            std::fs::write(f.path(), bytes).unwrap();
        }
        let restore = Command::new(env!("CARGO_BIN_EXE_shortlist"))
            .arg("--data-dir")
            .arg(&d)
            .args(["restore", archive.to_str().unwrap()])
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn()
            .unwrap();
        std::thread::sleep(std::time::Duration::from_millis(50));
        let import = run(&d, &["--json", "import", folder.path().to_str().unwrap()]);
        let restore = restore.wait_with_output().unwrap();
        let report: Value = serde_json::from_slice(&import.stdout).unwrap_or(Value::Null);
        let added: Vec<String> = report["results"]
            .as_array()
            .map(|rs| {
                rs.iter()
                    .filter(|r| r["status"] == "added")
                    .filter_map(|r| r["resume_id"].as_str())
                    .map(str::to_owned)
                    .collect()
            })
            .unwrap_or_default();
        let listed = json(&d, &["resume", "list"]);
        let ids: Vec<&str> = listed
            .as_array()
            .unwrap()
            .iter()
            .filter_map(|r| r["id"].as_str())
            .collect();
        for id in &added {
            assert!(
                ids.contains(&id.as_str()),
                "trial {trial}: {id} was acknowledged but is not stored (restore: {}, {})",
                restore.status,
                String::from_utf8_lossy(&restore.stderr)
            );
        }
        eprintln!(
            "trial {trial}: restore {}, import {} with {} added",
            restore.status,
            import.status,
            added.len()
        );
    }
}

#[test]
fn rescore_leaves_analyses_of_the_current_engine_alone() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    let id = store_with_analysis(d);
    let before = json(d, &["analysis", "show", &id]);
    let r = json(d, &["rescore"]);
    assert_eq!(
        r,
        serde_json::json!({ "rescored": 0, "failed": [], "cancelled": false })
    );
    // Not scored again: the same record, no history entry.
    let after = json(d, &["analysis", "show", &id]);
    assert_eq!(after, before);
    assert_eq!(after["history"], serde_json::json!([]));
    let human = run(d, &["rescore"]);
    assert!(human.status.success(), "{}", stderr(&human));
    assert!(stdout(&human).starts_with("0 analyses scored again with engine"));
}

#[test]
fn criteria_gates_stages_notes_tags_blind_rank_and_shortlist_export() {
    let data = tempfile::tempdir().unwrap();
    let d = data.path();
    let job = json(
        d,
        &[
            "job",
            "add",
            "--company",
            "Fabrikam",
            "--role",
            "Frontend Engineer",
            "--description",
            "Requirements:\n- React\n- TypeScript\n\nNice to have:\n- GraphQL",
        ],
    )["id"]
        .as_str()
        .unwrap()
        .to_owned();
    let folder = tempfile::tempdir().unwrap();
    for name in [
        "carol_nguyen.pdf",
        "priya_raman_two_column.pdf",
        "bob_schmidt_multipage.pdf",
    ] {
        std::fs::copy(fixtures().join("good").join(name), folder.path().join(name)).unwrap();
    }
    json(d, &["import", folder.path().to_str().unwrap()]);

    let set = json(
        d,
        &[
            "job",
            "criteria",
            &job,
            "--ignore",
            "React",
            "--gate",
            "phrase:typescript",
            "--gate",
            "years>=1",
        ],
    );
    assert_eq!(set["job"]["revision"], 1);
    assert_eq!(set["rescored"], 3, "the job's analyses are scored again");
    assert!(!set["effective"]["required_skills"]
        .as_array()
        .unwrap()
        .iter()
        .any(|s| s == "React"));
    // A gate spec that does not parse is a usage error (exit 2) naming the forms.
    let bad = run(d, &["job", "criteria", &job, "--gate", "colour:blue"]);
    assert_eq!(bad.status.code(), Some(2));
    assert!(stderr(&bad).contains("phrase:TEXT"), "{}", stderr(&bad));

    let rank = json(d, &["rank", "--job", &job]);
    let rows = rank.as_array().unwrap();
    assert_eq!(rows.len(), 3);
    let first = rows[0]["resume_id"].as_str().unwrap().to_owned();
    let second = rows[1]["resume_id"].as_str().unwrap().to_owned();
    let passing = json(d, &["rank", "--job", &job, "--passing"]);
    let expected = rows.iter().filter(|r| r["gates"] == "pass").count();
    assert_eq!(passing.as_array().unwrap().len(), expected);

    let moved = json(
        d,
        &[
            "stage",
            "set",
            "--job",
            &job,
            "--resume",
            &first,
            "--resume",
            &second,
            "interview",
        ],
    );
    assert_eq!(moved["moved"], 2);
    json(
        d,
        &[
            "stage",
            "set",
            "--job",
            &job,
            "--resume",
            &second,
            "rejected",
            "--reason",
            "Relocation",
        ],
    );
    let interview = json(d, &["rank", "--job", &job, "--stage", "interview"]);
    assert_eq!(interview.as_array().unwrap().len(), 1);
    assert_eq!(interview[0]["resume_id"], first.as_str());
    let history = json(d, &["stage", "show", "--job", &job, "--resume", &second]);
    assert_eq!(history["history"].as_array().unwrap().len(), 2);

    json(
        d,
        &[
            "note",
            "add",
            "--job",
            &job,
            "--resume",
            &first,
            "Strong portfolio",
        ],
    );
    let notes = json(d, &["note", "list", "--job", &job, "--resume", &first]);
    assert_eq!(notes[0]["text"], "Strong portfolio");
    json(d, &["tag", "add", "--resume", &first, "Remote"]);
    let tagged = json(d, &["resume", "list", "--tag", "remote"]);
    assert_eq!(tagged.as_array().unwrap().len(), 1);
    assert_eq!(tagged[0]["id"], first.as_str());

    // Blind: no name in the ranking or in the export.
    let names: Vec<String> = rows
        .iter()
        .map(|r| r["name"].as_str().unwrap().to_owned())
        .collect();
    let blind = json(d, &["rank", "--job", &job, "--blind"]);
    for (row, name) in blind.as_array().unwrap().iter().zip(&names) {
        assert!(row["name"].as_str().unwrap().starts_with("Candidate "));
        assert!(!row.to_string().contains(name.as_str()), "{name}");
    }
    json(d, &["job", "blind", &job]);
    let file = d.join("shortlist.csv");
    let export = json(
        d,
        &["export", "shortlist", "--job", &job, file.to_str().unwrap()],
    );
    assert_eq!(export["rows"], 3);
    let csv = std::fs::read_to_string(&file).unwrap();
    for name in &names {
        for word in name.split_whitespace().filter(|w| w.len() >= 3) {
            assert!(!csv.contains(word), "the blind export shows {word}");
        }
    }
    assert!(csv.contains("Interview") && csv.contains("Relocation") && csv.contains("Remote"));
    assert!(csv.contains("Strong portfolio"));
    // The defect: while the current job was blind, `resume list`, `resume show`, `resume text`
    // and `search` (without --job) still showed names and file names, which the window hides.
    let hits = json(d, &["search", "React TypeScript"]);
    assert!(!hits.as_array().unwrap().is_empty(), "{hits}");
    for (shown, labelled) in [
        (json(d, &["resume", "list"]).to_string(), true),
        (json(d, &["resume", "show", &first]).to_string(), true),
        (json(d, &["resume", "text", &first]).to_string(), false),
        (hits.to_string(), true),
    ] {
        assert!(!labelled || shown.contains("Candidate "), "{shown}");
        for name in &names {
            for word in name.split_whitespace().filter(|w| w.len() >= 3) {
                assert!(!shown.contains(word), "{word} shown while blind: {shown}");
            }
        }
        for file in ["carol_nguyen", "priya_raman", "bob_schmidt"] {
            assert!(!shown.contains(file), "{file} shown while blind");
        }
    }

    // A candidate never moved counts as New for the stage filter.
    let new = json(d, &["rank", "--job", &job, "--stage", "new"]);
    assert_eq!(new.as_array().unwrap().len(), 1, "{new}");
    assert!(new[0]["resume_id"] != first.as_str() && new[0]["resume_id"] != second.as_str());
    // The plain-text ranking shows the stage and the gates.
    let text = run(d, &["rank", "--job", &job]);
    let text = String::from_utf8_lossy(&text.stdout).into_owned();
    assert!(
        text.contains("Interview") && text.contains("Rejected"),
        "{text}"
    );
    assert!(text.contains("gates"), "{text}");
    // One gate can go without restating the others.
    let dropped = json(d, &["job", "criteria", &job, "--drop-gate", "years>=1"]);
    assert_eq!(
        dropped["job"]["criteria"]["gates"]
            .as_array()
            .unwrap()
            .len(),
        1
    );
    assert_eq!(dropped["job"]["criteria"]["gates"][0]["kind"], "phrase");
    // Revealing one candidate of a blind job shows that name only, and is in the history.
    json(d, &["stage", "reveal", "--job", &job, "--resume", &first]);
    let ranked = json(d, &["rank", "--job", &job]);
    for row in ranked.as_array().unwrap() {
        let shown = row["name"].as_str().unwrap();
        assert_eq!(
            row["resume_id"] == first.as_str(),
            !shown.starts_with("Candidate "),
            "{row}"
        );
    }
    let history = json(d, &["stage", "show", "--job", &job, "--resume", &first]);
    assert!(history.to_string().contains("revealed"), "{history}");
}

fn docx_fixtures() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../../tests/fixtures/docx")
}

#[test]
fn import_takes_word_files_and_resume_show_lists_tags_and_the_same_person() {
    let data = tempfile::tempdir().unwrap();
    let d = data.path();
    // A folder with Carol's PDF, her updated CV as .docx, another Word resume and a legacy
    // .doc: the folder is searched for both kinds, the .doc gets its reason.
    let folder = tempfile::tempdir().unwrap();
    std::fs::copy(
        fixtures().join("good/carol_nguyen.pdf"),
        folder.path().join("carol_nguyen.pdf"),
    )
    .unwrap();
    std::fs::create_dir(folder.path().join("word")).unwrap();
    for (from, to) in [
        ("good/carol-nguyen-2026.docx", "word/Carol Nguyen 2026.DOCX"),
        ("good/two-column.docx", "word/tomasz.docx"),
        ("bad/legacy.doc", "word/old.doc"),
    ] {
        std::fs::copy(docx_fixtures().join(from), folder.path().join(to)).unwrap();
    }
    let first = run(d, &["import", folder.path().to_str().unwrap()]);
    assert_eq!(first.status.code(), Some(1), "the .doc failed");
    let out = stdout(&first);
    assert!(out.contains("3 added, 0 duplicate, 1 failed"), "{out}");
    assert!(
        out.contains("old.doc: this is an older Word file (.doc)"),
        "{out}"
    );
    assert!(out.contains("save it as .docx or PDF"), "{out}");

    let report = json_import(d, folder.path());
    assert_eq!(report["summary"]["duplicates"], 3);
    let results = report["results"].as_array().unwrap();
    let by_name = |name: &str| {
        results
            .iter()
            .find(|r| r["path"].as_str().unwrap().ends_with(name))
            .unwrap()
    };
    assert_eq!(by_name("old.doc")["code"], "bad_docx");
    let pdf = by_name("carol_nguyen.pdf")["resume_id"]
        .as_str()
        .unwrap()
        .to_owned();
    let word = by_name("Carol Nguyen 2026.DOCX")["resume_id"]
        .as_str()
        .unwrap()
        .to_owned();
    let tomasz = by_name("tomasz.docx")["resume_id"]
        .as_str()
        .unwrap()
        .to_owned();

    json(d, &["tag", "add", "--resume", &word, "Remote"]);
    let shown = json(d, &["resume", "show", &word]);
    assert_eq!(shown["id"], word.as_str());
    assert_eq!(shown["format"], "docx");
    assert_eq!(shown["tags"], serde_json::json!(["Remote"]));
    assert_eq!(shown["same_person"], serde_json::json!([pdf]));
    assert_eq!(
        shown["links"][0]["reasons"],
        serde_json::json!(["name_and_history"])
    );
    assert_eq!(
        json(d, &["resume", "show", &pdf])["same_person"],
        serde_json::json!([word])
    );
    assert_eq!(
        json(d, &["resume", "show", &tomasz])["same_person"],
        serde_json::json!([])
    );
    let text = stdout(&run(d, &["resume", "show", &word]));
    assert!(text.contains("format:     docx"), "{text}");
    assert!(text.contains("tags:       Remote"), "{text}");
    assert!(
        text.contains(&format!("same person: {pdf} (suggested")),
        "{text}"
    );

    // Confirm, then split: the split stays after the files are imported again.
    assert!(run(d, &["resume", "link", &pdf, &word]).status.success());
    assert_eq!(
        json(d, &["resume", "show", &word])["links"][0]["confirmed"],
        true
    );
    assert!(run(d, &["resume", "unlink", &word, &pdf]).status.success());
    json_import(d, folder.path());
    assert_eq!(
        json(d, &["resume", "show", &word])["same_person"],
        serde_json::json!([])
    );
    let itself = run(d, &["resume", "link", &word, &word]);
    assert!(!itself.status.success());
    assert!(String::from_utf8_lossy(&itself.stderr).contains("cannot be linked to itself"));

    // The Word file's text.
    let text = stdout(&run(d, &["resume", "text", &tomasz]));
    assert!(
        text.contains("Shift Manager, Northgate Distribution"),
        "{text}"
    );
}

#[test]
fn search_finds_candidates_with_their_passages_by_words_and_by_meaning() {
    let data = tempfile::tempdir().unwrap();
    let d = data.path();
    let folder = fixtures().join("good");
    assert!(run(d, &["import", folder.to_str().unwrap()])
        .status
        .success());

    // A skill: the candidate, the passage, the word marked.
    let hits = json(d, &["search", "Airflow", "--limit", "3"]);
    let hits = hits.as_array().unwrap();
    assert!(hits.len() <= 3);
    assert_eq!(hits[0]["name"], "Bob Schmidt", "{hits:#?}");
    let p = &hits[0]["passages"][0];
    assert!(p["text"].as_str().unwrap().contains("Airflow"), "{p}");
    assert!(!p["highlights"].as_array().unwrap().is_empty());
    let bob = hits[0]["resume_id"].as_str().unwrap().to_owned();

    // By meaning, in the human output: the passage, the query's word in brackets.
    let o = run(d, &["search", "Kubernetes", "--limit", "2"]);
    assert!(o.status.success());
    let out = stdout(&o);
    assert!(out.starts_with("1. "), "{out}");
    assert!(out.contains("[Kubernetes]"), "{out}");

    // People like Bob: never Bob himself.
    let like = json(d, &["search", "--like", &bob]);
    assert!(!like.as_array().unwrap().is_empty());
    assert!(like
        .as_array()
        .unwrap()
        .iter()
        .all(|h| h["resume_id"] != bob));

    // A stage needs a job (usage), and a query or --like is needed (failure).
    assert_eq!(
        run(d, &["search", "x", "--stage", "new"]).status.code(),
        Some(2)
    );
    assert_eq!(run(d, &["search"]).status.code(), Some(1));
}

#[test]
fn rank_prints_one_row_per_person_and_all_versions_every_file() {
    let data = tempfile::tempdir().unwrap();
    let d = data.path();
    let job = json(
        d,
        &[
            "job",
            "add",
            "--company",
            "Fabrikam",
            "--role",
            "Engineer",
            "--description",
            "Requirements:\n- React\n- SQL",
        ],
    )["id"]
        .as_str()
        .unwrap()
        .to_owned();
    // Carol's PDF and her updated Word CV (linked at import), and Tomasz.
    let folder = tempfile::tempdir().unwrap();
    std::fs::copy(
        fixtures().join("good/carol_nguyen.pdf"),
        folder.path().join("carol_nguyen.pdf"),
    )
    .unwrap();
    for (from, to) in [
        ("good/carol-nguyen-2026.docx", "carol-2026.docx"),
        ("good/two-column.docx", "tomasz.docx"),
    ] {
        std::fs::copy(docx_fixtures().join(from), folder.path().join(to)).unwrap();
    }
    let o = run(d, &["import", folder.path().to_str().unwrap()]);
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));

    let rows = json(d, &["rank", "--job", &job]);
    let rows = rows.as_array().unwrap();
    assert_eq!(rows.len(), 2, "one row per person: {rows:#?}");
    let ranks: Vec<&Value> = rows.iter().map(|r| &r["rank"]).collect();
    assert_eq!(ranks, [1, 2]);
    let carol = rows
        .iter()
        .find(|r| r["versions"] == 2)
        .expect("Carol's row");
    let shown = carol["resume_id"].as_str().unwrap().to_owned();
    assert!(carol.get("version_of").is_none());
    let text = stdout(&run(d, &["rank", "--job", &job]));
    assert!(text.contains("2 versions"), "{text}");

    let all = json(d, &["rank", "--job", &job, "--all-versions"]);
    let all = all.as_array().unwrap();
    assert_eq!(all.len(), 3, "{all:#?}");
    let older: Vec<&Value> = all
        .iter()
        .filter(|r| r.get("version_of").is_some())
        .collect();
    assert_eq!(older.len(), 1);
    assert_eq!(older[0]["version_of"], shown.as_str());
    assert_eq!(
        older[0]["rank"], carol["rank"],
        "a version shares its person's rank"
    );
    let text = stdout(&run(d, &["rank", "--job", &job, "--all-versions"]));
    assert!(
        text.contains(&format!("older version of {shown}")),
        "{text}"
    );

    // Split: two people, two rows.
    let other = older[0]["resume_id"].as_str().unwrap().to_owned();
    assert!(run(d, &["resume", "unlink", &shown, &other])
        .status
        .success());
    let rows = json(d, &["rank", "--job", &job]);
    assert_eq!(rows.as_array().unwrap().len(), 3);
}

/// Issue 16: `shortlist job delete` removes the job with its analyses, feedback and notes
/// (`--dry-run` only counts them), keeps the resumes, moves "current" to the job left, and
/// refuses an unknown job with exit 1.
#[test]
fn job_delete_removes_the_job_its_analyses_feedback_and_notes_and_keeps_the_resumes() {
    let data = tempfile::tempdir().unwrap();
    let d = data.path();
    let analysis = store_with_analysis(d);
    let job = json(d, &["job", "current"])["id"]
        .as_str()
        .unwrap()
        .to_owned();
    let resume = json(d, &["resume", "list"])[0]["id"]
        .as_str()
        .unwrap()
        .to_owned();
    json(
        d,
        &[
            "feedback",
            "add",
            "--analysis",
            &analysis,
            "--question",
            "Go?",
            "--answer",
            "Yes",
            "--rating",
            "4",
        ],
    );
    json(
        d,
        &[
            "note",
            "add",
            "--job",
            &job,
            "--resume",
            &resume,
            "Call back",
        ],
    );
    let other = json(
        d,
        &[
            "job",
            "add",
            "--company",
            "Globex",
            "--role",
            "Data",
            "--description",
            "SQL",
        ],
    )["id"]
        .as_str()
        .unwrap()
        .to_owned();

    let counts = json(d, &["job", "delete", &job, "--dry-run"]);
    assert_eq!(
        (&counts["analyses"], &counts["feedback"], &counts["notes"]),
        (&Value::from(1), &Value::from(1), &Value::from(1)),
        "{counts}"
    );
    assert_eq!(
        json(d, &["stats"])["analyses"],
        1,
        "a dry run deletes nothing"
    );
    let done = json(d, &["job", "delete", &job]);
    assert_eq!(done["analyses"], 1);
    assert_eq!(done["current_job"], other.as_str());
    let plain = run(d, &["job", "delete", &other, "--dry-run"]);
    assert!(
        stdout(&plain).contains(
            "would remove 0 analyses, 0 feedback records, 0 notes and every candidate's stage"
        ),
        "{}",
        stdout(&plain)
    );

    let stats = json(d, &["stats"]);
    assert_eq!(
        (
            &stats["jobs"],
            &stats["resumes"],
            &stats["analyses"],
            &stats["feedback"]
        ),
        (
            &Value::from(1),
            &Value::from(1),
            &Value::from(0),
            &Value::from(0)
        ),
        "{stats}"
    );
    assert_eq!(json(d, &["job", "current"])["id"], other.as_str());
    for args in [["job", "show", &job], ["job", "delete", &job]] {
        let o = run(d, &args);
        assert_eq!(o.status.code(), Some(1), "{args:?}");
        assert!(stderr(&o).contains("no job with ID"), "{}", stderr(&o));
    }
}

/// A job, Carol's PDF and her updated Word CV (linked at import as possibly the same person),
/// and Tomasz; returns the job's ID.
fn carol_twice_and_tomasz(d: &Path) -> String {
    let job = json(
        d,
        &[
            "job",
            "add",
            "--company",
            "Fabrikam",
            "--role",
            "Engineer",
            "--description",
            "Requirements:\n- React\n- SQL",
        ],
    )["id"]
        .as_str()
        .unwrap()
        .to_owned();
    let folder = tempfile::tempdir().unwrap();
    std::fs::copy(
        fixtures().join("good/carol_nguyen.pdf"),
        folder.path().join("carol_nguyen.pdf"),
    )
    .unwrap();
    for (from, to) in [
        ("good/carol-nguyen-2026.docx", "carol-2026.docx"),
        ("good/two-column.docx", "tomasz.docx"),
    ] {
        std::fs::copy(docx_fixtures().join(from), folder.path().join(to)).unwrap();
    }
    let o = run(d, &["import", folder.path().to_str().unwrap()]);
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    job
}

/// The IDs of the hits whose name is Carol's.
fn carols(hits: &Value) -> Vec<String> {
    hits.as_array()
        .unwrap()
        .iter()
        .filter(|h| h["name"].as_str().is_some_and(|n| n.contains("Carol")))
        .map(|h| h["resume_id"].as_str().unwrap().to_owned())
        .collect()
}

#[test]
fn search_listed_both_files_of_one_person_now_one_hit_saying_also_1_other_version() {
    let data = tempfile::tempdir().unwrap();
    let d = data.path();
    carol_twice_and_tomasz(d);
    let hits = json(d, &["search", "Carol Nguyen React"]);
    let found = carols(&hits);
    assert_eq!(found.len(), 1, "one hit per person: {hits:#?}");
    let carol = hits
        .as_array()
        .unwrap()
        .iter()
        .find(|h| h["resume_id"] == found[0].as_str())
        .unwrap();
    assert_eq!(carol["other_versions"], 1);
    let text = stdout(&run(d, &["search", "Carol Nguyen React"]));
    assert_eq!(text.matches("also 1 other version").count(), 1, "{text}");

    // Split: two people, two hits, no note.
    let other = json(d, &["resume", "show", &found[0]])["same_person"][0]
        .as_str()
        .expect("Carol's other file")
        .to_owned();
    assert!(run(d, &["resume", "unlink", &found[0], &other])
        .status
        .success());
    let hits = json(d, &["search", "Carol Nguyen React"]);
    assert_eq!(carols(&hits).len(), 2, "{hits:#?}");
    let text = stdout(&run(d, &["search", "Carol Nguyen React"]));
    assert!(!text.contains("other version"), "{text}");
}

/// The resume IDs of a shortlist CSV's rows (the `resume_id` column), in order.
fn csv_resume_ids(file: &Path) -> Vec<String> {
    let csv = std::fs::read_to_string(file).unwrap();
    let mut lines = csv.split("\r\n").filter(|l| !l.is_empty());
    let header: Vec<&str> = lines.next().unwrap().split(',').collect();
    let at = header.iter().position(|h| *h == "resume_id").unwrap();
    lines
        .map(|l| l.split(',').nth(at).unwrap().to_owned())
        .collect()
}

#[test]
fn export_shortlist_wrote_a_row_per_file_now_one_per_person_and_all_versions_every_file() {
    let data = tempfile::tempdir().unwrap();
    let d = data.path();
    let job = carol_twice_and_tomasz(d);
    let out = tempfile::tempdir().unwrap();
    let file = out.path().join("shortlist.csv");
    let f = file.to_str().unwrap();
    let wrote = json(d, &["export", "shortlist", "--job", &job, f]);
    assert_eq!(wrote["rows"], 2, "{wrote}");
    // The same people, in the same order, as `rank` (their newest file).
    let rank = json(d, &["rank", "--job", &job]);
    let ranked: Vec<String> = rank
        .as_array()
        .unwrap()
        .iter()
        .map(|r| r["resume_id"].as_str().unwrap().to_owned())
        .collect();
    assert_eq!(csv_resume_ids(&file), ranked);

    let wrote = json(
        d,
        &["export", "shortlist", "--job", &job, f, "--all-versions"],
    );
    assert_eq!(wrote["rows"], 3, "{wrote}");
    let all = json(d, &["rank", "--job", &job, "--all-versions"]);
    let every: Vec<String> = all
        .as_array()
        .unwrap()
        .iter()
        .map(|r| r["resume_id"].as_str().unwrap().to_owned())
        .collect();
    assert_eq!(csv_resume_ids(&file), every);
}

#[test]
fn stage_set_needed_resume_repeated_now_takes_several_ids_after_one_resume() {
    let data = tempfile::tempdir().unwrap();
    let d = data.path();
    let job = carol_twice_and_tomasz(d);
    let ids: Vec<String> = json(d, &["resume", "list"])
        .as_array()
        .unwrap()
        .iter()
        .map(|r| r["id"].as_str().unwrap().to_owned())
        .collect();
    assert_eq!(ids.len(), 3);
    let stage_of =
        |id: &str| json(d, &["stage", "show", "--job", &job, "--resume", id])["stage"].clone();
    // Several after one --resume, the stage last (as the README writes it).
    let moved = json(
        d,
        &[
            "stage",
            "set",
            "--job",
            &job,
            "--resume",
            &ids[0],
            &ids[1],
            "interview",
        ],
    );
    assert_eq!(moved["moved"], 2, "{moved}");
    assert_eq!(stage_of(&ids[0]), "interview");
    assert_eq!(stage_of(&ids[1]), "interview");
    assert_eq!(stage_of(&ids[2]), "new");
    // The stage before --resume, and a reason after the IDs.
    let moved = json(
        d,
        &[
            "stage",
            "set",
            "--job",
            &job,
            "rejected",
            "--resume",
            &ids[1],
            &ids[2],
            "--reason",
            "Relocation",
        ],
    );
    assert_eq!(moved["moved"], 2, "{moved}");
    assert_eq!(stage_of(&ids[2]), "rejected");
    // Repeated --resume still works.
    let moved = json(
        d,
        &[
            "stage", "set", "--job", &job, "--resume", &ids[0], "--resume", &ids[2], "offer",
        ],
    );
    assert_eq!(moved["moved"], 2, "{moved}");
    assert_eq!(stage_of(&ids[0]), "offer");
    // No stage: a failure naming the stages, nothing moved.
    let o = run(d, &["stage", "set", "--job", &job, "--resume", &ids[1]]);
    assert_eq!(o.status.code(), Some(1));
    assert!(stderr(&o).contains("shortlisted"), "{}", stderr(&o));
    assert_eq!(stage_of(&ids[1]), "rejected");
}

#[test]
fn job_show_printed_neither_blind_nor_gates() {
    let data = tempfile::tempdir().unwrap();
    let d = data.path();
    store_with_analysis(d);
    let job = json(d, &["job", "current"])["id"]
        .as_str()
        .unwrap()
        .to_owned();
    let text = stdout(&run(d, &["job", "show", &job]));
    assert!(text.contains("\nblind:    off\n"), "{text}");
    assert!(text.contains("\ngates:    none\n"), "{text}");
    json(
        d,
        &[
            "job",
            "criteria",
            &job,
            "--gate",
            "years>=3",
            "--gate",
            "skill:Rust",
        ],
    );
    json(d, &["job", "blind", &job]);
    let text = stdout(&run(d, &["job", "show", &job]));
    assert!(text.contains("\nblind:    on\n"), "{text}");
    assert!(text.contains("\n  years>=3 (at least 3 years)"), "{text}");
    assert!(text.contains("(names Rust)"), "{text}");
}

#[test]
fn erase_printed_1_analyses_and_every_count_now_agrees_with_its_noun() {
    let data = tempfile::tempdir().unwrap();
    let d = data.path();
    store_with_analysis(d);
    let job = json(d, &["job", "current"])["id"]
        .as_str()
        .unwrap()
        .to_owned();
    let list = stdout(&run(d, &["job", "list"]));
    assert!(list.contains(" 1 analysis "), "{list}");
    let out = tempfile::tempdir().unwrap();
    let file = out.path().join("s.csv");
    let wrote = stdout(&run(
        d,
        &["export", "shortlist", "--job", &job, file.to_str().unwrap()],
    ));
    assert!(wrote.starts_with("wrote 1 candidate to "), "{wrote}");
    let deletion = stdout(&run(d, &["job", "delete", &job, "--dry-run"]));
    assert!(
        deletion.contains("1 analysis, 0 feedback records, 0 notes"),
        "{deletion}"
    );
    let id = json(d, &["resume", "list"])[0]["id"]
        .as_str()
        .unwrap()
        .to_owned();
    let erased = stdout(&run(d, &["erase", &id]));
    assert_eq!(
        erased.trim(),
        format!("erased {id} with 1 analysis and 0 feedback records"),
        "{erased}"
    );
}

/// The review's defects: a folder with no PDF or Word file in it imported "0 added, 0
/// duplicate, 0 failed" and succeeded; an export into a folder that does not exist said
/// "creating …/.tmp-x.csv-…: No such file or directory".
#[test]
fn an_import_of_nothing_and_an_export_into_no_folder_say_what_is_wrong() {
    let data = tempfile::tempdir().unwrap();
    let d = data.path();
    let folder = tempfile::tempdir().unwrap();
    std::fs::write(folder.path().join("notes.txt"), "Jane Roe, nurse").unwrap();
    let o = run(d, &["import", folder.path().to_str().unwrap()]);
    assert_eq!(o.status.code(), Some(1));
    assert!(
        stderr(&o).contains("no PDF or Word (.docx) files in"),
        "{}",
        stderr(&o)
    );
    let job = json(
        d,
        &[
            "job",
            "add",
            "--company",
            "Acme",
            "--role",
            "Nurse",
            "--description",
            "BSN",
        ],
    )["id"]
        .as_str()
        .unwrap()
        .to_owned();
    let missing = folder.path().join("no-such-folder").join("x.csv");
    let o = run(
        d,
        &[
            "export",
            "shortlist",
            "--job",
            &job,
            missing.to_str().unwrap(),
        ],
    );
    assert_eq!(o.status.code(), Some(1));
    let err = stderr(&o);
    assert!(
        err.contains("does not exist") && !err.contains(".tmp-"),
        "{err}"
    );
}
