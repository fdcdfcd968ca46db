//! Adding resumes: the file picker, the import with its progress, and cancelling it.

use std::path::PathBuf;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::Arc;

use shortlist_core::import::ImportSummary;
use shortlist_core::session::ImportProgress;
use shortlist_core::wire::{ImportEvent, IpcError};
use shortlist_core::ErrorCode;
use tauri::ipc::Channel;
use tauri::{AppHandle, State};

use super::{now, with_session, CmdResult};
use crate::dialogs::file_dialog;
use crate::state::AppState;

/// Opens the native file picker (on the main thread, as GTK requires) and returns the chosen
/// resumes (PDF or Word `.docx`); an empty list when cancelled.
#[tauri::command]
pub async fn pick_resumes(app: AppHandle) -> CmdResult<Vec<String>> {
    let files = file_dialog(&app, "Add resumes")
        .add_filter("Resumes (PDF, Word)", &["pdf", "PDF", "docx", "DOCX"])
        .add_filter("PDF documents", &["pdf", "PDF"])
        .add_filter("Word documents", &["docx", "DOCX"])
        .pick_files()
        .await
        .unwrap_or_default();
    Ok(files
        .iter()
        .map(|f| f.path().to_string_lossy().into_owned())
        .collect())
}

/// Imports files and folders (recursively, `*.pdf` and `*.docx`), streaming a result per file. One import
/// at a time.
#[tauri::command]
pub async fn import_paths(
    app: AppHandle,
    state: State<'_, AppState>,
    paths: Vec<String>,
    on_event: Channel<ImportEvent>,
) -> CmdResult<ImportSummary> {
    let cancel = Arc::new(AtomicBool::new(false));
    {
        let mut slot = state
            .import_cancel
            .lock()
            .map_err(|_| IpcError::new(ErrorCode::Internal, "import state poisoned"))?;
        if slot.is_some() {
            return Err(IpcError::new(
                ErrorCode::Busy,
                "an import is already running; wait for it or cancel it",
            ));
        }
        *slot = Some(Arc::clone(&cancel));
    }
    let inputs: Vec<PathBuf> = paths.into_iter().map(PathBuf::from).collect();
    let result = with_session(&state, move |store, session| {
        let report = session.import(store, &inputs, &cancel, now, |step| {
            let _ = on_event.send(match step {
                ImportProgress::Started { total } => ImportEvent::Started { total },
                ImportProgress::File {
                    done,
                    total,
                    result,
                } => ImportEvent::File {
                    done,
                    total,
                    result: result.clone(),
                },
            });
        })?;
        Ok(report.summary)
    })
    .await;
    if let Ok(mut slot) = state.import_cancel.lock() {
        *slot = None;
    }
    // Enough new resumes take a new generation of the library's term statistics, which makes
    // analyses stale: the background re-score picks them up (nothing to do otherwise).
    crate::rescore::start(app, &state);
    result
}

/// Asks the running import to stop after the current file.
#[tauri::command]
pub fn cancel_import(state: State<'_, AppState>) -> CmdResult<bool> {
    let slot = state
        .import_cancel
        .lock()
        .map_err(|_| IpcError::new(ErrorCode::Internal, "import state poisoned"))?;
    Ok(match slot.as_ref() {
        Some(flag) => {
            flag.store(true, Ordering::Relaxed);
            true
        }
        None => false,
    })
}
