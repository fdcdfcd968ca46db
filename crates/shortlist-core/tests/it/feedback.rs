//! Questions, feedback and the vector index, on real resumes with the real model.

use std::path::Path;

use shortlist_core::feedback::FeedbackDraft;
use shortlist_core::store::SearchMode;
use shortlist_core::{AnalysisId, Error, Store};

use crate::*;

/// A store with the backend job current, three eval resumes imported and analysed.
fn setup(dir: &Path) -> (Store, Vec<AnalysisId>) {
    let (store, _) = Store::open(dir).unwrap();
    let eval = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../tests/fixtures/eval");
    let description = std::fs::read_to_string(eval.join("jobs/backend.txt")).unwrap();
    let prepared = job_ready(&store, "Northwind", "Backend", &description);
    let reader = reader();
    let tools = tools_for(&reader, &prepared);
    let mut ids = Vec::new();
    for name in [
        "marta_go_backend.pdf",
        "chloe_frontend.pdf",
        "lena_data_scientist.pdf",
    ] {
        let bytes = std::fs::read(eval.join("resumes").join(name)).unwrap();
        let outcome = store.ingest_pdf(&tools, name, bytes, t(1)).unwrap();
        ids.push(outcome.analysis().unwrap().id.clone());
    }
    (store, ids)
}

fn fb(analysis: &AnalysisId, question: &str, answer: &str, rating: u8) -> FeedbackDraft {
    FeedbackDraft {
        analysis_id: analysis.clone(),
        question: question.into(),
        answer: answer.into(),
        rating,
        correction: None,
        comment: None,
    }
}

#[test]
fn ask_answers_from_the_candidates_own_resume() {
    let dir = tempfile::tempdir().unwrap();
    let (store, ids) = setup(dir.path());
    let answer = store
        .ask(embedder(), &ids[0], "Has she led a team?", 3)
        .unwrap();
    assert_eq!(answer.passages.len(), 3);
    let best = &answer.passages[0];
    assert!(
        best.text.contains("Lead a team of five"),
        "{:?}",
        answer.passages
    );
    assert!(best.matched.contains(&"team".to_owned()));
    assert!(answer.passages.windows(2).all(|w| w[0].score >= w[1].score));
    let answer = store
        .ask(embedder(), &ids[1], "Does she know accessibility?", 1)
        .unwrap();
    assert!(
        answer.passages[0].text.contains("WCAG"),
        "{:?}",
        answer.passages
    );
    assert!(matches!(
        store.ask(embedder(), &ids[0], "   ", 3),
        Err(Error::InvalidInput { .. })
    ));
    let unknown = AnalysisId::parse("000000000000").unwrap();
    assert!(matches!(
        store.ask(embedder(), &unknown, "q", 3),
        Err(Error::NotFound { .. })
    ));
}

#[test]
fn feedback_is_linked_validated_and_counted() {
    let dir = tempfile::tempdir().unwrap();
    let (store, ids) = setup(dir.path());
    let a = store.analysis(&ids[0]).unwrap();
    let mut draft = fb(
        &ids[0],
        "Has she led a team?",
        "Lead a team of five engineers",
        5,
    );
    draft.correction = Some("Yes: a team of five, and she mentors two juniors.".into());
    draft.comment = Some("good answer".into());
    let f = store.add_feedback(embedder(), draft, t(10)).unwrap();
    assert!(f.id.as_str().starts_with("fb_"));
    assert_eq!(
        (&f.analysis_id, &f.job_id, &f.resume_id),
        (&a.id, &a.job_id, &a.resume_id)
    );
    store
        .add_feedback(embedder(), fb(&ids[0], "Which cloud?", "AWS", 3), t(11))
        .unwrap();
    assert_eq!(store.analysis(&ids[0]).unwrap().feedback_count, 2);
    assert_eq!(store.feedback_list(Some(&ids[0])).unwrap().len(), 2);
    assert_eq!(store.feedback_list(Some(&ids[1])).unwrap().len(), 0);

    // Refused: nothing stored, counts unchanged.
    let unknown = AnalysisId::parse("00000000beef").unwrap();
    let bad = [
        store.add_feedback(embedder(), fb(&unknown, "q", "a", 4), t(12)),
        store.add_feedback(embedder(), fb(&ids[0], "q", "a", 0), t(12)),
        store.add_feedback(embedder(), fb(&ids[0], "q", "a", 6), t(12)),
        store.add_feedback(embedder(), fb(&ids[0], "  ", "a", 3), t(12)),
    ];
    assert!(matches!(bad[0], Err(Error::NotFound { .. })));
    for r in &bad[1..] {
        assert!(matches!(r, Err(Error::InvalidInput { .. })), "{r:?}");
    }
    assert_eq!(store.feedback_list(None).unwrap().len(), 2);
    assert_eq!(store.analysis(&ids[0]).unwrap().feedback_count, 2);
    assert_eq!(store.stats().unwrap().feedback, 2);

    let stats = store.feedback_stats(4).unwrap();
    assert_eq!((stats.total, stats.high_quality), (2, 1));
    assert_eq!(stats.by_rating, [0, 0, 1, 0, 1]);
    assert_eq!(stats.average, Some(4.0));
    assert_eq!(stats.per_job.len(), 1);

    // Survives a reopen.
    drop(store);
    let (store, _) = Store::open(dir.path()).unwrap();
    assert_eq!(store.feedback(&f.id).unwrap(), f);
}

fn add_topics(store: &Store, ids: &[AnalysisId]) {
    let records = [
        (
            0,
            "Has she led a team?",
            "She leads a team of five engineers.",
            5,
        ),
        (0, "Which cloud provider?", "AWS with Terraform.", 4),
        (
            0,
            "Kubernetes in production?",
            "Runs 120 services on Kubernetes.",
            5,
        ),
        (
            1,
            "Accessibility experience?",
            "Led a WCAG 2.1 AA audit.",
            5,
        ),
        (1, "Testing tools?", "Playwright end-to-end tests.", 4),
        (2, "Statistics background?", "PhD in statistics.", 5),
        (2, "Experimentation?", "Designed A/B tests for pricing.", 2),
    ];
    for (i, (a, q, ans, r)) in records.into_iter().enumerate() {
        store
            .add_feedback(embedder(), fb(&ids[a], q, ans, r), t(20 + i as i64))
            .unwrap();
    }
}

#[test]
fn search_finds_similar_feedback_exactly_and_approximately() {
    let dir = tempfile::tempdir().unwrap();
    let (store, ids) = setup(dir.path());
    add_topics(&store, &ids);
    let queries = [
        ("people management and leadership", "Has she led a team?"),
        ("WCAG screen readers", "Accessibility experience?"),
        ("controlled experiments", "Experimentation?"),
        ("container orchestration", "Kubernetes in production?"),
    ];
    for (query, expected) in queries {
        let exact = store
            .search_feedback(embedder(), query, None, 3, SearchMode::Exact)
            .unwrap();
        assert_eq!(exact[0].feedback.question, expected, "{query}");
        assert!(exact.windows(2).all(|w| w[0].similarity >= w[1].similarity));
        let ann = store
            .search_feedback(embedder(), query, None, 3, SearchMode::Approximate)
            .unwrap();
        assert_eq!(ann[0].feedback.question, expected, "ANN {query}");
        // The int8 scan re-scores exactly: the same hits and similarities as exact.
        let int8 = store
            .search_feedback(embedder(), query, None, 3, SearchMode::Quantized)
            .unwrap();
        assert_eq!(int8, exact, "int8 {query}");
        // Auto reads the index, which at this size (one leaf of the trees) is exact.
        let auto = store
            .search_feedback(embedder(), query, None, 3, SearchMode::Auto)
            .unwrap();
        assert_eq!(auto, exact);
    }
    // The job filter.
    let other = store
        .add_job(draft("Other", "Role", "Python"), t(40))
        .unwrap();
    assert!(store
        .search_feedback(embedder(), "team", Some(&other.id), 5, SearchMode::Exact)
        .unwrap()
        .is_empty());

    // Reindex rebuilds every vector from the records: same results after.
    let before = store
        .search_feedback(embedder(), "leadership", None, 7, SearchMode::Exact)
        .unwrap();
    assert_eq!(store.reindex(embedder()).unwrap(), (3, 7));
    let after = store
        .search_feedback(embedder(), "leadership", None, 7, SearchMode::Exact)
        .unwrap();
    let ids_of = |h: &[shortlist_core::store::FeedbackHit]| {
        h.iter().map(|h| h.feedback.id.clone()).collect::<Vec<_>>()
    };
    assert_eq!(ids_of(&before), ids_of(&after));
    let ann = store
        .search_feedback(embedder(), "leadership", None, 7, SearchMode::Approximate)
        .unwrap();
    assert_eq!(ids_of(&ann)[0], ids_of(&after)[0]);

    // The in-memory int8 copy follows writes: a new record is found at once, by job too.
    let int8 = |job| {
        store
            .search_feedback(
                embedder(),
                "visa sponsorship",
                job,
                1,
                SearchMode::Quantized,
            )
            .unwrap()
    };
    assert_ne!(int8(None)[0].feedback.question, "Needs visa sponsorship?");
    let added = store
        .add_feedback(
            embedder(),
            fb(&ids[1], "Needs visa sponsorship?", "Yes, a work visa.", 4),
            t(50),
        )
        .unwrap();
    assert_eq!(int8(None)[0].feedback.id, added.id);
    assert_eq!(int8(Some(&added.job_id))[0].feedback.id, added.id);
    assert!(int8(Some(&other.id)).is_empty());
}

#[test]
fn exports_read_back_with_python_and_serde() {
    let dir = tempfile::tempdir().unwrap();
    let (store, ids) = setup(dir.path());
    add_topics(&store, &ids);
    let mut tricky = fb(
        &ids[0],
        "Quotes \"and\", commas?",
        "Line one\nline two, with \"quotes\"",
        5,
    );
    tricky.correction = Some("Zoë said: \"yes\", twice".into());
    store.add_feedback(embedder(), tricky, t(50)).unwrap();

    let csv = store.export_feedback_csv().unwrap();
    let path = dir.path().join("feedback.csv");
    std::fs::write(&path, &csv).unwrap();
    // Python's csv module reads it as-is.
    let out = std::process::Command::new("python3")
        .arg("-c")
        .arg("import csv,json,sys; rows=list(csv.DictReader(open(sys.argv[1], newline='', encoding='utf-8'))); print(json.dumps(rows))")
        .arg(&path)
        .output()
        .expect("python3 runs");
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let rows: Vec<serde_json::Value> = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(rows.len(), 8);
    let last = rows
        .iter()
        .find(|r| r["question"] == "Quotes \"and\", commas?")
        .unwrap();
    assert_eq!(last["answer"], "Line one\nline two, with \"quotes\"");
    assert_eq!(last["correction"], "Zoë said: \"yes\", twice");
    assert_eq!(last["rating"], "5");
    assert_eq!(last["company"], "Northwind");
    assert_eq!(last["candidate"], "Marta Kowalczyk");
    assert!(last["feedback_id"].as_str().unwrap().starts_with("fb_"));

    let (jsonl, n) = store.export_training_jsonl(4).unwrap();
    assert_eq!(
        n, 7,
        "ratings 5,4,5,5,4,5 and the tricky 5; the 2 is left out"
    );
    let lines: Vec<serde_json::Value> = jsonl
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect();
    assert_eq!(lines.len(), 7);
    for l in &lines {
        let m = l["messages"].as_array().unwrap();
        assert_eq!(
            m.iter()
                .map(|x| x["role"].as_str().unwrap())
                .collect::<Vec<_>>(),
            ["system", "user", "assistant"]
        );
        assert!(m[1]["content"].as_str().unwrap().contains("Question: "));
        assert!(l["metadata"]["rating"].as_u64().unwrap() >= 4);
        assert!(l["metadata"]["analysis_id"].is_string() && l["metadata"]["job_id"].is_string());
    }
    let corrected = lines
        .iter()
        .find(|l| l["metadata"]["corrected"] == true)
        .unwrap();
    assert_eq!(
        corrected["messages"][2]["content"],
        "Zoë said: \"yes\", twice"
    );

    // The web version's layout: every record, linked by analysis and job.
    let legacy = store.export_feedback_legacy_jsonl().unwrap();
    let records: Vec<serde_json::Value> = legacy
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect();
    assert_eq!(records.len(), 8);
    let tricky = records
        .iter()
        .find(|r| r["corrected_answer"] == "Zoë said: \"yes\", twice")
        .unwrap();
    assert_eq!(tricky["analysis_id"], ids[0].as_str());
    assert!(tricky["interaction_id"]
        .as_str()
        .unwrap()
        .starts_with("fb_"));
    assert!(tricky["job_id"].is_string() && tricky["timestamp"].is_string());
}

/// Issue 14, defect 3: reindex listed the records, embedded them, then cleared every vector
/// and wrote back only those it had listed, so feedback added meanwhile (by the window, or
/// another process) was stored but no longer searchable.
#[test]
fn feedback_added_during_reindex_stays_searchable() {
    use shortlist_core::feedback::Feedback;
    use shortlist_core::FeedbackId;
    use std::sync::atomic::{AtomicBool, Ordering};

    let dir = tempfile::tempdir().unwrap();
    let (store, ids) = setup(dir.path());
    // Enough records that embedding them again takes a while: the window for adds.
    let analysis = store.analysis(&ids[0]).unwrap();
    let vector = embedder().embed_one("placeholder").unwrap();
    let items: Vec<(Feedback, Vec<f32>)> = (0..400)
        .map(|i| {
            let f = Feedback {
                id: FeedbackId::random(),
                analysis_id: analysis.id.clone(),
                job_id: analysis.job_id.clone(),
                resume_id: analysis.resume_id.clone(),
                question: format!("Question number {i} about her Go services?"),
                answer: format!("Answer {i}: she runs them on Kubernetes."),
                rating: 4,
                correction: None,
                comment: None,
                created_at: t(i),
            };
            (f, vector.clone())
        })
        .collect();
    store.add_feedback_batch(&items).unwrap();

    let done = AtomicBool::new(false);
    let mut during = 0;
    let reindexed = std::thread::scope(|scope| {
        let adder = scope.spawn(|| {
            let mut n = 0;
            while !done.load(Ordering::SeqCst) {
                let q = format!("Added while reindexing, number {n}?");
                store
                    .add_feedback(embedder(), fb(&ids[1], &q, "Yes.", 3), t(1000 + n))
                    .unwrap();
                n += 1;
            }
            n
        });
        let result = store.reindex(embedder()).unwrap();
        done.store(true, Ordering::SeqCst);
        during = adder.join().unwrap();
        result
    });
    assert!(during > 0, "records were added while reindex ran");
    assert_eq!(reindexed.0, 3);

    // Every stored record is found by an exact scan of the vectors (one vector each).
    let all = store.feedback_list(None).unwrap();
    assert_eq!(all.len(), 400 + during as usize);
    let query = embedder().embed_one("anything").unwrap();
    let hits = store
        .search_feedback_by_vector(&query, None, all.len() + 10, SearchMode::Exact)
        .unwrap();
    let found: std::collections::HashSet<_> = hits.iter().map(|h| h.feedback.id.clone()).collect();
    let lost = all.iter().filter(|f| !found.contains(&f.id)).count();
    assert_eq!(
        lost, 0,
        "{lost} of {during} records added during reindex lost their vector"
    );
    // And each finds itself first by its own text, approximate index included.
    let last = all.iter().max_by_key(|f| f.created_at).unwrap();
    for mode in [SearchMode::Exact, SearchMode::Approximate] {
        let hit = store
            .search_feedback(embedder(), &last.embedding_text(), None, 1, mode)
            .unwrap();
        assert_eq!(hit[0].feedback.id, last.id, "{mode:?}");
    }
}
