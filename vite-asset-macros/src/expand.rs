//! The expansions: parse the call, load the configuration and the build (cached
//! for the process), ask the core, and emit the value or the compile errors.

use std::path::Path;
use std::sync::Arc;

use proc_macro2::{Span, TokenStream};
use quote::quote;
use vite_asset_core::{render, resolve, BuildOutput, Config, Diagnostic, Html, Manifest};

use crate::cache::{ByFile, Seen};
use crate::input::{self, AssetName, TagsInput};
use crate::track::Tracking;

/// Whether the macros expand for the Vite DevServer (the `dev` feature).
const DEV: bool = cfg!(feature = "dev");

/// Why a call could not be expanded.
enum Failure {
    /// Wrong for the whole crate (configuration, a missing or broken manifest):
    /// reported once, at the first call, instead of at each of a crate's calls.
    Crate(Diagnostic),
    /// Wrong for this call: each diagnostic with the index of the name it is about.
    Call(render::ByName),
}

impl From<Diagnostic> for Failure {
    /// A diagnostic about the call's first (or only) name.
    fn from(diagnostic: Diagnostic) -> Self {
        Failure::Call(vec![(0, diagnostic)])
    }
}

pub fn vite_asset(input: TokenStream) -> TokenStream {
    let asset = match AssetName::parse(input) {
        Ok(asset) => asset,
        Err(error) => return with_fallback(error, quote! { "" }),
    };
    let mut tracking = Tracking::default();
    let url = asset_url(&mut tracking, &asset.name);
    match url {
        Ok(url) => tracking.wrap(quote! { #url }),
        Err(failure) => report(failure, &[asset.span], quote! { "" }),
    }
}

fn asset_url(tracking: &mut Tracking, name: &str) -> Result<String, Failure> {
    let config = config(tracking)?;
    if DEV {
        resolve::check_dev_source(&config, name)?;
        return Ok(resolve::dev_url(&config, name));
    }
    let build = build(&config, tracking)?;
    let manifest = build.manifest.as_ref().map_err(crate_wide)?;
    Ok(resolve::url(&config, manifest, &build.output, name)?)
}

pub fn vite_tags(input: TokenStream) -> TokenStream {
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
    match tags(&mut tracking, &names, input.integrity) {
        Ok(html) => tracking.wrap(tags_expr(&html)),
        Err(failure) => report(failure, &spans, tags_expr(&Html::default())),
    }
}

fn tags(tracking: &mut Tracking, names: &[&str], integrity: bool) -> Result<Html, Failure> {
    let config = config(tracking)?;
    if DEV {
        return render::development(&config, names).map_err(Failure::Call);
    }
    let build = build(&config, tracking)?;
    let manifest = build.manifest.as_ref().map_err(crate_wide)?;
    let integrity = integrity || config.integrity;
    render::production(&config, manifest, &build.output, names, integrity).map_err(Failure::Call)
}

pub fn vite_react_refresh(input: TokenStream) -> TokenStream {
    if let Err(error) = input::no_arguments(input, "vite_react_refresh!") {
        return with_fallback(error, tags_expr(&Html::default()));
    }
    if !DEV {
        return tags_expr(&Html::default());
    }
    let mut tracking = Tracking::default();
    match config(&mut tracking) {
        Ok(config) => tracking.wrap(tags_expr(&render::react_refresh_preamble(&config))),
        Err(failure) => report(failure, &[Span::call_site()], tags_expr(&Html::default())),
    }
}

/// The `vite_asset::Tags` value of `html`.
fn tags_expr(html: &Html) -> TokenStream {
    // The nonce offsets as one byte-string literal (u32, little-endian), not a
    // slice of integer tokens: a page with hundreds of tags stays one token for rustc.
    let nonce_at: Vec<u8> = html
        .nonce_at
        .iter()
        .flat_map(|&offset| u32::try_from(offset).unwrap_or(u32::MAX).to_le_bytes())
        .collect();
    let nonce_at = proc_macro2::Literal::byte_string(&nonce_at);
    let text = proc_macro2::Literal::string(&html.text);
    quote! { ::vite_asset::Tags::__precomputed(#text, #nonce_at) }
}

/// `error`'s `compile_error!`s, then `fallback`, an expression of the type the
/// macro expands to, so that the user sees these errors alone and not a cascade
/// of type errors after them.
fn with_fallback(error: syn::Error, fallback: TokenStream) -> TokenStream {
    let compile_errors = error.to_compile_error();
    quote! { { #compile_errors #fallback } }
}

/// The compile errors of `failure`, each at the span of the name it is about
/// (`spans`, in the order of the call's names), with `fallback` as the value;
/// a failure that concerns the whole crate is shown only at the first call that
/// meets it.
fn report(failure: Failure, spans: &[Span], fallback: TokenStream) -> TokenStream {
    let span_of = |index: usize| {
        let span = spans.get(index).or(spans.first());
        span.copied().unwrap_or_else(Span::call_site)
    };
    let errors = match failure {
        Failure::Call(diagnostics) => diagnostics,
        Failure::Crate(diagnostic) if first_report(&diagnostic) => vec![(0, diagnostic)],
        Failure::Crate(_) => return fallback,
    };
    let mut errors = errors
        .into_iter()
        .map(|(index, diagnostic)| syn::Error::new(span_of(index), diagnostic));
    let Some(mut combined) = errors.next() else {
        return fallback;
    };
    combined.extend(errors);
    with_fallback(combined, fallback)
}

fn first_report(diagnostic: &Diagnostic) -> bool {
    static REPORTED: Seen = Seen::new();
    REPORTED.first_time(diagnostic.to_string())
}

fn crate_wide(diagnostic: &Diagnostic) -> Failure {
    Failure::Crate(diagnostic.clone())
}

/// The configuration of the crate being compiled, read once per version of its `Cargo.toml`.
fn config(tracking: &mut Tracking) -> Result<Arc<Config>, Failure> {
    static CONFIGS: ByFile<Arc<Result<Arc<Config>, Diagnostic>>> = ByFile::new();
    tracking.environment();
    let crate_dir = vite_asset_core::config::cargo_crate_dir().map_err(Failure::Crate)?;
    let cargo_toml = crate_dir.join("Cargo.toml");
    let config = CONFIGS.get_or_compute(&cargo_toml, || {
        Arc::new(Config::of_cargo_crate().map(Arc::new))
    });
    tracking.file(&cargo_toml);
    config.as_ref().clone().map_err(Failure::Crate)
}

/// A manifest, and the output directory of its build.
struct Build {
    manifest: Result<Manifest, Diagnostic>,
    output: BuildOutput,
}

/// The build that `config` names, read once per version of its manifest.
fn build(config: &Config, tracking: &mut Tracking) -> Result<Arc<Build>, Failure> {
    static BUILDS: ByFile<Arc<Build>> = ByFile::new();
    let manifest_path = config.manifest_path().map_err(Failure::Crate)?;
    tracking.file(&manifest_path);
    let out_dir = config.out_dir(&manifest_path);
    let load = || {
        Arc::new(Build {
            manifest: Manifest::load(&manifest_path),
            output: BuildOutput::new(&out_dir),
        })
    };
    let build = BUILDS.get_or_compute(&manifest_path, load);
    // Another crate of a long-lived process may read the same manifest with another `out-dir`.
    Ok(match build.output.dir() == Path::new(&out_dir) {
        true => build,
        false => load(),
    })
}
