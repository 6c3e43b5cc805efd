//! The modules of vite-asset-macros that read a manifest and write tags,
//! compiled as a normal library: a proc-macro crate exports nothing but its
//! macros, so libFuzzer cannot call into it. The target's body is
//! `vite-asset-macros/src/fuzzing.rs`, unit-tested there.
#![allow(dead_code)]

#[path = "../../vite-asset-macros/src/cache.rs"]
mod cache;
#[path = "../../vite-asset-macros/src/config.rs"]
mod config;
#[path = "../../vite-asset-macros/src/escape.rs"]
mod escape;
#[path = "../../vite-asset-macros/src/fuzzing.rs"]
mod fuzzing;
#[path = "../../vite-asset-macros/src/integrity.rs"]
mod integrity;
#[path = "../../vite-asset-macros/src/manifest.rs"]
mod manifest;
#[path = "../../vite-asset-macros/src/output.rs"]
mod output;
#[path = "../../vite-asset-macros/src/render.rs"]
mod render;
#[path = "../../vite-asset-macros/src/resolve.rs"]
mod resolve;
#[path = "../../vite-asset-macros/src/tag_reader.rs"]
mod tag_reader;
#[path = "../../vite-asset-macros/src/tags.rs"]
mod tags;
#[path = "../../vite-asset-macros/src/walk.rs"]
mod walk;

pub use fuzzing::parse_resolve_render;
