//! `vite_files!`: the table of the built files the manifest lists, with what a
//! server needs of each, read at compile time.

use std::path::{Path, PathBuf};

use proc_macro2::TokenStream;
use quote::quote;
use vite_asset_core::config::PRECOMPRESSED_DIR_ENV;
use vite_asset_core::{
    built_file, escape, integrity, resolve, BuildOutput, Config, Diagnostic, Manifest,
};

use crate::input::{FilesOptions, Storage};

/// The extensions of the precompressed variants of a built file, for
/// `Content-Encoding` `br` and `gzip`.
const BROTLI: &str = "br";
const GZIP: &str = "gz";

/// The page of a single-page app, in the output directory, as Vite writes it.
const SPA_PAGE: &str = "index.html";

/// The `vite_asset::ViteFiles` expression of the files of `manifest`.
pub fn table(
    config: &Config,
    manifest: &Manifest,
    output: &BuildOutput,
    options: FilesOptions,
) -> Result<TokenStream, Diagnostic> {
    let storage = options.storage;
    let precompressed_dir = vite_asset_core::config::env_var(PRECOMPRESSED_DIR_ENV)
        .map(|dir| built_file::precompressed_dir(Path::new(&dir), config.build.as_deref()));
    let built = manifest.built_files()?;
    let mut public = match options.public {
        true => built_file::public_files(output.dir(), manifest.path(), &built),
        false => Vec::new(),
    };
    if options.spa_fallback && !public.iter().any(|file| file == SPA_PAGE) {
        if !output.dir().join(SPA_PAGE).is_file() {
            return Err(Diagnostic::new(format!(
                "`spa_fallback` answers client routes with Vite's built `{SPA_PAGE}`, and `{}` has none",
                config.display(output.dir())
            ))
            .fix(format!(
                "build the app from its `{SPA_PAGE}` (Vite's default input, or `{SPA_PAGE}` in the \
                 build's input), or leave `spa_fallback` out"
            )));
        }
        public.push(SPA_PAGE.to_owned());
    }
    let mut files = Vec::new();
    for file in built
        .iter()
        .copied()
        .chain(public.iter().map(String::as_str))
    {
        let path = output.built_file(config, manifest, file)?;
        let identity = variant(&path, storage)?;
        let compressed = |extension: &str| -> Result<TokenStream, Diagnostic> {
            match precompressed(
                precompressed_dir.as_deref(),
                storage,
                file,
                &path,
                extension,
            ) {
                Some(candidate) => {
                    let variant = variant(&candidate, storage)?;
                    Ok(quote! { ::core::option::Option::Some(#variant) })
                }
                None => Ok(quote! { ::core::option::Option::None }),
            }
        };
        let (brotli, gzip) = (compressed(BROTLI)?, compressed(GZIP)?);
        let url_path = escape::url_path(file);
        let content_type = built_file::content_type(file);
        let immutable = built_file::is_hashed(file);
        files.push((
            url_path.clone(),
            quote! {
                ::vite_asset::__private::BuiltFile {
                    path: #url_path,
                    content_type: #content_type,
                    immutable: #immutable,
                    identity: #identity,
                    brotli: #brotli,
                    gzip: #gzip,
                }
            },
        ));
    }
    files.sort_by(|a, b| a.0.cmp(&b.0));
    let files = files.into_iter().map(|(_, file)| file);
    Ok(expression(
        resolve::base_path(&config.base),
        quote! { #(#files),* },
        options.spa_fallback,
    ))
}

/// The table of `dev`: no files, as the DevServer serves the assets, and what
/// the serving layer needs to forward requests to that DevServer and to start it.
pub fn development(config: &Config, options: FilesOptions) -> TokenStream {
    let base_path = resolve::base_path(&config.base);
    let origin = &config.dev_origin;
    let build = option(config.build.as_deref());
    let project = config.dev_project();
    let project_dir = option(project.as_ref().and_then(|project| project.dir.to_str()));
    // Vite's root is the project's directory unless its config says otherwise;
    // only a configured `root` is known for sure.
    let root = option(config.root.as_deref().and_then(Path::to_str));
    let proxy = config.dev_proxy;
    let start = config.start_dev_server;
    let spa_fallback = options.spa_fallback;
    quote! {{
        static DEV: ::vite_asset::__private::DevBuild = ::vite_asset::__private::DevBuild {
            build: #build,
            origin: #origin,
            project_dir: #project_dir,
            root: #root,
            proxy: #proxy,
            start: #start,
        };
        static FILES: ::vite_asset::ViteFiles =
            ::vite_asset::__private::dev_files(#base_path, &DEV, #spa_fallback);
        &FILES
    }}
}

fn option(value: Option<&str>) -> TokenStream {
    match value {
        Some(value) => quote! { ::core::option::Option::Some(#value) },
        None => quote! { ::core::option::Option::None },
    }
}

fn expression(base_path: &str, files: TokenStream, spa_fallback: bool) -> TokenStream {
    quote! {{
        static FILES: ::vite_asset::ViteFiles =
            ::vite_asset::__private::files(#base_path, &[#files], #spa_fallback);
        &FILES
    }}
}

/// The variant of `file` (built at `path`) with `extension`: the one that
/// `vite_asset::build::precompress` wrote under its OUT_DIR, which exists on the
/// machine that compiles and so serves the embedded table only, unless the file
/// is newer than it; or else the one a Vite compression plugin wrote beside it.
fn precompressed(
    precompressed_dir: Option<&Path>,
    storage: Storage,
    file: &str,
    path: &Path,
    extension: &str,
) -> Option<PathBuf> {
    let from_build_script = precompressed_dir
        .filter(|_| storage == Storage::Embedded)
        .map(|dir| dir.join(format!("{file}.{extension}")))
        .filter(|variant| built_file::is_fresh(variant, path));
    let beside = PathBuf::from(format!("{}.{extension}", path.display()));
    from_build_script.or_else(|| beside.is_file().then_some(beside))
}

/// One encoding of a file: its entity tag, and its bytes in the binary or its path.
fn variant(path: &Path, storage: Storage) -> Result<TokenStream, Diagnostic> {
    let bytes = std::fs::read(path).map_err(|error| {
        Diagnostic::new(format!(
            "cannot read `{}`, a file of the Vite build: {error}",
            path.display()
        ))
        .fix("run the Vite build again (`npm run build`)")
    })?;
    let etag = integrity::entity_tag(&bytes);
    let Some(absolute) = path.to_str() else {
        return Err(Diagnostic::new(format!(
            "the path of `{}` is not UTF-8, so it cannot be written into the program",
            path.display()
        ))
        .fix("build the frontend into a directory whose path is UTF-8"));
    };
    let body = match storage {
        Storage::Embedded => {
            quote! { ::vite_asset::__private::Body::Embedded(::core::include_bytes!(#absolute)) }
        }
        Storage::OnDisk => quote! { ::vite_asset::__private::Body::OnDisk(#absolute) },
    };
    Ok(quote! { ::vite_asset::__private::Variant { etag: #etag, body: #body } })
}
