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
//! Then open <http://127.0.0.1:8000>. The binary holds the templates and the
//! built files, so it serves every page alone, from any directory. In
//! development the templates are read from disk, a changed one again at its
//! next render, and the open page reloads when one is saved. It shares the axum
//! example's frontend (examples/axum_askama/assets_source), which the
//! workspace's build.rs builds.

use std::net::{Ipv4Addr, SocketAddr};

use actix_web::http::header::{HeaderValue, CONTENT_SECURITY_POLICY};
use actix_web::{web, App, HttpResponse, HttpServer};
use minijinja::{context, Environment};
use vite_asset::{Templates, ViteFiles, ViteManifest};

/// The manifest's table, for the templates' `vite_asset()` and `vite_tags()`.
static MANIFEST: &ViteManifest = vite_asset::vite_manifest!();

/// The built files, embedded in the binary, served at `/assets/`.
static FILES: &ViteFiles = vite_asset::vite_files!();

/// The templates that build.rs checked, embedded in the binary.
static TEMPLATES: &Templates = vite_asset::vite_templates!("examples/actix_minijinja/templates");

async fn homepage(env: web::Data<Environment<'static>>) -> HttpResponse {
    page(render(&env, "homepage.html", context! {}))
}

/// `name`, rendered with `context`.
fn render(
    env: &Environment<'static>,
    name: &str,
    context: minijinja::Value,
) -> Result<String, minijinja::Error> {
    env.get_template(name)?.render(context)
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

/// The files of `public/`, in the binary too, served at the site's root.
const PUBLIC: [(&str, &str, &[u8]); 2] = [
    (
        "favicon.ico",
        "image/x-icon",
        include_bytes!("../axum_askama/public/favicon.ico"),
    ),
    (
        "robots.txt",
        "text/plain; charset=utf-8",
        include_bytes!("../axum_askama/public/robots.txt"),
    ),
];

async fn public_file(name: web::Path<String>) -> HttpResponse {
    match PUBLIC.iter().find(|(file, _, _)| *file == name.as_str()) {
        Some((_, content_type, bytes)) => {
            HttpResponse::Ok().content_type(*content_type).body(*bytes)
        }
        None => HttpResponse::NotFound().finish(),
    }
}

#[actix_web::main]
async fn main() {
    // Every template parsed now: one that does not stops the server here, with its line.
    // In development this also reloads the open pages when a template is saved.
    let env = match vite_asset::minijinja::environment(TEMPLATES, MANIFEST) {
        Ok(env) => web::Data::new(env),
        Err(error) => {
            eprintln!("error: the templates do not load: {error:#}");
            std::process::exit(1)
        }
    };
    let port = match std::env::var("PORT") {
        Ok(port) => port.parse().unwrap_or_else(|_| {
            eprintln!("error: PORT must be a port number, not `{port}`");
            std::process::exit(2)
        }),
        Err(_) => 8000,
    };
    let address = SocketAddr::from((Ipv4Addr::LOCALHOST, port));
    let server = HttpServer::new(move || {
        App::new()
            .app_data(env.clone())
            .service(FILES.actix())
            .route("/", web::get().to(homepage))
            .route("/dashboard", web::get().to(dashboard))
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
