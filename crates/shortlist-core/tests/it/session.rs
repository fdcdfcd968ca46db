//! The core API both front ends run: a `Session` owns the PDF reader and the model, and runs
//! import and analysis on a real store with real PDFs, PDFium and the model.

use std::collections::HashSet;
use std::path::PathBuf;
use std::sync::atomic::AtomicBool;
use std::sync::Arc;

use shortlist_core::assets::{self, Assets};
use shortlist_core::embed::DIM;
use shortlist_core::import::{self, FileResult, FileStatus};
use shortlist_core::session::ImportProgress;
use shortlist_core::{ErrorCode, Session, Store};

use crate::{fixtures, job_ready, t, WORKER};

fn session() -> Session {
    Session::new(Assets::discover(&[])).with_pdf_worker(WORKER)
}

/// `Embedder::global` kept the first load's error for the life of the process: a window
/// opened before `make assets` had finished could never ask a question or import until it was
/// restarted. The session tries again, and keeps the model once it loads.
#[test]
fn a_model_that_failed_to_load_is_loaded_once_its_assets_are_there() {
    let dir = tempfile::tempdir().unwrap();
    let session = Session::new(Assets::in_dirs(vec![dir.path().to_owned()]));
    let err = session.embedder().unwrap_err();
    assert_eq!(err.code(), ErrorCode::Asset, "{err}");

    // The assets arrive while the front end runs: ONNX Runtime first (it starts, the model
    // is still missing), then the model and its tokenizer.
    let real = Assets::discover(&[]);
    let arrive = |name: &str| {
        std::os::unix::fs::symlink(real.path(name).unwrap(), dir.path().join(name)).unwrap()
    };
    arrive(assets::ONNXRUNTIME);
    let err = session.embedder().unwrap_err();
    assert_eq!(err.code(), ErrorCode::Asset, "{err}");
    for name in [assets::MODEL].into_iter().chain(assets::TOKENIZER_FILES) {
        arrive(name);
    }
    let model = session.embedder().expect("the model loads now");
    assert_eq!(model.embed_one("Rust and PostgreSQL").unwrap().len(), DIM);
    assert!(
        Arc::ptr_eq(&model, &session.embedder().unwrap()),
        "loaded once, then kept"
    );
}

/// The same for the PDF reader: no PDFium at first, then a reader that reads.
#[test]
fn a_pdf_reader_that_failed_to_start_starts_once_pdfium_is_there() {
    let dir = tempfile::tempdir().unwrap();
    let session =
        Session::new(Assets::in_dirs(vec![dir.path().to_owned()])).with_pdf_worker(WORKER);
    assert_eq!(session.pdf_reader().unwrap_err().code(), ErrorCode::Asset);
    let pdfium = Assets::discover(&[]).path(assets::PDFIUM).unwrap();
    std::os::unix::fs::symlink(pdfium, dir.path().join(assets::PDFIUM)).unwrap();
    let reader = session.pdf_reader().expect("PDFium binds now");
    let bytes = std::fs::read(fixtures().join("good/carol_nguyen.pdf")).unwrap();
    let pdf = reader.extract(bytes, Default::default()).unwrap();
    assert!(pdf.pages >= 1 && pdf.visible_chars() > 100);
}

#[test]
fn import_reports_every_file_once_in_progress_and_in_the_report() {
    let data = tempfile::tempdir().unwrap();
    let (store, _) = Store::open(data.path()).unwrap();
    job_ready(
        &store,
        "Acme",
        "Backend Engineer",
        "Requirements: Rust, PostgreSQL, Kubernetes.",
    );
    let missing = PathBuf::from("/no/such/folder");
    let inputs = [fixtures().join("good"), missing.clone()];
    let (pdfs, _) = import::collect_pdfs(&inputs[..1]);
    assert!(pdfs.len() >= 3, "fixtures present");

    let mut started = Vec::new();
    let mut files: Vec<(usize, usize, FileResult)> = Vec::new();
    let never = AtomicBool::new(false);
    let report = session()
        .import(
            &store,
            &inputs,
            &never,
            || t(5),
            |step| match step {
                ImportProgress::Started { total } => {
                    assert!(files.is_empty(), "Started comes first");
                    started.push(total);
                }
                ImportProgress::File {
                    done,
                    total,
                    result,
                } => files.push((done, total, result.clone())),
            },
        )
        .unwrap();

    let total = pdfs.len() + 1;
    assert_eq!(started, vec![total]);
    assert_eq!(report.results.len(), total);
    let done: Vec<usize> = files.iter().map(|(d, _, _)| *d).collect();
    assert_eq!(done, (1..=total).collect::<Vec<_>>());
    assert!(files.iter().all(|(_, n, _)| *n == total));
    // The unreadable input is reported first, then every PDF once.
    assert_eq!(report.results[0].path, missing);
    assert!(matches!(
        report.results[0].status,
        FileStatus::Failed {
            code: ErrorCode::NotFound,
            ..
        }
    ));
    let reported: HashSet<_> = files.iter().map(|(_, _, r)| r.path.clone()).collect();
    let returned: HashSet<_> = report.results.iter().map(|r| r.path.clone()).collect();
    assert_eq!(reported, returned);
    assert_eq!(report.results[1..].len(), pdfs.len());
    for r in &report.results[1..] {
        match &r.status {
            FileStatus::Added { analysis, .. } => {
                assert!(analysis.is_some(), "scored against the current job")
            }
            other => panic!("{}: {other:?}", r.path.display()),
        }
    }
    assert_eq!(report.summary.added, pdfs.len());
    assert_eq!((report.summary.failed, report.summary.duplicates), (1, 0));
    assert!(!report.summary.cancelled);
    assert_eq!(store.resumes().unwrap().len(), pdfs.len());
}

#[test]
fn import_of_nothing_readable_starts_neither_reader_nor_model() {
    let data = tempfile::tempdir().unwrap();
    let (store, _) = Store::open(data.path()).unwrap();
    // No assets at all: only the inputs are looked at.
    let empty = tempfile::tempdir().unwrap();
    let session = Session::new(Assets::in_dirs(vec![empty.path().to_owned()]));
    let never = AtomicBool::new(false);
    let report = session
        .import(
            &store,
            &[PathBuf::from("/no/such.pdf")],
            &never,
            || t(1),
            |_| {},
        )
        .unwrap();
    assert_eq!(report.summary.failed, 1);
    assert_eq!(report.results.len(), 1);
}

#[test]
fn analyse_all_then_one_against_another_job_without_reupload() {
    let data = tempfile::tempdir().unwrap();
    let (store, _) = Store::open(data.path()).unwrap();
    job_ready(&store, "Acme", "Backend Engineer", "Rust, PostgreSQL.");
    let session = session();
    let never = AtomicBool::new(false);
    let imported = session
        .import(&store, &[fixtures().join("good")], &never, || t(5), |_| {})
        .unwrap();
    let n = imported.summary.added;
    let other = store
        .add_job(
            crate::draft("Globex", "Data Scientist", "Python, statistics, SQL."),
            t(6),
        )
        .unwrap();

    let mut last = (0, 0);
    let report = session
        .analyze_all(&store, &other.id, t(7), |done, total| last = (done, total))
        .unwrap();
    assert_eq!((report.analysed, report.failed.len()), (n, 0));
    assert_eq!(last, (n, n));
    let ranked = store.ranked(&other.id, None).unwrap();
    assert_eq!(ranked.len(), n);

    let first = &ranked[0];
    let again = session
        .analyze(&store, &other.id, &first.resume_id, t(8))
        .unwrap();
    assert_eq!(
        (&again.job_id, &again.resume_id),
        (&other.id, &first.resume_id)
    );
    assert_eq!(again.id, first.id, "the pair keeps its analysis");
    assert_eq!(again.history.len(), first.history.len() + 1);
    assert_eq!(store.ranked(&other.id, None).unwrap().len(), n);
}

/// The tests' model remembers what it embedded (`Embedder::remembering`); what it gives back
/// for a text met again, in another batch and among other texts, is what the model computes.
#[test]
fn a_remembering_model_gives_the_vectors_the_model_computes() {
    let plain = shortlist_core::embed::Embedder::load(&Assets::discover(&[])).unwrap();
    let remembering = shortlist_core::embed::Embedder::load(&Assets::discover(&[]))
        .unwrap()
        .remembering(2);
    let first = [
        "Negotiated key accounts",
        "Filed plaints in the district court",
    ];
    let again = [
        "Filed plaints in the district court",
        "Ran payroll for 400 staff",
        "Negotiated key accounts",
        "Negotiated key accounts",
    ];
    let met = remembering.embed(&first).unwrap();
    // The memory holds two texts: the third starts it again, so both kinds of answer are here.
    let remembered = remembering.embed(&again).unwrap();
    // The texts met before come back as they were given the first time.
    assert_eq!(remembered[0], met[1]);
    assert_eq!(remembered[2], met[0]);
    let computed = plain.embed(&again).unwrap();
    for ((r, c), text) in remembered.iter().zip(&computed).zip(&again) {
        assert_eq!(r.len(), DIM);
        let dot: f32 = r.iter().zip(c).map(|(a, b)| a * b).sum();
        assert!(dot > 0.9999, "{text}: cosine {dot}");
    }
    assert_eq!(remembered[2], remembered[3]);
}
