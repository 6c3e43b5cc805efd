//! Parsing the arguments of `vite_asset!`: one non-empty string literal.

use proc_macro2::{Span, TokenStream};
use syn::parse::{Parse, ParseStream};
use syn::{Lit, Token};

use crate::error::{Error, Result};

/// The asset named in a macro call, with the span of the literal that named it.
#[derive(Debug)]
pub struct AssetName {
    pub name: String,
    pub span: Span,
}

const USAGE: &str =
    "write the asset's path relative to Vite's `root`, as it appears in manifest.json: `vite_asset!(\"script.ts\")`";

impl AssetName {
    pub fn parse(input: TokenStream) -> Result<Self> {
        if input.is_empty() {
            return Err(Error::new(
                Span::call_site(),
                format!("`vite_asset!` needs the name of an asset\n  to fix: {USAGE}"),
            ));
        }
        let parsed: Self = syn::parse2(input)?;
        Ok(parsed)
    }
}

impl Parse for AssetName {
    fn parse(input: ParseStream) -> syn::Result<Self> {
        let lit: Lit = input.parse().map_err(|error| {
            syn::Error::new(
                error.span(),
                format!("`vite_asset!` takes a string literal, not an expression or a variable\n  to fix: {USAGE}"),
            )
        })?;
        let name = match &lit {
            Lit::Str(lit) => lit.value(),
            Lit::ByteStr(_) | Lit::CStr(_) => {
                return Err(syn::Error::new_spanned(
                    &lit,
                    format!(
                    "`vite_asset!` takes a string literal, not a byte string\n  to fix: {USAGE}"
                ),
                ))
            }
            other => {
                return Err(syn::Error::new_spanned(
                    other,
                    format!("`vite_asset!` takes a string literal\n  to fix: {USAGE}"),
                ))
            }
        };
        if name.trim().is_empty() {
            return Err(syn::Error::new_spanned(
                &lit,
                format!("the asset name is empty\n  to fix: {USAGE}"),
            ));
        }
        // One trailing comma is accepted, as in most function-like macros.
        if input.peek(Token![,]) {
            input.parse::<Token![,]>()?;
        }
        if !input.is_empty() {
            return Err(input.error(format!(
                "`vite_asset!` takes exactly one asset name; call it once per asset\n  to fix: {USAGE}"
            )));
        }
        Ok(AssetName {
            name,
            span: lit.span(),
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use quote::quote;

    fn parse(tokens: TokenStream) -> Result<String> {
        AssetName::parse(tokens).map(|asset| asset.name)
    }

    #[test]
    fn accepts_a_string_a_raw_string_and_a_trailing_comma() {
        assert_eq!(parse(quote!("script.ts")).unwrap(), "script.ts");
        assert_eq!(parse(quote!(r"styles.scss")).unwrap(), "styles.scss");
        assert_eq!(parse(quote!("script.ts",)).unwrap(), "script.ts");
    }

    #[test]
    fn refuses_everything_else_with_the_usage() {
        for tokens in [
            quote!(),
            quote!(""),
            quote!("  "),
            quote!(b"script.ts"),
            quote!(42),
            quote!(name),
            quote!("a.ts", "b.ts"),
            quote!("a.ts",,),
        ] {
            let error = parse(tokens.clone()).expect_err(&tokens.to_string());
            assert!(error.message().contains("to fix:"), "{}", error.message());
        }
    }
}
