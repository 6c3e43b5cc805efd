//! From an asset name to its URL: the manifest's entry in production, the
//! DevServer's URL in development, and "did you mean" when a name is wrong.

use crate::built_file::BuildOutput;
use crate::config::{Config, ENV_ROOT};
use crate::diagnostic::Diagnostic;
use crate::escape;
use crate::manifest::{Entry, Manifest};
use crate::project_files;

/// How many entries a "not found" message lists before it says "and N more".
const LISTED_ENTRIES: usize = 12;

/// How many source files are looked through for a dev-mode "did you mean".
const SUGGESTED_FROM_FILES: usize = 5_000;

/// The manifest entry named `name`, or a diagnostic saying what is there and how to fix it.
pub fn entry<'m>(
    manifest: &'m Manifest,
    name: &str,
    config: &Config,
) -> Result<Entry<'m>, Diagnostic> {
    if let Some(entry) = manifest.entry(name)? {
        return Ok(entry);
    }
    let mut diagnostic = Diagnostic::new(format!(
        "`{name}` is not in the Vite manifest `{}`",
        config.display(manifest.path())
    ));
    let suggestions = closest(name, manifest.public_keys());
    if !suggestions.is_empty() {
        diagnostic = diagnostic.note(format!(
            "did you mean {}?",
            quoted_list(&suggestions, " or ")
        ));
    }
    let entries: Vec<&str> = manifest.entry_keys().collect();
    diagnostic = if entries.is_empty() {
        diagnostic.note("the manifest lists no entry points")
    } else {
        let shown: Vec<&str> = entries.iter().copied().take(LISTED_ENTRIES).collect();
        let mut listed = format!("its entry points: {}", quoted_list(&shown, ", "));
        if entries.len() > shown.len() {
            listed.push_str(&format!(" and {} more", entries.len() - shown.len()));
        }
        diagnostic.note(listed)
    };
    Err(diagnostic.fix(format!(
        "names are paths relative to Vite's `root`, as the manifest's keys are; \
         if `{name}` is a file of yours, add it to `build.rollupOptions.input` in vite.config.js \
         and run the Vite build again (`npm run build`)"
    )))
}

/// The URL of the asset `name` in production: `base` and its built file, which
/// must be in the build's output directory.
///
/// Ids that start with `@` (`@vite/client`) exist only on the DevServer; pages
/// name them under `{% if vite_asset::DEV %}`, which still expands the call in
/// production, so one that is not in the manifest is an empty string there.
pub fn url(
    config: &Config,
    manifest: &Manifest,
    output: &BuildOutput,
    name: &str,
) -> Result<String, Diagnostic> {
    match entry(manifest, name, config) {
        Ok(entry) => {
            output.built_file(config, manifest, &entry.chunk.file)?;
            Ok(file_url(config, &entry.chunk.file))
        }
        Err(_) if name.starts_with('@') => Ok(String::new()),
        Err(diagnostic) => Err(diagnostic),
    }
}

/// The URL of `file`, a path relative to Vite's output directory: `base`, then the path.
pub fn file_url(config: &Config, file: &str) -> String {
    format!("{}{}", config.base, escape::url_path(file))
}

/// The URL under which the Vite DevServer serves `name` (a source path, or an id like `@vite/client`).
pub fn dev_url(config: &Config, name: &str) -> String {
    format!(
        "{}{}{}",
        config.dev_origin,
        dev_base_path(&config.base),
        escape::url_path(name)
    )
}

/// The DevServer serves files under the path part of `base`: `https://cdn.example.com/app/`
/// becomes `/app/`, and a relative base (`""`, `./`) becomes `/`.
fn dev_base_path(base: &str) -> &str {
    let without_scheme = base
        .strip_prefix("https://")
        .or_else(|| base.strip_prefix("http://"))
        .or_else(|| base.strip_prefix("//"));
    match without_scheme {
        Some(rest) => rest.find('/').map_or("/", |slash| &rest[slash..]),
        None if base.starts_with('/') => base,
        None => "/",
    }
}

/// In dev mode with a `root` configured: the source file must exist.
/// Ids that start with `@` (`@vite/client`, `@react-refresh`) are served by Vite itself.
pub fn check_dev_source(config: &Config, name: &str) -> Result<(), Diagnostic> {
    let Some(root) = &config.root else {
        return Ok(());
    };
    if name.starts_with('@') || root.join(name).is_file() {
        return Ok(());
    }
    let mut diagnostic = Diagnostic::new(format!(
        "`{name}` does not exist in the Vite root `{}`",
        config.display(root)
    ));
    let files: Vec<String> = project_files::under(root, |_| false, SUGGESTED_FROM_FILES)
        .files
        .iter()
        .filter_map(|path| path.strip_prefix(root).ok())
        .map(|relative| relative.to_string_lossy().replace('\\', "/"))
        .collect();
    let suggestions = closest(name, files.iter().map(String::as_str));
    if !suggestions.is_empty() {
        diagnostic = diagnostic.note(format!(
            "did you mean {}?",
            quoted_list(&suggestions, " or ")
        ));
    }
    Err(diagnostic.fix(format!(
        "name a file relative to Vite's `root` (`root` in `[package.metadata.vite]`, \
         or the `{ENV_ROOT}` environment variable, must be the same directory as `root` in vite.config.js)"
    )))
}

/// Up to three names from `candidates` that `name` was probably meant to be:
/// the same file in another directory first, then close spellings.
///
/// ```
/// let keys = ["main.ts", "admin.ts", "src/logo.svg"];
/// assert_eq!(vite_asset_core::resolve::closest("mian.ts", keys.into_iter()), ["main.ts"]);
/// assert_eq!(vite_asset_core::resolve::closest("logo.svg", keys.into_iter()), ["src/logo.svg"]);
/// ```
pub fn closest<'a>(name: &str, candidates: impl Iterator<Item = &'a str>) -> Vec<&'a str> {
    let wanted = name.trim_start_matches("./").trim_start_matches('/');
    let wanted_file = wanted.rsplit('/').next().unwrap_or(wanted);
    let mut scored: Vec<(u8, f64, &str)> = candidates
        .filter_map(|candidate| {
            let candidate_file = candidate.rsplit('/').next().unwrap_or(candidate);
            let similarity = strsim::normalized_damerau_levenshtein(wanted, candidate);
            if candidate == wanted || candidate_file == wanted_file {
                Some((0, -similarity, candidate))
            } else if similarity >= 0.7
                || strsim::normalized_damerau_levenshtein(wanted_file, candidate_file) >= 0.8
            {
                Some((1, -similarity, candidate))
            } else {
                None
            }
        })
        .collect();
    scored.sort_by(|a, b| a.0.cmp(&b.0).then(a.1.total_cmp(&b.1)).then(a.2.cmp(b.2)));
    scored
        .into_iter()
        .take(3)
        .map(|(_, _, candidate)| candidate)
        .collect()
}

fn quoted_list(items: &[&str], separator: &str) -> String {
    items
        .iter()
        .map(|item| format!("`{item}`"))
        .collect::<Vec<_>>()
        .join(separator)
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::path::Path;

    fn config(base: &str) -> Config {
        Config::with_defaults(Path::new("/app")).with_base(base)
    }

    fn manifest() -> Manifest {
        Manifest::parse(
            Path::new("/app/assets_compiled/manifest.json"),
            br#"{
                "script.ts": {"file": "bundled/script-BkiISj8p.js", "isEntry": true},
                "styles.scss": {"file": "bundled/styles-BBryp449.css", "isEntry": true},
                "src/logo.svg": {"file": "bundled/logo-1.svg"},
                "_shared-x.js": {"file": "bundled/shared-x.js"}
            }"#,
        )
        .unwrap()
    }

    #[test]
    fn urls_are_base_then_file() {
        let manifest = manifest();
        let chunk = entry(&manifest, "script.ts", &config("/assets/"))
            .unwrap()
            .chunk;
        assert_eq!(
            file_url(&config("/assets/"), &chunk.file),
            "/assets/bundled/script-BkiISj8p.js"
        );
        assert_eq!(
            file_url(&config("https://cdn.test/v2/"), &chunk.file),
            "https://cdn.test/v2/bundled/script-BkiISj8p.js"
        );
    }

    #[test]
    fn dev_urls_use_the_path_of_base() {
        assert_eq!(
            dev_url(&config("/assets/"), "script.ts"),
            "http://localhost:5173/assets/script.ts"
        );
        assert_eq!(
            dev_url(&config("/"), "@vite/client"),
            "http://localhost:5173/@vite/client"
        );
        assert_eq!(
            dev_url(&config("https://cdn.test/v2/"), "a.ts"),
            "http://localhost:5173/v2/a.ts"
        );
        assert_eq!(dev_url(&config(""), "a.ts"), "http://localhost:5173/a.ts");
        assert_eq!(dev_url(&config("./"), "a.ts"), "http://localhost:5173/a.ts");
    }

    #[test]
    fn a_typo_suggests_the_closest_key_and_lists_the_entries() {
        let error = entry(&manifest(), "scrpt.ts", &config("/"))
            .unwrap_err()
            .to_string();
        assert!(error.contains("did you mean `script.ts`?"), "{error}");
        assert!(
            error.contains("its entry points: `script.ts`, `styles.scss`"),
            "{error}"
        );
        assert!(error.contains("assets_compiled/manifest.json"), "{error}");
        assert!(error.contains("build.rollupOptions.input"), "{error}");
        assert!(
            !error.contains("_shared"),
            "internal chunk names are never suggested: {error}"
        );
    }

    #[test]
    fn a_path_with_the_root_in_it_suggests_the_key() {
        assert_eq!(
            closest("assets_source/script.ts", manifest().public_keys()),
            vec!["script.ts"]
        );
        assert_eq!(
            closest("/logo.svg", manifest().public_keys()),
            vec!["src/logo.svg"]
        );
        assert!(closest("completely-different.rs", manifest().public_keys()).is_empty());
    }
}
