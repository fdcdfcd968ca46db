//! Issue 13 item 3/4 in the real window: the Search screen over the whole library (by meaning,
//! by words without accents, people like one candidate, the keyboard) and the jobs list's
//! search by meaning, on the six good fixtures and the real model.

use std::time::{Duration, Instant};

use shortlist_core::{JobDraft, ResumeId, Store};
use shortlist_e2e::App;
use time::OffsetDateTime;

use super::{seed, ENTER};

/// WebDriver's arrow down.
const ARROW_DOWN: char = '\u{E015}';

/// The resume IDs of the results shown, in order, once the search for `what` has answered
/// with at least one of them.
async fn results(app: &App, what: &str) -> Vec<String> {
    let deadline = Instant::now() + Duration::from_secs(60);
    loop {
        let ids = app
            .eval(
                "return [...document.querySelectorAll('#search-results .search-hit')].map(e => e.dataset.resumeId)",
                vec![],
            )
            .await;
        let ids: Vec<String> = serde_json::from_value(ids).expect("strings");
        if !ids.is_empty() {
            return ids;
        }
        let state = app.texts("#search-results").await;
        assert!(Instant::now() < deadline, "{what}: no results: {state:?}");
        tokio::time::sleep(Duration::from_millis(150)).await;
    }
}

/// Types `query` into the search box in place of what it held; returns the results.
async fn search_for(app: &App, query: &str) -> Vec<String> {
    // Emptied as a person would (select all, delete): the introduction shows again, so the
    // next results are this query's.
    app.eval(
        "const b = document.getElementById('search-box'); b.focus(); b.select(); \
         document.execCommand('delete'); b.dispatchEvent(new Event('input'));",
        vec![],
    )
    .await;
    app.wait_for("[data-testid=search-intro]").await;
    let box_ = app.wait_for("#search-box").await;
    box_.send_keys(query).await.expect("type");
    results(app, query).await
}

fn id_of(store: &Store, file: &str) -> ResumeId {
    store
        .resumes()
        .expect("resumes")
        .into_iter()
        .find(|r| r.file_name().starts_with(file))
        .unwrap_or_else(|| panic!("{file} is stored"))
        .id
}

#[tokio::test]
async fn the_library_and_the_jobs_are_found_by_meaning_in_the_window() {
    let data = tempfile::tempdir().expect("tempdir");
    seed(data.path());
    let (bob, jonas, priya, zoe) = {
        let (store, _) = Store::open(data.path()).expect("store");
        store
            .add_job(
                JobDraft {
                    company: "Northwind Freight".into(),
                    role: "Analyst".into(),
                    description:
                        "SQL and Python dashboards on shipments, warehouse stock and carrier delays."
                            .into(),
                },
                OffsetDateTime::now_utc(),
            )
            .expect("job");
        (
            id_of(&store, "bob_schmidt"),
            id_of(&store, "jonas_berg"),
            id_of(&store, "priya_raman"),
            id_of(&store, "zoe_lukasiewicz"),
        )
    };
    let app = App::launch(data.path()).await;
    app.wait_for("#job-select option:checked").await;

    // Ctrl+K from another screen opens Search with the keyboard in its box.
    app.click("#tab-resumes").await;
    app.eval(
        "document.body.dispatchEvent(new KeyboardEvent('keydown', { key: 'k', ctrlKey: true, bubbles: true }))",
        vec![],
    )
    .await;
    app.wait_for("#tab-search[aria-selected=true]").await;
    assert_eq!(app.focused_id().await, "search-box");

    // A concept none of the resumes words like this: Bob owns a Spark/Airflow platform at a
    // bank. He comes first, with his passages and the query's words marked in them.
    let found = search_for(
        &app,
        "big data processing infrastructure for a financial firm",
    )
    .await;
    assert_eq!(found[0], bob.to_string(), "{found:?}");
    let first = format!("#search-hit-{bob}");
    let passages = app.texts(&format!("{first} .search-passage")).await;
    assert!(!passages.is_empty());
    assert!(
        passages.iter().any(|p| p.contains("Woodgrove Bank")),
        "{passages:?}"
    );
    let marks = app.texts(&format!("{first} .search-passage mark")).await;
    assert!(
        !marks.is_empty() && marks.iter().all(|m| m.eq_ignore_ascii_case("data")),
        "{marks:?}"
    );
    app.wait_for_text("#search-count", |t| t.contains("candidate"))
        .await;
    app.screenshot("search").await;

    // A name typed without its accents finds the accented one, marked as stored.
    let found = search_for(&app, "Lukasiewicz Odegard").await;
    assert_eq!(found[0], zoe.to_string(), "{found:?}");
    assert_eq!(
        app.texts(&format!("#search-hit-{zoe} .search-name")).await,
        ["Zoë Łukasiewicz-Ødegård"]
    );
    assert_eq!(
        app.texts(&format!("#search-hit-{zoe} .search-name mark"))
            .await,
        ["Łukasiewicz", "Ødegård"]
    );

    // People like Jonas (Go, Kubernetes, a ledger on PostgreSQL): others, Priya first.
    let found = search_for(&app, "Jonas Berg").await;
    assert_eq!(found[0], jonas.to_string(), "{found:?}");
    app.click(&format!("#search-like-{jonas}")).await;
    app.wait_for_text("#search-like-banner", |t| {
        t.contains("People like Jonas Berg")
    })
    .await;
    let deadline = Instant::now() + Duration::from_secs(60);
    let like = loop {
        let like = results(&app, "like Jonas").await;
        if like[0] != jonas.to_string() {
            break like;
        }
        assert!(Instant::now() < deadline, "still the name search: {like:?}");
        tokio::time::sleep(Duration::from_millis(150)).await;
    };
    assert_eq!(like[0], priya.to_string(), "{like:?}");
    assert!(like.len() >= 2, "{like:?}");
    assert!(!like.contains(&jonas.to_string()), "{like:?}");

    // The keyboard: down from the box onto the first result, j to the next, Enter opens it.
    app.wait_for("#search-box").await;
    app.eval("document.getElementById('search-box').focus()", vec![])
        .await;
    app.press(ARROW_DOWN).await;
    assert_eq!(app.focused_id().await, format!("search-hit-{}", like[0]));
    app.press('j').await;
    assert_eq!(app.focused_id().await, format!("search-hit-{}", like[1]));
    app.press('k').await;
    assert_eq!(app.focused_id().await, format!("search-hit-{}", like[0]));
    app.press(ENTER).await;
    app.wait_for("#tab-resumes[aria-selected=true]").await;
    app.wait_for_text("#resume-text", |t| t.contains("Priya Raman"))
        .await;

    // The jobs list finds the freight analyst's job for "data role in logistics", whose
    // words it does not contain.
    app.click("#tab-jobs").await;
    app.wait_for("#job-search")
        .await
        .send_keys("data role in logistics")
        .await
        .expect("type");
    let listed = app
        .wait_for_text("#job-list", |t| t.contains("Northwind Freight"))
        .await;
    eprintln!("jobs listed: {listed:?}");
    assert!(
        listed
            .lines()
            .next()
            .is_some_and(|l| l.starts_with("Analyst")),
        "{listed}"
    );
    app.screenshot("jobs-search").await;
    app.close().await;

    // The current job screened blind: the search looks among its candidates by number, and
    // no name is shown nor found (in the dark, which the screen follows).
    {
        let (store, _) = Store::open(data.path()).expect("store");
        let job = store.current_job().expect("read").expect("a current job");
        store
            .set_job_blind(&job.job.id, true, OffsetDateTime::now_utc())
            .expect("blind");
    }
    let app = App::launch_dark(data.path()).await;
    app.wait_for("#job-select option:checked").await;
    app.click("#tab-search").await;
    app.wait_for_text("#search-blind-note", |t| t.contains("screened blind"))
        .await;
    let found = search_for(&app, "Jonas Berg Kubernetes").await;
    assert!(found.len() >= 2, "{found:?}");
    let shown = app.texts("#search-results").await.join("\n");
    for name in ["Jonas", "Priya", "Bob Schmidt", ".pdf"] {
        assert!(!shown.contains(name), "{name} shown while blind: {shown}");
    }
    let names = app.texts("#search-results .search-name").await;
    assert!(
        names.iter().all(|n| n.starts_with("Candidate ")),
        "{names:?}"
    );
    app.screenshot("search-blind-dark").await;
    // Opened, such a result goes to the job's shortlist, still by number (the library would
    // show the name).
    app.eval("document.getElementById('search-box').focus()", vec![])
        .await;
    app.press(ARROW_DOWN).await;
    app.press(ENTER).await;
    app.wait_for("#tab-shortlist[aria-selected=true]").await;
    let opened = app
        .wait_for_text("#analysis-name", |t| t.starts_with("Candidate "))
        .await;
    assert_eq!(opened, names[0]);
    app.close().await;
}
