//! Every command the shell registers can be called from the window: it is in the app
//! manifest (`src-tauri/build.rs`) and allowed by the capability file. A command missing from
//! either is refused at run time ("not allowed"), which no compiler catches.

use std::collections::BTreeSet;
use std::path::Path;

fn repo() -> &'static Path {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .parent()
        .expect("tests/ sits in the repository")
}

fn read(rel: &str) -> String {
    std::fs::read_to_string(repo().join(rel)).unwrap_or_else(|e| panic!("{rel}: {e}"))
}

/// The text between `start` and the first `end` after it.
fn between<'a>(s: &'a str, start: &str, end: &str) -> &'a str {
    let from = s.find(start).unwrap_or_else(|| panic!("no {start:?}")) + start.len();
    let len = s[from..].find(end).unwrap_or_else(|| panic!("no {end:?}"));
    &s[from..from + len]
}

#[test]
fn every_registered_command_is_in_the_manifest_and_allowed() {
    let main = read("src-tauri/src/main.rs");
    let handler = between(&main, "generate_handler![", "]");
    let code: String = handler
        .lines()
        .map(|l| l.split("//").next().unwrap_or(""))
        .collect::<Vec<_>>()
        .join("\n");
    let registered: BTreeSet<String> = code
        .split(',')
        .map(|p| p.trim())
        .filter(|p| !p.is_empty())
        .map(|p| p.rsplit("::").next().unwrap().trim().to_owned())
        .collect();
    assert!(registered.len() > 10, "{registered:?}");

    let build = read("src-tauri/build.rs");
    let listed = between(&build, "let commands = &[", "];");
    let manifest: BTreeSet<String> = listed
        .lines()
        .map(str::trim)
        .filter(|l| l.starts_with('"'))
        .map(|l| l.trim_end_matches(',').trim_matches('"').to_owned())
        .collect();

    let caps: serde_json::Value =
        serde_json::from_str(&read("src-tauri/capabilities/default.json")).unwrap();
    let allowed: BTreeSet<String> = caps["permissions"]
        .as_array()
        .unwrap()
        .iter()
        .filter_map(|p| p.as_str())
        .filter_map(|p| p.strip_prefix("allow-"))
        .map(|p| p.replace('-', "_"))
        .collect();

    let missing_manifest: Vec<_> = registered.difference(&manifest).collect();
    let missing_allowed: Vec<_> = registered.difference(&allowed).collect();
    assert!(
        missing_manifest.is_empty() && missing_allowed.is_empty(),
        "not in src-tauri/build.rs: {missing_manifest:?}; not allowed in capabilities/default.json: {missing_allowed:?}"
    );
}
