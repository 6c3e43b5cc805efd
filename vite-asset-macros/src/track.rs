//! What the expansion tells cargo, so that the calling crate is rebuilt exactly
//! when an input of the expansion changes.
//!
//! Stable Rust has no `proc_macro::tracked_path`, so the expansion itself names
//! its inputs: `include_bytes!` of a file and `option_env!` of a variable both
//! land in rustc's dep-info, which cargo checks before every build. One mention
//! per compiler process is enough, and more would make rustc hold and hash a
//! large manifest once per call, so each input is named by the first expansion
//! that depends on it.
//!
//! The file is included in the body of a function that nothing calls: rustc
//! records it in the dep-info all the same, but never evaluates a constant of it.
//!
//! A build script can watch the configuration instead
//! (`vite_asset::build::watch_manifest`); the expansion then names none of what
//! it watches. BENCHMARKS.md has what each way costs.

use std::path::Path;

use proc_macro2::TokenStream;
use quote::{format_ident, quote};

use vite_asset_core::config::{env_names, WATCHED_BY_BUILD_SCRIPT_ENV};

use crate::cache::Seen;

/// Collects the items an expansion must carry for cargo's rebuild tracking.
#[derive(Default)]
pub struct Tracking {
    items: TokenStream,
    /// How many files `items` tracks, to name each function apart.
    files: usize,
}

impl Tracking {
    /// Items that tell cargo about the file at `path` (the crate's `Cargo.toml`, a manifest),
    /// the first time in this process, unless the crate's build script watches it.
    pub fn file(&mut self, path: &Path) {
        // A path that is not UTF-8 cannot be written in a Rust literal; such a
        // file is read but not tracked.
        let Some(file) = path.to_str() else { return };
        if first_time(format!("file:{file}")) && !watched_by_build_script(path) {
            let function = format_ident!("__vite_asset_tracks_{}", self.files);
            self.files += 1;
            self.items.extend(quote! {
                #[allow(dead_code)]
                fn #function() -> &'static [u8] {
                    ::core::include_bytes!(#file)
                }
            });
        }
    }

    /// Items that tell cargo about the environment variables of the configuration
    /// of `build` (the default build for `None`), the first time in this process,
    /// unless the crate's build script watches them.
    pub fn environment(&mut self, build: Option<&str>) {
        if !first_time(format!("env:{}", build.unwrap_or(""))) || build_script_watches_config() {
            return;
        }
        for name in env_names(build) {
            self.items.extend(
                quote! { const _: ::core::option::Option<&str> = ::core::option_env!(#name); },
            );
        }
    }

    /// The expansion: the expression `value` in a block, with the tracking items in
    /// front. Every expansion is a block, whether it tracks anything or not, so
    /// that where a call may stand does not depend on which call came first.
    pub fn wrap(self, value: TokenStream) -> TokenStream {
        let items = self.items;
        quote! { { #items #value } }
    }
}

/// Whether the crate's build script watches its `Cargo.toml` and the
/// configuration's environment variables. The variable alone is not enough: cargo
/// also sets it for the programs that `cargo run` and `cargo test` start, and
/// those may build other crates.
fn build_script_watches_config() -> bool {
    std::env::var_os("CARGO_MANIFEST_DIR")
        .is_some_and(|dir| watched_by_build_script(&Path::new(&dir).join("Cargo.toml")))
}

/// Whether the crate's build script watches `file`. Paths that cannot be
/// resolved are not watched: the file is tracked by rustc instead.
fn watched_by_build_script(file: &Path) -> bool {
    let Some(watched) = std::env::var_os(WATCHED_BY_BUILD_SCRIPT_ENV) else {
        return false;
    };
    let Ok(file) = std::fs::canonicalize(file) else {
        return false;
    };
    std::env::split_paths(&watched)
        .filter_map(|path| std::fs::canonicalize(path).ok())
        .any(|path| path == file)
}

fn first_time(key: String) -> bool {
    static SEEN: Seen = Seen::new();
    SEEN.first_time(key)
}
