//! The check that a page written with same-origin development URLs has a
//! serving layer in its process to forward them, under `dev` with or without
//! the `serve` feature: without one the page is blank, and nothing else says why.

/// Whether a serving layer was made in this process, which the tags' same-origin
/// URLs need; see [`check_proxy_mounted`].
static SERVING: std::sync::atomic::AtomicBool = std::sync::atomic::AtomicBool::new(false);

/// Records that the serving layer of a build was made (`router()`, `service()`).
#[cfg(feature = "serve")]
pub(crate) fn serving() {
    SERVING.store(true, std::sync::atomic::Ordering::Relaxed);
}

/// Said once, when a page is written with same-origin development URLs and no
/// serving layer was made in this process: every asset of the page would be a
/// 404 from the app, and the page blank.
pub(crate) fn check_proxy_mounted(html: &str) {
    static SAID: std::sync::Once = std::sync::Once::new();
    if SERVING.load(std::sync::atomic::Ordering::Relaxed) || !html.contains("@vite/client") {
        return;
    }
    if !html.contains("src=\"/") {
        return;
    }
    SAID.call_once(|| {
        eprintln!(
            "vite-asset: this page links its development assets on the server's own origin \
             (`/…/@vite/client`), but no `vite_files!().router()` or `.service()` was made in this \
             process to forward them to the Vite DevServer: the browser gets 404s and a blank page\n  \
             to fix: merge `vite_asset::vite_files!().router()` into the app (vite-asset's `axum` \
             feature; `.service()` with `serve`; per build: `vite_files!(admin).router()`), or set \
             `dev-proxy = false` in `[package.metadata.vite]` to link the DevServer's own URLs \
             (Vite then needs `server.origin` and `server.cors`)"
        );
    });
}
