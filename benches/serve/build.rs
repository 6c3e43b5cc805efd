//! Compresses the built files for `vite_files!()`, as an app's build script does.
fn main() {
    vite_asset::build::watch_manifest("../../tests/fixtures/react/.vite/manifest.json");
    vite_asset::build::precompress();
}
