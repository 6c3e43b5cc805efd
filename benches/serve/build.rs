//! Compresses the built files for `vite_files!()`, as an app's build script does.
fn main() {
    vite_asset::build::watch_manifest("../../tests/fixtures/react/.vite/manifest.json");
    vite_asset::build::precompress();
    // memory-serve embeds (and compresses) a whole directory: the fixture's `assets/`.
    memory_serve::load_directory(concat!(env!("CARGO_MANIFEST_DIR"), "/../../tests/fixtures/react/assets"));
}
