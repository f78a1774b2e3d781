//! `shelfcheck snapshot compile`: the binary form of a snapshot, for fast loading.

use super::load_catalog;
use crate::args::SnapshotCompileArgs;
use crate::terminal::safe;
use crate::text::{cannot_write, error_prefix};
use crate::{Env, Outcome};
use shelfcheck_core::Locale;
use std::io;

pub fn run(args: &SnapshotCompileArgs, env: &mut Env<'_>) -> io::Result<Outcome> {
    let catalog = match load_catalog(Some(&args.input)) {
        Ok(c) => c,
        Err(e) => {
            e.write(env)?;
            return Ok(Outcome::Unusable);
        }
    };
    let bytes = match shelfcheck_core::storage::binary::encode(&catalog) {
        Ok(b) => b,
        Err(e) => {
            writeln!(env.err, "{}{}", error_prefix(env.locale), e.message(env.locale))?;
            return Ok(Outcome::Unusable);
        }
    };
    let out = crate::input::display(&args.output);
    // Unique temporary file, fsync, rename: a reader never sees half a file, and concurrent
    // runs never share a temporary name.
    if let Err(e) = shelfcheck_fetch::write_atomic(&args.output, &bytes) {
        writeln!(env.err, "{}{}", error_prefix(env.locale), cannot_write(env.locale, &out, &e))?;
        return Ok(Outcome::Unusable);
    }
    let out = safe(&out);
    let categories = catalog.categories().count();
    let size = bytes.len() as f64 / 1_048_576.0;
    let line = match env.locale {
        Locale::ZhCn => format!("已编译 {categories} 个类目 → {out} ({size:.1} MiB, 哈希 {})", catalog.hash()),
        Locale::En => format!("compiled {categories} categories → {out} ({size:.1} MiB, hash {})", catalog.hash()),
    };
    writeln!(env.out, "{line}")?;
    Ok(Outcome::Valid)
}
