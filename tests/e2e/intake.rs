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
