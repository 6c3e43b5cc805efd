//! Builds the example's frontend (examples/axum_askama) with Vite before the
//! examples compile, so that `cargo run --example axum_askama` works on a fresh
//! clone: `npm ci` when the lock file changed, `vite build` when a source did.
fn main() {
    vite_asset::build::Vite::new("examples/axum_askama")
        .out_dir("assets_compiled")
        .run();
}
