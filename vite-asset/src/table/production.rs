//! The table in production: names are looked up in what `vite_manifest!()`
//! wrote, and tags are joined from each file's tags by the writer of `vite_tags!`.

use std::borrow::Cow;
use std::convert::Infallible;

use vite_asset_core::compose::{compose, TagOptions};
use vite_asset_core::html::FileTag;
use vite_asset_core::suggest::{self, Caller, ManifestContext};
use vite_asset_core::{Html, Needed, NeededLists};

use super::{Asset, ViteManifest};
use crate::{AssetError, AssetErrorKind, OwnedTags};

/// Nothing besides the table.
pub(super) struct State;

impl State {
    pub(super) const fn new() -> State {
        State
    }
}

/// The URL of `name`; `@vite/client` and `@react-refresh` are empty.
pub(super) fn url(manifest: &ViteManifest, name: &str) -> Result<Cow<'static, str>, AssetError> {
    match asset(manifest, name) {
        Ok(asset) => Ok(Cow::Borrowed(asset.url)),
        Err(_) if suggest::DEV_SERVER_IDS.contains(&name) => Ok(Cow::Borrowed("")),
        Err(error) => Err(error),
    }
}

/// The tags of `names`: the table's own for an entry point alone with the
/// build's settings; otherwise joined by the writer of `vite_tags!` from the
/// tags the table has for each file.
pub(super) fn tags(
    manifest: &ViteManifest,
    names: &[&str],
    options: TagOptions,
    caller: Caller,
) -> Result<OwnedTags, AssetError> {
    let table = &manifest.table;
    let (integrity, prefetch) = options.resolved(table.integrity, table.prefetch);
    let mut each = Vec::with_capacity(names.len());
    let mut prefetches = Vec::new();
    for name in names {
        let asset = asset(manifest, name)?;
        let Some(needs) = &asset.needs else {
            let diagnostic = suggest::not_an_entry(name, asset.file, caller);
            return Err(AssetError::new(AssetErrorKind::NotAnEntry, diagnostic));
        };
        if let ([_], Some(tags)) = (names, needs.tags) {
            let as_built = (integrity, prefetch) == (table.integrity, table.prefetch);
            if as_built && options.attributes.is_empty() {
                return Ok(OwnedTags::from(tags));
            }
        }
        if prefetch {
            prefetches.extend_from_slice(needs.prefetches);
        }
        each.push(NeededLists {
            stylesheets: needs.stylesheets,
            scripts: needs.scripts,
            preloads: needs.preloads,
        });
    }
    let needed = Needed::combine(each.iter().copied());
    let variant = usize::from(integrity);
    let attributes = table.attributes.merged(&options.attributes);
    let html = compose(
        table.import_map,
        &needed,
        prefetches,
        &attributes,
        |html, index, tag| {
            // The indices and the files come from one expansion of `vite_manifest!()`.
            let file = &table.files[index as usize];
            html.push_written(match tag {
                FileTag::Stylesheet => file.stylesheet[variant],
                FileTag::Script => file.script[variant],
                FileTag::Preload => file.preload[variant],
                FileTag::Prefetch => file.prefetch,
            });
            Ok::<_, Infallible>(())
        },
    );
    let Ok(html) = html;
    Ok(OwnedTags::joined(html))
}

/// The preloads of `names`, written by the writer of `vite_preload!`.
pub(super) fn preloads(manifest: &ViteManifest, names: &[&str]) -> Result<OwnedTags, AssetError> {
    let mut html = Html::default();
    for name in names {
        let asset = asset(manifest, name)?;
        let Some((destination, mime_type)) = asset.preload else {
            let diagnostic = suggest::not_preloadable(name, asset.file);
            return Err(AssetError::new(AssetErrorKind::NotPreloadable, diagnostic));
        };
        html.preload_file(asset.url, destination, mime_type);
    }
    Ok(OwnedTags::joined(html))
}

/// The contents the template check compiled in for `name` of this build.
#[cfg(any(feature = "minijinja", feature = "tera"))]
pub(super) fn content(
    manifest: &ViteManifest,
    templates: &crate::Templates,
    name: &str,
) -> Result<Cow<'static, str>, AssetError> {
    if let Some(content) = templates.content(manifest.build(), name) {
        return Ok(Cow::Borrowed(content.as_str()));
    }
    // What is wrong with the name, if anything, says more than "not compiled in".
    asset(manifest, name)?;
    let diagnostic = vite_asset_core::Diagnostic::new(format!(
        "the contents of `{name}` are not in the binary: the build script's template check \
         compiles in the contents that the templates name with a string literal, and no \
         checked template did"
    ))
    .fix(format!(
        "write `vite_content(\"{name}\")` with the name as a string literal in a template of \
         the directory that build.rs checks, or use `vite_content!(\"{name}\")` in Rust"
    ));
    Err(AssetError::new(AssetErrorKind::NoContent, diagnostic))
}

/// No preamble: React Fast Refresh is for the DevServer.
pub(super) fn react_refresh(_manifest: &ViteManifest) -> OwnedTags {
    OwnedTags::joined(Html::default())
}

/// The manifest's entry `name`, or what is wrong with the name.
fn asset<'t>(manifest: &'t ViteManifest, name: &str) -> Result<&'t Asset, AssetError> {
    let table = &manifest.table;
    let assets = table.assets;
    match assets.binary_search_by(|asset| asset.name.cmp(name)) {
        Ok(index) => Ok(&assets[index]),
        Err(_) if name.starts_with('@') && !suggest::DEV_SERVER_IDS.contains(&name) => {
            let diagnostic = suggest::not_a_dev_server_id(name);
            Err(AssetError::new(AssetErrorKind::NotInManifest, diagnostic))
        }
        Err(_) => {
            let context = ManifestContext {
                manifest: table.manifest,
                keys: table.keys,
                entries: table.entries,
                input_option: table.input_option,
                config_file: table.config_file,
            };
            let diagnostic = context.not_in_manifest(name);
            Err(AssetError::new(AssetErrorKind::NotInManifest, diagnostic))
        }
    }
}
