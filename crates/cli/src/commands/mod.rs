//! One module per subcommand.

pub mod compile;
pub mod diff;
pub mod fetch;
pub mod import;
pub mod schema;
pub mod shard;
pub mod skus;
pub mod snapshot;
pub mod validate;

use crate::error::InputError;
use crate::json;
use crate::terminal::{safe, safe_lines};
use crate::text;
use crate::Env;
use shelfcheck_core::{Catalog, CompileError, Snapshot};
use std::io;
use std::path::Path;

/// Label of the embedded demo snapshot in messages.
pub const DEMO: &str = "<demo>";

/// Reads a snapshot file's bytes, at most the snapshot size limit (1 GiB by default), so a
/// pipe or device given as `--snapshot` cannot grow memory without bound.
fn read_snapshot_bytes(path: &Path, source: &str) -> Result<Vec<u8>, InputError> {
    let max = shelfcheck_core::input::limits::InputLimits::default().snapshot_bytes;
    crate::read::read_input(path, source, "snapshot_bytes", max)
}

/// A snapshot file's JSON text (a leading byte order mark dropped) parsed.
fn parse_snapshot_text(bytes: Vec<u8>, source: &str) -> Result<Snapshot, InputError> {
    let text =
        crate::read::into_text(bytes).map_err(|_| InputError::NotUtf8 { source: source.to_owned(), line: None })?;
    json::parse(&text, source, 0)
}

/// Reads a JSON snapshot file, or the embedded demo snapshot when `path` is `None`. A binary
/// snapshot is refused with a message saying so: the commands that need the snapshot's own
/// lists (check, diff, shard) read JSON.
pub fn read_snapshot(path: Option<&Path>) -> Result<Snapshot, InputError> {
    match path {
        None => json::parse(shelfcheck_core::demo::SNAPSHOT_JSON, DEMO, 0),
        Some(p) => {
            let source = crate::input::display(p);
            let bytes = read_snapshot_bytes(p, &source)?;
            if shelfcheck_core::storage::binary::is_binary(&bytes) {
                return Err(InputError::BinarySnapshot { source });
            }
            parse_snapshot_text(bytes, &source)
        }
    }
}

/// Why a snapshot cannot be used.
#[derive(Debug)]
pub enum SnapshotError {
    Input(InputError),
    Broken {
        source: String,
        error: CompileError,
    },
    /// A binary snapshot that cannot be loaded.
    Binary {
        source: String,
        error: shelfcheck_core::storage::binary::BinaryError,
    },
}

impl SnapshotError {
    /// Every line to print on standard error.
    pub fn write(&self, env: &mut Env<'_>) -> io::Result<()> {
        let prefix = text::error_prefix(env.locale);
        match self {
            SnapshotError::Input(e) => {
                let what = text::tr(env.locale, "无法使用快照", "cannot use the snapshot");
                writeln!(env.err, "{prefix}{what}: {}", safe(&e.line(env.locale)))
            }
            SnapshotError::Broken { source, error } => {
                writeln!(env.err, "{prefix}{}: {}", safe(source), safe_lines(&error.message(env.locale)))
            }
            SnapshotError::Binary { source, error } => {
                writeln!(env.err, "{prefix}{}: {}", safe(source), safe(&error.message(env.locale)))
            }
        }
    }
}

/// Reads and compiles a snapshot (or the demo one). A file in the binary form (told apart by
/// its magic bytes) is loaded as it is: it was compiled when it was written.
pub fn load_catalog(path: Option<&Path>) -> Result<Catalog, SnapshotError> {
    let source = path.map(crate::input::display).unwrap_or_else(|| DEMO.to_owned());
    let snapshot = match path {
        None => read_snapshot(None).map_err(SnapshotError::Input)?,
        Some(p) => {
            let bytes = read_snapshot_bytes(p, &source).map_err(SnapshotError::Input)?;
            if shelfcheck_core::storage::binary::is_binary(&bytes) {
                return shelfcheck_core::storage::binary::decode(bytes)
                    .map_err(|error| SnapshotError::Binary { source, error });
            }
            parse_snapshot_text(bytes, &source).map_err(SnapshotError::Input)?
        }
    };
    Catalog::compile(snapshot).map_err(|error| SnapshotError::Broken { source, error })
}
