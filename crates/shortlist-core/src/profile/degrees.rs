//! The highest degree a resume says is held.

use crate::facts::{degree_in, DegreeLevel};

/// Words that make a degree line one not (yet) held.
const NOT_YET: [&str; 11] = [
    "expected",
    "admitted to",
    "doing corrections",
    "pursuing",
    "currently studying",
    "currently enrolled",
    "appearing",
    "anticipated",
    "candidate for",
    "in progress",
    "ongoing",
];

/// The highest degree held: as [`degree_in`], leaving out lines that speak of a degree still
/// to come ("Expected graduation 2027", "pursuing MBA").
pub fn degree_held(text: &str) -> Option<DegreeLevel> {
    let mut lines: Vec<&str> = text.lines().collect();
    // A flattened resume is one long line: judge it by sentences instead.
    if lines.len() <= 2 {
        lines = text.split(['.', ';', '|', '•']).collect();
    }
    lines
        .iter()
        .filter(|l| {
            let l = l.to_lowercase();
            !NOT_YET.iter().any(|w| l.contains(w))
        })
        .filter_map(|l| degree_in(l))
        .max()
}
