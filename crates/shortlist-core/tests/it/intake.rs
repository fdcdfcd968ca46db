//! Word resumes through import, on a real store: the committed fixtures of
//! scripts/make-docx-fixtures.py are stored content-addressed in `blobs/docx/`, read in order
//! with their headings as sections, deduplicated, erased, backed up and restored, found in
//! folders, and refused with typed errors when hostile.

use std::path::{Path, PathBuf};
use std::sync::atomic::AtomicBool;

use shortlist_core::backup;
use shortlist_core::blobs::BlobKind;
use shortlist_core::import::{self, FileStatus};
use shortlist_core::profile::Section;
use shortlist_core::resume::ResumeFormat;
use shortlist_core::store::content_address;
use shortlist_core::{IngestOutcome, Store};

use crate::*;

pub fn docx_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../../tests/fixtures/docx")
}

pub fn docx(rel: &str) -> Vec<u8> {
    std::fs::read(docx_dir().join(rel)).expect("fixture exists (scripts/make-docx-fixtures.py)")
}

pub fn ingest_docx(store: &Store, rel: &str) -> Result<IngestOutcome, shortlist_core::Error> {
    let name = Path::new(rel).file_name().unwrap().to_string_lossy();
    let reader = reader();
    store.ingest_pdf(
        &tools_with(&reader, PdfLimits::default()),
        &name,
        docx(rel),
        t(10),
    )
}

#[test]
fn a_word_resume_is_stored_content_addressed_in_its_own_blob_folder() {
    let dir = tempfile::tempdir().unwrap();
    let (store, _) = Store::open(dir.path()).unwrap();
    let bytes = docx("good/two-column.docx");
    let outcome = ingest_docx(&store, "good/two-column.docx").unwrap();
    let IngestOutcome::Added { resume, .. } = outcome else {
        panic!("added: {outcome:?}")
    };
    let (sha, id) = content_address(&bytes);
    assert_eq!(
        (resume.id.clone(), resume.sha256.clone()),
        (id.clone(), sha)
    );
    assert_eq!(resume.format, ResumeFormat::Docx);
    assert_eq!(resume.pages, 1);
    assert_eq!(resume.size_bytes, bytes.len() as u64);
    assert_eq!(
        resume.contact.email.as_deref(),
        Some("tomasz.ilunga@example.net")
    );
    // The original in blobs/docx, the text beside it, no PDF.
    let docx_path = dir.path().join(format!("blobs/docx/{id}.docx"));
    assert_eq!(std::fs::read(&docx_path).unwrap(), bytes);
    assert!(store.blobs().exists(BlobKind::Text, &id));
    assert!(!store.blobs().exists(BlobKind::Pdf, &id));
    assert_eq!(
        store.resume_original(&id).unwrap(),
        (ResumeFormat::Docx, bytes)
    );
    let err = store.resume_pdf(&id).unwrap_err();
    assert_eq!(err.code(), "invalid_input", "{err}");
    // Reopening finds every blob of it (per its format) and sweeps none.
    drop(store);
    let (store, report) = Store::open(dir.path()).unwrap();
    assert!(
        report.missing_blobs.is_empty(),
        "{:?}",
        report.missing_blobs
    );
    assert_eq!(report.swept.orphans_removed, 0);
    assert!(docx_path.exists());
    assert!(store.stats().unwrap().docx_bytes > 0);
}

#[test]
fn a_word_resume_reads_in_order_with_its_styled_headings_as_sections() {
    let dir = tempfile::tempdir().unwrap();
    let (store, _) = Store::open(dir.path()).unwrap();
    let id = ingest_docx(&store, "good/two-column.docx")
        .unwrap()
        .resume()
        .id
        .clone();
    let detail = store.resume_detail(&id).unwrap();
    let lines: Vec<&str> = detail.text.lines().collect();
    // Table cells row by row: the role, its dates, then the next row.
    let at = |s: &str| lines.iter().position(|l| *l == s).unwrap();
    assert!(at("Shift Manager, Northgate Distribution") < at("January 2020 – Present"));
    assert!(at("January 2020 – Present") < at("Team Leader, Harbour Freight"));
    assert!(at("Experience") < at("Education"));
    // The detail marks the styled headings (formatted text, no pages).
    let headings: Vec<&str> = detail
        .heading_lines
        .iter()
        .map(|&i| lines[i as usize])
        .collect();
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
    // The passages carry the sections the headings open.
    let passages = store.resume_passages(&id).unwrap();
    let in_section = |section: Section, needle: &str| {
        passages
            .iter()
            .any(|p| p.section == section && p.text.contains(needle))
    };
    assert!(in_section(Section::Experience, "Northgate Distribution"));
    assert!(in_section(Section::Education, "NVQ Level 4"));
    assert!(in_section(Section::Skills, "Manhattan WMS"));
    assert!(!in_section(Section::Experience, "NVQ"));
    // A PDF's detail has no heading lines.
    let pdf = ingest(&store, "good/carol_nguyen.pdf").unwrap();
    assert!(store
        .resume_detail(&pdf.resume().id)
        .unwrap()
        .heading_lines
        .is_empty());
}

#[test]
fn hidden_text_in_a_word_resume_is_flagged_as_in_a_pdf() {
    let dir = tempfile::tempdir().unwrap();
    let (store, _) = Store::open(dir.path()).unwrap();
    let resume = ingest_docx(&store, "good/hidden-text.docx")
        .unwrap()
        .resume()
        .clone();
    assert!(resume
        .warnings
        .contains(&shortlist_core::resume::ExtractionWarning::HiddenText));
    let text = store.resume_text(&resume.id).unwrap();
    assert!(!text.contains("Kubernetes"));
}

#[test]
fn a_word_resume_dropped_again_is_the_same_resume() {
    let dir = tempfile::tempdir().unwrap();
    let (store, _) = Store::open(dir.path()).unwrap();
    let first = ingest_docx(&store, "good/plain.docx").unwrap();
    assert!(matches!(first, IngestOutcome::Added { .. }));
    let reader = reader();
    let again = store
        .ingest_pdf(
            &tools_with(&reader, PdfLimits::default()),
            "Nadia CV (final).docx",
            docx("good/plain.docx"),
            t(20),
        )
        .unwrap();
    let IngestOutcome::Duplicate { resume, .. } = again else {
        panic!("duplicate: {again:?}")
    };
    assert_eq!(resume.id, first.resume().id);
    assert_eq!(resume.format, ResumeFormat::Docx);
    assert_eq!(
        resume.file_names.iter().collect::<Vec<_>>(),
        ["Nadia CV (final).docx", "plain.docx"]
    );
    assert_eq!(store.resumes().unwrap().len(), 1);
    assert_eq!(files_under(&dir.path().join("blobs")).len(), 2);
}

#[test]
fn erasing_a_word_resume_removes_its_docx_blob() {
    let dir = tempfile::tempdir().unwrap();
    let (store, _) = Store::open(dir.path()).unwrap();
    let id = ingest_docx(&store, "good/plain.docx")
        .unwrap()
        .resume()
        .id
        .clone();
    let kept = ingest_docx(&store, "good/two-column.docx")
        .unwrap()
        .resume()
        .id
        .clone();
    assert!(store.blobs().exists(BlobKind::Docx, &id));
    store.erase_resume(&id).unwrap();
    assert!(!store.blobs().exists(BlobKind::Docx, &id));
    assert!(!store.blobs().exists(BlobKind::Text, &id));
    assert!(store.blobs().exists(BlobKind::Docx, &kept));
    assert_eq!(files_under(&dir.path().join("blobs")).len(), 2);
}

#[test]
fn a_backup_with_word_resumes_restores_them_byte_for_byte() {
    let tmp = tempfile::tempdir().unwrap();
    let (store, _) = Store::open(tmp.path().join("data")).unwrap();
    let word = ingest_docx(&store, "good/plain.docx")
        .unwrap()
        .resume()
        .id
        .clone();
    let pdf = ingest(&store, "good/carol_nguyen.pdf")
        .unwrap()
        .resume()
        .id
        .clone();
    let archive = tmp.path().join("backup.tar");
    let manifest = store.backup(&archive, t(3)).unwrap();
    let paths: Vec<&str> = manifest.files.iter().map(|f| f.path.as_str()).collect();
    assert!(
        paths.contains(&format!("blobs/docx/{word}.docx").as_str()),
        "{paths:?}"
    );
    assert!(
        paths.contains(&format!("blobs/pdf/{pdf}.pdf").as_str()),
        "{paths:?}"
    );
    assert_eq!((manifest.resumes, manifest.files.len()), (2, 5));
    assert_eq!(backup::inspect(&archive).unwrap(), manifest);

    let target = tmp.path().join("restored");
    backup::restore(&archive, &target, t(4)).unwrap();
    let (restored, report) = Store::open(&target).unwrap();
    assert!(report.missing_blobs.is_empty());
    assert_eq!(
        restored.resume_original(&word).unwrap(),
        (ResumeFormat::Docx, docx("good/plain.docx"))
    );
    assert_eq!(
        restored.resume_text(&word).unwrap(),
        store.resume_text(&word).unwrap()
    );
    assert_eq!(restored.resume(&word).unwrap().format, ResumeFormat::Docx);
    assert_eq!(
        restored.resume_pdf(&pdf).unwrap(),
        fixture("good/carol_nguyen.pdf")
    );
}

#[test]
fn a_legacy_export_keeps_word_resumes_and_imports_them_back() {
    let tmp = tempfile::tempdir().unwrap();
    let (store, _) = Store::open(tmp.path().join("data")).unwrap();
    let word = ingest_docx(&store, "good/plain.docx")
        .unwrap()
        .resume()
        .id
        .clone();
    let out = tmp.path().join("export");
    store.export_legacy(&out).unwrap();
    let (other, _) = Store::open(tmp.path().join("other")).unwrap();
    let reader = reader();
    let report = other
        .import_legacy(&tools_with(&reader, PdfLimits::default()), &out, t(5))
        .unwrap();
    assert_eq!(report.resumes, 1, "{:?}", report.skipped);
    assert_eq!(
        other.resume_original(&word).unwrap(),
        (ResumeFormat::Docx, docx("good/plain.docx"))
    );
}

#[test]
fn folders_are_searched_for_word_files_and_a_legacy_doc_says_save_it_as_docx() {
    let (files, early) = import::collect_pdfs(&[docx_dir()]);
    assert!(early.is_empty());
    let names: Vec<String> = files
        .iter()
        .map(|p| p.file_name().unwrap().to_string_lossy().into_owned())
        .collect();
    for name in ["two-column.docx", "plain.docx", "legacy.doc", "macros.docm"] {
        assert!(names.contains(&name.to_owned()), "{name} in {names:?}");
    }
    let data = tempfile::tempdir().unwrap();
    let (store, _) = Store::open(data.path()).unwrap();
    let legacy = vec![docx_dir().join("bad/legacy.doc")];
    let reader = reader();
    let (results, _) = import::import_files(
        &store,
        &tools_with(&reader, PdfLimits::default()),
        &legacy,
        &AtomicBool::new(false),
        || t(0),
        |_, _, _| {},
    );
    match &results[0].status {
        FileStatus::Failed { code, reason } => {
            assert_eq!(code, "bad_docx");
            assert!(reason.contains("save it as .docx or PDF"), "{reason}");
        }
        other => panic!("legacy .doc refused: {other:?}"),
    }
    assert!(store.resumes().unwrap().is_empty());
}

#[test]
fn the_tag_refusal_message_was_unclear() {
    let dir = tempfile::tempdir().unwrap();
    let (store, _) = Store::open(dir.path()).unwrap();
    let IngestOutcome::Added { resume, .. } = ingest_docx(&store, "good/plain.docx").unwrap()
    else {
        panic!("added")
    };
    let refusal = |tag: &str| {
        store
            .add_tag(std::slice::from_ref(&resume.id), tag)
            .unwrap_err()
            .to_string()
    };
    assert_eq!(
        refusal("-urgent"),
        "tag: start the tag with a letter or digit, not - or + (a spreadsheet would read it as a formula)"
    );
    assert_eq!(
        refusal("night<shift>"),
        "tag: use only letters, digits, spaces and - _ + . # & / in a tag"
    );
    assert_eq!(
        store
            .add_tag(std::slice::from_ref(&resume.id), "C++ / C#")
            .unwrap(),
        1
    );
}

#[test]
fn an_empty_word_file_said_not_a_word_document_through_import() {
    let dir = tempfile::tempdir().unwrap();
    let (store, _) = Store::open(dir.path()).unwrap();
    let reader = reader();
    let tools = tools_with(&reader, PdfLimits::default());
    // A 0-byte file named .docx goes to the Word reader, which says it is empty.
    let err = store
        .ingest_pdf(&tools, "blank.docx", Vec::new(), t(10))
        .unwrap_err();
    assert_eq!(
        err.to_string(),
        "the Word document is empty: the file has no text"
    );
    assert_eq!(err.code(), shortlist_core::ErrorCode::BadDocx);
    // A blank page saved by a word processor has no text either.
    let err = store
        .ingest_pdf(
            &tools,
            "blank-page.docx",
            crate::docx::word_file(&[]),
            t(10),
        )
        .unwrap_err();
    assert!(err.to_string().contains("has no text"), "{err}");
    assert!(store.resumes().unwrap().is_empty());
}
