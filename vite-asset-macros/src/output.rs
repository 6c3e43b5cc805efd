//! Vite's output directory: a manifest's `file` must name a file inside it, and
//! the file must be there, or the manifest and the build are out of step.

use std::path::{Path, PathBuf};

use crate::cache::Seen;
use crate::config::Config;
use crate::manifest::Manifest;

/// `file`, a path from the manifest, inside `out_dir`; an error when it is not a
/// relative path inside the directory, or when the file is missing (a stale build).
pub fn built_file(
    config: &Config,
    manifest: &Manifest,
    out_dir: &Path,
    file: &str,
) -> Result<PathBuf, String> {
    if let Some(problem) = not_inside(file) {
        return Err(format!(
            "the Vite manifest `{}` lists the built file `{}`, which {problem}; \
             built files are paths relative to Vite's `build.outDir`, which this crate serves\n  \
             to fix: run the Vite build again (`npm run build`) to rewrite the manifest, \
             and check what wrote this entry (a plugin, a hand edit)",
            config.display(&manifest.path),
            file.escape_debug()
        ));
    }
    let path = out_dir.join(file);
    if exists(&path) {
        return Ok(path);
    }
    let where_from = match config.out_dir {
        Some(_) => format!(
            "`out-dir` in `[package.metadata.vite]` of `{}` names this directory; it must be \
             Vite's `build.outDir`, where the build writes these files",
            config.cargo_toml.display()
        ),
        None => "if the manifest was moved out of Vite's `build.outDir`, set `out-dir` in \
                 `[package.metadata.vite]` to that directory"
            .to_owned(),
    };
    Err(format!(
        "`{file}` is listed in the Vite manifest `{}` but is missing from the output directory `{}`: \
         the manifest and the built files are out of step\n  \
         to fix: run the Vite build again (`npm run build`); {where_from}",
        config.display(&manifest.path),
        config.display(out_dir)
    ))
}

/// Why `file` is not a relative path inside the output directory, if it is not.
fn not_inside(file: &str) -> Option<&'static str> {
    if file.is_empty() {
        return Some("is empty");
    }
    if file.chars().any(char::is_control) {
        return Some("contains a control character");
    }
    if file.starts_with("//") || has_scheme(file) {
        return Some("is a full URL");
    }
    if file.starts_with(['/', '\\']) || file.get(1..2) == Some(":") {
        return Some("is an absolute path");
    }
    if file.contains('\\') {
        return Some("contains a backslash, which URLs do not have");
    }
    if file
        .split('/')
        .any(|part| part == ".." || part == "." || part.is_empty())
    {
        return Some("has a `..`, `.` or empty segment, so it may climb out of the directory");
    }
    None
}

/// Whether `file` starts with a URL scheme (`https:`, `data:` …).
fn has_scheme(file: &str) -> bool {
    let Some((scheme, _)) = file.split_once(':') else {
        return false;
    };
    scheme.len() > 1
        && scheme.starts_with(|c: char| c.is_ascii_alphabetic())
        && scheme
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || matches!(c, '+' | '-' | '.'))
}

/// Whether `path` is a file; a file found once is not looked for again in this
/// process, as many calls share the same chunks.
fn exists(path: &Path) -> bool {
    // The fuzz target (fuzz/) has no output directory: it takes every file as built.
    if cfg!(fuzzing) {
        return true;
    }
    static FOUND: Seen = Seen::new();
    let key = path.to_string_lossy();
    if FOUND.contains(&key) {
        return true;
    }
    let found = path.is_file();
    if found {
        FOUND.first_time(key.into_owned());
    }
    found
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_relative_paths_inside_the_directory_are_built_files() {
        for file in [
            "bundled/script-BkiISj8p.js",
            "assets/a b#c?d\"e<f&g.css",
            "assets/é.js",
            "x.js",
            "a..b.js",
        ] {
            assert_eq!(not_inside(file), None, "{file}");
        }
        for (file, problem) in [
            ("", "is empty"),
            ("/etc/passwd", "is an absolute path"),
            ("\\\\server\\share.js", "is an absolute path"),
            ("C:/x.js", "is an absolute path"),
            ("https://cdn.example.com/x.js", "is a full URL"),
            ("//cdn.example.com/x.js", "is a full URL"),
            ("data:text/javascript,alert(1)", "is a full URL"),
            ("javascript:alert(1)", "is a full URL"),
            ("../secret.js", "has a `..`"),
            ("assets/../../secret.js", "has a `..`"),
            ("assets/./x.js", "has a `..`"),
            ("assets//x.js", "has a `..`"),
            ("assets\\x.js", "contains a backslash"),
            ("x\0.js", "contains a control character"),
            ("x\n.js", "contains a control character"),
        ] {
            let found = not_inside(file).unwrap_or_else(|| panic!("{file:?} accepted"));
            assert!(found.starts_with(problem), "{file:?}: {found}");
        }
    }
}
