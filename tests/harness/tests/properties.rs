//! Property tests over generated manifests: odd keys and files, import graphs
//! with cycles and missing keys, files that are unsafe or missing on disk.
//!
//! Each case is checked against a model written here, independently of the
//! walk: the tags must link exactly the files that the entries reach, each once,
//! as well-formed HTML whose URLs decode back to those files; and the call must
//! fail exactly when the model says a user made a mistake.

use std::collections::{BTreeMap, BTreeSet, HashSet};
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicUsize, Ordering};

use proptest::prelude::*;

use vite_asset_core::compose::TagOptions;
use vite_asset_core::resolve::DEV_SERVER_IDS;
use vite_asset_core::{render, BuildOutput, Config, Html, Manifest};
use vite_asset_harness::strict_html;

/// A built file as generated: its path in the manifest, whether that path is
/// one that the output directory can hold, and whether it is on disk.
#[derive(Debug, Clone)]
struct File {
    path: String,
    safe: bool,
    built: bool,
}

#[derive(Debug, Clone)]
struct Chunk {
    key: String,
    file: File,
    is_entry: bool,
    /// Indices of imported chunks; an index past the last chunk names a missing key.
    imports: Vec<usize>,
    css: Vec<File>,
    /// An `integrity` value written by a plugin, and whether browsers would accept it.
    integrity: Option<(String, bool)>,
}

#[derive(Debug, Clone)]
struct Case {
    chunks: Vec<Chunk>,
    /// Indices of the chunks a call names; past the last chunk: a name not in the manifest.
    names: Vec<usize>,
    base: &'static str,
    /// Whether the call asks for `integrity`.
    integrity: bool,
}

/// A path segment with the characters that need escaping in URLs and in HTML.
const SEGMENT: &str = "[a-zA-Zé][a-zA-Z0-9 #?\"<>&'%é_.-]{0,7}";

fn regex(pattern: &str) -> impl Strategy<Value = String> {
    proptest::string::string_regex(pattern).unwrap()
}

fn key() -> impl Strategy<Value = String> {
    regex(&format!(
        "({SEGMENT}/){{0,2}}{SEGMENT}\\.(js|ts|css|scss|svg)"
    ))
}

fn file(extension: &'static str) -> impl Strategy<Value = File> {
    let safe = regex(&format!(
        "({SEGMENT}/){{0,2}}{SEGMENT}-[A-Za-z0-9_]{{8}}\\.{extension}"
    ));
    let unsafe_path = prop_oneof![
        Just(String::new()),
        Just(format!("../outside.{extension}")),
        Just(format!("bundled/../../x.{extension}")),
        Just(format!("/etc/x.{extension}")),
        Just(format!("https://cdn.example.com/x.{extension}")),
        Just(format!("//cdn.example.com/x.{extension}")),
        Just(format!("bundled//x.{extension}")),
        Just(format!("bundled\\x.{extension}")),
        Just(format!("C:/x.{extension}")),
        Just(format!("a\nb.{extension}")),
    ];
    prop_oneof![
        18 => (safe, prop::bool::weighted(0.95)).prop_map(|(path, built)| File { path, safe: true, built }),
        1 => unsafe_path.prop_map(|path| File { path, safe: false, built: false }),
    ]
}

fn chunk_file() -> impl Strategy<Value = File> {
    prop_oneof![8 => file("js"), 2 => file("css"), 1 => file("png")]
}

fn integrity() -> impl Strategy<Value = Option<(String, bool)>> {
    prop_oneof![
        3 => Just(None),
        1 => regex("sha(256|384|512)-[A-Za-z0-9+/]{4,12}={0,2}").prop_map(|hash| Some((hash, true))),
        // Never valid: a `"` is not base64. Also checks that the attribute escapes it.
        1 => any::<String>().prop_map(|junk| Some((format!("{junk}\""), false))),
    ]
}

fn case() -> impl Strategy<Value = Case> {
    prop::collection::btree_set(key(), 1..10)
        .prop_flat_map(|keys| {
            let count = keys.len();
            // A few CSS files shared between chunks, as Vite's chunks share CSS.
            let css_pool = prop::collection::vec(file("css"), 1..4);
            (Just(keys), css_pool).prop_flat_map(move |(keys, css_pool)| {
                let chunk = (
                    chunk_file(),
                    prop::bool::weighted(0.5),
                    // Mostly existing chunks (cycles included), sometimes a missing key.
                    prop::collection::vec(0..count + count / 4 + 1, 0..4),
                    prop::collection::vec(0..css_pool.len(), 0..3),
                    integrity(),
                );
                let chunks = prop::collection::vec(chunk, count);
                let names = prop::collection::vec(0..count + 1, 1..4);
                let base = prop::sample::select(
                    &["/", "/assets/", "", "https://cdn.example.com/app/"][..],
                );
                let integrity = any::<bool>();
                (
                    Just(keys.clone()),
                    Just(css_pool),
                    chunks,
                    names,
                    base,
                    integrity,
                )
            })
        })
        .prop_map(|(keys, css_pool, chunks, names, base, integrity)| Case {
            chunks: keys
                .into_iter()
                .zip(chunks)
                .map(|(key, (file, is_entry, imports, css, integrity))| Chunk {
                    key,
                    file,
                    is_entry,
                    imports,
                    css: css.into_iter().map(|at| css_pool[at].clone()).collect(),
                    integrity,
                })
                .collect(),
            names,
            base,
            integrity,
        })
}

impl Case {
    fn key_of(&self, index: usize) -> String {
        match self.chunks.get(index) {
            Some(chunk) => chunk.key.clone(),
            None => format!("missing-{index}.js"),
        }
    }

    fn manifest_json(&self, pretty: bool) -> String {
        let mut object = serde_json::Map::new();
        for chunk in &self.chunks {
            let imports: Vec<String> = chunk.imports.iter().map(|&at| self.key_of(at)).collect();
            let css: Vec<&str> = chunk.css.iter().map(|file| file.path.as_str()).collect();
            let mut entry = serde_json::json!({
                "file": chunk.file.path, "src": chunk.key, "isEntry": chunk.is_entry,
                "imports": imports, "css": css,
            });
            if let Some((integrity, _)) = &chunk.integrity {
                entry["integrity"] = integrity.clone().into();
            }
            object.insert(chunk.key.clone(), entry);
        }
        match pretty {
            true => serde_json::to_string_pretty(&object).unwrap(),
            false => serde_json::to_string(&object).unwrap(),
        }
    }

    /// Writes the manifest and the built files into a new directory.
    fn write(&self) -> PathBuf {
        static NEXT: AtomicUsize = AtomicUsize::new(0);
        let dir = std::env::temp_dir().join(format!(
            "vite-asset-properties-{}-{}",
            std::process::id(),
            NEXT.fetch_add(1, Ordering::Relaxed)
        ));
        std::fs::create_dir_all(&dir).unwrap();
        let files = self
            .chunks
            .iter()
            .flat_map(|chunk| chunk.css.iter().chain([&chunk.file]));
        for file in files.filter(|file| file.built) {
            let path = dir.join(&file.path);
            std::fs::create_dir_all(path.parent().unwrap()).unwrap();
            std::fs::write(path, "/* built */").unwrap();
        }
        std::fs::write(dir.join("manifest.json"), self.manifest_json(true)).unwrap();
        dir
    }

    /// What the model expects of a `vite_tags!` call: every file the named
    /// entries reach, with its integrity when the call asks for it, or `None`
    /// when the call must fail.
    fn expected_files(&self) -> Option<BTreeMap<String, Option<String>>> {
        let mut files = BTreeMap::new();
        let mut visited = HashSet::new();
        for &name in &self.names {
            let entry = self.chunks.get(name)?;
            let kind = entry
                .file
                .path
                .rsplit_once('.')
                .map(|(_, extension)| extension);
            if !matches!(kind, Some("js" | "css")) {
                return None;
            }
            let mut pending = vec![name];
            while let Some(at) = pending.pop() {
                let chunk = self.chunks.get(at)?;
                if !visited.insert(at) {
                    continue;
                }
                for file in chunk.css.iter().chain([&chunk.file]) {
                    if !(file.safe && file.built) {
                        return None;
                    }
                    let integrity = match self.integrity {
                        true => Some(self.integrity_of(&file.path)?),
                        false => None,
                    };
                    files.insert(file.path.clone(), integrity);
                }
                pending.extend(&chunk.imports);
            }
        }
        Some(files)
    }
}

impl Case {
    /// The integrity of `file`: a plugin's, when valid, else the hash of what [`Case::write`] wrote.
    fn integrity_of(&self, file: &str) -> Option<String> {
        let written = self.chunks.iter().find(|chunk| chunk.file.path == file);
        match written.and_then(|chunk| chunk.integrity.clone()) {
            Some((integrity, true)) => Some(integrity),
            Some((_, false)) => None,
            // sha384 of "/* built */", as `openssl dgst -sha384 -binary | base64` gives it.
            None => Some(
                "sha384-eJG5X1xuO/UERknsF85aCCAdHCyjehArbLTroroyI7T5w54G7JTddoxe2tY6CMKc"
                    .to_owned(),
            ),
        }
    }
}

fn check_tags(case: &Case) -> Result<(), TestCaseError> {
    let dir = case.write();
    let manifest_path = dir.join("manifest.json");
    let manifest =
        Manifest::load(&manifest_path).map_err(|error| TestCaseError::fail(error.to_string()))?;
    let config = Config::with_defaults(&dir).with_base(case.base);
    let names: Vec<String> = case.names.iter().map(|&at| case.key_of(at)).collect();
    let names: Vec<&str> = names.iter().map(String::as_str).collect();

    let output = BuildOutput::new(&config.out_dir(&manifest_path));
    let rendered = render::production(
        &config,
        &manifest,
        &output,
        &names,
        TagOptions {
            integrity: Some(case.integrity),
            ..TagOptions::default()
        },
    );
    let _ = std::fs::remove_dir_all(&dir);
    let expected = case.expected_files();
    match (rendered, expected) {
        (Ok(html), Some(expected)) => {
            prop_assert!(!html.text.is_empty());
            let linked = linked_files(&html, case.base)?;
            let unique: BTreeMap<String, Option<String>> = linked.iter().cloned().collect();
            prop_assert_eq!(
                unique.len(),
                linked.len(),
                "a file is linked twice: {:?}",
                linked
            );
            prop_assert_eq!(unique, expected);
        }
        (Err(errors), None) => {
            prop_assert!(!errors.is_empty());
            for (index, diagnostic) in errors {
                prop_assert!(index < names.len());
                prop_assert!(diagnostic.fix_text().is_some(), "{}", diagnostic);
            }
        }
        (Ok(html), None) => {
            return Err(TestCaseError::fail(format!("should fail:\n{}", html.text)))
        }
        (Err(errors), Some(_)) => return Err(TestCaseError::fail(errors[0].1.to_string())),
    }
    Ok(())
}

/// The built files that `html` links, in order, from its `href` and `src`
/// attributes, with their `integrity`; each URL must be `base` and the percent-encoded file.
fn linked_files(html: &Html, base: &str) -> Result<Vec<(String, Option<String>)>, TestCaseError> {
    let tags = strict_html::parse(html).map_err(TestCaseError::fail)?;
    let mut files = Vec::new();
    for tag in tags {
        // `'` may stay in a URL path (RFC 3986); the attribute escapes it.
        let url = tag.value("href").or(tag.value("src"));
        let url = url.ok_or_else(|| TestCaseError::fail(format!("no URL: {tag:?}")))?;
        let path = url
            .strip_prefix(base)
            .ok_or_else(|| TestCaseError::fail(format!("{url} does not start with {base}")))?;
        prop_assert!(
            path.is_ascii() && !path.contains([' ', '#', '?', '"', '<', '>', '\\']),
            "not encoded: {}",
            path
        );
        let file = strict_html::percent_decode(path)
            .ok_or_else(|| TestCaseError::fail(path.to_owned()))?;
        files.push((file, tag.value("integrity").map(str::to_owned)));
    }
    Ok(files)
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 256, failure_persistence: None, ..ProptestConfig::default() })]

    #[test]
    fn tags_link_exactly_the_reachable_files_once_as_well_formed_html(case in case()) {
        check_tags(&case)?;
    }

    /// Any JSON at all, and any prefix of it: reading and resolving return
    /// a result, and an object has an entry for each of its keys.
    #[test]
    fn any_json_or_a_prefix_of_it_is_read_without_panicking(value in json(), cut in any::<prop::sample::Index>()) {
        let text = value.to_string();
        let at = cut.index(text.len() + 1);
        let cut_text = text.get(..at).unwrap_or(&text);
        for text in [text.as_str(), cut_text] {
            if let Ok(manifest) = Manifest::parse(Path::new("manifest.json"), text) {
                let config = Config::with_defaults(Path::new("/nonexistent"));
                let output = BuildOutput::new(Path::new("/nonexistent"));
                let keys: Vec<String> = manifest.public_keys().map(str::to_owned).collect();
                for key in keys.iter().chain([&"absent.js".to_owned()]) {
                    let _ = render::production(&config, &manifest, &output, &[key.as_str()], TagOptions::default());
                }
            }
        }
        if let serde_json::Value::Object(object) = &value {
            let manifest = Manifest::parse(Path::new("manifest.json"), text.as_str())
                .map_err(|error| TestCaseError::fail(error.to_string()))?;
            let keys: BTreeSet<&str> = (0..manifest.len())
                .map(|id| manifest.key(vite_asset_core::EntryId(id)))
                .collect();
            prop_assert_eq!(keys, object.keys().map(String::as_str).collect::<BTreeSet<_>>());
        }
    }

    /// In development (no `root`, no Vite project to guess it from) every name
    /// becomes a DevServer URL that decodes back to it, but a name that starts with
    /// `@` and is not one of the DevServer's ids, which is an error at its index.
    #[test]
    fn dev_tags_are_well_formed_for_any_name(names in prop::collection::vec(any::<String>(), 1..4)) {
        let config = Config::with_defaults(Path::new("/nonexistent")).with_base("/assets/");
        let names: Vec<&str> = names.iter().map(String::as_str).collect();
        let not_ids: Vec<usize> = (0..names.len())
            .filter(|&index| names[index].starts_with('@') && !DEV_SERVER_IDS.contains(&names[index]))
            .collect();
        let html = match render::development(&config, &names, &Default::default()) {
            Ok(html) => html,
            Err(errors) => {
                let reported: Vec<usize> = errors.iter().map(|(index, _)| *index).collect();
                prop_assert_eq!(reported, not_ids);
                return Ok(());
            }
        };
        prop_assert!(not_ids.is_empty(), "{:?} accepted", not_ids);
        let files: Vec<String> = linked_files(&html, "/assets/")?
            .into_iter()
            .map(|(file, _)| file)
            .collect();
        prop_assert_eq!(&files[0], "@vite/client");
        prop_assert_eq!(&files[1..], &names[..]);
    }
}

/// Any JSON value, nested a few levels.
fn json() -> impl Strategy<Value = serde_json::Value> {
    let leaf = prop_oneof![
        Just(serde_json::Value::Null),
        any::<bool>().prop_map(serde_json::Value::from),
        any::<f64>().prop_map(serde_json::Value::from),
        any::<i64>().prop_map(serde_json::Value::from),
        any::<String>().prop_map(serde_json::Value::from),
        Just(
            serde_json::json!({"file": "bundled/a-12345678.js", "isEntry": true, "imports": ["b.js"]})
        ),
    ];
    leaf.prop_recursive(4, 64, 8, |inner| {
        prop_oneof![
            prop::collection::vec(inner.clone(), 0..8).prop_map(serde_json::Value::Array),
            prop::collection::btree_map(prop_oneof!["[a-z.]{1,6}", any::<String>()], inner, 0..8)
                .prop_map(|map| serde_json::Value::Object(map.into_iter().collect())),
        ]
    })
}
