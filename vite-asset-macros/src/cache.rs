//! What the macros remember for the rest of a compiler process: values computed
//! from a file, kept while the file stays the same, and keys seen before.
//!
//! A process may be long-lived (rust-analyzer's macro server), so a file's value
//! is recomputed when its modification time or size changes.

use std::ffi::OsString;
use std::path::Path;
use std::sync::{Mutex, MutexGuard, OnceLock};
use std::time::{Duration, Instant, SystemTime};

use rustc_hash::{FxHashMap, FxHashSet};

/// A file's identity for the caches: a file rewritten by a new build changes
/// its modification time or its size.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Stamp {
    modified: Option<SystemTime>,
    len: u64,
    /// A regular file (or a link to one), not a directory or a device.
    pub is_file: bool,
}

/// The stamp of `path`, read from the file system at most once per
/// [`RECHECK_AFTER`]: a compiler process expands a crate's calls in a burst, and
/// asking for each call cost more than the rest of the call.
pub fn stamp(path: &Path) -> std::io::Result<Stamp> {
    static STAMPS: Stamps = Stamps::new();
    STAMPS.stamp(path, Instant::now(), |path| {
        Ok(Stamp::of(&std::fs::metadata(path)?))
    })
}

impl Stamp {
    /// The stamp of the file that `metadata` describes.
    pub fn of(metadata: &std::fs::Metadata) -> Stamp {
        Stamp {
            modified: metadata.modified().ok(),
            len: metadata.len(),
            is_file: metadata.is_file(),
        }
    }
}

/// How long a stamp read from the file system is used before it is read again.
/// A long-lived process (rust-analyzer's macro server) sees a rewritten file
/// from the first expansion after this.
pub const RECHECK_AFTER: Duration = Duration::from_millis(200);

/// Stamps of files, each with when it was read.
struct Stamps {
    read: OnceLock<Mutex<FxHashMap<OsString, (Stamp, Instant)>>>,
}

impl Stamps {
    const fn new() -> Self {
        Stamps {
            read: OnceLock::new(),
        }
    }

    /// The stamp of `path` at `now`: the one read within [`RECHECK_AFTER`]
    /// before, or else a new one from `read`. Errors are not kept: a missing
    /// file is looked for again at the next call.
    fn stamp(
        &self,
        path: &Path,
        now: Instant,
        read: impl FnOnce(&Path) -> std::io::Result<Stamp>,
    ) -> std::io::Result<Stamp> {
        let mut stamps = lock(self.read.get_or_init(Default::default));
        if let Some((stamp, read_at)) = stamps.get(path.as_os_str()) {
            if now.saturating_duration_since(*read_at) < RECHECK_AFTER {
                return Ok(*stamp);
            }
        }
        let stamp = read(path)?;
        stamps.insert(path.as_os_str().to_owned(), (stamp, now));
        Ok(stamp)
    }
}

/// Values computed from files, one per path, for the version of the file they were computed from.
pub struct ByFile<V> {
    // Keyed by the path's bytes: hashing a `Path` walks its components, which
    // the unoptimized macro pays on every call.
    entries: OnceLock<Mutex<FxHashMap<OsString, (Stamp, V)>>>,
}

impl<V: Clone> ByFile<V> {
    pub const fn new() -> Self {
        ByFile {
            entries: OnceLock::new(),
        }
    }

    /// The value for `path` as it is at `stamp`, computed by `compute` unless it was before.
    pub fn get_or_compute(&self, path: &Path, stamp: Stamp, compute: impl FnOnce() -> V) -> V {
        let mut entries = lock(self.entries.get_or_init(Default::default));
        if let Some((cached_stamp, value)) = entries.get(path.as_os_str()) {
            if *cached_stamp == stamp {
                return value.clone();
            }
        }
        let value = compute();
        entries.insert(path.as_os_str().to_owned(), (stamp, value.clone()));
        value
    }
}

/// Keys seen in this process.
pub struct Seen {
    keys: OnceLock<Mutex<FxHashSet<String>>>,
}

impl Seen {
    pub const fn new() -> Self {
        Seen {
            keys: OnceLock::new(),
        }
    }

    /// Whether `key` was seen before.
    pub fn contains(&self, key: &str) -> bool {
        lock(self.keys.get_or_init(Default::default)).contains(key)
    }

    /// Whether `key` is seen here for the first time.
    pub fn first_time(&self, key: String) -> bool {
        lock(self.keys.get_or_init(Default::default)).insert(key)
    }
}

/// A panic in another expansion must not make every later one fail: the data
/// behind a poisoned lock is still a valid cache.
pub fn lock<T>(mutex: &Mutex<T>) -> MutexGuard<'_, T> {
    mutex
        .lock()
        .unwrap_or_else(|poisoned| poisoned.into_inner())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_stamp_is_read_again_after_the_recheck_delay() {
        let stamps = Stamps::new();
        let path = Path::new("manifest.json");
        let start = Instant::now();
        let reads = std::cell::Cell::new(0);
        let read = |_: &Path| {
            reads.set(reads.get() + 1);
            Ok(Stamp {
                modified: None,
                len: reads.get(),
                is_file: true,
            })
        };
        assert_eq!(stamps.stamp(path, start, read).unwrap().len, 1);
        let soon = start + RECHECK_AFTER / 2;
        assert_eq!(stamps.stamp(path, soon, read).unwrap().len, 1, "read once");
        let later = start + RECHECK_AFTER;
        assert_eq!(
            stamps.stamp(path, later, read).unwrap().len,
            2,
            "read again"
        );
        let missing = |_: &Path| Err(std::io::ErrorKind::NotFound.into());
        assert!(stamps
            .stamp(Path::new("gone.json"), later, missing)
            .is_err());
        assert!(
            stamps.stamp(Path::new("gone.json"), later, read).is_ok(),
            "errors are not kept"
        );
    }
}
