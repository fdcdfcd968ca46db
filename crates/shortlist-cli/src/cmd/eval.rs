//! `shortlist eval`: ranking quality on a labelled set, and the engine's background.

use std::path::{Path, PathBuf};
use std::process::ExitCode;

use anyhow::Result;
use clap::Args;
use shortlist_core::eval::{self, LabelledSet};

use crate::context::{now, Context};

#[derive(Debug, Args)]
pub struct Eval {
    /// The set (default: tests/fixtures/ner-eval/dev in the source tree).
    dir: Option<PathBuf>,
    /// Where embeddings are cached between runs (default: the user's cache folder).
    #[arg(long)]
    cache: Option<PathBuf>,
    /// Measure with other descriptions of the set's jobs: a folder of `<job>.txt` files, one
    /// per job of the set (e.g. tests/fixtures/ner-eval/styles/dev).
    #[arg(long, value_name = "DIR")]
    jobs: Option<PathBuf>,
    /// Instead: write the engine's background (term statistics and vectors) from the
    /// set's resumes into this folder (crates/shortlist-core/data/background).
    #[arg(long)]
    write_background: Option<PathBuf>,
}

impl Eval {
    /// Your data is untouched: no store is opened.
    pub fn run(self, ctx: &Context) -> Result<ExitCode> {
        let dir = self.dir.unwrap_or_else(|| {
            Path::new(env!("CARGO_MANIFEST_DIR")).join("../../tests/fixtures/ner-eval/dev")
        });
        let cache = self.cache.unwrap_or_else(default_cache);
        let embedder = ctx.session.embedder()?;
        if let Some(out) = self.write_background {
            let n = eval::write_background(&dir, &embedder, &cache, &out, now())?;
            println!(
                "background of {} written to {}",
                super::count_of(n, "resume", "resumes"),
                out.display()
            );
            return Ok(ExitCode::SUCCESS);
        }
        let set = LabelledSet::load(&dir)?;
        let set = match &self.jobs {
            Some(jobs) => set.with_jobs(jobs)?,
            None => set,
        };
        let has_pdfs = set
            .resumes
            .iter()
            .any(|p| p.extension().is_some_and(|e| e.eq_ignore_ascii_case("pdf")));
        let reader = match has_pdfs {
            true => Some(ctx.session.pdf_reader()?),
            false => None,
        };
        let report = eval::run(&set, reader.as_ref(), &embedder, &cache, now())?;
        let parsing = dir
            .join("parse.tsv")
            .exists()
            .then(|| eval::parsing(&dir, now()))
            .transpose()?;
        ctx.out.print(
            &serde_json::json!({ "ranking": report, "parsing": parsing }),
            |_| {
                let mut s = report.table();
                if let Some(p) = &parsing {
                    s.push('\n');
                    s.push_str(&p.table());
                }
                s
            },
        )?;
        Ok(ExitCode::SUCCESS)
    }
}

/// `$SHORTLIST_CACHE/eval`, else the XDG or home cache folder's `shortlist/eval`.
fn default_cache() -> PathBuf {
    let base = std::env::var_os("SHORTLIST_CACHE")
        .map(PathBuf::from)
        .or_else(|| std::env::var_os("XDG_CACHE_HOME").map(|d| PathBuf::from(d).join("shortlist")))
        .or_else(|| std::env::var_os("HOME").map(|d| PathBuf::from(d).join(".cache/shortlist")))
        .unwrap_or_else(std::env::temp_dir);
    base.join("eval")
}
