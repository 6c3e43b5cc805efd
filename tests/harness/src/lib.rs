//! What checks vite-asset-core from outside, as any crate that uses it would:
//! [`strict_html`], a strict parser of the tags it writes, and
//! [`parse_resolve_render`], the body of the fuzz target (`fuzz/`), which the
//! tests of this crate also run on the manifests of the repository's tests.
//! The property tests are in `tests/properties.rs`.

#![forbid(unsafe_code)]

mod fuzz;
pub mod strict_html;

pub use fuzz::parse_resolve_render;
