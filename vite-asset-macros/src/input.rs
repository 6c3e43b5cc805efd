//! Parsing the arguments of the macros: asset names as string literals, and options.

use std::collections::HashSet;

use proc_macro2::{Span, TokenStream, TokenTree};
use syn::parse::{Parse, ParseStream};
use syn::punctuated::Punctuated;
use syn::{Ident, Lit, Token};

use crate::error::{Error, Result};

/// The asset named in a macro call, with the span of the literal that named it.
#[derive(Debug)]
pub struct AssetName {
    pub name: String,
    pub span: Span,
}

const USAGE: &str =
    "write the asset's path relative to Vite's `root`, as it appears in manifest.json: `vite_asset!(\"script.ts\")`";

const TAGS_USAGE: &str =
    "name one or more entries relative to Vite's `root`, as they appear in manifest.json: \
     `vite_tags!(\"main.ts\")`, `vite_tags!(\"styles.scss\", \"main.ts\")`, or with an option: \
     `vite_tags!(\"main.ts\", integrity)`";

/// Parses a macro's arguments; with none at all, the error is `when_empty`, at the call.
fn parse_arguments<T: Parse>(input: TokenStream, when_empty: String) -> Result<T> {
    if input.is_empty() {
        return Err(Error::new(Span::call_site(), when_empty));
    }
    Ok(syn::parse2(input)?)
}

impl AssetName {
    pub fn parse(input: TokenStream) -> Result<Self> {
        if let Some(asset) = AssetName::plain_literal(&input) {
            return Ok(asset);
        }
        parse_arguments(
            input,
            format!("`vite_asset!` needs the name of an asset\n  to fix: {USAGE}"),
        )
    }

    /// The name in `input` when it is one plain string literal (`"script.ts"`, no
    /// escapes, not raw), as nearly every call is: read without syn, which costs
    /// more than the rest of an expansion in the unoptimized macro. Anything else
    /// is left to the full parser, with its errors.
    fn plain_literal(input: &TokenStream) -> Option<Self> {
        let mut tokens = input.clone().into_iter();
        let (Some(token), None) = (tokens.next(), tokens.next()) else {
            return None;
        };
        AssetName::plain(&token)
    }

    /// The name in `token` when it is a plain string literal.
    fn plain(token: &TokenTree) -> Option<Self> {
        let TokenTree::Literal(literal) = token else {
            return None;
        };
        let text = literal.to_string();
        let name = text.strip_prefix('"')?.strip_suffix('"')?;
        if name.contains(['\\', '"']) || name.trim().is_empty() {
            return None;
        }
        Some(AssetName {
            name: name.to_owned(),
            span: literal.span(),
        })
    }

    /// The name in `lit`, which must be a non-empty string literal.
    fn from_literal(lit: &Lit, macro_name: &str, usage: &str) -> syn::Result<Self> {
        let name = match lit {
            Lit::Str(lit) => lit.value(),
            Lit::ByteStr(_) | Lit::CStr(_) => {
                return Err(syn::Error::new_spanned(
                    lit,
                    format!(
                    "`{macro_name}` takes a string literal, not a byte string\n  to fix: {usage}"
                ),
                ))
            }
            other => {
                return Err(syn::Error::new_spanned(
                    other,
                    format!("`{macro_name}` takes a string literal\n  to fix: {usage}"),
                ))
            }
        };
        if name.trim().is_empty() {
            return Err(syn::Error::new_spanned(
                lit,
                format!("the asset name is empty\n  to fix: {usage}"),
            ));
        }
        Ok(AssetName {
            name,
            span: lit.span(),
        })
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
        let asset = AssetName::from_literal(&lit, "vite_asset!", USAGE)?;
        // One trailing comma is accepted, as in most function-like macros.
        if input.peek(Token![,]) {
            input.parse::<Token![,]>()?;
        }
        if !input.is_empty() {
            return Err(input.error(format!(
                "`vite_asset!` takes exactly one asset name; call it once per asset, \
                 or use `vite_tags!` for the tags of several entries\n  to fix: {USAGE}"
            )));
        }
        Ok(asset)
    }
}

/// The arguments of `vite_tags!`: entries, then options.
#[derive(Debug)]
pub struct TagsInput {
    pub entries: Vec<AssetName>,
    /// `integrity` was given: add subresource-integrity hashes.
    pub integrity: bool,
}

/// One argument of `vite_tags!`.
enum TagsArgument {
    Entry(Lit),
    Option(Ident),
}

impl Parse for TagsArgument {
    fn parse(input: ParseStream) -> syn::Result<Self> {
        if input.peek(Ident) {
            return Ok(TagsArgument::Option(input.parse()?));
        }
        input.parse().map(TagsArgument::Entry).map_err(|error| {
            syn::Error::new(
                error.span(),
                format!(
                    "`vite_tags!` takes string literals naming entries, then options\n  to fix: {TAGS_USAGE}"
                ),
            )
        })
    }
}

impl TagsInput {
    pub fn parse(input: TokenStream) -> Result<Self> {
        if let Some(entries) = TagsInput::plain_literals(&input) {
            return Ok(TagsInput {
                entries,
                integrity: false,
            });
        }
        parse_arguments(
            input,
            format!("`vite_tags!` needs at least one entry\n  to fix: {TAGS_USAGE}"),
        )
    }

    /// The entries when `input` is plain string literals, distinct, separated by
    /// commas, and nothing else: read without syn, as for `vite_asset!`. Anything
    /// else (an option, a repeated name, a stray token) is left to the full parser.
    fn plain_literals(input: &TokenStream) -> Option<Vec<AssetName>> {
        let mut entries: Vec<AssetName> = Vec::new();
        let mut tokens = input.clone().into_iter();
        while let Some(token) = tokens.next() {
            let entry = AssetName::plain(&token)?;
            if entries.iter().any(|seen| seen.name == entry.name) {
                return None;
            }
            entries.push(entry);
            match tokens.next() {
                None => break,
                Some(TokenTree::Punct(comma)) if comma.as_char() == ',' => {}
                Some(_) => return None,
            }
        }
        (!entries.is_empty()).then_some(entries)
    }
}

impl Parse for TagsInput {
    fn parse(input: ParseStream) -> syn::Result<Self> {
        let arguments =
            Punctuated::<TagsArgument, Token![,]>::parse_terminated(input).map_err(|error| {
                if error.to_string().contains("to fix:") {
                    error
                } else {
                    syn::Error::new(error.span(), format!("{error}\n  to fix: {TAGS_USAGE}"))
                }
            })?;
        let mut entries: Vec<AssetName> = Vec::new();
        let mut integrity: Option<Ident> = None;
        let mut names = HashSet::new();
        for argument in arguments {
            match argument {
                TagsArgument::Entry(lit) => {
                    if let Some(option) = &integrity {
                        return Err(syn::Error::new_spanned(
                            &lit,
                            format!("entries come before options such as `{option}`\n  to fix: {TAGS_USAGE}"),
                        ));
                    }
                    let entry = AssetName::from_literal(&lit, "vite_tags!", TAGS_USAGE)?;
                    if !names.insert(entry.name.clone()) {
                        return Err(syn::Error::new_spanned(
                            &lit,
                            format!(
                                "`{}` is named twice; each entry's tags are written once\n  \
                                 to fix: remove the second `{}`",
                                entry.name, entry.name
                            ),
                        ));
                    }
                    entries.push(entry);
                }
                TagsArgument::Option(option) if option == "integrity" => {
                    if integrity.is_some() {
                        return Err(syn::Error::new_spanned(
                            &option,
                            "`integrity` is given twice\n  to fix: remove one",
                        ));
                    }
                    integrity = Some(option);
                }
                TagsArgument::Option(option) => {
                    return Err(syn::Error::new_spanned(
                        &option,
                        format!(
                            "`{option}` is not an option of `vite_tags!`; the only option is `integrity`, \
                             and entries are string literals, not variables\n  to fix: {TAGS_USAGE}"
                        ),
                    ))
                }
            }
        }
        if entries.is_empty() {
            return Err(input.error(format!(
                "`vite_tags!` needs at least one entry\n  to fix: {TAGS_USAGE}"
            )));
        }
        Ok(TagsInput {
            entries,
            integrity: integrity.is_some(),
        })
    }
}

/// Checks that a macro that takes no arguments got none.
pub fn no_arguments(input: TokenStream, macro_name: &str) -> Result<()> {
    match input.into_iter().next() {
        None => Ok(()),
        Some(token) => Err(Error::new(
            token.span(),
            format!("`{macro_name}` takes no arguments\n  to fix: write `{macro_name}()`"),
        )),
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
    fn the_plain_literal_shortcut_reads_what_syn_reads() {
        for tokens in [
            quote!("script.ts"),
            quote!("dir/é ü.ts"),
            quote!("a\"b.ts"),
            quote!("a\\b.ts"),
            quote!("a\u{e9}.ts"),
            quote!(r"raw.ts"),
            quote!(r#"raw"quote.ts"#),
            quote!("  "),
            quote!(b"bytes.ts"),
            quote!(c"c.ts"),
            quote!("suffixed.ts"suffix),
        ] {
            let shortcut = AssetName::plain_literal(&tokens).map(|asset| asset.name);
            let full = syn::parse2::<AssetName>(tokens.clone()).map(|asset| asset.name);
            if let Some(name) = shortcut {
                assert_eq!(Some(name), full.ok(), "{tokens}");
            }
        }
        assert!(AssetName::plain_literal(&quote!("script.ts")).is_some());
    }

    fn parse_tags(tokens: TokenStream) -> Result<(Vec<String>, bool)> {
        TagsInput::parse(tokens).map(|input| {
            let names = input.entries.into_iter().map(|entry| entry.name).collect();
            (names, input.integrity)
        })
    }

    #[test]
    fn tags_take_entries_then_options() {
        assert_eq!(
            parse_tags(quote!("main.ts")).unwrap(),
            (vec!["main.ts".to_owned()], false)
        );
        assert_eq!(
            parse_tags(quote!("a.ts", "b.css", integrity,)).unwrap(),
            (vec!["a.ts".to_owned(), "b.css".to_owned()], true)
        );
        for tokens in [
            quote!(),
            quote!(integrity),
            quote!("a.ts", "a.ts"),
            quote!("a.ts", integrity, integrity),
            quote!(integrity, "a.ts"),
            quote!("a.ts", integrty),
            quote!("a.ts", 1),
            quote!(""),
            quote!("a.ts";),
        ] {
            let error = parse_tags(tokens.clone()).expect_err(&tokens.to_string());
            assert!(error.message().contains("to fix:"), "{}", error.message());
        }
    }

    #[test]
    fn the_plain_tags_shortcut_reads_what_syn_reads() {
        let names = |input: TagsInput| -> Vec<String> {
            input.entries.into_iter().map(|entry| entry.name).collect()
        };
        for tokens in [
            quote!("main.ts"),
            quote!("styles.scss", "main.ts"),
            quote!("a.ts", "b.ts",),
            quote!("a.ts", "a.ts"),
            quote!("a.ts" "b.ts"),
            quote!("a.ts",, "b.ts"),
            quote!("a.ts"; "b.ts"),
            quote!("a.ts", integrity),
            quote!("a\"b.ts", "c.ts"),
            quote!(,),
        ] {
            let shortcut = TagsInput::plain_literals(&tokens).map(|entries| {
                entries
                    .into_iter()
                    .map(|entry| entry.name)
                    .collect::<Vec<_>>()
            });
            let full = syn::parse2::<TagsInput>(tokens.clone()).map(names);
            if let Some(shortcut) = shortcut {
                assert_eq!(Some(shortcut), full.ok(), "{tokens}");
            }
        }
        assert!(TagsInput::plain_literals(&quote!("a.ts", "b.ts")).is_some());
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
