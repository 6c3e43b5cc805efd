//! The files of a frontend project: what a Vite build reads, and what a dev-mode
//! name can refer to.

use std::path::{Path, PathBuf};

/// The files and directories under a directory, found by [`under`].
#[derive(Debug, Default)]
pub struct ProjectFiles {
    /// Every file, sorted.
    pub files: Vec<PathBuf>,
    /// Every directory below the root that holds one of the files, sorted.
    pub dirs: Vec<PathBuf>,
    /// What could not be read, with why.
    pub unreadable: Vec<(PathBuf, std::io::Error)>,
}

/// The files under `root` that belong to the frontend: not what git ignores
/// (`.gitignore`, read as git reads it, in a repository or not), not hidden
/// ones (`.git`, `.vite` …), not `node_modules`, not a cargo target directory
/// (marked by its `CACHEDIR.TAG`), not the crate's own Rust files (`*.rs`,
/// `Cargo.toml`, `Cargo.lock`), and not the paths in `skip`; at
/// most `limit` files.
///
/// ```
/// # let root = std::env::temp_dir().join(format!("vite-asset-core-files-{}", std::process::id()));
/// # for file in ["src/main.ts", "src/main.rs", "node_modules/vite/index.js", ".git/HEAD", "dist/main.js",
/// #              "target/CACHEDIR.TAG", "debug.log", ".gitignore"] {
/// #     std::fs::create_dir_all(root.join(file).parent().unwrap()).unwrap();
/// #     std::fs::write(root.join(file), "").unwrap();
/// # }
/// # std::fs::write(root.join(".gitignore"), "*.log\n").unwrap();
/// let dist = root.join("dist");
/// let found = vite_asset_core::project_files::under(&root, &[dist], 100);
/// assert_eq!(found.files, [root.join("src/main.ts")]);
/// assert_eq!(found.dirs, [root.join("src")]);
/// ```
pub fn under(root: &Path, skip: &[PathBuf], limit: usize) -> ProjectFiles {
    let mut found = ProjectFiles::default();
    let skip = skip.to_vec();
    let walk = ignore::WalkBuilder::new(root)
        .hidden(true)
        .git_ignore(true)
        .git_global(false)
        .git_exclude(true)
        .require_git(false)
        .parents(false)
        .sort_by_file_name(|a, b| a.cmp(b))
        .filter_entry(move |entry| {
            let path = entry.path();
            let name = entry.file_name();
            let is_dir = entry.file_type().is_some_and(|kind| kind.is_dir());
            !(name == "node_modules"
                || skip.iter().any(|skipped| skipped == path)
                || (is_dir && path.join("CACHEDIR.TAG").is_file())
                || (!is_dir && is_cargo_file(path)))
        })
        .build();
    for entry in walk {
        match entry {
            Ok(entry) if entry.file_type().is_some_and(|kind| !kind.is_dir()) => {
                let path = entry.into_path();
                for dir in path.ancestors().skip(1).take_while(|dir| *dir != root) {
                    found.dirs.push(dir.to_owned());
                }
                found.files.push(path);
                if found.files.len() >= limit {
                    break;
                }
            }
            Ok(_) => {}
            Err(error) => {
                let path = match &error {
                    ignore::Error::WithPath { path, .. } => path.clone(),
                    _ => root.to_owned(),
                };
                let message = error.to_string();
                let error = match error.into_io_error() {
                    Some(io) => io,
                    None => std::io::Error::other(message),
                };
                found.unreadable.push((path, error));
            }
        }
    }
    found.files.sort();
    found.dirs.sort();
    found.dirs.dedup();
    found
}

/// Whether `path` is one of a Rust crate's own files, which no Vite build reads.
fn is_cargo_file(path: &Path) -> bool {
    path.extension().is_some_and(|extension| extension == "rs")
        || path
            .file_name()
            .is_some_and(|name| name == "Cargo.toml" || name == "Cargo.lock")
}
