//! The user's Vite project, as far as it can be known without running Vite:
//! where its config file is, which Vite is installed there, and where its
//! builds left manifests. Messages use it to name the user's own files and
//! options.

use std::path::{Path, PathBuf};

/// The names Vite looks for its config file under, in its order.
pub(crate) const CONFIG_FILES: [&str; 6] = [
    "vite.config.js",
    "vite.config.mjs",
    "vite.config.ts",
    "vite.config.cjs",
    "vite.config.mts",
    "vite.config.cts",
];

/// How deep below a crate's directory [`find_manifests`] and [`ViteProject::below`] look.
const SEARCH_DEPTH: usize = 4;

/// A directory with a Vite config file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ViteProject {
    /// The directory.
    pub dir: PathBuf,
    /// Its config file.
    pub config_file: PathBuf,
    /// The major version of the Vite installed in its `node_modules`, if one is.
    pub vite_major: Option<u32>,
}

impl ViteProject {
    /// The project in `dir`, if `dir` has a Vite config file.
    pub fn at(dir: &Path) -> Option<ViteProject> {
        let config_file = CONFIG_FILES
            .iter()
            .map(|name| dir.join(name))
            .find(|path| path.is_file())?;
        Some(ViteProject {
            dir: dir.to_owned(),
            config_file,
            vite_major: installed_vite_major(dir),
        })
    }

    /// The project that holds `path` (a manifest, say): the nearest directory
    /// from `path` up to `top` (a crate's directory) with a Vite config file.
    pub fn around(path: &Path, top: &Path) -> Option<ViteProject> {
        path.ancestors()
            .skip(1)
            .take_while(|dir| dir.starts_with(top))
            .find_map(ViteProject::at)
    }

    /// The projects in `dir` and below it (a few levels; not in `node_modules`,
    /// `target` or hidden directories).
    pub fn below(dir: &Path) -> Vec<ViteProject> {
        let mut found = Vec::new();
        search(dir, SEARCH_DEPTH, &mut |dir| {
            found.extend(ViteProject::at(dir))
        });
        found
    }

    /// The option that lists a build's entry points, for this project's Vite.
    pub fn input_option(&self) -> &'static str {
        input_option(self.vite_major)
    }
}

/// The option that lists a build's entry points in Vite `major`; both
/// spellings when the version is not known.
pub fn input_option(major: Option<u32>) -> &'static str {
    match major {
        Some(major) if major >= 8 => "`build.rolldownOptions.input`",
        Some(_) => "`build.rollupOptions.input`",
        None => "`build.rollupOptions.input` (`build.rolldownOptions.input` since Vite 8)",
    }
}

/// The major version in `node_modules/vite/package.json` under `dir`.
fn installed_vite_major(dir: &Path) -> Option<u32> {
    let text = std::fs::read_to_string(dir.join("node_modules/vite/package.json")).ok()?;
    let package: serde_json::Value = serde_json::from_str(&text).ok()?;
    let version = package.get("version")?.as_str()?;
    version.split('.').next()?.parse().ok()
}

/// The Vite manifests in `dir` and below it (a few levels; not in
/// `node_modules`, `target` or hidden directories): each `.vite/manifest.json`,
/// and each `manifest.json` whose entries have a `file` (not a web app manifest).
pub(crate) fn find_manifests(dir: &Path) -> Vec<PathBuf> {
    let mut found = Vec::new();
    search(dir, SEARCH_DEPTH, &mut |dir| {
        let in_vite_dir = dir.join(".vite/manifest.json");
        if in_vite_dir.is_file() {
            found.push(in_vite_dir);
        }
        let plain = dir.join("manifest.json");
        if is_vite_manifest(&plain) {
            found.push(plain);
        }
    });
    found.sort();
    found
}

/// Whether `path` is a JSON object whose values are all objects with a `file` string.
fn is_vite_manifest(path: &Path) -> bool {
    let Ok(text) = std::fs::read_to_string(path) else {
        return false;
    };
    let Ok(serde_json::Value::Object(entries)) = serde_json::from_str(&text) else {
        return false;
    };
    !entries.is_empty()
        && entries
            .values()
            .all(|entry| entry.get("file").is_some_and(serde_json::Value::is_string))
}

/// Calls `visit` with `dir` and its subdirectories down to `depth` levels,
/// skipping `node_modules`, `target` and hidden directories.
fn search(dir: &Path, depth: usize, visit: &mut dyn FnMut(&Path)) {
    visit(dir);
    if depth == 0 {
        return;
    }
    let Ok(entries) = std::fs::read_dir(dir) else {
        return;
    };
    let mut subdirs: Vec<PathBuf> = entries
        .flatten()
        .filter(|entry| {
            let name = entry.file_name();
            let name = name.to_string_lossy();
            !(name.starts_with('.') || name == "node_modules" || name == "target")
        })
        .map(|entry| entry.path())
        .filter(|path| path.is_dir())
        .collect();
    subdirs.sort();
    for subdir in subdirs {
        search(&subdir, depth - 1, visit);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn scratch(name: &str, files: &[(&str, &str)]) -> PathBuf {
        let dir =
            std::env::temp_dir().join(format!("vite-asset-project-{name}-{}", std::process::id()));
        let _ = std::fs::remove_dir_all(&dir);
        for (file, text) in files {
            let path = dir.join(file);
            std::fs::create_dir_all(path.parent().unwrap()).unwrap();
            std::fs::write(path, text).unwrap();
        }
        dir
    }

    #[test]
    fn the_project_around_a_manifest_names_its_config_and_its_vite() {
        let dir = scratch(
            "around",
            &[
                ("frontend/vite.config.ts", "export default {}"),
                (
                    "frontend/node_modules/vite/package.json",
                    r#"{"name": "vite", "version": "8.0.3"}"#,
                ),
                ("frontend/dist/.vite/manifest.json", "{}"),
            ],
        );
        let project =
            ViteProject::around(&dir.join("frontend/dist/.vite/manifest.json"), &dir).unwrap();
        assert_eq!(project.config_file, dir.join("frontend/vite.config.ts"));
        assert_eq!(project.vite_major, Some(8));
        assert_eq!(project.input_option(), "`build.rolldownOptions.input`");
        assert_eq!(ViteProject::below(&dir), [project]);
        assert!(
            ViteProject::around(&dir.join("frontend/dist/x"), &dir.join("frontend/dist")).is_none()
        );
    }

    #[test]
    fn the_input_option_follows_the_vite_version() {
        assert_eq!(input_option(Some(5)), "`build.rollupOptions.input`");
        assert!(
            input_option(None).contains("rollupOptions")
                && input_option(None).contains("rolldownOptions")
        );
    }

    #[test]
    fn manifests_are_found_below_but_not_web_app_manifests_nor_in_node_modules() {
        let entry = r#"{"src/main.ts": {"file": "assets/main-1.js", "isEntry": true}}"#;
        let dir = scratch(
            "manifests",
            &[
                ("frontend/dist/.vite/manifest.json", entry),
                ("legacy/build/manifest.json", entry),
                ("public/manifest.json", r#"{"name": "My app", "icons": []}"#),
                ("frontend/node_modules/pkg/dist/.vite/manifest.json", entry),
                ("target/debug/manifest.json", entry),
            ],
        );
        assert_eq!(
            find_manifests(&dir),
            [
                dir.join("frontend/dist/.vite/manifest.json"),
                dir.join("legacy/build/manifest.json")
            ]
        );
    }
}

/// Whether the packages installed in `dir/node_modules` are those that
/// `dir/package-lock.json` names: npm records the tree it installed in
/// `node_modules/.package-lock.json`, entry for entry as the lock file has
/// them, leaving out the optional packages of other platforms. A build script
/// compares the two rather than keep a stamp of its own: every cargo profile and
/// feature set has a build directory of its own, and would reinstall (under a
/// running DevServer) at its first build.
pub fn installed_as_locked(dir: &Path) -> bool {
    let read = |path: PathBuf| -> Option<serde_json::Value> {
        serde_json::from_slice(&std::fs::read(path).ok()?).ok()
    };
    let (Some(locked), Some(installed)) = (
        read(dir.join("package-lock.json")),
        read(dir.join("node_modules/.package-lock.json")),
    ) else {
        return false;
    };
    let (Some(locked), Some(installed)) = (
        locked["packages"].as_object(),
        installed["packages"].as_object(),
    ) else {
        return false;
    };
    let every_locked_is_installed =
        locked
            .iter()
            .filter(|(path, _)| !path.is_empty())
            .all(|(path, entry)| match installed.get(path) {
                Some(installed) => installed == entry,
                None => entry["optional"] == serde_json::Value::Bool(true),
            });
    every_locked_is_installed && installed.keys().all(|path| locked.contains_key(path))
}

#[cfg(test)]
mod installed_tests {
    use super::*;

    fn project(lock: &str, installed: Option<&str>) -> PathBuf {
        static NEXT: std::sync::atomic::AtomicUsize = std::sync::atomic::AtomicUsize::new(0);
        let n = NEXT.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
        let dir = std::env::temp_dir().join(format!("vite-asset-npm-{}-{n}", std::process::id()));
        std::fs::create_dir_all(dir.join("node_modules")).unwrap();
        std::fs::write(dir.join("package-lock.json"), lock).unwrap();
        if let Some(installed) = installed {
            std::fs::write(dir.join("node_modules/.package-lock.json"), installed).unwrap();
        }
        dir
    }

    const LOCK: &str = r#"{"lockfileVersion": 3, "packages": {
        "": {"name": "app"},
        "node_modules/vite": {"version": "8.4.0", "dev": true},
        "node_modules/@esbuild/darwin-arm64": {"version": "0.25.0", "optional": true, "os": ["darwin"]}
    }}"#;

    #[test]
    fn installed_packages_are_compared_with_the_lock_file() {
        let same = r#"{"packages": {"node_modules/vite": {"version": "8.4.0", "dev": true}}}"#;
        assert!(
            installed_as_locked(&project(LOCK, Some(same))),
            "another platform's optional package left out"
        );
        let older = r#"{"packages": {"node_modules/vite": {"version": "8.3.0", "dev": true}}}"#;
        assert!(!installed_as_locked(&project(LOCK, Some(older))));
        let extra = r#"{"packages": {"node_modules/vite": {"version": "8.4.0", "dev": true}, "node_modules/x": {}}}"#;
        assert!(!installed_as_locked(&project(LOCK, Some(extra))));
        let missing = r#"{"packages": {}}"#;
        assert!(!installed_as_locked(&project(LOCK, Some(missing))));
        assert!(
            !installed_as_locked(&project(LOCK, None)),
            "never installed by npm"
        );
    }
}
