//! The fuzz target's body: any bytes as a manifest, through everything a macro
//! call does with it. `fuzz/` compiles this module (and the ones it uses) into
//! a normal library, as libFuzzer cannot link a proc-macro crate; the unit
//! test below runs it on the manifests of the tests, so it cannot rot.
//!
//! A panic anywhere, or tags that [`tag_reader`] cannot read back, is a finding.

use std::path::{Path, PathBuf};

use crate::config::{Config, ManifestSetting, DEFAULT_DEV_ORIGIN};
use crate::manifest::Manifest;
use crate::{output, render, resolve, tag_reader};

/// The bases a project may configure: absolute, relative, and on another origin.
const BASES: [&str; 4] = ["/", "/assets/", "", "https://cdn.example.com/app/"];

/// At most this many keys of one manifest are resolved, so one input stays fast.
const NAMES: usize = 16;

/// Reads `data` as a manifest, then resolves and renders its keys, a key that is
/// not there and a misspelt one, alone and together, with and without integrity,
/// in production and in development.
pub fn parse_resolve_render(data: &[u8]) {
    let manifest_path = Path::new("/fuzz/dist/.vite/manifest.json");
    let Ok(manifest) = Manifest::parse(manifest_path, data) else {
        return;
    };
    let config = Config {
        crate_dir: PathBuf::from("/fuzz"),
        cargo_toml: PathBuf::from("/fuzz/Cargo.toml"),
        manifest: ManifestSetting::Default,
        base: BASES[data.len() % BASES.len()].to_owned(),
        dev_origin: DEFAULT_DEV_ORIGIN.to_owned(),
        root: None,
        out_dir: None,
        integrity: false,
    };
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

    let out_dir = config.out_dir(manifest_path);
    for name in &names {
        // `vite_asset!`: the entry's URL, once its file is known to be inside the output directory.
        if let Ok(entry) = resolve::resolve_entry(&manifest, name, &config) {
            let chunk = entry.chunk;
            if output::built_file(&config, &manifest, &out_dir, &chunk.file).is_ok() {
                let url = resolve::asset_url(&config, chunk);
                assert!(url.starts_with(&config.base), "{url}");
            }
        }
        for integrity in [false, true] {
            check(render::production(
                &config,
                &manifest,
                manifest_path,
                &[name],
                integrity,
            ));
        }
    }
    check(render::production(
        &config,
        &manifest,
        manifest_path,
        &names,
        false,
    ));
    check(render::development(&config, &names));
}

fn check(rendered: Result<crate::tags::Html, render::EntryError>) {
    match rendered {
        Ok(html) => {
            if let Err(error) = tag_reader::read(&html) {
                panic!("malformed tags: {error}\n{}", html.text);
            }
        }
        Err(error) => assert!(!error.message.is_empty()),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The real and the broken manifests of the tests, as the fuzzer's seeds are.
    #[test]
    fn runs_on_the_manifests_of_the_tests() {
        let tests = Path::new(env!("CARGO_MANIFEST_DIR")).join("../tests");
        let mut read = 0;
        for dir in [
            tests.join("fixtures/vite5"),
            tests.join("fixtures/vite8"),
            tests.join("ui/manifests"),
        ] {
            for entry in std::fs::read_dir(dir).unwrap() {
                let path = entry.unwrap().path();
                if let Ok(bytes) = std::fs::read(&path) {
                    parse_resolve_render(&bytes);
                    read += 1;
                }
            }
        }
        assert!(read > 15, "{read}");
    }
}
