//! Rendering the example's homepage with askama, with its asset tags from:
//!
//! - `vite_tags`: `vite_tags!`, computed at compile time;
//! - `vite_asset`: `vite_asset!` URLs inside hand-written tags;
//! - `literal`: the same tags hand-written with the hashed URLs (the physical limit);
//! - `hashmap_lookup`: the Flask tutorial's way: the manifest loaded once into a
//!   `HashMap` at start-up and looked up on each render;
//! - `vite_rust`: the `vite-rust` crate, which walks the manifest on each render.
//!
//! Then the tags of `deep.ts`, an entry importing 63 chunks (see build.rs):
//! precomputed by `vite_tags!` against walking the graph on each request.
//!
//!     cargo bench --manifest-path benches/runtime/Cargo.toml

use std::collections::{HashMap, HashSet};
use std::hint::black_box;

use askama::Template;
use criterion::{criterion_group, criterion_main, Criterion};
use serde::Deserialize;
use vite_asset::{vite_asset, vite_tags, Tags};

const MANIFEST: &str = env!("VITEASSET_MANIFEST");
const BASE: &str = "/assets/";

/// The example's homepage itself: `{{ vite_tags!("styles.scss", "script.ts") }}`.
#[derive(Template)]
#[template(path = "homepage.html")]
struct WithViteTags;

#[derive(Template)]
#[template(
    ext = "html",
    source = r#"{% extends "page.html" %}{% block head %}<link rel="stylesheet" crossorigin href="{{ vite_asset!("styles.scss") }}">
<script type="module" crossorigin src="{{ vite_asset!("script.ts") }}"></script>{% endblock %}"#
)]
struct WithViteAsset;

#[derive(Template)]
#[template(
    ext = "html",
    source = r#"{% extends "page.html" %}{% block head %}<link rel="stylesheet" crossorigin href="/assets/bundled/styles-BBryp449.css">
<script type="module" crossorigin src="/assets/bundled/script-BkiISj8p.js"></script>{% endblock %}"#
)]
struct WithLiterals;

/// The Flask tutorial's `asset()` helper: key → built file, loaded at start-up.
struct FlaskAssets {
    files: HashMap<String, String>,
}

impl FlaskAssets {
    fn load(manifest: &HashMap<String, ManifestChunk>) -> FlaskAssets {
        let files = manifest
            .iter()
            .map(|(key, chunk)| (key.clone(), chunk.file.clone()))
            .collect();
        FlaskAssets { files }
    }

    fn asset(&self, key: &str) -> String {
        match self.files.get(key) {
            Some(file) => format!("{BASE}{file}"),
            None => "asset-not-found".to_owned(),
        }
    }
}

#[derive(Template)]
#[template(
    ext = "html",
    source = r#"{% extends "page.html" %}{% block head %}<link rel="stylesheet" crossorigin href="{{ assets.asset("styles.scss") }}">
<script type="module" crossorigin src="{{ assets.asset("script.ts") }}"></script>{% endblock %}"#
)]
struct WithHashMapLookup<'a> {
    assets: &'a FlaskAssets,
}

#[derive(Template)]
#[template(
    ext = "html",
    source = r#"{% extends "page.html" %}{% block head %}{{ tags|safe }}{% endblock %}"#
)]
struct WithRuntimeTags {
    tags: String,
}

#[derive(Template)]
#[template(
    ext = "html",
    source = r#"{% extends "page.html" %}{% block head %}{{ tags }}{% endblock %}"#
)]
struct WithPrecomputedTags {
    tags: Tags,
}

/// What a run-time integration keeps of each manifest entry.
#[derive(Deserialize)]
struct ManifestChunk {
    file: String,
    #[serde(default)]
    imports: Vec<String>,
    #[serde(default)]
    css: Vec<String>,
}

fn load_manifest() -> HashMap<String, ManifestChunk> {
    serde_json::from_slice(&std::fs::read(MANIFEST).expect("the benchmark manifest"))
        .expect("a valid manifest")
}

/// The tags of `entry`, walking the manifest now, as Vite's backend-integration
/// guide describes and run-time integrations do on each request (same order and
/// output as `vite_tags!`).
fn walk_tags(manifest: &HashMap<String, ManifestChunk>, entry: &str) -> String {
    fn visit<'m>(
        manifest: &'m HashMap<String, ManifestChunk>,
        key: &'m str,
        seen: &mut HashSet<&'m str>,
        imported: &mut Vec<&'m ManifestChunk>,
    ) {
        for import in &manifest[key].imports {
            if seen.insert(import) {
                visit(manifest, import, seen, imported);
                imported.push(&manifest[import.as_str()]);
            }
        }
    }
    let mut seen = HashSet::from([entry]);
    let mut imported = Vec::new();
    visit(manifest, entry, &mut seen, &mut imported);
    let chunk = &manifest[entry];
    let mut listed = HashSet::new();
    let mut html = String::new();
    for css in imported.iter().flat_map(|c| &c.css).chain(&chunk.css) {
        if listed.insert(css) {
            html.push_str(&format!(
                "<link rel=\"stylesheet\" crossorigin href=\"{BASE}{css}\">\n"
            ));
        }
    }
    html.push_str(&format!(
        "<script type=\"module\" crossorigin src=\"{BASE}{}\"></script>",
        chunk.file
    ));
    for chunk in imported {
        html.push_str(&format!(
            "\n<link rel=\"modulepreload\" crossorigin href=\"{BASE}{}\">",
            chunk.file
        ));
    }
    html
}

fn vite_rust(entrypoints: Vec<&str>) -> vite_rust::Vite {
    let config = vite_rust::ViteConfig::new(MANIFEST, entrypoints)
        .set_force_mode(vite_rust::ViteMode::Manifest)
        .set_prefix("assets");
    tokio::runtime::Builder::new_current_thread()
        .build()
        .expect("a tokio runtime")
        .block_on(vite_rust::Vite::new(config))
        .expect("vite-rust reads the manifest")
}

/// `template` rendered into a `String` with room for `capacity` bytes from the start.
fn render_presized(template: &impl Template, capacity: usize) -> String {
    let mut page = String::with_capacity(capacity);
    template.render_into(&mut page).unwrap();
    page
}

fn homepage(c: &mut Criterion) {
    let manifest = load_manifest();
    let flask = FlaskAssets::load(&manifest);
    let vite = vite_rust(vec!["styles.scss", "script.ts"]);

    // The same bytes from each of our contenders, so that only the work differs.
    let expected = WithLiterals.render().unwrap();
    assert_eq!(WithViteTags.render().unwrap(), expected);
    assert_eq!(WithViteAsset.render().unwrap(), expected);
    assert_eq!(
        WithHashMapLookup { assets: &flask }.render().unwrap(),
        expected
    );
    let vite_rust_tags = vite.get_tags().unwrap();
    assert!(
        vite_rust_tags.contains("bundled/script-BkiISj8p.js"),
        "{vite_rust_tags}"
    );

    // What the presized contenders below are about: askama's estimate of the page.
    assert!(WithLiterals::SIZE_HINT >= expected.len());
    assert!(WithViteTags::SIZE_HINT < expected.len());
    println!(
        "homepage: {} bytes; askama reserves {} for the literal page, {} for the vite_tags! one",
        expected.len(),
        WithLiterals::SIZE_HINT,
        WithViteTags::SIZE_HINT
    );

    let mut group = c.benchmark_group("homepage");
    group.bench_function("literal", |b| {
        b.iter(|| black_box(WithLiterals.render().unwrap()))
    });
    group.bench_function("vite_tags", |b| {
        b.iter(|| black_box(WithViteTags.render().unwrap()))
    });
    // The same two pages rendered into a buffer already the page's size: askama
    // reserves the length of its literal text plus 3 bytes per expression, so the
    // `vite_tags!` page grows its buffer once on every `render()`, the literal one never.
    group.bench_function("literal_presized", |b| {
        b.iter(|| black_box(render_presized(&WithLiterals, expected.len())))
    });
    group.bench_function("vite_tags_presized", |b| {
        b.iter(|| black_box(render_presized(&WithViteTags, expected.len())))
    });
    group.bench_function("vite_asset", |b| {
        b.iter(|| black_box(WithViteAsset.render().unwrap()))
    });
    group.bench_function("hashmap_lookup", |b| {
        b.iter(|| {
            black_box(
                WithHashMapLookup {
                    assets: black_box(&flask),
                }
                .render()
                .unwrap(),
            )
        })
    });
    group.bench_function("vite_rust", |b| {
        b.iter(|| {
            let tags = black_box(&vite).get_tags().unwrap();
            black_box(WithRuntimeTags { tags }.render().unwrap())
        })
    });
    group.finish();
}

fn deep_graph(c: &mut Criterion) {
    const DEEP: Tags = vite_tags!("deep.ts");
    let manifest = load_manifest();
    assert_eq!(
        walk_tags(&manifest, "deep.ts"),
        DEEP.as_str(),
        "the same tags either way"
    );
    assert!(
        DEEP.lines().count() > 120,
        "a deep graph: {} tags",
        DEEP.lines().count()
    );
    let vite = vite_rust(vec!["deep.ts"]);

    let mut group = c.benchmark_group("deep_graph_tags");
    group.bench_function("vite_tags", |b| {
        b.iter(|| {
            black_box(
                WithPrecomputedTags {
                    tags: black_box(DEEP),
                }
                .render()
                .unwrap(),
            )
        })
    });
    group.bench_function("walk_per_request", |b| {
        b.iter(|| {
            let tags = walk_tags(black_box(&manifest), "deep.ts");
            black_box(WithRuntimeTags { tags }.render().unwrap())
        })
    });
    group.bench_function("vite_rust", |b| {
        b.iter(|| {
            let tags = black_box(&vite).get_tags().unwrap();
            black_box(WithRuntimeTags { tags }.render().unwrap())
        })
    });
    group.finish();
}

criterion_group!(benches, homepage, deep_graph);
criterion_main!(benches);
