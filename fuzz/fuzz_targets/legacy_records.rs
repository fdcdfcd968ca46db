//! The readers of the web version's files on any input: no panic, and every ID they return
//! is one that validates again (nothing unchecked reaches a path or a key).
#![no_main]

use libfuzzer_sys::fuzz_target;
use shortlist_core::id::{AnalysisId, FeedbackId, JobId, ResumeId};
use shortlist_core::legacy;

fuzz_target!(|data: &[u8]| {
    let text = String::from_utf8_lossy(data);
    if let Ok(job) = legacy::parse_job(&text) {
        assert!(JobId::parse(job.id.as_str()).is_ok());
    }
    let _ = legacy::parse_current_job(&text);
    if let Ok((resumes, _)) = legacy::parse_resume_index(&text) {
        for r in resumes {
            assert!(ResumeId::parse(r.id.as_str()).is_ok());
        }
    }
    if let Ok(a) = legacy::parse_analysis(&text) {
        assert!(AnalysisId::parse(a.id.as_str()).is_ok());
        assert!(a.score.is_none_or(|s| s <= 100));
    }
    if let Ok(f) = legacy::parse_interaction(&text) {
        assert!(FeedbackId::parse(f.id.as_str()).is_ok());
        assert!((1..=5).contains(&f.rating));
    }
});
