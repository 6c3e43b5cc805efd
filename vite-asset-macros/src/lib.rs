//! The procedural macros of [vite-asset](https://docs.rs/vite-asset).
//!
//! Depend on `vite-asset`, not on this crate: it re-exports these macros and
//! documents them. The macros parse their input, ask `vite-asset-core` (which
//! knows Vite's configuration, manifest and tags), and turn its answer or its
//! diagnostics into tokens.

#![forbid(unsafe_code)]

mod cache;
mod expand;
mod files;
mod input;
mod table;
mod tags_tokens;
mod templates;
mod track;

use proc_macro::TokenStream;

/// The URL of a Vite asset, resolved from Vite's manifest at compile time.
///
/// See the documentation of `vite_asset::vite_asset!`.
#[proc_macro]
pub fn vite_asset(input: TokenStream) -> TokenStream {
    expand::vite_asset(input.into()).into()
}

/// Every tag that Vite entries need, computed at compile time.
///
/// See the documentation of `vite_asset::vite_tags!`.
#[proc_macro]
pub fn vite_tags(input: TokenStream) -> TokenStream {
    expand::vite_tags(input.into()).into()
}

/// The React refresh preamble in development, nothing in production.
///
/// See the documentation of `vite_asset::vite_react_refresh!`.
#[proc_macro]
pub fn vite_react_refresh(input: TokenStream) -> TokenStream {
    expand::vite_react_refresh(input.into()).into()
}

/// The files of the Vite build, listed from the manifest at compile time, to serve.
///
/// See the documentation of `vite_asset::vite_files!`.
#[proc_macro]
pub fn vite_files(input: TokenStream) -> TokenStream {
    expand::vite_files(input.into()).into()
}

/// The run-time templates that the build script checked, embedded.
///
/// See the documentation of `vite_asset::vite_templates!`.
#[proc_macro]
pub fn vite_templates(input: TokenStream) -> TokenStream {
    templates::vite_templates(input.into()).into()
}

/// The manifest as a table, read at compile time, for run-time templates.
///
/// See the documentation of `vite_asset::vite_manifest!`.
#[proc_macro]
pub fn vite_manifest(input: TokenStream) -> TokenStream {
    expand::vite_manifest(input.into()).into()
}

/// A built file's contents, read at compile time.
///
/// See the documentation of `vite_asset::vite_content!`.
#[proc_macro]
pub fn vite_content(input: TokenStream) -> TokenStream {
    expand::vite_content(input.into()).into()
}

/// The version of the build, computed at compile time.
///
/// See the documentation of `vite_asset::vite_build_version!`.
#[proc_macro]
pub fn vite_build_version(input: TokenStream) -> TokenStream {
    expand::vite_build_version(input.into()).into()
}

/// Preloads of the assets the first screen needs, computed at compile time.
///
/// See the documentation of `vite_asset::vite_preload!`.
#[proc_macro]
pub fn vite_preload(input: TokenStream) -> TokenStream {
    expand::vite_preload(input.into()).into()
}
