//! The builds that templates name, read once each, and the check of a call's
//! names against one: the manifest in production, the source files in `dev`.

use vite_asset_core::compose::TagOptions;
use vite_asset_core::content::{self, BuiltText};
use vite_asset_core::suggest::{not_an_entry, Caller};
use vite_asset_core::{render, resolve, walk, BuildOutput, Config, Diagnostic, Manifest};

use super::call::Function;

/// A build as the check needs it: its configuration and, but in dev, its manifest.
pub(super) struct Loaded {
    pub(super) config: Config,
    pub(super) build: Option<(BuildOutput, Manifest)>,
}

/// The builds the templates name, each read once, the first time.
#[derive(Default)]
pub(super) struct Builds(Vec<(Option<String>, Result<Loaded, Diagnostic>)>);

impl Builds {
    pub(super) fn get(&mut self, build: Option<&str>) -> Result<&Loaded, &Diagnostic> {
        let index = match self.0.iter().position(|(name, _)| name.as_deref() == build) {
            Some(index) => index,
            None => {
                self.0.push((build.map(str::to_owned), load(build)));
                self.0.len() - 1
            }
        };
        self.0[index].1.as_ref()
    }
}

/// Reads the build `build` of the crate, and watches its manifest.
fn load(build: Option<&str>) -> Result<Loaded, Diagnostic> {
    let config = Config::of_cargo_crate_build(build)?;
    if std::env::var_os("CARGO_FEATURE_DEV").is_some() {
        return Ok(Loaded {
            config,
            build: None,
        });
    }
    let path = config.manifest_path()?;
    crate::build::watch_manifest(&path);
    let manifest = Manifest::load(&path)?;
    let out_dir = config.out_dir(&path);
    if let Some(base) = vite_asset_core::built_file::built_base(&manifest, &out_dir) {
        vite_asset_core::built_file::check_base(&config, &base)?;
    }
    let output = BuildOutput::new(&out_dir);
    Ok(Loaded {
        config,
        build: Some((output, manifest)),
    })
}

/// In production: each name in the manifest, an entry for `vite_tags`, its
/// files built; for `vite_content`, a text file that can be written into a
/// page, whose contents are pushed to `contents`, to be compiled in.
pub(super) fn production_check(
    config: &Config,
    manifest: &Manifest,
    output: &BuildOutput,
    function: Function,
    names: &[(String, usize, usize)],
    caller: Caller,
    contents: &mut Vec<(String, BuiltText)>,
) -> Vec<(usize, Diagnostic)> {
    let names: Vec<&str> = names.iter().map(|(name, _, _)| name.as_str()).collect();
    match function {
        Function::Content => names
            .iter()
            .enumerate()
            .filter_map(
                |(index, name)| match content::of_file(config, manifest, output, name) {
                    Ok(text) => {
                        contents.push(((*name).to_owned(), text));
                        None
                    }
                    Err(error) => Some((index, error)),
                },
            )
            .collect(),
        Function::Asset => names
            .iter()
            .enumerate()
            .filter_map(|(index, name)| {
                resolve::url(config, manifest, output, name)
                    .err()
                    .map(|error| (index, error))
            })
            .collect(),
        Function::Tags => {
            for (index, name) in names.iter().enumerate() {
                if let Ok(entry) = resolve::entry(manifest, name, config) {
                    if walk::entry_kind(&entry.chunk.file).is_none() {
                        return vec![(index, not_an_entry(name, &entry.chunk.file, caller))];
                    }
                }
            }
            render::production(config, manifest, output, &names, TagOptions::default())
                .err()
                .unwrap_or_default()
        }
    }
}

/// In development: each name a source file, as the macros check them.
pub(super) fn dev_check(
    config: &Config,
    names: &[(String, usize, usize)],
) -> Vec<(usize, Diagnostic)> {
    names
        .iter()
        .enumerate()
        .filter_map(|(index, (name, _, _))| {
            resolve::check_dev_source(config, name)
                .err()
                .map(|error| (index, error))
        })
        .collect()
}
