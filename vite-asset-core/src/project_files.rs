//! The files of a frontend project: what a Vite build reads, and what a dev-mode
//! name can refer to.

use std::path::{Path, PathBuf};

/// The files and directories under a directory, found by [`under`].
#[derive(Debug, Default)]
pub struct ProjectFiles {
    /// Every file, sorted.
    pub files: Vec<PathBuf>,
    /// Every directory below the root, sorted.
    pub dirs: Vec<PathBuf>,
    /// The directories that could not be read, with why.
    pub unreadable: Vec<(PathBuf, std::io::Error)>,
}

/// The files and directories under `root`, without hidden ones (`.git`,
/// `.vite` …), `node_modules`, and the paths for which `skip` is true; at most
/// `limit` files.
///
/// ```
/// # let root = std::env::temp_dir().join(format!("vite-asset-core-files-{}", std::process::id()));
/// # for file in ["src/main.ts", "node_modules/vite/index.js", ".git/HEAD", "dist/main.js"] {
/// #     std::fs::create_dir_all(root.join(file).parent().unwrap()).unwrap();
/// #     std::fs::write(root.join(file), "").unwrap();
/// # }
/// let dist = root.join("dist");
/// let found = vite_asset_core::project_files::under(&root, |path| path == dist, 100);
/// assert_eq!(found.files, [root.join("src/main.ts")]);
/// assert_eq!(found.dirs, [root.join("src")]);
/// ```
pub fn under(root: &Path, skip: impl Fn(&Path) -> bool, limit: usize) -> ProjectFiles {
    let mut found = ProjectFiles::default();
    let mut pending = vec![root.to_owned()];
    'walk: while let Some(dir) = pending.pop() {
        let entries = match std::fs::read_dir(&dir) {
            Ok(entries) => entries,
            Err(error) => {
                found.unreadable.push((dir, error));
                continue;
            }
        };
        for entry in entries {
            let entry = match entry {
                Ok(entry) => entry,
                Err(error) => {
                    found.unreadable.push((dir.clone(), error));
                    continue;
                }
            };
            let path = entry.path();
            let name = entry.file_name();
            if name.to_string_lossy().starts_with('.') || name == "node_modules" || skip(&path) {
                continue;
            }
            if path.is_dir() {
                found.dirs.push(path.clone());
                pending.push(path);
            } else {
                found.files.push(path);
                if found.files.len() >= limit {
                    break 'walk;
                }
            }
        }
    }
    found.files.sort();
    found.dirs.sort();
    found
}
