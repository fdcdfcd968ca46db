//! A job's shortlist as CSV: one row per candidate, best first, with the stage, the gates, tags,
//! notes and the skills found and missing. RFC 4180, and cells a spreadsheet would run as a
//! formula are neutralised ([`crate::csv`]). While the job is blind the name and contact
//! columns say "Candidate N" and nothing else.

use crate::analysis::{Analysis, Band};
use crate::csv;
use crate::workflow::gates::{GateResult, GateStatus};
use crate::workflow::pipeline::{Note, Stage};

/// One candidate of the shortlist, as the store gathers it.
#[derive(Debug, Clone)]
pub struct Row<'a> {
    /// The candidate's place in the job's whole ranking (kept when the export is filtered).
    pub rank: usize,
    pub analysis: &'a Analysis,
    pub stage: Stage,
    pub reason: Option<&'a str>,
    pub gates: &'a [GateResult],
    pub tags: &'a [String],
    pub notes: &'a [Note],
    /// "Candidate N" while blind, else the name shown in lists.
    pub shown_name: String,
}

/// The header line.
pub const HEADER: [&str; 19] = [
    "rank",
    "candidate",
    "email",
    "phone",
    "score",
    "band",
    "stage",
    "stage_reason",
    "gates_passed",
    "gates",
    "tags",
    "notes",
    "matched_skills",
    "missing_skills",
    "years",
    "degree",
    "job_id",
    "resume_id",
    "analysis_id",
];

fn band(b: Band) -> &'static str {
    match b {
        Band::Strong => "strong fit",
        Band::Possible => "possible fit",
        Band::Weak => "weak fit",
    }
}

fn gates_passed(gates: &[GateResult]) -> &'static str {
    if gates.is_empty() {
        ""
    } else if gates.iter().any(|g| g.status == GateStatus::Fail) {
        "no"
    } else if gates.iter().all(|g| g.status == GateStatus::Pass) {
        "yes"
    } else {
        "unknown"
    }
}

fn status(s: GateStatus) -> &'static str {
    match s {
        GateStatus::Pass => "pass",
        GateStatus::Fail => "fail",
        GateStatus::Unknown => "unknown",
    }
}

/// The whole CSV: header then `rows` in the order given (best first).
pub fn csv(rows: &[Row<'_>], blind: bool) -> String {
    let mut out = csv::row(&HEADER);
    for r in rows {
        let a = r.analysis;
        let (email, phone) = if blind {
            (String::new(), String::new())
        } else {
            (
                a.candidate.email.clone().unwrap_or_default(),
                a.candidate.phone.clone().unwrap_or_default(),
            )
        };
        let gates = r
            .gates
            .iter()
            .map(|g| format!("{}: {}", g.gate.describe(), status(g.status)))
            .collect::<Vec<_>>()
            .join("; ");
        let notes = r
            .notes
            .iter()
            .map(|n| {
                let at =
                    n.at.format(&time::format_description::well_known::Rfc3339)
                        .unwrap_or_default();
                format!("{at} {}", n.text)
            })
            .collect::<Vec<_>>()
            .join("\n");
        let matched = a
            .matched_skills
            .iter()
            .map(|s| s.skill.as_str())
            .collect::<Vec<_>>()
            .join("; ");
        let missing = a
            .missing_skills
            .iter()
            .map(|s| s.skill.as_str())
            .collect::<Vec<_>>()
            .join("; ");
        out.push_str(&csv::row(&[
            r.rank.to_string(),
            r.shown_name.clone(),
            email,
            phone,
            a.score.to_string(),
            band(a.band).to_owned(),
            r.stage.label().to_owned(),
            r.reason.unwrap_or_default().to_owned(),
            gates_passed(r.gates).to_owned(),
            gates,
            r.tags.join("; "),
            notes,
            matched,
            missing,
            format!("{:.1}", a.candidate.years),
            a.candidate
                .degree
                .map(|d| d.label().to_owned())
                .unwrap_or_default(),
            a.job_id.to_string(),
            a.resume_id.to_string(),
            a.id.to_string(),
        ]));
    }
    out
}

/// One resume of a library export, as the store gathers it (blind already applied).
#[derive(Debug, Clone)]
pub struct LibraryLine {
    /// The name shown ("Candidate N" or blank while blind).
    pub name: String,
    /// The file names it arrived under (none while blind).
    pub files: Vec<String>,
    /// "pdf" or "docx".
    pub format: &'static str,
    /// First import.
    pub added: time::OffsetDateTime,
    pub tags: Vec<String>,
    pub resume_id: crate::id::ResumeId,
    /// Resumes possibly of the same person.
    pub same_person: Vec<crate::id::ResumeId>,
}

/// The library export's header line.
pub const LIBRARY_HEADER: [&str; 7] = [
    "candidate",
    "file",
    "format",
    "added",
    "tags",
    "resume_id",
    "same_person",
];

/// The library CSV: header then `lines` in the order given. RFC 4180; cells a spreadsheet
/// would run as a formula are neutralised.
pub fn library_csv(lines: &[LibraryLine]) -> String {
    let mut out = csv::row(&LIBRARY_HEADER);
    for l in lines {
        out.push_str(&csv::row(&[
            l.name.clone(),
            l.files.join("; "),
            l.format.to_owned(),
            l.added
                .format(&time::format_description::well_known::Rfc3339)
                .unwrap_or_default(),
            l.tags.join("; "),
            l.resume_id.to_string(),
            l.same_person
                .iter()
                .map(|r| r.to_string())
                .collect::<Vec<_>>()
                .join("; "),
        ]));
    }
    out
}
