//! Builds the examples' frontend (examples/axum_askama) with Vite before the
//! examples compile, so that `cargo run --example axum_askama` works on a fresh
//! clone: `npm ci` when the lock file changed, `vite build` when a source did.
//! Then checks the asset names in the actix example's minijinja templates.
fn main() {
    vite_asset::build::Vite::new("examples/axum_askama")
        .out_dir("assets_compiled")
        .run();
    vite_asset::build::TemplateCheck::minijinja("examples/actix_minijinja/templates").run();
}
