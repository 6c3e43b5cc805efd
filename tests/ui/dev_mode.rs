//! The `dev` feature: DevServer URLs, no manifest, and the source check under
//! `root`. Run with `cargo test -p vite-asset-ui-tests --features dev --test dev_mode`.

#[path = "../support/mod.rs"]
mod support;
mod trybuild_group;

use support::workspace;
use trybuild_group::trybuild_group;

#[test]
fn dev_expansion_and_errors() {
    let root = workspace().join("tests/frontend/src");
    // No VITEASSET_MANIFEST: dev mode reads no manifest.
    trybuild_group(
        &[
            ("VITEASSET_BASE", "/assets/"),
            ("VITEASSET_ROOT", root.to_str().unwrap()),
        ],
        |t| {
            t.pass("dev-pass/*.rs");
            t.compile_fail("dev/*.rs");
        },
    );
    // Without `root`, names are not checked against the sources.
    trybuild_group(
        &[("VITEASSET_DEV_ORIGIN", "https://vite.localhost:3000")],
        |t| {
            t.pass("dev-pass/*.rs");
        },
    );
}
