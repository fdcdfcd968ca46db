//! What every command shares: the store, the core's session (PDF reader and model, started
//! when first needed), the running import's cancel flag, the start-up notice and the
//! background rescore.

use std::path::PathBuf;
use std::sync::atomic::AtomicBool;
use std::sync::{Arc, Mutex, OnceLock};

use shortlist_core::assets::Assets;
use shortlist_core::store::default_data_dir;
use shortlist_core::store::pending::{self, PendingDone};
use shortlist_core::{Session, Store};

use crate::rescore::Rescore;

/// When the process started, for the start-up time reported at first paint.
pub static STARTED: OnceLock<std::time::Instant> = OnceLock::new();
/// The same moment as a date, to place the page's own clock against it.
pub static STARTED_AT: OnceLock<time::OffsetDateTime> = OnceLock::new();

/// Why the data folder could not be opened, when it could not (the window shows it).
#[derive(Debug)]
pub struct StartupFailure(pub String);

#[derive(Debug)]
pub struct AppState {
    pub store: Arc<Store>,
    pub session: Arc<Session>,
    /// Set while an import runs; storing `true` asks it to stop after the current file.
    pub import_cancel: Mutex<Option<Arc<AtomicBool>>>,
    /// What the start did besides opening (a restore, a compaction), for the window to show.
    pub notice: Mutex<Option<String>>,
    /// Bringing analyses of an older engine up to date, after the first paint.
    pub rescore: Arc<Rescore>,
    /// Whether this process opened the folder first (it then brings older records up to
    /// date after the first paint, `Store::catch_up`).
    pub opened_first: bool,
    _log: Option<shortlist_log::LogGuard>,
}

impl AppState {
    /// Runs the work the previous run scheduled (restore, compaction), then opens the data
    /// folder; `resource_dirs` are where a bundled app keeps its assets.
    pub fn open(resource_dirs: Vec<PathBuf>) -> Result<AppState, shortlist_core::Error> {
        let dir = default_data_dir()?;
        // Work scheduled by the previous run (restore, compaction) needs the folder to itself.
        let pending = pending::run(&dir, time::OffsetDateTime::now_utc());
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
        let log = shortlist_log::init(store.dir()).ok();
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
        // The check for missing blobs (a pass over every resume) runs after the first paint.
        Ok(AppState {
            store: Arc::new(store),
            session: Arc::new(Session::new(Assets::discover(&resource_dirs))),
            import_cancel: Mutex::new(None),
            notice: Mutex::new(notice),
            rescore: Arc::default(),
            opened_first: report.exclusive,
            _log: log,
        })
    }
}
