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
    // A flattened resume is one long line: judge it by its pieces instead.
    if lines.len() <= 2 {
        lines = flat_pieces(text);
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

/// The pieces of a flattened resume: cut where a line or a sentence ended (a full stop and a
/// space, a run of spaces, ";", "|", "•"), never inside a dotted degree ("Ph.D.", "M.S.Ed.").
fn flat_pieces(text: &str) -> Vec<&str> {
    let mut pieces = Vec::new();
    let mut start = 0;
    let mut chars = text.char_indices().peekable();
    while let Some((i, c)) = chars.next() {
        let next = chars.peek().map(|&(_, n)| n);
        let cut = match c {
            ';' | '|' | '•' => true,
            '.' => next.is_none_or(char::is_whitespace),
            ' ' => next == Some(' '),
            _ => false,
        };
        if cut {
            pieces.push(&text[start..i]);
            start = i + c.len_utf8();
        }
    }
    pieces.push(&text[start..]);
    pieces.retain(|p| !p.trim().is_empty());
    pieces
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_flattened_resume_keeps_its_dotted_degrees() {
        // One line, as many real resumes reach us: the dots of "Ph.D." end no sentence.
        assert_eq!(
            degree_held("Education  Postdoctoral Fellowship  Ph.D. (Economics)  The Johns Hopkins University, 1983.  M.A. (Economics)"),
            Some(DegreeLevel::Doctorate)
        );
        assert_eq!(
            degree_held("Academic Degrees  Ph.D.  M.S.Ed.  B.A.    Syracuse University, 2001"),
            Some(DegreeLevel::Doctorate)
        );
        // A degree still to come is left out, the one held is kept.
        assert_eq!(
            degree_held("EDUCATION  PhD Candidate, currently pursuing my doctoral thesis  Bachelor of Technology [B.Tech], 2014"),
            Some(DegreeLevel::Bachelor)
        );
    }
}
