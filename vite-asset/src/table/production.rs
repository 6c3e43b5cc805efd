//! The table in production: names are looked up in what `vite_manifest!()`
//! wrote, and tags are joined from each file's tags, which the writer of
//! `vite_tags!` writes at their first use.

use std::borrow::Cow;
use std::convert::Infallible;
use std::sync::OnceLock;

use vite_asset_core::compose::{compose, TagOptions};
use vite_asset_core::html::FileTag;
use vite_asset_core::suggest::{self, Caller, ManifestContext};
use vite_asset_core::{Html, Needed, NeededLists};

use super::{Asset, File, ViteManifest};
use crate::{AssetError, AssetErrorKind, OwnedTags};

/// The tags of the table's files, written at their first use.
pub(super) struct State {
    written: OnceLock<Vec<FileTags>>,
}

impl State {
    pub(super) const fn new() -> State {
        State {
            written: OnceLock::new(),
        }
    }
}

/// The tags one built file can have, by kind of tag ([`FileTag`], in its
/// order), each without and with the file's integrity, as `vite_tags!` writes
/// them; empty where the file cannot have that tag.
struct FileTags([[Html; 2]; 4]);

impl FileTags {
    /// The tags of `file`, by the writer of `vite_tags!`. Writing them all once,
    /// rather than each at each call, makes a join a copy (BENCHMARKS.md).
    fn of(file: &File) -> FileTags {
        let kinds: &[FileTag] = match file.stylesheet {
            true => &[FileTag::Stylesheet, FileTag::Prefetch],
            false => &[FileTag::Script, FileTag::Preload, FileTag::Prefetch],
        };
        let mut tags: [[Html; 2]; 4] = Default::default();
        for &kind in kinds {
            for (variant, integrity) in [None, Some(file.integrity)].into_iter().enumerate() {
                // A prefetch is for a later page: it has no integrity.
                let integrity = integrity.filter(|_| kind != FileTag::Prefetch);
                tags[index(kind)][variant].file(kind, file.url, integrity);
            }
        }
        FileTags(tags)
    }
}

/// The place of `tag` in a file's tags.
fn index(tag: FileTag) -> usize {
    match tag {
        FileTag::Stylesheet => 0,
        FileTag::Script => 1,
        FileTag::Preload => 2,
        FileTag::Prefetch => 3,
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
    let written = manifest
        .state
        .written
        .get_or_init(|| table.files.iter().map(FileTags::of).collect());
    let attributes = table.attributes.merged(&options.attributes);
    let html = compose(
        table.import_map,
        &needed,
        prefetches,
        &attributes,
        |html, file, tag| {
            // The indices and the files come from one expansion of `vite_manifest!()`.
            let tags = &written[file as usize].0[index(tag)][variant];
            if let Some(tag) = tags.as_written() {
                html.push_written(tag);
            }
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
