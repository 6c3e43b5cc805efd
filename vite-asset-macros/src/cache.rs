//! What the macros remember for the rest of a compiler process: values computed
//! from a file, kept while the file stays the same, and keys seen before.
//!
//! A process may be long-lived (rust-analyzer's macro server), so a file's value
//! is computed again when its modification time or size changes.

use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};
use std::sync::{Mutex, MutexGuard, PoisonError};
use std::time::SystemTime;

/// A file's identity for the caches: a file rewritten by a new build changes
/// its modification time or its size.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Stamp {
    modified: Option<SystemTime>,
    len: u64,
}

impl Stamp {
    /// The stamp of the file at `path`, or `None` when it cannot be read.
    pub fn of(path: &Path) -> Option<Stamp> {
        let metadata = std::fs::metadata(path).ok()?;
        Some(Stamp {
            modified: metadata.modified().ok(),
            len: metadata.len(),
        })
    }
}

/// Values computed from files, one per path, for the version of the file they were computed from.
pub struct ByFile<V> {
    entries: Mutex<BTreeMap<PathBuf, Computed<V>>>,
}

struct Computed<V> {
    /// The file's stamp when `value` was computed; `None` if it could not be read.
    stamp: Option<Stamp>,
    /// What else `value` was computed from (the configuration's variables).
    inputs: String,
    value: V,
}

impl<V: Clone> ByFile<V> {
    pub const fn new() -> Self {
        ByFile {
            entries: Mutex::new(BTreeMap::new()),
        }
    }

    /// The value for `path` as the file is now, computed by `compute` unless it was before.
    /// A file that cannot be read is computed again every time, so that it is found once it exists.
    pub fn get_or_compute(&self, path: &Path, compute: impl FnOnce() -> V) -> V {
        self.get_or_compute_with(path, String::new(), compute)
    }

    /// [`get_or_compute`](Self::get_or_compute) for a value computed from the
    /// file and from `inputs` besides: it is computed again when they change.
    pub fn get_or_compute_with(
        &self,
        path: &Path,
        inputs: String,
        compute: impl FnOnce() -> V,
    ) -> V {
        let stamp = Stamp::of(path);
        let mut entries = lock(&self.entries);
        if let Some(computed) = entries.get(path) {
            if computed.stamp.is_some() && computed.stamp == stamp && computed.inputs == inputs {
                return computed.value.clone();
            }
        }
        let value = compute();
        let computed = Computed {
            stamp,
            inputs,
            value: value.clone(),
        };
        entries.insert(path.to_owned(), computed);
        value
    }
}

/// The configuration's variables (`VITEASSET_*`) as they are now, one
/// `NAME=value` per line, sorted: a long-lived process (rust-analyzer's) sees
/// them change between expansions.
pub fn configuration_variables() -> String {
    let mut variables: Vec<String> = std::env::vars_os()
        .filter_map(|(name, value)| {
            let name = name.into_string().ok()?;
            name.starts_with(vite_asset_core::config::ENV_PREFIX)
                .then(|| format!("{name}={}\n", value.to_string_lossy()))
        })
        .collect();
    variables.sort();
    variables.concat()
}

/// Keys seen in this process.
pub struct Seen {
    keys: Mutex<BTreeSet<String>>,
}

impl Seen {
    pub const fn new() -> Self {
        Seen {
            keys: Mutex::new(BTreeSet::new()),
        }
    }

    /// Whether `key` is seen here for the first time.
    pub fn first_time(&self, key: String) -> bool {
        lock(&self.keys).insert(key)
    }
}

/// A panic in another expansion must not make every later one fail: the data
/// behind a poisoned lock is still a valid cache.
fn lock<T>(mutex: &Mutex<T>) -> MutexGuard<'_, T> {
    mutex.lock().unwrap_or_else(PoisonError::into_inner)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_value_is_computed_again_when_its_file_changes() {
        let path =
            std::env::temp_dir().join(format!("vite-asset-cache-{}.json", std::process::id()));
        let cache: ByFile<usize> = ByFile::new();
        let computed = std::cell::Cell::new(0);
        let get = || {
            cache.get_or_compute(&path, || {
                computed.set(computed.get() + 1);
                computed.get()
            })
        };
        assert_eq!(get(), 1, "a missing file");
        assert_eq!(get(), 2, "a missing file is looked for again");
        std::fs::write(&path, "a").unwrap();
        assert_eq!(get(), 3);
        assert_eq!(get(), 3, "an unchanged file is computed once");
        std::fs::write(&path, "bb").unwrap();
        assert_eq!(get(), 4, "a rewritten file is computed again");
        std::fs::remove_file(&path).unwrap();
    }

    #[test]
    fn a_value_is_computed_again_when_its_other_inputs_change() {
        let path = std::env::temp_dir().join(format!(
            "vite-asset-cache-inputs-{}.json",
            std::process::id()
        ));
        std::fs::write(&path, "a").unwrap();
        let cache: ByFile<String> = ByFile::new();
        let get = |inputs: &str| {
            cache.get_or_compute_with(&path, inputs.to_owned(), || inputs.to_owned())
        };
        assert_eq!(get("VITEASSET_BASE=/a/\n"), "VITEASSET_BASE=/a/\n");
        assert_eq!(
            get("VITEASSET_BASE=/b/\n"),
            "VITEASSET_BASE=/b/\n",
            "a variable changed"
        );
        assert_eq!(get(""), "", "and was unset");
        std::fs::remove_file(&path).unwrap();
    }
}
