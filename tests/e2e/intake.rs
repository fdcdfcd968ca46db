//! Issue 13 through the window: Word resumes dropped on it (the committed fixtures of
//! scripts/make-docx-fixtures.py, good and hostile), and the same person across two files
//! (Carol's PDF of scripts/make-fixtures.py and her updated CV as .docx) linked, shown in the
//! detail and split.

use shortlist_core::{JobDraft, Store};
use shortlist_e2e::{fixtures, App};
use time::OffsetDateTime;

fn docx_fixtures() -> std::path::PathBuf {
    fixtures().join("../docx")
}

#[tokio::test]
async fn word_files_dropped_on_the_window_are_imported_and_the_same_person_can_be_split() {
    let data = tempfile::tempdir().expect("tempdir");
    {
        let (store, _) = Store::open(data.path()).expect("store");
        store
            .add_job(
                JobDraft {
                    company: "Harbour Freight".into(),
                    role: "Operations Lead".into(),
                    description: "Requirements:\n- Warehouse operations\n- Team leadership".into(),
                },
                OffsetDateTime::now_utc(),
            )
            .expect("job");
    }
    // A folder of Word files as a recruiter gets it: the good ones, hostile ones, a legacy
    // .doc, and Carol twice (her PDF and her updated CV as .docx).
    let folder = tempfile::tempdir().expect("tempdir");
    let copy = |from: std::path::PathBuf, to: &str| {
        std::fs::copy(from, folder.path().join(to)).expect("copy");
    };
    for name in [
        "two-column.docx",
        "plain.docx",
        "textbox-header-footer.docx",
    ] {
        copy(docx_fixtures().join("good").join(name), name);
    }
    copy(
        docx_fixtures().join("good/carol-nguyen-2026.docx"),
        "carol-nguyen-2026.docx",
    );
    copy(fixtures().join("good/carol_nguyen.pdf"), "carol_nguyen.pdf");
    for name in [
        "bomb-ratio.docx",
        "entities.docx",
        "encrypted.docx",
        "legacy.doc",
    ] {
        copy(docx_fixtures().join("bad").join(name), name);
    }

    let app = App::launch(data.path()).await;
    app.wait_for_text("[data-testid=empty-state] h2", |t| {
        t == "Nothing scored yet"
    })
    .await;
    app.drop_files(&[folder.path().to_owned()]).await;
    app.wait_for_text("#import-counts", |t| {
        t == "5 added · 0 already in the library · 4 failed"
    })
    .await;
    let statuses = app.texts("#import-results li").await;
    let line = |name: &str| {
        statuses
            .iter()
            .find(|s| s.contains(name))
            .cloned()
            .unwrap_or_else(|| panic!("{name} missing from {statuses:?}"))
    };
    for name in ["two-column.docx", "plain.docx", "carol-nguyen-2026.docx"] {
        assert!(line(name).starts_with("Added"), "{}", line(name));
    }
    assert!(line("legacy.doc").contains("save it as .docx or PDF"));
    assert!(line("encrypted.docx").contains("password-protected"));
    assert!(line("bomb-ratio.docx").contains("zip bomb"));
    assert!(line("entities.docx").contains("DOCTYPE"));
    app.screenshot("intake-import").await;

    // The shortlist: Carol's two files are one row with "2 versions" (five files, four
    // people); the switch shows her older version under it, with its own score.
    app.click("#tab-shortlist").await;
    wait_for_rows(&app, 4).await;
    let switches = app.texts("#shortlist .versions-switch").await;
    assert_eq!(switches, ["2 versions"], "{switches:?}");
    let ranks = app.texts("#shortlist .candidate .rank").await;
    assert_eq!(ranks, ["1", "2", "3", "4"], "ranks count people");
    app.click("#shortlist .versions-switch").await;
    wait_for_rows(&app, 5).await;
    let older = app
        .texts("#shortlist li.older-version .candidate .score")
        .await;
    assert_eq!(older.len(), 1, "one older version shown: {older:?}");
    app.screenshot("intake-versions").await;

    // The Word resume's detail: its text with its headings, no page preview.
    app.click("#tab-resumes").await;
    app.wait_for_text("#resume-count", |t| t == "5 in the library")
        .await;
    let tomasz = app
        .eval(
            "return [...document.querySelectorAll('tr[data-resume-id]')]\
             .find(r => r.textContent.includes('Tomasz Ilunga')).dataset.resumeId;",
            vec![],
        )
        .await;
    let tomasz = tomasz.as_str().expect("Tomasz's row").to_owned();
    app.click(&format!("tr[data-resume-id='{tomasz}'] td.file-cell"))
        .await;
    app.wait_for("#resume-text .resume-heading").await;
    let headings = app.texts("#resume-text .resume-heading").await;
    assert_eq!(
        headings,
        [
            "Tomasz Ilunga",
            "Profile",
            "Experience",
            "Education",
            "Skills"
        ]
    );
    let none = app
        .eval(
            "return document.querySelector('#page-section') === null;",
            vec![],
        )
        .await;
    assert_eq!(
        none,
        serde_json::json!(true),
        "no page preview for a Word file"
    );

    // Carol's two files: a group badge in the list, the link in the detail.
    let badges = app.texts(".same-person-badge").await;
    assert_eq!(badges, ["2 files", "2 files"], "{badges:?}");
    let carol_word = app
        .eval(
            "return [...document.querySelectorAll('tr[data-resume-id]')]\
             .find(r => r.textContent.includes('carol-nguyen-2026.docx')).dataset.resumeId;",
            vec![],
        )
        .await;
    let carol_word = carol_word.as_str().expect("Carol's Word row").to_owned();
    app.click(&format!("tr[data-resume-id='{carol_word}'] td.file-cell"))
        .await;
    let link = app
        .wait_for_text("#same-person p", |t| {
            t.starts_with("Possibly the same person as")
        })
        .await;
    assert!(link.contains("same name and employers"), "{link}");
    app.screenshot("intake-same-person").await;
    app.click("#same-person .same-split").await;
    app.wait_for_text("#toast", |t| t.starts_with("Split: two people"))
        .await;
    let deadline = std::time::Instant::now() + std::time::Duration::from_secs(15);
    loop {
        let gone = app
            .eval(
                "return document.querySelector('#same-person') === null \
                 && document.querySelectorAll('.same-person-badge').length === 0;",
                vec![],
            )
            .await;
        if gone == serde_json::json!(true) {
            break;
        }
        assert!(
            std::time::Instant::now() < deadline,
            "the split link is still shown"
        );
        tokio::time::sleep(std::time::Duration::from_millis(100)).await;
    }
    // Split, they are two rows of the shortlist again, without a versions switch.
    app.click("#tab-shortlist").await;
    wait_for_rows(&app, 5).await;
    assert!(app.texts("#shortlist .versions-switch").await.is_empty());
    let ranks = app.texts("#shortlist .candidate .rank").await;
    assert_eq!(ranks, ["1", "2", "3", "4", "5"]);
    app.close().await;

    // The split is in the store.
    let (store, _) = Store::open(data.path()).expect("store");
    let carol_word = shortlist_core::ResumeId::parse(&carol_word).expect("id");
    assert!(store.same_person(&carol_word).expect("links").is_empty());
    assert_eq!(store.resumes().expect("resumes").len(), 5);
}

/// Waits until the shortlist shows `n` rows.
async fn wait_for_rows(app: &App, n: usize) {
    let deadline = std::time::Instant::now() + std::time::Duration::from_secs(30);
    loop {
        let shown = app
            .eval(
                "return document.querySelectorAll('#shortlist .candidate').length;",
                vec![],
            )
            .await;
        if shown == serde_json::json!(n) {
            return;
        }
        assert!(
            std::time::Instant::now() < deadline,
            "the shortlist shows {shown} rows, not {n}"
        );
        tokio::time::sleep(std::time::Duration::from_millis(100)).await;
    }
}

/// A library with Carol twice (her PDF and her updated Word CV, linked as one person), Bob and
/// Priya, scored against the seeded backend job; returns the job and Carol's row's file
/// (the head of her two versions) and her older one.
fn carol_twice(dir: &std::path::Path) -> (shortlist_core::JobId, String, String) {
    let folder = tempfile::tempdir().expect("tempdir");
    for (from, to) in [
        (fixtures().join("good/carol_nguyen.pdf"), "carol_nguyen.pdf"),
        (
            docx_fixtures().join("good/carol-nguyen-2026.docx"),
            "carol-nguyen-2026.docx",
        ),
        (
            fixtures().join("good/bob_schmidt_multipage.pdf"),
            "bob_schmidt_multipage.pdf",
        ),
        (
            fixtures().join("good/priya_raman_two_column.pdf"),
            "priya_raman_two_column.pdf",
        ),
    ] {
        std::fs::copy(from, folder.path().join(to)).expect("copy");
    }
    assert_eq!(super::seed_with(dir, &[folder.path().to_owned()]), 4);
    let (store, _) = Store::open(dir).expect("store");
    let job = store.current_job().expect("current").expect("a job").job.id;
    let board = store.board(&job).expect("board");
    let head = board
        .entries
        .iter()
        .find(|e| e.versions == 2 && e.version_of.is_none())
        .expect("Carol's row")
        .resume_id
        .clone();
    let older = board
        .entries
        .iter()
        .find(|e| e.version_of.as_ref() == Some(&head))
        .expect("Carol's older version")
        .resume_id
        .clone();
    (job, head.to_string(), older.to_string())
}

/// Reviewer's finding: "2 versions" (23 for someone who sent many) did not expand under a
/// filter: the filter judged each file on its own, so the older versions, without the tag,
/// note or stage of the row they belong to, stayed hidden however the switch was set.
#[tokio::test]
async fn a_persons_versions_did_not_expand_under_a_filter() {
    let data = tempfile::tempdir().expect("tempdir");
    let (job, head, _) = carol_twice(data.path());
    {
        // Carol's row is tagged and moved to Interview (as a recruiter does on the row seen).
        let (store, _) = Store::open(data.path()).expect("store");
        let head = shortlist_core::ResumeId::parse(&head).expect("id");
        store
            .add_tag(std::slice::from_ref(&head), "Referral")
            .expect("tag");
        store
            .set_stage(
                &job,
                &[head],
                shortlist_core::workflow::Stage::Interview,
                None,
                OffsetDateTime::now_utc(),
            )
            .expect("stage");
    }
    let app = App::launch(data.path()).await;
    app.client.set_window_size(1024, 700).await.expect("resize");
    wait_for_rows(&app, 3).await;
    let filter = app.wait_for("#shortlist-filter").await;
    // By name, by the row's tag, and by the row's stage: the switch shows her older version.
    for (how, text, stage) in [
        ("name", "carol", ""),
        ("tag", "referral", ""),
        ("stage", "", "interview"),
    ] {
        filter.clear().await.expect("clear");
        if !text.is_empty() {
            filter.send_keys(text).await.expect("type");
        }
        app.eval(
            "const s = document.getElementById('shortlist-stage'); s.value = arguments[0]; \
             s.dispatchEvent(new Event('change'));",
            vec![serde_json::json!(stage)],
        )
        .await;
        wait_for_rows(&app, 1).await;
        let switch = app.texts("#shortlist .versions-switch").await;
        assert_eq!(switch, ["2 versions"], "filtered by {how}");
        app.click("#shortlist .versions-switch").await;
        wait_for_rows(&app, 2).await;
        let older = app.texts("#shortlist li.older-version .version-note").await;
        assert_eq!(older, ["older version"], "filtered by {how}");
        if how == "tag" {
            app.screenshot("versions-under-a-filter").await;
        }
        // Switched off again: her row alone.
        app.click("#shortlist .versions-switch").await;
        wait_for_rows(&app, 1).await;
    }
    app.close().await;
}

/// The background of each library row (Resumes view) and whether its outline is drawn.
const ROW_LOOKS: &str =
    "return [...document.querySelectorAll('#resume-table tbody tr[data-resume-id]')].map(r => { \
     const s = getComputedStyle(r); const c = getComputedStyle(r.cells[0]); \
     return [r.className.trim(), s.backgroundColor, s.outlineStyle, c.boxShadow]; })";

/// Reviewer's finding: picked rows of the library alternated colours (the open row and the
/// hovered one took the plain selection's colour instead of the picked one's). Picked,
/// selected and hovered rows each look one way whatever their position, light and dark.
#[tokio::test]
async fn the_librarys_picked_rows_alternated_colours() {
    use fantoccini::actions::InputSource;
    let data = tempfile::tempdir().expect("tempdir");
    carol_twice(data.path());
    for dark in [false, true] {
        let app = if dark {
            App::launch_dark(data.path()).await
        } else {
            App::launch(data.path()).await
        };
        app.client.set_window_size(1024, 700).await.expect("resize");
        app.click("#tab-resumes").await;
        app.wait_for_text("#resume-count", |t| t == "4 in the library")
            .await;
        // One row opened, then every row picked (Ctrl+A), the pointer over the last one.
        app.click("#resume-table tbody tr[data-resume-id] td.file-cell")
            .await;
        app.wait_for("#resume-table tbody tr.selected").await;
        app.eval(
            "document.querySelector('#resume-table tbody tr[data-resume-id]').focus()",
            vec![],
        )
        .await;
        ctrl(&app, 'a').await;
        app.wait_for_text("#library-bulk-bar strong", |t| t == "4 selected")
            .await;
        let last = app
            .wait_for("#resume-table tbody tr[data-resume-id]:last-child td.file-cell")
            .await;
        app.client
            .perform_actions(
                fantoccini::actions::MouseActions::new("mouse".to_owned()).then(
                    fantoccini::actions::PointerAction::MoveToElement {
                        element: last,
                        duration: None,
                        x: 0.0,
                        y: 0.0,
                    },
                ),
            )
            .await
            .expect("hover");
        let looks = app.eval(ROW_LOOKS, vec![]).await;
        app.screenshot(if dark {
            "library-picked-dark"
        } else {
            "library-picked"
        })
        .await;
        let rows = looks.as_array().expect("rows").clone();
        assert_eq!(rows.len(), 4, "{looks}");
        // Every picked row, the open one and the hovered one included, looks the same.
        let look = |r: &serde_json::Value| (r[1].clone(), r[2].clone(), r[3].clone());
        assert!(
            rows.iter().all(|r| look(r) == look(&rows[0])),
            "picked rows differ ({}): {looks}",
            if dark { "dark" } else { "light" }
        );
        app.close().await;
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
