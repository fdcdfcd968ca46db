//! Working a job's shortlist: criteria, blind screening, stages, notes, tags and the export.
//! A change to a job's criteria makes its analyses stale; the background re-score picks them
//! up (`rescore::start`).

use shortlist_core::job::Job;
use shortlist_core::store::Board;
use shortlist_core::workflow::{Criteria, Note, Pipeline, Stage};
use shortlist_core::{JobId, ResumeId};
use tauri::{AppHandle, State};

use super::{now, with_store, CmdResult};
use crate::dialogs::save_dialog;
use crate::state::AppState;

fn resume_ids(ids: &[String]) -> CmdResult<Vec<ResumeId>> {
    Ok(ids
        .iter()
        .map(|id| ResumeId::parse(id))
        .collect::<Result<_, _>>()?)
}

#[tauri::command]
pub async fn set_job_criteria(
    app: AppHandle,
    state: State<'_, AppState>,
    id: String,
    criteria: Criteria,
) -> CmdResult<Job> {
    let id = JobId::parse(&id)?;
    let job = with_store(&state, move |s| s.set_job_criteria(&id, criteria, now())).await?;
    crate::rescore::start(app, &state);
    Ok(job)
}

#[tauri::command]
pub async fn set_job_blind(state: State<'_, AppState>, id: String, blind: bool) -> CmdResult<Job> {
    let id = JobId::parse(&id)?;
    with_store(&state, move |s| s.set_job_blind(&id, blind, now())).await
}

#[tauri::command]
pub async fn job_board(state: State<'_, AppState>, job_id: String) -> CmdResult<Board> {
    let id = JobId::parse(&job_id)?;
    with_store(&state, move |s| s.board(&id)).await
}

#[tauri::command]
pub async fn set_stage(
    state: State<'_, AppState>,
    job_id: String,
    resume_ids: Vec<String>,
    stage: Stage,
    reason: Option<String>,
) -> CmdResult<usize> {
    let job = JobId::parse(&job_id)?;
    let resumes = self::resume_ids(&resume_ids)?;
    with_store(&state, move |s| {
        s.set_stage(&job, &resumes, stage, reason.as_deref(), now())
    })
    .await
}

#[tauri::command]
pub async fn candidate_pipeline(
    state: State<'_, AppState>,
    job_id: String,
    resume_id: String,
) -> CmdResult<Pipeline> {
    let (job, resume) = (JobId::parse(&job_id)?, ResumeId::parse(&resume_id)?);
    with_store(&state, move |s| s.pipeline(&job, &resume)).await
}

#[tauri::command]
pub async fn reveal_candidate(
    state: State<'_, AppState>,
    job_id: String,
    resume_id: String,
) -> CmdResult<Pipeline> {
    let (job, resume) = (JobId::parse(&job_id)?, ResumeId::parse(&resume_id)?);
    with_store(&state, move |s| s.reveal(&job, &resume, now())).await
}

#[tauri::command]
pub async fn add_note(
    state: State<'_, AppState>,
    job_id: String,
    resume_id: String,
    text: String,
) -> CmdResult<Note> {
    let (job, resume) = (JobId::parse(&job_id)?, ResumeId::parse(&resume_id)?);
    with_store(&state, move |s| s.add_note(&job, &resume, &text, now())).await
}

#[tauri::command]
pub async fn list_notes(
    state: State<'_, AppState>,
    job_id: String,
    resume_id: String,
) -> CmdResult<Vec<Note>> {
    let (job, resume) = (JobId::parse(&job_id)?, ResumeId::parse(&resume_id)?);
    with_store(&state, move |s| s.notes(&job, &resume)).await
}

#[tauri::command]
pub async fn add_tag(
    state: State<'_, AppState>,
    resume_ids: Vec<String>,
    tag: String,
) -> CmdResult<usize> {
    let resumes = self::resume_ids(&resume_ids)?;
    with_store(&state, move |s| s.add_tag(&resumes, &tag)).await
}

#[tauri::command]
pub async fn remove_tag(
    state: State<'_, AppState>,
    resume_id: String,
    tag: String,
) -> CmdResult<bool> {
    let resume = ResumeId::parse(&resume_id)?;
    with_store(&state, move |s| s.remove_tag(&resume, &tag)).await
}

/// Asks where to save, then writes the job's shortlist as CSV; `None` when cancelled.
#[tauri::command]
pub async fn export_shortlist(
    app: AppHandle,
    state: State<'_, AppState>,
    job_id: String,
    stage: Option<Stage>,
    passing: bool,
) -> CmdResult<Option<String>> {
    let job = JobId::parse(&job_id)?;
    let Some(file) = save_dialog(&app, "Export shortlist", "shortlist.csv", "csv").await else {
        return Ok(None);
    };
    with_store(&state, move |s| {
        let csv = s.export_shortlist(&job, stage, passing, false)?;
        shortlist_core::blobs::write_atomic(&file, csv.as_bytes())?;
        Ok(Some(file.to_string_lossy().into_owned()))
    })
    .await
}
