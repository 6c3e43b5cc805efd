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
    /// Items that tell cargo about `file`, the first time in this process.
    pub fn file(&mut self, file: &Path) {
        // A path that is not UTF-8 cannot be written in a Rust literal; such a
        // file is read but not tracked.
        let Some(file) = file.to_str() else { return };
        if first_time(format!("file:{file}")) {
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

    /// Items that tell cargo about the environment variables of the configuration.
    pub fn environment(&mut self) {
        static TRACKED: AtomicBool = AtomicBool::new(false);
        if TRACKED.swap(true, Ordering::Relaxed) {
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

fn first_time(key: String) -> bool {
    static SEEN: Seen = Seen::new();
    SEEN.first_time(key)
}
