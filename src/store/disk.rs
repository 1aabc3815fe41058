//! Writing knowledge files so that nothing is torn and nothing is lost:
//! atomic replacement, a lock other knotbot processes respect, and a check
//! that a hand edit saved a moment before is never overwritten.

use std::io::Write;
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicU64, Ordering};
use std::time::Duration;

/// Ends the name of every temporary file we write.
pub const TMP_SUFFIX: &str = ".tmp";

/// A temporary file this old was left by a crash: a live write takes
/// milliseconds, so anything younger may be another process's write in
/// progress and must be left alone.
pub const STALE_AFTER: Duration = Duration::from_secs(10 * 60);

/// An exclusive advisory lock on the knowledge directory, held while an
/// edit reads, checks and replaces a file. Every knotbot process on the
/// same directory takes it, so two bots (sharded processes) never build an
/// edit on a file the other is replacing. The directory itself is locked,
/// so no lock file appears among the moderators' files; the kernel drops
/// the lock when a process dies.
pub struct DirLock {
    _dir: std::fs::File,
}

impl DirLock {
    pub fn exclusive(dir: &Path) -> std::io::Result<DirLock> {
        let file = std::fs::File::open(dir)?;
        file.lock()?;
        Ok(DirLock { _dir: file })
    }
}

/// Writes `bytes` to `path` so that a crash at any moment leaves either the
/// old file or the new one, whole. The file keeps its permissions, and a
/// symlinked file is written through the link.
pub fn write_atomically(path: &Path, bytes: &[u8]) -> std::io::Result<()> {
    let path = resolve(path);
    let tmp = write_temporary(&path, bytes)?;
    if let Err(e) = std::fs::rename(&tmp, &path) {
        let _ = std::fs::remove_file(&tmp);
        return Err(e);
    }
    sync_dir(&path);
    Ok(())
}

/// Replaces `path` with `bytes` only if it still holds exactly `expected`
/// (what the edit was built on). `Ok(false)`: someone changed the file in
/// the meantime (a hand edit, which takes no lock); it is left as they
/// saved it and nothing is written.
///
/// On Linux the swap is `renameat2(RENAME_EXCHANGE)`, which hands back the
/// file it replaced: if a hand edit slipped in between the last check and
/// the swap, it is seen and swapped straight back, so even that moment
/// cannot lose it. Elsewhere a plain rename follows the check.
pub fn replace_if_unchanged(path: &Path, bytes: &[u8], expected: &str) -> std::io::Result<bool> {
    let path = resolve(path);
    let tmp = write_temporary(&path, bytes)?;
    let outcome = swap_in(&path, &tmp, expected);
    let _ = std::fs::remove_file(&tmp);
    if outcome.as_ref().is_ok_and(|replaced| *replaced) {
        sync_dir(&path);
    }
    outcome
}

fn swap_in(path: &Path, tmp: &Path, expected: &str) -> std::io::Result<bool> {
    if std::fs::read_to_string(path)? != expected {
        return Ok(false);
    }
    if !exchange(tmp, path)? {
        std::fs::rename(tmp, path)?;
        return Ok(true);
    }
    // `tmp` now names the file that was at `path` a moment ago.
    if std::fs::read_to_string(tmp)? == expected {
        return Ok(true);
    }
    // A hand edit landed between the check and the swap: put it back.
    exchange(tmp, path)?;
    Ok(false)
}

/// Swaps two paths atomically; `Ok(false)` where the system or the file
/// system cannot, and the caller must rename instead.
#[cfg(target_os = "linux")]
fn exchange(a: &Path, b: &Path) -> std::io::Result<bool> {
    use std::ffi::CString;
    use std::os::unix::ffi::OsStrExt;
    let c = |p: &Path| {
        CString::new(p.as_os_str().as_bytes())
            .map_err(|_| std::io::Error::new(std::io::ErrorKind::InvalidInput, "NUL in a path"))
    };
    let (ca, cb) = (c(a)?, c(b)?);
    // SAFETY: both are valid NUL-terminated paths that outlive the call.
    let rc = unsafe {
        libc::renameat2(
            libc::AT_FDCWD,
            ca.as_ptr(),
            libc::AT_FDCWD,
            cb.as_ptr(),
            libc::RENAME_EXCHANGE,
        )
    };
    if rc == 0 {
        return Ok(true);
    }
    let e = std::io::Error::last_os_error();
    match e.raw_os_error() {
        Some(libc::EINVAL) | Some(libc::ENOSYS) | Some(libc::ENOTSUP) => Ok(false),
        _ => Err(e),
    }
}

#[cfg(not(target_os = "linux"))]
fn exchange(_: &Path, _: &Path) -> std::io::Result<bool> {
    Ok(false)
}

/// A symlinked knowledge file is written through its link.
fn resolve(path: &Path) -> PathBuf {
    std::fs::canonicalize(path).unwrap_or_else(|_| path.to_path_buf())
}

/// Writes and fsyncs a temporary file beside `path`, named
/// `.<name>.<pid>.<n>.tmp` so that no two writers ever share one.
fn write_temporary(path: &Path, bytes: &[u8]) -> std::io::Result<PathBuf> {
    static WRITES: AtomicU64 = AtomicU64::new(0);
    let dir = path.parent().unwrap_or(Path::new("."));
    let name = path
        .file_name()
        .and_then(|n| n.to_str())
        .unwrap_or("knowledge");
    let n = WRITES.fetch_add(1, Ordering::Relaxed);
    let tmp = dir.join(format!(".{name}.{}.{n}{TMP_SUFFIX}", std::process::id()));
    let result = (|| {
        let mut file = std::fs::File::create(&tmp)?;
        file.write_all(bytes)?;
        if let Ok(old) = std::fs::metadata(path) {
            file.set_permissions(old.permissions())?;
        }
        file.sync_all()
    })();
    match result {
        Ok(()) => Ok(tmp),
        Err(e) => {
            let _ = std::fs::remove_file(&tmp);
            Err(e)
        }
    }
}

/// Makes the rename itself durable. The new file is in place whatever
/// happens here, so a failure is a warning, never a failed edit: reporting
/// it as failed would have the moderator add the entry again.
fn sync_dir(path: &Path) {
    let dir = path.parent().unwrap_or(Path::new("."));
    if let Err(e) = fsync_dir(dir) {
        tracing::warn!(
            "{} was saved, but syncing its directory failed ({e}); a power cut now could undo the change",
            path.display()
        );
    }
}

#[cfg(not(test))]
fn fsync_dir(dir: &Path) -> std::io::Result<()> {
    std::fs::File::open(dir)?.sync_all()
}

#[cfg(test)]
thread_local! {
    /// Unit tests set this to see how a failing directory sync is handled.
    pub static FAIL_DIR_SYNC: std::cell::Cell<bool> = const { std::cell::Cell::new(false) };
}

#[cfg(test)]
fn fsync_dir(dir: &Path) -> std::io::Result<()> {
    if FAIL_DIR_SYNC.with(|f| f.get()) {
        return Err(std::io::Error::other("injected directory sync failure"));
    }
    std::fs::File::open(dir)?.sync_all()
}

/// Removes temporary files a crash left behind in `dir`: only those of our
/// knowledge files, and only once stale, so that another process's write
/// in progress is never pulled from under it.
pub fn remove_stale_temporaries(dir: &Path, knowledge_files: &[&str]) {
    let Ok(entries) = std::fs::read_dir(dir) else {
        return;
    };
    for entry in entries.flatten() {
        let name = entry.file_name();
        let name = name.to_string_lossy();
        let ours = name.starts_with('.')
            && name.ends_with(TMP_SUFFIX)
            && knowledge_files
                .iter()
                .any(|f| name.starts_with(&format!(".{f}.")));
        let age = entry
            .metadata()
            .and_then(|m| m.modified())
            .ok()
            .and_then(|t| t.elapsed().ok());
        if ours && age.is_some_and(|age| age >= STALE_AFTER) {
            let _ = std::fs::remove_file(entry.path());
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_changed_file_is_never_replaced() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("faq.toml");
        std::fs::write(&path, "hand edit\n").unwrap();
        assert!(!replace_if_unchanged(&path, b"ours\n", "what we read\n").unwrap());
        assert_eq!(std::fs::read_to_string(&path).unwrap(), "hand edit\n");
        assert!(replace_if_unchanged(&path, b"ours\n", "hand edit\n").unwrap());
        assert_eq!(std::fs::read_to_string(&path).unwrap(), "ours\n");
        let left: Vec<_> = std::fs::read_dir(dir.path()).unwrap().collect();
        assert_eq!(left.len(), 1, "no temporary file is left");
    }

    #[test]
    fn a_failed_directory_sync_still_counts_as_saved() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("faq.toml");
        std::fs::write(&path, "old\n").unwrap();
        FAIL_DIR_SYNC.with(|f| f.set(true));
        let replaced = replace_if_unchanged(&path, b"new\n", "old\n");
        let written = write_atomically(&path, b"newer\n");
        FAIL_DIR_SYNC.with(|f| f.set(false));
        assert!(replaced.unwrap());
        written.unwrap();
        assert_eq!(std::fs::read_to_string(&path).unwrap(), "newer\n");
    }

    #[test]
    fn only_stale_temporaries_are_removed() {
        let dir = tempfile::tempdir().unwrap();
        let stale = dir.path().join(".faq.toml.999.3.tmp");
        let live = dir.path().join(".faq.toml.1000.0.tmp");
        let other = dir.path().join(".notes.txt.1.0.tmp");
        for p in [&stale, &live, &other] {
            std::fs::write(p, "half a file").unwrap();
        }
        let old = std::time::SystemTime::now() - STALE_AFTER - Duration::from_secs(60);
        for p in [&stale, &other] {
            let f = std::fs::File::options().write(true).open(p).unwrap();
            f.set_modified(old).unwrap();
        }
        remove_stale_temporaries(dir.path(), &["faq.toml"]);
        assert!(!stale.exists(), "a crash's leftover goes");
        assert!(live.exists(), "a write in progress stays");
        assert!(other.exists(), "not ours");
    }
}
