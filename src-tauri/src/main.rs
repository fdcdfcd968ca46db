//! Shortlist's desktop shell: maps Tauri commands and events onto shortlist-core.
//! Every command validates its input, runs the core off the main thread, and maps errors to
//! one `{ code, message }` the UI can show.

#![cfg_attr(not(debug_assertions), windows_subsystem = "windows")]

mod commands;

use std::path::PathBuf;
use std::sync::atomic::AtomicBool;
use std::sync::{Arc, Mutex, OnceLock};

use shortlist_core::assets::Assets;
use shortlist_core::pdf::PdfReader;
use shortlist_core::store::default_data_dir;
use shortlist_core::store::pending::PendingDone;
use shortlist_core::Store;
use tauri::Manager;

/// When the process started, for the start-up time reported at first paint.
pub static STARTED: OnceLock<std::time::Instant> = OnceLock::new();
/// The same moment as a date, to place the page's own clock against it.
pub static STARTED_AT: OnceLock<time::OffsetDateTime> = OnceLock::new();

/// Why the data folder could not be opened, when it could not (the window shows it).
#[derive(Debug)]
pub struct StartupFailure(pub String);

/// What every command shares.
#[derive(Debug)]
pub struct AppState {
    store: Arc<Store>,
    assets: Assets,
    pdf: OnceLock<PdfReader>,
    /// Set while an import runs; storing `true` asks it to stop after the current file.
    import_cancel: Mutex<Option<Arc<AtomicBool>>>,
    /// What the start did besides opening (a restore, a compaction), for the window to show.
    notice: Mutex<Option<String>>,
    /// Bringing analyses of an older engine up to date, after the first paint.
    rescore: Arc<commands::Rescore>,
    _log: Option<shortlist_core::logging::LogGuard>,
}

fn open_state(resource_dirs: Vec<PathBuf>) -> Result<AppState, shortlist_core::Error> {
    let dir = default_data_dir()?;
    // Work scheduled by the previous run (restore, compaction) needs the folder to itself.
    let pending = shortlist_core::store::pending::run(&dir, time::OffsetDateTime::now_utc());
    let notice = match &pending {
        Ok(None) => None,
        Ok(Some(PendingDone::Restored { manifest, .. })) => Some(format!(
            "Restored the backup: {} resumes, {} jobs. Your previous data was kept beside the data folder.",
            manifest.resumes, manifest.jobs
        )),
        Ok(Some(PendingDone::Compacted)) => {
            Some("The candidate was erased for good and the database compacted.".into())
        }
        Err(e) => Some(format!("The scheduled work could not be done: {e}")),
    };
    let (store, report) = Store::open_deferred(&dir)?;
    let log = shortlist_core::logging::init(store.dir()).ok();
    // Logged only now: a restore replaces the folder the log lives in.
    match &pending {
        Ok(Some(done)) => tracing::info!(work = done.name(), "scheduled work done at start"),
        Ok(None) => {}
        Err(e) => tracing::warn!(error = %e, "scheduled work not done at start"),
    }
    tracing::info!(
        ms = STARTED.get().map_or(0, |t| t.elapsed().as_millis() as u64),
        swept = report.swept.orphans_removed,
        "store opened"
    );
    let store = Arc::new(store);
    // The check for missing blobs (a pass over every resume) runs after the first paint.
    Ok(AppState {
        store,
        assets: Assets::discover(&resource_dirs),
        pdf: OnceLock::new(),
        import_cancel: Mutex::new(None),
        notice: Mutex::new(notice),
        rescore: Arc::default(),
        _log: log,
    })
}

fn main() {
    // Before any thread starts (see the function): no vendor telemetry from ONNX Runtime.
    shortlist_core::embed::disable_vendor_telemetry();
    STARTED.get_or_init(std::time::Instant::now);
    STARTED_AT.get_or_init(time::OffsetDateTime::now_utc);
    // The same binary reads PDFs in child processes (see shortlist_core::pdf::worker).
    if let Some(code) = shortlist_core::pdf::worker::run_if_requested() {
        std::process::exit(code);
    }
    tauri::Builder::default()
        .setup(|app| {
            let resources = app
                .path()
                .resource_dir()
                .map(|d| vec![d.join("assets")])
                .unwrap_or_default();
            match open_state(resources) {
                Ok(state) => app.manage(state),
                // The window explains it (see `startup_error`); every other command stays
                // unavailable because there is no state to give them.
                Err(e) => {
                    eprintln!("Shortlist cannot open its data folder: {e}");
                    app.manage(StartupFailure(e.to_string()))
                }
            };
            Ok(())
        })
        .invoke_handler(tauri::generate_handler![
            commands::list_jobs,
            commands::create_job,
            commands::update_job,
            commands::select_job,
            commands::set_job_archived,
            commands::list_resumes,
            commands::resume_detail,
            commands::storage_stats,
            commands::shortlist,
            commands::analysis_detail,
            commands::analyze_all,
            commands::ask_question,
            commands::add_feedback,
            commands::list_feedback,
            commands::feedback_stats,
            commands::export_feedback,
            commands::backup_to_file,
            commands::pick_resumes,
            commands::import_paths,
            commands::cancel_import,
            commands::ui_ready,
            commands::choose_backup,
            commands::restore_backup,
            commands::erase_resume,
            commands::startup_notice,
            commands::startup_error,
            commands::resume_page,
            commands::analyze_resume,
            commands::similar_feedback,
            commands::score_bands,
            commands::rescore_status,
            commands::cancel_rescore,
        ])
        .run(tauri::generate_context!("../tauri.conf.json"))
        .unwrap_or_else(|e| {
            eprintln!("Shortlist stopped: {e}");
            std::process::exit(1);
        });
}
