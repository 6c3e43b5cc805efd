//! The expansions: parse the call, load the configuration and the build (cached
//! for the process), ask the core, and emit the value or the compile errors.

use std::sync::Arc;

use proc_macro2::{Span, TokenStream};
use quote::quote;
use vite_asset_core::built_file::{self, BuiltBase};
use vite_asset_core::compose::TagOptions;
use vite_asset_core::{build_version, content, render};
use vite_asset_core::{resolve, BuildOutput, Config, Diagnostic, Html, Manifest};

use crate::cache::ByFile;
use crate::files;
use crate::input::{self, AssetName, BuildName, TagsInput};
use crate::table;
use crate::tags_tokens::tags_expr;
use crate::track::Tracking;

/// Whether the macros expand for the Vite DevServer (the `dev` feature).
const DEV: bool = cfg!(feature = "dev");

/// Why a call could not be expanded: diagnostics, each with the index of the
/// name of the call it is about. A problem of the whole crate (its configuration,
/// a missing or broken manifest) is reported at the first name of every call:
/// a long-lived process (rust-analyzer's) expands the same calls again and again,
/// and each expansion must say what is wrong on its own.
struct Failure {
    by_name: render::ByName,
    /// Where to report every diagnostic instead: the build's name, when the
    /// build itself is the problem.
    at: Option<Span>,
}

impl Failure {
    fn by_name(by_name: render::ByName) -> Self {
        Failure { by_name, at: None }
    }
}

impl From<Diagnostic> for Failure {
    /// A diagnostic about the call's first (or only) name.
    fn from(diagnostic: Diagnostic) -> Self {
        Failure::by_name(vec![(0, diagnostic)])
    }
}

pub fn vite_asset(input: TokenStream) -> TokenStream {
    let (build, input) = input::split_build(input, &[], false);
    let asset = match AssetName::parse(input) {
        Ok(asset) => asset,
        Err(error) => return with_fallback(error, quote! { "" }),
    };
    let mut tracking = Tracking::default();
    let url = asset_url(&mut tracking, build.as_ref(), &asset.name);
    match url {
        Ok(url) => tracking.wrap(quote! { #url }),
        Err(failure) => report(failure, &[&asset.name], &[asset.span], quote! { "" }),
    }
}

fn asset_url(
    tracking: &mut Tracking,
    build: Option<&BuildName>,
    name: &str,
) -> Result<String, Failure> {
    let config = config(tracking, build)?;
    if DEV {
        resolve::check_dev_source(&config, name)?;
        return Ok(resolve::dev_url(&config, name));
    }
    let build = load_build(&config, tracking)?;
    let manifest = build.manifest.as_ref().map_err(Clone::clone)?;
    Ok(resolve::url(&config, manifest, &build.output, name)?)
}

pub fn vite_tags(input: TokenStream) -> TokenStream {
    let (build, input) = input::split_build(input, &input::TAGS_OPTIONS, false);
    let input = match TagsInput::parse(input) {
        Ok(input) => input,
        Err(error) => return with_fallback(error, tags_expr(&Html::default())),
    };
    let names: Vec<&str> = input
        .entries
        .iter()
        .map(|entry| entry.name.as_str())
        .collect();
    let spans: Vec<Span> = input.entries.iter().map(|entry| entry.span).collect();
    let mut tracking = Tracking::default();
    match tags(&mut tracking, build.as_ref(), &names, input.options) {
        Ok(html) => tracking.wrap(tags_expr(&html)),
        Err(failure) => report(failure, &names, &spans, tags_expr(&Html::default())),
    }
}

fn tags(
    tracking: &mut Tracking,
    build: Option<&BuildName>,
    names: &[&str],
    options: TagOptions,
) -> Result<Html, Failure> {
    let config = config(tracking, build)?;
    if DEV {
        return render::development(&config, names, &options.attributes).map_err(Failure::by_name);
    }
    let build = load_build(&config, tracking)?;
    let manifest = build.manifest.as_ref().map_err(Clone::clone)?;
    render::production(&config, manifest, &build.output, names, options).map_err(Failure::by_name)
}

pub fn vite_preload(input: TokenStream) -> TokenStream {
    let (build, input) = input::split_build(input, &[], false);
    let names = match input::preload_names(input) {
        Ok(names) => names,
        Err(error) => return with_fallback(error, tags_expr(&Html::default())),
    };
    let spans: Vec<Span> = names.iter().map(|name| name.span).collect();
    let names: Vec<&str> = names.iter().map(|name| name.name.as_str()).collect();
    let mut tracking = Tracking::default();
    match preloads(&mut tracking, build.as_ref(), &names) {
        Ok(html) => tracking.wrap(tags_expr(&html)),
        Err(failure) => report(failure, &names, &spans, tags_expr(&Html::default())),
    }
}

fn preloads(
    tracking: &mut Tracking,
    build: Option<&BuildName>,
    names: &[&str],
) -> Result<Html, Failure> {
    let config = config(tracking, build)?;
    if DEV {
        for name in names {
            resolve::check_dev_source(&config, name)?;
        }
        return Ok(Html::default());
    }
    let build = load_build(&config, tracking)?;
    let manifest = build.manifest.as_ref().map_err(Clone::clone)?;
    render::preloads(&config, manifest, &build.output, names).map_err(Failure::by_name)
}

pub fn vite_react_refresh(input: TokenStream) -> TokenStream {
    let (build, input) = input::split_build(input, &[], true);
    if let Err(error) = input::no_arguments(input, "vite_react_refresh!") {
        return with_fallback(error, tags_expr(&Html::default()));
    }
    let mut tracking = Tracking::default();
    if !DEV {
        return tracking.wrap(tags_expr(&Html::default()));
    }
    match config(&mut tracking, build.as_ref()) {
        Ok(config) => tracking.wrap(tags_expr(&render::react_refresh_preamble(&config))),
        Err(failure) => report(
            failure,
            &[],
            &[Span::call_site()],
            tags_expr(&Html::default()),
        ),
    }
}

pub fn vite_files(input: TokenStream) -> TokenStream {
    let empty = quote! { ::vite_asset::__private::no_files() };
    let (build, input) = input::split_build(input, &input::FILES_OPTIONS, true);
    let options = match input::files_options(input) {
        Ok(options) => options,
        Err(error) => return with_fallback(error, empty),
    };
    let mut tracking = Tracking::default();
    match files_table(&mut tracking, build.as_ref(), options) {
        Ok(table) => tracking.wrap(table),
        Err(failure) => report(failure, &[], &[Span::call_site()], empty),
    }
}

fn files_table(
    tracking: &mut Tracking,
    build: Option<&BuildName>,
    options: input::FilesOptions,
) -> Result<TokenStream, Failure> {
    let config = config(tracking, build)?;
    if DEV {
        return Ok(files::development(&config, options));
    }
    let build = load_build(&config, tracking)?;
    let manifest = build.manifest.as_ref().map_err(Clone::clone)?;
    Ok(files::table(&config, manifest, &build.output, options)?)
}

pub fn vite_manifest(input: TokenStream) -> TokenStream {
    let fallback = quote! { ::vite_asset::__private::no_manifest() };
    let (build, input) = input::split_build(input, &[], true);
    if let Err(error) = input::no_arguments(input, "vite_manifest!") {
        return with_fallback(error, fallback);
    }
    let mut tracking = Tracking::default();
    match manifest_table(&mut tracking, build.as_ref()) {
        Ok(table) => tracking.wrap(table),
        Err(failure) => report(failure, &[], &[Span::call_site()], fallback),
    }
}

fn manifest_table(
    tracking: &mut Tracking,
    build: Option<&BuildName>,
) -> Result<TokenStream, Failure> {
    let config = config(tracking, build)?;
    if DEV {
        return Ok(table::development(&config));
    }
    let build = load_build(&config, tracking)?;
    let manifest = build.manifest.as_ref().map_err(Clone::clone)?;
    Ok(table::table(&config, manifest, &build.output)?)
}

pub fn vite_content(input: TokenStream) -> TokenStream {
    let fallback = quote! { ::vite_asset::__private::content("", "") };
    let (build, input) = input::split_build(input, &[], false);
    let asset = match AssetName::parse_content(input) {
        Ok(asset) => asset,
        Err(error) => return with_fallback(error, fallback),
    };
    let mut tracking = Tracking::default();
    match content_of(&mut tracking, build.as_ref(), &asset.name) {
        Ok(content::BuiltText { text, csp_hash, .. }) => {
            tracking.wrap(quote! { ::vite_asset::__private::content(#text, #csp_hash) })
        }
        Err(failure) => report(failure, &[&asset.name], &[asset.span], fallback),
    }
}

/// The contents of `name`'s built file, which the expansion tracks, so that a
/// new build recompiles the crate even when the file keeps its name.
fn content_of(
    tracking: &mut Tracking,
    build: Option<&BuildName>,
    name: &str,
) -> Result<content::BuiltText, Failure> {
    let config = config(tracking, build)?;
    let read = |tracking: &mut Tracking| -> Result<content::BuiltText, Failure> {
        let build = load_build(&config, tracking)?;
        let manifest = build.manifest.as_ref().map_err(Clone::clone)?;
        let text = content::of_file(&config, manifest, &build.output, name)?;
        tracking.file(&build.output.dir().join(&text.file));
        Ok(text)
    };
    let mut failure = match read(tracking) {
        Ok(text) => return Ok(text),
        Err(failure) => failure,
    };
    if DEV {
        for (_, diagnostic) in &mut failure.by_name {
            *diagnostic = diagnostic.clone().note(
                "under the `dev` feature, `vite_content!` still reads the last Vite build: \
                 the DevServer's modules are not files to write into a page",
            );
        }
    }
    Err(failure)
}

pub fn vite_build_version(input: TokenStream) -> TokenStream {
    let fallback = quote! { "" };
    let (build, input) = input::split_build(input, &[], true);
    if let Err(error) = input::no_arguments(input, "vite_build_version!") {
        return with_fallback(error, fallback);
    }
    let mut tracking = Tracking::default();
    match version_of(&mut tracking, build.as_ref()) {
        Ok(version) => tracking.wrap(quote! { #version }),
        Err(failure) => report(failure, &[], &[Span::call_site()], fallback),
    }
}

fn version_of(tracking: &mut Tracking, build: Option<&BuildName>) -> Result<String, Failure> {
    let config = config(tracking, build)?;
    if DEV {
        return Ok(build_version::DEVELOPMENT.to_owned());
    }
    let build = load_build(&config, tracking)?;
    let manifest = build.manifest.as_ref().map_err(Clone::clone)?;
    Ok(build_version::of_build(&config, manifest, &build.output)?)
}

/// `error`'s `compile_error!`s, then `fallback`, an expression of the type the
/// macro expands to, so that the user sees these errors alone and not a cascade
/// of type errors after them.
fn with_fallback(error: syn::Error, fallback: TokenStream) -> TokenStream {
    let compile_errors = error.to_compile_error();
    quote! { { #compile_errors #fallback } }
}

/// The compile errors of `failure`, each at the span of the name it is about
/// (`spans`, in the order of the call's names), with `fallback` as the value.
fn report(failure: Failure, names: &[&str], spans: &[Span], fallback: TokenStream) -> TokenStream {
    let span_of = |index: usize| {
        let span = failure.at.as_ref().or(spans.get(index)).or(spans.first());
        span.copied().unwrap_or_else(Span::call_site)
    };
    let mut errors = failure.by_name.into_iter().map(|(index, diagnostic)| {
        let diagnostic = match names.get(index) {
            Some(name) => in_askama_template(diagnostic, span_of(index), name),
            None => diagnostic,
        };
        syn::Error::new(span_of(index), diagnostic)
    });
    let Some(mut combined) = errors.next() else {
        return with_fallback(
            syn::Error::new(span_of(0), "vite-asset failed without a diagnostic"),
            fallback,
        );
    };
    combined.extend(errors);
    with_fallback(combined, fallback)
}

/// `diagnostic`, with the askama templates' lines that name `name` when the
/// call at `span` is not in a Rust file: askama writes the calls of its
/// templates with the span of its `#[derive(Template)]`, where the error shows.
fn in_askama_template(diagnostic: Diagnostic, span: Span, name: &str) -> Diagnostic {
    let written_here = span
        .source_text()
        .is_some_and(|text| text.starts_with('"') || text.starts_with('r'));
    let crate_dir = match (written_here, vite_asset_core::config::cargo_crate_dir()) {
        (false, Ok(crate_dir)) => crate_dir,
        _ => return diagnostic,
    };
    let found = vite_asset_core::askama_calls::naming(&crate_dir, name);
    match found.as_slice() {
        [] => diagnostic,
        lines => diagnostic.note(format!(
            "in the askama template at `{}` (askama reports its templates' calls at `#[derive(Template)]`)",
            lines.join("`, `")
        )),
    }
}

/// Every build the crate configures, as read from one version of its `Cargo.toml`.
struct Builds {
    default: Result<Arc<Config>, Diagnostic>,
    named: Vec<(String, Result<Arc<Config>, Diagnostic>)>,
}

/// The configuration of the build `build` (the default one for `None`) of the
/// crate being compiled, read once per version of its `Cargo.toml`.
fn config(tracking: &mut Tracking, build: Option<&BuildName>) -> Result<Arc<Config>, Failure> {
    static CONFIGS: ByFile<Arc<Builds>> = ByFile::new();
    tracking.environment(build.map(|build| build.name.as_str()));
    let crate_dir = vite_asset_core::config::cargo_crate_dir()?;
    let cargo_toml = crate_dir.join("Cargo.toml");
    let variables = crate::cache::configuration_variables();
    let builds = CONFIGS.get_or_compute_with(&cargo_toml, variables, || {
        let env = vite_asset_core::config::env_var;
        let default = Config::read(&crate_dir, &env);
        let names = default
            .as_ref()
            .map(|config| config.builds.clone())
            .unwrap_or_default();
        let named = names
            .into_iter()
            .map(|name| {
                let config = Config::read_build(&crate_dir, &env, Some(&name)).map(Arc::new);
                (name, config)
            })
            .collect();
        Arc::new(Builds {
            default: default.map(Arc::new),
            named,
        })
    });
    tracking.file(&cargo_toml);
    let Some(build) = build else {
        let config = builds.default.clone()?;
        shared_dev_server(&builds, &config)?;
        return Ok(config);
    };
    if let Some((_, config)) = builds.named.iter().find(|(name, _)| *name == build.name) {
        let config = config.clone()?;
        shared_dev_server(&builds, &config).map_err(|diagnostic| Failure {
            by_name: vec![(0, diagnostic)],
            at: Some(build.span),
        })?;
        return Ok(config);
    }
    // Not configured, or the crate's configuration is broken: the build's own read says which.
    let mut diagnostic = match Config::read_build(
        &crate_dir,
        &vite_asset_core::config::env_var,
        Some(&build.name),
    ) {
        Ok(config) => return Ok(Arc::new(config)),
        Err(diagnostic) => diagnostic,
    };
    let options: Vec<String> = build
        .options
        .iter()
        .map(|option| format!("`{option}`"))
        .collect();
    if let Some((last, others)) = options.split_last() {
        let options = match others {
            [] => format!("its option is {last}"),
            _ => format!("its options are {} and {last}", others.join(", ")),
        };
        diagnostic = diagnostic.note(format!(
            "a name that is not one of the macro's options names a build; {options}"
        ));
    }
    Err(Failure {
        by_name: vec![(0, diagnostic)],
        at: Some(build.span),
    })
}

/// In dev, each build's sources come from its own Vite project's DevServer: a
/// build whose `dev-origin` is another build's would load its sources from a
/// server that does not have them, every one a 404 in the browser.
fn shared_dev_server(builds: &Builds, config: &Config) -> Result<(), Diagnostic> {
    if !DEV {
        return Ok(());
    }
    let others = std::iter::once(&builds.default)
        .chain(builds.named.iter().map(|(_, config)| config))
        .filter_map(|other| other.as_ref().ok())
        .filter(|other| other.build != config.build);
    for other in others {
        if other.dev_origin == config.dev_origin {
            let key = |config: &Config| match &config.build {
                Some(name) => format!("`[package.metadata.vite.builds.{name}]`"),
                None => "`[package.metadata.vite]`".to_owned(),
            };
            return Err(Diagnostic::new(format!(
                "{} and {} both use the Vite DevServer at `{}`",
                config.build_shown(),
                other.build_shown(),
                config.dev_origin
            ))
            .note("each Vite project runs a DevServer of its own, which serves its own sources alone")
            .fix(format!(
                "set `dev-origin` in {} to the address of its project's DevServer (its `server.port`), \
                 and in {} to the other's",
                key(config),
                key(other)
            )));
        }
    }
    Ok(())
}

/// A manifest, and the output directory of its build.
struct Build {
    manifest: Result<Manifest, Diagnostic>,
    output: BuildOutput,
    /// Vite's `base`, as the build's own files show it.
    base: Option<BuiltBase>,
}

/// The build that `config` names, read once per version of its manifest.
fn load_build(config: &Config, tracking: &mut Tracking) -> Result<Arc<Build>, Failure> {
    static BUILDS: ByFile<Arc<Build>> = ByFile::new();
    let manifest_path = config.manifest_path()?;
    tracking.file(&manifest_path);
    let out_dir = config.out_dir(&manifest_path);
    let load = || {
        let manifest = Manifest::load(&manifest_path);
        let base = manifest
            .as_ref()
            .ok()
            .and_then(|manifest| built_file::built_base(manifest, &out_dir));
        Arc::new(Build {
            manifest,
            output: BuildOutput::new(&out_dir),
            base,
        })
    };
    let build = BUILDS.get_or_compute(&manifest_path, load);
    // Another crate of a long-lived process may read the same manifest with another `out-dir`.
    let build = match build.output.dir() == out_dir {
        true => build,
        false => load(),
    };
    if let Some(base) = &build.base {
        built_file::check_base(config, base)?;
    }
    Ok(build)
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::path::Path;

    /// `expansion` as a block, and the messages of the compile errors in it.
    fn block_and_errors(expansion: TokenStream) -> (syn::ExprBlock, Vec<String>) {
        let block: syn::ExprBlock = syn::parse2(expansion.clone())
            .unwrap_or_else(|error| panic!("not a block ({error}): {expansion}"));
        let errors = block
            .block
            .stmts
            .iter()
            .filter_map(|statement| match statement {
                syn::Stmt::Macro(call)
                    if call
                        .mac
                        .path
                        .segments
                        .last()
                        .is_some_and(|segment| segment.ident == "compile_error") =>
                {
                    Some(call.mac.tokens.to_string())
                }
                _ => None,
            })
            .collect();
        (block, errors)
    }

    #[test]
    fn an_expansion_reports_and_is_shaped_alike_whatever_the_process_expanded_before() {
        if DEV {
            return;
        }
        // This crate's Cargo.toml configures nothing, and it has no dist/: every call
        // meets the same crate-wide error, as in a crate whose Vite build was not run.
        for expand in [vite_asset, vite_tags] {
            let first = block_and_errors(expand(quote! { "script.ts" }));
            let second = block_and_errors(expand(quote! { "script.ts" }));
            assert_eq!(first.1.len(), 1, "{:?}", first.1);
            assert!(
                first.1[0].contains("no Vite manifest found"),
                "{:?}",
                first.1
            );
            assert_eq!(first.1, second.1, "the second expansion reports the same");
            assert_eq!(first.0, second.0, "and is the same block");
        }
    }

    #[test]
    fn every_expansion_is_a_block_tracking_or_not() {
        let tracked = {
            let mut tracking = Tracking::default();
            tracking.file(
                Path::new(env!("CARGO_MANIFEST_DIR"))
                    .join("Cargo.toml")
                    .as_path(),
            );
            tracking.wrap(quote! { "/assets/a.js" })
        };
        let untracked = Tracking::default().wrap(quote! { "/assets/a.js" });
        for expansion in [tracked, untracked] {
            let (block, errors) = block_and_errors(expansion);
            assert!(errors.is_empty());
            assert!(
                matches!(
                    block.block.stmts.last(),
                    Some(syn::Stmt::Expr(syn::Expr::Lit(_), None))
                ),
                "the value comes last: {}",
                quote! { #block }
            );
        }
        let (_, errors) = block_and_errors(vite_react_refresh(TokenStream::new()));
        assert!(errors.is_empty());
    }
}
