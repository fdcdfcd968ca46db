//! Hostile PDFs: a batch of more than a hundred bad files mixed with good ones goes through the
//! real import path (PDFium in worker processes). Every bad file gets a typed error, every good
//! one imports, nothing crashes, and the store is intact afterwards. The reader survives a
//! worker that crashes or hangs.

use std::io::Write;
use std::path::{Path, PathBuf};
use std::sync::atomic::AtomicBool;
use std::time::Duration;

use rand::{RngExt, SeedableRng};
use shortlist_core::import::{self, FileStatus};
use shortlist_core::pdf::{PdfLimits, PdfReader, WorkerSpec};
use shortlist_core::{Error, Store};

use crate::*;

/// A minimal PDF writer: numbered objects, a correct cross-reference table and trailer.
fn pdf(objects: &[Vec<u8>]) -> Vec<u8> {
    let mut out = b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n".to_vec();
    let mut offsets = Vec::new();
    for (i, body) in objects.iter().enumerate() {
        offsets.push(out.len());
        writeln!(out, "{} 0 obj", i + 1).unwrap();
        out.extend_from_slice(body);
        out.extend_from_slice(b"\nendobj\n");
    }
    let xref = out.len();
    write!(out, "xref\n0 {}\n0000000000 65535 f \n", objects.len() + 1).unwrap();
    for o in offsets {
        writeln!(out, "{o:010} 00000 n ").unwrap();
    }
    write!(
        out,
        "trailer\n<< /Size {} /Root 1 0 R >>\nstartxref\n{xref}\n%%EOF\n",
        objects.len() + 1
    )
    .unwrap();
    out
}

fn stream(dict: &str, data: &[u8]) -> Vec<u8> {
    let mut o = format!("<< {dict} /Length {} >>\nstream\n", data.len()).into_bytes();
    o.extend_from_slice(data);
    o.extend_from_slice(b"\nendstream");
    o
}

const FONT: &[u8] = b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>";

/// One page whose content stream is `content` (with `filter`, if any).
fn one_page(content: &[u8], filter: &str) -> Vec<u8> {
    pdf(&[
        b"<< /Type /Catalog /Pages 2 0 R >>".to_vec(),
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>".to_vec(),
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R /Resources << /Font << /F1 5 0 R >> >> >>".to_vec(),
        stream(filter, content),
        FONT.to_vec(),
    ])
}

/// Many distinct pages of text.
fn pages(n: usize) -> Vec<u8> {
    let mut objects = vec![
        b"<< /Type /Catalog /Pages 2 0 R >>".to_vec(),
        Vec::new(),
        FONT.to_vec(),
        stream(
            "",
            b"BT /F1 12 Tf 72 720 Td (Page of a very long file) Tj ET",
        ),
    ];
    let mut kids = String::new();
    for i in 0..n {
        kids.push_str(&format!("{} 0 R ", i + 5));
        objects.push(
            b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 200 200] /Contents 4 0 R /Resources << /Font << /F1 3 0 R >> >> >>".to_vec(),
        );
    }
    objects[1] = format!("<< /Type /Pages /Kids [{kids}] /Count {n} >>").into_bytes();
    pdf(&objects)
}

/// Files that must fail, by name.
fn bad_files(rng: &mut rand::rngs::StdRng) -> Vec<(String, Vec<u8>)> {
    let mut bad = Vec::new();
    for name in [
        "empty",
        "encrypted",
        "image_only_scan",
        "not_a_pdf",
        "truncated",
        "zero_pages",
    ] {
        bad.push((format!("{name}.pdf"), fixture(&format!("bad/{name}.pdf"))));
    }
    // Random bytes behind a PDF signature.
    for i in 0..40 {
        let len = rng.random_range(16..20_000usize);
        let mut bytes = b"%PDF-1.7\n".to_vec();
        bytes.extend((0..len).map(|_| rng.random::<u8>()));
        bad.push((format!("random_{i:02}.pdf"), bytes));
    }
    // Random PDF-looking tokens.
    let tokens: [&[u8]; 12] = [
        b"obj ",
        b"endobj ",
        b"<< ",
        b">> ",
        b"[ ",
        b"] ",
        b"stream\n",
        b"endstream ",
        b"/Type ",
        b"/Pages ",
        b"xref ",
        b"trailer ",
    ];
    for i in 0..20 {
        let mut bytes = b"%PDF-1.4\n".to_vec();
        for _ in 0..rng.random_range(10..3_000usize) {
            bytes.extend_from_slice(tokens[rng.random_range(0..tokens.len())]);
            bytes.extend_from_slice(rng.random_range(0..99_999u32).to_string().as_bytes());
            bytes.push(b' ');
        }
        bad.push((format!("tokens_{i:02}.pdf"), bytes));
    }
    // Deeply nested dictionaries and arrays.
    for depth in [1_000usize, 100_000, 1_000_000] {
        let mut dict = "<< /A ".repeat(depth);
        dict.push('1');
        dict.push_str(&" >>".repeat(depth));
        let mut bytes = pdf(&[
            b"<< /Type /Catalog /Pages 2 0 R >>".to_vec(),
            format!("<< /Type /Pages /Kids [3 0 R] /Count 1 /X {dict} >>").into_bytes(),
            b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] >>".to_vec(),
        ]);
        bad.push((
            format!("nested_dict_{depth}.pdf"),
            std::mem::take(&mut bytes),
        ));
        let arrays = format!("{}{}", "[".repeat(depth), "]".repeat(depth));
        bad.push((
            format!("nested_array_content_{depth}.pdf"),
            one_page(arrays.as_bytes(), ""),
        ));
    }
    // A page tree that refers to itself.
    bad.push((
        "page_tree_cycle.pdf".into(),
        pdf(&[
            b"<< /Type /Catalog /Pages 2 0 R >>".to_vec(),
            b"<< /Type /Pages /Kids [2 0 R 3 0 R] /Count 2 >>".to_vec(),
            b"<< /Type /Pages /Parent 2 0 R /Kids [2 0 R] /Count 1 >>".to_vec(),
        ]),
    ));
    // Enormous page counts: declared, and real (over the page limit).
    bad.push((
        "declared_million_pages.pdf".into(),
        pdf(&[
            b"<< /Type /Catalog /Pages 2 0 R >>".to_vec(),
            b"<< /Type /Pages /Kids [3 0 R] /Count 1000000 >>".to_vec(),
            b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] >>".to_vec(),
        ]),
    ));
    bad.push(("five_thousand_pages.pdf".into(), pages(5_000)));
    // A decompression bomb: 1.5 GB of zeros in a 1.5 MB content stream.
    let zeros = vec![0u8; 64 << 20];
    let mut bomb = Vec::new();
    {
        let mut e = flate2::write::ZlibEncoder::new(&mut bomb, flate2::Compression::best());
        for _ in 0..24 {
            e.write_all(&zeros).unwrap();
        }
        e.finish().unwrap();
    }
    bad.push((
        "flate_bomb.pdf".into(),
        one_page(&bomb, "/Filter /FlateDecode"),
    ));
    // Pages with no text at all, and with only white text.
    bad.push(("blank_page.pdf".into(), one_page(b"", "")));
    bad.push((
        "white_text_only.pdf".into(),
        one_page(
            b"BT 1 1 1 rg /F1 12 Tf 72 720 Td (keyword stuffing only) Tj ET",
            "",
        ),
    ));
    bad
}

/// Damaged copies of good files: PDFium repairs some of them, so they may import or fail, but
/// must do one of the two with a typed error.
fn damaged_files(rng: &mut rand::rngs::StdRng) -> Vec<(String, Vec<u8>)> {
    let mut out = Vec::new();
    // A cross-reference offset out of range (PDFium rebuilds the table).
    let mut wild = one_page(b"BT /F1 12 Tf 72 720 Td (x) Tj ET", "");
    let at = wild.windows(9).rposition(|w| w == b"startxref").unwrap();
    wild.truncate(at);
    wild.extend_from_slice(b"startxref\n99999999999\n%%EOF\n");
    out.push(("wild_startxref.pdf".into(), wild));
    for name in ["carol_nguyen", "bob_schmidt_multipage"] {
        let full = fixture(&format!("good/{name}.pdf"));
        for i in 1..16 {
            let cut = full.len() * i / 16;
            out.push((format!("{name}_cut_{i:02}.pdf"), full[..cut].to_vec()));
        }
        for i in 0..10 {
            let mut bytes = full.clone();
            for _ in 0..rng.random_range(1..64usize) {
                let at = rng.random_range(0..bytes.len());
                bytes[at] = rng.random::<u8>();
            }
            out.push((format!("{name}_flipped_{i:02}.pdf"), bytes));
        }
    }
    out
}

fn write_all(dir: &Path, files: &[(String, Vec<u8>)]) -> Vec<PathBuf> {
    files
        .iter()
        .map(|(name, bytes)| {
            let p = dir.join(name);
            std::fs::write(&p, bytes).unwrap();
            p
        })
        .collect()
}

#[test]
fn a_hundred_hostile_pdfs_fail_cleanly_and_good_ones_import() {
    let mut rng = rand::rngs::StdRng::seed_from_u64(2026);
    let input = tempfile::tempdir().unwrap();
    let bad = bad_files(&mut rng);
    let damaged = damaged_files(&mut rng);
    let good: Vec<(String, Vec<u8>)> = std::fs::read_dir(fixtures().join("good"))
        .unwrap()
        .map(|e| {
            let p = e.unwrap().path();
            (
                p.file_name().unwrap().to_string_lossy().into_owned(),
                std::fs::read(&p).unwrap(),
            )
        })
        .collect();
    assert!(bad.len() >= 70 && bad.len() + damaged.len() >= 100);
    // The hostile Word files of scripts/make-docx-fixtures.py (zip bombs, entities, macros,
    // encryption, thousands of parts, a legacy .doc…) and its good ones, in the same batch.
    let word_dir = crate::intake::docx_dir();
    let word = |sub: &str| -> Vec<(String, Vec<u8>)> {
        let mut out: Vec<(String, Vec<u8>)> = std::fs::read_dir(word_dir.join(sub))
            .unwrap()
            .map(|e| {
                let p = e.unwrap().path();
                let name = p.file_name().unwrap().to_string_lossy().into_owned();
                (format!("word-{name}"), std::fs::read(&p).unwrap())
            })
            .collect();
        out.sort();
        out
    };
    let bad_word = word("bad");
    let good_word = word("good");
    assert!(bad_word.len() >= 15 && good_word.len() >= 5);
    write_all(input.path(), &bad);
    write_all(input.path(), &damaged);
    write_all(input.path(), &good);
    write_all(input.path(), &bad_word);
    write_all(input.path(), &good_word);

    let data = tempfile::tempdir().unwrap();
    let (store, _) = Store::open(data.path()).unwrap();
    let job = job_ready(
        &store,
        "Acme",
        "Engineer",
        "Requirements: Python, SQL, 3+ years",
    );
    let (files, early) = import::collect_pdfs(&[input.path().to_owned()]);
    assert!(early.is_empty());
    let (results, cancelled) = import::import_files(
        &store,
        &tools_for(&reader(), &job),
        &files,
        &AtomicBool::new(false),
        || t(0),
        |_, _, _| {},
    );
    assert!(!cancelled);
    assert_eq!(
        results.len(),
        bad.len() + damaged.len() + good.len() + bad_word.len() + good_word.len()
    );
    let status = |name: &str| {
        &results
            .iter()
            .find(|r| r.path.file_name().unwrap() == name)
            .unwrap()
            .status
    };
    let mut added = 0;
    let mut reasons = std::collections::BTreeMap::new();
    for (name, _) in &bad {
        match status(name) {
            FileStatus::Failed { code, reason } => {
                assert_eq!(code, "bad_pdf", "{name}: {reason}");
                assert!(!reason.is_empty());
                *reasons.entry(reason.as_str()).or_insert(0) += 1;
            }
            other => panic!("{name} should fail: {other:?}"),
        }
    }
    for (name, _) in &good {
        match status(name) {
            FileStatus::Added { analysis, .. } => {
                assert!(analysis.is_some(), "{name} analysed");
                added += 1;
            }
            other => panic!("{name} should import: {other:?}"),
        }
    }
    let mut word_kinds = std::collections::BTreeSet::new();
    for (name, _) in &bad_word {
        match status(name) {
            FileStatus::Failed { code, reason } => {
                assert_eq!(code, "bad_docx", "{name}: {reason}");
                assert!(!reason.is_empty());
                word_kinds.insert(reason.as_str());
            }
            other => panic!("{name} should fail: {other:?}"),
        }
    }
    // Each kind of hostile file gets its own reason (not one catch-all).
    assert!(word_kinds.len() >= 12, "{word_kinds:#?}");
    for (name, _) in &good_word {
        match status(name) {
            FileStatus::Added { analysis, .. } => {
                assert!(analysis.is_some(), "{name} analysed");
                added += 1;
            }
            other => panic!("{name} should import: {other:?}"),
        }
    }
    let mut repaired = 0;
    for (name, _) in &damaged {
        match status(name) {
            FileStatus::Failed { code, .. } => assert_eq!(code, "bad_pdf", "{name}"),
            FileStatus::Added { .. } => repaired += 1,
            // A repaired copy may read exactly like the original's text but its bytes differ,
            // so it is never a duplicate of it; two damaged copies can coincide, though.
            FileStatus::Duplicate { .. } => {}
        }
    }
    eprintln!(
        "hostile batch: {} bad, {} damaged ({repaired} repaired by PDFium), {} good",
        bad.len(),
        damaged.len(),
        good.len()
    );
    for (reason, n) in &reasons {
        eprintln!("  {n:3} × {reason}");
    }
    assert_eq!(store.resumes().unwrap().len(), added + repaired);
    drop(store);
    let (store, report) = Store::open(data.path()).unwrap();
    assert_eq!(report.swept.orphans_removed, 0);
    assert!(report.missing_blobs.is_empty());
    assert_eq!(store.resumes().unwrap().len(), added + repaired);
    // The reader still works after all that.
    let text = reader()
        .extract(fixture("good/carol_nguyen.pdf"), PdfLimits::default())
        .unwrap()
        .text;
    assert!(text.contains("Carol"));
}

/// A stand-in worker (Python) that answers "ready" and then crashes or hangs on the first file.
fn fake_worker(dir: &Path, behaviour: &str) -> PathBuf {
    let script = dir.join(format!("worker_{behaviour}.py"));
    let body = format!(
        "#!/usr/bin/python3\nimport struct, sys, time\nmsg = b'{{\"reply\":\"ready\"}}'\n\
         sys.stdout.buffer.write(struct.pack('<I', len(msg)) + msg)\nsys.stdout.flush()\n\
         sys.stdin.buffer.read(4)\n\
         if '{behaviour}' == 'crash':\n    import os; os.abort()\nelse:\n    time.sleep(600)\n"
    );
    std::fs::write(&script, body).unwrap();
    let mut perms = std::fs::metadata(&script).unwrap().permissions();
    std::os::unix::fs::PermissionsExt::set_mode(&mut perms, 0o755);
    std::fs::set_permissions(&script, perms).unwrap();
    script
}

#[test]
fn a_reader_that_crashes_or_hangs_costs_one_file() {
    let dir = tempfile::tempdir().unwrap();
    let good = fixture("good/carol_nguyen.pdf");
    let lib = worker_spec().library;

    let crashing =
        PdfReader::start(WorkerSpec::new(fake_worker(dir.path(), "crash"), &lib)).unwrap();
    let err = crashing
        .extract_slice(&good, PdfLimits::default())
        .unwrap_err();
    assert!(matches!(err, Error::PdfReaderCrashed), "{err:?}");
    assert_eq!(err.code(), "bad_pdf");
    // The next file gets a new worker (which crashes again, being the same stand-in).
    let err = crashing
        .extract_slice(&good, PdfLimits::default())
        .unwrap_err();
    assert!(matches!(err, Error::PdfReaderCrashed), "{err:?}");

    let mut spec = WorkerSpec::new(fake_worker(dir.path(), "hang"), &lib);
    spec.timeout = Duration::from_millis(500);
    let hanging = PdfReader::start(spec).unwrap();
    let err = hanging
        .extract_slice(&good, PdfLimits::default())
        .unwrap_err();
    assert!(matches!(err, Error::PdfTimeout { .. }), "{err:?}");

    // A real worker killed from outside is replaced: the file it held fails, the next works.
    // (A copy of the worker under its own name, so only this test's worker is killed.)
    let own = dir.path().join("worker-to-kill");
    std::fs::copy(WORKER, &own).unwrap();
    let mut spec = WorkerSpec::new(&own, &lib);
    spec.workers = 1;
    let real = PdfReader::start(spec).unwrap();
    assert!(real.extract_slice(&good, PdfLimits::default()).is_ok());
    let killed = std::process::Command::new("pkill")
        .args(["-KILL", "-f", &own.to_string_lossy()])
        .status()
        .unwrap();
    assert!(killed.success(), "the idle worker was running");
    std::thread::sleep(Duration::from_millis(200));
    let err = real.extract_slice(&good, PdfLimits::default()).unwrap_err();
    assert!(matches!(err, Error::PdfReaderCrashed), "{err:?}");
    assert!(real.extract_slice(&good, PdfLimits::default()).is_ok());
}

#[test]
fn a_missing_pdfium_is_reported_when_the_reader_starts() {
    let err = PdfReader::start(WorkerSpec::new(WORKER, "/no/such/libpdfium.so")).unwrap_err();
    assert!(matches!(err, Error::AssetLoad { .. }), "{err:?}");
}

#[test]
fn pages_render_as_png_previews_in_the_worker() {
    let reader = reader();
    let pdf = fixture("good/bob_schmidt_multipage.pdf");
    let page = reader
        .render_page(&pdf, 2, 600, PdfLimits::default())
        .unwrap();
    assert_eq!(page.pages, 3);
    assert_eq!(page.width, 600);
    assert!(
        page.height > 700 && page.height < 900,
        "A4: {}",
        page.height
    );
    assert_eq!(&page.png[..8], b"\x89PNG\r\n\x1a\n");
    // Not a blank page: the text makes dark pixels.
    assert!(page.png.len() > 5_000, "{} bytes", page.png.len());
    let err = reader
        .render_page(&pdf, 3, 600, PdfLimits::default())
        .unwrap_err();
    assert!(matches!(err, Error::InvalidInput { .. }), "{err:?}");
    let err = reader
        .render_page(&fixture("bad/encrypted.pdf"), 0, 600, PdfLimits::default())
        .unwrap_err();
    assert!(matches!(err, Error::EncryptedPdf), "{err:?}");
    // The worker is still good after both errors.
    assert!(reader
        .render_page(&pdf, 0, 300, PdfLimits::default())
        .is_ok());
}
