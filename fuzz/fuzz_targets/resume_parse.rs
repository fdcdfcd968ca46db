//! The resume parser (sections, date ranges, contact details) and the passage splitter on any
//! text: no panic, years of experience finite and not negative.
#![no_main]

use libfuzzer_sys::fuzz_target;
use shortlist_core::{analysis, profile};

fuzz_target!(|data: &[u8]| {
    let text = String::from_utf8_lossy(data);
    let today = time::macros::date!(2026 - 11 - 22);
    let parsed = profile::parse(&text, today);
    assert!(
        parsed.years.is_finite() && parsed.years >= 0.0,
        "{}",
        parsed.years
    );
    let _ = analysis::passages(&parsed);
});
