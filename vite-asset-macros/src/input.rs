//! Parsing the arguments of the macros with syn: asset names as string
//! literals, and options.

use std::collections::HashSet;

use proc_macro2::{Span, TokenStream, TokenTree};
use syn::parse::{Parse, ParseStream};
use syn::{Ident, Lit, Token};
use vite_asset_core::attributes::AttributePart;
use vite_asset_core::compose::TagOptions;
use vite_asset_core::Diagnostic;

/// The asset named in a macro call, with the span of the literal that named it.
#[derive(Debug)]
pub struct AssetName {
    pub name: String,
    pub span: Span,
}

const USAGE: &str =
    "write the asset's path relative to Vite's `root`, as it appears in manifest.json: `vite_asset!(\"script.ts\")`";

const CONTENT_USAGE: &str =
    "write the file's path relative to Vite's `root`, as it appears in manifest.json: `vite_content!(\"critical.css\")`";

const TAGS_USAGE: &str =
    "name one or more entries relative to Vite's `root`, as they appear in manifest.json: \
     `vite_tags!(\"main.ts\")`, `vite_tags!(\"styles.scss\", \"main.ts\")`, or with options: \
     `vite_tags!(\"main.ts\", integrity, prefetch)`, \
     `vite_tags!(\"main.ts\", attrs(script = { \"data-turbo-track\" = \"reload\" }))`";

const ATTRS_USAGE: &str =
    "give each kind of tag its attributes: `attrs(script = { \"data-turbo-track\" = \"reload\", \
     fetchpriority = \"high\" }, stylesheet = { media = \"print\" })`; a name is an identifier or a \
     string literal, a value a string literal, and a name alone is an attribute without a value";

/// The named build a call asks for, `admin` in `vite_asset!(admin, "src/main.ts")`,
/// with the span of the identifier.
#[derive(Debug, Clone)]
pub struct BuildName {
    pub name: String,
    pub span: Span,
    /// The macro's options, for the message when the name is no build: it may
    /// have been meant as one.
    pub options: &'static [&'static str],
}

/// Splits a leading build name off a call's arguments: an identifier that is
/// not one of the macro's `options`, followed by a comma and more arguments, or
/// (when `alone` is allowed, for the macros whose other arguments are all
/// options) standing alone.
pub fn split_build(
    input: TokenStream,
    options: &'static [&'static str],
    alone: bool,
) -> (Option<BuildName>, TokenStream) {
    let mut tokens = input.clone().into_iter();
    let Some(TokenTree::Ident(ident)) = tokens.next() else {
        return (None, input);
    };
    if options.iter().any(|option| ident == option) {
        return (None, input);
    }
    let build = BuildName {
        name: ident.to_string(),
        span: ident.span(),
        options,
    };
    match tokens.next() {
        None if alone => (Some(build), TokenStream::new()),
        Some(TokenTree::Punct(comma)) if comma.as_char() == ',' => {
            let rest: TokenStream = tokens.collect();
            match rest.is_empty() && !alone {
                true => (None, input),
                false => (Some(build), rest),
            }
        }
        _ => (None, input),
    }
}

/// A compile error at `span`: `message`, then the fix.
pub fn error(span: Span, message: impl Into<String>, fix: &str) -> syn::Error {
    syn::Error::new(span, Diagnostic::new(message).fix(fix))
}

/// Parses a macro's arguments; with none at all, the error is `when_empty`, at the call.
fn parse_arguments<T: Parse>(input: TokenStream, when_empty: &str, usage: &str) -> syn::Result<T> {
    if input.is_empty() {
        return Err(error(Span::call_site(), when_empty, usage));
    }
    syn::parse2(input)
}

impl AssetName {
    /// The one argument of `vite_asset!`.
    pub fn parse(input: TokenStream) -> syn::Result<Self> {
        AssetName::parse_one(
            input,
            "vite_asset!",
            USAGE,
            "call it once per asset, or use `vite_tags!` for the tags of several entries",
        )
    }

    /// The one argument of `vite_content!`.
    pub fn parse_content(input: TokenStream) -> syn::Result<Self> {
        AssetName::parse_one(
            input,
            "vite_content!",
            CONTENT_USAGE,
            "call it once per file",
        )
    }

    /// One string literal naming an asset, the whole argument of `macro_name`;
    /// `several` says what to do instead of naming more.
    fn parse_one(
        input: TokenStream,
        macro_name: &str,
        usage: &str,
        several: &str,
    ) -> syn::Result<Self> {
        let when_empty = format!("`{macro_name}` needs the name of an asset");
        if input.is_empty() {
            return Err(error(Span::call_site(), when_empty, usage));
        }
        let parser = |input: ParseStream| {
            let lit: Lit = input.parse().map_err(|parse_error| {
                error(
                    parse_error.span(),
                    format!(
                        "`{macro_name}` takes a string literal, not an expression or a variable"
                    ),
                    usage,
                )
            })?;
            let asset = AssetName::from_literal(&lit, macro_name, usage)?;
            // One trailing comma is accepted, as in most function-like macros.
            if input.peek(Token![,]) {
                input.parse::<Token![,]>()?;
            }
            if !input.is_empty() {
                return Err(error(
                    input.span(),
                    format!("`{macro_name}` takes exactly one asset name; {several}"),
                    usage,
                ));
            }
            Ok(asset)
        };
        syn::parse::Parser::parse2(parser, input)
    }

    /// The name in `lit`, which must be a non-empty string literal.
    fn from_literal(lit: &Lit, macro_name: &str, usage: &str) -> syn::Result<Self> {
        let name = match lit {
            Lit::Str(lit) => lit.value(),
            Lit::ByteStr(_) | Lit::CStr(_) => {
                return Err(error(
                    lit.span(),
                    format!("`{macro_name}` takes a string literal, not a byte string"),
                    usage,
                ))
            }
            other => {
                return Err(error(
                    other.span(),
                    format!("`{macro_name}` takes a string literal"),
                    usage,
                ))
            }
        };
        if name.trim().is_empty() {
            return Err(error(lit.span(), "the asset name is empty", usage));
        }
        Ok(AssetName {
            name,
            span: lit.span(),
        })
    }
}

/// The options that `vite_tags!` takes after its entries.
pub const TAGS_OPTIONS: [&str; 3] = [
    TagOptions::NAMES[0],
    TagOptions::NAMES[1],
    TagOptions::ATTRIBUTES,
];

/// The arguments of `vite_tags!`: entries, then options.
#[derive(Debug)]
pub struct TagsInput {
    pub entries: Vec<AssetName>,
    /// `Some(true)` for each option given (`integrity`, `prefetch`), `None` for the others.
    pub options: TagOptions,
}

/// One argument of `vite_tags!`.
enum TagsArgument {
    Entry(Lit),
    Option(Ident),
    Attributes(Ident, Vec<AttributeArgument>),
}

/// One attribute in `attrs(…)`: the kind of tag, the name and the value, each
/// with its span.
struct AttributeArgument {
    target: Ident,
    name: (String, Span),
    value: Option<syn::LitStr>,
}

impl Parse for TagsArgument {
    fn parse(input: ParseStream) -> syn::Result<Self> {
        if input.peek(Ident) {
            let option: Ident = input.parse()?;
            if option != TagOptions::ATTRIBUTES {
                return Ok(TagsArgument::Option(option));
            }
            if !input.peek(syn::token::Paren) {
                return Err(error(
                    option.span(),
                    "`attrs` takes the attributes in parentheses",
                    ATTRS_USAGE,
                ));
            }
            let inside;
            syn::parenthesized!(inside in input);
            let attributes = parse_attributes(&inside).map_err(|parse_error| {
                error(parse_error.span(), parse_error.to_string(), ATTRS_USAGE)
            })?;
            return Ok(TagsArgument::Attributes(option, attributes));
        }
        input
            .parse()
            .map(TagsArgument::Entry)
            .map_err(|parse_error| {
                error(
                    parse_error.span(),
                    "`vite_tags!` takes string literals naming entries, then options",
                    TAGS_USAGE,
                )
            })
    }
}

/// The inside of `attrs(…)`: `script = { name = "value", bare }, stylesheet = { … }`.
fn parse_attributes(input: ParseStream) -> syn::Result<Vec<AttributeArgument>> {
    use syn::ext::IdentExt;
    let mut attributes = Vec::new();
    while !input.is_empty() {
        let target = Ident::parse_any(input)?;
        input.parse::<Token![=]>()?;
        let names;
        syn::braced!(names in input);
        while !names.is_empty() {
            let name = match names.peek(syn::LitStr) {
                true => {
                    let name: syn::LitStr = names.parse()?;
                    (name.value(), name.span())
                }
                false => {
                    let name = Ident::parse_any(&names)?;
                    (name.to_string(), name.span())
                }
            };
            let value = match names.peek(Token![=]) {
                true => {
                    names.parse::<Token![=]>()?;
                    Some(names.parse()?)
                }
                false => None,
            };
            attributes.push(AttributeArgument {
                target: target.clone(),
                name,
                value,
            });
            if names.is_empty() {
                break;
            }
            names.parse::<Token![,]>()?;
        }
        if input.is_empty() {
            break;
        }
        input.parse::<Token![,]>()?;
    }
    Ok(attributes)
}

impl TagsInput {
    pub fn parse(input: TokenStream) -> syn::Result<Self> {
        parse_arguments(input, "`vite_tags!` needs at least one entry", TAGS_USAGE)
    }
}

impl Parse for TagsInput {
    /// Every mistake in the arguments is reported, each at its own token.
    fn parse(input: ParseStream) -> syn::Result<Self> {
        let mut arguments = Vec::new();
        while !input.is_empty() {
            arguments.push(input.parse::<TagsArgument>()?);
            if input.is_empty() {
                break;
            }
            input.parse::<Token![,]>().map_err(|parse_error| {
                error(parse_error.span(), parse_error.to_string(), TAGS_USAGE)
            })?;
        }
        let mut errors: Option<syn::Error> = None;
        let mut report = |error: syn::Error| match &mut errors {
            Some(errors) => errors.combine(error),
            None => errors = Some(error),
        };
        let mut entries: Vec<AssetName> = Vec::new();
        let mut options = TagOptions::default();
        let mut given: Vec<Ident> = Vec::new();
        let mut names = HashSet::new();
        for argument in arguments {
            match argument {
                TagsArgument::Entry(lit) => {
                    if let Some(option) = given.first() {
                        report(error(
                            lit.span(),
                            format!("entries come before options such as `{option}`"),
                            TAGS_USAGE,
                        ));
                        continue;
                    }
                    let entry = match AssetName::from_literal(&lit, "vite_tags!", TAGS_USAGE) {
                        Ok(entry) => entry,
                        Err(error) => {
                            report(error);
                            continue;
                        }
                    };
                    if !names.insert(entry.name.clone()) {
                        report(error(
                            lit.span(),
                            format!(
                                "`{}` is named twice; each entry's tags are written once",
                                entry.name
                            ),
                            &format!("remove the second `{}`", entry.name),
                        ));
                        continue;
                    }
                    entries.push(entry);
                }
                TagsArgument::Attributes(option, _) | TagsArgument::Option(option)
                    if given.contains(&option) =>
                {
                    report(error(
                        option.span(),
                        format!("`{option}` is given twice"),
                        "remove one",
                    ));
                }
                TagsArgument::Option(option) if options.set(&option.to_string(), true) => {
                    given.push(option);
                }
                TagsArgument::Attributes(option, attributes) => {
                    given.push(option);
                    for attribute in attributes {
                        let value = attribute.value.as_ref().map(syn::LitStr::value);
                        let added = options.attributes.add(
                            &attribute.target.to_string(),
                            &attribute.name.0,
                            value.as_deref(),
                        );
                        if let Err(error) = added {
                            let span = match (error.part(), &attribute.value) {
                                (AttributePart::Target, _) => attribute.target.span(),
                                (AttributePart::Value, Some(value)) => value.span(),
                                _ => attribute.name.1,
                            };
                            report(syn::Error::new(span, Diagnostic::from(error)));
                        }
                    }
                }
                TagsArgument::Option(option) => report(error(
                    option.span(),
                    format!(
                        "`{option}` is not an option of `vite_tags!`; the options are `{}` and \
                         `{}(…)`, and entries are string literals, not variables",
                        TagOptions::NAMES.join("`, `"),
                        TagOptions::ATTRIBUTES,
                    ),
                    TAGS_USAGE,
                )),
            }
        }
        if let Some(errors) = errors {
            return Err(errors);
        }
        if entries.is_empty() {
            return Err(error(
                input.span(),
                "`vite_tags!` needs at least one entry",
                TAGS_USAGE,
            ));
        }
        Ok(TagsInput { entries, options })
    }
}

const PRELOAD_USAGE: &str =
    "name the assets the first screen needs, as they appear in manifest.json: \
     `vite_preload!(\"src/hero.png\")`, `vite_preload!(\"src/hero.png\", \"src/fonts/inter-latin.woff2\")`";

/// The arguments of `vite_preload!`: one or more string literals, each once.
pub fn preload_names(input: TokenStream) -> syn::Result<Vec<AssetName>> {
    struct Names(Vec<Lit>);
    impl Parse for Names {
        fn parse(input: ParseStream) -> syn::Result<Self> {
            let lits = syn::punctuated::Punctuated::<Lit, Token![,]>::parse_terminated(input)
                .map_err(|parse_error| {
                    error(
                        parse_error.span(),
                        "`vite_preload!` takes string literals naming assets",
                        PRELOAD_USAGE,
                    )
                })?;
            Ok(Names(lits.into_iter().collect()))
        }
    }
    let Names(lits) = parse_arguments(
        input,
        "`vite_preload!` needs at least one asset",
        PRELOAD_USAGE,
    )?;
    let mut names: Vec<AssetName> = Vec::new();
    let mut errors: Option<syn::Error> = None;
    for lit in &lits {
        let result =
            AssetName::from_literal(lit, "vite_preload!", PRELOAD_USAGE).and_then(|asset| {
                match names.iter().any(|named| named.name == asset.name) {
                    true => Err(error(
                        asset.span,
                        format!("`{}` is named twice", asset.name),
                        &format!("remove the second `{}`", asset.name),
                    )),
                    false => Ok(asset),
                }
            });
        match result {
            Ok(asset) => names.push(asset),
            Err(error) => match &mut errors {
                Some(errors) => errors.combine(error),
                None => errors = Some(error),
            },
        }
    }
    match errors {
        Some(errors) => Err(errors),
        None if names.is_empty() => Err(error(
            Span::call_site(),
            "`vite_preload!` needs at least one asset",
            PRELOAD_USAGE,
        )),
        None => Ok(names),
    }
}

/// Where `vite_files!` puts the bytes of the files.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Storage {
    /// In the binary (`vite_files!()`).
    Embedded,
    /// In the output directory, read at run time (`vite_files!(from_disk)`).
    OnDisk,
}

/// The options that `vite_files!` takes after the build's name.
pub const FILES_OPTIONS: [&str; 3] = ["from_disk", "public", "spa_fallback"];

/// The options of `vite_files!`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct FilesOptions {
    pub storage: Storage,
    /// `public`: also the files Vite copied from `public/` into the output directory.
    pub public: bool,
    /// `spa_fallback`: Vite's built `index.html` for the paths that are no file
    /// and have no extension (a single-page app's client routes).
    pub spa_fallback: bool,
}

const FILES_USAGE: &str = "write `vite_files!()` to embed the built files in the binary, \
     `vite_files!(from_disk)` to read them from Vite's output directory when they are requested, \
     and add `public` (`vite_files!(public)`, `vite_files!(from_disk, public)`) to serve the files \
     Vite copied from `public/` too, `spa_fallback` to answer a single-page app's client routes \
     with its built `index.html`";

/// The arguments of `vite_files!`: `from_disk`, `public` and `spa_fallback`, in any order, each once.
pub fn files_options(input: TokenStream) -> syn::Result<FilesOptions> {
    let mut options = FilesOptions {
        storage: Storage::Embedded,
        public: false,
        spa_fallback: false,
    };
    let mut seen: Vec<String> = Vec::new();
    let mut tokens = input.into_iter().peekable();
    while let Some(token) = tokens.next() {
        let name = match &token {
            TokenTree::Ident(ident) if FILES_OPTIONS.iter().any(|option| ident == option) => {
                ident.to_string()
            }
            _ => {
                return Err(error(
                    token.span(),
                    format!(
                    "`vite_files!` takes `from_disk`, `public` and `spa_fallback`, not `{token}`"
                ),
                    FILES_USAGE,
                ))
            }
        };
        if seen.contains(&name) {
            return Err(error(
                token.span(),
                format!("`{name}` is given twice"),
                "remove one",
            ));
        }
        match name.as_str() {
            "from_disk" => options.storage = Storage::OnDisk,
            "public" => options.public = true,
            _ => options.spa_fallback = true,
        }
        seen.push(name);
        match tokens.next() {
            None => break,
            Some(TokenTree::Punct(comma)) if comma.as_char() == ',' => {}
            Some(other) => {
                return Err(error(
                    other.span(),
                    format!("expected `,` between the options of `vite_files!`, found `{other}`"),
                    FILES_USAGE,
                ))
            }
        }
    }
    Ok(options)
}

/// Checks that a macro that takes no arguments got none.
pub fn no_arguments(input: TokenStream, macro_name: &str) -> syn::Result<()> {
    match input.into_iter().next() {
        None => Ok(()),
        Some(token) => Err(error(
            token.span(),
            format!("`{macro_name}` takes no arguments"),
            &format!("write `{macro_name}()`"),
        )),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use quote::quote;

    fn parse(tokens: TokenStream) -> syn::Result<String> {
        AssetName::parse(tokens).map(|asset| asset.name)
    }

    #[test]
    fn accepts_a_string_a_raw_string_and_a_trailing_comma() {
        assert_eq!(parse(quote!("script.ts")).unwrap(), "script.ts");
        assert_eq!(parse(quote!(r"styles.scss")).unwrap(), "styles.scss");
        assert_eq!(parse(quote!("script.ts",)).unwrap(), "script.ts");
        assert_eq!(parse(quote!("a\"b\u{e9}.ts")).unwrap(), "a\"bé.ts");
    }

    fn parse_tags(tokens: TokenStream) -> syn::Result<(Vec<String>, bool)> {
        // Whether `prefetch` is read is tested with the tags themselves.
        TagsInput::parse(tokens).map(|input| {
            let names = input.entries.into_iter().map(|entry| entry.name).collect();
            (names, input.options.integrity == Some(true))
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
            quote!("a.ts" "b.ts"),
            quote!("a.ts", attrs),
            quote!("a.ts", attrs(script)),
            quote!("a.ts", attrs(script = { defer = 1 })),
            quote!("a.ts", attrs(script = { src = "x" })),
        ] {
            let error = parse_tags(tokens.clone()).expect_err(&tokens.to_string());
            assert!(error.to_string().contains("to fix:"), "{error}");
        }
    }

    #[test]
    fn every_mistake_in_the_tags_arguments_is_reported() {
        let error = parse_tags(quote!("a.ts", "a.ts", integrty, "")).unwrap_err();
        let messages: Vec<String> = error.into_iter().map(|error| error.to_string()).collect();
        assert_eq!(messages.len(), 3, "{messages:#?}");
        assert!(messages[0].contains("named twice"), "{messages:#?}");
        assert!(
            messages[1].contains("`integrty` is not an option"),
            "{messages:#?}"
        );
        assert!(
            messages[2].contains("the asset name is empty"),
            "{messages:#?}"
        );
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
            assert!(error.to_string().contains("to fix:"), "{error}");
        }
    }
}
