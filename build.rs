//! Builds the examples' two frontends (examples/axum_askama, and its admin area
//! in examples/axum_askama/admin) with Vite before the
//! examples compile, so that `cargo run --example axum_askama` works on a fresh
//! clone: `npm ci` when the lock file changed, `vite build` when a source did.
//! Then checks the asset names in the actix example's minijinja templates.
fn main() {
    vite_asset::build::Vite::new("examples/axum_askama")
        .out_dir("assets_compiled")
        .run();
    // The admin area's Vite project, the build `admin`: built when it changed.
    vite_asset::build::Vite::new("examples/axum_askama/admin").run();
    // The compile-error and dev-mode tests build this crate against their own
    // fixtures through these variables; the example's templates name the
    // example's own frontend, so they are checked against that alone.
    println!("cargo:rerun-if-env-changed=VITEASSET_MANIFEST");
    println!("cargo:rerun-if-env-changed=VITEASSET_ROOT");
    if std::env::var_os("VITEASSET_MANIFEST").is_none()
        && std::env::var_os("VITEASSET_ROOT").is_none()
    {
        vite_asset::build::TemplateCheck::minijinja("examples/actix_minijinja/templates").run();
    }
}
