//! The fuzz target's body on the manifests of the repository's tests, as the
//! fuzzer's seeds are, so that it cannot rot between fuzzing runs.

use std::path::Path;

#[test]
fn runs_on_the_manifests_of_the_tests() {
    let tests = Path::new(env!("CARGO_MANIFEST_DIR")).join("..");
    let mut read = 0;
    for dir in ["fixtures/vite5", "fixtures/vite8", "ui/manifests"] {
        for entry in std::fs::read_dir(tests.join(dir)).unwrap() {
            let path = entry.unwrap().path();
            if let Ok(bytes) = std::fs::read(&path) {
                vite_asset_harness::parse_resolve_render(&bytes);
                read += 1;
            }
        }
    }
    assert!(read > 15, "{read}");
}
