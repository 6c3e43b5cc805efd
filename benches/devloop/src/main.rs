//! The dev-loop benchmark's server, in development only: `/` is a minijinja
//! page (the React app of frontend/) read from disk at each render, whose open
//! pages reload when it is saved; `/assets/` goes to the Vite DevServer, which
//! the serving layer starts.

use std::net::{Ipv4Addr, SocketAddr};

use axum::response::{Html, IntoResponse, Response};
use axum::routing::get;
use axum::Router;
use vite_asset::ViteManifest;

static MANIFEST: &ViteManifest = vite_asset::vite_manifest!();

const TEMPLATES: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/templates");

async fn page() -> Response {
    let mut env = minijinja::Environment::new();
    env.set_loader(minijinja::path_loader(TEMPLATES));
    vite_asset::minijinja::register(&mut env, MANIFEST);
    match env
        .get_template("page.html")
        .and_then(|page| page.render(()))
    {
        Ok(html) => Html(html).into_response(),
        Err(error) => (
            axum::http::StatusCode::INTERNAL_SERVER_ERROR,
            format!("{error:#}"),
        )
            .into_response(),
    }
}

#[tokio::main]
async fn main() {
    vite_asset::reload_pages_on_change(TEMPLATES).expect("the templates directory");
    let port: u16 = std::env::var("PORT").map_or(8400, |port| port.parse().expect("PORT"));
    let app = Router::new()
        .route("/", get(page))
        .merge(vite_asset::vite_files!().router());
    let listener = tokio::net::TcpListener::bind(SocketAddr::from((Ipv4Addr::LOCALHOST, port)))
        .await
        .expect("the port");
    println!("listening on http://{}", listener.local_addr().unwrap());
    axum::serve(listener, app).await.unwrap();
}
