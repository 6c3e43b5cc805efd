//! The dev proxy: requests for a build's paths, forwarded to its DevServer as a
//! reverse proxy forwards them (streaming both ways, no hop-by-hop headers,
//! `Host` of the DevServer and the page's in `X-Forwarded-Host`), Vite's HMR
//! WebSocket included. So the page, its modules and what CSS `url()`s name all
//! come from the page's own origin, and Vite needs neither `server.origin` nor
//! `server.cors`.
//!
//! The proxy also answers one path of its own below `base`, [`RELOADS`]: a
//! stream of server-sent events that the pages' Vite client listens to (the
//! proxy adds a few lines to `@vite/client`), to reload when a server template
//! changes. Vite's own HMR socket could carry the reload, but only where the
//! socket is relayed (hyper's servers hand the connection over, actix-web's
//! service relays it through [`websocket_upstream`]); an event stream is a plain
//! response that every server streams.

use std::sync::OnceLock;
use std::time::Duration;

use bytes::Bytes;
use http::{header, HeaderMap, HeaderName, HeaderValue, Request, Response, StatusCode, Uri};
use http_body_util::combinators::UnsyncBoxBody;
use http_body_util::{BodyExt, Full, StreamBody};
use hyper::body::Frame;
use hyper_util::client::legacy::connect::HttpConnector;
use hyper_util::client::legacy::Client;
use hyper_util::rt::{TokioExecutor, TokioIo};
use tokio::sync::broadcast::error::RecvError;
use tokio::sync::broadcast::Receiver;

use super::{dev_server, reload};
use crate::files::{DevBuild, ViteFiles};

/// What a forwarded body's errors are.
pub type BoxError = Box<dyn std::error::Error + Send + Sync>;

/// The body of a response of the serving layer in `dev`: the DevServer's, streamed.
pub type ProxyBody = UnsyncBoxBody<Bytes, BoxError>;

/// How long the DevServer may take to start answering one request: the first
/// request of a cold dependency optimization takes seconds.
const RESPONSE_TIMEOUT: Duration = Duration::from_secs(60);

/// The path below `base` of the reload events (`/assets/__vite_asset_reload`).
/// It starts with `__vite`, so that under `base = "/"` it is among the paths
/// the proxy takes (see [`owns`]); Vite has no path of this name.
pub(crate) const RELOADS: &str = "__vite_asset_reload";

/// The headers that belong to one connection, not to the request (RFC 9110, 7.6.1).
const HOP_BY_HOP: [&str; 8] = [
    "connection",
    "keep-alive",
    "proxy-authenticate",
    "proxy-authorization",
    "te",
    "trailer",
    "transfer-encoding",
    "upgrade",
];

fn client() -> &'static Client<HttpConnector, ProxyBody> {
    static CLIENT: OnceLock<Client<HttpConnector, ProxyBody>> = OnceLock::new();
    CLIENT.get_or_init(|| {
        let mut connector = HttpConnector::new();
        connector.set_connect_timeout(Some(Duration::from_secs(2)));
        connector.set_nodelay(true);
        Client::builder(TokioExecutor::new())
            .pool_idle_timeout(Duration::from_secs(30))
            .build(connector)
    })
}

/// Whether `path` is one of the build's, which the DevServer answers. Under a
/// `base` with a path (`/assets/`), every path below it is; under `base = "/"`
/// only Vite's own (`/@vite/client`, `/@fs/…`, `/@id/…`, `/node_modules/…`) and
/// the files of Vite's `root` and `public/` are, so that no route of the app
/// ever goes to Vite.
pub(crate) fn owns(files: &ViteFiles, build: &DevBuild, path: &str) -> bool {
    let base = files.base_path();
    let Some(below) = path.strip_prefix(base) else {
        return false;
    };
    if base != "/" {
        return true;
    }
    if below.starts_with('@') || below.starts_with("node_modules/") || below.starts_with("__vite") {
        return true;
    }
    // A client route of a single-page app: Vite answers it with its `index.html`.
    if files.is_client_route(below) {
        return true;
    }
    let decoded = percent_decoded(below);
    if decoded.is_empty()
        || decoded
            .split('/')
            .any(|part| part == ".." || part.contains('\0'))
    {
        return false;
    }
    let Some(root) = build.root.or(build.project_dir) else {
        return false;
    };
    let root = std::path::Path::new(root);
    root.join(&decoded).is_file() || root.join("public").join(&decoded).is_file()
}

fn percent_decoded(path: &str) -> String {
    let bytes = path.as_bytes();
    let mut decoded = Vec::with_capacity(bytes.len());
    let mut at = 0;
    while at < bytes.len() {
        let hex = bytes
            .get(at + 1..at + 3)
            .and_then(|pair| std::str::from_utf8(pair).ok())
            .and_then(|pair| u8::from_str_radix(pair, 16).ok());
        match (bytes[at], hex) {
            (b'%', Some(byte)) => {
                decoded.push(byte);
                at += 3;
            }
            (byte, _) => {
                decoded.push(byte);
                at += 1;
            }
        }
    }
    String::from_utf8_lossy(&decoded).into_owned()
}

/// The DevServer's response to `request`, or a `502` that says why there is none
/// and how to start the DevServer.
pub(crate) async fn forward<B>(
    files: &'static ViteFiles,
    build: &'static DevBuild,
    mut request: Request<B>,
) -> Response<ProxyBody>
where
    B: hyper::body::Body<Data = Bytes> + Send + 'static,
    B::Error: Into<BoxError>,
{
    let below = request
        .uri()
        .path()
        .strip_prefix(files.base_path())
        .unwrap_or_default();
    if below == RELOADS {
        return reload_events();
    }
    let vite_client = below == "@vite/client";
    if let Err(why) = dev_server::ready(build).await {
        return bad_gateway(build, &request, &why);
    }
    let websocket = is_websocket(request.headers());
    if websocket
        && request
            .extensions()
            .get::<hyper::upgrade::OnUpgrade>()
            .is_none()
    {
        // A server that is neither hyper's nor actix-web's (which relays through
        // `websocket_upstream`) hands over no connection to upgrade: Vite's
        // client then connects to the DevServer directly.
        return plain(
            StatusCode::NOT_IMPLEMENTED,
            "vite-asset: this server cannot hand a WebSocket over to the dev proxy; \
             Vite's client connects to its DevServer directly instead\n"
                .to_owned(),
        );
    }
    let client_upgrade = websocket.then(|| hyper::upgrade::on(&mut request));
    let Some(upstream) = upstream_request(build, request, websocket) else {
        return plain(
            StatusCode::BAD_REQUEST,
            "vite-asset: this request's path cannot be forwarded to the Vite DevServer\n"
                .to_owned(),
        );
    };
    let shown = format!("{} {}", upstream.method(), upstream.uri());
    let response = match send(build, upstream, &shown).await {
        Ok(response) => response,
        Err(bad_gateway) => return bad_gateway,
    };
    match (client_upgrade, response.status()) {
        (Some(client_upgrade), StatusCode::SWITCHING_PROTOCOLS) => {
            relay_websocket(client_upgrade, response)
        }
        (_, StatusCode::OK) if vite_client => with_reloads(files, response, &shown)
            .await
            .unwrap_or_else(|why| bad_gateway_for(build, &shown, &why)),
        _ => {
            let (mut parts, body) = response.into_parts();
            strip_hop_by_hop(&mut parts.headers);
            Response::from_parts(parts, body.map_err(BoxError::from).boxed_unsync())
        }
    }
}

/// The DevServer's answer to `upstream` (`shown` in messages), or a `502` that
/// says why there is none.
async fn send(
    build: &'static DevBuild,
    upstream: Request<ProxyBody>,
    shown: &str,
) -> Result<Response<hyper::body::Incoming>, Response<ProxyBody>> {
    match tokio::time::timeout(RESPONSE_TIMEOUT, client().request(upstream)).await {
        Ok(Ok(response)) => Ok(response),
        Ok(Err(error)) => {
            let why = format!("`{shown}` failed: {}", error_chain(&error));
            Err(bad_gateway_for(build, shown, &why))
        }
        Err(_) => {
            let why = format!(
                "`{shown}` had no answer within {} s",
                RESPONSE_TIMEOUT.as_secs()
            );
            Err(bad_gateway_for(build, shown, &why))
        }
    }
}

/// For a server that hands no connection over to the proxy (actix-web), which
/// relays the bytes itself: the DevServer's `101` to the WebSocket handshake
/// `request`, without its hop-by-hop headers, and the DevServer's side of the
/// upgraded connection; or the response to send instead (Vite's refusal, a `502`).
#[cfg(feature = "actix")]
pub(crate) async fn websocket_upstream<B>(
    build: &'static DevBuild,
    request: Request<B>,
) -> Result<(http::response::Parts, TokioIo<hyper::upgrade::Upgraded>), Response<ProxyBody>>
where
    B: hyper::body::Body<Data = Bytes> + Send + 'static,
    B::Error: Into<BoxError>,
{
    if let Err(why) = dev_server::ready(build).await {
        return Err(bad_gateway(build, &request, &why));
    }
    let Some(upstream) = upstream_request(build, request, true) else {
        return Err(plain(
            StatusCode::BAD_REQUEST,
            "vite-asset: this request's path cannot be forwarded to the Vite DevServer\n"
                .to_owned(),
        ));
    };
    let shown = format!("{} {}", upstream.method(), upstream.uri());
    let mut response = send(build, upstream, &shown).await?;
    let upgrade = hyper::upgrade::on(&mut response);
    let (mut parts, body) = response.into_parts();
    strip_hop_by_hop(&mut parts.headers);
    if parts.status != StatusCode::SWITCHING_PROTOCOLS {
        return Err(Response::from_parts(
            parts,
            body.map_err(BoxError::from).boxed_unsync(),
        ));
    }
    match upgrade.await {
        Ok(upgraded) => Ok((parts, TokioIo::new(upgraded))),
        Err(error) => {
            let why = format!("`{shown}` did not upgrade: {}", error_chain(&error));
            Err(bad_gateway_for(build, &shown, &why))
        }
    }
}

/// The request to the DevServer: the same method, path, query, headers and
/// body, to its origin.
fn upstream_request<B>(
    build: &'static DevBuild,
    request: Request<B>,
    websocket: bool,
) -> Option<Request<ProxyBody>>
where
    B: hyper::body::Body<Data = Bytes> + Send + 'static,
    B::Error: Into<BoxError>,
{
    let (mut parts, body) = request.into_parts();
    let path_and_query = parts
        .uri
        .path_and_query()
        .map_or("/", |value| value.as_str());
    let uri: Uri = format!("{}{path_and_query}", build.origin).parse().ok()?;
    let page_host = parts.headers.get(header::HOST).cloned().or_else(|| {
        parts
            .uri
            .authority()
            .and_then(|authority| HeaderValue::from_str(authority.as_str()).ok())
    });
    let upgrade = parts.headers.get(header::UPGRADE).cloned();
    strip_hop_by_hop(&mut parts.headers);
    let headers = &mut parts.headers;
    if let Ok(host) = HeaderValue::from_str(dev_server::authority(build.origin)) {
        // Vite answers only the hosts it allows (localhost, IP addresses): the page's
        // host may be a tunnel's or another proxy's name.
        headers.insert(header::HOST, host);
    }
    if let Some(page_host) = page_host {
        if !headers.contains_key("x-forwarded-host") {
            headers.insert(HeaderName::from_static("x-forwarded-host"), page_host);
        }
    }
    if !headers.contains_key("x-forwarded-proto") {
        headers.insert(
            HeaderName::from_static("x-forwarded-proto"),
            HeaderValue::from_static("http"),
        );
    }
    if websocket {
        headers.insert(header::CONNECTION, HeaderValue::from_static("upgrade"));
        if let Some(upgrade) = upgrade {
            headers.insert(header::UPGRADE, upgrade);
        }
    }
    parts.uri = uri;
    parts.version = http::Version::HTTP_11;
    let body = body.map_err(Into::into).boxed_unsync();
    Some(Request::from_parts(parts, body))
}

/// Answers the browser's WebSocket handshake with the DevServer's, then relays
/// the bytes both ways until either side closes.
fn relay_websocket(
    client_upgrade: hyper::upgrade::OnUpgrade,
    mut upstream: Response<hyper::body::Incoming>,
) -> Response<ProxyBody> {
    let upstream_upgrade = hyper::upgrade::on(&mut upstream);
    let mut response = Response::new(empty());
    *response.status_mut() = StatusCode::SWITCHING_PROTOCOLS;
    for (name, value) in upstream.headers() {
        response.headers_mut().append(name, value.clone());
    }
    tokio::spawn(async move {
        let (Ok(browser), Ok(vite)) = (client_upgrade.await, upstream_upgrade.await) else {
            return;
        };
        // When Vite goes away, the browser's connection ends without a closing
        // frame, and Vite's client polls until a DevServer answers again, then
        // reloads the page (which is also how a restarted server's page reloads).
        let _ = tokio::io::copy_bidirectional(&mut TokioIo::new(browser), &mut TokioIo::new(vite))
            .await;
    });
    response
}

/// Vite's client, with the lines that reload the page on the serving layer's
/// reload events.
async fn with_reloads(
    files: &ViteFiles,
    response: Response<hyper::body::Incoming>,
    shown: &str,
) -> Result<Response<ProxyBody>, String> {
    let (mut parts, body) = response.into_parts();
    if parts.headers.contains_key(header::CONTENT_ENCODING) {
        // A compressed client (a middleware of the user's in Vite) is passed on as it is.
        strip_hop_by_hop(&mut parts.headers);
        return Ok(Response::from_parts(
            parts,
            body.map_err(BoxError::from).boxed_unsync(),
        ));
    }
    let client = body
        .collect()
        .await
        .map_err(|error| format!("`{shown}` broke off: {}", error_chain(&error)))?
        .to_bytes();
    let listener = format!(
        "\n;{{const reloads = new EventSource({path:?});\n\
         reloads.addEventListener(\"reload\", () => location.reload());}}\n",
        path = format!("{}{RELOADS}", files.base_path())
    );
    let mut body = Vec::with_capacity(client.len() + listener.len());
    body.extend_from_slice(&client);
    body.extend_from_slice(listener.as_bytes());
    strip_hop_by_hop(&mut parts.headers);
    parts.headers.remove(header::CONTENT_LENGTH);
    // Vite's tag is of its bytes, not of these.
    parts.headers.remove(header::ETAG);
    Ok(Response::from_parts(
        parts,
        Full::new(Bytes::from(body))
            .map_err(|never| match never {})
            .boxed_unsync(),
    ))
}

/// The reload events: a comment at once (so the browser sees the stream open),
/// then a `reload` event each time a watched directory changes.
fn reload_events() -> Response<ProxyBody> {
    let events = futures_util::stream::unfold(None, |receiver: Option<Receiver<()>>| async move {
        let Some(mut receiver) = receiver else {
            let opened = Frame::data(Bytes::from_static(b": reloads from vite-asset\n\n"));
            return Some((Ok::<_, BoxError>(opened), Some(reload::subscribe())));
        };
        match receiver.recv().await {
            Ok(()) | Err(RecvError::Lagged(_)) => {
                let reload = Frame::data(Bytes::from_static(b"event: reload\ndata:\n\n"));
                Some((Ok(reload), Some(receiver)))
            }
            Err(RecvError::Closed) => None,
        }
    });
    let mut response = Response::new(StreamBody::new(events).boxed_unsync());
    let headers = response.headers_mut();
    headers.insert(
        header::CONTENT_TYPE,
        HeaderValue::from_static("text/event-stream"),
    );
    headers.insert(header::CACHE_CONTROL, HeaderValue::from_static("no-store"));
    response
}

pub(crate) fn is_websocket(headers: &HeaderMap) -> bool {
    headers
        .get(header::UPGRADE)
        .and_then(|value| value.to_str().ok())
        .is_some_and(|value| value.eq_ignore_ascii_case("websocket"))
}

/// Removes the hop-by-hop headers, and those that `Connection` names.
fn strip_hop_by_hop(headers: &mut HeaderMap) {
    let named: Vec<HeaderName> = crate::serve::list_items(headers, header::CONNECTION)
        .filter_map(|name| HeaderName::from_bytes(name.as_bytes()).ok())
        .collect();
    for name in named {
        headers.remove(name);
    }
    for name in HOP_BY_HOP {
        headers.remove(name);
    }
}

fn bad_gateway<B>(build: &DevBuild, request: &Request<B>, why: &str) -> Response<ProxyBody> {
    let shown = format!("{} {}", request.method(), request.uri());
    bad_gateway_for(build, &shown, why)
}

fn bad_gateway_for(build: &DevBuild, request: &str, why: &str) -> Response<ProxyBody> {
    let message = format!(
        "vite-asset: `{request}` is for the Vite DevServer of {} at {}, which does not answer: {why}\n  \
         to fix: {}\n",
        dev_server::shown(build),
        build.origin,
        dev_server::how_to_start(build)
    );
    eprintln!("{}", message.trim_end());
    plain(StatusCode::BAD_GATEWAY, message)
}

fn plain(status: StatusCode, message: String) -> Response<ProxyBody> {
    let mut response = boxed(crate::serve::plain(status, &message));
    response
        .headers_mut()
        .insert(header::CACHE_CONTROL, HeaderValue::from_static("no-store"));
    response
}

/// An empty body.
pub(crate) fn empty() -> ProxyBody {
    Full::new(Bytes::new())
        .map_err(|never| match never {})
        .boxed_unsync()
}

/// A response of the serving layer's own, as a [`ProxyBody`].
pub(crate) fn boxed(response: Response<Full<Bytes>>) -> Response<ProxyBody> {
    response.map(|body| body.map_err(|never| match never {}).boxed_unsync())
}

/// An error and its sources, as one line.
fn error_chain(error: &dyn std::error::Error) -> String {
    let mut text = error.to_string();
    let mut source = error.source();
    while let Some(cause) = source {
        text.push_str(": ");
        text.push_str(&cause.to_string());
        source = cause.source();
    }
    text
}

#[cfg(test)]
mod tests {
    use super::*;

    static BUILD: DevBuild = DevBuild {
        build: None,
        origin: "http://localhost:5173",
        project_dir: Some(env!("CARGO_MANIFEST_DIR")),
        root: Some(concat!(env!("CARGO_MANIFEST_DIR"), "/src")),
        proxy: true,
        start: false,
    };

    #[test]
    fn under_a_base_with_a_path_every_path_below_it_is_vites() {
        static FILES: ViteFiles = ViteFiles::development("/assets/", &BUILD, false);
        assert!(owns(&FILES, &BUILD, "/assets/script.ts"));
        assert!(owns(&FILES, &BUILD, "/assets/"));
        assert!(owns(&FILES, &BUILD, "/assets/@vite/client"));
        assert!(!owns(&FILES, &BUILD, "/assets"));
        assert!(!owns(&FILES, &BUILD, "/dashboard"));
        assert!(!owns(&FILES, &BUILD, "/"));
    }

    #[test]
    fn under_the_root_base_only_vites_ids_and_files_are_vites() {
        static FILES: ViteFiles = ViteFiles::development("/", &BUILD, false);
        assert!(owns(&FILES, &BUILD, "/@vite/client"));
        assert!(owns(&FILES, &BUILD, "/@fs/any/where.ts"));
        assert!(owns(&FILES, &BUILD, "/node_modules/.vite/deps/react.js"));
        assert!(
            owns(&FILES, &BUILD, &format!("/{RELOADS}")),
            "the reload events"
        );
        assert!(owns(&FILES, &BUILD, "/lib.rs"), "a file of `root`");
        assert!(owns(&FILES, &BUILD, "/dev/%70roxy.rs"), "percent-decoded");
        assert!(!owns(&FILES, &BUILD, "/"));
        assert!(!owns(&FILES, &BUILD, "/dashboard"));
        assert!(!owns(&FILES, &BUILD, "/dev/../lib.rs"));
        assert!(!owns(&FILES, &BUILD, "/dev/%2e%2e/lib.rs"));
    }

    #[test]
    fn with_the_spa_fallback_client_routes_are_vites_too() {
        static FILES: ViteFiles = ViteFiles::development("/", &BUILD, true);
        assert!(owns(&FILES, &BUILD, "/"), "the app's page");
        assert!(owns(&FILES, &BUILD, "/settings/profile"), "a client route");
        assert!(
            !owns(&FILES, &BUILD, "/missing.js"),
            "a path with an extension"
        );
    }

    #[test]
    fn hop_by_hop_headers_are_not_forwarded() {
        let mut headers = HeaderMap::new();
        headers.insert(
            header::CONNECTION,
            HeaderValue::from_static("keep-alive, x-secret"),
        );
        headers.insert("x-secret", HeaderValue::from_static("1"));
        headers.insert(header::TE, HeaderValue::from_static("trailers"));
        headers.insert(header::ACCEPT, HeaderValue::from_static("text/css"));
        strip_hop_by_hop(&mut headers);
        assert_eq!(headers.len(), 1, "{headers:?}");
        assert!(headers.contains_key(header::ACCEPT));
    }
}
