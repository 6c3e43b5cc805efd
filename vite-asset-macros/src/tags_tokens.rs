//! The `vite_asset::Tags` expression of tags written at compile time, for
//! `vite_tags!` and the other tag macros, and for the entries of `vite_manifest!()`.

use proc_macro2::{Literal, TokenStream};
use quote::quote;
use vite_asset_core::Html;

/// The `vite_asset::Tags` value of `html`.
pub fn tags_expr(html: &Html) -> TokenStream {
    // The nonce offsets as one byte-string literal (u32, little-endian), not a
    // slice of integer tokens: a page with hundreds of tags stays one token for rustc.
    let nonce_at: Vec<u8> = html
        .nonce_at
        .iter()
        .flat_map(|&offset| u32::try_from(offset).unwrap_or(u32::MAX).to_le_bytes())
        .collect();
    let nonce_at = Literal::byte_string(&nonce_at);
    let text = Literal::string(&html.text);
    let link = Literal::string(&html.link);
    let script_hashes = Literal::string(&html.script_hashes.join(" "));
    quote! { ::vite_asset::__private::tags(#text, #nonce_at, #link, #script_hashes) }
}
