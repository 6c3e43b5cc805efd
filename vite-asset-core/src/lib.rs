//! Everything vite-asset knows about a Vite build, as a plain library: the
//! configuration, the manifest, the import walk, the tags, the escaping and the
//! integrity hashes, with one error type for all of them.
//!
//! The macros of `vite-asset-macros` call it at compile time, and `vite-asset`
//! at build and run time, so that every part reads a build the same way. Depend
//! on `vite-asset`, not on this crate: its interface follows vite-asset's needs.
//!
//! Without its default feature `model`, it is the escaping, [`Html`], [`Needed`],
//! the one composition of a page's tags ([`compose`](compose::compose)),
//! the suggestions and [`Diagnostic`] alone, with one small dependency (strsim):
//! what a server needs at run time.
//!
//! ```
//! use std::path::Path;
//! use vite_asset_core::{BuildOutput, Config, Manifest, resolve};
//!
//! let manifest = Manifest::parse(
//!     Path::new("dist/.vite/manifest.json"),
//!     br#"{"main.ts": {"file": "assets/main-4gd9.js", "isEntry": true}}"#,
//! )?;
//! let config = Config::with_defaults(Path::new("/app")).with_base("/static/");
//! let entry = resolve::entry(&manifest, "main.ts", &config)?;
//! assert_eq!(resolve::file_url(&config, &entry.chunk.file), "/static/assets/main-4gd9.js");
//! # let _ = BuildOutput::new(Path::new("dist"));
//! # Ok::<(), vite_asset_core::Diagnostic>(())
//! ```

#![forbid(unsafe_code)]
#![warn(missing_docs)]

pub mod attributes;
pub mod compose;
pub mod diagnostic;
pub mod escape;
pub mod html;
pub mod needed;
pub mod suggest;

// Reading a Vite build (the `model` feature, on by default).
#[cfg(feature = "model")]
pub mod askama_calls;
#[cfg(feature = "model")]
pub mod build_version;
#[cfg(feature = "model")]
pub mod built_file;
#[cfg(feature = "model")]
pub mod config;
#[cfg(feature = "model")]
pub mod content;
#[cfg(feature = "model")]
pub mod embedded_templates;
#[cfg(feature = "model")]
pub mod integrity;
#[cfg(feature = "model")]
pub mod manifest;
#[cfg(feature = "model")]
pub mod project_files;
#[cfg(feature = "model")]
pub mod render;
#[cfg(feature = "model")]
pub mod resolve;
#[cfg(feature = "model")]
pub mod vite_project;
#[cfg(feature = "model")]
pub mod walk;

#[cfg(feature = "model")]
pub use built_file::BuildOutput;
#[cfg(feature = "model")]
pub use config::Config;
pub use diagnostic::Diagnostic;
pub use html::Html;
#[cfg(feature = "model")]
pub use manifest::{Chunk, Entry, EntryId, Manifest};
pub use needed::{Needed, NeededLists};
