//! Erasing a candidate for good.

use std::path::Path;

use shortlist_core::blobs::BlobKind;
use shortlist_core::feedback::FeedbackDraft;
use shortlist_core::store::SearchMode;
use shortlist_core::{Error, Store};

use crate::*;

/// Every file under `dir` whose bytes contain `needle`.
fn files_containing(dir: &Path, needle: &[u8]) -> Vec<String> {
    let mut hits = Vec::new();
    for entry in std::fs::read_dir(dir).unwrap().flatten() {
        let path = entry.path();
        if path.is_dir() {
            hits.extend(files_containing(&path, needle));
        } else if let Ok(bytes) = std::fs::read(&path) {
            if bytes.windows(needle.len()).any(|w| w == needle) {
                hits.push(path.display().to_string());
            }
        }
    }
    hits
}

#[test]
fn an_erased_candidate_leaves_no_trace_in_the_data_folder() {
    let tmp = tempfile::tempdir().unwrap();
    let dir = tmp.path().join("data");
    let (store, _) = Store::open(&dir).unwrap();
    let prepared = job_ready(
        &store,
        "Fabrikam",
        "Frontend",
        "Requirements:\n- React\n- TypeScript",
    );
    let job = prepared.job.clone();
    let reader = reader();
    let tools = tools_for(&reader, &prepared);
    let mut ids = Vec::new();
    for name in ["carol_nguyen.pdf", "priya_raman_two_column.pdf"] {
        let outcome = store
            .ingest_pdf(&tools, name, fixture(&format!("good/{name}")), t(1))
            .unwrap();
        let analysis = outcome.analysis().unwrap().id.clone();
        store
            .add_feedback(
                embedder(),
                FeedbackDraft {
                    analysis_id: analysis.clone(),
                    question: "Which frameworks?".into(),
                    answer: store.resume_text(&outcome.resume().id).unwrap()[..60].to_owned(),
                    rating: 4,
                    correction: None,
                    comment: None,
                },
                t(2),
            )
            .unwrap();
        ids.push((outcome.resume().id.clone(), analysis));
    }
    let (carol, carol_analysis) = ids[0].clone();
    let (priya, _) = ids[1].clone();

    let report = store.erase_resume(&carol).unwrap();
    assert_eq!((report.analyses, report.feedback), (1, 1));
    assert!(matches!(store.resume(&carol), Err(Error::NotFound { .. })));
    assert!(matches!(
        store.analysis(&carol_analysis),
        Err(Error::NotFound { .. })
    ));
    assert!(
        !store.blobs().exists(BlobKind::Pdf, &carol)
            && !store.blobs().exists(BlobKind::Text, &carol)
    );
    // The other candidate is untouched, and the derived data agrees.
    assert!(store.resume(&priya).is_ok());
    assert_eq!(store.job(&job.id).unwrap().analysis_count, 1);
    assert_eq!(store.ranked(&job.id, None).unwrap().len(), 1);
    for mode in [SearchMode::Exact, SearchMode::Approximate] {
        let hits = store
            .search_feedback(embedder(), "frameworks", None, 5, mode)
            .unwrap();
        assert_eq!(hits.len(), 1, "{mode:?}");
        assert_eq!(hits[0].feedback.resume_id, priya);
    }
    assert!(matches!(
        store.erase_resume(&carol),
        Err(Error::NotFound { .. })
    ));

    let store = store.compact().unwrap();
    drop(store);
    // Her ID too: the words index keyed her words by it ("tailspin\0resume_…"), and a
    // compacted copy of the pages kept such keys in the slack of pages and in branch pages.
    let carol_id = carol.to_string();
    for needle in [
        "carol.nguyen@example.com",
        "Carol Nguyen",
        "Tailspin Toys",
        "(555) 010-4477",
        carol_id.as_str(),
    ] {
        let hits = files_containing(&dir, needle.as_bytes());
        assert!(hits.is_empty(), "{needle:?} still in {hits:?}");
    }
    // The store opens cleanly and still holds the other candidate.
    let (store, report) = Store::open(&dir).unwrap();
    assert!(report.missing_blobs.is_empty());
    assert_eq!(store.resumes().unwrap().len(), 1);
    assert!(files_containing(&dir, b"priya.raman@example.org")
        .iter()
        .any(|f| f.ends_with("data.mdb")));
}

#[test]
fn compaction_refuses_while_another_process_holds_the_folder() {
    let tmp = tempfile::tempdir().unwrap();
    let (store, _) = Store::open(tmp.path()).unwrap();
    // Another holder of the folder's shared lock, as a second Shortlist process would be.
    let other = std::fs::File::open(tmp.path().join(".shortlist.lock")).unwrap();
    other.lock_shared().unwrap();
    assert!(matches!(store.compact(), Err(Error::DataDir { .. })));
}

/// A store in `dir` holding carol (erased next) and priya; carol's ID.
fn two_candidates(dir: &Path) -> (Store, shortlist_core::ResumeId) {
    let (store, _) = Store::open(dir).unwrap();
    let carol = ingest(&store, "good/carol_nguyen.pdf")
        .unwrap()
        .resume()
        .id
        .clone();
    ingest(&store, "good/priya_raman_two_column.pdf").unwrap();
    (store, carol)
}

const CAROL: &[u8] = b"carol.nguyen@example.com";

/// Defect 4: an erasure whose compaction is refused (another Shortlist holds the folder)
/// leaves the compaction scheduled, and the next open with the folder to itself does it.
#[test]
fn erase_refused_compaction_runs_at_the_next_exclusive_open() {
    let tmp = tempfile::tempdir().unwrap();
    let dir = tmp.path().join("data");
    let (store, carol) = two_candidates(&dir);
    let other = std::fs::File::open(dir.join(".shortlist.lock")).unwrap();
    other.lock_shared().unwrap();
    store.erase_resume(&carol).unwrap();
    let err = store.compact().unwrap_err();
    assert!(err.to_string().contains("next opens the folder"), "{err}");
    // The records are gone but their pages are still in the file.
    assert!(!files_containing(&dir, CAROL).is_empty());
    drop(other);

    let (store, report) = Store::open(&dir).unwrap();
    assert!(report.exclusive);
    assert!(!store.compaction_due());
    assert!(
        files_containing(&dir, CAROL).is_empty(),
        "compacted at open"
    );
    assert_eq!(store.resumes().unwrap().len(), 1);
}

/// Defect 4: a compaction killed half-way (its copy half-written, the old file in place) is
/// done again at the next exclusive open, and the half-written copy is removed.
#[test]
fn an_interrupted_compaction_is_finished_at_the_next_exclusive_open() {
    let tmp = tempfile::tempdir().unwrap();
    let dir = tmp.path().join("data");
    let (store, carol) = two_candidates(&dir);
    store.erase_resume(&carol).unwrap();
    // Killed while writing the compacted copy: part of it on disk, nothing renamed.
    let partial = std::fs::read(dir.join("data.mdb")).unwrap();
    std::fs::write(dir.join("data.mdb.compact"), &partial[..partial.len() / 2]).unwrap();
    drop(store);
    assert!(!files_containing(&dir, CAROL).is_empty());

    // Another Shortlist has it open: not exclusive, so not yet.
    let other = std::fs::File::open(dir.join(".shortlist.lock")).unwrap();
    other.lock_shared().unwrap();
    let (store, report) = Store::open(&dir).unwrap();
    assert!(!report.exclusive && store.compaction_due());
    drop((store, other));

    let (store, report) = Store::open(&dir).unwrap();
    assert!(report.exclusive && !store.compaction_due());
    assert!(
        files_containing(&dir, CAROL).is_empty(),
        "compacted at open"
    );
    assert!(!dir.join("data.mdb.compact").exists());
    assert_eq!(store.resumes().unwrap().len(), 1);
}

/// Feedback on `analysis` whose answer is the first 60 bytes of the candidate's text.
fn rate(
    store: &Store,
    analysis: &shortlist_core::AnalysisId,
    question: &str,
) -> shortlist_core::FeedbackId {
    let a = store.analysis(analysis).unwrap();
    let text = store.resume_text(&a.resume_id).unwrap();
    store
        .add_feedback(
            embedder(),
            FeedbackDraft {
                analysis_id: analysis.clone(),
                question: question.into(),
                answer: text[..60].to_owned(),
                rating: 4,
                correction: None,
                comment: None,
            },
            t(3),
        )
        .unwrap()
        .id
}

/// Issue 16: a job deleted for good takes its criteria, analyses, stages with their history,
/// notes and the feedback on its analyses (out of the feedback index too) in one go; the
/// resumes, their tags and the other job stay; it survives a reopen, and a compaction leaves
/// none of its notes or reasons in the data folder.
#[test]
fn delete_job_removes_everything_of_that_job_and_nothing_else() {
    use shortlist_core::workflow::Stage;
    let tmp = tempfile::tempdir().unwrap();
    let dir = tmp.path().join("data");
    let (store, _) = Store::open(&dir).unwrap();
    let frontend = job_ready(
        &store,
        "Fabrikam",
        "Frontend",
        "Requirements:\n- React\n- TypeScript",
    );
    let reader = reader();
    let tools = tools_for(&reader, &frontend);
    let mut resumes = Vec::new();
    for name in ["carol_nguyen.pdf", "priya_raman_two_column.pdf"] {
        let outcome = store
            .ingest_pdf(&tools, name, fixture(&format!("good/{name}")), t(1))
            .unwrap();
        resumes.push(outcome.resume().id.clone());
    }
    let (carol, priya) = (resumes[0].clone(), resumes[1].clone());
    let other = store
        .add_job(
            draft("Contoso", "Backend", "Requirements:\n- Python\n- SQL"),
            t(5),
        )
        .unwrap();
    let backend = store.prepare_job(embedder(), &other.id).unwrap();
    for r in &resumes {
        store.analyze(embedder(), &backend, r, t(6)).unwrap();
    }
    let job = frontend.job.id.clone();
    let gone: Vec<_> = store
        .ranked(&job, None)
        .unwrap()
        .into_iter()
        .map(|a| a.id)
        .collect();
    let kept: Vec<_> = store
        .ranked(&other.id, None)
        .unwrap()
        .into_iter()
        .map(|a| a.id)
        .collect();
    assert_eq!((gone.len(), kept.len()), (2, 2));
    let gone_feedback = [
        rate(&store, &gone[0], "Which frameworks?"),
        rate(&store, &gone[1], "Which frameworks?"),
    ];
    let kept_feedback = rate(&store, &kept[0], "Which databases?");
    store
        .set_stage(
            &job,
            std::slice::from_ref(&carol),
            Stage::Rejected,
            Some("zebra-reason-71"),
            t(8),
        )
        .unwrap();
    store
        .add_note(&job, &carol, "quokka-note-one", t(9))
        .unwrap();
    store
        .add_note(&job, &priya, "quokka-note-two", t(9))
        .unwrap();
    store
        .add_note(&other.id, &priya, "kept-note-three", t(9))
        .unwrap();
    store
        .set_stage(
            &other.id,
            std::slice::from_ref(&priya),
            Stage::Interview,
            None,
            t(9),
        )
        .unwrap();
    store
        .add_tag(std::slice::from_ref(&carol), "frontend")
        .unwrap();
    store.select_job(&job).unwrap();

    let counts = store.job_deletion_counts(&job).unwrap();
    assert_eq!(
        (counts.analyses, counts.feedback, counts.notes),
        (2, 2, 2),
        "{counts:?}"
    );
    assert_eq!(counts.current_job.as_ref(), Some(&other.id));
    assert!(store.job(&job).is_ok(), "counting changes nothing");
    let report = store.delete_job(&job).unwrap();
    assert_eq!(report, counts);

    let check = |store: &Store| {
        assert!(matches!(store.job(&job), Err(Error::NotFound { .. })));
        for a in &gone {
            assert!(matches!(store.analysis(a), Err(Error::NotFound { .. })));
        }
        for f in &gone_feedback {
            assert!(matches!(store.feedback(f), Err(Error::NotFound { .. })));
        }
        let stats = store.stats().unwrap();
        assert_eq!(
            (stats.jobs, stats.resumes, stats.analyses, stats.feedback),
            (1, 2, 2, 1)
        );
        assert_eq!(store.current_job().unwrap().unwrap().job.id, other.id);
        // The other job is whole: its analyses, feedback, stage and notes.
        let mut left: Vec<_> = store
            .ranked(&other.id, None)
            .unwrap()
            .into_iter()
            .map(|a| a.id)
            .collect();
        left.sort();
        let mut want = kept.clone();
        want.sort();
        assert_eq!(left, want);
        assert_eq!(store.feedback(&kept_feedback).unwrap().analysis_id, kept[0]);
        assert_eq!(
            store.pipeline(&other.id, &priya).unwrap().stage,
            Stage::Interview
        );
        assert_eq!(store.notes(&other.id, &priya).unwrap().len(), 1);
        assert_eq!(store.tags(&carol).unwrap(), ["frontend"]);
        for mode in [SearchMode::Exact, SearchMode::Approximate] {
            let hits = store
                .search_feedback(embedder(), "frameworks", None, 5, mode)
                .unwrap();
            let ids: Vec<_> = hits.iter().map(|h| h.feedback.id.clone()).collect();
            assert_eq!(ids, std::slice::from_ref(&kept_feedback), "{mode:?}");
        }
    };
    check(&store);
    assert!(matches!(
        store.delete_job(&job),
        Err(Error::NotFound { .. })
    ));
    assert!(matches!(
        store.job_deletion_counts(&job),
        Err(Error::NotFound { .. })
    ));

    let store = store.compact().unwrap();
    drop(store);
    for needle in ["zebra-reason-71", "quokka-note-one", "quokka-note-two"] {
        let hits = files_containing(&dir, needle.as_bytes());
        assert!(hits.is_empty(), "{needle:?} still in {hits:?}");
    }
    let (store, _) = Store::open(&dir).unwrap();
    check(&store);

    // The last job deleted: no job is current.
    let last = store.delete_job(&other.id).unwrap();
    assert_eq!((last.analyses, last.feedback, last.notes), (2, 1, 1));
    assert_eq!(last.current_job, None);
    assert!(store.current_job().unwrap().is_none());
    assert_eq!(store.resumes().unwrap().len(), 2);
}

/// Issue 16: a resume scored against a job that is deleted meanwhile (the background
/// re-score, or an import, holding the prepared job) must not bring an analysis of it back.
#[test]
fn analysing_against_a_job_deleted_meanwhile_writes_no_analysis() {
    let tmp = tempfile::tempdir().unwrap();
    let (store, _) = Store::open(tmp.path()).unwrap();
    let carol = ingest(&store, "good/carol_nguyen.pdf")
        .unwrap()
        .resume()
        .id
        .clone();
    let prepared = job_ready(&store, "Fabrikam", "Frontend", "Requirements:\n- React");
    store.delete_job(&prepared.job.id).unwrap();
    assert!(matches!(
        store.analyze(embedder(), &prepared, &carol, t(4)),
        Err(Error::NotFound { .. })
    ));
    assert_eq!(store.stats().unwrap().analyses, 0);
}

/// Issue 16: an import that scores against a job deleted while it runs stores each resume
/// (new or a duplicate) unscored, instead of failing it.
#[test]
fn an_import_scoring_against_a_job_deleted_meanwhile_stores_the_resume_unscored() {
    let tmp = tempfile::tempdir().unwrap();
    let (store, _) = Store::open(tmp.path()).unwrap();
    let prepared = job_ready(&store, "Fabrikam", "Frontend", "Requirements:\n- React");
    let reader = reader();
    let tools = tools_for(&reader, &prepared);
    let bob = ingest(&store, "good/bob_schmidt_multipage.pdf")
        .unwrap()
        .resume()
        .id
        .clone();
    store.delete_job(&prepared.job.id).unwrap();
    let added = store
        .ingest_pdf(&tools, "carol.pdf", fixture("good/carol_nguyen.pdf"), t(5))
        .unwrap();
    assert!(added.analysis().is_none());
    let again = store
        .ingest_pdf(
            &tools,
            "bob.pdf",
            fixture("good/bob_schmidt_multipage.pdf"),
            t(6),
        )
        .unwrap();
    assert_eq!(again.resume().id, bob);
    assert!(again.analysis().is_none());
    let stats = store.stats().unwrap();
    assert_eq!((stats.resumes, stats.analyses), (2, 0));
}
