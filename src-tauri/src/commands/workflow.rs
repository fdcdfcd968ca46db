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
    seen: Option<String>,
) -> CmdResult<Job> {
    let id = JobId::parse(&id)?;
    let seen = super::seen(seen)?;
    let job = with_store(&state, move |s| {
        s.set_job_criteria_seen(&id, criteria, seen, now())
    })
    .await?;
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

/// Asks where to save, then writes the job's shortlist as CSV, one row per person as the
/// shortlist shows them; `None` when cancelled.
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
        let csv = s.export_shortlist(&job, stage, passing, false, false)?;
        shortlist_core::blobs::write_atomic(&file, csv.as_bytes())?;
        Ok(Some(file.to_string_lossy().into_owned()))
    })
    .await
}

/// Asks where to save, then writes the shortlist CSV of the picked candidates only (blind
/// respected); `None` when cancelled.
#[tauri::command]
pub async fn export_shortlist_selection(
    app: AppHandle,
    state: State<'_, AppState>,
    job_id: String,
    resume_ids: Vec<String>,
) -> CmdResult<Option<String>> {
    let job = JobId::parse(&job_id)?;
    let resumes = self::resume_ids(&resume_ids)?;
    let Some(file) = save_dialog(&app, "Export selection", "selection.csv", "csv").await else {
        return Ok(None);
    };
    with_store(&state, move |s| {
        let csv = s.export_shortlist_selection(&job, &resumes, false)?;
        shortlist_core::blobs::write_atomic(&file, csv.as_bytes())?;
        Ok(Some(file.to_string_lossy().into_owned()))
    })
    .await
}

/// Asks where to save, then writes the picked resumes of the library as CSV (names hidden
/// while the current job is blind); `None` when cancelled.
#[tauri::command]
pub async fn export_library_selection(
    app: AppHandle,
    state: State<'_, AppState>,
    resume_ids: Vec<String>,
) -> CmdResult<Option<String>> {
    let resumes = self::resume_ids(&resume_ids)?;
    let Some(file) = save_dialog(&app, "Export selection", "resumes.csv", "csv").await else {
        return Ok(None);
    };
    with_store(&state, move |s| {
        let csv = s.export_library_selection(&resumes)?;
        shortlist_core::blobs::write_atomic(&file, csv.as_bytes())?;
        Ok(Some(file.to_string_lossy().into_owned()))
    })
    .await
}

/// The description as the engine reads it with `criteria` applied, for the editor's live
/// preview (nothing is stored).
#[tauri::command]
pub fn preview_job(
    description: String,
    criteria: Criteria,
) -> shortlist_core::workflow::preview::JobPreview {
    shortlist_core::workflow::preview::preview(
        &description,
        &criteria,
        shortlist_core::lexicon::Lexicon::shipped(),
    )
}

/// A job's shortlist rows for the window, each with its pipeline entry (stage, tags, notes).
/// While the job is blind, a candidate not revealed is named by their number only: the name
/// never reaches the window.
#[tauri::command]
pub async fn shortlist_board(
    state: State<'_, AppState>,
    job_id: String,
) -> CmdResult<(Box<serde_json::value::RawValue>, Board)> {
    let id = JobId::parse(&job_id)?;
    with_store(&state, move |s| s.shortlist_for_window(&id)).await
}

/// Asks for folders of resumes (every PDF or Word file inside is imported).
#[tauri::command]
pub async fn pick_resume_folders(app: AppHandle) -> Vec<String> {
    crate::dialogs::pick_folders(&app, "Add folders of resumes")
        .await
        .into_iter()
        .map(|p| p.to_string_lossy().into_owned())
        .collect()
}

/// Opens a stored resume in the system's viewer: a private copy of its file (readable by
/// this user only) is handed to `xdg-open` (`open` on macOS, `explorer` on Windows). Nothing goes over the network.
#[tauri::command]
pub async fn open_resume_externally(state: State<'_, AppState>, id: String) -> CmdResult<()> {
    let id = ResumeId::parse(&id)?;
    with_store(&state, move |s| {
        s.check_original_shown(&id)?;
        let (format, bytes) = s.resume_original(&id)?;
        let dir = std::env::temp_dir().join("shortlist-view");
        let io = |action| {
            let dir = dir.clone();
            move |e| shortlist_core::Error::io(action, dir, e)
        };
        std::fs::create_dir_all(&dir).map_err(io("create the viewer's folder"))?;
        #[cfg(unix)]
        {
            use std::os::unix::fs::PermissionsExt as _;
            std::fs::set_permissions(&dir, std::fs::Permissions::from_mode(0o700))
                .map_err(io("protect the viewer's folder"))?;
        }
        let file = dir.join(format!("{id}.{}", format.extension()));
        shortlist_core::blobs::write_atomic(&file, &bytes)?;
        crate::dialogs::open_in_system(&file).map_err(io("start the system viewer"))?;
        Ok(())
    })
    .await
}

/// Every tagged resume of the library with its tags (for the library's tag filter and chips).
#[tauri::command]
pub async fn library_tags(state: State<'_, AppState>) -> CmdResult<Vec<(ResumeId, Vec<String>)>> {
    with_store(&state, move |s| {
        let mut out = Vec::new();
        for row in s.library()? {
            let tags = s.tags(&row.resume.id)?;
            if !tags.is_empty() {
                out.push((row.resume.id, tags));
            }
        }
        Ok(out)
    })
    .await
}
