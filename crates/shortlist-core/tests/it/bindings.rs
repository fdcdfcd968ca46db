//! The UI's TypeScript types are generated from the Rust types; this keeps the checked-in file
//! current. `make bindings` (SHORTLIST_WRITE_BINDINGS=1) rewrites it.

use std::path::Path;

use shortlist_core::wire::{typescript, BINDINGS_PATH};

#[test]
fn the_ui_bindings_are_generated_from_the_current_rust_types() {
    let path = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("../..")
        .join(BINDINGS_PATH);
    let generated = typescript();
    if std::env::var_os("SHORTLIST_WRITE_BINDINGS").is_some() {
        std::fs::write(&path, &generated).unwrap();
        return;
    }
    let checked_in = std::fs::read_to_string(&path).unwrap_or_default();
    assert!(
        checked_in == generated,
        "{BINDINGS_PATH} does not match the Rust types: run `make bindings` and commit it"
    );
    // Every command payload the UI imports is declared.
    for name in [
        "Job",
        "JobSummary",
        "Resume",
        "ShortlistRow",
        "Analysis",
        "ImportEvent",
        "FeedbackStats",
        "StorageStats",
        "IpcError",
    ] {
        assert!(
            generated.contains(&format!("export type {name} = ")),
            "{name} missing"
        );
    }
}
