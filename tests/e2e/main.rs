//! End-to-end: the real app, the real store, under Xvfb via WebDriver.

use std::path::Path;
use std::sync::atomic::AtomicBool;

use shortlist_core::assets::{self, Assets};
use shortlist_core::import;
use shortlist_core::pdf::{PdfReader, WorkerSpec};
use shortlist_core::store::ImportKit;
use shortlist_core::{JobDraft, Store};
use shortlist_e2e::{fixtures, App};
use time::OffsetDateTime;

mod commands;
mod intake;
mod search;
mod ui_state;
mod workflow;

/// WebDriver's Enter key (a newline in a textarea).
const ENTER: char = '\u{E007}';

fn seed(dir: &Path) {
    assert_eq!(seed_with(dir, &[fixtures().join("good")]), 6);
}

/// Two jobs ("Senior Backend Engineer — Northwind Logistics" current, "Data Scientist —
/// Globex"), and every PDF in `folders` imported and scored against the current one; returns
/// how many files were imported.
fn seed_with(dir: &Path, folders: &[std::path::PathBuf]) -> usize {
    let (store, _) = Store::open(dir).expect("store");
    let now = OffsetDateTime::now_utc();
    store
        .add_job(
            JobDraft {
                company: "Globex".into(),
                role: "Data Scientist".into(),
                description: "Python and statistics".into(),
            },
            now,
        )
        .expect("job");
    let job = store
        .add_job(
            JobDraft {
                company: "Northwind Logistics".into(),
                role: "Senior Backend Engineer".into(),
                description: "Requirements: 5+ years of Go or Rust, PostgreSQL, Kubernetes.".into(),
            },
            now,
        )
        .expect("job");
    store.select_job(&job.id).expect("select");
    let assets = Assets::discover(&[]);
    // The app binary doubles as the PDF worker.
    let reader = PdfReader::start(WorkerSpec::new(
        shortlist_e2e::app_path(),
        assets.path(assets::PDFIUM).expect("assets"),
    ))
    .expect("pdfium");
    let kit = ImportKit::for_current_job(&store, reader, &assets).expect("model and job");
    let tools = kit.tools();
    let (files, _) = import::collect_pdfs(folders);
    let cancel = AtomicBool::new(false);
    let (results, _) = import::import_files(
        &store,
        &tools,
        &files,
        &cancel,
        OffsetDateTime::now_utc,
        |_, _, _| {},
    );
    results.len()
}

#[tokio::test]
async fn the_app_shows_what_the_store_holds() {
    let data = tempfile::tempdir().expect("tempdir");
    seed(data.path());
    // Every connection the app and its web view make during this whole flow is recorded.
    let net = tempfile::tempdir().expect("tempdir");
    let net_log = net.path().join("network.strace");
    let app = App::launch_recorded(data.path(), &net_log).await;

    // The current job is the selected one in the always-visible picker.
    let selected = app
        .wait_for("#job-select option:checked")
        .await
        .text()
        .await
        .expect("text");
    assert_eq!(selected, "Senior Backend Engineer — Northwind Logistics");
    assert_eq!(app.texts("#job-select option").await.len(), 2);

    // The shortlist opens first: every resume scored against the current job, best first.
    app.wait_for_text("#shortlist-count", |t| {
        t.starts_with("6 of 6 resumes scored")
    })
    .await;
    let scores: Vec<u32> = app
        .texts("#shortlist .candidate .score")
        .await
        .iter()
        .map(|s| s.parse().expect("a number"))
        .collect();
    assert_eq!(scores.len(), 6);
    assert!(scores.windows(2).all(|w| w[0] >= w[1]), "{scores:?}");
    let names = app.texts("#shortlist .candidate .name").await;
    assert!(names.contains(&"Priya Raman".to_owned()), "{names:?}");
    let priya = open_candidate(&app, "Priya Raman").await;
    app.wait_for_text("#analysis-detail", |t| {
        let t = t.to_lowercase(); // section headings are upper-cased by CSS
        t.contains("how the score was made") && t.contains("evidence per requirement")
    })
    .await;
    // Every row says its band in words beside the coloured score; the legend explains them.
    let bands = app.texts("#shortlist .candidate .band").await;
    assert_eq!(bands.len(), 6, "{bands:?}");
    assert!(
        bands
            .iter()
            .all(|b| ["strong fit", "possible fit", "weak fit"].contains(&b.as_str())),
        "{bands:?}"
    );
    app.wait_for_text("#band-legend", |t| {
        t.contains("strong fit 70 and above") && t.contains("possible fit 50–69")
    })
    .await;
    app.wait_for_text("#analysis-band", |t| t.contains(" fit"))
        .await;
    app.screenshot("shortlist").await;

    // Ask about the candidate, rate the answer, correct it: the feedback is stored and shown.
    app.wait_for("#ask-input")
        .await
        .send_keys("Has she led a team?")
        .await
        .expect("type");
    app.click("#ask-submit").await;
    app.wait_for_text("#answer", |t| t.contains("Led a team of six"))
        .await;
    let marked = app.texts("#answer mark").await;
    assert!(
        marked.iter().any(|m| m.eq_ignore_ascii_case("team")),
        "{marked:?}"
    );
    app.click("#answer [data-rating='4']").await;
    app.wait_for("#feedback-correction")
        .await
        .send_keys("Yes, a team of six at Northwind.")
        .await
        .expect("type");
    app.screenshot("ask").await;
    app.click("#feedback-save").await;
    app.wait_for_text("#feedback-list", |t| {
        t.contains("Has she led a team?") && t.contains("a team of six at Northwind")
    })
    .await;

    // A question like one rated before brings that feedback back (the local vector index).
    app.wait_for("#ask-input")
        .await
        .send_keys("Did she manage a team?")
        .await
        .expect("type");
    app.click("#ask-submit").await;
    app.wait_for_text("#similar-feedback", |t| {
        t.contains("Has she led a team?") && t.contains("a team of six at Northwind")
    })
    .await;
    app.screenshot("similar-feedback").await;

    // Re-analysing keeps the analysis and records the earlier score in its history.
    app.click("#reanalyze").await;
    app.wait_for_text("#toast", |t| t.starts_with("Re-analysed:"))
        .await;
    app.wait_for_text("#analysis-detail", |t| t.contains("Earlier scores"))
        .await;

    // Two candidates side by side: pin the first, pick the second.
    app.click("#compare").await;
    app.wait_for("#compare-hint").await;
    let other = if priya == 1 { 2 } else { 1 };
    app.click(&format!("#shortlist li:nth-child({other}) .candidate"))
        .await;
    let compared = app
        .wait_for_text("#compare-view", |t| t.contains("Priya Raman"))
        .await;
    assert_eq!(
        app.texts("#compare-view .compare-col").await.len(),
        2,
        "{compared}"
    );
    app.screenshot("compare").await;
    app.click("#compare-close").await;
    app.wait_for("#analysis-detail").await;

    // Filtering the shortlist by a name or a skill.
    app.wait_for("#shortlist-filter")
        .await
        .send_keys("priya")
        .await
        .expect("type");
    let deadline = std::time::Instant::now() + std::time::Duration::from_secs(10);
    loop {
        let names = app.texts("#shortlist .candidate .name").await;
        if names == ["Priya Raman"] {
            break;
        }
        assert!(
            std::time::Instant::now() < deadline,
            "filter left {names:?}"
        );
        tokio::time::sleep(std::time::Duration::from_millis(100)).await;
    }

    // The library lists exactly the stored resumes.
    app.click("#tab-resumes").await;
    app.wait_for_text("#resume-count", |t| t == "6 in the library")
        .await;
    let rows = app.texts("#resume-table tbody tr td.file-cell").await;
    let mut names: Vec<_> = rows
        .iter()
        .map(|r| r.split_whitespace().next().unwrap_or("").to_owned())
        .collect();
    names.sort();
    assert_eq!(
        names,
        [
            "bob_schmidt_multipage.pdf",
            "carol_nguyen.pdf",
            "jonas_berg_two_column_rowwise.pdf",
            "priya_raman_two_column.pdf",
            "wei_zhang_cjk.pdf",
            "zoe_lukasiewicz_non_latin.pdf"
        ]
    );
    // Each resume shows its best score over all jobs.
    assert_eq!(
        app.texts("#resume-table tbody td.best-cell .score")
            .await
            .len(),
        6
    );
    app.screenshot("resumes").await;

    // Opening a resume shows its extracted text, non-Latin names intact.
    let (store, _) = Store::open(data.path()).expect("store");
    let zoe = store
        .resumes()
        .expect("resumes")
        .into_iter()
        .find(|r| r.file_name().starts_with("zoe"))
        .expect("zoe");
    drop(store);
    app.click(&format!("tr[data-resume-id='{}'] td.file-cell", zoe.id))
        .await;
    app.wait_for_text("#resume-text", |t| {
        t.contains("Zoë Łukasiewicz-Ødegård") && t.contains("Дмитрий Иванов")
    })
    .await;
    // PDFium renders the page beside the text.
    let preview = app.wait_for("#page-preview").await;
    assert_eq!(
        preview.attr("alt").await.expect("alt").as_deref(),
        Some("Page 1 of 1")
    );
    let loaded: bool = app
        .client
        .execute(
            "const i = document.getElementById('page-preview'); return i.complete && i.naturalWidth > 0;",
            vec![],
        )
        .await
        .expect("script")
        .as_bool()
        .unwrap_or(false);
    assert!(loaded, "the preview image decodes");
    app.screenshot("resume-detail").await;
    // Erasing asks first; cancelling keeps the candidate.
    app.click("#erase").await;
    // The question is brought into view with the keyboard on the safe answer.
    app.expect_confirmation(
        "Confirm erasure",
        "Erase Zoë Łukasiewicz-Ødegård for good?",
        "erase-cancel",
    )
    .await;
    app.screenshot("erase-confirm").await;
    app.click("#erase-cancel").await;
    app.wait_for("#erase").await;

    // Any stored resume against any job, without re-uploading: make the other job current,
    // then score this resume against it from its detail.
    let select_job = |label: &'static str| {
        format!(
            "const s = document.getElementById('job-select'); \
             s.value = [...s.options].find(o => o.textContent.startsWith('{label}')).value; \
             s.dispatchEvent(new Event('change'));"
        )
    };
    app.client
        .execute(&select_job("Data Scientist"), vec![])
        .await
        .expect("script");
    app.wait_for_text("#job-select option:checked", |t| {
        t.starts_with("Data Scientist")
    })
    .await;
    app.click("#tab-resumes").await;
    app.click(&format!("tr[data-resume-id='{}'] td.file-cell", zoe.id))
        .await;
    app.wait_for_text("#analyze-resume", |t| t == "Score against Data Scientist")
        .await;
    app.click("#analyze-resume").await;
    app.wait_for_text("#shortlist-count", |t| {
        t.starts_with("1 of 6 resumes scored")
    })
    .await;
    app.wait_for_text("#analysis-name", |t| t == "Zoë Łukasiewicz-Ødegård")
        .await;
    // Scored once, the detail offers its analysis rather than a second score.
    app.click("#tab-resumes").await;
    app.click(&format!("tr[data-resume-id='{}'] td.file-cell", zoe.id))
        .await;
    app.wait_for_text("#open-scored", |t| {
        t.starts_with("Open its analysis for Data Scientist (")
    })
    .await;
    let second_score = app
        .eval("return !!document.getElementById('analyze-resume')", vec![])
        .await;
    assert_eq!(second_score, serde_json::json!(false));
    app.screenshot("resume-detail-scored").await;
    app.click("#open-scored").await;
    app.wait_for_text("#analysis-name", |t| t == "Zoë Łukasiewicz-Ødegård")
        .await;
    app.client
        .execute(&select_job("Senior Backend Engineer"), vec![])
        .await
        .expect("script");
    app.wait_for_text("#shortlist-count", |t| {
        t.starts_with("6 of 6 resumes scored")
    })
    .await;

    // Storage shows the counts.
    app.click("#tab-storage").await;
    app.wait_for_text("#stat-resumes", |t| t == "6").await;
    app.wait_for_text("#stat-jobs", |t| t == "2").await;
    app.wait_for_text("#stat-disk", |t| t.contains(" of "))
        .await;
    app.wait_for_text("#stat-feedback", |t| t == "1").await;
    // Charts: the score histogram of the current job, the ratings given.
    app.wait_for_text("#chart-scores", |t| {
        t.contains("Scores for Senior Backend Engineer")
    })
    .await;
    app.wait_for_text("#chart-ratings", |t| t.contains("average 4.00"))
        .await;
    app.screenshot("storage").await;

    // Exports go through the native save dialog, answered with the keyboard.
    let exports = tempfile::tempdir().expect("tempdir");
    let csv = exports.path().join("feedback.csv");
    app.click("#export-csv").await;
    app.save_in_dialog("Export feedback", &csv).await;
    app.wait_for_text("#toast", |t| {
        t.starts_with("Saved") && t.ends_with("feedback.csv")
    })
    .await;
    let text = std::fs::read_to_string(&csv).expect("the CSV was written");
    assert!(text.lines().count() >= 2, "{text}");
    assert!(text.contains("Has she led a team?"), "{text}");
    let jsonl = exports.path().join("training.jsonl");
    app.click("#export-training").await;
    app.save_in_dialog("Export feedback", &jsonl).await;
    app.wait_for_text("#toast", |t| {
        t.starts_with("Saved") && t.ends_with("training.jsonl")
    })
    .await;
    let sample: serde_json::Value = serde_json::from_str(
        std::fs::read_to_string(&jsonl)
            .expect("the JSONL was written")
            .lines()
            .next()
            .expect("one sample (rated 4)"),
    )
    .expect("JSON");
    assert_eq!(
        sample["messages"][2]["content"],
        "Yes, a team of six at Northwind."
    );

    // The smallest window (1024×700) still lays out: nothing runs off to the side.
    app.client.set_window_size(1024, 700).await.expect("resize");
    app.click("#tab-shortlist").await;
    app.click("#shortlist li:first-child .candidate").await;
    app.wait_for("#analysis-detail").await;
    // Neither the page nor any pane scrolls sideways.
    let overflowing =
        "const all = [document.documentElement, ...document.querySelectorAll('.pane')]; \
        return [window.innerWidth, window.innerHeight, \
          all.filter(e => e.scrollWidth > e.clientWidth + 1).map(e => e.className || e.tagName)];";
    let check = || async {
        let v = app
            .client
            .execute(overflowing, vec![])
            .await
            .expect("script");
        let (width, height) = (v[0].as_u64().unwrap_or(0), v[1].as_u64().unwrap_or(0));
        assert!(width <= 1024 && height <= 700, "window is {width}×{height}");
        assert_eq!(v[2], serde_json::json!([]), "wider than the window");
    };
    check().await;
    app.screenshot("small-window").await;
    app.click("#tab-resumes").await;
    app.wait_for("#resume-table").await;
    check().await;
    app.screenshot("small-window-resumes").await;
    app.close().await;

    // Nothing left the machine: only loopback (the WebDriver link) and local sockets.
    let log = std::fs::read_to_string(&net_log).expect("strace log");
    assert!(
        log.contains("connect("),
        "the recording saw the app's own connections"
    );
    let remote = shortlist_e2e::remote_connections(&net_log);
    eprintln!(
        "network recording: {} connect/send calls, {} to a remote address",
        log.lines().count(),
        remote.len()
    );
    assert!(remote.is_empty(), "network connections: {remote:#?}");

    // After a restart everything is still there: the ranking, the rating, the counts.
    let app = App::launch(data.path()).await;
    app.wait_for_text("#shortlist-count", |t| {
        t.starts_with("6 of 6 resumes scored")
    })
    .await;
    open_candidate(&app, "Priya Raman").await;
    app.wait_for_text("#feedback-list", |t| {
        t.contains("Has she led a team?") && t.contains("a team of six at Northwind")
    })
    .await;
    app.click("#tab-storage").await;
    app.wait_for_text("#stat-feedback", |t| t == "1").await;
    app.wait_for_text("#stat-analyses", |t| t == "7").await;
    app.close().await;
}

#[tokio::test]
async fn a_job_created_in_the_window_survives_a_restart() {
    // The data folder inside a temporary one: a restore keeps the replaced data beside it.
    let root = tempfile::tempdir().expect("tempdir");
    let data = &root.path().join("data");
    let app = App::launch(data).await;
    // Empty library: the designed empty state, not a blank page.
    app.wait_for_text("[data-testid=empty-state] h2", |t| t == "No job selected")
        .await;
    app.click("#tab-resumes").await;
    app.wait_for_text("[data-testid=empty-state] h2", |t| {
        t == "Your library is empty"
    })
    .await;
    app.screenshot("empty").await;

    app.click("#new-job").await;
    app.wait_for("#job-company")
        .await
        .send_keys("Contoso")
        .await
        .expect("type");
    app.wait_for("#job-role")
        .await
        .send_keys("Platform Engineer")
        .await
        .expect("type");
    app.wait_for("#job-description")
        .await
        .send_keys(&format!(
            "Requirements:{ENTER}- Kubernetes{ENTER}- Terraform"
        ))
        .await
        .expect("type");
    app.screenshot("job-editor").await;
    app.click("#job-save").await;
    app.wait_for_text("#job-select option:checked", |t| {
        t == "Platform Engineer — Contoso"
    })
    .await;
    app.close().await;

    // The store has it, as the current job.
    {
        let (store, _) = Store::open(data).expect("store");
        let current = store.current_job().expect("read").expect("a current job");
        assert_eq!(
            (current.job.company.as_str(), current.job.role.as_str()),
            ("Contoso", "Platform Engineer")
        );
        assert_eq!(
            current.job.description,
            "Requirements:\n- Kubernetes\n- Terraform"
        );
    }

    // And a restarted app shows it again.
    let app = App::launch(data).await;
    app.wait_for_text("#job-select option:checked", |t| {
        t == "Platform Engineer — Contoso"
    })
    .await;
    app.click("#tab-jobs").await;
    let titles = app.texts("#job-list .row-title").await;
    assert_eq!(titles.len(), 1);
    assert!(titles[0].starts_with("Platform Engineer"), "{titles:?}");

    // "Add resumes…" opens the native picker; the chosen PDF is imported and scored.
    app.click("#add-resumes").await;
    app.open_in_dialog("Add resumes", &fixtures().join("good/carol_nguyen.pdf"))
        .await;
    app.wait_for_text("#import-counts", |t| t.starts_with("1 added"))
        .await;
    app.click("#tab-shortlist").await;
    app.wait_for_text("#shortlist-count", |t| {
        t.starts_with("1 of 1 resumes scored")
    })
    .await;
    // The resume imported from the window has its band in words, and the legend is there.
    let band = app.texts("#shortlist .candidate .band").await;
    assert!(
        band.len() == 1 && ["strong fit", "possible fit", "weak fit"].contains(&band[0].as_str()),
        "{band:?}"
    );
    app.wait_for_text("#band-legend", |t| t.contains("weak fit below 50"))
        .await;

    // A backup through the native save dialog: one file, checked like a restore would.
    let backups = tempfile::tempdir().expect("tempdir");
    let backup = backups.path().join("shortlist.tar");
    app.click("#tab-storage").await;
    app.click("#backup").await;
    app.save_in_dialog("Back up Shortlist", &backup).await;
    app.wait_for_text("#toast", |t| t.starts_with("Backup saved to"))
        .await;
    app.close().await;
    let manifest = shortlist_core::backup::inspect(&backup).expect("a valid backup");
    assert_eq!((manifest.jobs, manifest.resumes), (1, 1));

    // Work goes on after the backup: a second job.
    {
        let (store, _) = Store::open(data).expect("store");
        store
            .add_job(
                JobDraft {
                    company: "Initech".into(),
                    role: "SRE".into(),
                    description: "Linux".into(),
                },
                OffsetDateTime::now_utc(),
            )
            .expect("job");
    }
    // Restore the backup from the window: pick it, confirm, the app restarts to do it.
    let app = App::launch(data).await;
    app.click("#tab-storage").await;
    app.wait_for_text("#stat-jobs", |t| t == "2").await;
    app.click("#restore").await;
    app.open_in_dialog("Restore Shortlist from a backup", &backup)
        .await;
    app.expect_confirmation("Confirm restore", "1 resume and 1 job?", "restore-cancel")
        .await;
    app.screenshot("restore-confirm").await;
    app.click("#restore-confirm").await;
    // The restarted app (outside the WebDriver session) restores before it opens the store,
    // then paints; its log starts in the restored folder.
    shortlist_e2e::wait_for_restart(data, "restore", 0).await;
    assert!(!shortlist_core::store::pending::is_scheduled(data));
    // It runs outside the WebDriver session: stop it, and the old session with it.
    shortlist_e2e::end_apps_using(data, std::time::Duration::ZERO);
    drop(app);

    // Back to the backup's state: one job, one resume; the job added after it is gone.
    let app = App::launch(data).await;
    app.click("#tab-storage").await;
    app.wait_for_text("#stat-jobs", |t| t == "1").await;
    app.wait_for_text("#stat-resumes", |t| t == "1").await;
    assert_eq!(
        app.texts("#job-select option").await,
        ["Platform Engineer — Contoso"]
    );

    // Erasing the candidate from the window: the app erases at once and restarts to rewrite
    // the database without free pages; then nothing of her is left anywhere in the data
    // folder, the log included.
    let painted = shortlist_e2e::log_count(data, "first paint");
    assert!(!shortlist_e2e::files_containing(data, b"carol.nguyen@example.com").is_empty());
    app.click("#tab-resumes").await;
    app.click("#resume-table tbody td.file-cell").await;
    app.click("#erase").await;
    app.expect_confirmation(
        "Confirm erasure",
        "Erase Carol Nguyen for good?",
        "erase-cancel",
    )
    .await;
    app.click("#erase-confirm").await;
    shortlist_e2e::wait_for_restart(data, "compact", painted).await;
    shortlist_e2e::end_apps_using(data, std::time::Duration::ZERO);
    drop(app);
    for needle in ["Carol Nguyen", "carol.nguyen@example.com", "(555) 010-4477"] {
        let left = shortlist_e2e::files_containing(data, needle.as_bytes());
        assert!(left.is_empty(), "{needle:?} is still in {left:?}");
    }

    // A start that did scheduled work says so in the window.
    shortlist_core::store::pending::schedule(
        data,
        &shortlist_core::store::pending::Pending::Compact,
    )
    .expect("schedule");
    let app = App::launch(data).await;
    app.wait_for_text("#toast", |t| {
        t == "The candidate was erased for good and the database compacted."
    })
    .await;
    app.click("#tab-storage").await;
    app.wait_for_text("#stat-resumes", |t| t == "0").await;
    app.wait_for_text("#stat-jobs", |t| t == "1").await;
    app.close().await;
}

#[tokio::test]
async fn a_folder_dropped_on_the_window_is_imported_file_by_file() {
    let data = tempfile::tempdir().expect("tempdir");
    {
        let (store, _) = Store::open(data.path()).expect("store");
        store
            .add_job(
                JobDraft {
                    company: "Northwind Logistics".into(),
                    role: "Senior Backend Engineer".into(),
                    description: "Requirements:\n- Go or Rust\n- PostgreSQL\n- Kubernetes".into(),
                },
                OffsetDateTime::now_utc(),
            )
            .expect("job");
    }
    // A folder as a recruiter gets it: good resumes, the same resume twice, and bad files.
    let folder = tempfile::tempdir().expect("tempdir");
    let copy = |from: &str, to: &str| {
        std::fs::copy(fixtures().join(from), folder.path().join(to)).expect("copy");
    };
    copy("good/carol_nguyen.pdf", "carol_nguyen.pdf");
    copy("good/carol_nguyen.pdf", "carol_again.pdf");
    copy("good/priya_raman_two_column.pdf", "priya.pdf");
    copy("bad/encrypted.pdf", "locked.pdf");
    copy("bad/not_a_pdf.pdf", "letter.pdf");

    // This test drives the app as the .deb installs it: its own binary and the runtime assets
    // (PDFium, ONNX Runtime, the model) from the package's resource folder.
    let app = App::launch_installed(data.path()).await;
    app.wait_for_text("[data-testid=empty-state] h2", |t| {
        t == "Nothing scored yet"
    })
    .await;
    app.drop_files(&[folder.path().to_owned()]).await;

    app.wait_for_text("#import-counts", |t| {
        t == "2 added · 1 already in the library · 2 failed"
    })
    .await;
    let statuses = app.texts("#import-results li").await;
    assert_eq!(statuses.len(), 5, "{statuses:?}");
    let line = |name: &str| {
        statuses
            .iter()
            .find(|s| s.contains(name))
            .cloned()
            .unwrap_or_else(|| panic!("{name} missing from {statuses:?}"))
    };
    assert!(line("locked.pdf").contains("password-protected"));
    assert!(line("letter.pdf").contains("not a PDF"));
    // The two copies are read in parallel: whichever finishes first is added, the other is
    // recognised as the same PDF.
    let copies = [line("carol_nguyen.pdf"), line("carol_again.pdf")];
    assert_eq!(
        copies.iter().filter(|l| l.starts_with("Added")).count(),
        1,
        "{copies:?}"
    );
    assert_eq!(
        copies
            .iter()
            .filter(|l| l.starts_with("Already in library"))
            .count(),
        1,
        "{copies:?}"
    );
    assert!(line("priya.pdf").starts_with("Added"));
    app.screenshot("import").await;

    // Each new resume was scored against the current job as it came in.
    app.click("#tab-shortlist").await;
    app.wait_for_text("#shortlist-count", |t| {
        t.starts_with("2 of 2 resumes scored")
    })
    .await;
    app.close().await;

    // Both readers were loaded from the package, not from this repository's assets folder.
    let resources = shortlist_e2e::installed_app_path()
        .parent()
        .and_then(Path::parent)
        .expect("usr/")
        .join("lib/Shortlist/assets");
    let resources = resources
        .canonicalize()
        .expect("the package ships its assets");
    let log = read_logs(data.path());
    for line in ["PDF reader started", "embedding model loaded"] {
        let found = log
            .lines()
            .find(|l| l.contains(line))
            .unwrap_or_else(|| panic!("no '{line}' in the app's log"));
        assert!(
            found.contains(&*resources.to_string_lossy()),
            "'{line}' not from {}: {found}",
            resources.display()
        );
    }
}

/// Everything the app logged into `data_dir`.
fn read_logs(data_dir: &Path) -> String {
    let mut all = String::new();
    for entry in std::fs::read_dir(data_dir.join("logs")).expect("logs") {
        all += &std::fs::read_to_string(entry.expect("entry").path()).expect("log");
    }
    all
}

#[tokio::test]
async fn a_data_folder_that_cannot_be_used_is_explained_in_the_window() {
    let dir = tempfile::tempdir().expect("tempdir");
    let not_a_folder = dir.path().join("data");
    std::fs::write(&not_a_folder, "a file where the data folder should be").expect("write");
    let app = App::launch(&not_a_folder).await;
    let text = app
        .wait_for_text("[data-testid=startup-error]", |t| {
            t.contains("Shortlist cannot open its data folder")
        })
        .await;
    assert!(
        text.contains(&format!(
            "data directory {}: this is a file, not a folder",
            not_a_folder.display()
        )),
        "the message names the folder and the problem: {text}"
    );
    // Nothing else is offered while there is no store.
    let shown = app
        .client
        .execute(
            "return ['header', 'nav'].map(s => getComputedStyle(document.querySelector(s)).display);",
            vec![],
        )
        .await
        .expect("script");
    assert_eq!(shown, serde_json::json!(["none", "none"]));
    app.screenshot("startup-error").await;
    app.close().await;
    assert_eq!(
        std::fs::read_to_string(&not_a_folder).expect("still there"),
        "a file where the data folder should be"
    );
}

#[tokio::test]
async fn the_window_follows_a_dark_desktop() {
    let data = tempfile::tempdir().expect("tempdir");
    seed(data.path());
    let app = App::launch_dark(data.path()).await;
    app.wait_for_text("#shortlist-count", |t| {
        t.starts_with("6 of 6 resumes scored")
    })
    .await;
    app.click("#shortlist li:first-child .candidate").await;
    app.wait_for("#analysis-detail").await;
    // Dark page, light text: relative luminance of the computed colours.
    let colours = app
        .client
        .execute(
            "const lum = c => { const [r, g, b] = c.match(/\\d+/g).map(Number).map(v => v / 255); \
               return 0.2126 * r + 0.7152 * g + 0.0722 * b; }; \
             const s = getComputedStyle(document.documentElement); \
             return [matchMedia('(prefers-color-scheme: dark)').matches, lum(s.backgroundColor), lum(s.color), s.backgroundColor];",
            vec![],
        )
        .await
        .expect("script");
    assert_eq!(colours[0], serde_json::json!(true), "{colours}");
    let (background, text) = (
        colours[1].as_f64().expect("a number"),
        colours[2].as_f64().expect("a number"),
    );
    assert!(
        colours[3].as_str().is_some_and(|c| c.starts_with("rgb(")),
        "an opaque page background: {colours}"
    );
    assert!(background < 0.2 && text > 0.6, "{colours}");
    app.screenshot("dark").await;
    app.close().await;
}

/// Issue 14: a hostile backup chosen in the window is refused by the window's check at once,
/// with the core's reason, and nothing is scheduled or replaced. A sparse 4 GB `manifest.json`
/// (an archive of 10 KB; read whole, it took 8 GB of memory) and a backup whose entry is a
/// symbolic link (it used to become an empty blob).
#[tokio::test]
async fn a_hostile_backup_chosen_in_the_window_is_refused_and_changes_nothing() {
    let root = tempfile::tempdir().expect("tempdir");
    let data = &root.path().join("data");
    {
        let (store, _) = Store::open(data).expect("store");
        store
            .add_job(
                JobDraft {
                    company: "Contoso".into(),
                    role: "SRE".into(),
                    description: "Linux".into(),
                },
                OffsetDateTime::now_utc(),
            )
            .expect("job");
        store
            .backup(&root.path().join("good.tar"), OffsetDateTime::now_utc())
            .expect("backup");
    }
    let sh = |script: &str| {
        let ok = std::process::Command::new("sh")
            .args(["-euc", script])
            .current_dir(root.path())
            .status()
            .expect("sh runs")
            .success();
        assert!(ok, "{script}");
    };
    sh("mkdir m && truncate -s 4G m/manifest.json && (cd m && tar --sparse --format=gnu -cf ../sparse.tar manifest.json)");
    // The real manifest, the database as a link, and enough after it that the archive could
    // hold what the manifest lists.
    sh("mkdir l && cd l && tar -xf ../good.tar manifest.json && ln -s /etc/passwd data.mdb && head -c 4000000 /dev/zero > padding && tar --format=gnu -cf ../link.tar manifest.json data.mdb padding");
    let app = App::launch(data).await;
    app.click("#tab-storage").await;
    app.wait_for_text("#stat-jobs", |t| t == "1").await;
    for (file, reason) in [
        ("sparse.tar", "holds only files"),
        ("link.tar", "holds only files"),
    ] {
        app.click("#restore").await;
        app.open_in_dialog("Restore Shortlist from a backup", &root.path().join(file))
            .await;
        app.wait_for_text("#toast.show.error", |t| t.contains(reason))
            .await;
        assert!(
            app.texts("#restore-confirm").await.is_empty(),
            "{file}: no confirmation"
        );
        assert!(
            !shortlist_core::store::pending::is_scheduled(data),
            "{file}"
        );
        // The next file's message must be a new one: wait for this one to go.
        let shown = std::time::Instant::now();
        while !app.texts("#toast.show").await.is_empty() {
            assert!(shown.elapsed().as_secs() < 15, "the message stays");
            tokio::time::sleep(std::time::Duration::from_millis(200)).await;
        }
    }
    app.close().await;
    let (store, _) = Store::open(data).expect("store");
    assert_eq!(
        store.stats().expect("stats").jobs,
        1,
        "the data is untouched"
    );
}

/// Rewrites every analysis of `dir` and its shortlist row as the engine-1 build wrote them:
/// engine version 1, no band, no terms part, rows without `band` and `engine_version`.
fn make_engine_1(dir: &Path) -> usize {
    use heed::types::{Bytes, Str};
    // SAFETY: no store has this environment open (the app is not running yet).
    #[allow(unsafe_code)]
    let env = unsafe { heed::EnvOpenOptions::new().max_dbs(32).open(dir) }.expect("env");
    let mut rewritten = 0;
    let done = env
        .create_databases_and_commit(env.write_txn().expect("txn"), |dbo, wtxn| {
            let analyses = dbo.create_database::<Str, Bytes>(wtxn, Some("analyses"))?;
            let rank = dbo.create_database::<Str, Bytes>(wtxn, Some("analyses-by-job"))?;
            for db in [analyses, rank] {
                let records: Vec<(String, serde_json::Value)> = db
                    .iter(wtxn)?
                    .map(|kv| {
                        kv.map(|(k, v)| (k.to_owned(), serde_json::from_slice(v).expect("JSON")))
                    })
                    .collect::<Result<_, _>>()?;
                for (key, mut record) in records {
                    let o = record.as_object_mut().expect("an object");
                    o.remove("band");
                    if o.contains_key("breakdown") {
                        o.insert("engine_version".into(), 1.into());
                        o.remove("matched_terms");
                        o.remove("missing_terms");
                        if let Some(b) = o.get_mut("breakdown").and_then(|b| b.as_object_mut()) {
                            b.remove("terms");
                        }
                        rewritten += 1;
                    } else {
                        o.remove("engine_version");
                    }
                    db.put(wtxn, &key, &serde_json::to_vec(&record).expect("JSON"))?;
                }
            }
            Ok::<_, heed::Error>(heed::CommitOrAbort::<_, ()>::Commit(()))
        })
        .expect("rewrite");
    assert!(!done.is_abort());
    env.prepare_for_closing().wait();
    rewritten
}

#[tokio::test]
async fn analyses_of_an_older_engine_are_marked_then_scored_again() {
    let data = tempfile::tempdir().expect("tempdir");
    seed(data.path());
    assert_eq!(make_engine_1(data.path()), 6);
    let app = App::launch(data.path()).await;
    // Marked in the list at once (before the shell starts the rescore after the first paint).
    let first = app
        .wait_for_text("#shortlist", |t| t.contains("scored by an older engine"))
        .await;
    assert!(first.contains("older engine"), "{first}");
    app.screenshot("rescore").await;
    // Scored again in the background; the list refreshes when it is done.
    app.wait_for_text("#toast", |t| {
        t == "6 scores brought up to date by the current engine"
    })
    .await;
    app.wait_for_text("#shortlist", |t| !t.contains("older engine"))
        .await;
    assert!(app.texts("#rescore-panel").await.is_empty());
    let bands = app.texts("#shortlist .candidate .band").await;
    assert!(
        bands
            .iter()
            .all(|b| ["strong fit", "possible fit", "weak fit"].contains(&b.as_str())),
        "{bands:?}"
    );
    // The analysis: the band, six parts, the earlier engine's score in its history.
    app.click("#shortlist li:first-child .candidate").await;
    app.wait_for_text("#analysis-band", |t| t.contains(" fit"))
        .await;
    let detail = app
        .wait_for_text("#analysis-detail", |t| t.contains("Earlier scores"))
        .await;
    assert!(detail.contains("Job terms"), "{detail}");
    let parts = app.texts("#analysis-detail .part .part-points").await;
    assert_eq!(parts.len(), 6, "{parts:?}");
    // The profile parts show what share of them counts.
    let shares = app.texts("#analysis-detail .part-share").await;
    assert!(shares.iter().all(|s| s.contains("counts")), "{shares:?}");
    let strengths = app.texts("#evidence .strength").await;
    assert!(!strengths.is_empty());
    assert!(
        strengths
            .iter()
            .all(|s| ["strong match", "some match", "weak match"].contains(&s.as_str())),
        "{strengths:?}"
    );
    // The legend: the thresholds from the core, and what the chips mean.
    app.click("#legend-details summary").await;
    app.wait_for_text("#band-legend-text", |t| {
        t == "Strong fit: 70 and above — the resume matches this job's work far better than \
              resumes of other occupations; possible: 50–69; weak: below 50. The same score \
              means the same fit for any job."
    })
    .await;
    assert_eq!(app.texts("#chip-legend li").await.len(), 5);
    app.screenshot("bands").await;
    let show_evidence = "document.getElementById('term-chips').scrollIntoView({ block: 'start' });";
    app.client
        .execute(show_evidence, vec![])
        .await
        .expect("script");
    app.screenshot("terms-and-evidence").await;
    app.client.set_window_size(1024, 700).await.expect("resize");
    app.screenshot("bands-small-window").await;
    app.client
        .execute(show_evidence, vec![])
        .await
        .expect("script");
    app.screenshot("terms-and-evidence-small-window").await;
    app.close().await;

    // The store agrees: the current engine, the engine-1 score in the history.
    let (store, _) = Store::open(data.path()).expect("store");
    assert!(store.stale_analyses().expect("read").is_empty());
    for a in store.analyses(None).expect("read") {
        assert_eq!(a.engine_version, shortlist_core::analysis::ENGINE_VERSION);
        assert_eq!(a.history.len(), 1);
        assert_eq!(a.history[0].engine_version, 1);
    }
    drop(store);

    // The same screens in the dark.
    let app = App::launch_dark(data.path()).await;
    app.wait_for_text("#shortlist-count", |t| {
        t.starts_with("6 of 6 resumes scored")
    })
    .await;
    app.click("#shortlist li:first-child .candidate").await;
    app.wait_for("#analysis-band").await;
    app.click("#legend-details summary").await;
    app.wait_for("#chip-legend").await;
    app.screenshot("bands-dark").await;
    app.client
        .execute(
            "document.getElementById('term-chips').scrollIntoView({ block: 'start' });",
            vec![],
        )
        .await
        .expect("script");
    app.screenshot("terms-and-evidence-dark").await;
    app.client.set_window_size(1024, 700).await.expect("resize");
    app.screenshot("bands-dark-small-window").await;
    app.close().await;
}

/// Opens the shortlist row of the candidate called `name`; returns its position (from 1).
async fn open_candidate(app: &App, name: &str) -> usize {
    let names = app.texts("#shortlist .candidate .name").await;
    let position = names
        .iter()
        .position(|n| n == name)
        .unwrap_or_else(|| panic!("{name} is not in the shortlist: {names:?}"))
        + 1;
    app.click(&format!("#shortlist li:nth-child({position}) .candidate"))
        .await;
    position
}
