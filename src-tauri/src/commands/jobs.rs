//! The job picker and the Jobs screen.

use shortlist_core::job::{Job, JobDraft, JobSummary};
use shortlist_core::store::JobDeletion;
use shortlist_core::JobId;
use tauri::{AppHandle, State};

use super::{now, with_store, CmdResult};
use crate::state::AppState;

/// A job without a description cannot be scored against: the window refuses to save one.
fn require_description(draft: &JobDraft) -> CmdResult<()> {
    if draft.description.trim().is_empty() {
        return Err(shortlist_core::Error::invalid(
            "description",
            "must not be empty: paste the job's full description",
        )
        .into());
    }
    Ok(())
}

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
    require_description(&draft)?;
    with_store(&state, move |s| s.add_job(draft, now())).await
}

#[tauri::command]
pub async fn update_job(
    app: AppHandle,
    state: State<'_, AppState>,
    id: String,
    draft: JobDraft,
    seen: Option<String>,
) -> CmdResult<Job> {
    let id = JobId::parse(&id)?;
    require_description(&draft)?;
    let seen = super::seen(seen)?;
    let job = with_store(&state, move |s| s.update_job_seen(&id, draft, seen, now())).await?;
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

/// What deleting a job would remove (analyses, feedback records, notes), for the window's one
/// confirmation; changes nothing.
#[tauri::command]
pub async fn job_deletion_counts(state: State<'_, AppState>, id: String) -> CmdResult<JobDeletion> {
    let id = JobId::parse(&id)?;
    with_store(&state, move |s| s.job_deletion_counts(&id)).await
}

/// Deletes a job for good with its analyses, stages, notes and feedback (the resumes stay);
/// when it was the current job, the newest remaining one becomes current.
#[tauri::command]
pub async fn delete_job(state: State<'_, AppState>, id: String) -> CmdResult<JobDeletion> {
    let id = JobId::parse(&id)?;
    with_store(&state, move |s| s.delete_job(&id)).await
}
