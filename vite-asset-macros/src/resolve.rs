//! From an asset name to its URL: manifest lookup in production, the DevServer in
//! development, and the "did you mean" hints when a name is wrong.

use std::path::Path;

use crate::config::Config;
use crate::escape;
use crate::manifest::{Chunk, ChunkAt, Manifest};

/// How many entries a "not found" message lists before it says "and N more".
const LISTED_ENTRIES: usize = 12;

/// The manifest entry named `name` (its key, position and chunk), or a message
/// saying what is there and how to fix it.
pub fn resolve_entry<'m>(
    manifest: &'m Manifest,
    name: &str,
    config: &Config,
) -> Result<ChunkAt<'m>, String> {
    if let Some(entry) = manifest.find(name)? {
        return Ok(entry);
    }
    let mut message = format!(
        "`{name}` is not in the Vite manifest `{}`",
        config.display(&manifest.path)
    );
    let suggestions = closest(name, manifest.public_keys());
    if !suggestions.is_empty() {
        message.push_str(&format!(
            "\n  did you mean {}?",
            quoted_list(&suggestions, " or ")
        ));
    }
    let entries: Vec<&str> = manifest.entry_keys().collect();
    if entries.is_empty() {
        message.push_str("\n  the manifest lists no entry points");
    } else {
        let shown: Vec<&str> = entries.iter().copied().take(LISTED_ENTRIES).collect();
        message.push_str(&format!(
            "\n  its entry points: {}",
            quoted_list(&shown, ", ")
        ));
        if entries.len() > shown.len() {
            message.push_str(&format!(" and {} more", entries.len() - shown.len()));
        }
    }
    message.push_str(&format!(
        "\n  to fix: names are paths relative to Vite's `root`, as the manifest's keys are; \
         if `{name}` is a file of yours, add it to `build.rollupOptions.input` in vite.config.js \
         and run the Vite build again (`npm run build`)"
    ));
    Err(message)
}

/// The URL of a built file: Vite's `base` followed by the file's path in the output directory.
pub fn asset_url(config: &Config, chunk: &Chunk) -> String {
    file_url(config, &chunk.file)
}

/// The URL of `file`, a path relative to Vite's output directory.
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
pub fn check_dev_source(config: &Config, name: &str) -> Result<(), String> {
    let Some(root) = &config.root else {
        return Ok(());
    };
    if name.starts_with('@') || root.join(name).is_file() {
        return Ok(());
    }
    let mut message = format!(
        "`{name}` does not exist in the Vite root `{}`",
        config.display(root)
    );
    let files = source_files(root);
    let suggestions = closest(name, files.iter().map(String::as_str));
    if !suggestions.is_empty() {
        message.push_str(&format!(
            "\n  did you mean {}?",
            quoted_list(&suggestions, " or ")
        ));
    }
    message.push_str(
        "\n  to fix: name a file relative to Vite's `root` (`root` in `[package.metadata.vite]`, \
         or the `VITE_ROOT` environment variable, must be the same directory as `root` in vite.config.js)",
    );
    Err(message)
}

/// Source files under `root`, relative to it, for suggestions only; skips
/// `node_modules` and hidden directories, and stops after a few thousand files.
fn source_files(root: &Path) -> Vec<String> {
    const LIMIT: usize = 5_000;
    let mut found = Vec::new();
    let mut pending = vec![root.to_owned()];
    while let Some(dir) = pending.pop() {
        let Ok(entries) = std::fs::read_dir(&dir) else {
            continue;
        };
        for entry in entries.flatten() {
            let path = entry.path();
            let file_name = entry.file_name();
            let file_name = file_name.to_string_lossy();
            if file_name.starts_with('.') || file_name == "node_modules" {
                continue;
            }
            if path.is_dir() {
                pending.push(path);
            } else if let Ok(relative) = path.strip_prefix(root) {
                found.push(relative.to_string_lossy().replace('\\', "/"));
                if found.len() >= LIMIT {
                    return found;
                }
            }
        }
    }
    found
}

/// Up to three names from `candidates` that `name` was probably meant to be:
/// the same file in another directory first, then close spellings.
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

    fn config(base: &str) -> Config {
        Config::for_tests(Path::new("/app"), base)
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
        let chunk = resolve_entry(&manifest, "script.ts", &config("/assets/"))
            .unwrap()
            .chunk;
        assert_eq!(
            asset_url(&config("/assets/"), chunk),
            "/assets/bundled/script-BkiISj8p.js"
        );
        assert_eq!(
            asset_url(&config("https://cdn.test/v2/"), chunk),
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
        let error = resolve_entry(&manifest(), "scrpt.ts", &config("/")).unwrap_err();
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
