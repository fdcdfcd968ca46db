//! Start-up benchmark (`make bench`, built with the `bench` feature): with
//! `SHORTLIST_BENCH_STARTUP=SECONDS` set, the app waits that long idle after its first paint,
//! prints the start-up time and the resident memory (from /proc, Linux) to stdout, and quits.

use tauri::AppHandle;

/// The environment variable that makes the app report its start-up and exit.
pub const BENCH_STARTUP_ENV: &str = "SHORTLIST_BENCH_STARTUP";

/// Reports and quits after the idle time, when [`BENCH_STARTUP_ENV`] asks for it.
pub fn report_startup(app: AppHandle, first_paint_ms: u64) {
    let Some(idle) = std::env::var(BENCH_STARTUP_ENV)
        .ok()
        .and_then(|s| s.parse::<f64>().ok())
    else {
        return;
    };
    std::thread::spawn(move || {
        std::thread::sleep(std::time::Duration::from_secs_f64(idle));
        let me = std::process::id();
        let children: u64 = child_pids(me).into_iter().filter_map(resident_kb).sum();
        println!(
            "first_paint_ms={first_paint_ms} idle_rss_kb={} idle_anon_kb={} children_rss_kb={children}",
            resident_kb(me).unwrap_or(0),
            status_kb(me, "RssAnon:").unwrap_or(0)
        );
        app.exit(0);
    });
}

/// Processes whose parent is `pid` (the web view's helpers), from /proc (Linux).
fn child_pids(pid: u32) -> Vec<u32> {
    let Ok(entries) = std::fs::read_dir("/proc") else {
        return Vec::new();
    };
    entries
        .flatten()
        .filter_map(|e| e.file_name().to_str()?.parse::<u32>().ok())
        .filter(|p| {
            std::fs::read_to_string(format!("/proc/{p}/stat"))
                .ok()
                .and_then(|s| {
                    // pid (comm) state ppid ...: comm may contain spaces, so split after ')'.
                    let rest = &s[s.rfind(')')? + 1..];
                    rest.split_whitespace().nth(1)?.parse::<u32>().ok()
                })
                == Some(pid)
        })
        .collect()
}

/// Resident memory of a process, from /proc (Linux).
fn resident_kb(pid: u32) -> Option<u64> {
    status_kb(pid, "VmRSS:")
}

/// A `kB` field of /proc/PID/status.
fn status_kb(pid: u32, field: &str) -> Option<u64> {
    let status = std::fs::read_to_string(format!("/proc/{pid}/status")).ok()?;
    status
        .lines()
        .find_map(|l| l.strip_prefix(field))
        .and_then(|v| v.split_whitespace().next()?.parse().ok())
}
