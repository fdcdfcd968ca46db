//! The library's own term statistics on a real LMDB environment with real PDFs: counted in the
//! import's and the erasure's commit, a new generation only past the margin, which makes
//! analyses stale; the re-score then weighs the job's terms with the new generation.

use std::sync::atomic::AtomicBool;

use shortlist_core::engine::{PreparedJob, PreparedResume};
use shortlist_core::store::MIN_CHANGES;
use shortlist_core::Store;

use crate::*;

const GOOD: [&str; 6] = [
    "carol_nguyen",
    "bob_schmidt_multipage",
    "priya_raman_two_column",
    "jonas_berg_two_column_rowwise",
    "wei_zhang_cjk",
    "zoe_lukasiewicz_non_latin",
];

/// The `i`-th distinct resume file: a real fixture PDF with bytes after its end (PDFium
/// reads it the same; its content address differs, so it is a resume of its own).
fn variant(i: usize) -> (String, Vec<u8>) {
    let name = GOOD[i % GOOD.len()];
    let mut bytes = fixture(&format!("good/{name}.pdf"));
    bytes.extend_from_slice(format!("\n% copy {i}\n").as_bytes());
    (format!("{name}-{i}.pdf"), bytes)
}

/// A job term that the first fixture's text holds (so the library's count of it moves).
fn shared_term(store: &Store, job: &PreparedJob, resume: &shortlist_core::ResumeId) -> String {
    let text = store.resume_detail(resume).unwrap().text;
    let doc = PreparedResume::parse(&text, t(0)).doc;
    job.query
        .terms
        .iter()
        .map(|(term, _)| term)
        .find(|term| !term.contains(' ') && doc.count(term) > 0.0)
        .expect("the job shares a word with the resume")
        .clone()
}

fn weight(job: &PreparedJob, term: &str) -> f32 {
    job.query
        .terms
        .iter()
        .find(|(t, _)| t == term)
        .map(|(_, w)| *w)
        .unwrap()
}

#[test]
fn library_statistics_take_a_generation_only_past_the_margin_and_the_rescore_uses_it() {
    let dir = tempfile::tempdir().unwrap();
    let (store, _) = Store::open(dir.path()).unwrap();
    let job = job_ready(
        &store,
        "Northwind Logistics",
        "Senior Backend Engineer",
        "Requirements: 5+ years of Go or Rust, PostgreSQL, Kubernetes; distributed systems \
         experience; Python and SQL a plus.",
    );
    assert_eq!(job.library_generation, 0);
    let reader = reader();
    let tools = tools_for(&reader, &job);
    let under = MIN_CHANGES as usize - 1;
    let mut ids = Vec::new();
    for i in 0..under {
        let (name, bytes) = variant(i);
        let outcome = store.ingest_pdf(&tools, &name, bytes, t(i as i64)).unwrap();
        ids.push(outcome.resume().id.clone());
    }
    let term = shared_term(&store, &job, &ids[0]);
    let holders = ids
        .iter()
        .filter(|id| {
            let text = store.resume_detail(id).unwrap().text;
            PreparedResume::parse(&text, t(0)).doc.count(&term) > 0.0
        })
        .count() as u32;
    assert!(holders >= 4, "{term}: {holders}");

    // Under the margin: counted live in the import's commit, no generation, nothing stale.
    let counts = store.library_counts().unwrap();
    assert_eq!(
        (counts.docs, counts.changes, counts.generation),
        (24, 24, 0)
    );
    assert_eq!(store.library_df(&term).unwrap(), (holders, 0));
    assert!(store.stale_analyses().unwrap().is_empty());
    let again = store.prepare_job(embedder(), &job.job.id).unwrap();
    assert_eq!(again.library_generation, 0);
    assert_eq!(
        again.query, job.query,
        "no generation: the background's weights"
    );

    // The 25th resume crosses it: a generation, and every analysis (the 25th's too, scored
    // with the job prepared before) is stale.
    let (name, bytes) = variant(under);
    let last = store.ingest_pdf(&tools, &name, bytes, t(100)).unwrap();
    ids.push(last.resume().id.clone());
    let counts = store.library_counts().unwrap();
    assert_eq!((counts.docs, counts.changes, counts.generation), (25, 0, 1));
    let (live, frozen) = store.library_df(&term).unwrap();
    assert_eq!(live, frozen);
    assert!(live >= holders);
    let stale = store.stale_analyses().unwrap();
    assert_eq!(stale.len(), 25, "{stale:?}");
    // The window says why: the library's new word weights, not a new engine.
    assert_eq!(
        shortlist_core::store::RescoreCause::of(&stale),
        Some(shortlist_core::store::RescoreCause::Library)
    );

    // The re-score uses the new generation: a word common in the library weighs less.
    let before: Vec<_> = store.analyses(Some(&job.job.id)).unwrap();
    let cancel = AtomicBool::new(false);
    let report = store
        .rescore_stale(embedder(), || t(200), &cancel, |_, _| {})
        .unwrap();
    assert_eq!(report.rescored, 25, "{report:?}");
    assert!(store.stale_analyses().unwrap().is_empty());
    let prepared = store.prepare_job(embedder(), &job.job.id).unwrap();
    assert_eq!(prepared.library_generation, 1);
    assert!(
        weight(&prepared, &term) < weight(&job, &term),
        "{term}: {} vs {}",
        weight(&prepared, &term),
        weight(&job, &term)
    );
    let after = store.analyses(Some(&job.job.id)).unwrap();
    assert_eq!(after.len(), 25);
    for a in &after {
        assert_eq!(a.library_generation, 1);
        assert_eq!(a.history.len(), 1, "the earlier score is kept");
        let scored_now = store
            .analyze(embedder(), &prepared, &a.resume_id, t(300))
            .unwrap();
        assert_eq!(
            scored_now.score, a.score,
            "the same generation, the same score"
        );
    }
    let terms_before: std::collections::HashMap<_, _> = before
        .iter()
        .map(|a| (a.id.clone(), a.breakdown.terms.value))
        .collect();
    assert!(
        after
            .iter()
            .any(|a| terms_before[&a.id] != a.breakdown.terms.value),
        "the new weights moved some terms part"
    );

    // One more import (with the job prepared at the new generation, as the next import batch
    // prepares it): counted live, under the margin, the generation and its weights stay.
    let (name, bytes) = variant(under + 1);
    let extra = store
        .ingest_pdf(&tools_for(&reader, &prepared), &name, bytes, t(400))
        .unwrap();
    let counts = store.library_counts().unwrap();
    assert_eq!((counts.docs, counts.changes, counts.generation), (26, 1, 1));
    assert!(store.stale_analyses().unwrap().is_empty());
    assert_eq!(
        store.prepare_job(embedder(), &job.job.id).unwrap().query,
        prepared.query
    );

    // Erasing takes exactly its counts away: live, and from the generation's frozen counts when
    // the generation holds it (the first 25 did, the one imported after it did not), so no word
    // of an erased candidate stays behind in the statistics.
    let doc_of = |id| {
        let text = store.resume_detail(id).unwrap().text;
        PreparedResume::parse(&text, t(0)).doc
    };
    let extra_doc = doc_of(&extra.resume().id);
    let holds = extra_doc.count(&term) > 0.0;
    let first_terms: Vec<String> = doc_of(&ids[0]).counts.keys().cloned().collect();
    assert!(!first_terms.is_empty());
    let before: Vec<(u32, u32)> = first_terms
        .iter()
        .map(|w| store.library_df(w).unwrap())
        .collect();
    let (live_before, frozen_before) = store.library_df(&term).unwrap();
    store.erase_resume(&extra.resume().id).unwrap();
    store.erase_resume(&ids[0]).unwrap();
    let (live_after, frozen_after) = store.library_df(&term).unwrap();
    assert_eq!(live_after, live_before - 1 - u32::from(holds));
    assert_eq!(
        frozen_after,
        frozen_before - 1,
        "{term} left the frozen counts with its resume"
    );
    for (w, (live, frozen)) in first_terms.iter().zip(before) {
        let extra_holds = u32::from(extra_doc.count(w) > 0.0);
        assert_eq!(
            store.library_df(w).unwrap(),
            (live - 1 - extra_holds, frozen - 1),
            "erasure left a count of {w}"
        );
    }
    let counts = store.library_counts().unwrap();
    assert_eq!((counts.docs, counts.changes, counts.generation), (24, 3, 1));
}

#[test]
fn a_library_imported_before_its_statistics_is_counted_by_the_rescore() {
    let dir = tempfile::tempdir().unwrap();
    let (store, _) = Store::open(dir.path()).unwrap();
    for name in &GOOD[..3] {
        ingest(&store, &format!("good/{name}.pdf")).unwrap();
    }
    // As a store of the build before the statistics left it: no counts at all.
    let counts = store.library_counts().unwrap();
    assert_eq!(counts.docs, 3);
    let ids: Vec<_> = store.resumes().unwrap().into_iter().map(|r| r.id).collect();
    for id in &ids {
        store.uncount_resume(id).unwrap();
    }
    assert_eq!(store.library_counts().unwrap().docs, 0);
    assert_eq!(store.count_library().unwrap(), 3);
    assert_eq!(store.library_counts().unwrap().docs, 3);
    assert_eq!(
        store.count_library().unwrap(),
        0,
        "each resume counted once"
    );
}
