//! Builds the Tauri context; the app manifest lists our own commands so that the capability
//! file can allow exactly those and nothing else.

fn main() {
    let commands = &[
        "list_jobs",
        "create_job",
        "update_job",
        "select_job",
        "set_job_archived",
        "job_deletion_counts",
        "delete_job",
        "list_resumes",
        "resume_detail",
        "storage_stats",
        "data_version",
        "shortlist",
        "analysis_detail",
        "analyze_all",
        "ask_question",
        "add_feedback",
        "list_feedback",
        "feedback_stats",
        "export_feedback",
        "backup_to_file",
        "pick_resumes",
        "import_paths",
        "cancel_import",
        "ui_ready",
        "choose_backup",
        "restore_backup",
        "erase_resume",
        "startup_notice",
        "startup_error",
        "resume_page",
        "same_person",
        "link_resumes",
        "unlink_resumes",
        "analyze_resume",
        "similar_feedback",
        "score_bands",
        "rescore_status",
        "cancel_rescore",
        // Working the shortlist (issue 16).
        "set_job_criteria",
        "set_job_blind",
        "job_board",
        "set_stage",
        "candidate_pipeline",
        "reveal_candidate",
        "add_note",
        "list_notes",
        "add_tag",
        "remove_tag",
        "export_shortlist",
        "export_shortlist_selection",
        "export_library_selection",
        "preview_job",
        "shortlist_board",
        "pick_resume_folders",
        "open_resume_externally",
        "library_tags",
        // Search of the library and the jobs (issue 13).
        "search_library",
        "search_jobs",
    ];
    tauri_build::try_build(
        tauri_build::Attributes::new()
            .config_path("../tauri.conf.json")
            .app_manifest(tauri_build::AppManifest::new().commands(commands)),
    )
    .expect("tauri build script");
}
