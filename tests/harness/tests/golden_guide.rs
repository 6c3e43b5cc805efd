//! The reviewed tags in tests/golden, checked against a walk written here from
//! Vite's backend-integration guide, apart from vite-asset-core's walk and
//! writer (which write those files): the guide's `importedChunks` (each
//! statically imported chunk once, its own imports before it), the entry's
//! CSS and its imported chunks' CSS as stylesheets, the entry's file as a
//! module script, and the imported chunks' files as module preloads.
//!
//! Where the guide says nothing, the expectations are vite-asset's documented
//! rules: imported chunks' CSS before the entry's own (the cascade of Vite's
//! own HTML output), and for several entries every stylesheet, then every
//! script, then every preload, each file once, a file that one entry runs not
//! preloaded for another.

use std::collections::HashSet;
use std::path::{Path, PathBuf};

use serde_json::Value;

/// The golden cases that the guide covers: no integrity, no prefetch.
const CASES: [(&str, &[&str]); 6] = [
    ("main", &["main.ts"]),
    ("admin", &["admin.ts"]),
    ("main+admin", &["main.ts", "admin.ts"]),
    ("report", &["report.ts"]),
    ("theme", &["theme.css"]),
    ("tutorial", &["styles.scss", "script.ts"]),
];

fn repository() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../..")
}

/// The guide's `importedChunks`: the keys of the chunks `key` imports
/// statically, depth first, each once, a chunk's own imports before it.
fn imported_chunks<'m>(manifest: &'m Value, key: &str) -> Vec<&'m str> {
    fn visit<'m>(
        manifest: &'m Value,
        key: &str,
        seen: &mut HashSet<&'m str>,
        out: &mut Vec<&'m str>,
    ) {
        let imports = manifest[key]["imports"]
            .as_array()
            .map(Vec::as_slice)
            .unwrap_or_default();
        for import in imports {
            let import = import.as_str().unwrap();
            if seen.insert(import) {
                visit(manifest, import, seen, out);
                out.push(import);
            }
        }
    }
    let mut out = Vec::new();
    visit(manifest, key, &mut HashSet::new(), &mut out);
    out
}

/// The tags the guide gives `names`, as (relation, file) pairs in order.
fn expected(manifest: &Value, names: &[&str]) -> Vec<(&'static str, String)> {
    let css = |key: &str| -> Vec<String> {
        let css = manifest[key]["css"]
            .as_array()
            .map(Vec::as_slice)
            .unwrap_or_default();
        css.iter()
            .map(|file| file.as_str().unwrap().to_owned())
            .collect()
    };
    let file = |key: &str| manifest[key]["file"].as_str().unwrap().to_owned();
    let (mut stylesheets, mut scripts, mut preloads) = (Vec::new(), Vec::new(), Vec::new());
    for &name in names {
        let imported = imported_chunks(manifest, name);
        stylesheets.extend(imported.iter().flat_map(|&chunk| css(chunk)));
        stylesheets.extend(css(name));
        match file(name).ends_with(".css") {
            // A CSS entry is its own file, and has no script.
            true => stylesheets.push(file(name)),
            false => scripts.push(file(name)),
        }
        preloads.extend(imported.iter().map(|&chunk| file(chunk)));
    }
    let mut listed = HashSet::new();
    let mut tags = Vec::new();
    for (relation, files) in [
        ("stylesheet", stylesheets),
        ("script", scripts),
        ("modulepreload", preloads),
    ] {
        for file in files {
            if listed.insert(file.clone()) {
                tags.push((relation, file));
            }
        }
    }
    tags
}

/// The (relation, file) of each line of a golden file, read with string
/// searches of its own rather than vite-asset's HTML reader.
fn tags_in(html: &str) -> Vec<(&'static str, String)> {
    html.lines()
        .map(|line| {
            let relation = match () {
                _ if line.starts_with("<script type=\"module\"") => "script",
                _ if line.contains(" rel=\"stylesheet\"") => "stylesheet",
                _ if line.contains(" rel=\"modulepreload\"") => "modulepreload",
                _ => panic!("a tag the guide has no rule for: {line}"),
            };
            let start = line
                .find(" href=\"")
                .or_else(|| line.find(" src=\""))
                .unwrap();
            let url = &line[line[start..].find('"').unwrap() + start + 1..];
            let url = &url[..url.find('"').unwrap()];
            (relation, url.strip_prefix("/assets/").unwrap().to_owned())
        })
        .collect()
}

#[test]
fn the_golden_tags_are_what_the_guide_s_walk_gives() {
    for fixture in ["vite5", "vite8"] {
        let fixtures = repository().join("tests/fixtures").join(fixture);
        let manifest: Value =
            serde_json::from_str(&std::fs::read_to_string(fixtures.join("manifest.json")).unwrap())
                .unwrap();
        for (case, names) in CASES {
            let golden = repository()
                .join("tests/golden")
                .join(fixture)
                .join(format!("{case}.html"));
            let html = std::fs::read_to_string(&golden).unwrap();
            let expected = expected(&manifest, names);
            assert!(!expected.is_empty(), "{fixture} {case}: nothing to compare");
            assert_eq!(
                tags_in(&html),
                expected,
                "{fixture} {case}: {}",
                golden.display()
            );
        }
    }
}
