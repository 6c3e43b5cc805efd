//! Where a build script leaves the run-time templates it checked, for
//! `vite_templates!` to embed: one file per templates directory, under the
//! crate's `OUT_DIR`, named after the directory as `build.rs` and the macro both
//! spell it (`"templates"`, relative to the crate's directory).
//!
//! ```
//! use std::path::Path;
//! use vite_asset_core::embedded_templates::{list_path, normalized};
//!
//! assert_eq!(normalized("./templates/"), "templates");
//! assert_eq!(
//!     list_path(Path::new("/out"), "./pages/email"),
//!     Path::new("/out/vite-asset/templates/pages_email.rs")
//! );
//! ```

use std::path::{Path, PathBuf};

/// `dir` as a key: without a leading `./` or trailing `/`, with `/` between its parts.
pub fn normalized(dir: &str) -> String {
    dir.replace('\\', "/")
        .split('/')
        .filter(|part| !part.is_empty() && *part != ".")
        .collect::<Vec<_>>()
        .join("/")
}

/// The file, under `out_dir`, that lists the templates of `dir`.
pub fn list_path(out_dir: &Path, dir: &str) -> PathBuf {
    let name: String = normalized(dir)
        .chars()
        .map(
            |c| match c.is_ascii_alphanumeric() || c == '-' || c == '.' {
                true => c,
                false => '_',
            },
        )
        .collect();
    out_dir
        .join("vite-asset/templates")
        .join(format!("{name}.rs"))
}

/// A template's name as the engines load it: its path below the directory,
/// with `/` between its parts; `None` when that path is not UTF-8.
pub fn template_name(dir: &Path, file: &Path) -> Option<String> {
    let relative = file.strip_prefix(dir).ok()?;
    let parts: Option<Vec<&str>> = relative.iter().map(|part| part.to_str()).collect();
    Some(parts?.join("/"))
}
