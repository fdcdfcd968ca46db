//! Logging to a rotating file in the data directory, set up by each front end (the CLI and
//! the desktop shell) at start; the core only emits `tracing` events.
//!
//! Only IDs, counts, durations and error kinds are logged: never resume text, candidate names
//! or contact details.

use std::path::Path;

pub use tracing_appender::non_blocking::WorkerGuard as LogGuard;
use tracing_subscriber::EnvFilter;

use shortlist_core::{Error, Result};

/// Starts logging to `<data_dir>/logs/shortlist.<date>.log`, keeping a week of files.
/// The level comes from `SHORTLIST_LOG` (default `info`). Keep the guard alive until exit.
pub fn init(data_dir: &Path) -> Result<LogGuard> {
    let dir = data_dir.join("logs");
    std::fs::create_dir_all(&dir).map_err(|e| Error::io("creating", &dir, e))?;
    let appender = tracing_appender::rolling::Builder::new()
        .rotation(tracing_appender::rolling::Rotation::DAILY)
        .filename_prefix("shortlist")
        .filename_suffix("log")
        .max_log_files(7)
        .build(&dir)
        .map_err(|e| Error::DataDir {
            path: dir.clone(),
            reason: format!("cannot create the log file: {e}"),
        })?;
    let (writer, guard) = tracing_appender::non_blocking(appender);
    let filter =
        EnvFilter::try_from_env("SHORTLIST_LOG").unwrap_or_else(|_| EnvFilter::new("info"));
    // A second init in one process (tests) keeps the first subscriber.
    let _ = tracing_subscriber::fmt()
        .with_env_filter(filter)
        .with_writer(writer)
        .with_ansi(false)
        .try_init();
    Ok(guard)
}
