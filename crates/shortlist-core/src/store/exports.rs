//! Exports of a selection: the rows picked in the shortlist (the shortlist CSV's columns, only
//! those candidates) and the resumes picked in the library (a CSV of the library's rows).
//! Both respect blind screening as the window does.

use std::collections::HashSet;

use super::Store;
use crate::error::Result;
use crate::id::{JobId, ResumeId};
use crate::workflow::export;

impl Store {
    /// The shortlist CSV of `job` (the columns and neutralisation of
    /// [`Store::export_shortlist`]) holding only the candidates `resumes`, best first, each
    /// with their rank in the whole shortlist. A resume that is not a candidate of the job (not
    /// analysed against it, or erased meanwhile) is left out. While the job is blind (or with
    /// `blind`), names and contact details are left out.
    pub fn export_shortlist_selection(
        &self,
        job: &JobId,
        resumes: &[ResumeId],
        blind: bool,
    ) -> Result<String> {
        let wanted: HashSet<&ResumeId> = resumes.iter().collect();
        self.shortlist_csv(job, blind, |entry, _| wanted.contains(&entry.resume_id))
    }

    /// The library rows of `resumes` as CSV ([`export::library_csv`]), in the order given
    /// (each once; unknown IDs left out). While the current job is screened blind, a
    /// candidate not revealed for it is "Candidate N" (blank when not scored for that job),
    /// without file names; their tags and IDs stay.
    pub fn export_library_selection(&self, resumes: &[ResumeId]) -> Result<String> {
        let view = self.current_blind_view()?;
        let rows = self.library()?;
        let mut seen = HashSet::new();
        let mut out = Vec::new();
        for id in resumes {
            if !seen.insert(id) {
                continue;
            }
            let Some(row) = rows.iter().find(|r| &r.resume.id == id) else {
                continue;
            };
            let hidden = view.as_ref().and_then(|v| v.export_name(id));
            out.push(export::LibraryLine {
                name: match &hidden {
                    Some(label) => label.clone(),
                    None => row.resume.display_name().to_owned(),
                },
                files: match hidden {
                    Some(_) => Vec::new(),
                    None => row.resume.file_names.iter().cloned().collect(),
                },
                format: row.resume.format.extension(),
                added: row.resume.first_seen,
                tags: self.tags(id)?,
                resume_id: id.clone(),
                same_person: row.same_person.clone(),
            });
        }
        Ok(export::library_csv(&out))
    }
}
