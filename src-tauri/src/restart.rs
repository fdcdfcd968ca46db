//! Restarting the app for work that needs the data folder to itself (a restore, the
//! compaction after an erase).

use std::time::Duration;

use tauri::{AppHandle, Manager};

use crate::state::AppState;

/// Restarts the app shortly after the current command has answered, for the work just
/// scheduled. The successor starts first and waits (in `pending::run`) until this process has
/// let go of the data folder; this one then closes. So the successor does not depend on the
/// window closing cleanly (Tauri's own restart starts it only after the event loop has wound
/// down), and if closing hangs, the process ends anyway after a few seconds: everything
/// acknowledged is already committed. A successor that stops at once is started again: under
/// Xvfb one was seen to fail GTK's start ("Failed to initialize GTK") now and then. (Keep
/// `enableGTKAppId` off in tauri.conf.json: with a GTK application id, a successor started
/// while this instance lives would hand over to it over D-Bus and exit.)
pub fn restart_soon(app: AppHandle) {
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
