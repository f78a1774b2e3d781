//! `shelfcheck snapshot shard`: one small snapshot per leaf category plus an index, so a
//! browser form loads only the category being edited.

use super::{read_snapshot, SnapshotError};
use crate::args::SnapshotShardArgs;
use crate::error::InputError;
use crate::text::{error_prefix, tr};
use crate::{Env, Outcome};
use shelfcheck_core::{Catalog, Locale};
use std::io;

pub fn run(args: &SnapshotShardArgs, env: &mut Env<'_>) -> io::Result<Outcome> {
    let snapshot = match read_snapshot(Some(&args.input)) {
        Ok(s) => s,
        Err(e) => {
            SnapshotError::Input(e).write(env)?;
            return Ok(Outcome::Unusable);
        }
    };
    // A broken snapshot would give broken shards: refuse it with every problem named.
    if let Err(error) = Catalog::compile(snapshot.clone()) {
        SnapshotError::Broken { source: crate::input::display(&args.input), error }.write(env)?;
        return Ok(Outcome::Unusable);
    }
    let (index, shards) = shelfcheck_core::shard::shard(&snapshot);
    if let Err(e) = std::fs::create_dir_all(&args.output) {
        return cannot_write(env, &args.output, &e);
    }
    let mut sizes = Vec::with_capacity(shards.len());
    for shard in &shards {
        let bytes = serde_json::to_vec(&shard.snapshot).unwrap_or_default();
        let path = args.output.join(&shard.file);
        if let Err(e) = shelfcheck_fetch::write_atomic(&path, &bytes) {
            return cannot_write(env, &path, &e);
        }
        sizes.push(bytes.len());
    }
    let index_path = args.output.join("index.json");
    let index_bytes = serde_json::to_vec_pretty(&index).unwrap_or_default();
    if let Err(e) = shelfcheck_fetch::write_atomic(&index_path, &index_bytes) {
        return cannot_write(env, &index_path, &e);
    }
    sizes.sort_unstable();
    let median = sizes.get(sizes.len() / 2).copied().unwrap_or(0);
    let largest = sizes.last().copied().unwrap_or(0);
    let out = crate::input::display(&args.output);
    let n = shards.len();
    let line = match env.locale {
        Locale::ZhCn => format!("已写入 {n} 个分片和 index.json → {out} (中位 {median} 字节, 最大 {largest} 字节)"),
        Locale::En => {
            format!("wrote {n} shards and index.json → {out} (median {median} bytes, largest {largest} bytes)")
        }
    };
    writeln!(env.out, "{line}")?;
    Ok(Outcome::Valid)
}

fn cannot_write(env: &mut Env<'_>, path: &std::path::Path, e: &io::Error) -> io::Result<Outcome> {
    let what = tr(env.locale, "无法写入", "cannot write");
    let source = crate::input::display(path);
    writeln!(env.err, "{}{what}: {}", error_prefix(env.locale), InputError::io(source, e).line(env.locale))?;
    Ok(Outcome::Unusable)
}
