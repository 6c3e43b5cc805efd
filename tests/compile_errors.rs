//! What a user sees when `vite_asset!` or `vite_tags!` cannot resolve a name, as committed
//! `.stderr` files (run with `TRYBUILD=overwrite` to update them after a change
//! to a message, then review the diff), and the production URLs of real Vite
//! 5 and Vite 8 manifests.
#![cfg(not(feature = "dev"))]

mod support;

use support::{fixture_manifest, trybuild_group, workspace};

#[test]
fn production_expansion_and_errors() {
    let vite5 = fixture_manifest("vite5");
    let vite8 = fixture_manifest("vite8");
    let ui = workspace().join("tests/ui");

    // The tutorial's configuration: base `/assets/`, a Vite 5 manifest.
    trybuild_group(
        &[
            ("VITE_MANIFEST", vite5.to_str().unwrap()),
            ("VITE_BASE", "/assets/"),
        ],
        |t| {
            t.pass("tests/ui/pass/*.rs");
            t.compile_fail("tests/ui/vite5/*.rs");
        },
    );
    // The newest Vite's manifest, with the default base `/`.
    trybuild_group(&[("VITE_MANIFEST", vite8.to_str().unwrap())], |t| {
        t.pass("tests/ui/pass/*.rs");
    });
    // Manifests that no Vite build would leave behind, one per case.
    for case in [
        "syntax-error",
        "truncated",
        "entry-without-file",
        "top-level-array",
        "missing-import",
    ] {
        let manifest = ui.join("manifests").join(format!("{case}.json"));
        trybuild_group(&[("VITE_MANIFEST", manifest.to_str().unwrap())], |t| {
            t.compile_fail(format!("tests/ui/broken/{case}.rs"));
        });
    }
    // A manifest whose built files are gone.
    let stale = ui.join("manifests/stale-build/manifest.json");
    trybuild_group(&[("VITE_MANIFEST", stale.to_str().unwrap())], |t| {
        t.compile_fail("tests/ui/stale/*.rs");
    });
    // The variable names a file that is not there.
    let missing = ui.join("manifests/not-built-yet.json");
    trybuild_group(&[("VITE_MANIFEST", missing.to_str().unwrap())], |t| {
        t.compile_fail("tests/ui/missing-env/*.rs");
    });
    // Nothing configured, and no manifest at the default places.
    trybuild_group(&[], |t| {
        t.compile_fail("tests/ui/no-manifest/*.rs");
    });
}
