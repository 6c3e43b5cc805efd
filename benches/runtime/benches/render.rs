//! Rendering the example's homepage with askama, with its asset tags from:
//!
//! - `vite_tags`: `vite_tags!`, computed at compile time;
//! - `vite_asset`: `vite_asset!` URLs inside hand-written tags;
//! - `literal`: the same tags hand-written with the hashed URLs (the physical limit);
//! - `hashmap_lookup`: the Flask tutorial's way: the manifest loaded once into a
//!   `HashMap` at start-up and looked up on each render;
//! - `vite_rust`: the `vite-rust` crate, which walks the manifest on each render.
//!
//! Then the same homepage rendered by minijinja and by tera, templates loaded at
//! run time: with vite-asset's `vite_tags()` (the table of `vite_manifest!()`),
//! against a `vite_asset()` helper over a `HashMap` of the manifest loaded at
//! start-up, written as users of those engines write it today.
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

/// The homepage's head, in each engine's syntax: ours, and the hand-written
/// tags over a `HashMap` helper.
const MINIJINJA_OURS: &str = r#"{% extends "page.html" %}{% block head %}{{ vite_tags("styles.scss", "script.ts") }}{% endblock %}"#;
const MINIJINJA_HASHMAP: &str = r#"{% extends "page.html" %}{% block head %}<link rel="stylesheet" crossorigin href="{{ vite_asset("styles.scss") }}">
<script type="module" crossorigin src="{{ vite_asset("script.ts") }}"></script>{% endblock %}"#;
const TERA_OURS: &str = r#"{% extends "page.html" %}{% block head %}{{ vite_tags(names=["styles.scss", "script.ts"]) }}{% endblock head %}"#;
const TERA_HASHMAP: &str = r#"{% extends "page.html" %}{% block head %}<link rel="stylesheet" crossorigin href="{{ vite_asset(name="styles.scss") }}">
<script type="module" crossorigin src="{{ vite_asset(name="script.ts") }}"></script>{% endblock head %}"#;

/// The page template, in each engine's block syntax.
fn page_template(end_block: &str) -> String {
    include_str!("../templates/page.html").replace("{% endblock %}", end_block)
}

/// The helper users write: the manifest's `file` of a key, from a map loaded at start-up.
fn hashmap_urls() -> HashMap<String, String> {
    load_manifest()
        .into_iter()
        .map(|(key, chunk)| (key, format!("{BASE}{}", chunk.file)))
        .collect()
}

fn run_time_templates(c: &mut Criterion) {
    static MANIFEST_TABLE: &vite_asset::ViteManifest = vite_asset::vite_manifest!();
    let expected = WithLiterals.render().unwrap();
    // Both engines write `/` in an escaped string as an entity; the pages are the
    // same once that is undone.
    let unescaped = |page: String| page.replace("&#x2f;", "/").replace("&#x2F;", "/");

    let mut ours = minijinja::Environment::new();
    ours.add_template_owned("page.html", page_template("{% endblock %}"))
        .unwrap();
    ours.add_template("home.html", MINIJINJA_OURS).unwrap();
    vite_asset::minijinja::register(&mut ours, MANIFEST_TABLE);
    let mut theirs = minijinja::Environment::new();
    theirs
        .add_template_owned("page.html", page_template("{% endblock %}"))
        .unwrap();
    theirs.add_template("home.html", MINIJINJA_HASHMAP).unwrap();
    let urls = hashmap_urls();
    theirs.add_function("vite_asset", move |name: &str| {
        urls.get(name).cloned().unwrap_or_default()
    });
    let render =
        |env: &minijinja::Environment| env.get_template("home.html").unwrap().render(()).unwrap();
    assert_eq!(render(&ours), expected);
    assert_eq!(unescaped(render(&theirs)), expected);

    let mut tera_ours = tera::Tera::default();
    tera_ours
        .add_raw_template("page.html", &page_template("{% endblock head %}"))
        .unwrap();
    tera_ours.add_raw_template("home.html", TERA_OURS).unwrap();
    vite_asset::tera::register(&mut tera_ours, MANIFEST_TABLE);
    let mut tera_theirs = tera::Tera::default();
    tera_theirs
        .add_raw_template("page.html", &page_template("{% endblock head %}"))
        .unwrap();
    tera_theirs
        .add_raw_template("home.html", TERA_HASHMAP)
        .unwrap();
    let urls = hashmap_urls();
    tera_theirs.register_function(
        "vite_asset",
        move |args: &HashMap<String, tera::Value>| -> tera::Result<tera::Value> {
            let name = args
                .get("name")
                .and_then(tera::Value::as_str)
                .unwrap_or_default();
            Ok(tera::Value::String(
                urls.get(name).cloned().unwrap_or_default(),
            ))
        },
    );
    let context = tera::Context::new();
    let tera_render = |tera: &tera::Tera| tera.render("home.html", &context).unwrap();
    // Unlike askama and minijinja, tera keeps the template's final newline.
    assert_eq!(tera_render(&tera_ours), format!("{expected}\n"));
    assert_eq!(
        unescaped(tera_render(&tera_theirs)),
        format!("{expected}\n")
    );

    let mut group = c.benchmark_group("run_time_templates");
    group.bench_function("table_tags_two_entries", |b| {
        b.iter(|| {
            black_box(
                MANIFEST_TABLE
                    .tags(black_box(&["styles.scss", "script.ts"]), Default::default())
                    .unwrap(),
            )
        })
    });
    let mut turbo = vite_asset::TagOptions::default();
    for target in ["script", "stylesheet"] {
        let added = turbo
            .attributes
            .add(target, "data-turbo-track", Some("reload"));
        added.expect("a valid attribute");
    }
    group.bench_function("table_tags_two_entries_attrs", |b| {
        b.iter(|| {
            black_box(
                MANIFEST_TABLE
                    .tags(black_box(&["styles.scss", "script.ts"]), turbo.clone())
                    .unwrap(),
            )
        })
    });
    group.bench_function("table_tags_one_entry", |b| {
        b.iter(|| {
            black_box(
                MANIFEST_TABLE
                    .tags(black_box(&["script.ts"]), Default::default())
                    .unwrap(),
            )
        })
    });
    group.bench_function("minijinja_vite_tags", |b| {
        b.iter(|| black_box(render(black_box(&ours))))
    });
    group.bench_function("minijinja_hashmap", |b| {
        b.iter(|| black_box(render(black_box(&theirs))))
    });
    group.bench_function("tera_vite_tags", |b| {
        b.iter(|| black_box(tera_render(black_box(&tera_ours))))
    });
    group.bench_function("tera_hashmap", |b| {
        b.iter(|| black_box(tera_render(black_box(&tera_theirs))))
    });
    group.finish();
}

criterion_group!(benches, homepage, run_time_templates, deep_graph);
criterion_main!(benches);
