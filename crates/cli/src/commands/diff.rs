//! `shelfcheck snapshot diff`: what changed between two snapshots and, when listings are given,
//! which of them the change breaks (through `shelfcheck-drift`).

use super::{read_snapshot, SnapshotError};
use crate::args::{SimpleFormat, SnapshotDiffArgs};
use crate::input::{self, Item};
use crate::terminal::{safe, safe_lines};
use crate::text::error_prefix;
use crate::{Env, Outcome};
use shelfcheck_core::{Listing, ValidateOptions};
use std::io;

pub fn run(args: &SnapshotDiffArgs, env: &mut Env<'_>) -> io::Result<Outcome> {
    let mut snapshots = Vec::with_capacity(2);
    for path in [&args.old, &args.new] {
        match read_snapshot(Some(path)) {
            Ok(s) => snapshots.push(s),
            Err(e) => {
                SnapshotError::Input(e).write(env)?;
                return Ok(Outcome::Unusable);
            }
        }
    }
    let (old, new) = (&snapshots[0], &snapshots[1]);
    // The drift report compares listings pairwise, so they are held in memory; `validate` is
    // the streaming path for large batches.
    let mut listings: Vec<(String, Listing)> = Vec::new();
    let mut unusable = 0usize;
    let stdin = &mut *env.stdin;
    let err = &mut *env.err;
    let locale = env.locale;
    let mut stdin_used = false;
    for found in input::discover(&args.listings) {
        let input = match found {
            Ok(i) => i,
            Err(e) => {
                unusable += 1;
                writeln!(err, "{}{}", error_prefix(locale), safe(&e.line(locale)))?;
                continue;
            }
        };
        if input == input::Input::Stdin {
            if stdin_used {
                continue;
            }
            stdin_used = true;
        }
        input::read(&input, stdin, &mut |Item { source, listing }| match listing {
            Ok(l) => {
                listings.push((source, l));
                Ok(())
            }
            Err(e) => {
                unusable += 1;
                writeln!(err, "{}{}", error_prefix(locale), safe(&e.line(locale)))
            }
        })?;
    }
    let options = ValidateOptions { locale, seller_scope: !args.no_seller_scope, ..ValidateOptions::default() };
    let report = shelfcheck_drift::drift(old, new, &listings, &options);
    match args.format {
        SimpleFormat::Json => {
            serde_json::to_writer_pretty(&mut *env.out, &report).map_err(io::Error::from)?;
            writeln!(env.out)?;
        }
        // Rendered by the drift crate from snapshot and listing strings: made safe line by line.
        SimpleFormat::Human => write!(env.out, "{}", safe_lines(&report.render_human(locale)))?,
    }
    Ok(if unusable > 0 || !report.snapshot_errors.is_empty() {
        Outcome::Unusable
    } else if report.any_broken() {
        Outcome::Invalid
    } else {
        Outcome::Valid
    })
}
