//! The commands the UI calls. Each is a few lines: parse IDs, call the core on a blocking
//! thread, map the error.

use std::path::PathBuf;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, Mutex};
use std::time::Duration;

use shortlist_core::analysis::{ScoreBands, SCORE_BANDS};
use shortlist_core::assets;
use shortlist_core::embed::Embedder;
use shortlist_core::feedback::{Feedback, FeedbackDraft, FeedbackStats, DEFAULT_MIN_RATING};
use shortlist_core::import::{self, ImportSummary};
use shortlist_core::job::{Job, JobDraft, JobSummary};
use shortlist_core::pdf::{PdfLimits, PdfReader};
use shortlist_core::qa::Answer;
use shortlist_core::store::pending::{self, Pending};
use shortlist_core::store::{BatchReport, ErasureReport, ImportKit, RescoreProgress};
use shortlist_core::store::{FeedbackHit, LibraryRow, ResumeDetail, SearchMode, StorageStats};
use shortlist_core::{Analysis, AnalysisId, JobId, ResumeId, Store};
use tauri::ipc::Channel;
use tauri::{AppHandle, Emitter, Manager, State};
use time::OffsetDateTime;

use shortlist_core::wire::{AnalyzeProgress, BackupChoice, ImportEvent, IpcError, PagePreview};

use crate::AppState;

type CmdResult<T> = Result<T, IpcError>;

/// Runs `f` with the store on a blocking thread.
async fn with_store<T: Send + 'static>(
    state: &State<'_, AppState>,
    f: impl FnOnce(&Store) -> shortlist_core::Result<T> + Send + 'static,
) -> CmdResult<T> {
    let store = Arc::clone(&state.store);
    tauri::async_runtime::spawn_blocking(move || f(&store))
        .await
        .map_err(|_| IpcError::new("internal", "the operation stopped unexpectedly"))?
        .map_err(IpcError::from)
}

/// As [`with_store`], with the embedding model (loaded on first use).
async fn with_model<T: Send + 'static>(
    state: &State<'_, AppState>,
    f: impl FnOnce(&Store, &Embedder) -> shortlist_core::Result<T> + Send + 'static,
) -> CmdResult<T> {
    let assets = state.assets.clone();
    with_store(state, move |s| f(s, Embedder::global(&assets)?)).await
}

fn now() -> OffsetDateTime {
    OffsetDateTime::now_utc()
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
    with_store(&state, move |s| s.add_job(draft, now())).await
}

#[tauri::command]
pub async fn update_job(state: State<'_, AppState>, id: String, draft: JobDraft) -> CmdResult<Job> {
    let id = JobId::parse(&id)?;
    with_store(&state, move |s| s.update_job(&id, draft, now())).await
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

/// The resume library, newest first, each resume with its best score over all jobs.
#[tauri::command]
pub async fn list_resumes(state: State<'_, AppState>) -> CmdResult<Vec<LibraryRow>> {
    with_store(&state, |s| s.library()).await
}

#[tauri::command]
pub async fn resume_detail(state: State<'_, AppState>, id: String) -> CmdResult<ResumeDetail> {
    let id = ResumeId::parse(&id)?;
    with_store(&state, move |s| s.resume_detail(&id)).await
}

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

/// The environment variable that makes the app report its start-up and exit (benchmarks).
pub const BENCH_STARTUP_ENV: &str = "SHORTLIST_BENCH_STARTUP";

/// Called by the UI once its first screen with data is painted: logs the start-up time. With
/// `SHORTLIST_BENCH_STARTUP=SECONDS` set, waits that long idle, prints the start-up time and
/// the resident memory to stdout, and quits (used by `make bench`).
#[tauri::command]
pub fn ui_ready(
    app: tauri::AppHandle,
    state: State<'_, AppState>,
    origin_ms: i64,
    script_ms: u64,
    loaded_ms: u64,
) {
    // Now that the window is up: bring analyses of an older engine up to date, and look for
    // resumes whose files went missing (reads every resume record; kept off the start-up path).
    start_rescore(app.clone(), &state);
    let store = Arc::clone(&state.store);
    std::thread::spawn(move || match store.missing_blobs() {
        Ok(missing) if !missing.is_empty() => {
            tracing::warn!(count = missing.len(), "resumes with missing blobs");
        }
        Ok(_) => {}
        Err(e) => tracing::warn!(code = e.code(), "could not check the blobs"),
    });
    let ms = crate::STARTED
        .get()
        .map_or(0, |t| t.elapsed().as_millis() as u64);
    // When the page began loading, in ms after the process started.
    let page_start_ms = crate::STARTED_AT.get().map_or(0, |t| {
        origin_ms - (t.unix_timestamp_nanos() / 1_000_000) as i64
    });
    tracing::info!(
        ms,
        page_start_ms,
        page_script_ms = script_ms,
        page_data_ms = loaded_ms,
        "first paint"
    );
    let Some(idle) = std::env::var(BENCH_STARTUP_ENV)
        .ok()
        .and_then(|s| s.parse::<f64>().ok())
    else {
        return;
    };
    std::thread::spawn(move || {
        std::thread::sleep(std::time::Duration::from_secs_f64(idle));
        let me = std::process::id();
        let children: u64 = child_pids(me).into_iter().filter_map(resident_kb).sum();
        println!(
            "first_paint_ms={ms} idle_rss_kb={} idle_anon_kb={} children_rss_kb={children}",
            resident_kb(me).unwrap_or(0),
            status_kb(me, "RssAnon:").unwrap_or(0)
        );
        app.exit(0);
    });
}

/// The score bands' thresholds and the current engine version, for the window to explain a
/// band and to tell an analysis of an older engine.
#[tauri::command]
pub fn score_bands() -> ScoreBands {
    SCORE_BANDS
}

/// The event that carries [`RescoreProgress`] to the window.
pub const RESCORE_EVENT: &str = "rescore-progress";

/// Bringing analyses of an older engine up to date: once per run of the app, after the first
/// paint, on its own thread.
#[derive(Debug, Default)]
pub struct Rescore {
    started: AtomicBool,
    cancel: AtomicBool,
    /// The latest progress (for a window that loads after it was sent).
    progress: Mutex<Option<RescoreProgress>>,
}

impl Rescore {
    fn publish(&self, app: &AppHandle, progress: RescoreProgress) {
        *self.progress.lock().unwrap_or_else(|e| e.into_inner()) = Some(progress);
        let _ = app.emit(RESCORE_EVENT, progress);
    }

    /// Asks a running rescore to stop after the current analysis.
    pub fn cancel(&self) {
        self.cancel.store(true, Ordering::Relaxed);
    }
}

/// Starts scoring the analyses of an older engine again (see [`Rescore`]), reporting progress
/// with [`RESCORE_EVENT`]; does nothing when it already started or nothing is stale. Each
/// analysis is its own commit, so quitting midway loses nothing: the rest is done next time.
fn start_rescore(app: AppHandle, state: &AppState) {
    let rescore = Arc::clone(&state.rescore);
    if rescore.started.swap(true, Ordering::SeqCst) {
        return;
    }
    let store = Arc::clone(&state.store);
    let assets = state.assets.clone();
    std::thread::spawn(move || {
        let total = match store.stale_analyses() {
            Ok(stale) => stale.len(),
            Err(e) => {
                tracing::warn!(
                    code = e.code(),
                    "could not list analyses of an older engine"
                );
                return;
            }
        };
        if total == 0 {
            return;
        }
        tracing::info!(total, "scoring analyses of an older engine again");
        let mut last = RescoreProgress {
            done: 0,
            total,
            running: true,
        };
        rescore.publish(&app, last);
        let result = Embedder::global(&assets).and_then(|model| {
            store.rescore_stale(model, now, &rescore.cancel, |done, total| {
                last = RescoreProgress {
                    done,
                    total,
                    running: true,
                };
                rescore.publish(&app, last);
            })
        });
        if let Err(e) = result {
            tracing::warn!(
                code = e.code(),
                "analyses of an older engine not all scored again"
            );
        }
        rescore.publish(
            &app,
            RescoreProgress {
                running: false,
                ..last
            },
        );
    });
}

/// Where the upgrade of analyses of an older engine stands (`None`: nothing to upgrade, or
/// not started yet).
#[tauri::command]
pub fn rescore_status(state: State<'_, AppState>) -> Option<RescoreProgress> {
    *state
        .rescore
        .progress
        .lock()
        .unwrap_or_else(|e| e.into_inner())
}

/// Asks the upgrade of analyses of an older engine to stop after the current analysis (the
/// rest stays marked and is done at the next start).
#[tauri::command]
pub fn cancel_rescore(state: State<'_, AppState>) -> bool {
    let running = rescore_status(state.clone()).is_some_and(|p| p.running);
    state.rescore.cancel();
    running
}

/// Processes whose parent is `pid` (the web view's helpers), from /proc (Linux).
fn child_pids(pid: u32) -> Vec<u32> {
    let Ok(entries) = std::fs::read_dir("/proc") else {
        return Vec::new();
    };
    entries
        .flatten()
        .filter_map(|e| e.file_name().to_str()?.parse::<u32>().ok())
        .filter(|p| {
            std::fs::read_to_string(format!("/proc/{p}/stat"))
                .ok()
                .and_then(|s| {
                    // pid (comm) state ppid ...: comm may contain spaces, so split after ')'.
                    let rest = &s[s.rfind(')')? + 1..];
                    rest.split_whitespace().nth(1)?.parse::<u32>().ok()
                })
                == Some(pid)
        })
        .collect()
}

/// Resident memory of a process, from /proc (Linux).
fn resident_kb(pid: u32) -> Option<u64> {
    status_kb(pid, "VmRSS:")
}

/// A `kB` field of /proc/PID/status.
fn status_kb(pid: u32, field: &str) -> Option<u64> {
    let status = std::fs::read_to_string(format!("/proc/{pid}/status")).ok()?;
    status
        .lines()
        .find_map(|l| l.strip_prefix(field))
        .and_then(|v| v.split_whitespace().next()?.parse().ok())
}

#[tauri::command]
pub async fn analysis_detail(state: State<'_, AppState>, id: String) -> CmdResult<Analysis> {
    let id = AnalysisId::parse(&id)?;
    with_store(&state, move |s| s.analysis(&id)).await
}

/// Analyses every stored resume against a job (no re-upload), streaming progress.
#[tauri::command]
pub async fn analyze_all(
    state: State<'_, AppState>,
    job_id: String,
    on_progress: Channel<AnalyzeProgress>,
) -> CmdResult<BatchReport> {
    let id = JobId::parse(&job_id)?;
    with_model(&state, move |s, model| {
        let job = s.prepare_job(model, &id)?;
        s.analyze_all(model, &job, now(), |done, total| {
            let _ = on_progress.send(AnalyzeProgress { done, total });
        })
    })
    .await
}

#[tauri::command]
pub async fn ask_question(
    state: State<'_, AppState>,
    analysis_id: String,
    question: String,
) -> CmdResult<Answer> {
    let id = AnalysisId::parse(&analysis_id)?;
    with_model(&state, move |s, model| s.ask(model, &id, &question, 3)).await
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
    with_model(&state, move |s, model| {
        let job = s.prepare_job(model, &job)?;
        s.analyze(model, &job, &resume, now())
    })
    .await
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

/// A native file dialog in front of the main window. rfd's async dialogs hand their work to
/// GTK's main loop and wait without holding it; its blocking dialogs, run from the main thread
/// (where GTK lives), would wait for that very loop and freeze the window.
fn file_dialog(app: &AppHandle, title: &str) -> rfd::AsyncFileDialog {
    let dialog = rfd::AsyncFileDialog::new().set_title(title);
    match app.get_webview_window("main") {
        Some(window) => dialog.set_parent(&window),
        None => dialog,
    }
}

/// The native save dialog; `None` when cancelled.
async fn save_dialog(
    app: &AppHandle,
    title: &'static str,
    file_name: &'static str,
    ext: &'static str,
) -> Option<PathBuf> {
    file_dialog(app, title)
        .set_file_name(file_name)
        .add_filter(ext, &[ext])
        .save_file()
        .await
        .map(|f| f.path().to_owned())
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
        _ => return Err(IpcError::new("invalid_input", "unknown export kind")),
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

#[tauri::command]
pub async fn storage_stats(state: State<'_, AppState>) -> CmdResult<StorageStats> {
    with_store(&state, |s| s.stats()).await
}

/// Opens the native file picker (on the main thread, as GTK requires) and returns the chosen
/// PDFs; an empty list when cancelled.
#[tauri::command]
pub async fn pick_resumes(app: AppHandle) -> CmdResult<Vec<String>> {
    let files = file_dialog(&app, "Add resumes")
        .add_filter("PDF documents", &["pdf", "PDF"])
        .pick_files()
        .await
        .unwrap_or_default();
    Ok(files
        .iter()
        .map(|f| f.path().to_string_lossy().into_owned())
        .collect())
}

fn pdf_reader(state: &AppState) -> shortlist_core::Result<PdfReader> {
    if let Some(reader) = state.pdf.get() {
        return Ok(reader.clone());
    }
    let library = state.assets.path(assets::PDFIUM)?;
    let reader = PdfReader::for_this_executable(&library)?;
    tracing::info!(library = %library.display(), "PDF reader started");
    Ok(state.pdf.get_or_init(|| reader).clone())
}

/// Imports files and folders (recursively, `*.pdf`), streaming a result per file.
#[tauri::command]
pub async fn import_paths(
    state: State<'_, AppState>,
    paths: Vec<String>,
    on_event: Channel<ImportEvent>,
) -> CmdResult<ImportSummary> {
    let cancel = Arc::new(AtomicBool::new(false));
    {
        let mut slot = state
            .import_cancel
            .lock()
            .map_err(|_| IpcError::new("internal", "import state poisoned"))?;
        if slot.is_some() {
            return Err(IpcError::new(
                "busy",
                "an import is already running; wait for it or cancel it",
            ));
        }
        *slot = Some(Arc::clone(&cancel));
    }
    let result = run_import(&state, paths, on_event, cancel).await;
    if let Ok(mut slot) = state.import_cancel.lock() {
        *slot = None;
    }
    result
}

async fn run_import(
    state: &State<'_, AppState>,
    paths: Vec<String>,
    on_event: Channel<ImportEvent>,
    cancel: Arc<AtomicBool>,
) -> CmdResult<ImportSummary> {
    let inputs: Vec<PathBuf> = paths.into_iter().map(PathBuf::from).collect();
    let (files, early) = import::collect_pdfs(&inputs);
    let reader = if files.is_empty() {
        None
    } else {
        Some(pdf_reader(state)?)
    };
    let store = Arc::clone(&state.store);
    let assets = state.assets.clone();
    tauri::async_runtime::spawn_blocking(move || -> shortlist_core::Result<ImportSummary> {
        let total = files.len() + early.len();
        let _ = on_event.send(ImportEvent::Started { total });
        let mut results = Vec::with_capacity(total);
        for (i, result) in early.into_iter().enumerate() {
            let _ = on_event.send(ImportEvent::File {
                done: i + 1,
                total,
                result: result.clone(),
            });
            results.push(result);
        }
        let offset = results.len();
        let mut cancelled = false;
        if let Some(reader) = reader {
            let kit = ImportKit::for_current_job(&store, reader, &assets)?;
            let tools = kit.tools();
            let (done, was_cancelled) =
                import::import_files(&store, &tools, &files, &cancel, now, |done, _, result| {
                    let _ = on_event.send(ImportEvent::File {
                        done: offset + done,
                        total,
                        result: result.clone(),
                    });
                });
            results.extend(done);
            cancelled = was_cancelled;
        }
        Ok(ImportSummary::of(&results, cancelled))
    })
    .await
    .map_err(|_| IpcError::new("internal", "the import stopped unexpectedly"))?
    .map_err(IpcError::from)
}

/// Asks the running import to stop after the current file.
#[tauri::command]
pub fn cancel_import(state: State<'_, AppState>) -> CmdResult<bool> {
    let slot = state
        .import_cancel
        .lock()
        .map_err(|_| IpcError::new("internal", "import state poisoned"))?;
    Ok(match slot.as_ref() {
        Some(flag) => {
            flag.store(true, Ordering::Relaxed);
            true
        }
        None => false,
    })
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
    let manifest =
        tauri::async_runtime::spawn_blocking(move || shortlist_core::backup::inspect(&checked))
            .await
            .map_err(|_| IpcError::new("internal", "the check stopped unexpectedly"))??;
    Ok(Some(BackupChoice {
        path: path.to_string_lossy().into_owned(),
        manifest,
    }))
}

/// Restarts the app shortly after the current command has answered, for the work just
/// scheduled. The successor starts first and waits (in `pending::run`) until this process has
/// let go of the data folder; this one then closes. So the successor does not depend on the
/// window closing cleanly (Tauri's own restart starts it only after the event loop has wound
/// down), and if closing hangs, the process ends anyway after a few seconds: everything
/// acknowledged is already committed. A successor that stops at once is started again: under
/// Xvfb one was seen to fail GTK's start ("Failed to initialize GTK") now and then. (Keep
/// `enableGTKAppId` off in tauri.conf.json: with a GTK application id, a successor started
/// while this instance lives would hand over to it over D-Bus and exit.)
fn restart_soon(app: AppHandle) {
    // Scoring old analyses again must not hold the restart up: it resumes at the next start.
    if let Some(state) = app.try_state::<AppState>() {
        state.rescore.cancel();
    }
    std::thread::spawn(move || {
        std::thread::sleep(Duration::from_millis(400));
        start_successor(&app.env());
        app.exit(0);
        std::thread::sleep(Duration::from_secs(8));
        tracing::warn!("the window did not close for the restart; exiting");
        std::process::exit(0);
    });
}

/// Starts this app again with the same arguments and watches it for a few seconds (it does not
/// need this process for that: it waits for the folder only after its window system is up);
/// up to three tries. When every try fails, the work stays scheduled for the next start.
fn start_successor(env: &tauri::Env) {
    const WATCH: Duration = Duration::from_secs(3);
    for attempt in 1..=3 {
        let child = tauri::process::current_binary(env).and_then(|exe| {
            std::process::Command::new(exe)
                .args(env.args_os.iter().skip(1))
                .spawn()
        });
        let mut child = match child {
            Ok(child) => child,
            Err(e) => {
                tracing::error!(error = %e, attempt, "could not start the app again");
                continue;
            }
        };
        let watched = std::time::Instant::now();
        let status = loop {
            match child.try_wait() {
                Ok(None) if watched.elapsed() < WATCH => {
                    std::thread::sleep(Duration::from_millis(100))
                }
                Ok(None) | Err(_) => break None,
                Ok(Some(status)) => break Some(status),
            }
        };
        match status {
            None => {
                tracing::info!(attempt, "started the successor for the scheduled work");
                return;
            }
            Some(status) => {
                tracing::warn!(%status, attempt, "the restarted app stopped at once")
            }
        }
    }
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
    tauri::async_runtime::spawn_blocking(move || {
        shortlist_core::backup::inspect(&archive)?;
        pending::schedule(&dir, &Pending::Restore { archive })
    })
    .await
    .map_err(|_| IpcError::new("internal", "the restore stopped unexpectedly"))??;
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
    app.try_state::<crate::StartupFailure>()
        .map(|f| f.0.clone())
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

/// Renders page `page` (0-based) of a stored resume with PDFium, for the preview beside its
/// text (no external viewer).
#[tauri::command]
pub async fn resume_page(
    state: State<'_, AppState>,
    id: String,
    page: u32,
) -> CmdResult<PagePreview> {
    use base64::Engine as _;
    let id = ResumeId::parse(&id)?;
    let reader = pdf_reader(&state)?;
    with_store(&state, move |s| {
        let pdf = s.resume_pdf(&id)?;
        let rendered = reader.render_page(&pdf, page, 900, PdfLimits::default())?;
        Ok(PagePreview {
            data_url: format!(
                "data:image/png;base64,{}",
                base64::engine::general_purpose::STANDARD.encode(&rendered.png)
            ),
            page,
            pages: rendered.pages,
        })
    })
    .await
}
