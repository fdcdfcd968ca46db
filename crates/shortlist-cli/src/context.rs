//! What every command shares: the data directory, the output mode and the core's session (PDF
//! reader and model, started when a command first needs them).

use std::cell::OnceCell;
use std::path::PathBuf;

use anyhow::Result;
use shortlist_core::assets::Assets;
use shortlist_core::store::default_data_dir;
use shortlist_core::{Session, Store};
use shortlist_log::LogGuard;
use time::OffsetDateTime;

use crate::output::Output;

#[derive(Debug)]
pub struct Context {
    pub data_dir: PathBuf,
    pub out: Output,
    pub session: Session,
    log: OnceCell<Option<LogGuard>>,
}

impl Context {
    /// `data_dir`, else `$SHORTLIST_DATA_DIR`, else the platform's app-data folder.
    pub fn new(data_dir: Option<PathBuf>, json: bool) -> Result<Context> {
        let data_dir = match data_dir {
            Some(dir) => dir,
            None => default_data_dir()?,
        };
        Ok(Context {
            data_dir,
            out: Output { json },
            session: Session::new(Assets::discover(&[])),
            log: OnceCell::new(),
        })
    }

    /// Opens the store and starts logging into its folder (until the command ends).
    pub fn store(&self) -> Result<Store> {
        let (store, _report) = Store::open(&self.data_dir)?;
        self.log
            .get_or_init(|| shortlist_log::init(store.dir()).ok());
        Ok(store)
    }
}

pub fn now() -> OffsetDateTime {
    OffsetDateTime::now_utc()
}
