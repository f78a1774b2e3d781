//! `shelfcheck snapshot shard`: one small snapshot per leaf category plus an index, so a
//! browser form loads only the category being edited.

use super::{read_snapshot, SnapshotError};
use crate::args::SnapshotShardArgs;
use crate::read::{self, Bounded};
use crate::text::{self, error_prefix};
use crate::{Env, Outcome};
use shelfcheck_core::storage::shard::ShardIndex;
use shelfcheck_core::{Catalog, Locale};
use std::collections::HashSet;
use std::io;
use std::path::{Component, Path};

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
    let (index, shards) = shelfcheck_core::storage::shard::shard(&snapshot);
    // Shards are many files: the output must be a folder (or not exist yet), never a file or
    // a stream such as `/dev/stdout`.
    let made = match std::fs::metadata(&args.output) {
        Ok(m) if !m.is_dir() => Err(io::Error::from(io::ErrorKind::NotADirectory)),
        _ => std::fs::create_dir_all(&args.output),
    };
    if let Err(e) = made {
        return cannot_write(env, &args.output, &e);
    }
    let index_path = args.output.join("index.json");
    let previous = previous_files(&index_path);
    let mut sizes = Vec::with_capacity(shards.len());
    for shard in &shards {
        let bytes = serde_json::to_vec(&shard.snapshot).unwrap_or_default();
        let path = args.output.join(&shard.file);
        if let Err(e) = shelfcheck_fetch::write_atomic_batch(&path, &bytes) {
            return cannot_write(env, &path, &e);
        }
        sizes.push(bytes.len());
    }
    let index_bytes = serde_json::to_vec_pretty(&index).unwrap_or_default();
    // The index goes last and sweeps the folder's stale temporary files once.
    if let Err(e) = shelfcheck_fetch::write_atomic(&index_path, &index_bytes) {
        return cannot_write(env, &index_path, &e);
    }
    let removed = remove_dropped(&args.output, previous, &index);
    sizes.sort_unstable();
    let median = sizes.get(sizes.len() / 2).copied().unwrap_or(0);
    let largest = sizes.last().copied().unwrap_or(0);
    let out = crate::terminal::safe(&crate::input::display(&args.output)).into_owned();
    let n = shards.len();
    let mut line = match env.locale {
        Locale::ZhCn => format!("已写入 {n} 个分片和 index.json → {out} (中位 {median} 字节, 最大 {largest} 字节)"),
        Locale::En => {
            format!("wrote {n} shards and index.json → {out} (median {median} bytes, largest {largest} bytes)")
        }
    };
    if removed > 0 {
        line.push_str(&match env.locale {
            Locale::ZhCn => format!("; 删除了上次写入、已不在索引中的 {removed} 个分片"),
            Locale::En => format!("; removed {removed} shard(s) of the previous run no longer in the index"),
        });
    }
    writeln!(env.out, "{line}")?;
    Ok(Outcome::Valid)
}

/// The shard files the folder's current index lists (none when there is no readable index).
/// Only files named there are ever removed: the folder may hold anything else.
fn previous_files(index_path: &Path) -> Vec<String> {
    let max = shelfcheck_core::input::limits::InputLimits::default().snapshot_bytes;
    let Ok(Bounded::Whole(bytes)) = read::read_file(index_path, max) else { return Vec::new() };
    match serde_json::from_slice::<ShardIndex>(read::strip_bom(&bytes)) {
        Ok(index) => index.shards.into_iter().map(|e| e.file).collect(),
        Err(_) => Vec::new(),
    }
}

/// Removes the shards of the previous run that the new index no longer lists (a category
/// deleted or no longer a leaf), so the folder holds what its index says and nothing stale.
/// Runs after the new index is written: a crash before it leaves extra files, never missing
/// ones. Returns how many were removed.
fn remove_dropped(dir: &Path, previous: Vec<String>, index: &ShardIndex) -> usize {
    let kept: HashSet<&str> = index.shards.iter().map(|e| e.file.as_str()).collect();
    previous
        .iter()
        .filter(|f| !kept.contains(f.as_str()) && is_plain_name(f))
        .filter(|f| std::fs::remove_file(dir.join(f)).is_ok())
        .count()
}

/// A bare file name in the folder itself: an index edited to name `../x` or `/x` must not
/// make the command delete outside the folder.
fn is_plain_name(file: &str) -> bool {
    let mut parts = Path::new(file).components();
    matches!((parts.next(), parts.next()), (Some(Component::Normal(_)), None))
}

fn cannot_write(env: &mut Env<'_>, path: &Path, e: &io::Error) -> io::Result<Outcome> {
    let source = crate::input::display(path);
    writeln!(env.err, "{}{}", error_prefix(env.locale), text::cannot_write(env.locale, &source, e))?;
    Ok(Outcome::Unusable)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_bare_file_names_are_removed() {
        assert!(is_plain_name("50010850.json"));
        for bad in ["../50010850.json", "/etc/passwd", "a/b.json", "", ".", ".."] {
            assert!(!is_plain_name(bad), "{bad}");
        }
    }
}
