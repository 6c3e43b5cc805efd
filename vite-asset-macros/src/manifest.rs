//! The model of Vite's `manifest.json` and reading it, with errors that point
//! into the file.

use std::collections::{BTreeMap, HashMap};
use std::path::{Path, PathBuf};
use std::sync::Arc;

use serde::Deserialize;

use crate::cache::{self, ByFile};

/// One entry of the manifest: a chunk (JS), a CSS file or an asset, keyed by its
/// source path relative to Vite's `root`. Fields that a Vite version adds and we
/// do not use (`names`, `src`, `name` …) are ignored, so Vite 5 through 8 all parse.
#[derive(Debug, Clone, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Chunk {
    /// The built file, relative to Vite's `build.outDir`.
    pub file: String,
    #[serde(default)]
    pub is_entry: bool,
    /// Keys of the chunks this one imports statically (`import … from`).
    #[serde(default)]
    pub imports: Vec<String>,
    /// CSS files (relative to `build.outDir`) that this chunk's modules import.
    #[serde(default)]
    pub css: Vec<String>,
    /// A subresource-integrity hash of `file`, written by plugins that add one.
    #[serde(default)]
    pub integrity: Option<String>,
}

/// A parsed manifest: every entry by its key.
#[derive(Debug)]
pub struct Manifest {
    pub path: PathBuf,
    pub chunks: BTreeMap<String, Chunk>,
    /// `integrity` by built file, for the CSS files that chunks list by file name only.
    integrity_by_file: HashMap<String, String>,
}

impl Manifest {
    /// Parses the bytes of a manifest read from `path` (used in messages only).
    pub fn parse(path: &Path, bytes: &[u8]) -> Result<Manifest, String> {
        // Editors on some systems save JSON with a byte-order mark; it is not JSON.
        let bytes = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes);
        let text = std::str::from_utf8(bytes).map_err(|error| {
            format!(
                "the Vite manifest `{}` is not UTF-8 text (invalid byte at offset {})\n  \
                 to fix: run the Vite build again (`npm run build`) to rewrite it",
                path.display(),
                error.valid_up_to()
            )
        })?;
        let chunks: BTreeMap<String, Chunk> = serde_json::from_str(text).map_err(|error| {
            let (line, column) = (error.line(), error.column());
            let what = error.to_string();
            // serde_json appends " at line L column C"; we show the location as a file position.
            let what = what
                .rsplit_once(" at line ")
                .map_or(what.as_str(), |(message, _)| message);
            format!(
                "the Vite manifest `{}` is not valid: {what} at line {line}, column {column}\n{}  \
                 to fix: run the Vite build again (`npm run build`) to rewrite it; \
                 the manifest must be a JSON object whose values each have a `file` string",
                path.display(),
                snippet(text, line, column)
            )
        })?;
        Ok(Manifest::new(path.to_owned(), chunks))
    }

    pub fn new(path: PathBuf, chunks: BTreeMap<String, Chunk>) -> Manifest {
        let integrity_by_file = chunks
            .values()
            .filter_map(|chunk| Some((chunk.file.clone(), chunk.integrity.clone()?)))
            .collect();
        Manifest {
            path,
            chunks,
            integrity_by_file,
        }
    }

    #[cfg(test)]
    pub fn get(&self, key: &str) -> Option<&Chunk> {
        self.chunks.get(key)
    }

    /// The entry named `key`, with the key borrowed from the manifest.
    pub fn get_key_value(&self, key: &str) -> Option<(&str, &Chunk)> {
        self.chunks
            .get_key_value(key)
            .map(|(key, chunk)| (key.as_str(), chunk))
    }

    /// The integrity a plugin wrote into the manifest for the built file `file`, if any.
    pub fn integrity_of(&self, file: &str) -> Option<&str> {
        self.integrity_by_file.get(file).map(String::as_str)
    }

    /// The keys of the entry points, as a person lists what they can ask for.
    pub fn entry_keys(&self) -> impl Iterator<Item = &str> {
        self.chunks
            .iter()
            .filter(|(_, chunk)| chunk.is_entry)
            .map(|(key, _)| key.as_str())
    }

    /// The keys a user may write: everything but Vite's internal `_`-prefixed chunk names.
    pub fn public_keys(&self) -> impl Iterator<Item = &str> {
        self.chunks
            .keys()
            .map(String::as_str)
            .filter(|key| !key.starts_with('_'))
    }
}

/// The line of `text` at `line` (1-based) with a caret under `column` (1-based),
/// as rustc shows a position.
fn snippet(text: &str, line: usize, column: usize) -> String {
    let Some(source_line) = text.lines().nth(line.saturating_sub(1)) else {
        return String::new();
    };
    // Manifests can be minified onto one very long line: show a window around the column.
    let chars: Vec<char> = source_line.chars().collect();
    let start = column.saturating_sub(40);
    let end = (column + 40).min(chars.len());
    let shown: String = chars[start.min(end)..end].iter().collect();
    let caret_at = column.saturating_sub(1).saturating_sub(start);
    let gutter = line.to_string().len();
    format!(
        "    {line} | {shown}\n    {:gutter$} | {:caret_at$}^\n",
        "", ""
    )
}

fn read_error(path: &Path, error: &std::io::Error) -> String {
    format!(
        "cannot read the Vite manifest `{}`: {error}",
        path.display()
    )
}

/// A parsed manifest, or the message saying why it could not be read.
pub type Loaded = Arc<Result<Manifest, String>>;

/// The manifest at `path`, parsed at most once per process for each version of the file.
pub fn load(path: &Path) -> Loaded {
    static PARSED: ByFile<Loaded> = ByFile::new();
    let stamp = match cache::stamp(path) {
        Ok(stamp) => stamp,
        Err(error) => return Arc::new(Err(read_error(path, &error))),
    };
    PARSED.get_or_compute(path, stamp, || {
        Arc::new(
            std::fs::read(path)
                .map_err(|error| read_error(path, &error))
                .and_then(|bytes| Manifest::parse(path, &bytes)),
        )
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn fixture(name: &str) -> PathBuf {
        Path::new(env!("CARGO_MANIFEST_DIR"))
            .join("../tests/fixtures")
            .join(name)
            .join("manifest.json")
    }

    #[test]
    fn parses_the_manifests_of_vite_5_and_vite_8() {
        for version in ["vite5", "vite8"] {
            let path = fixture(version);
            let manifest = Manifest::parse(&path, &std::fs::read(&path).unwrap()).unwrap();
            let raw: serde_json::Value =
                serde_json::from_slice(&std::fs::read(&path).unwrap()).unwrap();
            let raw = raw.as_object().unwrap();
            assert_eq!(manifest.chunks.len(), raw.len(), "{version}");
            for (key, value) in raw {
                assert_eq!(
                    manifest.get(key).unwrap().file,
                    value["file"].as_str().unwrap()
                );
                assert_eq!(
                    manifest.get(key).unwrap().is_entry,
                    value.get("isEntry").is_some()
                );
            }
            assert!(manifest.entry_keys().any(|key| key == "script.ts"));
            assert!(manifest.public_keys().all(|key| !key.starts_with('_')));
        }
    }

    #[test]
    fn a_byte_order_mark_is_skipped() {
        let manifest = Manifest::parse(
            Path::new("m.json"),
            b"\xEF\xBB\xBF{\"a.ts\":{\"file\":\"a.js\"}}",
        )
        .unwrap();
        assert_eq!(manifest.get("a.ts").unwrap().file, "a.js");
    }

    #[test]
    fn a_syntax_error_points_at_the_line_and_column() {
        let text = "{\n  \"a.ts\": {\n    \"file\": \"a.js\"\n    \"isEntry\": true\n  }\n}";
        let error = Manifest::parse(Path::new("dist/manifest.json"), text.as_bytes()).unwrap_err();
        assert!(
            error.contains("`dist/manifest.json` is not valid"),
            "{error}"
        );
        assert!(error.contains("at line 4, column 5"), "{error}");
        assert!(
            error.contains("    4 |     \"isEntry\": true\n      |     ^"),
            "{error}"
        );
        assert!(error.contains("expected `,` or `}`"), "{error}");
    }

    #[test]
    fn a_chunk_without_file_is_reported() {
        let error =
            Manifest::parse(Path::new("m.json"), br#"{"a.ts": {"src": "a.ts"}}"#).unwrap_err();
        assert!(error.contains("missing field `file`"), "{error}");
    }

    #[test]
    fn the_cache_rereads_a_file_that_changed() {
        let path =
            std::env::temp_dir().join(format!("vite-asset-cache-{}.json", std::process::id()));
        let file_of_a = || {
            load(&path)
                .as_ref()
                .as_ref()
                .unwrap()
                .get("a.ts")
                .unwrap()
                .file
                .clone()
        };
        std::fs::write(&path, r#"{"a.ts": {"file": "a-1.js"}}"#).unwrap();
        assert_eq!(file_of_a(), "a-1.js");
        let first = load(&path);
        assert!(
            Arc::ptr_eq(&first, &load(&path)),
            "an unchanged file is parsed once"
        );
        std::fs::write(&path, r#"{"a.ts": {"file": "a-22.js"}}"#).unwrap();
        assert_eq!(file_of_a(), "a-22.js", "a rewritten file is parsed again");
        std::fs::remove_file(&path).unwrap();
    }
}
