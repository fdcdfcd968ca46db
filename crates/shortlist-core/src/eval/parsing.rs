//! How well the parser reads names, emails and degrees, against the dataset's own labels.

use std::path::Path;

use serde::Serialize;
use time::OffsetDateTime;

use super::read_text;
use crate::error::Result;

/// How well the parser reads names, emails and degrees, against a set's `parse.tsv` (the
/// dataset's own labels).
#[derive(Debug, Clone, Default, Serialize)]
pub struct ParseReport {
    /// Resumes with a labelled name.
    pub names: usize,
    /// Names read exactly (case and spacing aside).
    pub names_right: usize,
    /// Something else taken for the name (a heading, a title, a place).
    pub names_wrong: usize,
    /// Resumes with a labelled email.
    pub emails: usize,
    /// Emails read exactly.
    pub emails_right: usize,
    /// Resumes with a labelled degree.
    pub degrees: usize,
    /// Of those, how many the parser found a degree in.
    pub degrees_found: usize,
}

/// Reads every resume of the set in `dir` and compares the parse with `parse.tsv`.
pub fn parsing(dir: &Path, now: OffsetDateTime) -> Result<ParseReport> {
    let labels = read_text(&dir.join("parse.tsv"))?;
    let mut r = ParseReport::default();
    let norm = |s: &str| crate::text::fold(&s.split_whitespace().collect::<Vec<_>>().join(" "));
    for line in labels.lines().filter(|l| !l.starts_with('#')) {
        let f: Vec<&str> = line.split('\t').collect();
        let [file, name, email, degree, ..] = f.as_slice() else {
            continue;
        };
        let text = read_text(&dir.join("resumes").join(file))?;
        let p = crate::profile::parse(&text, now.date());
        if !name.is_empty() {
            r.names += 1;
            match &p.contact.name {
                Some(n) if norm(n) == norm(name) => r.names_right += 1,
                Some(_) => r.names_wrong += 1,
                None => {}
            }
        }
        if !email.is_empty() {
            r.emails += 1;
            if p.contact.email.as_deref().map(norm) == Some(norm(email)) {
                r.emails_right += 1;
            }
        }
        if !degree.is_empty() {
            r.degrees += 1;
            if p.degree.is_some() {
                r.degrees_found += 1;
            }
        }
    }
    Ok(r)
}

impl ParseReport {
    /// The report as lines of text.
    pub fn table(&self) -> String {
        let pct = |a: usize, b: usize| 100.0 * a as f64 / b.max(1) as f64;
        format!(
            "parsing: names {}/{} right ({:.0} %), {} wrong; emails {}/{} ({:.0} %); degrees found {}/{} ({:.0} %)\n",
            self.names_right,
            self.names,
            pct(self.names_right, self.names),
            self.names_wrong,
            self.emails_right,
            self.emails,
            pct(self.emails_right, self.emails),
            self.degrees_found,
            self.degrees,
            pct(self.degrees_found, self.degrees),
        )
    }
}
