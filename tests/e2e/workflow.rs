//! Issue 16 in the real window: criteria edited in the job editor change the ranking, the
//! gate filter, stages moved by keyboard, bulk tags, and blind screening that leaves no name
//! or email anywhere in the DOM nor in the exported CSV. One seeded library (the six good
//! fixtures), copied for each test.

use std::path::{Path, PathBuf};
use std::sync::OnceLock;
use std::time::{Duration, Instant};

use serde_json::{json, Value};
use shortlist_core::Store;
use shortlist_e2e::App;
use tempfile::TempDir;

use super::seed;

static LIBRARY: OnceLock<PathBuf> = OnceLock::new();

fn library() -> TempDir {
    let template = LIBRARY.get_or_init(|| {
        let dir = Path::new(env!("CARGO_TARGET_TMPDIR")).join("e2e-workflow-library");
        let _ = std::fs::remove_dir_all(&dir);
        seed(&dir);
        dir
    });
    let copy = tempfile::tempdir().expect("tempdir");
    shortlist_e2e::copy_data_dir(template, copy.path());
    copy
}

/// Waits until `script` returns something `ok` accepts; returns it.
async fn wait_until(app: &App, script: &str, ok: impl Fn(&Value) -> bool) -> Value {
    let deadline = Instant::now() + Duration::from_secs(120);
    loop {
        let got = app.eval(script, vec![]).await;
        if ok(&got) {
            return got;
        }
        assert!(Instant::now() < deadline, "{script} stayed {got}");
        tokio::time::sleep(Duration::from_millis(150)).await;
    }
}

/// A key pressed with Ctrl held (WebDriver's Control is U+E009).
async fn ctrl(app: &App, key: char) {
    use fantoccini::actions::{InputSource, KeyAction, KeyActions};
    let keys = KeyActions::new("keyboard".to_owned())
        .then(KeyAction::Down { value: '\u{E009}' })
        .then(KeyAction::Down { value: key })
        .then(KeyAction::Up { value: key })
        .then(KeyAction::Up { value: '\u{E009}' });
    app.client.perform_actions(keys).await.expect("key chord");
}

const ROWS: &str = "return [...document.querySelectorAll('#shortlist .candidate')].map(b => \
     b.querySelector('.name').textContent + ' ' + b.querySelector('.score').textContent)";

#[tokio::test]
async fn criteria_edited_in_the_window_change_the_ranking_and_gates_filter_it() {
    let data = library();
    let app = App::launch(data.path()).await;
    app.wait_for_text("#shortlist-count", |t| {
        t.starts_with("6 of 6 resumes scored")
    })
    .await;
    let before = app.eval(ROWS, vec![]).await;

    // The current job's editor: the live preview reads the description's requirements.
    app.click("#tab-jobs").await;
    app.eval(
        "[...document.querySelectorAll('#job-list [data-job-id]')].find(b => b.textContent.startsWith('Senior Backend Engineer')).click()",
        vec![],
    )
    .await;
    app.wait_for_text("#criteria-must", |t| t.contains("PostgreSQL"))
        .await;
    // Refused: an empty description (the window says why, nothing is saved).
    let field = app.wait_for("#job-description").await;
    let stored: String = field
        .prop("value")
        .await
        .expect("value")
        .unwrap_or_default();
    field.clear().await.expect("clear");
    app.click("#job-save").await;
    app.wait_for_text("#job-problem", |t| t.contains("description is empty"))
        .await;
    field.send_keys(&stored).await.expect("type");

    // Kubernetes no longer counts, Python is a must, and a knockout gate on PostgreSQL.
    app.eval(
        "const s = [...document.querySelectorAll('#criteria-skills select')].find(x => x.getAttribute('aria-label') === 'Skill: Kubernetes'); \
         s.value = 'ignore'; s.dispatchEvent(new Event('change'));",
        vec![],
    )
    .await;
    app.wait_for_text("#criteria-must", |t| !t.contains("Kubernetes"))
        .await;
    app.wait_for("#criteria-add-text")
        .await
        .send_keys("Experience with Python and machine learning")
        .await
        .expect("type");
    app.click("#criteria-add").await;
    app.wait_for_text("#criteria-must", |t| t.contains("Python"))
        .await;
    app.eval(
        "const k = document.getElementById('gate-kind'); k.value = 'skill'; k.dispatchEvent(new Event('change'));",
        vec![],
    )
    .await;
    app.wait_for("#gate-value")
        .await
        .send_keys("PostgreSQL")
        .await
        .expect("type");
    app.click("#gate-add").await;
    app.wait_for_text("#criteria-gates", |t| t.contains("Has PostgreSQL"))
        .await;
    app.screenshot("criteria-editor").await;
    // Ctrl+S saves (the keyboard is in the editor).
    app.wait_for("#job-role")
        .await
        .click()
        .await
        .expect("focus");
    ctrl(&app, 's').await;
    app.wait_for_text("#toast", |t| t == "Changes saved").await;

    // The background re-score brings every row to the new criteria: the ranking changes.
    app.click("#tab-shortlist").await;
    let after = wait_until(&app, ROWS, |rows| {
        rows.as_array().is_some_and(|r| r.len() == 6) && *rows != before
    })
    .await;
    wait_until(
        &app,
        "return document.querySelectorAll('#shortlist .gate-badge').length",
        |n| n == &json!(6),
    )
    .await;
    assert_ne!(after, before);

    // The gate filter: only those passing every gate.
    let passing = app
        .eval(
            "return [...document.querySelectorAll('#shortlist .candidate')].filter(b => b.querySelector('.gate-badge.pass')).length",
            vec![],
        )
        .await
        .as_u64()
        .expect("a count");
    assert!(
        passing < 6,
        "every fixture passes the PostgreSQL gate: the filter is not tested"
    );
    app.click("#shortlist-passing").await;
    wait_until(
        &app,
        "return document.querySelectorAll('#shortlist .candidate').length",
        |n| n == &json!(passing),
    )
    .await;
    assert_eq!(
        app.eval(
            "return document.querySelectorAll('#shortlist .candidate .gate-badge:not(.pass)').length",
            vec![]
        )
        .await,
        json!(0)
    );
    app.screenshot("shortlist-gates").await;
    app.close().await;
}

#[tokio::test]
async fn stages_by_keyboard_bulk_tags_and_blind_mode_without_a_name_anywhere() {
    let data = library();
    // Every seeded candidate's name and email, as the store holds them.
    let secrets: Vec<String> = {
        let (store, _) = Store::open(data.path()).expect("store");
        store
            .library()
            .expect("library")
            .into_iter()
            .flat_map(|r| [r.resume.contact.name, r.resume.contact.email])
            .flatten()
            .collect()
    };
    assert!(secrets.len() >= 6, "{} names and emails", secrets.len());
    let app = App::launch(data.path()).await;
    app.wait_for_text("#shortlist-count", |t| {
        t.starts_with("6 of 6 resumes scored")
    })
    .await;

    // Stages by keyboard: 3 moves the open candidate to Interview, 6 asks a reason first.
    app.click("#shortlist li:nth-child(1) .candidate").await;
    app.wait_for("#workflow-panel").await;
    app.click("#shortlist li:nth-child(1) .candidate").await;
    app.press('3').await;
    app.wait_for_text("#stage-counts", |t| t.contains("Interview 1"))
        .await;
    app.click("#shortlist li:nth-child(2) .candidate").await;
    app.press('6').await;
    app.wait_for("#reject-reason")
        .await
        .send_keys("No work permit\u{E007}")
        .await
        .expect("type");
    app.wait_for_text("#stage-counts", |t| t.contains("Rejected 1"))
        .await;
    app.wait_for_text("#stage-reason", |t| t.contains("No work permit"))
        .await;

    // Bulk: Ctrl+A selects every row shown, one tag for all.
    app.click("#shortlist li:nth-child(3) .candidate").await;
    ctrl(&app, 'a').await;
    app.wait_for_text("#bulk-count", |t| t == "6 selected")
        .await;
    app.wait_for("#bulk-tag")
        .await
        .send_keys("phone-screen")
        .await
        .expect("type");
    app.click("#bulk-tag-apply").await;
    wait_until(
        &app,
        "return [...document.querySelectorAll('#shortlist .candidate')].filter(b => [...b.querySelectorAll('.chip.tag')].some(c => c.textContent === 'phone-screen')).length",
        |n| n == &json!(6),
    )
    .await;
    app.screenshot("shortlist-stages-tags").await;
    app.click("#bulk-clear").await;

    // The library: search ignores accents ("Lukasiewicz" finds "Łukasiewicz"), the bulk tag
    // shows on each row, and `?` lists the shortcuts.
    app.click("#tab-resumes").await;
    // The library's tags have loaded (the list is drawn again then).
    app.wait_for("#library-tag option[value='phone-screen']")
        .await;
    app.wait_for("#library-search")
        .await
        .send_keys("lukasiewicz")
        .await
        .expect("type");
    let found = wait_until(
        &app,
        "return [...document.querySelectorAll('#resume-table tbody tr[data-resume-id] .name-cell')].map(c => c.textContent)",
        |v| v.as_array().is_some_and(|a| a.len() == 1),
    )
    .await;
    let name = found[0].as_str().expect("a name");
    assert!(
        !name.is_ascii(),
        "the fixture's name has its accent: {name:?}"
    );
    assert!(name.contains("phone-screen"), "{name:?}");
    app.screenshot("library-search").await;
    app.wait_for("#tab-resumes")
        .await
        .click()
        .await
        .expect("focus");
    app.press('?').await;
    app.wait_for_text("#shortcuts", |t| t.contains("Ctrl+S"))
        .await;
    app.screenshot("shortcuts").await;
    app.press('?').await;
    app.click("#tab-shortlist").await;

    // Blind: every row is "Candidate N", and no name or email is anywhere in the DOM, with a
    // candidate open.
    app.click("#shortlist-blind").await;
    wait_until(
        &app,
        "return [...document.querySelectorAll('#shortlist .candidate .name')].every(n => /^Candidate \\d+$/.test(n.textContent))",
        |v| v == &json!(true),
    )
    .await;
    app.click("#shortlist li:nth-child(1) .candidate").await;
    app.wait_for("#reveal").await;
    app.wait_for("#analysis-detail").await;
    let dom = app
        .eval(
            "return document.documentElement.outerHTML + document.body.innerText",
            vec![],
        )
        .await
        .as_str()
        .expect("the page")
        .to_lowercase();
    for secret in &secrets {
        assert!(
            !dom.contains(&secret.to_lowercase()),
            "blind mode shows {secret:?}"
        );
    }
    app.screenshot("shortlist-blind").await;

    // The export made while blind has none either.
    let exports = tempfile::tempdir().expect("tempdir");
    let csv = exports.path().join("shortlist.csv");
    app.click("#shortlist-export").await;
    app.save_in_dialog("Export shortlist", &csv).await;
    app.wait_for_text("#toast", |t| t.starts_with("Shortlist exported"))
        .await;
    let text = std::fs::read_to_string(&csv).expect("the CSV was written");
    assert!(text.lines().count() >= 7, "{text}");
    assert!(text.contains("Candidate "), "{text}");
    assert!(
        text.contains("phone-screen") && text.contains("No work permit"),
        "{text}"
    );
    for secret in &secrets {
        assert!(
            !text.to_lowercase().contains(&secret.to_lowercase()),
            "the export shows {secret:?}"
        );
    }

    // Revealing one is an explicit action: that one's name shows again.
    app.click("#reveal").await;
    wait_until(
        &app,
        "return [...document.querySelectorAll('#shortlist .candidate .name')].filter(n => !/^Candidate \\d+$/.test(n.textContent)).length",
        |n| n == &json!(1),
    )
    .await;
    app.close().await;
}
