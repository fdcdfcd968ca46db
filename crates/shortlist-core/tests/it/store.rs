//! The store: jobs, resumes, ingest, dedupe, bad PDFs, sweep, schema.

use std::path::PathBuf;
use std::sync::atomic::AtomicBool;

use shortlist_core::blobs::BlobKind;
use shortlist_core::import::{self, FileStatus};
use shortlist_core::pdf::PdfLimits;
use shortlist_core::{Error, IngestOutcome, JobId, ResumeId, Store};

use crate::*;

#[test]
fn jobs_persist_with_current_selection_across_reopen() {
    let dir = tempfile::tempdir().unwrap();
    let (a, b) = {
        let (store, _) = Store::open(dir.path()).unwrap();
        let a = store
            .add_job(
                draft("Acme", "Backend Engineer", "Rust and PostgreSQL"),
                t(0),
            )
            .unwrap();
        let b = store
            .add_job(
                draft("Globex", "Data Scientist", "Python, statistics"),
                t(1),
            )
            .unwrap();
        // The first job becomes current automatically; selecting another persists.
        assert!(store.current_job().unwrap().unwrap().job.id == a.id);
        store.select_job(&b.id).unwrap();
        (a, b)
    };
    let (store, report) = Store::open(dir.path()).unwrap();
    assert!(report.missing_blobs.is_empty());
    let current = store.current_job().unwrap().unwrap();
    assert_eq!(current.job, b);
    assert!(current.current);
    let list = store.jobs(false).unwrap();
    assert_eq!(
        list.iter().map(|j| j.job.id.clone()).collect::<Vec<_>>(),
        vec![b.id.clone(), a.id.clone()],
        "newest first"
    );
    assert_eq!(list[0].analysis_count, 0);
    assert!(JobId::parse(a.id.as_str()).is_ok());
}

#[test]
fn job_edit_search_archive_and_unknown_ids() {
    let dir = tempfile::tempdir().unwrap();
    let (store, _) = Store::open(dir.path()).unwrap();
    let job = store
        .add_job(
            draft("Acme", "Backend Engineer", "Kubernetes, PostgreSQL"),
            t(0),
        )
        .unwrap();
    store
        .add_job(
            draft("Initech", "Frontend Developer", "React, TypeScript"),
            t(1),
        )
        .unwrap();
    let edited = store
        .update_job(
            &job.id,
            draft("Acme Corp", "Staff Engineer", "Go and Kafka"),
            t(5),
        )
        .unwrap();
    assert_eq!(edited.id, job.id, "edit keeps the ID");
    assert_eq!(edited.created_at, t(0));
    assert_eq!(edited.updated_at, t(5));
    let hits = |q: &str| {
        store
            .search_jobs(q, false)
            .unwrap()
            .into_iter()
            .map(|j| j.job.company)
            .collect::<Vec<_>>()
    };
    assert_eq!(hits("KAFKA"), vec!["Acme Corp"]);
    assert_eq!(hits("staff engineer"), vec!["Acme Corp"]);
    assert_eq!(hits("react"), vec!["Initech"]);
    assert!(hits("kubernetes").is_empty(), "old description is gone");
    store.set_job_archived(&job.id, true, t(6)).unwrap();
    assert!(
        hits("kafka").is_empty(),
        "archived jobs are hidden by default"
    );
    assert_eq!(store.search_jobs("kafka", true).unwrap().len(), 1);

    let unknown = JobId::parse("00000000").unwrap();
    assert!(matches!(store.job(&unknown), Err(Error::NotFound { .. })));
    assert!(matches!(
        store.select_job(&unknown),
        Err(Error::NotFound { .. })
    ));
    assert!(store.add_job(draft("", "x", ""), t(0)).is_err());
    assert_eq!(
        store.stats().unwrap().jobs,
        2,
        "a refused job is not stored"
    );
}

#[test]
fn ingest_extracts_text_and_dedupes_by_content() {
    let dir = tempfile::tempdir().unwrap();
    let (store, _) = Store::open(dir.path()).unwrap();
    let added = ingest(&store, "good/carol_nguyen.pdf").unwrap();
    let IngestOutcome::Added {
        resume,
        analysis: None,
    } = added
    else {
        panic!("first import adds")
    };
    assert!(resume.id.as_str().starts_with("resume_"));
    assert_eq!(resume.id.as_str().len(), "resume_".len() + 12);
    assert_eq!(&resume.sha256[..12], &resume.id.as_str()[7..]);
    assert_eq!(resume.pages, 1);
    let text = store.resume_text(&resume.id).unwrap();
    assert!(text.contains("Carol Nguyen"));
    assert!(text.contains("TypeScript, JavaScript, React"));
    assert_eq!(
        store.resume_pdf(&resume.id).unwrap(),
        fixture("good/carol_nguyen.pdf")
    );

    // Same bytes under another name: recognised, name recorded, nothing stored twice.
    let reader = reader();
    let again = store
        .ingest_pdf(
            &tools_with(&reader, PdfLimits::default()),
            "Carol CV (final).pdf",
            fixture("good/carol_nguyen.pdf"),
            t(20),
        )
        .unwrap();
    let IngestOutcome::Duplicate { resume: dup, .. } = again else {
        panic!("second import is a duplicate")
    };
    assert_eq!(dup.id, resume.id);
    assert_eq!(
        dup.file_names.iter().cloned().collect::<Vec<_>>(),
        vec![
            "Carol CV (final).pdf".to_owned(),
            "carol_nguyen.pdf".to_owned()
        ]
    );
    assert_eq!(dup.first_seen, t(10));
    assert_eq!(dup.last_seen, t(20));
    assert_eq!(store.resumes().unwrap().len(), 1);
    assert_eq!(files_under(&dir.path().join("blobs")).len(), 2);
}

#[test]
fn multipage_two_column_and_non_latin_text() {
    let dir = tempfile::tempdir().unwrap();
    let (store, _) = Store::open(dir.path()).unwrap();
    let multi = ingest(&store, "good/bob_schmidt_multipage.pdf").unwrap();
    assert_eq!(multi.resume().pages, 3);
    let text = store.resume_text(&multi.resume().id).unwrap();
    assert_eq!(
        text.matches('\x0c').count(),
        2,
        "pages separated by form feeds"
    );
    assert!(text.contains("Spark, Airflow, Kafka"));

    let two = ingest(&store, "good/priya_raman_two_column.pdf").unwrap();
    let text = store.resume_text(&two.resume().id).unwrap();
    for phrase in [
        "Priya Raman",
        "Staff Engineer, Northwind Logistics",
        "MSc Computer Science",
    ] {
        assert!(text.contains(phrase), "{phrase} missing");
    }

    let zoe = ingest(&store, "good/zoe_lukasiewicz_non_latin.pdf").unwrap();
    let text = store.resume_text(&zoe.resume().id).unwrap();
    for phrase in [
        "Zoë Łukasiewicz-Ødegård",
        "Дмитрий Иванов",
        "Σωκράτης Παπαδόπουλος",
        "Żabka",
    ] {
        assert!(text.contains(phrase), "{phrase} missing");
    }
    let wei = ingest(&store, "good/wei_zhang_cjk.pdf").unwrap();
    let text = store.resume_text(&wei.resume().id).unwrap();
    assert!(text.contains("张伟") && text.contains("清华大学"), "{text}");
}

#[test]
fn bad_pdfs_get_typed_errors_and_store_nothing() {
    let dir = tempfile::tempdir().unwrap();
    let (store, _) = Store::open(dir.path()).unwrap();
    type Check = fn(&Error) -> bool;
    let cases: [(&str, Check); 6] = [
        ("bad/encrypted.pdf", |e| matches!(e, Error::EncryptedPdf)),
        ("bad/image_only_scan.pdf", |e| matches!(e, Error::NoText)),
        ("bad/zero_pages.pdf", |e| matches!(e, Error::EmptyPdf)),
        ("bad/not_a_pdf.pdf", |e| matches!(e, Error::NotPdf)),
        ("bad/empty.pdf", |e| matches!(e, Error::EmptyFile)),
        ("bad/truncated.pdf", |e| matches!(e, Error::CorruptPdf)),
    ];
    for (rel, expected) in cases {
        let err = ingest(&store, rel).expect_err(rel);
        assert!(expected(&err), "{rel}: unexpected error {err:?}");
        assert_eq!(err.code(), "bad_pdf");
    }
    assert!(store.resumes().unwrap().is_empty());
    assert!(
        files_under(&dir.path().join("blobs")).is_empty(),
        "no half-written blob"
    );
}

#[test]
fn truncation_at_many_offsets_never_panics_or_stores() {
    let dir = tempfile::tempdir().unwrap();
    let (store, _) = Store::open(dir.path()).unwrap();
    let full = fixture("good/priya_raman_two_column.pdf");
    let reader = reader();
    let mut added = 0;
    for i in 1..40 {
        let cut = full.len() * i / 40;
        match store.ingest_pdf(
            &tools_with(&reader, PdfLimits::default()),
            "cut.pdf",
            full[..cut].to_vec(),
            t(0),
        ) {
            Ok(_) => added += 1, // PDFium can repair some truncations; then the text is real
            Err(e) => assert_eq!(e.code(), "bad_pdf", "offset {cut}: {e:?}"),
        }
    }
    assert_eq!(store.resumes().unwrap().len(), added);
    assert_eq!(files_under(&dir.path().join("blobs")).len(), 2 * added);
}

#[test]
fn limits_refuse_large_and_long_files() {
    let dir = tempfile::tempdir().unwrap();
    let (store, _) = Store::open(dir.path()).unwrap();
    let small = PdfLimits {
        max_bytes: 10_000,
        max_pages: 200,
    };
    let reader = reader();
    let err = store
        .ingest_pdf(
            &tools_with(&reader, small),
            "big.pdf",
            fixture("good/carol_nguyen.pdf"),
            t(0),
        )
        .unwrap_err();
    assert!(matches!(err, Error::PdfTooLarge { .. }), "{err:?}");
    let few_pages = PdfLimits {
        max_bytes: 50 << 20,
        max_pages: 2,
    };
    let err = store
        .ingest_pdf(
            &tools_with(&reader, few_pages),
            "long.pdf",
            fixture("good/bob_schmidt_multipage.pdf"),
            t(0),
        )
        .unwrap_err();
    assert!(
        matches!(err, Error::TooManyPages { pages: 3, limit: 2 }),
        "{err:?}"
    );
    assert!(store.resumes().unwrap().is_empty());
}

#[test]
fn bulk_import_reports_each_file_and_keeps_the_good_ones() {
    let dir = tempfile::tempdir().unwrap();
    let (files, early) = import::collect_pdfs(&[fixtures(), PathBuf::from("/no/such/folder")]);
    assert_eq!(early.len(), 1, "missing input reported");
    assert_eq!(files.len(), 12);
    {
        let (store, _) = Store::open(dir.path()).unwrap();
        let cancel = AtomicBool::new(false);
        let mut seen = 0;
        let (results, cancelled) = import::import_files(
            &store,
            &tools_with(&reader(), PdfLimits::default()),
            &files,
            &cancel,
            || t(0),
            |done, total, _| {
                seen = done;
                assert_eq!(total, 12);
            },
        );
        assert!(!cancelled);
        assert_eq!(seen, 12);
        let added = results
            .iter()
            .filter(|r| matches!(r.status, FileStatus::Added { .. }))
            .count();
        let failed = results
            .iter()
            .filter(|r| matches!(r.status, FileStatus::Failed { .. }))
            .count();
        assert_eq!((added, failed), (6, 6));
    }
    // Reopen: exactly the good ones, and a second run reports duplicates.
    let (store, _) = Store::open(dir.path()).unwrap();
    assert_eq!(store.resumes().unwrap().len(), 6);
    let stats = store.stats().unwrap();
    assert_eq!(stats.resumes, 6);
    assert!(stats.pdf_bytes > 100_000 && stats.text_bytes > 1_000);
    let cancel = AtomicBool::new(false);
    let (results, _) = import::import_files(
        &store,
        &tools_with(&reader(), PdfLimits::default()),
        &files,
        &cancel,
        || t(1),
        |_, _, _| {},
    );
    let dups = results
        .iter()
        .filter(|r| matches!(r.status, FileStatus::Duplicate { .. }))
        .count();
    assert_eq!(dups, 6);
}

#[test]
fn cancel_stops_a_batch_between_files() {
    let dir = tempfile::tempdir().unwrap();
    let (store, _) = Store::open(dir.path()).unwrap();
    let (files, _) = import::collect_pdfs(&[fixtures().join("good")]);
    let cancel = AtomicBool::new(false);
    let (results, cancelled) = import::import_files(
        &store,
        &tools_with(&reader(), PdfLimits::default()),
        &files,
        &cancel,
        || t(0),
        |done, _, _| {
            if done == 2 {
                cancel.store(true, std::sync::atomic::Ordering::Relaxed);
            }
        },
    );
    assert!(cancelled);
    assert_eq!(results.len(), 2);
    assert_eq!(store.resumes().unwrap().len(), 2);
}

#[test]
fn orphan_blobs_are_swept_and_missing_blobs_reported_on_open() {
    let dir = tempfile::tempdir().unwrap();
    let kept = {
        let (store, _) = Store::open(dir.path()).unwrap();
        let kept = ingest(&store, "good/carol_nguyen.pdf")
            .unwrap()
            .resume()
            .id
            .clone();
        // As if a crash happened after the blobs were written but before the commit:
        let orphan = ResumeId::parse("resume_aaaaaaaaaaaa").unwrap();
        store
            .blobs()
            .write(BlobKind::Pdf, &orphan, b"%PDF-orphan")
            .unwrap();
        store
            .blobs()
            .write(BlobKind::Text, &orphan, b"orphan")
            .unwrap();
        kept
    };
    let (store, report) = Store::open(dir.path()).unwrap();
    assert!(report.exclusive);
    assert_eq!(report.swept.orphans_removed, 2);
    assert!(report.missing_blobs.is_empty());
    assert_eq!(files_under(&dir.path().join("blobs")).len(), 2);
    // A record whose blob vanished is reported, not dropped.
    std::fs::remove_file(store.blobs().path(BlobKind::Text, &kept)).unwrap();
    drop(store);
    let (store, report) = Store::open(dir.path()).unwrap();
    assert_eq!(report.missing_blobs, vec![kept.clone()]);
    assert!(store.resume(&kept).is_ok());
}

#[test]
fn unknown_resume_ids_are_not_found() {
    let dir = tempfile::tempdir().unwrap();
    let (store, _) = Store::open(dir.path()).unwrap();
    let id = ResumeId::parse("resume_0123456789ab").unwrap();
    assert!(matches!(store.resume(&id), Err(Error::NotFound { .. })));
    assert!(matches!(
        store.resume_text(&id),
        Err(Error::NotFound { .. })
    ));
    for attempt in [
        "resume_../../etc/pa",
        "../../../etc/passwd",
        "resume_0123456789ab/..",
        "",
    ] {
        assert!(
            matches!(ResumeId::parse(attempt), Err(Error::InvalidId { .. })),
            "{attempt}"
        );
    }
}

#[test]
fn a_store_from_a_newer_version_is_refused() {
    let dir = tempfile::tempdir().unwrap();
    {
        let (store, _) = Store::open(dir.path()).unwrap();
        assert_eq!(
            store.stats().unwrap().schema_version,
            shortlist_core::store::SCHEMA_VERSION
        );
    }
    // Rewrite the schema version with heed directly, as a future version would.
    {
        use heed::types::{SerdeJson, Str};
        // SAFETY: the store above is closed; nothing else has this environment open.
        #[allow(unsafe_code)]
        let env = unsafe { heed::EnvOpenOptions::new().max_dbs(32).open(dir.path()) }.unwrap();
        let meta = env
            .create_databases_and_commit(env.write_txn().unwrap(), |dbo, wtxn| {
                let meta =
                    dbo.create_database::<Str, SerdeJson<serde_json::Value>>(wtxn, Some("meta"))?;
                meta.put(wtxn, "schema_version", &serde_json::json!(999))?;
                Ok::<_, heed::Error>(heed::CommitOrAbort::<_, ()>::Commit(meta))
            })
            .unwrap();
        assert!(!meta.is_abort());
        env.prepare_for_closing().wait();
    }
    let err = Store::open(dir.path()).unwrap_err();
    assert!(
        matches!(err, Error::SchemaTooNew { found: 999, .. }),
        "{err:?}"
    );
}

#[test]
fn a_data_dir_in_a_synced_folder_is_refused_before_anything_is_created() {
    let tmp = tempfile::tempdir().unwrap();
    let dir = tmp.path().join("Dropbox").join("shortlist");
    let err = Store::open(&dir).unwrap_err();
    assert!(matches!(err, Error::DataDir { .. }), "{err:?}");
    assert!(err.to_string().contains("Dropbox"));
    assert!(!dir.exists());
    let (store, _) = Store::open(tmp.path().join("local")).unwrap();
    let stats = store.stats().unwrap();
    assert!(stats.disk_total_bytes.unwrap_or(0) >= stats.disk_free_bytes.unwrap_or(0));
}

#[test]
fn a_schema_1_store_is_migrated_to_shortlist_rows() {
    let dir = tempfile::tempdir().unwrap();
    let job_id;
    {
        let (store, _) = Store::open(dir.path()).unwrap();
        let job = job_ready(
            &store,
            "Acme",
            "Engineer",
            "Requirements: Python, SQL, Kubernetes",
        );
        job_id = job.job.id.clone();
        let reader = reader();
        for name in [
            "carol_nguyen",
            "bob_schmidt_multipage",
            "priya_raman_two_column",
        ] {
            let path = format!("good/{name}.pdf");
            let tools = tools_for(&reader, &job);
            store
                .ingest_pdf(&tools, &path, fixture(&path), t(0))
                .unwrap();
        }
    }
    // Make it a schema-1 store: the ranking index held bare analysis IDs.
    {
        use heed::types::{Bytes, SerdeJson, Str};
        // SAFETY: the store above is closed; nothing else has this environment open.
        #[allow(unsafe_code)]
        let env = unsafe { heed::EnvOpenOptions::new().max_dbs(32).open(dir.path()) }.unwrap();
        let mut rewritten = 0;
        let done = env
            .create_databases_and_commit(env.write_txn().unwrap(), |dbo, wtxn| {
                let rank = dbo.create_database::<Str, Bytes>(wtxn, Some("analyses-by-job"))?;
                let meta =
                    dbo.create_database::<Str, SerdeJson<serde_json::Value>>(wtxn, Some("meta"))?;
                let keys: Vec<String> = rank
                    .iter(wtxn)?
                    .map(|kv| kv.map(|(k, _)| k.to_owned()))
                    .collect::<Result<_, _>>()?;
                for key in &keys {
                    let id = key.rsplit('/').next().unwrap_or_default().to_owned();
                    rank.put(wtxn, key, id.as_bytes())?;
                }
                meta.put(wtxn, "schema_version", &serde_json::json!(1))?;
                rewritten = keys.len();
                Ok::<_, heed::Error>(heed::CommitOrAbort::<_, ()>::Commit(meta))
            })
            .unwrap();
        assert!(!done.is_abort());
        assert_eq!(rewritten, 3);
        env.prepare_for_closing().wait();
    }
    let (store, _) = Store::open(dir.path()).unwrap();
    assert_eq!(store.stats().unwrap().schema_version, 2);
    let rows = store.shortlist(&job_id, None).unwrap();
    let full = store.ranked(&job_id, None).unwrap();
    assert_eq!(rows.len(), 3);
    for (row, a) in rows.iter().zip(&full) {
        assert_eq!(row.analysis_id, a.id);
        assert_eq!(row.score, a.score);
        assert_eq!(row.matched.len(), a.matched_skills.len());
    }
    assert!(rows.windows(2).all(|w| w[0].score >= w[1].score));
    assert!(rows.iter().any(|r| r.name.contains("Carol")));
    // The app's form of the same rows: one JSON array, equal row for row.
    let json = store.shortlist_json(&job_id).unwrap();
    let parsed: Vec<shortlist_core::store::ShortlistRow> =
        serde_json::from_str(json.get()).unwrap();
    assert_eq!(parsed, rows);
}

#[test]
fn a_file_where_the_data_folder_should_be_is_a_clear_error_and_stays_untouched() {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("data");
    std::fs::write(&file, "not a folder").unwrap();
    let err = Store::open(&file).unwrap_err();
    assert!(matches!(err, Error::DataDir { .. }), "{err:?}");
    assert_eq!(err.code(), "data_dir");
    assert!(
        err.to_string().ends_with("this is a file, not a folder"),
        "{err}"
    );
    assert_eq!(std::fs::read_to_string(&file).unwrap(), "not a folder");
}
