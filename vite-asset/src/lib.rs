//! Vite assets for Rust web backends, checked by the compiler.
//!
//! [Vite](https://vite.dev) bundles a frontend into files with hashed names
//! (`bundled/script-BkiISj8p.js`) and lists them in a `manifest.json`. A
//! server-rendered page has to link to those hashed names. Integrations in other
//! languages look the names up in the manifest at run time and, for a name that
//! is not there, print something like `asset-not-found` into the page.
//! [`vite_asset!`] looks the name up while your crate compiles:
//!
//! ```
//! use vite_asset::vite_asset;
//!
//! // The hashed URL, as a `&'static str` constant.
//! const SCRIPT: &str = vite_asset!("script.ts");
//! # if !vite_asset::DEV {
//! assert_eq!(SCRIPT, "/assets/bundled/script-BkiISj8p.js");
//! # }
//! ```
//!
//! and a name that is not in the manifest does not compile:
//!
//! ```compile_fail
//! # use vite_asset::vite_asset;
//! const SCRIPT: &str = vite_asset!("scrip.ts");
//! // error: `scrip.ts` is not in the Vite manifest `../tests/fixtures/vite5/manifest.json`
//! //          did you mean `script.ts`?
//! //          its entry points: `admin.ts`, `main.ts`, `report.ts`, `script.ts`, `styles.scss`, `theme.css`
//! //          to fix: ... add it to `build.rollupOptions.input` in vite.config.js and run the Vite build again
//! ```
//!
//! The manifest is read at build time only: it need not be served, nor even deployed.
//!
//! # Configuration
//!
//! The macros read `[package.metadata.vite]` from the `Cargo.toml` of the crate
//! that calls them. Every key is optional; paths are relative to that crate's
//! directory.
//!
//! ```toml
//! [package.metadata.vite]
//! manifest = "assets_compiled/manifest.json"  # default: dist/.vite/manifest.json, then dist/manifest.json
//! base = "/assets/"                           # Vite's `base`; default "/"
//! dev-origin = "http://localhost:5173"        # the Vite DevServer, for the `dev` feature
//! root = "assets_source"                      # Vite's `root`; when set, `dev` checks that files exist
//! ```
//!
//! The environment variables `VITE_MANIFEST`, `VITE_BASE`, `VITE_ORIGIN` and
//! `VITE_ROOT` override these keys, for CI and build scripts. Cargo rebuilds the
//! calling crate when the manifest, its `Cargo.toml` or one of these variables
//! changes; no build script is needed.
//!
//! # Development with the Vite DevServer
//!
//! With the `dev` feature, every call expands to the DevServer's URL of the
//! source file instead (`http://localhost:5173/assets/script.ts`), and no
//! manifest is read. `vite_asset!("@vite/client")` is the URL of Vite's client
//! for hot module reloading; in production it expands to an empty string, so a
//! template includes it only when [`DEV`] is true:
//!
//! ```html
//! {% if vite_asset::DEV %}
//!   <script type="module" src="{{ vite_asset!("@vite/client") }}"></script>
//! {% endif %}
//! <link rel="stylesheet" href="{{ vite_asset!("styles.scss") }}">
//! <script type="module" src="{{ vite_asset!("script.ts") }}"></script>
//! ```
//!
//! # Build order
//!
//! Run the Vite build (`npm run build`) before `cargo build`: the manifest must
//! exist when your crate compiles. In development, enable the `dev` feature and
//! run `npm run dev` beside your server instead.

#![forbid(unsafe_code)]
#![warn(missing_docs)]
#![cfg_attr(docsrs, feature(doc_cfg))]

#[cfg(feature = "build")]
#[cfg_attr(docsrs, doc(cfg(feature = "build")))]
pub mod build;

/// The URL of a Vite asset, resolved at compile time.
///
/// The argument is the asset's path relative to Vite's `root`, exactly as it
/// appears as a key in `manifest.json`: an entry (`"script.ts"`), a CSS entry
/// (`"styles.scss"`) or an asset that an entry imports (`"logo.svg"`). The
/// expansion is a `&'static str`, usable in `const` items, in handlers and in
/// askama templates (`{{ vite_asset!("script.ts") }}`).
///
/// | mode | `vite_asset!("script.ts")` |
/// |---|---|
/// | production | `base` + the entry's `file`: `"/assets/bundled/script-BkiISj8p.js"` |
/// | `dev` feature | `dev-origin` + `base` + the name: `"http://localhost:5173/assets/script.ts"` |
///
/// ```
/// use vite_asset::vite_asset;
///
/// fn homepage() -> String {
///     format!(
///         r#"<link rel="stylesheet" href="{}"><script type="module" src="{}"></script>"#,
///         vite_asset!("styles.scss"),
///         vite_asset!("script.ts"),
///     )
/// }
/// # if !vite_asset::DEV {
/// assert!(homepage().contains(r#"href="/assets/bundled/styles-BBryp449.css""#));
/// # }
/// ```
///
/// # Errors
///
/// Each of these is a compile error at the call, saying what is wrong and how to
/// fix it: a name that is not in the manifest (with the closest names), no
/// manifest where it was configured or in the default places, a manifest that is
/// not valid JSON (with its line and column), an argument that is not one
/// non-empty string literal, and, in `dev` mode with `root` configured, a source
/// file that does not exist.
pub use vite_asset_macros::vite_asset;

/// Whether this build uses the Vite DevServer (the `dev` feature is enabled).
///
/// Templates use it to include Vite's client for hot reloading in development only:
///
/// ```
/// use vite_asset::vite_asset;
///
/// let client = if vite_asset::DEV { vite_asset!("@vite/client") } else { "" };
/// # assert_eq!(client.is_empty(), !vite_asset::DEV);
/// ```
pub const DEV: bool = cfg!(feature = "dev");
