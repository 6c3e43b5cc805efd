//! The Flask + Vite 5 tutorial's app, ported to axum and askama.
//!
//! ```sh
//! cargo run --example axum_askama                 # production: the hashed files Vite built
//! npm run --prefix examples/axum_askama dev       # development, terminal 1: the Vite DevServer
//! cargo run --example axum_askama --features dev  # development, terminal 2: assets from the DevServer
//! ```
//!
//! Then open <http://127.0.0.1:8000>. The workspace's build.rs runs the Vite build
//! first; the tags in the pages are computed at compile time by `vite_tags!` in
//! templates/homepage.html and templates/dashboard.html. The dashboard's entry
//! imports its CSS from JavaScript, and the page is served with a
//! Content-Security-Policy nonce and subresource integrity.

use std::net::{Ipv4Addr, SocketAddr};
use std::path::PathBuf;
use std::sync::Arc;
use std::time::Duration;

use askama::Template;
use axum::extract::Request;
use axum::http::{header, HeaderValue, StatusCode};
use axum::middleware::{from_fn, Next};
use axum::response::{Html, IntoResponse, Response};
use axum::routing::get;
use axum::Router;
use tower_http::services::ServeDir;
// The templates call `vite_tags!`: it must be in scope where they are derived.
use vite_asset::{vite_tags, ViteFiles};

#[derive(Template)]
#[template(path = "homepage.html")]
struct Homepage;

async fn homepage() -> Response {
    page(Homepage.render())
}

#[derive(Template)]
#[template(path = "dashboard.html")]
struct Dashboard {
    /// A fresh Content-Security-Policy nonce for this response.
    nonce: String,
}

/// The dashboard is served with a strict Content-Security-Policy: a script runs only
/// if its tag carries this response's nonce (and what it imports, `'strict-dynamic'`).
/// In development Vite's client injects styles inline, so the policy is production-only.
async fn dashboard() -> Response {
    let nonce = match new_nonce() {
        Ok(nonce) => nonce,
        Err(error) => {
            return (StatusCode::INTERNAL_SERVER_ERROR, error.to_string()).into_response()
        }
    };
    let policy = format!(
        "script-src 'nonce-{nonce}' 'strict-dynamic'; style-src 'self'; object-src 'none'; base-uri 'none'"
    );
    let mut response = page(Dashboard { nonce }.render());
    if !vite_asset::DEV && response.status().is_success() {
        if let Ok(policy) = HeaderValue::from_str(&policy) {
            response
                .headers_mut()
                .insert(header::CONTENT_SECURITY_POLICY, policy);
        }
    }
    response
}

/// 128 bits from the operating system's random number generator, in hex.
fn new_nonce() -> Result<String, getrandom::Error> {
    let mut bytes = [0u8; 16];
    getrandom::fill(&mut bytes)?;
    Ok(bytes.iter().map(|byte| format!("{byte:02x}")).collect())
}

fn page(rendered: askama::Result<String>) -> Response {
    match rendered {
        Ok(html) => Html(html).into_response(),
        Err(error) => (StatusCode::INTERNAL_SERVER_ERROR, error.to_string()).into_response(),
    }
}

/// The admin area: a page with the assets of both builds, the site's
/// stylesheet (Vite 5) and the admin area's entry (Vite 8, `/admin/assets/`).
#[derive(Template)]
#[template(path = "admin.html")]
struct Admin;

async fn admin() -> Response {
    page(Admin.render())
}

/// The built files that the manifest lists, embedded in the binary by
/// `vite_files!` at compile time: the binary alone serves the app.
static EMBEDDED: &ViteFiles = vite_asset::vite_files!();

/// The same files, read from `assets_compiled/` (at its absolute path when the
/// example compiled) when they are requested: `ASSETS_FROM_DISK=1`.
static ON_DISK: &ViteFiles = vite_asset::vite_files!(from_disk);

/// The admin build's files, served at its own base, `/admin/assets/`.
static ADMIN_EMBEDDED: &ViteFiles = vite_asset::vite_files!(admin);
static ADMIN_ON_DISK: &ViteFiles = vite_asset::vite_files!(admin, from_disk);

/// A path longer than a file's path can be, or with a segment longer than a file
/// name can be (4,096 and 255 bytes on Linux, once percent-decoded), names no
/// file: a 404 here, where asking the file system would fail with "file name too
/// long", which the file service answers with 500.
async fn no_overlong_names(request: Request, next: Next) -> Response {
    const PATH_MAX: usize = 4096;
    const NAME_MAX: usize = 255;
    let decoded_len = |text: &str| text.len().saturating_sub(2 * text.matches('%').count());
    let path = request.uri().path();
    let overlong = decoded_len(path) > PATH_MAX
        || path
            .split('/')
            .any(|segment| decoded_len(segment) > NAME_MAX);
    if overlong {
        return StatusCode::NOT_FOUND.into_response();
    }
    next.run(request).await
}

/// The app: the pages, the files of the two Vite builds at their `base`
/// (`/assets/`, `/admin/assets/`), and the files of `public/`.
///
/// Only the files that the manifest lists are served, not the rest of
/// `assets_compiled/`: the manifest itself has no URL at all.
fn app(frontend: PathBuf, files: [&'static ViteFiles; 2]) -> Router {
    let [site, admin_area] = files;
    Router::new()
        .route("/", get(homepage))
        .route("/dashboard", get(dashboard))
        .route("/admin", get(admin))
        .merge(site.router())
        .merge(admin_area.router())
        .fallback_service(ServeDir::new(frontend.join("public")))
        .layer(from_fn(no_overlong_names))
}

#[tokio::main]
async fn main() {
    let frontend = PathBuf::from(concat!(env!("CARGO_MANIFEST_DIR"), "/examples/axum_askama"));
    let port = match std::env::var("PORT") {
        Ok(port) => port.parse().unwrap_or_else(|_| {
            eprintln!("error: PORT must be a port number, not `{port}`");
            std::process::exit(2)
        }),
        Err(_) => 8000,
    };
    let address = SocketAddr::from((Ipv4Addr::LOCALHOST, port));
    let listener = match tokio::net::TcpListener::bind(address).await {
        Ok(listener) => listener,
        Err(error) => {
            eprintln!("error: cannot listen on {address}: {error}\n  to fix: stop what uses the port, or set PORT");
            std::process::exit(1)
        }
    };
    let mode = if vite_asset::DEV {
        "development (assets from the Vite DevServer)"
    } else {
        "production"
    };
    // With PORT=0 the system picks a free port: print the one actually bound.
    let address = listener.local_addr().unwrap_or(address);
    println!("listening on http://{address} in {mode}");
    let files = match std::env::var_os("ASSETS_FROM_DISK") {
        Some(_) => [ON_DISK, ADMIN_ON_DISK],
        None => [EMBEDDED, ADMIN_EMBEDDED],
    };
    serve(listener, app(frontend, files)).await;
}

/// How long a connection may take to send a request's headers, the first or the
/// next on a kept-alive connection: an idle or slowloris socket is closed then.
const HEADER_READ_TIMEOUT: Duration = Duration::from_secs(5);

/// The connections served at once; more wait in the listener's queue. Below a
/// low descriptor limit (`ulimit -n 256`), with room for the files and Vite.
const MAX_CONNECTIONS: usize = 200;

/// Serves `app` on `listener` as `axum::serve` does, with a header-read timeout
/// and a connection limit, so that idle sockets cannot take every descriptor
/// and stop all service (axum::serve has neither).
async fn serve(listener: tokio::net::TcpListener, app: Router) {
    let slots = Arc::new(tokio::sync::Semaphore::new(MAX_CONNECTIONS));
    loop {
        let Ok(slot) = slots.clone().acquire_owned().await else {
            return;
        };
        let stream = match listener.accept().await {
            Ok((stream, _)) => stream,
            Err(error) => {
                // Out of descriptors (EMFILE), say: wait for connections to close.
                eprintln!("error: cannot accept a connection: {error}");
                tokio::time::sleep(Duration::from_millis(100)).await;
                continue;
            }
        };
        let _ = stream.set_nodelay(true);
        let service = hyper_util::service::TowerToHyperService::new(app.clone());
        tokio::spawn(async move {
            let _slot = slot;
            let connection = hyper::server::conn::http1::Builder::new()
                .timer(hyper_util::rt::TokioTimer::new())
                .header_read_timeout(HEADER_READ_TIMEOUT)
                .serve_connection(hyper_util::rt::TokioIo::new(stream), service)
                // Vite's HMR WebSocket, which the dev proxy relays.
                .with_upgrades();
            let _ = connection.await;
        });
    }
}
