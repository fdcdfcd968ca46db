//! The Shortlist screen: a job's ranked rows, an analysis, scoring against a job, score bands
//! and the background rescore.

use shortlist_core::analysis::{ScoreBands, SCORE_BANDS};
use shortlist_core::store::{BatchReport, RescoreProgress};
use shortlist_core::wire::AnalyzeProgress;
use shortlist_core::{Analysis, AnalysisId, JobId, ResumeId};
use tauri::ipc::Channel;
use tauri::State;

use super::{now, with_session, with_store, CmdResult};
use crate::state::AppState;

/// The ranked shortlist of a job, as rows (the full analysis is fetched when one is opened).
#[tauri::command]
pub async fn shortlist(
    state: State<'_, AppState>,
    job_id: String,
) -> CmdResult<Box<serde_json::value::RawValue>> {
    let id = JobId::parse(&job_id)?;
    // Rows of type ShortlistRow, passed through as stored.
    with_store(&state, move |s| s.shortlist_json(&id)).await
}

#[tauri::command]
pub async fn analysis_detail(state: State<'_, AppState>, id: String) -> CmdResult<Analysis> {
    let id = AnalysisId::parse(&id)?;
    // While its job is screened blind, the window gets the blind view.
    with_store(&state, move |s| s.analysis_for_window(&id)).await
}

/// Analyses every stored resume against a job (no re-upload), streaming progress.
#[tauri::command]
pub async fn analyze_all(
    state: State<'_, AppState>,
    job_id: String,
    on_progress: Channel<AnalyzeProgress>,
) -> CmdResult<BatchReport> {
    let id = JobId::parse(&job_id)?;
    with_session(&state, move |s, session| {
        session.analyze_all(s, &id, now(), |done, total| {
            let _ = on_progress.send(AnalyzeProgress { done, total });
        })
    })
    .await
}

/// Scores one stored resume against a job (again, if it was scored before: the earlier score
/// goes into the analysis's history). No re-upload.
#[tauri::command]
pub async fn analyze_resume(
    state: State<'_, AppState>,
    job_id: String,
    resume_id: String,
) -> CmdResult<Analysis> {
    let job = JobId::parse(&job_id)?;
    let resume = ResumeId::parse(&resume_id)?;
    with_session(&state, move |s, session| {
        session.analyze(s, &job, &resume, now())
    })
    .await
}

/// The score bands' thresholds and the current engine version, for the window to explain a
/// band and to tell an analysis of an older engine.
#[tauri::command]
pub fn score_bands() -> ScoreBands {
    SCORE_BANDS
}

/// Where the upgrade of analyses of an older engine stands (`None`: nothing to upgrade, or
/// not started yet).
#[tauri::command]
pub fn rescore_status(state: State<'_, AppState>) -> Option<RescoreProgress> {
    state.rescore.progress()
}

/// Asks the upgrade of analyses of an older engine to stop after the current analysis (the
/// rest stays marked and is done at the next start).
#[tauri::command]
pub fn cancel_rescore(state: State<'_, AppState>) -> bool {
    let running = state.rescore.progress().is_some_and(|p| p.running);
    state.rescore.cancel();
    running
}
