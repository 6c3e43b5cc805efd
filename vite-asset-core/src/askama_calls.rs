//! Where in a crate's askama templates a macro call names an asset. Askama
//! writes a template's `{{ vite_asset!("…") }}` into the code of its
//! `#[derive(Template)]` with the derive's span (no span can point into an
//! HTML file), so a macro's error about that call would show the derive
//! alone; the macros add the template's path and line found here.

use std::path::{Path, PathBuf};

/// The most template files read, so that a crate with a huge templates
/// directory pays a bounded cost for an error message.
const MOST_FILES: usize = 2_000;

/// `path:line` of each line of the crate's askama templates that has a
/// `vite_…!` call with the string literal `name`, relative to `crate_dir`,
/// sorted; the templates are in the `dirs` of `askama.toml`'s `[general]`
/// section, `templates/` without one.
///
/// ```
/// # let dir = std::env::temp_dir().join(format!("vite-asset-core-askama-{}", std::process::id()));
/// # std::fs::create_dir_all(dir.join("templates")).unwrap();
/// std::fs::write(dir.join("templates/page.html"), "<head>\n{{ vite_asset!(\"scrpt.ts\") }}\n")?;
/// let found = vite_asset_core::askama_calls::naming(&dir, "scrpt.ts");
/// assert_eq!(found, ["templates/page.html:2"]);
/// # std::fs::remove_dir_all(&dir).unwrap();
/// # Ok::<(), std::io::Error>(())
/// ```
pub fn naming(crate_dir: &Path, name: &str) -> Vec<String> {
    let literal = format!("\"{name}\"");
    let mut found = Vec::new();
    let mut files = Vec::new();
    for dir in template_dirs(crate_dir) {
        collect_files(&crate_dir.join(dir), &mut files);
    }
    for file in files {
        let Ok(text) = std::fs::read_to_string(&file) else {
            continue;
        };
        let shown = file
            .strip_prefix(crate_dir)
            .unwrap_or(&file)
            .display()
            .to_string();
        for (index, line) in text.lines().enumerate() {
            if line.contains(&literal) && line.contains("vite_") && line.contains("!(") {
                found.push(format!("{shown}:{}", index + 1));
            }
        }
    }
    found.sort();
    found
}

/// askama's template directories: `[general] dirs` of `askama.toml`, or `templates`.
fn template_dirs(crate_dir: &Path) -> Vec<String> {
    let configured = std::fs::read_to_string(crate_dir.join("askama.toml"))
        .ok()
        .and_then(|text| text.parse::<toml::Table>().ok())
        .and_then(|table| {
            let dirs = table.get("general")?.get("dirs")?.as_array()?.clone();
            Some(
                dirs.iter()
                    .filter_map(|dir| dir.as_str().map(str::to_owned))
                    .collect::<Vec<_>>(),
            )
        });
    configured.unwrap_or_else(|| vec!["templates".to_owned()])
}

fn collect_files(dir: &Path, files: &mut Vec<PathBuf>) {
    let Ok(entries) = std::fs::read_dir(dir) else {
        return;
    };
    for entry in entries.flatten() {
        if files.len() >= MOST_FILES {
            return;
        }
        let path = entry.path();
        match entry.file_type() {
            Ok(kind) if kind.is_dir() => collect_files(&path, files),
            Ok(kind) if kind.is_file() => files.push(path),
            _ => {}
        }
    }
}
