//! The commands the UI calls, by screen. Each is a few lines: parse IDs, call the core on a
//! blocking thread, map the error to one [`IpcError`].

pub mod feedback;
pub mod import;
pub mod jobs;
pub mod resumes;
pub mod search;
pub mod shortlist;
pub mod storage;
pub mod workflow;

use std::sync::Arc;

use shortlist_core::embed::Embedder;
use shortlist_core::wire::IpcError;
use shortlist_core::{ErrorCode, Session, Store};
use tauri::State;
use time::OffsetDateTime;

use crate::state::AppState;

pub type CmdResult<T> = Result<T, IpcError>;

/// Runs `f` on a blocking thread; `what` is the message if it panics ("the … stopped
/// unexpectedly").
pub async fn blocking<T: Send + 'static>(
    what: &'static str,
    f: impl FnOnce() -> shortlist_core::Result<T> + Send + 'static,
) -> CmdResult<T> {
    tauri::async_runtime::spawn_blocking(f)
        .await
        .map_err(|_| IpcError::new(ErrorCode::Internal, what))?
        .map_err(IpcError::from)
}

/// Runs `f` with the store and the session on a blocking thread.
pub async fn with_session<T: Send + 'static>(
    state: &State<'_, AppState>,
    f: impl FnOnce(&Store, &Session) -> shortlist_core::Result<T> + Send + 'static,
) -> CmdResult<T> {
    let store = Arc::clone(&state.store);
    let session = Arc::clone(&state.session);
    blocking("the operation stopped unexpectedly", move || {
        f(&store, &session)
    })
    .await
}

/// As [`with_session`], with the store only.
pub async fn with_store<T: Send + 'static>(
    state: &State<'_, AppState>,
    f: impl FnOnce(&Store) -> shortlist_core::Result<T> + Send + 'static,
) -> CmdResult<T> {
    with_session(state, move |store, _| f(store)).await
}

/// As [`with_session`], with the embedding model (loaded on first use).
pub async fn with_model<T: Send + 'static>(
    state: &State<'_, AppState>,
    f: impl FnOnce(&Store, &Embedder) -> shortlist_core::Result<T> + Send + 'static,
) -> CmdResult<T> {
    with_session(state, move |store, session| f(store, &*session.embedder()?)).await
}

pub fn now() -> OffsetDateTime {
    OffsetDateTime::now_utc()
}

/// The `updated_at` of a record as the window loaded it (RFC 3339), for edits that must not
/// overwrite a change made meanwhile elsewhere.
pub fn seen(at: Option<String>) -> shortlist_core::Result<Option<OffsetDateTime>> {
    at.map(|s| {
        OffsetDateTime::parse(&s, &time::format_description::well_known::Rfc3339)
            .map_err(|_| shortlist_core::Error::invalid("seen", "not an RFC 3339 time"))
    })
    .transpose()
}
