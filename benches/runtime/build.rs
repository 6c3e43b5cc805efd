//! Writes the manifest the benchmarks compile against: the real Vite 5 build of
//! tests/frontend, plus `deep.ts`, an entry whose static imports form a graph of
//! 63 chunks, 6 levels deep, with shared chunks and CSS, as a large app's page has.
//! The macros read it through `VITEASSET_MANIFEST`; the run-time contenders read the
//! same file. The built files are written beside it, as the macros check that
//! each file they link is there: the fixture's, and a placeholder for the rest.

use std::path::PathBuf;

use serde_json::{json, Map, Value};

const DEEP_CHUNKS: usize = 63;

fn main() {
    let fixture = PathBuf::from("../../tests/fixtures/vite5/manifest.json");
    println!("cargo:rerun-if-changed={}", fixture.display());
    println!("cargo:rerun-if-changed=build.rs");
    let mut manifest: Map<String, Value> =
        serde_json::from_slice(&std::fs::read(&fixture).expect("the Vite 5 fixture manifest"))
            .expect("the fixture manifest is JSON");

    let key = |n: usize| format!("_deep{n}-{n:08x}.js");
    for n in 0..DEEP_CHUNKS {
        // A binary tree (n imports 2n+1 and 2n+2), and every fifth chunk also
        // imports a chunk that another branch imports: shared chunks.
        let mut imports: Vec<String> = [2 * n + 1, 2 * n + 2]
            .into_iter()
            .filter(|&child| child < DEEP_CHUNKS)
            .map(key)
            .collect();
        if n % 5 == 0 && n + 7 < DEEP_CHUNKS {
            imports.push(key(DEEP_CHUNKS - 1 - n % 7));
        }
        manifest.insert(
            key(n),
            json!({
                "file": format!("bundled/deep{n}-{n:08x}.js"),
                "name": format!("deep{n}"),
                "imports": imports,
                "css": [format!("bundled/deep{n}-{n:08x}.css")],
            }),
        );
    }
    manifest.insert(
        "deep.ts".to_owned(),
        json!({
            "file": "bundled/deep-00000000.js",
            "name": "deep",
            "src": "deep.ts",
            "isEntry": true,
            "imports": [key(0)],
            "css": ["bundled/deep-00000000.css"],
        }),
    );

    let out = PathBuf::from(std::env::var_os("OUT_DIR").expect("cargo sets OUT_DIR"));
    let path = out.join("manifest.json");
    std::fs::write(
        &path,
        serde_json::to_vec_pretty(&manifest).expect("serializable"),
    )
    .expect("OUT_DIR is writable");
    let fixture_dir = fixture.parent().expect("the fixture has a directory");
    for chunk in manifest.values() {
        let files = chunk["file"].as_str().into_iter().chain(
            chunk["css"]
                .as_array()
                .into_iter()
                .flatten()
                .filter_map(Value::as_str),
        );
        for file in files {
            let built = out.join(file);
            std::fs::create_dir_all(built.parent().expect("a file has a directory"))
                .expect("OUT_DIR is writable");
            let content = std::fs::read(fixture_dir.join(file))
                .unwrap_or_else(|_| b"/* a synthetic chunk */".to_vec());
            std::fs::write(&built, content).expect("OUT_DIR is writable");
        }
    }
    println!("cargo:rustc-env=VITEASSET_MANIFEST={}", path.display());
}
