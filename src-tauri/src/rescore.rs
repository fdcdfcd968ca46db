//! Bringing stale analyses (of an older engine, or of an edited job) up to date in the
//! background: after the first paint, and after a job's criteria change.

use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, Mutex};

use shortlist_core::store::{RescoreCause, RescoreProgress};
use tauri::{AppHandle, Emitter};

use crate::commands::now;
use crate::state::AppState;

/// The event that carries [`RescoreProgress`] to the window.
pub const RESCORE_EVENT: &str = "rescore-progress";

/// Once per run of the app, on its own thread.
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

    /// Where it stands (`None`: nothing to upgrade, or not started yet).
    pub fn progress(&self) -> Option<RescoreProgress> {
        *self.progress.lock().unwrap_or_else(|e| e.into_inner())
    }

    /// Asks a running rescore to stop after the current analysis.
    pub fn cancel(&self) {
        self.cancel.store(true, Ordering::Relaxed);
    }
}

/// Starts scoring stale analyses again (made by an older engine, or before their job's
/// description or criteria changed; see [`Rescore`]), reporting progress with
/// [`RESCORE_EVENT`]. Does nothing when a run is going on: that run looks again for stale
/// analyses before it ends, so an edit made meanwhile is picked up. Each analysis is its own
/// commit, so quitting midway loses nothing: the rest is done next time.
pub fn start(app: AppHandle, state: &AppState) {
    let rescore = Arc::clone(&state.rescore);
    if rescore.started.swap(true, Ordering::SeqCst) {
        return;
    }
    let store = Arc::clone(&state.store);
    let session = Arc::clone(&state.session);
    std::thread::spawn(move || loop {
        run_once(&app, &rescore, &store, &session);
        rescore.started.store(false, Ordering::SeqCst);
        // An edit that came while this run was ending found it still running: look again.
        let again = !rescore.cancel.load(Ordering::Relaxed)
            && store.stale_analyses().is_ok_and(|s| !s.is_empty());
        if !again || rescore.started.swap(true, Ordering::SeqCst) {
            return;
        }
    });
}

/// Scores the analyses stale now, publishing progress; a failure is logged (by kind only).
fn run_once(
    app: &AppHandle,
    rescore: &Rescore,
    store: &shortlist_core::Store,
    session: &shortlist_core::Session,
) {
    // A library imported before its term statistics existed is counted first: that may take
    // a generation of them, which makes analyses stale.
    if let Err(e) = store.count_library() {
        tracing::warn!(code = %e.code(), "could not count the library's terms");
    }
    let (total, cause) = match store.stale_analyses() {
        Ok(stale) => (stale.len(), RescoreCause::of(&stale)),
        Err(e) => {
            tracing::warn!(code = %e.code(), "could not list stale analyses");
            return;
        }
    };
    if total == 0 {
        return;
    }
    tracing::info!(total, "scoring stale analyses again");
    let mut last = RescoreProgress {
        done: 0,
        total,
        running: true,
        cause,
    };
    rescore.publish(app, last);
    let result = session.embedder().and_then(|model| {
        store.rescore_stale(&model, now, &rescore.cancel, |done, total| {
            last = RescoreProgress {
                done,
                total,
                running: true,
                cause,
            };
            rescore.publish(app, last);
        })
    });
    if let Err(e) = result {
        tracing::warn!(code = %e.code(), "stale analyses not all scored again");
    }
    rescore.publish(
        app,
        RescoreProgress {
            running: false,
            ..last
        },
    );
}
