//! What the macros remember for the rest of a compiler process: values computed
//! from a file, kept while the file stays the same, and keys seen before.
//!
//! A process may be long-lived (rust-analyzer's macro server), so a file's value
//! is recomputed when its modification time or size changes.

use std::collections::HashMap;
use std::ffi::OsString;
use std::path::Path;
use std::sync::{Mutex, MutexGuard, OnceLock};
use std::time::SystemTime;

use rustc_hash::FxHashSet;

/// A file's identity for the caches: a file rewritten by a new build changes
/// its modification time or its size.
pub type Stamp = (Option<SystemTime>, u64);

pub fn stamp(path: &Path) -> std::io::Result<Stamp> {
    let metadata = std::fs::metadata(path)?;
    Ok((metadata.modified().ok(), metadata.len()))
}

/// Values computed from files, one per path, for the version of the file they were computed from.
pub struct ByFile<V> {
    // Keyed by the path's bytes: hashing a `Path` walks its components, which
    // the unoptimized macro pays on every call.
    entries: OnceLock<Mutex<HashMap<OsString, (Stamp, V)>>>,
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
