//! The build's version against real Vite builds: a copy of tests/frontend/src
//! built with the fixtures' Vite 8 (its node_modules, which `scripts/test`
//! installs), twice from the same sources, then once more after a one-byte
//! edit of a stylesheet.

use std::path::{Path, PathBuf};
use std::process::Command;

use vite_asset_core::{build_version, BuildOutput, Config, Manifest};

fn repository() -> &'static Path {
    Path::new(concat!(env!("CARGO_MANIFEST_DIR"), "/../.."))
}

/// The Vite of the fixtures, or `None` (said on stderr) when it is not
/// installed; under `CI=true` a missing Vite fails the test.
fn vite() -> Option<PathBuf> {
    let vite = repository().join("tests/frontend/vite8/node_modules/.bin/vite");
    if vite.is_file() {
        return Some(vite);
    }
    let why = format!(
        "{} is not installed: run `npm ci` in tests/frontend/vite8 (scripts/test does)",
        vite.display()
    );
    assert!(std::env::var("CI").as_deref() != Ok("true"), "{why}");
    eprintln!("SKIPPED: the build's version against real Vite builds: {why}");
    None
}

/// A Vite project in `dir` with the sources of tests/frontend/src: its entry
/// points, the fixtures' settings, and the fixtures' node_modules.
fn write_project(dir: &Path) {
    let _ = std::fs::remove_dir_all(dir);
    let src = dir.join("src");
    std::fs::create_dir_all(src.join("chain")).unwrap();
    let sources = repository().join("tests/frontend/src");
    for entry in walk(&sources) {
        let relative = entry.strip_prefix(&sources).unwrap();
        std::fs::create_dir_all(src.join(relative).parent().unwrap()).unwrap();
        std::fs::copy(&entry, src.join(relative)).unwrap();
    }
    std::os::unix::fs::symlink(
        repository().join("tests/frontend/vite8/node_modules"),
        dir.join("node_modules"),
    )
    .unwrap();
    let inputs: Vec<String> = [
        "main.ts",
        "script.ts",
        "styles.scss",
        "theme.css",
        "admin.ts",
    ]
    .iter()
    .map(|entry| format!("{:?}", src.join(entry).to_str().unwrap()))
    .collect();
    std::fs::write(
        dir.join("vite.config.mjs"),
        format!(
            "export default {{\n  root: \"src\",\n  base: \"/assets/\",\n  logLevel: \"warn\",\n  build: {{\n    \
             outDir: \"../dist\",\n    emptyOutDir: true,\n    manifest: \"manifest.json\",\n    \
             assetsDir: \"bundled\",\n    assetsInlineLimit: 0,\n    \
             rollupOptions: {{ input: [{}] }},\n  }},\n}};\n",
            inputs.join(", ")
        ),
    )
    .unwrap();
}

fn walk(dir: &Path) -> Vec<PathBuf> {
    let mut files = Vec::new();
    for entry in std::fs::read_dir(dir).unwrap() {
        let path = entry.unwrap().path();
        match path.is_dir() {
            true => files.extend(walk(&path)),
            false => files.push(path),
        }
    }
    files
}

/// `vite build` in `dir`, then the version of what it built.
fn build_and_version(vite: &Path, dir: &Path) -> String {
    let status = Command::new(vite)
        .args(["build", "--config", "vite.config.mjs"])
        .current_dir(dir)
        .status()
        .unwrap();
    assert!(status.success(), "vite build in {}", dir.display());
    let manifest_path = dir.join("dist/manifest.json");
    let manifest = Manifest::load(&manifest_path).unwrap();
    let config = Config::with_defaults(dir).with_base("/assets/");
    build_version::of_build(&config, &manifest, &BuildOutput::new(&dir.join("dist"))).unwrap()
}

#[test]
fn the_version_stays_for_the_same_sources_and_changes_with_one_byte_of_css() {
    let Some(vite) = vite() else { return };
    let dir = std::env::temp_dir().join(format!("vite-asset-build-version-{}", std::process::id()));
    write_project(&dir);
    let first = build_and_version(&vite, &dir);
    assert_eq!(first.len(), 16, "{first}");
    let again = build_and_version(&vite, &dir);
    assert_eq!(
        again, first,
        "a rebuild of the same sources has the same version"
    );

    let theme = dir.join("src/theme.css");
    let css = std::fs::read_to_string(&theme).unwrap();
    assert!(css.contains("#336699"), "{css}");
    std::fs::write(&theme, css.replace("#336699", "#336698")).unwrap();
    let edited = build_and_version(&vite, &dir);
    assert_ne!(edited, first, "one byte of CSS changes the version");
    std::fs::remove_dir_all(&dir).unwrap();
}
