//! Builds frontend/ with Vite (npm ci, vite build) when it changed, and
//! compresses its files for `vite_files!()`.
fn main() {
    vite_asset::build::Vite::new("frontend").run();
}
