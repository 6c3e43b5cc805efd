//! The page-load benchmark's server. Every page is the same React app; they
//! differ in how the page links its assets (`?v=`):
//!
//! - `tutorial`: the Flask tutorial's way, the entry's own `file` and `css` from
//!   the manifest read at start-up;
//! - `tags`: `vite_tags!`, every stylesheet, the script and the module preloads;
//! - `prefetch`: `vite_tags!(…, prefetch)`, and a prefetch of the lazy routes;
//! - `preload`: the tags, and `vite_preload!` of the hero image and the one
//!   font file the text uses; `preload-all-fonts`: of every woff2 subset;
//! - `priority-script`: the tags, the entry's script with `fetchpriority="high"`
//!   (`attrs(script = { fetchpriority = "high" })`, in the `Link` header too);
//! - `slow-nolink` and `slow-link`: the `tags` page with its body 300 ms after
//!   its headers, without and with the tags' `Link` header.
//!
//! `COMPRESS=0` serves the built files without compression (it ignores the
//! request's `Accept-Encoding`), for the "uncompressed" rows.

use std::net::{Ipv4Addr, SocketAddr};
use std::sync::OnceLock;

use askama::Template;
use axum::extract::{Query, Request};
use axum::http::header::ACCEPT_ENCODING;
use axum::middleware::{from_fn, Next};
use axum::response::{Html, IntoResponse, Response};
use axum::routing::get;
use axum::Router;
use vite_asset::{vite_preload, vite_tags, ViteFiles};

static FILES: &ViteFiles = vite_asset::vite_files!();

/// The tutorial's tags: the entry's file and its own CSS, nothing it imports.
fn tutorial_tags() -> &'static str {
    static TAGS: OnceLock<String> = OnceLock::new();
    TAGS.get_or_init(|| {
        let path = concat!(
            env!("CARGO_MANIFEST_DIR"),
            "/frontend/dist/.vite/manifest.json"
        );
        let manifest: serde_json::Value =
            serde_json::from_slice(&std::fs::read(path).expect("the manifest")).expect("JSON");
        let entry = &manifest["src/main.tsx"];
        let mut tags = String::new();
        for css in entry["css"].as_array().into_iter().flatten() {
            tags.push_str(&format!(
                "<link rel=\"stylesheet\" href=\"/assets/{}\">\n",
                css.as_str().unwrap()
            ));
        }
        tags.push_str(&format!(
            "<script type=\"module\" src=\"/assets/{}\"></script>",
            entry["file"].as_str().unwrap()
        ));
        tags
    })
}

#[derive(Template)]
#[template(
    ext = "html",
    source = r#"<!DOCTYPE html>
<html lang="en">
  <head>
    <meta charset="UTF-8" />
    <meta name="viewport" content="width=device-width, initial-scale=1.0" />
    <title>Dashboard</title>
    {%- match variant.as_str() %}
    {%- when "tutorial" %}
    {{ tutorial|safe }}
    {%- when "prefetch" %}
    {{ vite_tags!("src/main.tsx", prefetch) }}
    {%- when "preload" %}
    {{ vite_tags!("src/main.tsx") }}
    {{ vite_preload!("src/hero.png", "node_modules/@fontsource/inter/files/inter-latin-400-normal.woff2") }}
    {%- when "priority-script" %}
    {{ vite_tags!("src/main.tsx", attrs(script = { fetchpriority = "high" })) }}
    {%- when "preload-all-fonts" %}
    {{ vite_tags!("src/main.tsx") }}
    {{ vite_preload!("src/hero.png", "node_modules/@fontsource/inter/files/inter-latin-400-normal.woff2", "node_modules/@fontsource/inter/files/inter-latin-ext-400-normal.woff2", "node_modules/@fontsource/inter/files/inter-cyrillic-400-normal.woff2", "node_modules/@fontsource/inter/files/inter-cyrillic-ext-400-normal.woff2", "node_modules/@fontsource/inter/files/inter-greek-400-normal.woff2", "node_modules/@fontsource/inter/files/inter-greek-ext-400-normal.woff2", "node_modules/@fontsource/inter/files/inter-vietnamese-400-normal.woff2") }}
    {%- else %}
    {{ vite_tags!("src/main.tsx") }}
    {%- endmatch %}
  </head>
  <body><div id="app"></div></body>
</html>"#
)]
struct Page {
    variant: String,
    tutorial: &'static str,
}

/// The tags of the default page, for the `Link` header of the slow-body pages.
const TAGS: vite_asset::Tags = vite_tags!("src/main.tsx");

/// How long the slow-body pages take to render their body, as a page that
/// waits for a database would: the headers leave at once, the body after.
const SLOW_BODY: std::time::Duration = std::time::Duration::from_millis(300);

async fn page(Query(query): Query<std::collections::HashMap<String, String>>) -> Response {
    let variant = query.get("v").cloned().unwrap_or_else(|| "tags".to_owned());
    if let Some(link) = variant.strip_prefix("slow-") {
        // The same page as `tags`, its body 300 ms after its headers; `slow-link`
        // sends the tags' Link header with them, so the browser starts on the
        // CSS and JS while the body is still on its way.
        let html = (Page {
            variant: "tags".to_owned(),
            tutorial: tutorial_tags(),
        })
        .render()
        .unwrap_or_default();
        let body = futures_util::stream::once(async move {
            tokio::time::sleep(SLOW_BODY).await;
            Ok::<_, std::convert::Infallible>(axum::body::Bytes::from(html))
        });
        let mut response = Response::new(axum::body::Body::from_stream(body));
        let headers = response.headers_mut();
        headers.insert(
            axum::http::header::CONTENT_TYPE,
            axum::http::HeaderValue::from_static("text/html; charset=utf-8"),
        );
        if link == "link" {
            headers.insert(
                axum::http::header::LINK,
                axum::http::HeaderValue::from_static(TAGS.link_header()),
            );
        }
        return response;
    }
    match (Page {
        variant,
        tutorial: tutorial_tags(),
    })
    .render()
    {
        Ok(html) => Html(html).into_response(),
        Err(error) => (
            axum::http::StatusCode::INTERNAL_SERVER_ERROR,
            error.to_string(),
        )
            .into_response(),
    }
}

/// With `COMPRESS=0`, the request's `Accept-Encoding` is dropped: identity bodies.
async fn uncompressed(mut request: Request, next: Next) -> Response {
    request.headers_mut().remove(ACCEPT_ENCODING);
    next.run(request).await
}

#[tokio::main]
async fn main() {
    let port: u16 = std::env::var("PORT")
        .ok()
        .and_then(|port| port.parse().ok())
        .unwrap_or(8300);
    let mut app = Router::new()
        .route("/", get(page))
        .route("/reports", get(page))
        .route("/settings", get(page))
        .merge(FILES.router());
    if std::env::var("COMPRESS").as_deref() == Ok("0") {
        app = app.layer(from_fn(uncompressed));
    }
    let listener = tokio::net::TcpListener::bind(SocketAddr::from((Ipv4Addr::LOCALHOST, port)))
        .await
        .expect("the port is free");
    println!("listening on http://{}", listener.local_addr().unwrap());
    axum::serve(listener, app).await.expect("serving");
}
