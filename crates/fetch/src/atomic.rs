//! Writing an output file without ever leaving half of one.
//!
//! What `-o PATH` names decides how it is written:
//!
//! - a regular file, or nothing yet: replaced atomically (a unique temporary file beside it,
//!   fsync, rename), so a reader or a crash sees the old file or the complete new one;
//! - a symbolic link: followed (also when it dangles) and its target written as above; the
//!   link itself stays a link;
//! - a character device or a pipe (`/dev/stdout`, `/dev/null`, a FIFO, `>(...)`): written
//!   through, as a shell redirection would; there is nothing to rename over, and renaming over
//!   a device node would replace it with a regular file;
//! - a folder, a block device or a socket: refused, nothing written.

use std::io::{Error, ErrorKind, Write};
use std::path::{Path, PathBuf};
use std::time::{Duration, SystemTime};

/// Prefix and suffix of this crate's temporary files, so that stale ones can be told from
/// anything else in the folder.
const TMP_PREFIX: &str = ".shelfcheck-";
const TMP_SUFFIX: &str = ".tmp";

/// A temporary file older than this cannot belong to a live writer: the largest snapshot is
/// written in seconds.
const STALE_AFTER: Duration = Duration::from_secs(3600);

/// Symbolic links followed before giving up, as the kernel's own limit.
const MAX_LINKS: usize = 40;

/// Writes `bytes` to what `path` names (see the module documentation), then removes this
/// crate's temporary files older than an hour from the folder: a writer killed between
/// creating its temporary file and renaming it leaves the file behind.
pub fn write_atomic(path: &Path, bytes: &[u8]) -> std::io::Result<()> {
    if let Some(dir) = write_target(path, bytes)? {
        remove_stale_temporaries(&dir);
    }
    Ok(())
}

/// [`write_atomic`] without the sweep of stale temporary files, for a command writing many
/// files into one folder: it sweeps once, with [`remove_stale_temporaries`], instead of once
/// per file.
pub fn write_atomic_batch(path: &Path, bytes: &[u8]) -> std::io::Result<()> {
    write_target(path, bytes).map(|_| ())
}

/// Writes by the target's kind; the folder of a replaced file, `None` when written through.
fn write_target(path: &Path, bytes: &[u8]) -> std::io::Result<Option<PathBuf>> {
    // The kernel follows the links here, including `/proc/self/fd/N` ones that name a pipe
    // (`/dev/stdout`), which no path resolution of ours could.
    let kind = match std::fs::metadata(path) {
        Ok(m) => m.file_type(),
        // Nothing there, or a link to nothing: the file the links end at is created.
        Err(e) if e.kind() == ErrorKind::NotFound => return replace(&follow_links(path)?, bytes).map(Some),
        Err(e) => return Err(e),
    };
    if kind.is_file() {
        let linked = std::fs::symlink_metadata(path)?.file_type().is_symlink();
        let target = if linked { std::fs::canonicalize(path)? } else { path.to_path_buf() };
        return replace(&target, bytes).map(Some);
    }
    if kind.is_dir() {
        return Err(Error::new(ErrorKind::IsADirectory, "it is a folder, not a file"));
    }
    if is_stream(&kind) {
        let mut f = std::fs::OpenOptions::new().write(true).open(path)?;
        f.write_all(bytes)?;
        f.flush()?;
        return Ok(None);
    }
    Err(Error::new(ErrorKind::Unsupported, "it is not a regular file, a pipe or a character device"))
}

/// A character device or a FIFO: something written through, never renamed over.
#[cfg(unix)]
fn is_stream(kind: &std::fs::FileType) -> bool {
    use std::os::unix::fs::FileTypeExt;
    kind.is_char_device() || kind.is_fifo()
}

#[cfg(not(unix))]
fn is_stream(_: &std::fs::FileType) -> bool {
    false
}

/// The path a chain of symbolic links ends at, for a chain that ends at nothing.
fn follow_links(path: &Path) -> std::io::Result<PathBuf> {
    let mut current = path.to_path_buf();
    for _ in 0..MAX_LINKS {
        match std::fs::symlink_metadata(&current) {
            Ok(m) if m.file_type().is_symlink() => {
                let next = std::fs::read_link(&current)?;
                current = match current.parent() {
                    Some(dir) if next.is_relative() => dir.join(next),
                    _ => next,
                };
            }
            _ => return Ok(current),
        }
    }
    Err(Error::new(ErrorKind::InvalidInput, "too many levels of symbolic links"))
}

/// Replaces `path` atomically; the folder it is in.
///
/// The temporary file has a unique name in the target's own directory (a rename is only atomic
/// within one file system, and unique names keep concurrent writers from clobbering each
/// other's half-written data); it is fsynced before the rename and the directory after it, so
/// the new name survives a power cut too.
fn replace(path: &Path, bytes: &[u8]) -> std::io::Result<PathBuf> {
    let dir = match path.parent() {
        Some(d) if !d.as_os_str().is_empty() => d,
        _ => Path::new("."),
    };
    std::fs::create_dir_all(dir)?;
    let mut builder = tempfile::Builder::new();
    builder.prefix(TMP_PREFIX).suffix(TMP_SUFFIX);
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
    Ok(dir.to_path_buf())
}

/// Removes this crate's temporary files older than an hour from `dir`. Best effort: a failure
/// only costs disk space, and files of any other name are never touched.
pub fn remove_stale_temporaries(dir: &Path) {
    let Ok(entries) = std::fs::read_dir(dir) else { return };
    let now = SystemTime::now();
    for e in entries.flatten() {
        let name = e.file_name();
        let name = name.to_string_lossy();
        if !(name.starts_with(TMP_PREFIX) && name.ends_with(TMP_SUFFIX)) {
            continue;
        }
        // Regular files only (not followed): a link or folder of that name is not ours.
        let stale = e
            .metadata()
            .ok()
            .filter(std::fs::Metadata::is_file)
            .and_then(|m| m.modified().ok())
            .and_then(|m| now.duration_since(m).ok())
            .is_some_and(|age| age > STALE_AFTER);
        if stale {
            let _ = std::fs::remove_file(e.path());
        }
    }
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

    #[cfg(unix)]
    #[test]
    fn a_link_is_written_through_to_its_target_and_stays_a_link() {
        let dir = tempfile::tempdir().unwrap();
        let target = dir.path().join("real.json");
        std::fs::write(&target, b"old").unwrap();
        let link = dir.path().join("link.json");
        std::os::unix::fs::symlink("real.json", &link).unwrap();
        write_atomic(&link, b"new").unwrap();
        assert!(std::fs::symlink_metadata(&link).unwrap().file_type().is_symlink());
        assert_eq!(std::fs::read(&target).unwrap(), b"new");
        // A dangling link gets its target created.
        let dangling = dir.path().join("dangling.json");
        std::os::unix::fs::symlink(dir.path().join("sub/made.json"), &dangling).unwrap();
        write_atomic(&dangling, b"made").unwrap();
        assert!(std::fs::symlink_metadata(&dangling).unwrap().file_type().is_symlink());
        assert_eq!(std::fs::read(dir.path().join("sub/made.json")).unwrap(), b"made");
        // A loop of links is an error, not a hang.
        std::os::unix::fs::symlink("loop-b", dir.path().join("loop-a")).unwrap();
        std::os::unix::fs::symlink("loop-a", dir.path().join("loop-b")).unwrap();
        assert!(write_atomic(&dir.path().join("loop-a"), b"x").is_err());
    }

    #[cfg(unix)]
    #[test]
    fn devices_and_pipes_are_written_through_never_replaced() {
        use std::os::unix::fs::FileTypeExt;
        let dir = tempfile::tempdir().unwrap();
        let fifo = dir.path().join("fifo");
        assert!(std::process::Command::new("mkfifo").arg(&fifo).status().unwrap().success());
        let reader = {
            let fifo = fifo.clone();
            std::thread::spawn(move || std::fs::read(fifo).unwrap())
        };
        write_atomic(&fifo, b"through the pipe").unwrap();
        // Checked before joining: had the pipe been renamed over, the reader would wait forever.
        assert!(std::fs::symlink_metadata(&fifo).unwrap().file_type().is_fifo());
        assert_eq!(reader.join().unwrap(), b"through the pipe");
    }

    #[cfg(unix)]
    #[test]
    fn folders_and_sockets_are_refused_untouched() {
        let dir = tempfile::tempdir().unwrap();
        let folder = dir.path().join("out");
        std::fs::create_dir(&folder).unwrap();
        assert_eq!(write_atomic(&folder, b"x").unwrap_err().kind(), ErrorKind::IsADirectory);
        assert!(folder.is_dir());
        let socket = dir.path().join("sock");
        let _listener = std::os::unix::net::UnixListener::bind(&socket).unwrap();
        assert_eq!(write_atomic(&socket, b"x").unwrap_err().kind(), ErrorKind::Unsupported);
        use std::os::unix::fs::FileTypeExt;
        assert!(std::fs::symlink_metadata(&socket).unwrap().file_type().is_socket());
    }

    #[test]
    fn stale_temporaries_of_ours_are_swept_after_a_write() {
        let dir = tempfile::tempdir().unwrap();
        let old = SystemTime::now() - Duration::from_secs(7200);
        let stale = dir.path().join(".shelfcheck-killed.tmp");
        let fresh = dir.path().join(".shelfcheck-writing.tmp");
        let other = dir.path().join(".editor-swap.tmp");
        for p in [&stale, &fresh, &other] {
            std::fs::write(p, b"half").unwrap();
        }
        for p in [&stale, &other] {
            std::fs::File::options().write(true).open(p).unwrap().set_modified(old).unwrap();
        }
        write_atomic_batch(&dir.path().join("a.json"), b"a").unwrap();
        assert!(stale.exists(), "the batch form leaves the sweep to its caller");
        write_atomic(&dir.path().join("b.json"), b"b").unwrap();
        assert!(!stale.exists() && fresh.exists() && other.exists());
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
