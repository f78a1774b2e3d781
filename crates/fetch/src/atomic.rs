//! Crash-safe file replacement.

use std::io::Write;
use std::path::Path;

/// Replaces `path` with `bytes` so that a reader (or a crash at any point) sees either the old
/// file or the complete new one, never a mix.
///
/// The temporary file has a unique name in the target's own directory (a rename is only atomic
/// within one file system, and unique names keep concurrent writers from clobbering each
/// other's half-written data); it is fsynced before the rename and the directory after it, so
/// the new name survives a power cut too.
pub fn write_atomic(path: &Path, bytes: &[u8]) -> std::io::Result<()> {
    let dir = match path.parent() {
        Some(d) if !d.as_os_str().is_empty() => d,
        _ => Path::new("."),
    };
    std::fs::create_dir_all(dir)?;
    let mut builder = tempfile::Builder::new();
    builder.prefix(".shelfcheck-").suffix(".tmp");
    // A temporary file is private (0600); the result must not be. It gets the replaced file's
    // permissions, or a new file's usual ones (0666 less the umask), so that shards and
    // snapshots can be served by a web server running as another user.
    #[cfg(unix)]
    let kept = std::fs::metadata(path).ok().map(|m| m.permissions());
    #[cfg(unix)]
    if kept.is_none() {
        use std::os::unix::fs::PermissionsExt;
        builder.permissions(std::fs::Permissions::from_mode(0o666));
    }
    let mut tmp = builder.tempfile_in(dir)?;
    #[cfg(unix)]
    if let Some(perms) = kept {
        // Set on the open file, so the umask does not apply: the mode is kept exactly.
        tmp.as_file().set_permissions(perms)?;
    }
    tmp.write_all(bytes)?;
    tmp.as_file().sync_all()?;
    tmp.persist(path).map_err(|e| e.error)?;
    sync_dir(dir);
    Ok(())
}

/// Best effort: some platforms cannot open a directory for syncing; the rename itself has
/// already happened, so a failure here only weakens durability, not atomicity.
fn sync_dir(dir: &Path) {
    #[cfg(unix)]
    if let Ok(d) = std::fs::File::open(dir) {
        let _ = d.sync_all();
    }
    #[cfg(not(unix))]
    let _ = dir;
}

#[cfg(test)]
#[allow(clippy::unwrap_used, reason = "tests fail loudly")]
mod tests {
    use super::*;

    #[cfg(unix)]
    #[test]
    fn new_files_get_usual_permissions_and_replaced_files_keep_theirs() {
        use std::os::unix::fs::PermissionsExt;
        let dir = tempfile::tempdir().unwrap();
        let p = dir.path().join("shard.json");
        write_atomic(&p, b"one").unwrap();
        let mode = std::fs::metadata(&p).unwrap().permissions().mode() & 0o777;
        // What any new file gets: 0666 less the process's umask (read from Linux's /proc).
        let umask = std::fs::read_to_string("/proc/self/status")
            .ok()
            .and_then(|s| s.lines().find_map(|l| l.strip_prefix("Umask:").map(|v| v.trim().to_owned())))
            .and_then(|v| u32::from_str_radix(&v, 8).ok());
        if let Some(umask) = umask {
            assert_eq!(mode, 0o666 & !umask, "umask {umask:o}");
        }
        assert_eq!(mode & 0o600, 0o600, "owner must read and write: {mode:o}");
        std::fs::set_permissions(&p, std::fs::Permissions::from_mode(0o640)).unwrap();
        write_atomic(&p, b"two").unwrap();
        assert_eq!(std::fs::metadata(&p).unwrap().permissions().mode() & 0o777, 0o640);
    }

    #[test]
    fn replaces_and_leaves_no_temporary_files() {
        let dir = tempfile::tempdir().unwrap();
        let p = dir.path().join("snap.json");
        write_atomic(&p, b"one").unwrap();
        write_atomic(&p, b"two").unwrap();
        assert_eq!(std::fs::read(&p).unwrap(), b"two");
        let names: Vec<_> = std::fs::read_dir(dir.path()).unwrap().collect();
        assert_eq!(names.len(), 1);
    }

    #[test]
    fn concurrent_writers_never_leave_a_torn_file() {
        let dir = tempfile::tempdir().unwrap();
        let p = dir.path().join("snap.json");
        let handles: Vec<_> = (0..8u8)
            .map(|i| {
                let p = p.clone();
                std::thread::spawn(move || {
                    let body = vec![b'a' + i; 64 * 1024];
                    for _ in 0..10 {
                        write_atomic(&p, &body).unwrap();
                    }
                })
            })
            .collect();
        for h in handles {
            h.join().unwrap();
        }
        let got = std::fs::read(&p).unwrap();
        assert_eq!(got.len(), 64 * 1024);
        assert!(got.iter().all(|b| *b == got[0]));
    }
}
