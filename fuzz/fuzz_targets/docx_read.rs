//! The DOCX reader on any bytes: no panic (the unguarded entry point, so a panic is a crash
//! here), and what it returns keeps its promises: no empty lines, headings point at lines,
//! errors are typed. Seeded with the fixtures of scripts/make-docx-fixtures.py.
#![no_main]

use libfuzzer_sys::fuzz_target;
use shortlist_core::docx::{self, DocxLimits};

fuzz_target!(|data: &[u8]| {
    // Small caps keep every input quick; the logic is the same as with the defaults.
    let limits = DocxLimits {
        max_part_bytes: 4 << 20,
        max_total_bytes: 8 << 20,
        max_text_chars: 200_000,
        ..DocxLimits::default()
    };
    if let Ok(e) = docx::extract_unguarded(data, limits) {
        let lines = e.text.lines().count();
        assert!(e.text.lines().all(|l| !l.trim().is_empty()));
        assert!(e.heading_lines.iter().all(|&i| (i as usize) < lines));
        assert!(e.visible_chars() > 0);
        assert!(e.text.chars().count() <= limits.max_text_chars + lines);
    }
});
