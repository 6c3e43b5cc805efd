//! The fuzz target's body: any bytes as a manifest, through everything a macro
//! call does with it, with the same functions of vite-asset-core.
//!
//! A panic anywhere, or tags that [`strict_html`](crate::strict_html) cannot read
//! back, is a finding.

use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicUsize, Ordering};

use vite_asset_core::compose::TagOptions;
use vite_asset_core::{built_file, render, resolve, BuildOutput, Config, Html, Manifest};

use crate::strict_html;

/// The bases a project may configure: absolute, relative, and on another origin.
const BASES: [&str; 4] = ["/", "/assets/", "", "https://cdn.example.com/app/"];

/// At most this many keys of one manifest are resolved, so one input stays fast.
const NAMES: usize = 16;

/// Reads `data` as a manifest, writes the files it lists into a fresh output
/// directory (all but one, so that a stale build is met too), then resolves and
/// renders its keys, a key that is not there and a misspelt one, alone and
/// together, with and without integrity, in production and in development.
pub fn parse_resolve_render(data: &[u8]) {
    let scratch = Scratch::new();
    let manifest_path = scratch.dir.join(".vite/manifest.json");
    let Ok(manifest) = Manifest::parse(&manifest_path, data) else {
        return;
    };
    let config = Config::with_defaults(&scratch.dir).with_base(BASES[data.len() % BASES.len()]);
    let out_dir = config.out_dir(&manifest_path);
    write_built_files(&manifest, &out_dir);
    let output = BuildOutput::new(&out_dir);
    // What `vite_files!()` serves: each listed file once, sorted, or the entry's error.
    if let Ok(files) = manifest.built_files() {
        assert!(files.windows(2).all(|pair| pair[0] < pair[1]), "{files:?}");
    }

    let mut names: Vec<String> = manifest
        .public_keys()
        .take(NAMES)
        .map(str::to_owned)
        .collect();
    if let Some(first) = names.first() {
        let mut misspelt = first.clone();
        misspelt.pop();
        names.push(misspelt);
    }
    names.push("absent.js".to_owned());
    let names: Vec<&str> = names.iter().map(String::as_str).collect();

    for name in &names {
        // `vite_asset!`
        if let Ok(url) = resolve::url(&config, &manifest, &output, name) {
            assert!(url.starts_with(&config.base) || url.is_empty(), "{url}");
        }
        for integrity in [false, true] {
            for prefetch in [false, true] {
                let mut options = TagOptions {
                    integrity: Some(integrity),
                    prefetch: Some(prefetch),
                    ..TagOptions::default()
                };
                // Attributes on every kind of tag, one of them a value to escape.
                if integrity == prefetch {
                    for target in ["script", "stylesheet", "modulepreload", "prefetch"] {
                        let added = options.attributes.add(target, "data-x", Some("a\"<b>&'"));
                        added.expect("a valid attribute");
                    }
                    let added = options.attributes.add("stylesheet", "media", Some("print"));
                    added.expect("a valid attribute");
                }
                check(render::production(
                    &config,
                    &manifest,
                    &output,
                    &[name],
                    options,
                ));
            }
        }
    }
    check(render::production(
        &config,
        &manifest,
        &output,
        &names,
        TagOptions::default(),
    ));
    check(render::development(&config, &names, &Default::default()));
}

fn check(rendered: Result<Html, render::ByName>) {
    match rendered {
        Ok(html) => {
            let tags = match strict_html::parse(&html) {
                Ok(tags) => tags,
                Err(error) => panic!("malformed tags: {error}\n{}", html.text),
            };
            // In production every tag has its entry in the Link header, in order, but
            // the prefetches (for a later navigation, not this page); in development
            // (no `crossorigin`) the header is empty.
            let linked: Vec<&str> = tags
                .iter()
                .filter(|tag| tag.attributes.iter().any(|(name, _)| name == "crossorigin"))
                .filter(|tag| tag.value("rel") != Some("prefetch"))
                .filter_map(|tag| tag.value("href").or(tag.value("src")))
                .collect();
            let in_header: Vec<&str> = match html.link.is_empty() {
                true => Vec::new(),
                false => html
                    .link
                    .split(", <")
                    .map(|link| link.trim_start_matches('<'))
                    .map(|link| &link[..link.find('>').expect("a Link entry has its URL in <>")])
                    .collect(),
            };
            assert_eq!(in_header, linked, "{}\n{}", html.link, html.text);
        }
        Err(errors) => {
            assert!(!errors.is_empty());
            for (_, diagnostic) in errors {
                assert!(!diagnostic.to_string().is_empty());
            }
        }
    }
}

/// Writes every file that the entries of `manifest` list and that can be inside
/// `out_dir`, but the first: the output of a build that lost one file.
fn write_built_files(manifest: &Manifest, out_dir: &Path) {
    let files = manifest
        .entries()
        .into_iter()
        .flat_map(|entry| entry.chunk.css.iter().chain([&entry.chunk.file]))
        .filter(|file| built_file::not_inside(file).is_none())
        .skip(1);
    for file in files {
        let path = out_dir.join(file);
        // A file and a directory of the same name cannot both be written; either is a case.
        if let Some(parent) = path.parent() {
            let _ = std::fs::create_dir_all(parent);
        }
        let _ = std::fs::write(&path, file.as_bytes());
    }
}

/// A directory of its own for one input, removed afterwards.
struct Scratch {
    dir: PathBuf,
}

impl Scratch {
    fn new() -> Self {
        static NEXT: AtomicUsize = AtomicUsize::new(0);
        let dir = std::env::temp_dir().join(format!(
            "vite-asset-fuzz-{}-{}",
            std::process::id(),
            NEXT.fetch_add(1, Ordering::Relaxed)
        ));
        let _ = std::fs::create_dir_all(&dir);
        Scratch { dir }
    }
}

impl Drop for Scratch {
    fn drop(&mut self) {
        let _ = std::fs::remove_dir_all(&self.dir);
    }
}
