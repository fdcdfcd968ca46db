//! Word resumes: the committed fixtures of scripts/make-docx-fixtures.py read by the DOCX
//! reader. The good ones give their text in reading order, their styled headings and their
//! hidden-character count; each hostile or unreadable one gets its own typed error, whose
//! message holds none of the document's text; no damaged variant of a good file panics.

use std::path::{Path, PathBuf};

use shortlist_core::docx::{self, DocxError, DocxLimits, ExtractedDocx};
use shortlist_core::pdf::ExtractedPdf;
use shortlist_core::profile::{self, Section};
use shortlist_core::resume::{warnings_for, ExtractionWarning};

fn docx_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../../tests/fixtures/docx")
}

fn bytes(rel: &str) -> Vec<u8> {
    std::fs::read(docx_dir().join(rel)).expect("fixture exists (scripts/make-docx-fixtures.py)")
}

fn read(rel: &str) -> Result<ExtractedDocx, DocxError> {
    docx::extract(&bytes(rel), DocxLimits::default())
}

fn lines(e: &ExtractedDocx) -> Vec<&str> {
    e.text.lines().collect()
}

fn today() -> time::Date {
    time::macros::date!(2026 - 12 - 01)
}

#[test]
fn plain_resume_reads_paragraph_by_paragraph_with_headings_from_its_styles() {
    let e = read("good/plain.docx").unwrap();
    assert_eq!(
        lines(&e),
        [
            "Nadia Varga",
            "nadia.varga@example.com | +44 20 7946 0321 | Leeds, United Kingdom",
            "Summary",
            "Payroll specialist with nine years of UK payroll for 500+ employees across three sites, month-end close & HMRC RTI submissions.",
            "Experience",
            "Senior Payroll Analyst, Calder Foods Ltd\tMarch 2019 – Present",
            "Ran weekly and monthly payroll for 640 employees; cut correction runs by 40%.",
            "Led the move from Sage 50 to Sage Payroll Cloud.",
            "Payroll Officer, Wharfe Logistics\tJune 2015 – February 2019",
            "Processed starters, leavers and statutory sick pay.",
            "Education",
            "BA (Hons) Accounting and Finance, University of Leeds, 2015",
            "Skills",
            // A line break inside a paragraph starts a line.
            "Sage Payroll, Excel (pivot tables, XLOOKUP), HMRC RTI,",
            "pensions auto-enrolment, CIPP Foundation Degree",
        ]
    );
    assert_eq!(
        e.headings(),
        [
            "Nadia Varga",
            "Summary",
            "Experience",
            "Education",
            "Skills"
        ]
    );
    assert_eq!(e.hidden_chars, 0);

    // The text feeds the resume parser as PDF text does.
    let parsed = profile::parse(&e.text, today());
    assert_eq!(
        parsed.contact.email.as_deref(),
        Some("nadia.varga@example.com")
    );
    assert!(parsed.contact.phone.is_some());
    let found: Vec<Section> = parsed.sections.iter().map(|s| s.section).collect();
    for s in [
        Section::Summary,
        Section::Experience,
        Section::Education,
        Section::Skills,
    ] {
        assert!(found.contains(&s), "{s:?} in {found:?}");
    }
    // March 2019 – Present and June 2015 – February 2019: over 11 years.
    assert!(
        parsed.years > 11.0 && parsed.years < 12.5,
        "{}",
        parsed.years
    );
}

#[test]
fn two_column_table_reads_row_by_row_and_cell_by_cell() {
    let e = read("good/two-column.docx").unwrap();
    assert_eq!(
        lines(&e),
        [
            // White text on the dark banner row is visible, not hidden.
            "Tomasz Ilunga",
            "tomasz.ilunga@example.net · 0161 496 0734 · Manchester",
            "Profile",
            "Warehouse operations lead with nine years in high-volume distribution.",
            "Experience",
            "Shift Manager, Northgate Distribution",
            "January 2020 – Present",
            "Led a team of 24 pickers and 6 drivers; on-time dispatch up from 91% to 98%.",
            "Team Leader, Harbour Freight",
            "2016 – 2019",
            "Education",
            "NVQ Level 4 in Logistics Operations Management, 2015",
            "Skills",
            "Manhattan WMS, SAP EWM, counterbalance forklift licence, lean, 5S",
            "Available from March 2027.",
        ]
    );
    // "Section Head" is based on Heading 2; "Kop1" is Word's Dutch ID of "heading 1".
    assert_eq!(
        e.headings(),
        [
            "Tomasz Ilunga",
            "Profile",
            "Experience",
            "Education",
            "Skills"
        ]
    );
    assert_eq!(e.hidden_chars, 0);

    let parsed = profile::parse(&e.text, today());
    let experience = parsed
        .sections
        .iter()
        .find(|s| s.section == Section::Experience)
        .expect("an experience section");
    assert!(experience.text.contains("Northgate Distribution"));
    assert!(
        !experience.text.contains("NVQ"),
        "education is its own section"
    );
    assert!(parsed.years > 9.0, "{}", parsed.years);
}

#[test]
fn header_text_box_and_footer_come_in_reading_order_once_each() {
    let e = read("good/textbox-header-footer.docx").unwrap();
    assert_eq!(
        lines(&e),
        [
            // The header (its first-page copy is the same and is read once).
            "Amara Castellanos",
            "amara.castellanos@example.org · +1 555 0142 · Austin, TX",
            "Summary",
            "Registered nurse with seven years in emergency and urgent care.",
            // The text box where it is anchored, without its VML fallback copy.
            "Skills",
            "Triage, Epic EHR, IV therapy, ACLS, patient education",
            "Experience",
            "Charge Nurse, St. Brigid Medical Center\t2021 – Present",
            "Staff Nurse, Lakeview Urgent Care\t2017 – 2021",
            "Education",
            "BSN, University of Texas at Austin, 2017",
            // The footer: the PAGE field's result, not its code.
            "References available on request · Page 1",
        ]
    );
    assert_eq!(
        e.headings(),
        [
            "Amara Castellanos",
            "Summary",
            "Skills",
            "Experience",
            "Education"
        ]
    );
    let parsed = profile::parse(&e.text, today());
    assert_eq!(
        parsed.contact.email.as_deref(),
        Some("amara.castellanos@example.org")
    );
    assert!(parsed
        .sections
        .iter()
        .any(|s| s.section == Section::Skills && s.text.contains("Epic EHR")));
}

#[test]
fn hidden_white_tiny_and_hidden_style_text_is_dropped_and_counted() {
    let e = read("good/hidden-text.docx").unwrap();
    let hidden = [
        "Python Kubernetes Terraform AWS",
        "machine learning expert",
        "Stanford MIT Google",
        "CEO founder Harvard",
    ];
    for h in hidden {
        for word in h.split(' ') {
            assert!(!e.text.contains(word), "{word} leaked into the text");
        }
    }
    let expected: usize = hidden
        .iter()
        .map(|h| h.chars().filter(|c| !c.is_whitespace()).count())
        .sum();
    assert_eq!(e.hidden_chars as usize, expected);
    assert_eq!(
        lines(&e),
        [
            "Jonah Whitfield-Osei",
            "jonah.whitfield@example.com · +44 113 496 0288",
            "Experience",
            "Junior Data Analyst, Aire Insurance\tSeptember 2023 – Present",
            "Built weekly claims dashboards in Power BI.",
            "Education",
            "BSc Mathematics, University of Hull, 2023",
            // A run that switches its style's vanish off is shown.
            "Skills: SQL, Power BI, Excel",
        ]
    );
    // As a PDF's, the hidden count earns the warning.
    let pdf_like = ExtractedPdf::from(e);
    assert_eq!(pdf_like.hidden_chars as usize, expected);
    assert!(warnings_for(&pdf_like.page_chars, pdf_like.hidden_chars)
        .contains(&ExtractionWarning::HiddenText));
}

#[test]
fn extracted_docx_converts_to_what_pdf_import_produces() {
    let e = read("good/plain.docx").unwrap();
    let visible = e.visible_chars();
    let text = e.text.clone();
    let pdf_like: ExtractedPdf = e.into();
    assert_eq!(pdf_like.pages, 1);
    assert_eq!(pdf_like.text, text);
    assert!(!pdf_like.text.contains('\x0c'));
    assert_eq!(pdf_like.page_chars, [visible as u32]);
    assert_eq!(pdf_like.visible_chars(), visible);
    assert!(warnings_for(&pdf_like.page_chars, pdf_like.hidden_chars).is_empty());
}

#[test]
fn every_hostile_or_unreadable_file_gets_its_typed_error() {
    let limits = DocxLimits::default();
    let cases: [(&str, DocxError); 15] = [
        ("bad/not-a-zip.docx", DocxError::NotZip),
        (
            "bad/truncated.docx",
            DocxError::Damaged {
                what: "its zip directory is invalid",
            },
        ),
        ("bad/encrypted.docx", DocxError::Encrypted),
        ("bad/legacy.doc", DocxError::LegacyDoc),
        ("bad/macros.docm", DocxError::MacroEnabled),
        ("bad/macros-only.docx", DocxError::MacroEnabled),
        ("bad/missing-document.docx", DocxError::MissingDocument),
        ("bad/entities.docx", DocxError::Doctype),
        (
            "bad/deep-nesting.docx",
            DocxError::TooDeep {
                limit: limits.max_depth,
            },
        ),
        (
            "bad/many-parts.docx",
            DocxError::TooManyParts {
                count: 1203,
                limit: limits.max_parts as u64,
            },
        ),
        // Its end record claims 3 entries; the zip reader alone would index only those.
        (
            "bad/many-parts-lying-count.docx",
            DocxError::TooManyParts {
                count: 1203,
                limit: limits.max_parts as u64,
            },
        ),
        (
            "bad/bomb-ratio.docx",
            DocxError::ZipBomb {
                limit: limits.max_ratio,
            },
        ),
        // The same bomb with headers that claim 2,000 bytes: inflating stops at the claim and
        // the checksum fails; nothing is allocated from a header's word.
        (
            "bad/bomb-lying-size.docx",
            DocxError::Damaged {
                what: "one of its parts is truncated or fails its checksum",
            },
        ),
        (
            "bad/huge-text.docx",
            DocxError::TooMuchText {
                limit: limits.max_text_chars,
            },
        ),
        ("bad/no-text.docx", DocxError::NoText),
    ];
    // Every file is checked before the test fails, so one run lists every wrong answer.
    let mut wrong = Vec::new();
    for (file, expected) in cases {
        match read(file) {
            Err(got) if got == expected => {}
            got => wrong.push(format!("{file}: expected {expected:?}, got {got:?}")),
        }
        let message = expected.to_string();
        for text in ["Open me", "enable content", "lol9", "short resume", "Nadia"] {
            assert!(!message.contains(text), "{file}: {message}");
        }
    }
    assert!(wrong.is_empty(), "{}", wrong.join("\n"));
    assert!(DocxError::LegacyDoc
        .to_string()
        .contains("save it as .docx or PDF"));
}

#[test]
fn size_caps_stop_a_read_whatever_the_headers_say() {
    // The whole file.
    let small = DocxLimits {
        max_bytes: 1000,
        ..DocxLimits::default()
    };
    let plain = bytes("good/plain.docx");
    assert_eq!(
        docx::extract(&plain, small),
        Err(DocxError::TooLarge {
            size: plain.len() as u64,
            limit: 1000
        })
    );
    // One part, inflating past its cap (1.2 MB of text at 54:1, under the ratio limit).
    let part_cap = DocxLimits {
        max_part_bytes: 512 * 1024,
        ..DocxLimits::default()
    };
    assert_eq!(
        docx::extract(&bytes("bad/huge-text.docx"), part_cap),
        Err(DocxError::ExpandsTooLarge { limit: 512 * 1024 })
    );
    // All parts together.
    let total_cap = DocxLimits {
        max_total_bytes: 4096,
        ..DocxLimits::default()
    };
    assert_eq!(
        docx::extract(&plain, total_cap),
        Err(DocxError::ExpandsTooLarge { limit: 4096 })
    );
    // A limit on parts that a good file is over.
    let few_parts = DocxLimits {
        max_parts: 4,
        ..DocxLimits::default()
    };
    assert_eq!(
        docx::extract(&plain, few_parts),
        Err(DocxError::TooManyParts { count: 5, limit: 4 })
    );
    // The ratio limit is what stops the bomb (16 MiB of spaces) at its first MiB; without it
    // a part cap under 16 MiB does.
    let no_ratio = DocxLimits {
        max_ratio: u32::MAX,
        max_part_bytes: 8 << 20,
        ..DocxLimits::default()
    };
    assert_eq!(
        docx::extract(&bytes("bad/bomb-ratio.docx"), no_ratio),
        Err(DocxError::ExpandsTooLarge { limit: 8 << 20 })
    );
}

#[test]
fn looks_like_word_tells_packages_and_office_files_from_anything_else() {
    assert!(docx::looks_like_word(&bytes("good/plain.docx")));
    assert!(docx::looks_like_word(&bytes("bad/legacy.doc")));
    assert!(docx::looks_like_word(&bytes("bad/encrypted.docx")));
    assert!(!docx::looks_like_word(&bytes("bad/not-a-zip.docx")));
    assert!(!docx::looks_like_word(b"%PDF-1.7\n"));
}

#[test]
fn damaged_variants_of_good_files_never_panic() {
    // Every truncation and a spread of single-byte corruptions of each good file: a typed
    // error or some text, never a panic (the unguarded entry point lets a panic through).
    for name in [
        "good/plain.docx",
        "good/two-column.docx",
        "good/textbox-header-footer.docx",
        "good/hidden-text.docx",
    ] {
        let good = bytes(name);
        for cut in 0..good.len() {
            let _ = docx::extract_unguarded(&good[..cut], DocxLimits::default());
        }
        for at in (0..good.len()).step_by(7) {
            for flip in [0x01u8, 0x80, 0xFF] {
                let mut bad = good.clone();
                bad[at] ^= flip;
                let _ = docx::extract_unguarded(&bad, DocxLimits::default());
            }
        }
    }
}

/// `good/plain.docx` with its document part rewritten by `edit`, stored deflated.
fn with_document(edit: impl Fn(&str) -> String) -> Vec<u8> {
    use std::io::{Read, Write};
    let mut archive = zip::ZipArchive::new(std::io::Cursor::new(bytes("good/plain.docx"))).unwrap();
    let mut out = zip::ZipWriter::new(std::io::Cursor::new(Vec::new()));
    for i in 0..archive.len() {
        let mut entry = archive.by_index(i).unwrap();
        let name = entry.name().unwrap().into_owned();
        let mut data = Vec::new();
        entry.read_to_end(&mut data).unwrap();
        if name == "word/document.xml" {
            data = edit(&String::from_utf8(data).unwrap()).into_bytes();
        }
        let options = zip::write::SimpleFileOptions::default()
            .compression_method(zip::CompressionMethod::Deflated)
            .compression_level(Some(9));
        out.start_file(name, options).unwrap();
        out.write_all(&data).unwrap();
    }
    out.finish().unwrap().into_inner()
}

#[test]
fn a_15_kb_word_file_that_unpacks_to_4_mb_was_called_a_zip_bomb() {
    // 4 MB of layout whitespace in the body: about 300:1, harmless at this size.
    let file =
        with_document(|xml| xml.replace("</w:body>", &format!("{}</w:body>", " ".repeat(4 << 20))));
    assert!(file.len() < 32 * 1024, "{} bytes", file.len());
    let read = docx::extract(&file, DocxLimits::default()).expect("read, not refused");
    assert_eq!(read.text, read_plain_text());
    // Past the floor the ratio still stops a bomb (16 MiB of spaces, about 1000:1).
    assert_eq!(
        read_bomb(),
        Err(DocxError::ZipBomb {
            limit: DocxLimits::default().max_ratio
        })
    );
}

fn read_plain_text() -> String {
    read("good/plain.docx").unwrap().text
}

fn read_bomb() -> Result<ExtractedDocx, DocxError> {
    read("bad/bomb-ratio.docx")
}

#[test]
fn deep_nesting_past_a_mib_was_reported_as_a_zip_bomb() {
    // 60,000 levels of content controls: 2.5 MB of XML that compresses 1000:1.
    let open = "<w:sdt><w:sdtContent>".repeat(60_000);
    let close = "</w:sdtContent></w:sdt>".repeat(60_000);
    let file = with_document(|xml| {
        let body = xml.find("<w:body>").unwrap() + "<w:body>".len();
        format!("{}{open}{close}{}", &xml[..body], &xml[body..])
    });
    assert_eq!(
        docx::extract(&file, DocxLimits::default()).map(|d| d.text),
        Err(DocxError::TooDeep {
            limit: DocxLimits::default().max_depth
        })
    );
}

#[test]
fn docx_refusal_messages_showed_raw_byte_counts() {
    let too_large = DocxError::TooLarge {
        size: 15 * 1024,
        limit: 4 * 1024 * 1024,
    };
    assert_eq!(
        too_large.to_string(),
        "the file is too large (15 KB; the limit is 4 MB)"
    );
    assert_eq!(
        DocxError::ExpandsTooLarge { limit: 32 << 20 }.to_string(),
        "the Word document unpacks to more than 32 MB and was refused"
    );
    assert_eq!(docx::size_text(&512), "512 bytes");
    assert_eq!(docx::size_text(&(1536 * 1024)), "1.5 MB");
    assert_eq!(docx::size_text(&(50 * 1024 * 1024)), "50 MB");
    // A dropped file over the import limit says it the same way.
    let err = shortlist_core::Error::PdfTooLarge {
        size: 3 << 30,
        limit: 50 << 20,
    };
    assert_eq!(
        err.to_string(),
        "the file is too large (3 GB; the limit is 50 MB)"
    );
}

/// A Word file as a word processor saves it, made here with the zip writer: the content
/// types, the package relationship and a main document of one paragraph per string (none: a
/// document with no text, as Word saves a blank page).
pub fn word_file(paragraphs: &[&str]) -> Vec<u8> {
    use std::io::Write;
    const W: &str = "http://schemas.openxmlformats.org/wordprocessingml/2006/main";
    let body: String = paragraphs
        .iter()
        .map(|p| format!("<w:p><w:r><w:t xml:space=\"preserve\">{p}</w:t></w:r></w:p>"))
        .collect();
    let parts = [
        (
            "[Content_Types].xml",
            "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\
             <Types xmlns=\"http://schemas.openxmlformats.org/package/2006/content-types\">\
             <Default Extension=\"rels\" ContentType=\"application/vnd.openxmlformats-package.relationships+xml\"/>\
             <Default Extension=\"xml\" ContentType=\"application/xml\"/>\
             <Override PartName=\"/word/document.xml\" ContentType=\"application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml\"/>\
             </Types>"
                .to_owned(),
        ),
        (
            "_rels/.rels",
            "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\
             <Relationships xmlns=\"http://schemas.openxmlformats.org/package/2006/relationships\">\
             <Relationship Id=\"rId1\" Type=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument\" Target=\"word/document.xml\"/>\
             </Relationships>"
                .to_owned(),
        ),
        (
            "word/document.xml",
            format!(
                "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\
                 <w:document xmlns:w=\"{W}\"><w:body>{body}<w:p/>\
                 <w:sectPr><w:pgSz w:w=\"11906\" w:h=\"16838\"/></w:sectPr></w:body></w:document>"
            ),
        ),
    ];
    let mut zip = zip::ZipWriter::new(std::io::Cursor::new(Vec::new()));
    let options = zip::write::SimpleFileOptions::default()
        .compression_method(zip::CompressionMethod::Deflated);
    for (name, xml) in parts {
        zip.start_file(name, options).expect("zip entry");
        zip.write_all(xml.as_bytes()).expect("zip write");
    }
    zip.finish().expect("zip").into_inner()
}

#[test]
fn an_empty_word_file_said_not_a_word_document() {
    // A blank document saved by a word processor: a valid package with no text.
    let blank = word_file(&[]);
    assert_eq!(
        docx::extract(&blank, DocxLimits::default()),
        Err(DocxError::NoText)
    );
    // The file a file manager's "New → Word document" leaves (0 bytes, which Word opens as
    // a blank page), and one of blank lines only: empty, so no text, not "not a Word file".
    for empty in [&b""[..], b"\n", b"  \r\n"] {
        let got = docx::extract(empty, DocxLimits::default());
        assert_eq!(got, Err(DocxError::Empty), "{empty:?}");
        let message = DocxError::Empty.to_string();
        assert!(
            message.contains("empty") && message.contains("no text"),
            "{message}"
        );
    }
    // Bytes that are not a zip at all are still not a Word document; a zip cut short is
    // damaged.
    assert_eq!(
        docx::extract(b"hello, this is text", DocxLimits::default()),
        Err(DocxError::NotZip)
    );
    let cut = &blank[..blank.len() / 2];
    assert!(
        matches!(
            docx::extract(cut, DocxLimits::default()),
            Err(DocxError::Damaged { .. })
        ),
        "{:?}",
        docx::extract(cut, DocxLimits::default())
    );
    // With text, the same writer's file reads.
    let one = word_file(&["Nadia Varga", "Payroll specialist"]);
    assert_eq!(
        lines(&docx::extract(&one, DocxLimits::default()).unwrap()),
        ["Nadia Varga", "Payroll specialist"]
    );
}
