//! Questions about an analysis, their ratings, similar earlier feedback and the exports.

use shortlist_core::feedback::{Feedback, FeedbackDraft, FeedbackStats, DEFAULT_MIN_RATING};
use shortlist_core::qa::Answer;
use shortlist_core::store::{FeedbackHit, SearchMode};
use shortlist_core::wire::IpcError;
use shortlist_core::{AnalysisId, ErrorCode};
use tauri::{AppHandle, State};

use super::{now, with_model, with_store, CmdResult};
use crate::dialogs::save_dialog;
use crate::state::AppState;

#[tauri::command]
pub async fn ask_question(
    state: State<'_, AppState>,
    analysis_id: String,
    question: String,
) -> CmdResult<Answer> {
    let id = AnalysisId::parse(&analysis_id)?;
    with_model(&state, move |s, model| s.ask(model, &id, &question, 3)).await
}

/// Feedback given earlier on questions like `query` (any candidate, any job), most similar
/// first: the vector index at work.
#[tauri::command]
pub async fn similar_feedback(
    state: State<'_, AppState>,
    query: String,
) -> CmdResult<Vec<FeedbackHit>> {
    with_model(&state, move |s, model| {
        s.search_feedback(model, &query, None, 5, SearchMode::Auto)
    })
    .await
}

#[tauri::command]
pub async fn add_feedback(state: State<'_, AppState>, draft: FeedbackDraft) -> CmdResult<Feedback> {
    with_model(&state, move |s, model| s.add_feedback(model, draft, now())).await
}

#[tauri::command]
pub async fn list_feedback(
    state: State<'_, AppState>,
    analysis_id: String,
) -> CmdResult<Vec<Feedback>> {
    let id = AnalysisId::parse(&analysis_id)?;
    with_store(&state, move |s| s.feedback_list(Some(&id))).await
}

#[tauri::command]
pub async fn feedback_stats(state: State<'_, AppState>) -> CmdResult<FeedbackStats> {
    with_store(&state, |s| s.feedback_stats(DEFAULT_MIN_RATING)).await
}

/// Asks where to save (native dialog), then writes all feedback as CSV or the high-quality
/// samples as training JSONL. Returns the path written, or `None` when cancelled.
#[tauri::command]
pub async fn export_feedback(
    app: AppHandle,
    state: State<'_, AppState>,
    kind: String,
) -> CmdResult<Option<String>> {
    let (name, ext) = match kind.as_str() {
        "csv" => ("shortlist-feedback.csv", "csv"),
        "training" => ("shortlist-training.jsonl", "jsonl"),
        _ => {
            return Err(IpcError::new(
                ErrorCode::InvalidInput,
                "unknown export kind",
            ))
        }
    };
    let Some(file) = save_dialog(&app, "Export feedback", name, ext).await else {
        return Ok(None);
    };
    with_store(&state, move |s| {
        let text = if kind == "csv" {
            s.export_feedback_csv()?
        } else {
            s.export_training_jsonl(DEFAULT_MIN_RATING)?.0
        };
        shortlist_core::blobs::write_atomic(&file, text.as_bytes())?;
        Ok(Some(file.to_string_lossy().into_owned()))
    })
    .await
}
