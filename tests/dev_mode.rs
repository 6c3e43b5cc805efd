//! The `dev` feature: DevServer URLs, no manifest, and the source check under
//! `root`. Run with `cargo test --features dev --test dev_mode`.

mod support;

use support::{trybuild_group, workspace};

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
            t.pass("tests/ui/dev-pass/*.rs");
            t.compile_fail("tests/ui/dev/*.rs");
        },
    );
    // Without `root`, names are not checked against the sources.
    trybuild_group(
        &[("VITEASSET_DEV_ORIGIN", "https://vite.localhost:3000")],
        |t| {
            t.pass("tests/ui/dev-pass/*.rs");
        },
    );
}
