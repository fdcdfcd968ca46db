//! Analyses made by an older engine are scored again with the current one, keeping their
//! history, on a real LMDB environment rewritten as the engine-1 build left it.

use std::path::Path;
use std::sync::atomic::{AtomicBool, Ordering};

use shortlist_core::analysis::{Band, ENGINE_VERSION};
use shortlist_core::store::RescoreCause;
use shortlist_core::{JobId, Store};

use crate::*;

/// The score an engine-1 record is given in the rewritten store: far from the real one, so a
/// row that was not re-scored shows.
fn old_score(real: u8) -> u8 {
    100 - real
}

/// Rewrites every analysis and its shortlist row as the engine-1 build wrote them: engine
/// version 1, no band, no terms part or terms, rows without `band` and `engine_version`, and
/// another score (with the ranking key that score gives).
fn make_engine_1(dir: &Path) -> usize {
    use heed::types::{Bytes, Str};
    // SAFETY: the store is closed; nothing else has this environment open.
    #[allow(unsafe_code)]
    let env = unsafe { heed::EnvOpenOptions::new().max_dbs(32).open(dir) }.unwrap();
    let mut rewritten = 0;
    let done = env
        .create_databases_and_commit(env.write_txn().unwrap(), |dbo, wtxn| {
            let analyses = dbo.create_database::<Str, Bytes>(wtxn, Some("analyses"))?;
            let rank = dbo.create_database::<Str, Bytes>(wtxn, Some("analyses-by-job"))?;
            let records: Vec<(String, serde_json::Value)> = analyses
                .iter(wtxn)?
                .map(|kv| kv.map(|(k, v)| (k.to_owned(), serde_json::from_slice(v).unwrap())))
                .collect::<Result<_, _>>()?;
            for (id, mut a) in records {
                let real = a["score"].as_u64().unwrap() as u8;
                a["engine_version"] = 1.into();
                a["score"] = old_score(real).into();
                let o = a.as_object_mut().unwrap();
                for field in ["band", "matched_terms", "missing_terms"] {
                    o.remove(field);
                }
                o["breakdown"].as_object_mut().unwrap().remove("terms");
                for part in [
                    "evidence",
                    "skills",
                    "experience",
                    "education",
                    "readability",
                ] {
                    o["breakdown"][part]
                        .as_object_mut()
                        .unwrap()
                        .remove("share");
                }
                for e in o["evidence"].as_array_mut().unwrap() {
                    e.as_object_mut().unwrap().remove("strength");
                }
                analyses.put(wtxn, &id, &serde_json::to_vec(&a).unwrap())?;
                rewritten += 1;
            }
            let rows: Vec<(String, serde_json::Value)> = rank
                .iter(wtxn)?
                .map(|kv| kv.map(|(k, v)| (k.to_owned(), serde_json::from_slice(v).unwrap())))
                .collect::<Result<_, _>>()?;
            rank.clear(wtxn)?;
            for (key, mut row) in rows {
                let job = key.split('/').next().unwrap().to_owned();
                let score = old_score(row["score"].as_u64().unwrap() as u8);
                row["score"] = score.into();
                let o = row.as_object_mut().unwrap();
                o.remove("band");
                o.remove("engine_version");
                let id = o["analysis_id"].as_str().unwrap().to_owned();
                let key = format!("{job}/{:03}/{id}", 100 - u32::from(score));
                rank.put(wtxn, &key, &serde_json::to_vec(&row).unwrap())?;
            }
            Ok::<_, heed::Error>(heed::CommitOrAbort::<_, ()>::Commit(analyses))
        })
        .unwrap();
    assert!(!done.is_abort());
    env.prepare_for_closing().wait();
    rewritten
}

#[test]
fn analyses_of_an_older_engine_are_rescored_keeping_their_history() {
    let dir = tempfile::tempdir().unwrap();
    let (backend, other): (JobId, JobId);
    let mut real = std::collections::HashMap::new();
    {
        let (store, _) = Store::open(dir.path()).unwrap();
        // The second job is made first, so it is not the current one.
        let data = job_ready(
            &store,
            "Globex",
            "Data Scientist",
            "Requirements: Python, statistics, SQL",
        );
        let job = job_ready(
            &store,
            "Northwind Logistics",
            "Senior Backend Engineer",
            "Requirements: 5+ years of Go or Rust, PostgreSQL, Kubernetes.",
        );
        store.select_job(&job.job.id).unwrap();
        (backend, other) = (job.job.id.clone(), data.job.id.clone());
        let reader = reader();
        let tools = tools_for(&reader, &job);
        for name in [
            "carol_nguyen",
            "bob_schmidt_multipage",
            "priya_raman_two_column",
        ] {
            let path = format!("good/{name}.pdf");
            let outcome = store
                .ingest_pdf(&tools, &path, fixture(&path), t(0))
                .unwrap();
            let a = outcome.analysis().unwrap().clone();
            real.insert(a.id.clone(), a.score);
            if name == "carol_nguyen" {
                let resume = &outcome.resume().id;
                let b = store.analyze(embedder(), &data, resume, t(1)).unwrap();
                real.insert(b.id.clone(), b.score);
            }
        }
        assert!(store.stale_analyses().unwrap().is_empty());
    }
    assert_eq!(make_engine_1(dir.path()), 4);

    let (store, _) = Store::open(dir.path()).unwrap();
    let rows = store.shortlist(&backend, None).unwrap();
    assert!(rows.iter().all(|r| r.engine_version == 1), "{rows:?}");
    let stale = store.stale_analyses().unwrap();
    assert_eq!(stale.len(), 4);
    // The current job's first, so what the window shows is brought up to date first.
    assert!(stale[..3].iter().all(|s| s.job_id == backend), "{stale:?}");
    assert_eq!(stale[3].job_id, other);
    assert!(stale.iter().all(|s| s.engine_version == 1));
    assert_eq!(RescoreCause::of(&stale), Some(RescoreCause::Engine));

    // Cancelled after the first analysis: one is done, three are left for next time.
    let cancel = AtomicBool::new(false);
    let mut seen = Vec::new();
    let report = store
        .rescore_stale(
            embedder(),
            || t(50),
            &cancel,
            |done, total| {
                seen.push((done, total));
                cancel.store(true, Ordering::Relaxed);
            },
        )
        .unwrap();
    assert_eq!(seen, [(1, 4)]);
    assert!(report.cancelled);
    assert_eq!(report.rescored, 1);
    assert_eq!(store.stale_analyses().unwrap().len(), 3);

    let mut seen = Vec::new();
    let report = store
        .rescore_stale(
            embedder(),
            || t(60),
            &AtomicBool::new(false),
            |done, total| seen.push((done, total)),
        )
        .unwrap();
    assert_eq!(seen, [(1, 3), (2, 3), (3, 3)]);
    assert_eq!((report.rescored, report.failed.len()), (3, 0));
    assert!(!report.cancelled);
    assert!(store.stale_analyses().unwrap().is_empty());

    // Every analysis: the current engine, its real score again, the engine-1 score in its
    // history, the parts engine 1 did not have.
    for job in [&backend, &other] {
        for a in store.ranked(job, None).unwrap() {
            assert_eq!(a.engine_version, ENGINE_VERSION);
            assert_eq!(a.score, real[&a.id], "the current engine's score");
            assert_eq!(a.band, Band::of(a.score));
            assert_eq!(a.history.len(), 1, "{:?}", a.history);
            assert_eq!(a.history[0].score, old_score(real[&a.id]));
            assert_eq!(a.history[0].engine_version, 1);
            assert!(a.breakdown.terms.weight > 0.0, "the terms part is measured");
            assert!(a.created_at == t(50) || a.created_at == t(60));
        }
    }
    // The rows the window lists: current engine, band, the real scores, best first.
    let rows = store.shortlist(&backend, None).unwrap();
    assert_eq!(rows.len(), 3);
    assert!(
        rows.windows(2).all(|w| w[0].score >= w[1].score),
        "{rows:?}"
    );
    for row in &rows {
        assert_eq!(row.engine_version, ENGINE_VERSION);
        assert_eq!(row.score, real[&row.analysis_id]);
        assert_eq!(row.band, Band::of(row.score));
    }
    let json: Vec<shortlist_core::store::ShortlistRow> =
        serde_json::from_str(store.shortlist_json(&backend).unwrap().get()).unwrap();
    assert_eq!(json, rows);

    // Nothing left to do: a second run is a no-op.
    let report = store
        .rescore_stale(
            embedder(),
            || t(70),
            &AtomicBool::new(false),
            |_, _| panic!("no progress: nothing is stale"),
        )
        .unwrap();
    assert_eq!(report, shortlist_core::store::RescoreReport::default());
}
