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
        other
            .add_job(draft("Other", "Role", "Requirements\n- Bookkeeping"), t(0))
            .unwrap();
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

// ---- Issue 14: restore holds the folder, its swap survives a crash, hostile backups ----

use sha2::{Digest, Sha256};
use shortlist_core::backup::Manifest;
use shortlist_core::store::pending::{self, Pending};

/// The names in `dir` that contain `part`.
fn names_with(dir: &Path, part: &str) -> Vec<String> {
    std::fs::read_dir(dir)
        .unwrap()
        .flatten()
        .map(|e| e.file_name().to_string_lossy().into_owned())
        .filter(|n| n.contains(part))
        .collect()
}

/// Defect 1: an import started while a restore runs must not be acknowledged into the data
/// the restore moves aside. Each trial starts the import the moment the restore's staging
/// copy appears (the restore is then between its checks and its swap).
#[test]
fn import_during_restore_loses_nothing_acknowledged() {
    let tmp = tempfile::tempdir().unwrap();
    let data = tmp.path().join("data");
    let archive = tmp.path().join("backup.tar");
    filled_store(&data).backup(&archive, t(3)).unwrap();
    // PDFs the backup does not hold.
    let others = [
        "bob_schmidt_multipage.pdf",
        "jonas_berg_two_column_rowwise.pdf",
        "wei_zhang_cjk.pdf",
    ];
    for (trial, name) in others.iter().enumerate() {
        // Between trials the data is something else than the backup.
        {
            let (store, _) = Store::open(&data).unwrap();
            store
                .add_job(
                    draft("Between", "Trials", "Requirements\n- Payroll"),
                    t(4 + trial as i64),
                )
                .unwrap();
        }
        let restoring = {
            let (archive, data) = (archive.clone(), data.clone());
            std::thread::spawn(move || backup::restore(&archive, &data, t(10 + trial as i64)))
        };
        let started = std::time::Instant::now();
        while names_with(tmp.path(), ".data.restore-").is_empty() && !restoring.is_finished() {
            assert!(
                started.elapsed().as_secs() < 30,
                "the restore never started"
            );
            std::thread::yield_now();
        }
        // An import: open the folder, add a PDF.
        let (store, _) = Store::open(&data).unwrap();
        let acknowledged = ingest(&store, &format!("good/{name}"))
            .unwrap()
            .resume()
            .id
            .clone();
        drop(store);
        restoring.join().unwrap().unwrap();

        let (store, report) = Store::open(&data).unwrap();
        assert!(
            store.resume(&acknowledged).is_ok(),
            "trial {trial}: the acknowledged import is in the live folder"
        );
        assert!(report.missing_blobs.is_empty(), "trial {trial}");
        assert_eq!(
            report.swept.orphans_removed, 0,
            "trial {trial}: no blob lost as orphan"
        );
        assert_eq!(
            store.resume_pdf(&acknowledged).unwrap(),
            fixture(&format!("good/{name}"))
        );
    }
}

/// A fully restored copy of `archive` in `at`, as a restore's staging folder holds it.
fn verified_copy(archive: &Path, at: &Path) {
    backup::restore(archive, at, t(0)).unwrap();
}

/// Defect 2: a crash between the restore's two renames (or just before the first) leaves a
/// journal, the verified copy and maybe no data folder; the next open finishes the swap
/// instead of creating an empty store.
#[test]
fn a_restore_interrupted_between_its_renames_is_finished_on_open() {
    for moved_aside in [true, false] {
        let tmp = tempfile::tempdir().unwrap();
        let (data, store, archive, later) = backed_up_then_changed(tmp.path());
        drop(store);
        let root = tmp.path().canonicalize().unwrap();
        let staging = root.join(".data.restore-0123456789abcdef0123456789abcdef");
        verified_copy(&archive, &root.join("scratch"));
        std::fs::rename(root.join("scratch"), &staging).unwrap();
        let aside = root.join("data.before-restore-1700000005");
        if moved_aside {
            std::fs::rename(&data, &aside).unwrap();
        }
        std::fs::write(
            root.join(".data.restoring.json"),
            serde_json::json!({ "staging": staging, "aside": aside }).to_string(),
        )
        .unwrap();

        let (store, report) = Store::open(&data).unwrap();
        assert_eq!(
            store.stats().unwrap().resumes,
            3,
            "moved aside: {moved_aside}"
        );
        assert!(report.missing_blobs.is_empty());
        assert!(store.job(&later.id).is_err(), "the data is the backup's");
        drop(store);
        let (old, _) = Store::open(&aside).unwrap();
        assert!(
            old.job(&later.id).is_ok(),
            "the replaced data is kept aside"
        );
        assert!(
            names_with(&root, ".restore-").is_empty(),
            "no staging copy left"
        );
        assert!(names_with(&root, "restoring").is_empty(), "no journal left");
    }
}

/// Defect 8: two restores in the same second each keep the data they replace, and neither
/// leaves a staging copy.
#[test]
fn two_restores_in_one_second_leak_no_staging_copy() {
    let tmp = tempfile::tempdir().unwrap();
    let (data, store, archive, _) = backed_up_then_changed(tmp.path());
    drop(store);
    let (_, first) = backup::restore(&archive, &data, t(9)).unwrap();
    let (_, second) = backup::restore(&archive, &data, t(9)).unwrap();
    let (first, second) = (first.unwrap(), second.unwrap());
    assert_ne!(first, second);
    assert!(first.is_dir() && second.is_dir());
    assert!(names_with(tmp.path(), ".restore-").is_empty());
    assert_eq!(Store::open(&data).unwrap().0.stats().unwrap().resumes, 3);
}

/// Defect 8: what killed backups and restores leave is named recognisably and removed by the
/// next run: a partial backup beside its destination by the next backup there (unless a
/// backup still writes it), the database copy and a partial elsewhere by the next exclusive
/// open, a restore's staging copy by the next open.
#[test]
fn leftovers_of_killed_backups_and_restores_are_cleaned_on_the_next_run() {
    let tmp = tempfile::tempdir().unwrap();
    let data = tmp.path().join("data");
    let store = filled_store(&data);
    let dest = tmp.path().join("backups");
    let elsewhere = tmp.path().join("usb");
    std::fs::create_dir_all(&dest).unwrap();
    std::fs::create_dir_all(&elsewhere).unwrap();
    let hex = "0123456789abcdef0123456789abcdef";
    let partial = dest.join(format!(".monday.tar.shortlist-partial-{hex}"));
    std::fs::write(&partial, b"half a backup").unwrap();
    let busy = dest.join(format!(".tuesday.tar.shortlist-partial-{}", &hex[1..]));
    std::fs::write(&busy, b"a backup being written").unwrap();
    let writer = std::fs::File::open(&busy).unwrap();
    writer.lock().unwrap();

    // An earlier version's names: `<stem>.tmp-<hex>` and `<stem>.mdb-copy` (a whole database).
    let old_partial = dest.join(format!("wednesday.tmp-{hex}"));
    std::fs::write(&old_partial, b"half a backup").unwrap();
    let old_copy = dest.join("wednesday.mdb-copy");
    std::fs::copy(store.dir().join("data.mdb"), &old_copy).unwrap();
    let not_ours = dest.join("wednesday.tmp-notes");
    std::fs::write(&not_ours, b"the user's").unwrap();

    store.backup(&dest.join("wednesday.tar"), t(3)).unwrap();
    assert!(
        !old_partial.exists() && !old_copy.exists(),
        "an earlier version's leftovers go"
    );
    assert!(not_ours.exists(), "a file not named like ours stays");
    assert!(
        !partial.exists(),
        "the next backup there removed the partial file"
    );
    assert!(
        busy.exists(),
        "a partial file still being written is left alone"
    );
    drop(writer);

    // A backup killed while writing to another folder, and a killed restore.
    let far = elsewhere.join(format!(".x.tar.shortlist-partial-{hex}"));
    std::fs::write(&far, b"half a backup").unwrap();
    let dir = store.dir().to_owned();
    std::fs::write(
        dir.join(format!(".backup-{hex}.mdb-copy")),
        b"the whole database",
    )
    .unwrap();
    std::fs::write(
        dir.join(format!(".backup-{hex}.partial")),
        far.canonicalize().unwrap().to_string_lossy().as_bytes(),
    )
    .unwrap();
    let staging = tmp.path().join(format!(".data.restore-{hex}"));
    std::fs::create_dir_all(staging.join("blobs/pdf")).unwrap();
    // A restore killed while writing its journal (write_atomic's temp file).
    let journal_temp = tmp.path().join(format!(".tmp-.data.restoring.json-{hex}"));
    std::fs::write(&journal_temp, b"{").unwrap();
    drop(store);

    let (store, _) = Store::open(&data).unwrap();
    assert!(!far.exists(), "the partial file elsewhere is removed");
    assert!(
        names_with(&dir, ".backup-").is_empty(),
        "{:?}",
        names_with(&dir, ".backup-")
    );
    assert!(!staging.exists(), "the staging copy is removed");
    assert!(
        !journal_temp.exists(),
        "the half-written journal is removed"
    );
    assert_eq!(store.stats().unwrap().resumes, 3);
}

/// Defect 9: backups and exports are private whatever the umask, and a data folder others
/// can read is made private when it opens.
#[cfg(unix)]
#[test]
fn backups_and_exports_are_private_and_a_readable_data_folder_is_tightened() {
    use std::os::unix::fs::PermissionsExt;
    let mode = |p: &Path| std::fs::metadata(p).unwrap().permissions().mode() & 0o777;
    let tmp = tempfile::tempdir().unwrap();
    let data = tmp.path().join("data");
    std::fs::create_dir(&data).unwrap();
    std::fs::set_permissions(&data, std::fs::Permissions::from_mode(0o755)).unwrap();
    let store = filled_store(&data);
    assert_eq!(mode(&data), 0o700);
    let archive = tmp.path().join("backup.tar");
    store.backup(&archive, t(3)).unwrap();
    assert_eq!(mode(&archive), 0o600);
    let csv = tmp.path().join("feedback.csv");
    shortlist_core::blobs::write_atomic(&csv, store.export_feedback_csv().unwrap().as_bytes())
        .unwrap();
    assert_eq!(mode(&csv), 0o600);
    let legacy = tmp.path().join("legacy");
    store.export_legacy(&legacy).unwrap();
    for f in files_under(&legacy) {
        assert_eq!(mode(&f), 0o600, "{}", f.display());
    }
    // Compaction (after an erase) puts a copy in the database's place: still private, and
    // so is the database in a backup made after it.
    assert_eq!(mode(&data.join("data.mdb")), 0o600);
    let store = store.compact().unwrap();
    assert_eq!(mode(&data.join("data.mdb")), 0o600);
    let after = tmp.path().join("after.tar");
    store.backup(&after, t(4)).unwrap();
    let mut tar = tar::Archive::new(std::fs::File::open(&after).unwrap());
    for entry in tar.entries().unwrap() {
        let entry = entry.unwrap();
        let m = entry.header().mode().unwrap() & 0o777;
        assert_eq!(m & 0o077, 0, "{} is {m:o}", entry.path().unwrap().display());
    }
}

fn sha(bytes: &[u8]) -> String {
    format!("{:x}", Sha256::digest(bytes))
}

/// The manifest and files of a backup.
fn unpack(archive: &Path) -> (Manifest, Vec<(String, Vec<u8>)>) {
    let mut tar = tar::Archive::new(std::fs::File::open(archive).unwrap());
    let mut files = Vec::new();
    for entry in tar.entries().unwrap() {
        let mut entry = entry.unwrap();
        let path = entry.path().unwrap().to_string_lossy().into_owned();
        let mut bytes = Vec::new();
        std::io::Read::read_to_end(&mut entry, &mut bytes).unwrap();
        files.push((path, bytes));
    }
    let manifest = serde_json::from_slice(&files.remove(0).1).unwrap();
    (manifest, files)
}

/// A backup of `files` with a manifest whose checksums and sizes match them.
fn pack(out: &Path, manifest: &Manifest, files: &[(String, Vec<u8>)]) {
    let mut manifest = manifest.clone();
    manifest.files = files
        .iter()
        .map(|(path, bytes)| backup::ManifestEntry {
            path: path.clone(),
            size: bytes.len() as u64,
            sha256: sha(bytes),
        })
        .collect();
    let mut tar = tar::Builder::new(std::fs::File::create(out).unwrap());
    let json = serde_json::to_vec(&manifest).unwrap();
    for (path, bytes) in std::iter::once(("manifest.json".to_owned(), json)).chain(files.to_vec()) {
        let mut header = tar::Header::new_gnu();
        header.set_size(bytes.len() as u64);
        header.set_mode(0o600);
        tar.append_data(&mut header, path, bytes.as_slice())
            .unwrap();
    }
    tar.finish().unwrap();
}

/// A GNU sparse entry: `real_size` bytes of zeros stored in none.
fn sparse_header(path: &str, real_size: u64) -> tar::Header {
    let mut header = tar::Header::new_gnu();
    header.set_path(path).unwrap();
    header.set_entry_type(tar::EntryType::GNUSparse);
    header.set_size(0);
    header.set_mode(0o600);
    let gnu = header.as_gnu_mut().unwrap();
    gnu.set_real_size(real_size);
    gnu.sparse[0].set_offset(real_size);
    gnu.sparse[0].set_length(0);
    header.set_cksum();
    header
}

/// A filled store in `tmp/data` and its backup; the backup's parts.
fn store_and_parts(tmp: &Path) -> (PathBuf, Manifest, Vec<(String, Vec<u8>)>) {
    let data = tmp.join("data");
    let archive = tmp.join("backup.tar");
    filled_store(&data).backup(&archive, t(3)).unwrap();
    let (manifest, files) = unpack(&archive);
    (data, manifest, files)
}

/// `archive` is refused by the window's check and by the restore (directly and as the window
/// schedules it), and the data is untouched, with no staging copy left.
fn refused(tmp: &Path, data: &Path, archive: &Path, by_check: bool) -> String {
    let checked = backup::inspect(archive);
    assert_eq!(
        checked.is_err(),
        by_check,
        "the window's check: {checked:?}"
    );
    let err = backup::restore(archive, data, t(5)).unwrap_err();
    pending::schedule(
        data,
        &Pending::Restore {
            archive: archive.to_owned(),
        },
    )
    .unwrap();
    assert!(pending::run(data, t(6)).is_err());
    let (store, _) = Store::open(data).unwrap();
    assert_eq!(store.stats().unwrap().resumes, 3, "the data is untouched");
    assert!(
        names_with(tmp, "restore").is_empty(),
        "{:?}",
        names_with(tmp, "restore")
    );
    err.to_string()
}

/// Defect 6 (backup part): a backup holding a sparse 4 GB manifest, or a sparse 3 GB
/// database, fails at once: nothing of the entry is read into memory or written to disk.
#[test]
fn a_sparse_huge_backup_entry_fails_before_anything_is_read_or_written() {
    let tmp = tempfile::tempdir().unwrap();
    let (data, manifest, files) = store_and_parts(tmp.path());

    let huge_manifest = tmp.path().join("huge-manifest.tar");
    let mut tar = tar::Builder::new(std::fs::File::create(&huge_manifest).unwrap());
    tar.append(&sparse_header("manifest.json", 4 << 30), std::io::empty())
        .unwrap();
    tar.finish().unwrap();
    drop(tar);
    assert!(std::fs::metadata(&huge_manifest).unwrap().len() < 16 << 10);

    // A manifest that is right about the database's size and checksum, and a sparse entry.
    let huge_db = tmp.path().join("huge-db.tar");
    let mut listed = manifest.clone();
    for f in &mut listed.files {
        if f.path == "data.mdb" {
            f.size = 3 << 30;
            f.sha256 = "0".repeat(64);
        }
    }
    let mut tar = tar::Builder::new(std::fs::File::create(&huge_db).unwrap());
    let json = serde_json::to_vec(&listed).unwrap();
    let mut header = tar::Header::new_gnu();
    header.set_size(json.len() as u64);
    tar.append_data(&mut header, "manifest.json", json.as_slice())
        .unwrap();
    tar.append(&sparse_header("data.mdb", 3 << 30), std::io::empty())
        .unwrap();
    for (path, bytes) in files.iter().filter(|(p, _)| p != "data.mdb") {
        let mut header = tar::Header::new_gnu();
        header.set_size(bytes.len() as u64);
        tar.append_data(&mut header, path, bytes.as_slice())
            .unwrap();
    }
    tar.finish().unwrap();
    drop(tar);

    for archive in [huge_manifest, huge_db] {
        let started = std::time::Instant::now();
        let err = refused(tmp.path(), &data, &archive, true);
        assert!(started.elapsed().as_secs() < 10, "refused at once");
        // Refused for what it is (a sparse entry, more data than the file holds), not after
        // reading it.
        assert!(
            err.contains("holds only files") || err.contains("more data than the file holds"),
            "{err}"
        );
    }
}

/// Defect 7: a backup whose checksums all match but whose database is empty (0 bytes), is
/// another store (fewer resumes than the manifest), or holds a record that does not decode,
/// or whose PDF does not hash to its resume ID, or with link entries, is refused.
#[test]
fn a_foreign_empty_or_damaged_database_in_a_backup_is_refused() {
    let tmp = tempfile::tempdir().unwrap();
    let (data, manifest, files) = store_and_parts(tmp.path());
    let with_db = |db: Vec<u8>| -> Vec<(String, Vec<u8>)> {
        files
            .iter()
            .map(|(p, b)| {
                (
                    p.clone(),
                    if p == "data.mdb" {
                        db.clone()
                    } else {
                        b.clone()
                    },
                )
            })
            .collect()
    };
    let mut cases: Vec<(&str, PathBuf)> = Vec::new();
    let mut case = |name: &'static str, files: Vec<(String, Vec<u8>)>| {
        let out = tmp.path().join(format!("{name}.tar"));
        pack(&out, &manifest, &files);
        cases.push((name, out));
    };
    case("empty-db", with_db(Vec::new()));
    // Another Shortlist store: a real LMDB of the right schema, with none of the resumes.
    let other = tmp.path().join("other-store");
    drop(Store::open(&other).unwrap());
    case(
        "foreign-db",
        with_db(std::fs::read(other.join("data.mdb")).unwrap()),
    );
    // A damaged analysis record inside an otherwise good database.
    let damaged_db = {
        let copy = tmp.path().join("damaged-store");
        verified_copy(&tmp.path().join("backup.tar"), &copy);
        let (store, _) = Store::open(&copy).unwrap();
        let job = store.current_job().unwrap().unwrap().job.id;
        let analysis = store.ranked(&job, None).unwrap()[0].id.clone();
        drop(store);
        let mut bytes = std::fs::read(copy.join("data.mdb")).unwrap();
        let needle = format!("\"id\":\"{analysis}\"");
        let at = bytes
            .windows(needle.len())
            .position(|w| w == needle.as_bytes())
            .expect("the analysis record is stored as JSON");
        bytes[at] = b'!';
        bytes
    };
    case("damaged-record", with_db(damaged_db));
    // A PDF replaced by other bytes, listed with their checksum.
    let mut swapped = files.clone();
    let pdf = swapped
        .iter_mut()
        .find(|(p, _)| p.starts_with("blobs/pdf/"))
        .unwrap();
    pdf.1 = fixture("good/bob_schmidt_multipage.pdf");
    case("pdf-not-its-id", swapped);

    for (name, archive) in &cases {
        let by_check = matches!(*name, "empty-db" | "pdf-not-its-id");
        let err = refused(tmp.path(), &data, archive, by_check);
        assert!(err.contains("backup is damaged"), "{name}: {err}");
    }

    // Symlink and hardlink entries, listed as empty files.
    for kind in [tar::EntryType::Symlink, tar::EntryType::Link] {
        let out = tmp.path().join("links.tar");
        let mut listed = manifest.clone();
        let link_to = files
            .iter()
            .find(|(p, _)| p.starts_with("blobs/text/"))
            .unwrap()
            .0
            .clone();
        for f in &mut listed.files {
            if f.path == link_to {
                f.size = 0;
                f.sha256 = sha(b"");
            }
        }
        let mut tar = tar::Builder::new(std::fs::File::create(&out).unwrap());
        let json = serde_json::to_vec(&listed).unwrap();
        let mut header = tar::Header::new_gnu();
        header.set_size(json.len() as u64);
        tar.append_data(&mut header, "manifest.json", json.as_slice())
            .unwrap();
        for (path, bytes) in &files {
            let mut header = tar::Header::new_gnu();
            if *path == link_to {
                header.set_entry_type(kind);
                header.set_size(0);
                tar.append_link(&mut header, path, "/etc/passwd").unwrap();
            } else {
                header.set_size(bytes.len() as u64);
                tar.append_data(&mut header, path, bytes.as_slice())
                    .unwrap();
            }
        }
        tar.finish().unwrap();
        drop(tar);
        let err = refused(tmp.path(), &data, &out, true);
        assert!(err.contains("holds only files"), "{kind:?}: {err}");
    }
}

/// Defect 6 (backup part): a "backup" that is a FIFO or a device is refused at once; checking
/// it never blocks waiting for a writer or reads without end.
#[cfg(unix)]
#[test]
fn a_backup_that_is_a_fifo_or_a_device_is_refused_without_blocking() {
    let tmp = tempfile::tempdir().unwrap();
    let fifo = tmp.path().join("backup.tar");
    assert!(std::process::Command::new("mkfifo")
        .arg(&fifo)
        .status()
        .unwrap()
        .success());
    for special in [fifo, PathBuf::from("/dev/zero")] {
        let (tx, rx) = std::sync::mpsc::channel();
        let path = special.clone();
        std::thread::spawn(move || {
            let _ = tx.send(
                backup::inspect(&path)
                    .map(|_| ())
                    .map_err(|e| e.to_string()),
            );
        });
        let checked = rx
            .recv_timeout(std::time::Duration::from_secs(10))
            .unwrap_or_else(|_| panic!("{} blocked", special.display()));
        let err = checked.unwrap_err();
        assert!(err.contains("not a file"), "{err}");
    }
}
