//! ID validation, which runs before any file or key is built from outside input: whatever it
//! accepts is plain lowercase hex with the right prefix, never a path.
#![no_main]

use libfuzzer_sys::fuzz_target;
use shortlist_core::id::{AnalysisId, FeedbackId, JobId, ResumeId};

fn plain(s: &str, prefix: &str, hex: usize) {
    let rest = s.strip_prefix(prefix).expect("prefix");
    assert_eq!(rest.len(), hex);
    assert!(rest
        .bytes()
        .all(|b| b.is_ascii_digit() || (b'a'..=b'f').contains(&b)));
}

fuzz_target!(|data: &[u8]| {
    let Ok(s) = std::str::from_utf8(data) else {
        return;
    };
    if let Ok(id) = JobId::parse(s) {
        plain(id.as_str(), "", 8);
    }
    if let Ok(id) = ResumeId::parse(s) {
        plain(id.as_str(), "resume_", 12);
    }
    if let Ok(id) = AnalysisId::parse(s) {
        plain(id.as_str(), "", 12);
    }
    if let Ok(id) = FeedbackId::parse(s) {
        plain(id.as_str(), "fb_", 12);
    }
});
