//! `vite_asset!`: parse the call, resolve the name, emit the URL.

use std::collections::HashSet;
use std::sync::{Mutex, OnceLock};

use proc_macro2::TokenStream;
use quote::quote;

use crate::config::{self, Config};
use crate::error::Error;
use crate::input::AssetName;
use crate::manifest;
use crate::resolve;
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
    match url(&asset.name, &mut tracking) {
        Ok(url) => tracking.wrap(&url),
        Err(Failure::Call(message)) => Error::new(asset.span, message).into_fallback_expr(),
        Err(Failure::Crate(message)) if first_report(&message) => {
            Error::new(asset.span, message).into_fallback_expr()
        }
        Err(Failure::Crate(_)) => quote! { "" },
    }
}

fn url(name: &str, tracking: &mut Tracking) -> Result<String, Failure> {
    tracking.environment();
    let config = config::load();
    let config: &Config = config
        .as_ref()
        .as_ref()
        .map_err(|message| Failure::Crate(message.clone()))?;
    tracking.file(&config.cargo_toml);

    if DEV {
        if let Some(root) = &config.root {
            resolve::check_dev_source(config, root, name).map_err(Failure::Call)?;
        }
        return Ok(resolve::dev_url(config, name));
    }

    let manifest_path = config.manifest_path().map_err(Failure::Crate)?;
    tracking.file(&manifest_path);
    let manifest = manifest::load(&manifest_path);
    let manifest = manifest
        .as_ref()
        .as_ref()
        .map_err(|message| Failure::Crate(message.clone()))?;
    match resolve::resolve_entry(manifest, name, config) {
        Ok(chunk) => Ok(resolve::asset_url(config, chunk)),
        // `@vite/client` and other `@` ids exist only on the DevServer; templates include
        // them under `{% if vite_asset::DEV %}`, which still expands the call in production.
        Err(_) if name.starts_with('@') => Ok(String::new()),
        Err(message) => Err(Failure::Call(message)),
    }
}

fn first_report(message: &str) -> bool {
    static REPORTED: OnceLock<Mutex<HashSet<String>>> = OnceLock::new();
    REPORTED
        .get_or_init(Default::default)
        .lock()
        .unwrap_or_else(|poisoned| poisoned.into_inner())
        .insert(message.to_owned())
}
