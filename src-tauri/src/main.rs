//! Shortlist's desktop shell: maps Tauri commands and events onto shortlist-core.
//! Every command validates its input, runs the core off the main thread, and maps errors to
//! one `{ code, message }` the UI can show. `state` holds what the commands share (the store,
//! the core's session), `commands` the commands by screen, `dialogs` the native file dialogs,
//! `restart` the restart for work that needs the data folder to itself, `rescore` the
//! background upgrade of old analyses, and `bench` (feature `bench`) the start-up probe.

#![cfg_attr(not(debug_assertions), windows_subsystem = "windows")]

#[cfg(feature = "bench")]
mod bench;
mod commands;
mod dialogs;
mod rescore;
mod restart;
mod state;

use commands::{feedback, import, jobs, resumes, shortlist, storage, workflow};
use state::{AppState, StartupFailure};
use tauri::Manager;

fn main() {
    // Before any thread starts (see the function): no vendor telemetry from ONNX Runtime.
    shortlist_core::embed::disable_vendor_telemetry();
    state::STARTED.get_or_init(std::time::Instant::now);
    state::STARTED_AT.get_or_init(time::OffsetDateTime::now_utc);
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
            match AppState::open(resources) {
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
            jobs::list_jobs,
            jobs::create_job,
            jobs::update_job,
            jobs::select_job,
            jobs::set_job_archived,
            jobs::job_deletion_counts,
            jobs::delete_job,
            resumes::list_resumes,
            resumes::resume_detail,
            storage::storage_stats,
            storage::data_version,
            shortlist::shortlist,
            shortlist::analysis_detail,
            shortlist::analyze_all,
            feedback::ask_question,
            feedback::add_feedback,
            feedback::list_feedback,
            feedback::feedback_stats,
            feedback::export_feedback,
            storage::backup_to_file,
            import::pick_resumes,
            import::import_paths,
            import::cancel_import,
            storage::ui_ready,
            storage::choose_backup,
            storage::restore_backup,
            storage::erase_resume,
            storage::startup_notice,
            storage::startup_error,
            resumes::resume_page,
            resumes::same_person,
            resumes::link_resumes,
            resumes::unlink_resumes,
            shortlist::analyze_resume,
            feedback::similar_feedback,
            shortlist::score_bands,
            shortlist::rescore_status,
            shortlist::cancel_rescore,
            workflow::set_job_criteria,
            workflow::set_job_blind,
            workflow::job_board,
            workflow::set_stage,
            workflow::candidate_pipeline,
            workflow::reveal_candidate,
            workflow::add_note,
            workflow::list_notes,
            workflow::add_tag,
            workflow::remove_tag,
            workflow::export_shortlist,
            workflow::export_shortlist_selection,
            workflow::export_library_selection,
            workflow::preview_job,
            workflow::shortlist_board,
            workflow::pick_resume_folders,
            workflow::open_resume_externally,
            workflow::library_tags,
            commands::search::search_library,
            commands::search::search_jobs,
        ])
        .run(tauri::generate_context!("../tauri.conf.json"))
        .unwrap_or_else(|e| {
            eprintln!("Shortlist stopped: {e}");
            std::process::exit(1);
        });
}
