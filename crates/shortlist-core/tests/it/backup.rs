//! Backup and restore on a real store: round trip, damaged archives, restoring over data.

use std::path::{Path, PathBuf};

use shortlist_core::backup;
use shortlist_core::feedback::FeedbackDraft;
use shortlist_core::{Job, Store};

use crate::*;

fn filled_store(dir: &Path) -> Store {
    let (store, _) = Store::open(dir).unwrap();
    let prepared = job_ready(
        &store,
        "Northwind",
        "Backend",
        "Requirements:\n- Go or Rust\n- PostgreSQL",
    );
    let reader = reader();
    let tools = tools_for(&reader, &prepared);
    for name in [
        "carol_nguyen.pdf",
        "priya_raman_two_column.pdf",
        "zoe_lukasiewicz_non_latin.pdf",
    ] {
        let outcome = store
            .ingest_pdf(&tools, name, fixture(&format!("good/{name}")), t(1))
            .unwrap();
        let analysis = outcome.analysis().unwrap().id.clone();
        store
            .add_feedback(
                embedder(),
                FeedbackDraft {
                    analysis_id: analysis,
                    question: "Which databases?".into(),
                    answer: "PostgreSQL".into(),
                    rating: 4,
                    correction: None,
                    comment: None,
                },
                t(2),
            )
            .unwrap();
    }
    store
}

#[test]
fn a_backup_restores_everything_into_a_fresh_folder() {
    let tmp = tempfile::tempdir().unwrap();
    let store = filled_store(&tmp.path().join("data"));
    let archive = tmp.path().join("backup.tar");
    let manifest = store.backup(&archive, t(3)).unwrap();
    assert_eq!(
        (manifest.resumes, manifest.jobs, manifest.files.len()),
        (3, 1, 7)
    );
    assert_eq!(backup::inspect(&archive).unwrap(), manifest);

    let target = tmp.path().join("restored");
    let (restored_manifest, aside) = backup::restore(&archive, &target, t(4)).unwrap();
    assert_eq!(restored_manifest, manifest);
    assert!(aside.is_none());
    let (restored, report) = Store::open(&target).unwrap();
    assert!(report.missing_blobs.is_empty());
    let (a, b) = (store.stats().unwrap(), restored.stats().unwrap());
    assert_eq!(
        (a.jobs, a.resumes, a.analyses, a.feedback),
        (b.jobs, b.resumes, b.analyses, b.feedback)
    );
    for r in store.resumes().unwrap() {
        assert_eq!(
            store.resume_text(&r.id).unwrap(),
            restored.resume_text(&r.id).unwrap()
        );
        assert_eq!(
            store.resume_pdf(&r.id).unwrap(),
            restored.resume_pdf(&r.id).unwrap()
        );
    }
    let job = store.current_job().unwrap().unwrap().job.id;
    assert_eq!(
        store.ranked(&job, None).unwrap(),
        restored.ranked(&job, None).unwrap()
    );
    assert_eq!(
        store.feedback_list(None).unwrap(),
        restored.feedback_list(None).unwrap()
    );
    assert_eq!(restored.current_job().unwrap().unwrap().job.id, job);
    // The vector index came along: search works on the restored store.
    let hits = restored
        .search_feedback(
            embedder(),
            "database",
            None,
            3,
            shortlist_core::store::SearchMode::Approximate,
        )
        .unwrap();
    assert_eq!(hits.len(), 3);
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        let mode = std::fs::metadata(&target).unwrap().permissions().mode();
        assert_eq!(mode & 0o777, 0o700);
    }
}

#[test]
fn a_damaged_backup_changes_nothing() {
    let tmp = tempfile::tempdir().unwrap();
    let store = filled_store(&tmp.path().join("data"));
    let archive = tmp.path().join("backup.tar");
    store.backup(&archive, t(3)).unwrap();
    drop(store);

    // Flip one byte near the end (inside the last blob).
    let mut bytes = std::fs::read(&archive).unwrap();
    let at = bytes.len() - 2048 + 100;
    bytes[at] ^= 0x55;
    let damaged = tmp.path().join("damaged.tar");
    std::fs::write(&damaged, &bytes).unwrap();
    let err = backup::restore(&damaged, &tmp.path().join("data"), t(4)).unwrap_err();
    assert!(err.to_string().contains("damaged"), "{err}");
    // The existing data is untouched and no staging folder is left behind.
    let (store, _) = Store::open(tmp.path().join("data")).unwrap();
    assert_eq!(store.stats().unwrap().resumes, 3);
    let leftovers: Vec<_> = std::fs::read_dir(tmp.path())
        .unwrap()
        .flatten()
        .map(|e| e.file_name().to_string_lossy().into_owned())
        .filter(|n| n.contains("restore"))
        .collect();
    assert!(leftovers.is_empty(), "{leftovers:?}");

    // Not a backup at all.
    let not = tmp.path().join("not.tar");
    std::fs::write(&not, b"hello").unwrap();
    assert!(backup::restore(&not, &tmp.path().join("other"), t(4)).is_err());
    assert!(!tmp.path().join("other").exists());
}

#[test]
fn restoring_over_existing_data_keeps_it_aside() {
    let tmp = tempfile::tempdir().unwrap();
    let archive = tmp.path().join("backup.tar");
    filled_store(&tmp.path().join("a"))
        .backup(&archive, t(3))
        .unwrap();
    let target = tmp.path().join("b");
    {
        let (other, _) = Store::open(&target).unwrap();
        other.add_job(draft("Other", "Role", ""), t(0)).unwrap();
    }
    let (_, aside) = backup::restore(&archive, &target, t(5)).unwrap();
    let aside = aside.expect("old data moved aside");
    let (old, _) = Store::open(&aside).unwrap();
    assert_eq!(old.jobs(true).unwrap()[0].job.company, "Other");
    let (new, _) = Store::open(&target).unwrap();
    assert_eq!(new.stats().unwrap().resumes, 3);
}

/// A filled store in `tmp/data`, backed up to `tmp/backup.tar`, then given a job the backup
/// does not have: (data folder, store, backup, that job).
fn backed_up_then_changed(tmp: &Path) -> (PathBuf, Store, PathBuf, Job) {
    let data = tmp.join("data");
    let store = filled_store(&data);
    let archive = tmp.join("backup.tar");
    store.backup(&archive, t(3)).unwrap();
    let job = store
        .add_job(draft("Later", "Added after the backup", "Rust"), t(4))
        .unwrap();
    (data, store, archive, job)
}

/// The app schedules a restore or a compaction and restarts; the work runs before the store
/// opens, once. A bad backup clears the schedule, reports, and leaves the data as it was.
#[test]
fn scheduled_restore_and_compaction_run_once_at_the_next_start() {
    use shortlist_core::store::pending::{self, Pending, PendingDone};
    let tmp = tempfile::tempdir().unwrap();
    let (data, store, archive, job) = backed_up_then_changed(tmp.path());
    drop(store);

    assert_eq!(
        pending::run(&data, t(5)).unwrap(),
        None,
        "nothing scheduled"
    );
    pending::schedule(
        &data,
        &Pending::Restore {
            archive: archive.clone(),
        },
    )
    .unwrap();
    match pending::run(&data, t(5)).unwrap() {
        Some(PendingDone::Restored {
            manifest,
            previous_data,
        }) => {
            assert_eq!(manifest.resumes, 3);
            assert!(previous_data.is_some_and(|p| p.exists()));
        }
        other => panic!("{other:?}"),
    }
    assert_eq!(pending::run(&data, t(6)).unwrap(), None, "runs once");
    let (store, _) = Store::open(&data).unwrap();
    assert!(store.job(&job.id).is_err(), "the data is the backup's");
    drop(store);

    pending::schedule(&data, &Pending::Compact).unwrap();
    assert_eq!(
        pending::run(&data, t(7)).unwrap(),
        Some(PendingDone::Compacted)
    );

    let bad = tmp.path().join("bad.tar");
    std::fs::write(&bad, b"not a backup").unwrap();
    pending::schedule(&data, &Pending::Restore { archive: bad }).unwrap();
    assert!(pending::run(&data, t(8)).is_err());
    assert_eq!(
        pending::run(&data, t(8)).unwrap(),
        None,
        "the schedule is cleared"
    );
    let (store, _) = Store::open(&data).unwrap();
    assert_eq!(store.stats().unwrap().resumes, 3);
}

/// The app restarts itself for scheduled work, so the new process may start while the old one
/// still has the folder: the work waits for it, and if the folder stays busy it is kept for a
/// later start instead of failing.
#[test]
fn scheduled_work_waits_for_the_previous_app_to_let_go_of_the_folder() {
    use shortlist_core::store::pending::{self, Pending, PendingDone};
    use std::time::Duration;
    let tmp = tempfile::tempdir().unwrap();
    let (data, store, archive, _) = backed_up_then_changed(tmp.path());
    pending::schedule(&data, &Pending::Restore { archive }).unwrap();

    // Another Shortlist keeps the folder: nothing happens, the restore stays scheduled.
    let err = pending::run_within(&data, t(5), Duration::from_millis(300)).unwrap_err();
    assert_eq!(err.code(), "data_dir", "{err}");
    assert!(pending::is_scheduled(&data));
    assert_eq!(store.stats().unwrap().jobs, 2, "the data is untouched");

    // The previous app exits a moment after its successor started: the restore waits for it.
    let exiting = std::thread::spawn(move || {
        std::thread::sleep(Duration::from_millis(700));
        drop(store);
    });
    let done = pending::run(&data, t(6)).unwrap();
    exiting.join().unwrap();
    assert!(
        matches!(done, Some(PendingDone::Restored { ref manifest, .. }) if manifest.jobs == 1),
        "{done:?}"
    );
    assert!(!pending::is_scheduled(&data));
    let (store, _) = Store::open(&data).unwrap();
    assert_eq!(store.stats().unwrap().jobs, 1, "the backup's job");
}
