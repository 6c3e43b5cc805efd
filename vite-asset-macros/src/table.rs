//! `vite_manifest!`: the manifest as a table for run-time templates, every key
//! with its URL and the files its tags link (with their integrity hashes), and
//! the precomputed tags of each entry point.

use std::collections::HashMap;

use proc_macro2::{Literal, TokenStream};
use quote::quote;
use vite_asset_core::compose::TagOptions;
use vite_asset_core::html::{FileTag, WrittenTag};
use vite_asset_core::resolve::{self, NotFoundContext};
use vite_asset_core::walk::EntryKind;
use vite_asset_core::{build_version, render};
use vite_asset_core::{walk, BuildOutput, Config, Diagnostic, EntryId, Manifest};

use crate::tags_tokens::tags_expr;

/// The `&'static vite_asset::ViteManifest` of `manifest`.
pub fn table(
    config: &Config,
    manifest: &Manifest,
    output: &BuildOutput,
) -> Result<TokenStream, Diagnostic> {
    let mut file_index: HashMap<String, u32> = HashMap::new();
    let mut files = Vec::new();
    let mut index_of = |file: &str| -> Result<u32, Diagnostic> {
        if let Some(&index) = file_index.get(file) {
            return Ok(index);
        }
        let url = resolve::file_url(config, file);
        let integrity = output.integrity(config, manifest, file)?;
        let index = u32::try_from(files.len()).unwrap_or(u32::MAX);
        files.push(file_tags(file, &url, &integrity));
        file_index.insert(file.to_owned(), index);
        Ok(index)
    };
    let mut ids: Vec<EntryId> = (0..manifest.len()).map(EntryId).collect();
    ids.sort_unstable_by_key(|&id| manifest.key(id));
    let mut assets = Vec::with_capacity(ids.len());
    for id in ids {
        let chunk = manifest.chunk(id)?;
        let entry = vite_asset_core::Entry {
            id,
            key: manifest.key(id),
            chunk,
        };
        let name = entry.key;
        let url = resolve::file_url(config, &chunk.file);
        let file = &chunk.file;
        let needs = match walk::entry_kind(file) {
            None => {
                output.built_file(config, manifest, file)?;
                quote! { None }
            }
            Some(_) => {
                let needed = walk::of_entry(manifest, &entry)?;
                let mut indices = |list: &[&str]| -> Result<Vec<u32>, Diagnostic> {
                    list.iter().map(|file| index_of(file)).collect()
                };
                let stylesheets = indices(&needed.stylesheets)?;
                let scripts = indices(&needed.scripts)?;
                let preloads = indices(&needed.preloads)?;
                let prefetches = indices(&walk::prefetched_by(manifest, &entry)?)?;
                let tags = match chunk.is_entry {
                    true => {
                        let options = TagOptions::default();
                        let html = render::production(config, manifest, output, &[name], options)
                            .map_err(|mut errors| errors.remove(0).1)?;
                        let tags = tags_expr(&html);
                        quote! { Some(#tags) }
                    }
                    false => quote! { None },
                };
                quote! {
                    Some(__private::needs(
                        &[#(#stylesheets),*],
                        &[#(#scripts),*],
                        &[#(#preloads),*],
                        &[#(#prefetches),*],
                        #tags,
                    ))
                }
            }
        };
        let preload = match render::preload_of(file) {
            Some((destination, mime_type)) => quote! { Some((#destination, #mime_type)) },
            None => quote! { None },
        };
        assets.push(quote! {
            __private::asset(#name, #url, #file, #needs, #preload)
        });
    }
    let import_map = match render::import_map(config, output)?.as_written() {
        Some(map) => {
            let map = written_tag(map);
            quote! { Some(#map) }
        }
        None => quote! { None },
    };
    let context = NotFoundContext::of(config, manifest);
    let version = build_version::of_build(config, manifest, output)?;
    Ok(expression(
        config, &context, &files, &assets, import_map, &version,
    ))
}

/// The `File` of the table for `file` at `url`: what the table writes its
/// tags from at run time, by the same writer as `vite_tags!`.
fn file_tags(file: &str, url: &str, integrity: &str) -> TokenStream {
    let stylesheet = walk::entry_kind(file) == Some(EntryKind::Stylesheet);
    quote! { __private::file(#url, #integrity, #stylesheet) }
}

/// The `WrittenTag` expression of `tag`.
fn written_tag(tag: WrittenTag<'_>) -> TokenStream {
    let WrittenTag {
        html,
        nonce_at,
        link,
        script_hash,
    } = tag;
    quote! {
        __private::WrittenTag {
            html: #html,
            nonce_at: #nonce_at,
            link: #link,
            script_hash: #script_hash,
        }
    }
}

/// The table in development: the DevServer's configuration alone.
pub fn development(config: &Config) -> TokenStream {
    let context = NotFoundContext {
        manifest: String::new(),
        keys: Vec::new(),
        entries: Vec::new(),
        input_option: "",
        config_file: String::new(),
    };
    expression(
        config,
        &context,
        &[],
        &[],
        quote! { None },
        build_version::DEVELOPMENT,
    )
}

fn expression(
    config: &Config,
    context: &NotFoundContext,
    files: &[TokenStream],
    assets: &[TokenStream],
    import_map: TokenStream,
    version: &str,
) -> TokenStream {
    let NotFoundContext {
        manifest,
        keys,
        entries,
        input_option,
        config_file,
    } = context;
    let integrity = config.integrity;
    let prefetch = config.prefetch;
    let attributes = config.attributes.iter().map(|attribute| {
        let tag = match attribute.tag {
            FileTag::Stylesheet => quote! { Stylesheet },
            FileTag::Script => quote! { Script },
            FileTag::Preload => quote! { Preload },
            FileTag::Prefetch => quote! { Prefetch },
        };
        let name = &*attribute.name;
        let value = match attribute.value.as_deref() {
            Some(value) => quote! { Some(#value) },
            None => quote! { None },
        };
        quote! { __private::attribute(__private::FileTag::#tag, #name, #value) }
    });
    let build = match &config.build {
        Some(name) => quote! { Some(#name) },
        None => quote! { None },
    };
    let crate_dir = config.crate_dir.to_string_lossy();
    let base = &config.base;
    let dev_origin = &config.dev_origin;
    let root = match &config.root {
        Some(root) => {
            let root = Literal::string(&root.to_string_lossy());
            quote! { Some(#root) }
        }
        None => quote! { None },
    };
    // The table is the largest expansion of the macros, and its tokens are what
    // its compile time goes to: short paths, imported once (BENCHMARKS.md).
    quote! {
        {
            use ::core::option::Option::{None, Some};
            use ::vite_asset::__private;
            static MANIFEST: ::vite_asset::ViteManifest =
                __private::manifest(__private::Table {
                    build: #build,
                    manifest: #manifest,
                    input_option: #input_option,
                    config_file: #config_file,
                    keys: &[#(#keys),*],
                    entries: &[#(#entries),*],
                    integrity: #integrity,
                    prefetch: #prefetch,
                    attributes: __private::attributes(&[#(#attributes),*]),
                    import_map: #import_map,
                    version: #version,
                    files: &[#(#files),*],
                    assets: &[#(#assets),*],
                    dev: __private::Dev {
                        crate_dir: #crate_dir,
                        base: #base,
                        dev_origin: #dev_origin,
                        root: #root,
                    },
                });
            &MANIFEST
        }
    }
}
