//! The model of Vite's `manifest.json` and reading it, with errors that point
//! into the file.

use std::borrow::Cow;
use std::collections::HashMap;
use std::fs::File;
use std::io::{Read, Seek, SeekFrom};
use std::ops::Range;
use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex, OnceLock, PoisonError};

use rustc_hash::FxHashMap;
use serde::Deserialize;

use crate::cache::{self, ByFile, Stamp};

// A path, so that fuzz/, which compiles this file from elsewhere, finds it too.
#[path = "manifest/index.rs"]
pub mod index;
#[path = "manifest/plain_chunk.rs"]
pub mod plain_chunk;

/// One entry of the manifest: a chunk (JS), a CSS file or an asset, keyed by its
/// source path relative to Vite's `root`. Fields that a Vite version adds and we
/// do not use (`names`, `src`, `name` …) are ignored, so Vite 5 through 8 all parse.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
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

/// An entry found in a [`Manifest`]: its key, its position (for
/// [`Manifest::imports_at`] and the others) and its chunk.
#[derive(Debug, Clone, Copy)]
pub struct ChunkAt<'m> {
    pub key: &'m str,
    pub position: usize,
    pub chunk: &'m Chunk,
}

/// A read manifest. A 10,000-entry manifest is several megabytes and the macros
/// run unoptimized, so reading it only finds where each entry is (one pass over
/// the bytes); an entry is deserialized the first time a call asks for it.
#[derive(Debug)]
pub struct Manifest {
    pub path: PathBuf,
    source: Source,
    /// Every entry, in the order of the file; a repeated key keeps its last value, as in JSON.
    entries: Vec<Entry>,
    /// The index in `entries` of each key.
    by_key: FxHashMap<String, usize>,
    /// `integrity` by built file, for the CSS files that chunks list by file name only.
    integrity_by_file: OnceLock<HashMap<String, String>>,
}

#[derive(Debug)]
struct Entry {
    /// The byte range of the entry's JSON value in the manifest's text.
    value: Range<usize>,
    /// Boxed, because most entries of a large manifest are never read: an
    /// unread entry is 32 bytes, not 160.
    read: OnceLock<Box<ReadEntry>>,
}

/// Where the JSON of a manifest's entries is read from.
#[derive(Debug)]
enum Source {
    /// The whole text: a manifest given as bytes (tests, the fuzz target).
    Text(String),
    /// The file, kept open: an entry's bytes are read back when a call first names
    /// it, so that rustc does not hold a manifest of megabytes for the whole
    /// compilation (4 MiB of its peak memory, for a 4 MB manifest).
    File(OpenFile),
}

/// A manifest's file, open since it was indexed.
#[derive(Debug)]
struct OpenFile {
    file: Mutex<File>,
    /// Where the text starts: after a byte-order mark, if there is one.
    start: u64,
    /// The file's when it was indexed: once it differs, the file has been
    /// rewritten, and the ranges of its entries mean nothing.
    stamp: Stamp,
}

impl OpenFile {
    /// What `read` reads from byte `at` of the text, if the file still has the
    /// stamp it had when it was indexed; `path` names it in messages.
    fn read_back<T>(
        &self,
        path: &Path,
        at: usize,
        read: impl FnOnce(&mut File) -> std::io::Result<T>,
    ) -> Result<T, String> {
        let mut file = self.file.lock().unwrap_or_else(PoisonError::into_inner);
        let result = file
            .seek(SeekFrom::Start(self.start + at as u64))
            .and_then(|_| read(&mut file));
        match file.metadata() {
            Ok(metadata) if Stamp::of(&metadata) == self.stamp => {}
            Ok(_) => return Err(changed_while_compiling(path)),
            Err(error) => return Err(read_error(path, &error)),
        }
        result.map_err(|error| read_error(path, &error))
    }
}

/// An entry, deserialized the first time a call names it.
#[derive(Debug)]
struct ReadEntry {
    chunk: Result<Chunk, String>,
    /// The position of each of the chunk's `imports`, `None` for a key that is
    /// not in the manifest: the walk of every call goes by these, not by keys.
    imports: OnceLock<Vec<Option<usize>>>,
}

impl Manifest {
    /// Reads the bytes of a manifest read from `path` (used in messages only).
    pub fn parse(path: &Path, bytes: impl Into<Vec<u8>>) -> Result<Manifest, String> {
        let text = String::from_utf8(bytes.into()).map_err(|error| {
            format!(
                "the Vite manifest `{}` is not UTF-8 text (invalid byte at offset {})\n  \
                 to fix: run the Vite build again (`npm run build`) to rewrite it",
                path.display(),
                error.utf8_error().valid_up_to()
            )
        })?;
        // Editors on some systems save JSON with a byte-order mark; it is not JSON.
        let text = match text.strip_prefix(BYTE_ORDER_MARK) {
            Some(rest) => rest.to_owned(),
            None => text,
        };
        let entries = match index::entries(&text) {
            Some(entries) => entries,
            // Not the shape of a manifest: serde_json says precisely what is wrong, and
            // where. Should it accept the text after all, its reading is the one we use.
            None => {
                index::entries_by_serde(&text).map_err(|error| not_valid(path, &text, &error, 0))?
            }
        };
        let mut manifest = Manifest {
            path: path.to_owned(),
            source: Source::Text(text),
            entries: Vec::with_capacity(entries.len()),
            by_key: FxHashMap::with_capacity_and_hasher(entries.len(), Default::default()),
            integrity_by_file: OnceLock::new(),
        };
        for (key, value) in entries {
            let entry = Entry {
                value,
                read: OnceLock::new(),
            };
            match manifest.by_key.get(&key) {
                Some(&index) => manifest.entries[index] = entry,
                None => {
                    manifest.by_key.insert(key, manifest.entries.len());
                    manifest.entries.push(entry);
                }
            }
        }
        Ok(manifest)
    }

    /// Reads the manifest at `path`, and keeps the file open to read each entry
    /// back from it when a call first names the entry.
    pub fn read_file(path: &Path) -> Result<Manifest, String> {
        let unreadable = |error| read_error(path, &error);
        let mut file = File::open(path).map_err(unreadable)?;
        let mut bytes = Vec::new();
        file.read_to_end(&mut bytes).map_err(unreadable)?;
        let stamp = Stamp::of(&file.metadata().map_err(unreadable)?);
        let start = if bytes.starts_with(BYTE_ORDER_MARK.as_bytes()) {
            BYTE_ORDER_MARK.len() as u64
        } else {
            0
        };
        let mut manifest = Manifest::parse(path, bytes)?;
        manifest.source = Source::File(OpenFile {
            file: Mutex::new(file),
            start,
            stamp,
        });
        Ok(manifest)
    }

    /// The entry named `key`, with the key borrowed from the manifest and its
    /// position; an error when the entry is there but is not a valid chunk (no
    /// `file`, say).
    pub fn find(&self, key: &str) -> Result<Option<ChunkAt<'_>>, String> {
        let Some((key, &position)) = self.by_key.get_key_value(key) else {
            return Ok(None);
        };
        Ok(Some(ChunkAt {
            key,
            position,
            chunk: self.chunk_at(position)?,
        }))
    }

    /// The position of the entry named `key`, for [`Manifest::chunk_at`] and the others.
    pub fn position(&self, key: &str) -> Option<usize> {
        self.by_key.get(key).copied()
    }

    /// The key of the entry at `position`, for messages: a search through the keys.
    pub fn key_at(&self, position: usize) -> &str {
        self.by_key
            .iter()
            .find(|&(_, &at)| at == position)
            .map_or("", |(key, _)| key.as_str())
    }

    /// The chunk of the entry at `position`, or why it is not a valid chunk.
    pub fn chunk_at(&self, position: usize) -> Result<&Chunk, String> {
        self.chunk(&self.entries[position])
            .as_ref()
            .map_err(Clone::clone)
    }

    /// The positions of the chunks that the chunk at `position` imports, in its
    /// order, `None` for a key that is not in the manifest.
    pub fn imports_at(&self, position: usize) -> Result<&[Option<usize>], String> {
        let chunk = self.chunk_at(position)?;
        Ok(self
            .read(&self.entries[position])
            .imports
            .get_or_init(|| chunk.imports.iter().map(|key| self.position(key)).collect()))
    }

    /// How many entries there are, each at a position below this.
    pub fn len(&self) -> usize {
        self.entries.len()
    }

    #[cfg(test)]
    pub fn get(&self, key: &str) -> Option<&Chunk> {
        self.find(key).unwrap().map(|found| found.chunk)
    }

    fn chunk<'m>(&'m self, entry: &'m Entry) -> &'m Result<Chunk, String> {
        &self.read(entry).chunk
    }

    fn read<'m>(&'m self, entry: &'m Entry) -> &'m ReadEntry {
        entry.read.get_or_init(|| {
            let chunk = self
                .value_text(entry)
                .and_then(|text| self.chunk_from(&text, entry.value.start));
            Box::new(ReadEntry {
                chunk,
                imports: OnceLock::new(),
            })
        })
    }

    /// The chunk in `text`, the JSON at byte `offset` of the manifest.
    fn chunk_from(&self, text: &str, offset: usize) -> Result<Chunk, String> {
        let by_serde = || {
            serde_json::from_str(text).map_err(|error| match self.whole_text() {
                Ok(whole) => not_valid(&self.path, &whole, &error, offset),
                Err(message) => message,
            })
        };
        match plain_chunk::read(text) {
            Some(chunk) => {
                // Tests and the fuzz target hold the fast reader to serde_json's reading.
                #[cfg(any(test, fuzzing))]
                assert_eq!(Ok(&chunk), by_serde().as_ref(), "{text}");
                Ok(chunk)
            }
            None => by_serde(),
        }
    }

    /// The JSON of `entry`'s value.
    fn value_text(&self, entry: &Entry) -> Result<Cow<'_, str>, String> {
        let file = match &self.source {
            Source::Text(text) => return Ok(Cow::Borrowed(&text[entry.value.clone()])),
            Source::File(file) => file,
        };
        let bytes = file.read_back(&self.path, entry.value.start, |file| {
            let mut bytes = vec![0; entry.value.len()];
            file.read_exact(&mut bytes).map(|()| bytes)
        })?;
        String::from_utf8(bytes)
            .map(Cow::Owned)
            .map_err(|_| changed_while_compiling(&self.path))
    }

    /// The manifest's whole text, for messages that show where an error is, and
    /// to find the entries that carry an `integrity`.
    fn whole_text(&self) -> Result<Cow<'_, str>, String> {
        let file = match &self.source {
            Source::Text(text) => return Ok(Cow::Borrowed(text)),
            Source::File(file) => file,
        };
        file.read_back(&self.path, 0, |file| {
            let mut text = String::new();
            file.read_to_string(&mut text).map(|_| Cow::Owned(text))
        })
    }

    /// Every entry that is a valid chunk, sorted by key.
    fn chunks(&self) -> Vec<(&str, &Chunk)> {
        let mut chunks: Vec<(&str, &Chunk)> = self
            .by_key
            .iter()
            .filter_map(|(key, &index)| {
                Some((
                    key.as_str(),
                    self.chunk(&self.entries[index]).as_ref().ok()?,
                ))
            })
            .collect();
        chunks.sort_unstable_by_key(|&(key, _)| key);
        chunks
    }

    /// The integrity a plugin wrote into the manifest for the built file `file`, if any.
    pub fn integrity_of(&self, file: &str) -> Option<&str> {
        self.integrity_by_file
            .get_or_init(|| {
                // A file rewritten since it was indexed has no integrity to give;
                // its entries report the change.
                let Ok(text) = self.whole_text() else {
                    return HashMap::new();
                };
                self.entries
                    .iter()
                    // Only the few entries that mention it are deserialized.
                    .filter(|entry| text[entry.value.clone()].contains("\"integrity\""))
                    .filter_map(|entry| {
                        let chunk = self.chunk(entry).as_ref().ok()?;
                        Some((chunk.file.clone(), chunk.integrity.clone()?))
                    })
                    .collect()
            })
            .get(file)
            .map(String::as_str)
    }

    /// The keys of the entry points, sorted, as a person lists what they can ask for.
    pub fn entry_keys(&self) -> impl Iterator<Item = &str> {
        self.chunks()
            .into_iter()
            .filter(|(_, chunk)| chunk.is_entry)
            .map(|(key, _)| key)
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

/// The message for a serde_json `error` in the manifest at `path`, in the JSON
/// that starts at byte `offset` of the manifest's `text`.
fn not_valid(path: &Path, text: &str, error: &serde_json::Error, offset: usize) -> String {
    // serde_json says column 0 for an error before the first character of a line.
    let (line, column) = position_in(text, offset, error.line(), error.column().max(1));
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
}

/// The line and column in `text` of the position `line`:`column` (1-based, as
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

/// The byte-order mark that [`Manifest::parse`] skips.
const BYTE_ORDER_MARK: &str = "\u{feff}";

fn changed_while_compiling(path: &Path) -> String {
    format!(
        "the Vite manifest `{}` was rewritten while this crate was compiling\n  \
         to fix: build again once the Vite build has finished",
        path.display()
    )
}

fn read_error(path: &Path, error: &std::io::Error) -> String {
    format!(
        "cannot read the Vite manifest `{}`: {error}\n  \
         to fix: make the file readable by the user that runs cargo (check its permissions and \
         owner, and the file system it is on), or run the Vite build again (`npm run build`) \
         to write it anew",
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
    PARSED.get_or_compute(path, stamp, || Arc::new(Manifest::read_file(path)))
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A path to write a manifest to, in a directory of its own.
    fn scratch_file(name: &str) -> PathBuf {
        let dir =
            std::env::temp_dir().join(format!("vite-asset-manifest-{}-{name}", std::process::id()));
        std::fs::create_dir_all(&dir).unwrap();
        dir.join("manifest.json")
    }

    #[test]
    fn entries_are_read_back_from_the_file() {
        let path = scratch_file("read-back");
        let text = std::fs::read_to_string(fixture("vite5")).unwrap();
        // With a byte-order mark, which moves every entry by three bytes in the file.
        std::fs::write(&path, format!("{BYTE_ORDER_MARK}{text}")).unwrap();
        let from_file = Manifest::read_file(&path).unwrap();
        assert!(matches!(from_file.source, Source::File(_)));
        let from_text = Manifest::parse(&path, text).unwrap();
        assert_eq!(from_file.len(), from_text.len());
        for position in 0..from_text.len() {
            assert_eq!(from_file.chunk_at(position), from_text.chunk_at(position));
        }
        assert_eq!(
            from_file.get("script.ts").unwrap().file,
            "bundled/script-BkiISj8p.js"
        );
    }

    #[test]
    fn a_manifest_rewritten_after_it_was_read_is_reported_not_misread() {
        let path = scratch_file("rewritten");
        let entry = |key: &str| format!("\"{key}.ts\": {{\"file\": \"{key}-1.js\"}}");
        std::fs::write(&path, format!("{{{}, {}}}", entry("a"), entry("b"))).unwrap();
        let manifest = Manifest::read_file(&path).unwrap();
        // A new first entry of the same length: `b.ts`'s bytes are now where `a.ts`'s were.
        std::fs::write(
            &path,
            format!("{{{}, {}, {}}}", entry("0"), entry("a"), entry("b")),
        )
        .unwrap();
        let error = manifest.find("b.ts").unwrap_err();
        assert!(
            error.contains("was rewritten while this crate was compiling"),
            "{error}"
        );
        assert!(error.contains("to fix: build again"), "{error}");
    }

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
            let manifest = Manifest::parse(&path, std::fs::read(&path).unwrap()).unwrap();
            let raw: serde_json::Value =
                serde_json::from_slice(&std::fs::read(&path).unwrap()).unwrap();
            let raw = raw.as_object().unwrap();
            assert_eq!(manifest.len(), raw.len(), "{version}");
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
        let manifest = Manifest::parse(Path::new("dist/manifest.json"), text.as_bytes()).unwrap();
        let error = manifest.find("a.ts").unwrap_err();
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
    fn a_chunk_without_file_is_reported_where_it_is() {
        let text = "{\n  \"b.ts\": {\"file\": \"b.js\"},\n  \"a.ts\": {\"src\": \"a.ts\"}\n}";
        let manifest = Manifest::parse(Path::new("m.json"), text.as_bytes()).unwrap();
        assert_eq!(manifest.get("b.ts").unwrap().file, "b.js");
        let error = manifest.find("a.ts").unwrap_err();
        assert!(error.contains("missing field `file`"), "{error}");
        assert!(error.contains("at line 3, column 25"), "{error}");
    }

    #[test]
    fn a_file_that_is_not_an_object_of_entries_is_an_error_with_a_position() {
        let error = Manifest::parse(Path::new("m.json"), b"[\n  1,\n  2\n]").unwrap_err();
        assert!(
            error.contains("invalid type: sequence, expected a map at line 1, column 1"),
            "{error}"
        );
        let error = Manifest::parse(Path::new("m.json"), b"{\n  \"a.ts\": {\"file\": \"a.js\"}")
            .unwrap_err();
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
        let manifest = Manifest::parse(Path::new("m.json"), text).unwrap();
        assert_eq!(
            manifest.get("a.ts").unwrap().file,
            "a.js",
            "unused fields are skipped"
        );
        assert!(manifest.find("b.ts").is_err());
        assert!(manifest.find("c.ts").is_err());
        // Where the index gives up (unbalanced), serde_json's recursion limit applies.
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
        let manifest = Manifest::parse(Path::new("m.json"), text).unwrap();
        assert_eq!(manifest.len(), n + 1);
        assert_eq!(
            manifest.get(&format!("src/page{}.ts", n / 2)).unwrap().file,
            format!("assets/page{}-abcdefgh.js", n / 2)
        );
    }

    #[test]
    fn a_repeated_key_keeps_its_last_value() {
        let manifest = Manifest::parse(
            Path::new("m.json"),
            br#"{"a.ts": {"file": "a-1.js"}, "a.ts": {"file": "a-2.js"}}"#,
        )
        .unwrap();
        assert_eq!(manifest.get("a.ts").unwrap().file, "a-2.js");
        assert_eq!(manifest.len(), 1);
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
        std::thread::sleep(cache::RECHECK_AFTER);
        assert_eq!(file_of_a(), "a-22.js", "a rewritten file is parsed again");
        std::fs::remove_file(&path).unwrap();
    }
}
