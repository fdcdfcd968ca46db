//! The Search screen (the whole library by meaning and by words) and the jobs list's search
//! by meaning.

use shortlist_core::job::JobSummary;
use shortlist_core::store::{LibraryFilters, LibraryHit};
use shortlist_core::ResumeId;
use tauri::State;

use super::{with_model, with_store, CmdResult};
use crate::state::AppState;

/// Candidates matching `query`, or like the resume `like` when given, with their passages.
#[tauri::command]
pub async fn search_library(
    state: State<'_, AppState>,
    query: String,
    filters: LibraryFilters,
    limit: usize,
    like: Option<String>,
) -> CmdResult<Vec<LibraryHit>> {
    match like {
        Some(id) => {
            let id = ResumeId::parse(&id)?;
            with_store(&state, move |s| s.search_like(&id, &filters, limit)).await
        }
        None => {
            with_model(&state, move |s, model| {
                s.search_library(model, &query, &filters, limit)
            })
            .await
        }
    }
}

/// The jobs list's search: by words and by meaning.
#[tauri::command]
pub async fn search_jobs(
    state: State<'_, AppState>,
    query: String,
    include_archived: bool,
) -> CmdResult<Vec<JobSummary>> {
    with_model(&state, move |s, model| {
        s.search_jobs_by_meaning(model, &query, include_archived)
    })
    .await
}
