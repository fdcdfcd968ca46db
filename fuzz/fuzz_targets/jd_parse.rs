//! The job-description parser on any text: no panic, requirements drawn from the text.
#![no_main]

use libfuzzer_sys::fuzz_target;
use shortlist_core::jd;
use shortlist_core::lexicon::Lexicon;

fuzz_target!(|data: &[u8]| {
    let text = String::from_utf8_lossy(data);
    let profile = jd::parse(&text, Lexicon::shipped());
    // What the analysis embeds must be derivable from any parse.
    let _ = shortlist_core::analysis::requirement_texts(&profile);
});
