//! "Possibly the same person" on real files: the committed PDF fixtures (read by PDFium in
//! its workers) and Word fixtures (the DOCX reader), parsed as import parses them.

use shortlist_core::docx::{self, DocxLimits};
use shortlist_core::identity::{same_person, Identity, SameBy};
use shortlist_core::pdf::PdfLimits;
use shortlist_core::profile;

use crate::*;

fn today() -> time::Date {
    time::macros::date!(2026 - 12 - 01)
}

fn of_text(text: &str) -> Identity {
    let parsed = profile::parse(text, today());
    Identity::of(&parsed.contact, &parsed)
}

fn of_pdf(path: &std::path::Path) -> Identity {
    let bytes = std::fs::read(path).unwrap();
    let extracted = reader().extract(bytes, PdfLimits::default()).unwrap();
    of_text(&extracted.text)
}

fn of_docx(rel: &str) -> Identity {
    let path = fixtures().join("../docx").join(rel);
    let bytes = std::fs::read(path).unwrap();
    of_text(&docx::extract(&bytes, DocxLimits::default()).unwrap().text)
}

#[test]
fn an_updated_word_cv_is_linked_to_the_pdf_of_the_same_person() {
    // New email, new phone, a new job on top: only the name and the earlier roles are shared.
    let pdf = of_pdf(&fixtures().join("good/carol_nguyen.pdf"));
    let word = of_docx("good/carol-nguyen-2026.docx");
    assert_ne!(pdf.email, word.email);
    assert_ne!(pdf.phone, word.phone);
    assert_eq!(same_person(&pdf, &word), [SameBy::NameAndHistory]);
}

#[test]
fn the_fixture_people_are_never_linked_to_one_another() {
    let mut people: Vec<(String, Identity)> = Vec::new();
    for dir in ["good", "../eval/resumes"] {
        let mut paths: Vec<_> = std::fs::read_dir(fixtures().join(dir))
            .unwrap()
            .map(|e| e.unwrap().path())
            .filter(|p| p.extension().is_some_and(|e| e == "pdf"))
            .collect();
        paths.sort();
        for p in paths {
            people.push((p.display().to_string(), of_pdf(&p)));
        }
    }
    for rel in [
        "good/plain.docx",
        "good/two-column.docx",
        "good/textbox-header-footer.docx",
        "good/hidden-text.docx",
    ] {
        people.push((rel.to_string(), of_docx(rel)));
    }
    assert!(people.len() >= 24, "{}", people.len());
    let mut linked = Vec::new();
    for (i, (a, x)) in people.iter().enumerate() {
        if x.email.is_some() {
            assert!(
                same_person(x, x).contains(&SameBy::Email),
                "{a} with itself"
            );
        }
        for (b, y) in &people[i + 1..] {
            let by = same_person(x, y);
            if !by.is_empty() {
                linked.push(format!("{a} ~ {b}: {by:?}"));
            }
        }
    }
    assert!(linked.is_empty(), "{}", linked.join("\n"));
}
