//! The table under `dev`: URLs and tags of the DevServer, from the
//! configuration `vite_manifest!()` wrote, with names checked against the
//! source files as the macros check them.

use std::borrow::Cow;
use std::path::Path;
use std::sync::OnceLock;

use vite_asset_core::compose::TagOptions;
use vite_asset_core::suggest::Caller;
use vite_asset_core::{render, resolve, Config};

use super::ViteManifest;
use crate::{AssetError, AssetErrorKind, OwnedTags};

/// The configuration the DevServer's URLs are made of, made at the first lookup.
pub(super) struct State {
    config: OnceLock<Config>,
}

impl State {
    pub(super) const fn new() -> State {
        State {
            config: OnceLock::new(),
        }
    }
}

/// The DevServer's URL of the source file `name`.
pub(super) fn url(manifest: &ViteManifest, name: &str) -> Result<Cow<'static, str>, AssetError> {
    let config = config(manifest);
    resolve::check_dev_source(config, name)
        .map_err(|diagnostic| AssetError::new(AssetErrorKind::NotASource, diagnostic))?;
    Ok(Cow::Owned(resolve::dev_url(config, name)))
}

/// Vite's client, then each entry from the DevServer, with the build's and the
/// call's attributes; `integrity` and `prefetch` are for production.
pub(super) fn tags(
    manifest: &ViteManifest,
    names: &[&str],
    options: TagOptions,
    _caller: Caller,
) -> Result<OwnedTags, AssetError> {
    let attributes = manifest.table.attributes.merged(&options.attributes);
    match render::development(config(manifest), names, &attributes) {
        Ok(html) => Ok(OwnedTags::joined(html)),
        Err(mut errors) => Err(AssetError::new(
            AssetErrorKind::NotASource,
            errors.remove(0).1,
        )),
    }
}

/// No preloads: the DevServer serves the sources as the page asks for them.
/// Each name is still checked against the source files.
pub(super) fn preloads(manifest: &ViteManifest, names: &[&str]) -> Result<OwnedTags, AssetError> {
    for name in names {
        url(manifest, name)?;
    }
    Ok(OwnedTags::joined(vite_asset_core::Html::default()))
}

/// The contents of `name` in the last Vite build, read now, as
/// `vite_content!` reads them under `dev`: a rebuild shows at the next render.
#[cfg(any(feature = "minijinja", feature = "tera"))]
pub(super) fn content(
    manifest: &ViteManifest,
    _templates: &crate::Templates,
    name: &str,
) -> Result<Cow<'static, str>, AssetError> {
    let dev = &manifest.table.dev;
    let read = || -> Result<String, vite_asset_core::Diagnostic> {
        let env = |variable: &str| vite_asset_core::config::env_var(variable);
        let config = Config::read_build(Path::new(dev.crate_dir), &env, manifest.build())?;
        let path = config.manifest_path()?;
        let built = vite_asset_core::Manifest::load(&path)?;
        let output = vite_asset_core::BuildOutput::new(&config.out_dir(&path));
        Ok(vite_asset_core::content::of_file(&config, &built, &output, name)?.text)
    };
    read()
        .map(Cow::Owned)
        .map_err(|diagnostic| AssetError::new(AssetErrorKind::NoContent, diagnostic))
}

/// The preamble of `@vitejs/plugin-react`.
pub(super) fn react_refresh(manifest: &ViteManifest) -> OwnedTags {
    OwnedTags::joined(render::react_refresh_preamble(config(manifest)))
}

fn config(manifest: &ViteManifest) -> &Config {
    manifest.state.config.get_or_init(|| {
        let dev = &manifest.table.dev;
        Config::with_defaults(Path::new(dev.crate_dir))
            .with_base(dev.base)
            .with_dev_server(dev.dev_origin, dev.root.map(Path::new))
    })
}
