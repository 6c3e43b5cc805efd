//! The Flask + Vite 5 tutorial's app again, with actix-web and minijinja: the
//! templates are loaded at run time, so their asset names are checked by the
//! workspace's build.rs (`vite_asset::build::TemplateCheck`) and looked up, when
//! a page renders, in the table that `vite_manifest!()` wrote at compile time.
//!
//! ```sh
//! cargo run --example actix_minijinja                 # production: the hashed files Vite built
//! cargo run --example actix_minijinja --features dev  # development: it starts the Vite DevServer
//! ```
//!
//! Then open <http://127.0.0.1:8000>. In development the templates are read
//! anew at each render, and the open page reloads when one is saved. It shares the axum example's frontend
//! (examples/axum_askama/assets_source), which the workspace's build.rs builds.

use std::net::{Ipv4Addr, SocketAddr};

use actix_web::http::header::{HeaderName, HeaderValue, CONTENT_SECURITY_POLICY};
use actix_web::http::StatusCode;
use actix_web::{web, App, HttpRequest, HttpResponse, HttpServer};
use http_body_util::BodyExt;
use minijinja::{context, Environment};
use vite_asset::{ViteFiles, ViteManifest};

/// The manifest's table, for the templates' `vite_asset()` and `vite_tags()`.
static MANIFEST: &ViteManifest = vite_asset::vite_manifest!();

/// The built files, embedded in the binary, served at `/assets/`.
static FILES: &ViteFiles = vite_asset::vite_files!();

/// The templates, from this example's directory (its absolute path when it
/// compiled, so the working directory does not matter).
const TEMPLATES: &str = concat!(
    env!("CARGO_MANIFEST_DIR"),
    "/examples/actix_minijinja/templates"
);

/// The pages, loaded and checked at start-up: a template missing or broken stops
/// the server before it listens, not at the first request.
fn templates() -> Result<Environment<'static>, minijinja::Error> {
    let mut env = Environment::new();
    env.set_loader(minijinja::path_loader(TEMPLATES));
    vite_asset::minijinja::register(&mut env, MANIFEST);
    for page in ["homepage.html", "dashboard.html"] {
        env.get_template(page)?;
    }
    Ok(env)
}

/// `name`, rendered: in development from the templates as they are on disk now
/// (an `Environment` keeps the templates it loaded), so that a saved edit shows.
fn render(
    env: &Environment<'static>,
    name: &str,
    context: minijinja::Value,
) -> Result<String, minijinja::Error> {
    if vite_asset::DEV {
        return templates()?.get_template(name)?.render(context);
    }
    env.get_template(name)?.render(context)
}

async fn homepage(env: web::Data<Environment<'static>>) -> HttpResponse {
    page(render(&env, "homepage.html", context! {}))
}

/// The dashboard, under the same strict Content-Security-Policy as the axum example's.
async fn dashboard(env: web::Data<Environment<'static>>) -> HttpResponse {
    let nonce = match new_nonce() {
        Ok(nonce) => nonce,
        Err(error) => return HttpResponse::InternalServerError().body(error.to_string()),
    };
    let rendered = render(&env, "dashboard.html", context! { nonce => &nonce });
    let mut response = page(rendered);
    if !vite_asset::DEV && response.status().is_success() {
        let policy = format!(
            "script-src 'nonce-{nonce}' 'strict-dynamic'; style-src 'self'; object-src 'none'; base-uri 'none'"
        );
        if let Ok(policy) = HeaderValue::from_str(&policy) {
            response
                .headers_mut()
                .insert(CONTENT_SECURITY_POLICY, policy);
        }
    }
    response
}

/// The page, or the render error (an unknown asset name says which, and how to fix it) as a 500.
fn page(rendered: Result<String, minijinja::Error>) -> HttpResponse {
    match rendered {
        Ok(html) => HttpResponse::Ok()
            .content_type("text/html; charset=utf-8")
            .body(html),
        Err(error) => {
            eprintln!("error: {error:#}");
            HttpResponse::InternalServerError().body(format!("{error:#}"))
        }
    }
}

/// 128 bits from the operating system's random number generator, in hex.
fn new_nonce() -> Result<String, getrandom::Error> {
    let mut bytes = [0u8; 16];
    getrandom::fill(&mut bytes)?;
    Ok(bytes.iter().map(|byte| format!("{byte:02x}")).collect())
}

/// The built files, answered by the tower service of `vite_files!()` (ETag, 304,
/// brotli, ranges), through this handler that translates actix-web's `http` 0.2
/// types. In development the same service forwards the request to the Vite
/// DevServer, which it starts, and streams its answer back.
async fn built_file(request: HttpRequest) -> HttpResponse {
    let mut forwarded = http::Request::builder()
        .method(request.method().as_str())
        .uri(request.uri().to_string());
    for (name, value) in request.headers() {
        forwarded = forwarded.header(name.as_str(), value.as_bytes());
    }
    let Ok(forwarded) = forwarded.body(http_body_util::Empty::<bytes::Bytes>::new()) else {
        return HttpResponse::BadRequest().finish();
    };
    let Ok(response) = tower_service::Service::call(&mut FILES.service(), forwarded).await;
    let (parts, body) = response.into_parts();
    let status =
        StatusCode::from_u16(parts.status.as_u16()).unwrap_or(StatusCode::INTERNAL_SERVER_ERROR);
    let mut response = HttpResponse::build(status);
    for (name, value) in &parts.headers {
        if let (Ok(name), Ok(value)) = (
            HeaderName::from_bytes(name.as_str().as_bytes()),
            HeaderValue::from_bytes(value.as_bytes()),
        ) {
            response.append_header((name, value));
        }
    }
    // The error of a body that broke off (the DevServer stopped) ends the response.
    let body = body.map_err(|error| std::io::Error::other(error.to_string()));
    response.streaming(body.into_data_stream())
}

const PUBLIC: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/examples/axum_askama/public");

async fn public_file(name: web::Path<String>) -> HttpResponse {
    let content_type = match name.rsplit_once('.').map(|(_, extension)| extension) {
        Some("ico") => "image/x-icon",
        Some("txt") => "text/plain; charset=utf-8",
        _ => return HttpResponse::NotFound().finish(),
    };
    let listed = std::fs::read_dir(PUBLIC)
        .into_iter()
        .flatten()
        .flatten()
        .any(|entry| entry.file_name().to_str() == Some(name.as_str()));
    match listed.then(|| std::fs::read(std::path::Path::new(PUBLIC).join(name.as_str()))) {
        Some(Ok(bytes)) => HttpResponse::Ok().content_type(content_type).body(bytes),
        _ => HttpResponse::NotFound().finish(),
    }
}

#[actix_web::main]
async fn main() {
    let env = match templates() {
        Ok(env) => web::Data::new(env),
        Err(error) => {
            eprintln!("error: the templates in {TEMPLATES} do not load: {error:#}");
            std::process::exit(1)
        }
    };
    // In development, a saved template reloads the open pages (nothing in production).
    if let Err(error) = vite_asset::reload_pages_on_change(TEMPLATES) {
        eprintln!("error: {error}");
        std::process::exit(1)
    }
    let port = match std::env::var("PORT") {
        Ok(port) => port.parse().unwrap_or_else(|_| {
            eprintln!("error: PORT must be a port number, not `{port}`");
            std::process::exit(2)
        }),
        Err(_) => 8000,
    };
    let address = SocketAddr::from((Ipv4Addr::LOCALHOST, port));
    let assets = format!("{}{{file:.*}}", FILES.base_path());
    let server = HttpServer::new(move || {
        App::new()
            .app_data(env.clone())
            .route("/", web::get().to(homepage))
            .route("/dashboard", web::get().to(dashboard))
            .route(&assets, web::route().to(built_file))
            .route("/{name}", web::get().to(public_file))
    })
    .workers(2)
    // Idle and slowloris sockets are closed after 5 s without a request's headers,
    // and each worker serves at most 100 connections at once (the README's Deploy).
    .client_request_timeout(std::time::Duration::from_secs(5))
    .max_connections(100)
    .bind(address);
    let server = match server {
        Ok(server) => server,
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
    let bound = server.addrs().first().copied().unwrap_or(address);
    println!("listening on http://{bound} in {mode}");
    if let Err(error) = server.run().await {
        eprintln!("error: {error}");
        std::process::exit(1);
    }
}
