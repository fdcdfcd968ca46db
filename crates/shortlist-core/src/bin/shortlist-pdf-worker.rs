//! The PDF worker on its own, for the core's tests and tools that do not embed the hook.
//! The app and the CLI start themselves as workers instead (see `pdf::worker`).

fn main() {
    std::process::exit(shortlist_core::pdf::worker::run_if_requested().unwrap_or(2));
}
