//! The job picker and the Jobs screen.

use shortlist_core::job::{Job, JobDraft, JobSummary};
use shortlist_core::JobId;
use tauri::{AppHandle, State};

use super::{now, with_store, CmdResult};
use crate::state::AppState;

#[tauri::command]
pub async fn list_jobs(
    state: State<'_, AppState>,
    query: String,
    include_archived: bool,
) -> CmdResult<Vec<JobSummary>> {
    with_store(&state, move |s| s.search_jobs(&query, include_archived)).await
}

#[tauri::command]
pub async fn create_job(state: State<'_, AppState>, draft: JobDraft) -> CmdResult<Job> {
    with_store(&state, move |s| s.add_job(draft, now())).await
}

#[tauri::command]
pub async fn update_job(
    app: AppHandle,
    state: State<'_, AppState>,
    id: String,
    draft: JobDraft,
) -> CmdResult<Job> {
    let id = JobId::parse(&id)?;
    let job = with_store(&state, move |s| s.update_job(&id, draft, now())).await?;
    // An edited description makes the job's analyses stale: score them again.
    crate::rescore::start(app, &state);
    Ok(job)
}

#[tauri::command]
pub async fn select_job(state: State<'_, AppState>, id: String) -> CmdResult<JobSummary> {
    let id = JobId::parse(&id)?;
    with_store(&state, move |s| s.select_job(&id)).await
}

#[tauri::command]
pub async fn set_job_archived(
    state: State<'_, AppState>,
    id: String,
    archived: bool,
) -> CmdResult<Job> {
    let id = JobId::parse(&id)?;
    with_store(&state, move |s| s.set_job_archived(&id, archived, now())).await
}
