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
//! The environment variables `VITEASSET_MANIFEST`, `VITEASSET_BASE`,
//! `VITEASSET_DEV_ORIGIN`, `VITEASSET_ROOT` and `VITEASSET_OUT_DIR` override these
//! keys, for CI and build scripts. (Not `VITE_…`: Vite exposes those to the
//! frontend's code.) Cargo rebuilds the calling crate when the manifest, its
//! `Cargo.toml` or one of these variables changes; no build script is needed.
//!
//! # Development with the Vite DevServer
//!
//! With the `dev` feature, every call expands to the path of the source file
//! on the page's own origin instead (`/assets/script.ts`), and no manifest is
//! read; the serving layer (`vite_files!().router()`, `.service()`) forwards those
//! paths to the build's DevServer, which it starts when none answers
//! (`dev-proxy = false` links the DevServer's own URLs instead).
//! `vite_asset!("@vite/client")` is the URL of Vite's client for hot module
//! reloading; in production it expands to an empty string, so a template
//! includes it only when [`DEV`] is true:
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
//! exist when your crate compiles. In development, enable the `dev` feature:
//! `cargo run --features dev` starts the DevServer too.

#![forbid(unsafe_code)]
#![warn(missing_docs)]
#![cfg_attr(docsrs, feature(doc_cfg))]

#[cfg(all(
    feature = "dev",
    not(debug_assertions),
    not(feature = "dev-in-release")
))]
compile_error!(
    "vite-asset: the `dev` feature is on in a release build: every page would load its assets \
     from the Vite DevServer on the machine that runs it (`localhost:5173`), which a deployed \
     server does not have\n  to fix: build the release without `--features dev`; to build dev \
     mode with optimizations on purpose (to profile it), enable vite-asset's `dev-in-release` feature"
);

#[cfg(feature = "build")]
#[cfg_attr(docsrs, doc(cfg(feature = "build")))]
pub mod build;

/// `mutex`, locked: what a thread that panicked while holding it left is still
/// the best there is (a list of watched files, a status, the files said missing).
#[cfg(any(feature = "build", feature = "serve"))]
fn locked<T>(mutex: &std::sync::Mutex<T>) -> std::sync::MutexGuard<'_, T> {
    mutex.lock().unwrap_or_else(|poison| poison.into_inner())
}
#[cfg(feature = "actix")]
#[cfg_attr(docsrs, doc(cfg(feature = "actix")))]
pub mod actix;
mod asset_error;
mod content;
#[cfg(all(feature = "dev", feature = "serve"))]
mod dev;
#[cfg(feature = "dev")]
mod dev_urls;
mod files;
#[cfg(feature = "minijinja")]
#[cfg_attr(docsrs, doc(cfg(feature = "minijinja")))]
pub mod minijinja;
#[cfg(feature = "serve")]
#[cfg_attr(docsrs, doc(cfg(feature = "serve")))]
pub mod serve;
mod table;
mod tags;
#[cfg(all(feature = "build", any(feature = "minijinja", feature = "tera")))]
mod template_check;
mod templates;
#[cfg(feature = "tera")]
#[cfg_attr(docsrs, doc(cfg(feature = "tera")))]
pub mod tera;

pub use asset_error::{AssetError, AssetErrorKind};
pub use content::Content;
pub use files::{Encoded, FileContents, ViteFile, ViteFiles};
pub use table::{Builds, ViteManifest};
/// The attributes that `attrs` gives the tags, with every type their methods name.
pub use vite_asset_core::attributes;
pub use vite_asset_core::attributes::{AttributeError, AttributePart, Attributes};
pub use vite_asset_core::compose::TagOptions;
#[doc(hidden)]
#[path = "private.rs"]
pub mod __private;
pub use tags::{OwnedTags, Tags, WithNonce};
pub use templates::Templates;

/// In development (the `dev` feature, with the serving layer mounted), reloads
/// the pages open in browsers when a file under `dir` changes: the templates a
/// server reads from disk at each render (minijinja, tera). The serving layer
/// sends the reload on a stream of events that it adds to Vite's client, so it
/// reaches the pages of any server that streams a response (axum, actix-web).
/// Nothing in production.
///
/// ```no_run
/// # fn main() -> std::io::Result<()> {
/// vite_asset::reload_pages_on_change(concat!(env!("CARGO_MANIFEST_DIR"), "/templates"))?;
/// # Ok(()) }
/// ```
///
/// # Errors
///
/// In development, when `dir` cannot be read (it does not exist, say): the pages
/// would never reload, so it is an error rather than nothing.
pub fn reload_pages_on_change(dir: impl AsRef<std::path::Path>) -> std::io::Result<()> {
    #[cfg(all(feature = "dev", feature = "serve"))]
    return dev::watch(dir.as_ref());
    #[cfg(not(all(feature = "dev", feature = "serve")))]
    {
        let _ = dir;
        Ok(())
    }
}

/// The files of the Vite build, listed from its manifest at compile time, as a
/// `&'static` [`ViteFiles`] to serve with [`ViteFiles::service`] (the `serve`
/// feature).
///
/// It holds exactly the files the build wrote and the manifest lists (every
/// entry's `file`, `css` and `assets`), nothing else of the output directory:
/// not the manifest, not `.vite/`. For each: the URL path below `base`, the
/// `Content-Type`, a strong entity tag of its content, whether its name carries
/// a content hash (then browsers may cache it for a year, `immutable`), and the
/// `.br` and `.gz` files that a Vite compression plugin wrote beside it.
///
/// - `vite_files!()` embeds the files in the binary: deploy the binary alone.
/// - `vite_files!(from_disk)` reads them when they are requested, from the
///   output directory at the absolute path it had when the crate compiled, so
///   the working directory never matters. The entity tag and length are those
///   of the file as it is read (a changed file gets a new tag). The service reads
///   in tokio's blocking pool, not on an async worker, and keeps files up to
///   4 MiB in memory while a `stat` says they are unchanged. A missing file is a
///   `500` whose body names no path; the log names the file, once.
/// - `public` (`vite_files!(public)`, `vite_files!(from_disk, public)`) adds the
///   files Vite copied from `public/` into the output directory (`robots.txt`,
///   `favicon.ico`), served at `base` as Vite serves them, with `no-cache`: all
///   the other files of the output directory but the manifest, `.vite/`, hidden
///   files and source maps.
/// - `spa_fallback` (`vite_files!(spa_fallback)`, with the others in any order)
///   is for a single-page app that Vite builds from its `index.html`: a path
///   below `base` that is no file and whose last part has no extension (a client
///   route, `/settings/profile`) gets the built `index.html`, with `no-cache`; a
///   path with an extension that is no file (`/missing.js`) stays a `404`. The
///   app's own routes win over it in axum; in actix-web register
///   [`ViteFiles::actix`] after them. A build without an `index.html` is a
///   compile error. In `dev` the client routes go to the DevServer, which
///   answers them with its `index.html`.
///
/// In `dev` it is empty: the Vite DevServer serves the assets.
///
/// ```
/// static FILES: &vite_asset::ViteFiles = vite_asset::vite_files!();
/// # if !vite_asset::DEV {
/// assert!(FILES.paths().any(|path| path == "bundled/script-BkiISj8p.js"));
/// # }
/// ```
///
/// # Errors
///
/// The manifest's errors, as for [`vite_asset!`], and a file the manifest lists
/// that is missing from the output directory (a stale build).
pub use vite_asset_macros::vite_files;

/// The run-time templates of a directory (minijinja or tera), as the build
/// script's `TemplateCheck` checked them, embedded in the binary: a `&'static`
/// [`Templates`] for [`minijinja::environment`]
/// or [`tera::Pages::new`]. The binary then renders
/// its pages from any directory, alone; in `dev` the same call reads the
/// directory instead, so that an edit shows without a restart.
///
/// The argument is the directory as build.rs names it, relative to the crate's
/// directory:
///
/// ```ignore
/// // build.rs
/// fn main() {
///     vite_asset::build::TemplateCheck::minijinja("templates").run();
/// }
///
/// // src/main.rs
/// static MANIFEST: &vite_asset::ViteManifest = vite_asset::vite_manifest!();
///
/// fn main() -> Result<(), minijinja::Error> {
///     let env = vite_asset::minijinja::environment(vite_asset::vite_templates!("templates"), MANIFEST)?;
///     println!("{}", env.get_template("page.html")?.render(())?);
///     Ok(())
/// }
/// ```
///
/// (This crate has no build script, so the example is not run here: the README's
/// minijinja and tera apps, which a test builds and runs, are.)
///
/// # Errors
///
/// A directory that build.rs did not check (or a crate without a build
/// script) is a compile error, with the line to add to build.rs.
pub use vite_asset_macros::vite_templates;

/// The Vite manifest, read at compile time into a `&'static` [`ViteManifest`],
/// for templates that are loaded at run time (minijinja, tera) and for names
/// that a handler only knows at run time.
///
/// The table holds every key of the manifest with its URL, the files that its
/// tags link (with their integrity hashes), and the tags of each entry point
/// written out, so that a lookup is all that rendering costs. The manifest is
/// not read, nor needed, at run time. In `dev` it holds the DevServer's
/// configuration instead, and every name gives the DevServer's URL.
///
/// ```
/// static MANIFEST: &vite_asset::ViteManifest = vite_asset::vite_manifest!();
/// # if !vite_asset::DEV {
/// assert_eq!(MANIFEST.url("styles.scss")?, vite_asset::vite_asset!("styles.scss"));
/// # }
/// # Ok::<(), vite_asset::AssetError>(())
/// ```
///
/// # Errors
///
/// The manifest's errors, as for [`vite_asset!`], and a built file missing from
/// the output directory (its integrity hash is computed at compile time).
pub use vite_asset_macros::vite_manifest;

/// The URL of a Vite asset, resolved at compile time.
///
/// The argument is the asset's path relative to Vite's `root`, exactly as it
/// appears as a key in `manifest.json`: an entry (`"script.ts"`), a CSS entry
/// (`"styles.scss"`) or an asset that an entry imports (`"logo.svg"`). The
/// expansion is a `&'static str`, usable in `const` items, in handlers and in
/// askama templates (`{{ vite_asset!("script.ts") }}`).
///
/// Every call expands to a block expression (`{ … "/assets/…" }`), the same
/// block whatever was expanded before it: it goes wherever an expression goes,
/// but not where Rust wants a literal token (`concat!`, `#[doc = …]`). The same
/// holds for [`vite_tags!`] and [`vite_react_refresh!`].
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

/// Every tag that Vite entries need, computed at compile time, as [`Tags`].
///
/// The arguments are entries as [`vite_asset!`] takes them (paths relative to
/// Vite's `root`, as in `manifest.json`), JS or CSS, one or more. In production
/// the expansion walks the manifest's import graph once, at compile time, and
/// writes, each file once:
///
/// 1. `<link rel="stylesheet">` for the CSS of every chunk the entries import
///    statically, a chunk's imports before the chunk, then for the entries' own
///    CSS (and for CSS entries themselves);
/// 2. `<script type="module">` for each JS entry;
/// 3. `<link rel="modulepreload">` for each chunk the entries import statically,
///    so the browser fetches them in parallel rather than one import at a time.
///
/// Chunks that are only imported dynamically (`import("./lazy")`) are left out:
/// Vite loads them, and their CSS, when the code asks. Every tag has
/// `crossorigin`, as in the HTML that Vite writes.
///
/// ```
/// use vite_asset::vite_tags;
///
/// // main.ts imports a.ts (which imports b.ts) and shared.ts, each with CSS.
/// let head = vite_tags!("main.ts");
/// # if !vite_asset::DEV {
/// assert_eq!(
///     head.as_str(),
///     r#"<link rel="stylesheet" crossorigin href="/assets/bundled/b-D7N3NcFi.css">
/// <link rel="stylesheet" crossorigin href="/assets/bundled/a-DfQnxMk6.css">
/// <link rel="stylesheet" crossorigin href="/assets/bundled/shared-DeVWnWH3.css">
/// <link rel="stylesheet" crossorigin href="/assets/bundled/main-DN2F5B3_.css">
/// <script type="module" crossorigin src="/assets/bundled/main-BlblHtZJ.js"></script>
/// <link rel="modulepreload" crossorigin href="/assets/bundled/b-CPhMDP0Z.js">
/// <link rel="modulepreload" crossorigin href="/assets/bundled/a-u2G9HTfH.js">
/// <link rel="modulepreload" crossorigin href="/assets/bundled/shared-C1-ErZXH.js">"#
/// );
/// # }
/// ```
///
/// # CSS order
///
/// Vite's backend-integration guide lists an entry's own CSS before the CSS of
/// the chunks it imports; Vite's own HTML output puts the imported chunks' CSS
/// first. We follow the HTML output: it is the order in which the browser
/// applies the same CSS under the DevServer (imports run first), so a rule in
/// the entry's CSS overrides one it builds on in both modes.
///
/// # Several entries
///
/// `vite_tags!("main.ts", "admin.ts")` shares one walk: a chunk both entries
/// import is preloaded once and its CSS linked once. Stylesheets come first, then
/// the scripts in the order given, then the preloads.
///
/// # Development
///
/// With the `dev` feature the expansion is Vite's client for hot reloading,
/// then each entry from the DevServer: a stylesheet link for CSS sources
/// (`.css`, `.scss`, `.less`, …), a module script for the rest. No manifest is read.
///
/// # Subresource integrity
///
/// `vite_tags!("main.ts", integrity)`, or `integrity = true` in
/// `[package.metadata.vite]` for every call, adds `integrity="sha384-…"` to each
/// tag: the manifest's `integrity` field when a Vite plugin wrote one, otherwise
/// the hash of the built file, computed at compile time. The built files are found
/// in Vite's output directory: the manifest's directory (the parent of `.vite/`),
/// or `out-dir` in `[package.metadata.vite]`. A file missing there is a compile
/// error: the build is stale. In development, `integrity` is ignored.
///
/// ```
/// let tags = vite_asset::vite_tags!("script.ts", integrity);
/// # if !vite_asset::DEV {
/// assert!(tags.contains(r#" integrity="sha384-"#));
/// # }
/// ```
///
/// # Prefetching lazy routes
///
/// `vite_tags!("main.ts", prefetch)`, or `prefetch = true` in
/// `[package.metadata.vite]` for every call, adds after the preloads a
/// `<link rel="prefetch" crossorigin>` for each file that the entries' dynamic
/// imports (`import("./lazy")`, a router's lazy routes) load, with their static
/// imports and CSS, and what those import lazily in turn, minus what the page
/// loads already: a navigation to a lazy route then costs no round trip.
/// Browsers fetch prefetches at the lowest priority, after what the page itself
/// needs, so they do not hold up its first render (BENCHMARKS.md has the
/// measurement); they are not in [`Tags::link_header`], which is for this page.
///
/// ```
/// let tags = vite_asset::vite_tags!("main.ts", prefetch);
/// # if !vite_asset::DEV {
/// assert!(tags.ends_with(r#"<link rel="prefetch" crossorigin href="/assets/bundled/lazy-Bd9spmfq.js">"#), "{tags}");
/// # }
/// ```
///
/// # Vite 8's import map
///
/// With `build.chunkImportMap`, Vite 8 writes `importmap.json` into the output
/// directory and its chunks import each other by names that only that map
/// resolves. When the file is there, the tags start with
/// `<script type="importmap">` holding it, read at compile time, before every
/// module script and preload; a page without it would fail to load its
/// modules. Browsers take one import map per page before the first module, so
/// write such a page's entries in one `vite_tags!` call.
/// [`Tags::script_hashes`] has its `'sha256-…'` for a Content-Security-Policy
/// without nonces; with nonces, [`Tags::with_nonce`] gives it one.
///
/// # Content-Security-Policy nonces
///
/// [`Tags::with_nonce`] adds a per-request `nonce="…"` to every tag.
///
/// # In askama templates
///
/// `{{ vite_tags!("main.ts") }}` writes the tags as they are, without `|safe`,
/// and `{{ vite_tags!("main.ts").with_nonce(nonce) }}` with a nonce: the `askama`
/// feature (on by default) tells askama 0.16 that [`Tags`] is markup. With another
/// major version of askama, write `|safe`, or that version escapes the tags.
///
/// # Errors
///
/// Compile errors, at the literal concerned: an entry that is not in the
/// manifest (with the closest names), an asset that is neither JS nor CSS (use
/// [`vite_asset!`] for its URL), an entry named twice, an unknown option, a
/// manifest whose `imports` name a chunk that is not in it, and, with
/// `integrity`, a built file missing from the output directory. Import cycles
/// between chunks are allowed, as in JavaScript, and each chunk is still listed once.
pub use vite_asset_macros::vite_tags;

/// `<link rel="preload">` for assets that the first screen needs before the
/// page's scripts would ask for them (the hero image, the font its text is set
/// in), as [`Tags`], written at compile time; empty in development.
///
/// Each name is a key of the manifest, as for [`vite_asset!`]. The tag has the
/// `as` and `type` the file needs (`image`, `font`, `style`; a script gets
/// `modulepreload`), and `crossorigin` for fonts, which browsers fetch in CORS
/// mode: a preload that does not match the later request is fetched twice.
/// [`Tags::link_header`] has the same preloads, for a server that sends the
/// headers before the page.
///
/// ```
/// let head = vite_asset::vite_preload!("logo.svg");
/// # if !vite_asset::DEV {
/// assert_eq!(
///     head.as_str(),
///     r#"<link rel="preload" as="image" type="image/svg+xml" href="/assets/bundled/logo-CecDeyp5.svg">"#
/// );
/// assert_eq!(head.link_header(), "</assets/bundled/logo-CecDeyp5.svg>; rel=preload; as=image");
/// # }
/// ```
///
/// Name only what the first screen shows. A web font package lists a file per
/// subset and format (`@fontsource/inter`: 20 of them); preload the one file
/// that the page's text uses (`…inter-latin-400-normal.woff2`), not all of them:
/// every preload competes with the page's own files for the line.
///
/// # Errors
///
/// A name that is not in the manifest, a built file that is missing, and a
/// file that no browser preloads (neither an image, a font, a stylesheet nor a
/// script), each at its literal.
pub use vite_asset_macros::vite_preload;

/// A built file's contents, read at compile time, for what must not link it:
/// critical CSS in a `<style>`, an e-mail (which links nothing), a PDF, an SVG
/// inline. The name is a manifest key, as for [`vite_asset!`]; the value is a
/// [`Content`]: the text, byte for byte as Vite built it, and its CSP hash.
///
/// - A stylesheet gives its CSS file. Since Vite 7, a CSS entry that
///   JavaScript imports too is listed with a JS stub as its `file`; its CSS
///   is what this gives, never the stub.
/// - A script gives its chunk (without the chunks it imports).
/// - An asset gives its file, when it is text (an SVG).
///
/// ```
/// use vite_asset::{vite_content, Content};
///
/// const CRITICAL: Content = vite_content!("theme.css");
/// let head = format!("<style>{CRITICAL}</style>");
/// // Allowed by `Content-Security-Policy: style-src 'self' {CRITICAL.csp_hash()}`.
/// # if !vite_asset::DEV {
/// assert!(head.contains("--brand:"));
/// assert!(CRITICAL.csp_hash().starts_with("'sha256-"));
/// # }
/// ```
///
/// Under the `dev` feature it reads the last Vite build as well: the
/// DevServer's modules are not files to write into a page.
///
/// # Errors
///
/// At the literal: a name that is not in the manifest, a built file that is
/// missing, one that is not UTF-8 text (an image: link it with
/// [`vite_asset!`]), and CSS that holds `</style` or JavaScript that holds
/// `</script`, which would end the element they are written into.
pub use vite_asset_macros::vite_content;

/// The version of the build, computed at compile time: 16 hexadecimal digits
/// of a hash over what a browser loads (every file that the manifest lists,
/// with its URL, which Vite's content hash in the name ties to its bytes, the
/// bytes of any file named without one, and Vite 8's import map). A build of
/// the same sources gives the same version; any change to what a page loads
/// gives another. In development it is `"dev"`.
///
/// It is the value that a page must compare to know that the server has a new
/// build: Inertia's `X-Inertia-Version` header, or an element that Turbo
/// tracks (`<meta name="vite-build" content="…" data-turbo-track="reload">`
/// in the `<head>`: Turbo reloads the page in full when it changes). The README
/// has both, in an axum app. `vite_build_version!(admin)` is a named build's;
/// [`ViteManifest::version`] gives the same at run time.
///
/// ```
/// const VERSION: &str = vite_asset::vite_build_version!();
/// # if !vite_asset::DEV {
/// assert_eq!(VERSION.len(), 16);
/// assert!(VERSION.bytes().all(|byte| byte.is_ascii_hexdigit()));
/// # } else {
/// # assert_eq!(VERSION, "dev");
/// # }
/// ```
///
/// # Errors
///
/// The manifest's errors, as for [`vite_asset!`], and a built file named
/// without a content hash that is missing from the output directory.
pub use vite_asset_macros::vite_build_version;

/// The preamble that `@vitejs/plugin-react` needs for React Fast Refresh in
/// development, as [`Tags`]; empty in production.
///
/// Put it before [`vite_tags!`] in the page's `<head>`:
///
/// ```
/// use vite_asset::{vite_react_refresh, vite_tags};
///
/// let head = format!("{}{}", vite_react_refresh!(), vite_tags!("main.ts"));
/// # if !vite_asset::DEV {
/// assert!(vite_react_refresh!().is_empty());
/// # } else {
/// # assert!(head.contains("RefreshRuntime.injectIntoGlobalHook(window)"));
/// # }
/// ```
///
/// It is an inline script: under a Content-Security-Policy, write it with
/// [`Tags::with_nonce`].
pub use vite_asset_macros::vite_react_refresh;

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
