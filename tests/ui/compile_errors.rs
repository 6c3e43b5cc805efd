//! What a user sees when `vite_asset!` or `vite_tags!` cannot resolve a name, as committed
//! `.stderr` files (run with `TRYBUILD=overwrite` to update them after a change
//! to a message, then review the diff), and the production URLs of real Vite
//! 5 and Vite 8 manifests.
#![cfg_attr(feature = "dev", allow(dead_code, unused_imports))]

#[path = "../support/mod.rs"]
mod support;
mod trybuild_group;

use support::{fixture_manifest, workspace};
use trybuild_group::trybuild_group;

#[test]
#[cfg_attr(
    feature = "dev",
    ignore = "production expansions and errors; the dev ones are tests/ui/dev_mode.rs: run without the dev feature"
)]
fn production_expansion_and_errors() {
    let vite5 = fixture_manifest("vite5");
    let vite8 = fixture_manifest("vite8");
    let ui = workspace().join("tests/ui");

    // The tutorial's configuration: base `/assets/`, a Vite 5 manifest.
    trybuild_group(
        &[
            ("VITEASSET_MANIFEST", vite5.to_str().unwrap()),
            ("VITEASSET_BASE", "/assets/"),
        ],
        |t| {
            t.pass("pass/*.rs");
            t.compile_fail("vite5/*.rs");
        },
    );
    // The newest Vite's manifest, behind a CDN: a full URL as `base`, whose path
    // is the one the build was made with (`/assets/`, else it is a compile error).
    trybuild_group(
        &[
            ("VITEASSET_MANIFEST", vite8.to_str().unwrap()),
            ("VITEASSET_BASE", "https://cdn.example.com/assets/"),
        ],
        |t| {
            t.pass("pass/*.rs");
        },
    );
    // A build made with another `base` than the crate's.
    let other_base = fixture_manifest("vite8-other-base");
    trybuild_group(
        &[
            ("VITEASSET_MANIFEST", other_base.to_str().unwrap()),
            ("VITEASSET_BASE", "/assets/"),
        ],
        |t| {
            t.compile_fail("other-base/*.rs");
        },
    );
    // Manifests that no Vite build would leave behind, one per case.
    // (tests/ui/manifests/README.md says how each was made.)
    for (case, manifest) in [
        ("syntax-error", "syntax-error.json"),
        ("truncated", "truncated.json"),
        ("entry-without-file", "entry-without-file.json"),
        ("top-level-array", "top-level-array.json"),
        ("missing-import", "missing-import.json"),
        ("empty", "empty.json"),
        ("not-json", "not-json.json"),
        ("top-level-string", "top-level-string.json"),
        ("invalid-utf8", "invalid-utf8.json"),
        ("too-deep", "too-deep.json"),
        ("file-wrong-type", "file-wrong-type.json"),
        ("file-absolute", "file-absolute.json"),
        ("file-url", "file-url.json"),
        ("file-climbs-out", "file-climbs-out.json"),
        ("a-directory", "a-directory"),
        ("dangling-symlink", "dangling-symlink.json"),
        ("integrity-not-a-hash", "bad-integrity/manifest.json"),
    ] {
        let manifest = ui.join("manifests").join(manifest);
        trybuild_group(&[("VITEASSET_MANIFEST", manifest.to_str().unwrap())], |t| {
            t.compile_fail(format!("broken/{case}.rs"));
        });
    }
    // A manifest that exists but cannot be read. Permissions cannot make one as root
    // (CI runs as root); reading Linux's /proc/self/mem at offset 0 fails for everyone.
    if cfg!(target_os = "linux") {
        trybuild_group(&[("VITEASSET_MANIFEST", "/proc/self/mem")], |t| {
            t.compile_fail("unreadable/*.rs");
        });
    }
    // Odd characters in keys and in built files: escaped, never passed through.
    let odd = odd_names_build();
    trybuild_group(
        &[
            ("VITEASSET_MANIFEST", odd.to_str().unwrap()),
            ("VITEASSET_BASE", "/assets/"),
        ],
        |t| t.pass("odd-names/*.rs"),
    );
    // An output directory with the files Vite copied from public/ beside the build's.
    let public = public_files_build();
    trybuild_group(&[("VITEASSET_MANIFEST", public.to_str().unwrap())], |t| {
        t.pass("public/*.rs")
    });
    // `vite_content!`'s mistakes: built files that are not text, CSS that would
    // end its `<style>`, a CSS entry with two CSS files.
    let content = ui.join("manifests/content/manifest.json");
    trybuild_group(&[("VITEASSET_MANIFEST", content.to_str().unwrap())], |t| {
        t.compile_fail("content/*.rs");
    });
    // A manifest whose built files are gone.
    let stale = ui.join("manifests/stale-build/manifest.json");
    trybuild_group(&[("VITEASSET_MANIFEST", stale.to_str().unwrap())], |t| {
        t.compile_fail("stale/*.rs");
    });
    // The variable names a file that is not there.
    let missing = ui.join("manifests/not-built-yet.json");
    trybuild_group(&[("VITEASSET_MANIFEST", missing.to_str().unwrap())], |t| {
        t.compile_fail("missing-env/*.rs");
    });
    // Nothing configured, and no manifest at the default places.
    trybuild_group(&[], |t| {
        t.compile_fail("no-manifest/*.rs");
    });
}

/// A manifest with odd characters in its keys and files, and the files, under
/// target/ (names with `"`, `<` and `?` cannot be checked out on Windows).
fn odd_names_build() -> std::path::PathBuf {
    let dir = workspace().join("target/ui-odd-names");
    let files = [
        ("pages/odd name.ts", "bundled/a b#c?d.js"),
        ("pages/café.ts", "bundled/café-1.js"),
        ("pages/quote\"less-than<and&.css", "bundled/q\"<&.css"),
    ];
    let mut manifest = serde_json::Map::new();
    for (key, file) in files {
        manifest.insert(
            key.to_owned(),
            serde_json::json!({ "file": file, "src": key, "isEntry": true }),
        );
        let built = dir.join(file);
        std::fs::create_dir_all(built.parent().unwrap()).unwrap();
        std::fs::write(built, "/* built */").unwrap();
    }
    let path = dir.join("manifest.json");
    std::fs::write(&path, serde_json::to_vec_pretty(&manifest).unwrap()).unwrap();
    path
}

/// An output directory as Vite leaves it with `copyPublicDir` on and a compression
/// plugin: the manifest in `.vite/`, a built file and its `.br`, a source map, and
/// two files copied from `public/`.
fn public_files_build() -> std::path::PathBuf {
    let dir = workspace().join("target/ui-public");
    let _ = std::fs::remove_dir_all(&dir);
    for (file, text) in [
        (
            ".vite/manifest.json",
            r#"{"main.ts": {"file": "assets/main-BlblHtZJ.js", "isEntry": true}}"#,
        ),
        ("assets/main-BlblHtZJ.js", "console.log(1)"),
        ("assets/main-BlblHtZJ.js.map", "{}"),
        // As a Vite compression plugin writes it, beside the file.
        ("assets/main-BlblHtZJ.js.br", "BROTLI"),
        ("robots.txt", "User-agent: *"),
        ("icons/favicon.svg", "<svg/>"),
    ] {
        let path = dir.join(file);
        std::fs::create_dir_all(path.parent().unwrap()).unwrap();
        std::fs::write(path, text).unwrap();
    }
    dir.join(".vite/manifest.json")
}
