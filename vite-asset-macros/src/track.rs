//! What the expansion tells cargo, so that the calling crate is rebuilt exactly
//! when an input of the expansion changes.
//!
//! Stable Rust has no `proc_macro::tracked_path`, so the expansion itself names
//! its inputs: `include_bytes!` of a file and `option_env!` of a variable both
//! land in rustc's dep-info, which cargo checks before every build. One mention
//! per compiler process is enough, and more would be expensive: `include_bytes!`
//! of a multi-megabyte manifest in each of a thousand calls makes rustc hold and
//! hash it a thousand times. So each input is emitted by the first expansion that
//! depends on it, and the rest expand to the bare URL.
//!
//! The file is included in the body of a function that nothing calls: rustc
//! records it in the dep-info all the same, but never evaluates a constant of
//! it, which cost 27 ms and 10 MiB for a 4 MB manifest (see BENCHMARKS.md).
//!
//! Even so, rustc keeps an included file as source text (a copy, a hash and a
//! table of its lines). A build script can watch the manifest instead
//! (`vite_asset::build::watch_manifest`): cargo then reruns it, and rebuilds the
//! crate, when the manifest changes, and the build script names the manifest in
//! an environment variable of the compilation. Such a manifest is not included.
//! The same build script watches the crate's `Cargo.toml` and the configuration's
//! variables, so the expansion then names none of them either: any item that names
//! `core` makes rustc load its metadata, about 7 MiB, which a crate of constants
//! would not otherwise pay.

use std::path::Path;
use std::sync::atomic::{AtomicBool, Ordering};

use proc_macro2::TokenStream;
use quote::{format_ident, quote};

use crate::cache::Seen;
use crate::config::TRACKED_ENV;

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

    /// Items that tell cargo about the environment variables of the configuration,
    /// unless the crate's build script watches them.
    pub fn environment(&mut self) {
        static TRACKED: AtomicBool = AtomicBool::new(false);
        if TRACKED.swap(true, Ordering::Relaxed) || build_script_watches_config() {
            return;
        }
        for name in TRACKED_ENV {
            self.items.extend(
                quote! { const _: ::core::option::Option<&str> = ::core::option_env!(#name); },
            );
        }
    }

    /// The expansion: the expression `value` with the tracking items in front.
    pub fn wrap(self, value: TokenStream) -> TokenStream {
        let items = self.items;
        // Most calls track nothing new: a bare value is less for rustc than a block.
        if items.is_empty() {
            return value;
        }
        quote! { { #items #value } }
    }
}

/// Set by `vite_asset::build::watch_manifest` (vite-asset/src/build.rs) for the
/// crate's compilation: the files its build script watches, joined as in `PATH`.
/// They are the manifests and the crate's `Cargo.toml`, and with the `Cargo.toml`
/// the build script watches [`TRACKED_ENV`].
pub const WATCHED_ENV: &str = "VITE_ASSET_WATCHED_BY_BUILD_SCRIPT";

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
    let Some(watched) = std::env::var_os(WATCHED_ENV) else {
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
