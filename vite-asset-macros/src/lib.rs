//! The procedural macros of [vite-asset](https://docs.rs/vite-asset).
//!
//! Depend on `vite-asset`, not on this crate: it re-exports these macros and
//! documents them.

mod config;
mod error;
mod expand;
mod input;
mod manifest;
mod resolve;
mod track;

use proc_macro::TokenStream;

/// The URL of a Vite asset, resolved from Vite's manifest at compile time.
///
/// See the documentation of `vite_asset::vite_asset!`.
#[proc_macro]
pub fn vite_asset(input: TokenStream) -> TokenStream {
    expand::vite_asset(input.into()).into()
}
