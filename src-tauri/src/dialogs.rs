//! Native file dialogs in front of the main window.

use std::path::PathBuf;

use tauri::{AppHandle, Manager};

/// A native file dialog in front of the main window. rfd's async dialogs hand their work to
/// GTK's main loop and wait without holding it; its blocking dialogs, run from the main thread
/// (where GTK lives), would wait for that very loop and freeze the window.
pub fn file_dialog(app: &AppHandle, title: &str) -> rfd::AsyncFileDialog {
    let dialog = rfd::AsyncFileDialog::new().set_title(title);
    match app.get_webview_window("main") {
        Some(window) => dialog.set_parent(&window),
        None => dialog,
    }
}

/// The native save dialog; `None` when cancelled.
pub async fn save_dialog(
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
