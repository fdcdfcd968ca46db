//! `shortlist`: the headless front end over shortlist-core.
//!
//! `main` parses the arguments and maps the result to an exit code: 0 success, 1 failure
//! (including any file that failed to import), 2 usage. Each command family is a module of
//! [`cmd`] with its clap type and its `run`; they share a [`context::Context`] (data folder,
//! output mode, the core's session) and the helpers of [`output`].

mod cmd;
mod context;
mod output;

use std::path::PathBuf;
use std::process::ExitCode;

use clap::Parser;
use shortlist_core::text;

#[derive(Debug, Parser)]
#[command(
    name = "shortlist",
    version,
    about = "Screen resumes against job descriptions, offline."
)]
struct Cli {
    /// Data directory (default: $SHORTLIST_DATA_DIR, else the platform's app-data folder).
    #[arg(long, global = true, value_name = "DIR")]
    data_dir: Option<PathBuf>,
    /// Machine-readable JSON output on stdout.
    #[arg(long, global = true)]
    json: bool,
    #[command(subcommand)]
    command: cmd::Command,
}

fn main() -> ExitCode {
    // Before any thread starts (see the function): no vendor telemetry from ONNX Runtime.
    shortlist_core::embed::disable_vendor_telemetry();
    if let Some(code) = shortlist_core::pdf::worker::run_if_requested() {
        return ExitCode::from(u8::try_from(code).unwrap_or(1));
    }
    let cli = match Cli::try_parse() {
        Ok(cli) => cli,
        Err(e) => return usage(&e),
    };
    let ran = context::Context::new(cli.data_dir, cli.json).and_then(|ctx| cli.command.run(&ctx));
    match ran {
        Ok(code) => code,
        // Output piped into `head` that closed early: what was asked for was printed.
        Err(e)
            if e.chain().any(|c| {
                c.downcast_ref::<std::io::Error>()
                    .is_some_and(|io| io.kind() == std::io::ErrorKind::BrokenPipe)
            }) =>
        {
            ExitCode::SUCCESS
        }
        Err(e) => {
            eprintln!("error: {}", text::terminal(&message(&e)));
            ExitCode::FAILURE
        }
    }
}

/// Arguments are echoed in a usage error up to this many characters, as the core's own
/// messages echo rejected IDs.
const ECHO_CHARS: usize = 40;

/// Prints clap's message (help and version on stdout, errors on stderr), with every argument
/// it echoes cut to [`ECHO_CHARS`] and nothing in it that acts on the terminal.
fn usage(e: &clap::Error) -> ExitCode {
    let code = ExitCode::from(u8::try_from(e.exit_code()).unwrap_or(2));
    let rendered = e.render().to_string();
    if !e.use_stderr() {
        print!("{rendered}");
        return code;
    }
    let args: Vec<String> = std::env::args_os()
        .skip(1)
        .map(|a| a.to_string_lossy().into_owned())
        .collect();
    eprint!("{}", text::terminal(&cut_echoes(&rendered, &args)));
    code
}

/// `message` with each long argument of `args` (or its value after `=`) cut to
/// [`ECHO_CHARS`] characters, longest first.
fn cut_echoes(message: &str, args: &[String]) -> String {
    let mut long: Vec<&str> = args
        .iter()
        .flat_map(|a| [Some(a.as_str()), a.split_once('=').map(|(_, v)| v)])
        .flatten()
        .filter(|a| a.chars().count() > ECHO_CHARS)
        .collect();
    long.sort_by_key(|a| std::cmp::Reverse(a.len()));
    let mut out = message.to_owned();
    for arg in long {
        let mut cut: String = arg.chars().take(ECHO_CHARS).collect();
        cut.push_str(&format!("… ({} characters)", arg.chars().count()));
        out = out.replace(arg, &cut);
    }
    out
}

/// The core's message, without Rust-internal chains.
fn message(e: &anyhow::Error) -> String {
    match e.downcast_ref::<shortlist_core::Error>() {
        Some(core) => core.to_string(),
        None => format!("{e:#}"),
    }
}
