//! The Storage screen (stats, backup, restore, erasing a candidate) and the start-up
//! handshake with the window.

use std::path::PathBuf;
use std::sync::Arc;

use shortlist_core::store::pending::{self, Pending};
use shortlist_core::store::{ErasureReport, StorageStats};
use shortlist_core::wire::BackupChoice;
use shortlist_core::ResumeId;
use tauri::{AppHandle, Manager, State};

use super::{blocking, now, with_store, CmdResult};
use crate::dialogs::{file_dialog, save_dialog};
use crate::restart::restart_soon;
use crate::state::{AppState, StartupFailure, STARTED, STARTED_AT};

/// Changes with every write to the data folder, from any process (see
/// [`shortlist_core::Store::data_version`]).
#[tauri::command]
pub async fn data_version(state: State<'_, AppState>) -> CmdResult<u64> {
    with_store(&state, |s| Ok(s.data_version())).await
}

#[tauri::command]
pub async fn storage_stats(state: State<'_, AppState>) -> CmdResult<StorageStats> {
    with_store(&state, |s| s.stats()).await
}

/// Asks where to save (native dialog), then writes a one-file backup of everything.
/// Returns the path written, or `None` when cancelled.
#[tauri::command]
pub async fn backup_to_file(
    app: AppHandle,
    state: State<'_, AppState>,
) -> CmdResult<Option<String>> {
    let Some(file) = save_dialog(&app, "Back up Shortlist", "shortlist-backup.tar", "tar").await
    else {
        return Ok(None);
    };
    with_store(&state, move |s| {
        s.backup(&file, now())?;
        Ok(Some(file.to_string_lossy().into_owned()))
    })
    .await
}

/// Asks for a backup file (native dialog) and checks it without writing anything, with the
/// core's bounded reader ([`shortlist_core::backup::inspect`]: the manifest size-capped, then
/// every entry a regular file of the manifest's size and checksum, each PDF hashing to its
/// resume ID). `None` when cancelled.
#[tauri::command]
pub async fn choose_backup(app: AppHandle) -> CmdResult<Option<BackupChoice>> {
    let Some(path) = file_dialog(&app, "Restore Shortlist from a backup")
        .add_filter("Shortlist backup", &["tar"])
        .pick_file()
        .await
        .map(|f| f.path().to_owned())
    else {
        return Ok(None);
    };
    let checked = path.clone();
    let manifest = blocking("the check stopped unexpectedly", move || {
        shortlist_core::backup::inspect(&checked)
    })
    .await?;
    Ok(Some(BackupChoice {
        path: path.to_string_lossy().into_owned(),
        manifest,
    }))
}

/// Restores `path` (a backup checked by [`choose_backup`], checked again here): the restore
/// needs the data folder to itself, so it is scheduled and the app restarts. At the start,
/// `pending::run` restores it with [`shortlist_core::backup::restore_within`], the CLI's
/// restore: every check again plus the database's, the gate held throughout, the swap
/// journalled; the current data is kept aside.
#[tauri::command]
pub async fn restore_backup(
    app: AppHandle,
    state: State<'_, AppState>,
    path: String,
) -> CmdResult<()> {
    let archive = PathBuf::from(path);
    let dir = state.store.dir().to_owned();
    blocking("the restore stopped unexpectedly", move || {
        shortlist_core::backup::inspect(&archive)?;
        pending::schedule(&dir, &Pending::Restore { archive })
    })
    .await?;
    restart_soon(app);
    Ok(())
}

/// Deletes a candidate for good: the PDF, text, analyses, feedback and vectors in one
/// transaction; then the app restarts to rewrite the database without its free pages, so no
/// trace of the candidate stays on disk.
#[tauri::command]
pub async fn erase_resume(
    app: AppHandle,
    state: State<'_, AppState>,
    id: String,
) -> CmdResult<ErasureReport> {
    let id = ResumeId::parse(&id)?;
    let report = with_store(&state, move |s| {
        let report = s.erase_resume(&id)?;
        pending::schedule(s.dir(), &Pending::Compact)?;
        Ok(report)
    })
    .await?;
    restart_soon(app);
    Ok(report)
}

/// Why the app could not open its data folder, if it could not: the window then shows this
/// instead of its screens (a native message box from the main thread would block GTK).
#[tauri::command]
pub fn startup_error(app: AppHandle) -> Option<String> {
    app.try_state::<StartupFailure>().map(|f| f.0.clone())
}

/// A message about what happened at start (a restore or compaction), once.
#[tauri::command]
pub fn startup_notice(state: State<'_, AppState>) -> Option<String> {
    state
        .notice
        .lock()
        .unwrap_or_else(|e| e.into_inner())
        .take()
}

/// Called by the UI once its first screen with data is painted: starts the work kept off the
/// start-up path and logs the start-up time (with the `bench` feature it also goes to stdout
/// for `make bench`).
#[tauri::command]
pub fn ui_ready(
    app: AppHandle,
    state: State<'_, AppState>,
    origin_ms: i64,
    script_ms: u64,
    loaded_ms: u64,
) {
    // Now that the window is up: bring analyses of an older engine up to date, records an
    // older version stored (identities, the words index: the window follows when they
    // commit), and look for resumes whose files went missing (reads every resume record).
    crate::rescore::start(app.clone(), &state);
    let store = Arc::clone(&state.store);
    let exclusive = state.opened_first;
    std::thread::spawn(move || {
        store.catch_up_if_first(exclusive);
        match store.missing_blobs() {
            Ok(missing) if !missing.is_empty() => {
                tracing::warn!(count = missing.len(), "resumes with missing blobs");
            }
            Ok(_) => {}
            Err(e) => tracing::warn!(code = %e.code(), "could not check the blobs"),
        }
    });
    let ms = STARTED.get().map_or(0, |t| t.elapsed().as_millis() as u64);
    // When the page began loading, in ms after the process started.
    let page_start_ms = STARTED_AT.get().map_or(0, |t| {
        origin_ms - (t.unix_timestamp_nanos() / 1_000_000) as i64
    });
    tracing::info!(
        ms,
        page_start_ms,
        page_script_ms = script_ms,
        page_data_ms = loaded_ms,
        "first paint"
    );
    #[cfg(feature = "bench")]
    crate::bench::report_startup(app, ms);
    #[cfg(not(feature = "bench"))]
    drop(app);
}
