//! The model of Vite's `manifest.json` and reading it, with errors that point
//! into the file.

use std::collections::HashMap;
use std::ops::Range;
use std::path::{Path, PathBuf};
use std::sync::OnceLock;

use serde::Deserialize;
use serde_json::value::RawValue;

use crate::diagnostic::{Diagnostic, Location};

/// One entry of the manifest: a chunk (JS), a CSS file or an asset, keyed by its
/// source path relative to Vite's `root`. Fields that a Vite version adds and
/// vite-asset does not use (`names`, `src`, `name` …) are ignored, so Vite 5
/// through 8 all parse.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Chunk {
    /// The built file, relative to Vite's `build.outDir`.
    pub file: String,
    /// Whether the chunk is an entry point of the build (`build.rollupOptions.input`).
    #[serde(default)]
    pub is_entry: bool,
    /// Keys of the chunks this one imports statically (`import … from`).
    #[serde(default)]
    pub imports: Vec<String>,
    /// Keys of the chunks this one imports dynamically (`import("./lazy")`),
    /// which load when the code asks for them.
    #[serde(default)]
    pub dynamic_imports: Vec<String>,
    /// CSS files (relative to `build.outDir`) that this chunk's modules import.
    #[serde(default)]
    pub css: Vec<String>,
    /// Other files (relative to `build.outDir`) that this chunk's modules import:
    /// images, fonts.
    #[serde(default)]
    pub assets: Vec<String>,
    /// A subresource-integrity hash of `file`, written by plugins that add one.
    #[serde(default)]
    pub integrity: Option<String>,
}

/// Which entry of a [`Manifest`] this is: a number from 0 to [`Manifest::len`],
/// for [`Manifest::chunk`], [`Manifest::imports`] and [`Manifest::key`].
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct EntryId(pub usize);

/// An entry found in a [`Manifest`] by its key.
#[derive(Debug, Clone, Copy)]
pub struct Entry<'m> {
    /// Which entry it is.
    pub id: EntryId,
    /// Its key, as the manifest spells it.
    pub key: &'m str,
    /// Its fields.
    pub chunk: &'m Chunk,
}

/// A manifest, read from its text with serde_json.
///
/// Reading it checks that the text is a JSON object and finds where each
/// entry's value is; an entry's fields are read the first time something asks
/// for it, so that a broken entry is reported by the call that uses it, with the
/// line and column in the file.
///
/// ```
/// use std::path::Path;
/// use vite_asset_core::Manifest;
///
/// let manifest = Manifest::parse(
///     Path::new("dist/.vite/manifest.json"),
///     br#"{
///         "main.ts": {"file": "assets/main-4gd9.js", "isEntry": true, "imports": ["_shared.js"]},
///         "_shared.js": {"file": "assets/shared-Vx2j.js"}
///     }"#,
/// )?;
/// let main = manifest.entry("main.ts")?.expect("main.ts is in the manifest");
/// assert_eq!(main.chunk.file, "assets/main-4gd9.js");
/// assert!(manifest.entry("admin.ts")?.is_none());
/// # Ok::<(), vite_asset_core::Diagnostic>(())
/// ```
#[derive(Debug)]
pub struct Manifest {
    path: PathBuf,
    text: String,
    /// Every entry; a repeated key keeps its last value, as in JSON.
    slots: Vec<Slot>,
    by_key: HashMap<String, EntryId>,
    /// `integrity` by built file, for the CSS files that chunks list by file name only.
    integrity_by_file: OnceLock<HashMap<String, String>>,
}

#[derive(Debug)]
struct Slot {
    key: String,
    /// The byte range of the entry's JSON value in the manifest's text.
    value: Range<usize>,
    chunk: OnceLock<Result<Chunk, Diagnostic>>,
    /// The entry of each of the chunk's `imports`, `None` for a key that is not in the manifest.
    imports: OnceLock<Vec<Option<EntryId>>>,
}

impl Manifest {
    /// Reads `bytes`, the manifest at `path` (which messages name).
    pub fn parse(path: &Path, bytes: impl Into<Vec<u8>>) -> Result<Manifest, Diagnostic> {
        let text = String::from_utf8(bytes.into()).map_err(|error| {
            Diagnostic::new(format!(
                "the Vite manifest `{}` is not UTF-8 text (invalid byte at offset {})",
                path.display(),
                error.utf8_error().valid_up_to()
            ))
            .fix("run the Vite build again (`npm run build`) to rewrite it")
        })?;
        // Editors on some systems save JSON with a byte-order mark; it is not JSON.
        let text = match text.strip_prefix('\u{feff}') {
            Some(rest) => rest.to_owned(),
            None => text,
        };
        let values: HashMap<String, &RawValue> =
            serde_json::from_str(&text).map_err(|error| not_valid(path, &text, &error, 0))?;
        let start = text.as_ptr() as usize;
        let mut slots: Vec<Slot> = values
            .into_iter()
            .map(|(key, value)| {
                // serde_json borrows each raw value from `text`.
                let offset = value.get().as_ptr() as usize - start;
                Slot {
                    key,
                    value: offset..offset + value.get().len(),
                    chunk: OnceLock::new(),
                    imports: OnceLock::new(),
                }
            })
            .collect();
        slots.sort_unstable_by_key(|slot| slot.value.start);
        let by_key = slots
            .iter()
            .enumerate()
            .map(|(id, slot)| (slot.key.clone(), EntryId(id)))
            .collect();
        Ok(Manifest {
            path: path.to_owned(),
            text,
            slots,
            by_key,
            integrity_by_file: OnceLock::new(),
        })
    }

    /// Reads the manifest at `path`.
    pub fn load(path: &Path) -> Result<Manifest, Diagnostic> {
        let bytes = std::fs::read(path).map_err(|error| {
            Diagnostic::new(format!(
                "cannot read the Vite manifest `{}`: {error}",
                path.display()
            ))
            .fix(
                "make the file readable by the user that runs cargo (check its permissions and \
                 owner, and the file system it is on), or run the Vite build again (`npm run build`) \
                 to write it anew",
            )
        })?;
        Manifest::parse(path, bytes)
    }

    /// The file this manifest was read from.
    pub fn path(&self) -> &Path {
        &self.path
    }

    /// The entry named `key`; an error when it is there but is not a valid chunk
    /// (no `file`, say).
    pub fn entry(&self, key: &str) -> Result<Option<Entry<'_>>, Diagnostic> {
        let Some(&id) = self.by_key.get(key) else {
            return Ok(None);
        };
        Ok(Some(Entry {
            id,
            key: self.key(id),
            chunk: self.chunk(id)?,
        }))
    }

    /// The key of the entry `id`.
    pub fn key(&self, id: EntryId) -> &str {
        &self.slots[id.0].key
    }

    /// The fields of the entry `id`, or why they are not a valid chunk.
    pub fn chunk(&self, id: EntryId) -> Result<&Chunk, Diagnostic> {
        let slot = &self.slots[id.0];
        slot.chunk
            .get_or_init(|| {
                serde_json::from_str(&self.text[slot.value.clone()])
                    .map_err(|error| not_valid(&self.path, &self.text, &error, slot.value.start))
            })
            .as_ref()
            .map_err(Clone::clone)
    }

    /// The entries that the entry `id` imports, in its order, `None` for a key
    /// that is not in the manifest.
    pub fn imports(&self, id: EntryId) -> Result<&[Option<EntryId>], Diagnostic> {
        let chunk = self.chunk(id)?;
        Ok(self.slots[id.0].imports.get_or_init(|| {
            chunk
                .imports
                .iter()
                .map(|key| self.by_key.get(key).copied())
                .collect()
        }))
    }

    /// How many entries there are.
    pub fn len(&self) -> usize {
        self.slots.len()
    }

    /// Whether the manifest has no entries.
    pub fn is_empty(&self) -> bool {
        self.slots.is_empty()
    }

    /// Every entry that is a valid chunk, sorted by key.
    pub fn entries(&self) -> Vec<Entry<'_>> {
        let mut entries: Vec<Entry<'_>> = (0..self.len())
            .map(EntryId)
            .filter_map(|id| {
                Some(Entry {
                    id,
                    key: self.key(id),
                    chunk: self.chunk(id).ok()?,
                })
            })
            .collect();
        entries.sort_unstable_by_key(|entry| entry.key);
        entries
    }

    /// The integrity a plugin wrote into the manifest for the built file `file`, if any.
    pub fn integrity_of(&self, file: &str) -> Option<&str> {
        self.integrity_by_file
            .get_or_init(|| {
                (0..self.len())
                    .map(EntryId)
                    // Only the few entries that mention it are read.
                    .filter(|id| {
                        self.text[self.slots[id.0].value.clone()].contains("\"integrity\"")
                    })
                    .filter_map(|id| {
                        let chunk = self.chunk(id).ok()?;
                        Some((chunk.file.clone(), chunk.integrity.clone()?))
                    })
                    .collect()
            })
            .get(file)
            .map(String::as_str)
    }

    /// Every file the build wrote that the manifest lists (each entry's `file`,
    /// `css` and `assets`), sorted, each once; an error for an entry that is not a
    /// valid chunk.
    ///
    /// ```
    /// let manifest = vite_asset_core::Manifest::parse(
    ///     std::path::Path::new("manifest.json"),
    ///     br#"{"main.ts": {"file": "a/main-1.js", "css": ["a/main-2.css"], "assets": ["a/logo-3.svg"]},
    ///          "_shared.js": {"file": "a/shared-4.js", "css": ["a/main-2.css"]}}"#,
    /// )?;
    /// assert_eq!(manifest.built_files()?, ["a/logo-3.svg", "a/main-1.js", "a/main-2.css", "a/shared-4.js"]);
    /// # Ok::<(), vite_asset_core::Diagnostic>(())
    /// ```
    pub fn built_files(&self) -> Result<Vec<&str>, Diagnostic> {
        let mut files = Vec::new();
        for id in (0..self.len()).map(EntryId) {
            let chunk = self.chunk(id)?;
            files.push(chunk.file.as_str());
            files.extend(chunk.css.iter().map(String::as_str));
            files.extend(chunk.assets.iter().map(String::as_str));
        }
        files.sort_unstable();
        files.dedup();
        Ok(files)
    }

    /// The keys of the entry points, sorted, as a person lists what they can ask for.
    pub(crate) fn entry_keys(&self) -> impl Iterator<Item = &str> {
        self.entries()
            .into_iter()
            .filter(|entry| entry.chunk.is_entry)
            .map(|entry| entry.key)
    }

    /// The keys a user may write, sorted: everything but Vite's internal `_`-prefixed chunk names.
    pub fn public_keys(&self) -> impl Iterator<Item = &str> {
        let mut keys: Vec<&str> = self
            .by_key
            .keys()
            .map(String::as_str)
            .filter(|key| !key.starts_with('_'))
            .collect();
        keys.sort_unstable();
        keys.into_iter()
    }
}

/// The diagnostic for a serde_json `error` in the manifest at `path`, in the
/// JSON that starts at byte `offset` of the manifest's `text`.
fn not_valid(path: &Path, text: &str, error: &serde_json::Error, offset: usize) -> Diagnostic {
    // serde_json says column 0 for an error before the first character of a line.
    let (line, column) = position_in(text, offset, error.line(), error.column().max(1));
    let what = error.to_string();
    // serde_json appends " at line L column C"; the location says it as a file position.
    let what = what
        .rsplit_once(" at line ")
        .map_or(what.as_str(), |(message, _)| message);
    Diagnostic::new(format!(
        "the Vite manifest `{}` is not valid: {what}",
        path.display()
    ))
    .at(Location::in_text(path, text, line, column))
    .fix(
        "run the Vite build again (`npm run build`) to rewrite it; \
         the manifest must be a JSON object whose values each have a `file` string",
    )
}

/// The line and column in `text` of the position `line`:`column` (from 1, as
/// serde_json counts) of the JSON that starts at byte `offset`.
fn position_in(text: &str, offset: usize, line: usize, column: usize) -> (usize, usize) {
    let before = &text[..offset];
    let lines_before = before.matches('\n').count();
    if line <= 1 {
        let line_start = before.rfind('\n').map_or(0, |newline| newline + 1);
        let columns_before = before[line_start..].chars().count();
        (lines_before + 1, columns_before + column)
    } else {
        (lines_before + line, column)
    }
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

    fn parse(text: &str) -> Manifest {
        Manifest::parse(Path::new("m.json"), text).unwrap()
    }

    fn file_of(manifest: &Manifest, key: &str) -> String {
        manifest.entry(key).unwrap().unwrap().chunk.file.clone()
    }

    fn error_of(manifest: &Manifest, key: &str) -> String {
        manifest.entry(key).unwrap_err().to_string()
    }

    #[test]
    fn parses_the_manifests_of_vite_5_and_vite_8() {
        for version in ["vite5", "vite8"] {
            let path = fixture(version);
            let manifest = Manifest::load(&path).unwrap();
            let raw: serde_json::Value =
                serde_json::from_slice(&std::fs::read(&path).unwrap()).unwrap();
            let raw = raw.as_object().unwrap();
            assert_eq!(manifest.len(), raw.len(), "{version}");
            for (key, value) in raw {
                let entry = manifest.entry(key).unwrap().unwrap();
                assert_eq!(entry.key, key);
                assert_eq!(entry.chunk.file, value["file"].as_str().unwrap());
                assert_eq!(entry.chunk.is_entry, value.get("isEntry").is_some());
            }
            assert!(manifest.entry_keys().any(|key| key == "script.ts"));
            assert!(manifest.public_keys().all(|key| !key.starts_with('_')));
        }
    }

    #[test]
    fn imports_are_entries_or_none_for_a_missing_key() {
        let manifest = parse(
            r#"{"main.ts": {"file": "main.js", "imports": ["_a.js", "_gone.js"]}, "_a.js": {"file": "a.js"}}"#,
        );
        let main = manifest.entry("main.ts").unwrap().unwrap();
        let imports = manifest.imports(main.id).unwrap();
        assert_eq!(imports.len(), 2);
        assert_eq!(manifest.key(imports[0].unwrap()), "_a.js");
        assert_eq!(imports[1], None);
    }

    #[test]
    fn a_byte_order_mark_is_skipped() {
        let manifest = Manifest::parse(
            Path::new("m.json"),
            b"\xEF\xBB\xBF{\"a.ts\":{\"file\":\"a.js\"}}",
        )
        .unwrap();
        assert_eq!(file_of(&manifest, "a.ts"), "a.js");
    }

    #[test]
    fn a_syntax_error_points_at_the_line_and_column() {
        let text = "{\n  \"a.ts\": {\n    \"file\": \"a.js\"\n    \"isEntry\": true\n  }\n}";
        let error = Manifest::parse(Path::new("dist/manifest.json"), text)
            .unwrap_err()
            .to_string();
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
    fn a_chunk_without_file_is_reported_where_it_is_by_the_call_that_names_it() {
        let manifest =
            parse("{\n  \"b.ts\": {\"file\": \"b.js\"},\n  \"a.ts\": {\"src\": \"a.ts\"}\n}");
        assert_eq!(file_of(&manifest, "b.ts"), "b.js");
        let error = error_of(&manifest, "a.ts");
        assert!(error.contains("missing field `file`"), "{error}");
        assert!(error.contains("at line 3, column 25"), "{error}");
        assert_eq!(manifest.entries().len(), 1, "the broken entry is left out");
    }

    #[test]
    fn a_file_that_is_not_an_object_of_entries_is_an_error_with_a_position() {
        let error = Manifest::parse(Path::new("m.json"), "[\n  1,\n  2\n]")
            .unwrap_err()
            .to_string();
        assert!(
            error.contains("invalid type: sequence, expected a map at line 1, column 1"),
            "{error}"
        );
        let error = Manifest::parse(Path::new("m.json"), "{\n  \"a.ts\": {\"file\": \"a.js\"}")
            .unwrap_err()
            .to_string();
        assert!(
            error.contains("EOF while parsing an object at line 2, column 26"),
            "{error}"
        );
    }

    #[test]
    fn deep_nesting_is_an_error_or_ignored_never_a_stack_overflow() {
        let deep = |depth: usize| format!("{}{}", "[".repeat(depth), "]".repeat(depth));
        let text = format!(
            r#"{{"a.ts": {{"file": "a.js", "extra": {0}}}, "b.ts": {{"file": "b.js", "imports": {0}}}, "c.ts": {0}}}"#,
            deep(100_000)
        );
        let manifest = parse(&text);
        assert_eq!(
            file_of(&manifest, "a.ts"),
            "a.js",
            "unused fields are skipped"
        );
        assert!(manifest.entry("b.ts").is_err());
        assert!(manifest.entry("c.ts").is_err());
        let unbalanced = format!(r#"{{"a.ts": {}"#, "[".repeat(100_000));
        assert!(Manifest::parse(Path::new("m.json"), unbalanced).is_err());
    }

    #[test]
    fn a_fifty_megabyte_manifest_is_read() {
        let mut text = String::from("{");
        let mut n = 0;
        while text.len() < 50_000_000 {
            text.push_str(&format!(
                r#""src/page{n}.ts": {{"file": "assets/page{n}-abcdefgh.js", "isEntry": true, "imports": ["_shared-{n}.js"], "css": ["assets/page{n}.css"]}},"#
            ));
            n += 1;
        }
        text.push_str(r#""last.ts": {"file": "last.js"}}"#);
        let manifest = parse(&text);
        assert_eq!(manifest.len(), n + 1);
        assert_eq!(
            file_of(&manifest, &format!("src/page{}.ts", n / 2)),
            format!("assets/page{}-abcdefgh.js", n / 2)
        );
    }

    #[test]
    fn a_repeated_key_keeps_its_last_value() {
        let manifest = parse(r#"{"a.ts": {"file": "a-1.js"}, "a.ts": {"file": "a-2.js"}}"#);
        assert_eq!(file_of(&manifest, "a.ts"), "a-2.js");
        assert_eq!(manifest.len(), 1);
    }

    #[test]
    fn an_unreadable_manifest_says_how_to_fix_it() {
        let error = Manifest::load(Path::new("/nonexistent/manifest.json"))
            .unwrap_err()
            .to_string();
        assert!(
            error.starts_with("cannot read the Vite manifest `/nonexistent/manifest.json`"),
            "{error}"
        );
        assert!(error.contains("to fix: make the file readable"), "{error}");
    }
}
