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

/// The native folder picker (several folders); empty when cancelled.
pub async fn pick_folders(app: &AppHandle, title: &'static str) -> Vec<PathBuf> {
    file_dialog(app, title)
        .pick_folders()
        .await
        .unwrap_or_default()
        .into_iter()
        .map(|f| f.path().to_owned())
        .collect()
}

/// Opens `file` with the system's default application, detached (no network, no shell).
pub fn open_in_system(file: &std::path::Path) -> std::io::Result<()> {
    let program = if cfg!(target_os = "macos") {
        "open"
    } else if cfg!(windows) {
        "explorer"
    } else {
        "xdg-open"
    };
    std::process::Command::new(program)
        .arg(file)
        .stdin(std::process::Stdio::null())
        .stdout(std::process::Stdio::null())
        .stderr(std::process::Stdio::null())
        .spawn()
        .map(|_| ())
}
