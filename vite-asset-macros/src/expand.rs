//! The expansions: parse the call, load the configuration and the manifest,
//! resolve, and emit the value or the compile error.

use std::path::Path;

use proc_macro2::TokenStream;
use quote::quote;

use crate::cache::Seen;
use crate::config::{self, Config};
use crate::error::Error;
use crate::input::{self, AssetName, TagsInput};
use crate::manifest::{self, Manifest};
use crate::output;
use crate::render;
use crate::resolve;
use crate::tags::Html;
use crate::track::Tracking;

/// Whether the macros expand for the Vite DevServer (the `dev` feature).
pub const DEV: bool = cfg!(feature = "dev");

/// Why a call could not be expanded.
enum Failure {
    /// Wrong for this call only (an unknown name): reported at every such call.
    Call(String),
    /// Wrong for the whole crate (configuration, a missing or broken manifest):
    /// reported once, at the first call, instead of at each of a crate's calls.
    Crate(String),
}

pub fn vite_asset(input: TokenStream) -> TokenStream {
    let asset = match AssetName::parse(input) {
        Ok(asset) => asset,
        Err(error) => return error.into_fallback_expr(),
    };
    let mut tracking = Tracking::default();
    let url = with_config(&mut tracking, |config, tracking| {
        asset_url(config, tracking, &asset.name)
    });
    match url {
        Ok(url) => tracking.wrap(quote! { #url }),
        Err(failure) => report(failure, asset.span, quote! { "" }),
    }
}

pub fn vite_tags(input: TokenStream) -> TokenStream {
    let input = match TagsInput::parse(input) {
        Ok(input) => input,
        Err(error) => return error.into_expr_with_fallback(tags_expr(&Html::default())),
    };
    let mut tracking = Tracking::default();
    let names: Vec<&str> = input
        .entries
        .iter()
        .map(|entry| entry.name.as_str())
        .collect();
    // The parser guarantees one entry at least; the call site is a fallback all the same.
    let mut failed_at = input
        .entries
        .first()
        .map_or_else(proc_macro2::Span::call_site, |entry| entry.span);
    let mut at_entry = |error: render::EntryError| {
        if let Some(entry) = input.entries.get(error.entry) {
            failed_at = entry.span;
        }
        Failure::Call(error.message)
    };
    let html = with_config(&mut tracking, |config, tracking| {
        if DEV {
            return render::development(config, &names).map_err(&mut at_entry);
        }
        with_manifest(config, tracking, |manifest, manifest_path| {
            let integrity = input.integrity || config.integrity;
            render::production(config, manifest, manifest_path, &names, integrity)
                .map_err(&mut at_entry)
        })
    });
    match html {
        Ok(html) => tracking.wrap(tags_expr(&html)),
        Err(failure) => report(failure, failed_at, tags_expr(&Html::default())),
    }
}

pub fn vite_react_refresh(input: TokenStream) -> TokenStream {
    if let Err(error) = input::no_arguments(input, "vite_react_refresh!") {
        return error.into_expr_with_fallback(tags_expr(&Html::default()));
    }
    if !DEV {
        return tags_expr(&Html::default());
    }
    let mut tracking = Tracking::default();
    let html = with_config(&mut tracking, |config, _| {
        let url = resolve::dev_url(config, "@react-refresh");
        // A JSON string is a JavaScript string; `<` escaped so that no `</script>` can end the element.
        let url = serde_json::Value::String(url)
            .to_string()
            .replace('<', "\\u003c");
        let mut html = Html::default();
        html.inline_module_script(&format!(
            "\nimport RefreshRuntime from {url};\n\
             RefreshRuntime.injectIntoGlobalHook(window);\n\
             window.$RefreshReg$ = () => {{}};\n\
             window.$RefreshSig$ = () => (type) => type;\n\
             window.__vite_plugin_react_preamble_installed__ = true;\n"
        ));
        Ok(html)
    });
    match html {
        Ok(html) => tracking.wrap(tags_expr(&html)),
        Err(failure) => report(
            failure,
            proc_macro2::Span::call_site(),
            tags_expr(&Html::default()),
        ),
    }
}

/// The `vite_asset::Tags` value of `html`.
fn tags_expr(html: &Html) -> TokenStream {
    let text = &html.text;
    // The nonce offsets as one byte-string literal (u32, little-endian), not a
    // slice of integer tokens: a page with hundreds of tags stays one token for rustc.
    let nonce_at: Vec<u8> = html
        .nonce_at
        .iter()
        .flat_map(|&offset| u32::try_from(offset).unwrap_or(u32::MAX).to_le_bytes())
        .collect();
    let nonce_at = proc_macro2::Literal::byte_string(&nonce_at);
    let text = str_literal(text);
    quote! { ::vite_asset::Tags::__precomputed(#text, #nonce_at) }
}

/// `text` as a string literal. A raw string (`r#"…"#`) needs no escaping: the
/// tags of a thousand calls are megabytes, and escaping them here, unoptimized,
/// took longer than rustc takes to read them.
fn str_literal(text: &str) -> proc_macro2::Literal {
    // A raw string cannot hold a carriage return; the escaped form can.
    if !text.contains('\r') {
        let mut hashes = String::from("#");
        // Tags rarely hold a `#` (URLs encode it), and looking for one byte is a
        // `memchr`; looking for `"#` through megabytes, unoptimized, is not.
        if text.contains('#') {
            while text.contains(&format!("\"{hashes}")) {
                hashes.push('#');
            }
        }
        // rustc reads at most 255 `#`s.
        if hashes.len() < 256 {
            let raw = format!("r{hashes}\"{text}\"{hashes}");
            // SAFETY: `raw` is a valid raw string literal: it holds no carriage return,
            // and no `"` followed by as many `#`s as close it. (The checked parse would
            // re-lex the megabytes of a crate's tags in unoptimized code, twice the cost
            // of escaping them.)
            return unsafe { proc_macro2::Literal::from_str_unchecked(&raw) };
        }
    }
    proc_macro2::Literal::string(text)
}

/// The compile error for `failure` at `span`, with `fallback` as the value, unless
/// the failure concerns the whole crate and was reported at an earlier call.
fn report(failure: Failure, span: proc_macro2::Span, fallback: TokenStream) -> TokenStream {
    match failure {
        Failure::Call(message) => Error::new(span, message).into_expr_with_fallback(fallback),
        Failure::Crate(message) if first_report(&message) => {
            Error::new(span, message).into_expr_with_fallback(fallback)
        }
        Failure::Crate(_) => fallback,
    }
}

/// Runs `expand` with the calling crate's configuration.
fn with_config<T>(
    tracking: &mut Tracking,
    expand: impl FnOnce(&Config, &mut Tracking) -> Result<T, Failure>,
) -> Result<T, Failure> {
    tracking.environment();
    let config = config::load();
    let config: &Config = config
        .as_ref()
        .as_ref()
        .map_err(|message| Failure::Crate(message.clone()))?;
    tracking.file(&config.cargo_toml);
    expand(config, tracking)
}

/// Runs `expand` with the manifest that `config` names, and its path.
fn with_manifest<T>(
    config: &Config,
    tracking: &mut Tracking,
    expand: impl FnOnce(&Manifest, &Path) -> Result<T, Failure>,
) -> Result<T, Failure> {
    let manifest_path = config.manifest_path().map_err(Failure::Crate)?;
    tracking.file(&manifest_path);
    let manifest = manifest::load(&manifest_path);
    let manifest = manifest
        .as_ref()
        .as_ref()
        .map_err(|message| Failure::Crate(message.clone()))?;
    expand(manifest, &manifest_path)
}

fn asset_url(config: &Config, tracking: &mut Tracking, name: &str) -> Result<String, Failure> {
    if DEV {
        resolve::check_dev_source(config, name).map_err(Failure::Call)?;
        return Ok(resolve::dev_url(config, name));
    }
    with_manifest(config, tracking, |manifest, manifest_path| {
        match resolve::resolve_entry(manifest, name, config) {
            Ok(entry) => {
                let chunk = entry.chunk;
                let out_dir = config.out_dir(manifest_path);
                output::built_file(config, manifest, &out_dir, &chunk.file)
                    .map_err(Failure::Call)?;
                Ok(resolve::asset_url(config, chunk))
            }
            // `@vite/client` and other `@` ids exist only on the DevServer; templates include
            // them under `{% if vite_asset::DEV %}`, which still expands the call in production.
            Err(_) if name.starts_with('@') => Ok(String::new()),
            Err(message) => Err(Failure::Call(message)),
        }
    })
}

fn first_report(message: &str) -> bool {
    static REPORTED: Seen = Seen::new();
    REPORTED.first_time(message.to_owned())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn string_literals_hold_any_text() {
        for text in [
            "",
            "<link rel=\"stylesheet\" href=\"/a.css\">\n<script></script>",
            "a\"#b\"##c",
            "\"#\"##\"###",
            "carriage\rreturn",
            "\\n is not a newline, é is",
            &format!("\"{}", "#".repeat(300)),
        ] {
            let literal = str_literal(text);
            let parsed: syn::LitStr = syn::parse_str(&literal.to_string()).unwrap();
            assert_eq!(parsed.value(), text, "{literal}");
        }
        assert!(str_literal("a\"b").to_string().starts_with("r#\""));
    }
}
