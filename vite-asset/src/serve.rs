//! Serving the files of a Vite build over HTTP (the `serve` feature): a tower
//! [`Service`](tower_service::Service) that axum, and any server built on tower,
//! mounts in one line.
//!
//! ```
//! # #[cfg(feature = "axum")] {
//! let app: axum::Router = axum::Router::new()
//!     .route("/", axum::routing::get(|| async { "the page" }))
//!     .merge(vite_asset::vite_files!().router());
//! # }
//! ```
//!
//! For each file of [`ViteFiles`]: `GET` and `HEAD`; `Content-Type`; a strong
//! `ETag` and `304 Not Modified` for a matching `If-None-Match`;
//! `Cache-Control: public, max-age=31536000, immutable` for a hashed name and
//! `no-cache` (revalidate every time) for another; the brotli or gzip variant
//! that `Accept-Encoding` prefers by its q-values, with `Vary: Accept-Encoding`;
//! one `Range` as `206 Partial Content` (of the uncompressed bytes), `416` when it
//! is past the end. Any other path is `404` without a cache header: a path is
//! compared byte for byte with the files' URL paths, so no spelling of `..` or of
//! an encoded slash reaches anything else.

use std::convert::Infallible;
#[cfg(feature = "dev")]
use std::future::ready;
use std::task::{Context, Poll};

use bytes::Bytes;
use http::{header, HeaderMap, HeaderName, HeaderValue, Method, Request, Response, StatusCode};
use http_body_util::Full;

use crate::files::{Body, BuiltFile, Variant, ViteFiles};

/// The response body of [`ViteFiles::respond`]: the file's bytes.
pub type ResponseBody = Full<Bytes>;

/// The response body of [`ServeVite`]: the file's bytes in production; in
/// `dev`, what the DevServer sends, streamed.
#[cfg(not(feature = "dev"))]
pub type ServiceBody = ResponseBody;
/// The response body of [`ServeVite`]: the file's bytes in production; in
/// `dev`, what the DevServer sends, streamed.
#[cfg(feature = "dev")]
pub type ServiceBody = crate::dev::ProxyBody;

/// The tower service that serves a [`ViteFiles`], made by [`ViteFiles::service`].
///
/// It answers requests whose path is the files' [base path](ViteFiles::base_path)
/// followed by a file's path, as the tags link them: mount it where the router
/// passes the whole path (axum's `fallback_service`, `route_service`, or
/// [`ViteFiles::router`]), not under a prefix that the router strips.
#[derive(Debug, Clone, Copy)]
pub struct ServeVite {
    files: &'static ViteFiles,
}

impl ViteFiles {
    /// The tower service that serves these files.
    ///
    /// In `dev` it forwards the build's paths to its Vite DevServer instead
    /// (HTTP and Vite's HMR WebSocket), and starts that DevServer now when none
    /// answers at its origin (see the crate's README, "Development").
    pub fn service(&'static self) -> ServeVite {
        #[cfg(feature = "dev")]
        if let Some(build) = self.dev() {
            crate::dev_urls::serving();
            crate::dev::start(build);
        }
        ServeVite { files: self }
    }

    /// An axum router that serves these files at their [base path](Self::base_path),
    /// to [`merge`](axum::Router::merge) into the app's: the paths cannot disagree
    /// with the ones the tags link.
    ///
    /// In `dev` it forwards the paths below `base` to the build's Vite
    /// DevServer. Under `base = "/"` it forwards only Vite's own paths
    /// (`/@vite/client`, `/@fs/…`, `/node_modules/…`) and the files of Vite's
    /// `root` and `public/`, and the app's routes win over it.
    #[cfg(feature = "axum")]
    #[cfg_attr(docsrs, doc(cfg(feature = "axum")))]
    pub fn router<S: Clone + Send + Sync + 'static>(&'static self) -> axum::Router<S> {
        let router = axum::Router::new()
            .route_service(&format!("{}{{*file}}", self.base_path()), self.service());
        // In `dev`, Vite's HMR WebSocket and its ping are at `base` itself; a
        // single-page app's page is there too.
        match (cfg!(feature = "dev") && self.base_path() != "/") || self.spa_fallback() {
            true => router.route_service(self.base_path(), self.service()),
            false => router,
        }
    }

    /// Whether a request for `path` is these files' to answer: every path below
    /// a base path of its own (`/assets/`); under `base = "/"` only the files'
    /// paths, and in `dev` Vite's own paths and files, so that the app's routes
    /// are never shadowed.
    #[cfg_attr(not(feature = "actix"), allow(dead_code))]
    pub(crate) fn answers(&self, path: &str) -> bool {
        let Some(below) = path.strip_prefix(self.base_path()) else {
            return false;
        };
        #[cfg(feature = "dev")]
        if let Some(build) = self.dev() {
            return crate::dev::owns(self, build, path);
        }
        self.base_path() != "/"
            || self
                .built(below)
                .or_else(|| self.fallback_page(below))
                .is_some()
    }

    /// The response to a request for `path` with `method` and `headers`.
    pub fn respond(
        &self,
        method: &Method,
        path: &str,
        headers: &HeaderMap,
    ) -> Response<ResponseBody> {
        self.answer(method, path, headers, Reads::Allowed)
            .unwrap_or_else(|| plain(StatusCode::INTERNAL_SERVER_ERROR, "not read\n"))
    }

    /// [`respond`](Self::respond)'s answer; `None` when `reads` defers reading a
    /// file from disk and the answer needs it (a file not read yet, or changed).
    fn answer(
        &self,
        method: &Method,
        path: &str,
        headers: &HeaderMap,
        reads: Reads,
    ) -> Option<Response<ResponseBody>> {
        let below = path.strip_prefix(self.base_path());
        let Some(file) =
            below.and_then(|below| self.built(below).or_else(|| self.fallback_page(below)))
        else {
            // Whatever the method: a 405 names the methods of a resource (RFC 9110,
            // 15.5.6), and there is none here.
            return Some(self.not_found(path));
        };
        if method != Method::GET && method != Method::HEAD {
            let mut response = plain(StatusCode::METHOD_NOT_ALLOWED, "only GET and HEAD\n");
            response
                .headers_mut()
                .insert(header::ALLOW, HeaderValue::from_static("GET, HEAD"));
            return Some(response);
        }
        let ranged = headers.contains_key(header::RANGE);
        // A range is of the uncompressed bytes, which is what a client resuming a download has.
        let (encoding, variant) = match ranged {
            true => (None, &file.identity),
            false => negotiate(file, headers),
        };
        // The bytes first, and the tag of those bytes: a file read from disk may have
        // changed, or gone, since the crate compiled.
        let (bytes, etag) = match read(variant, encoding, reads) {
            Ok(read) => read?,
            Err(message) => return Some(plain(StatusCode::INTERNAL_SERVER_ERROR, message)),
        };
        let mut response_headers = HeaderMap::new();
        let tag = match &etag {
            std::borrow::Cow::Borrowed(tag) => HeaderValue::from_static(tag),
            std::borrow::Cow::Owned(tag) => header_value(tag),
        };
        response_headers.insert(header::ETAG, tag);
        response_headers.insert(
            header::CACHE_CONTROL,
            HeaderValue::from_static(file.cache_control()),
        );
        response_headers.insert(header::VARY, HeaderValue::from_static("accept-encoding"));
        response_headers.insert(header::ACCEPT_RANGES, HeaderValue::from_static("bytes"));
        if none_match(headers, &etag) {
            return Some(with_headers(
                StatusCode::NOT_MODIFIED,
                response_headers,
                Bytes::new(),
            ));
        }
        response_headers.insert(
            header::CONTENT_TYPE,
            HeaderValue::from_static(file.content_type),
        );
        if let Some(encoding) = encoding {
            response_headers.insert(header::CONTENT_ENCODING, HeaderValue::from_static(encoding));
        }
        let if_range_holds = headers
            .get(header::IF_RANGE)
            .is_none_or(|tag| tag.as_bytes() == etag.as_bytes());
        let (status, bytes) = match ranged && if_range_holds {
            false => (StatusCode::OK, bytes),
            true => match byte_range(headers, bytes.len()) {
                None => (StatusCode::OK, bytes),
                Some(Ok((start, end))) => {
                    let range = format!("bytes {start}-{end}/{}", bytes.len());
                    response_headers.insert(header::CONTENT_RANGE, header_value(&range));
                    (StatusCode::PARTIAL_CONTENT, bytes.slice(start..=end))
                }
                Some(Err(())) => {
                    let range = format!("bytes */{}", bytes.len());
                    response_headers.insert(header::CONTENT_RANGE, header_value(&range));
                    (StatusCode::RANGE_NOT_SATISFIABLE, Bytes::new())
                }
            },
        };
        response_headers.insert(
            header::CONTENT_LENGTH,
            header_value(&bytes.len().to_string()),
        );
        let body = match method == Method::HEAD {
            true => Bytes::new(),
            false => bytes,
        };
        Some(with_headers(status, response_headers, body))
    }

    /// 404, without a cache header. When the path, without the base path, names
    /// one of the files, the service was mounted under a prefix that the router
    /// strips: the body says so, as every asset of every page would be missing.
    fn not_found(&self, path: &str) -> Response<ResponseBody> {
        let stripped = path.trim_start_matches('/');
        if path.starts_with(self.base_path()) || self.built(stripped).is_none() {
            return plain(StatusCode::NOT_FOUND, "not found\n");
        }
        let message = format!(
            "vite-asset: `{path}` was asked of the Vite files, which are served at `{base}{stripped}`: \
             the service is mounted under a prefix that the router strips from the path\n  \
             to fix: merge `vite_files!().router()` into the app's router, or mount `vite_files!().service()` \
             where it sees the whole path (`fallback_service`, `route_service(\"{base}{{*file}}\", …)`)\n",
            base = self.base_path()
        );
        eprintln!("{}", message.trim_end());
        plain(StatusCode::NOT_FOUND, &message)
    }
}

#[cfg(not(feature = "dev"))]
impl<B> tower_service::Service<Request<B>> for ServeVite {
    type Response = Response<ServiceBody>;
    type Error = Infallible;
    type Future = ServeFuture;

    fn poll_ready(&mut self, _: &mut Context<'_>) -> Poll<Result<(), Infallible>> {
        Poll::Ready(Ok(()))
    }

    fn call(&mut self, request: Request<B>) -> Self::Future {
        let files = self.files;
        let path = request.uri().path();
        // A file of `vite_files!(from_disk)` that must be read is read in tokio's
        // blocking pool, so that a slow disk holds no async worker; an embedded one,
        // or one read before and unchanged, is answered at once.
        let reads = match tokio::runtime::Handle::try_current() {
            Ok(_) => Reads::Deferred,
            Err(_) => Reads::Allowed,
        };
        if let Some(response) = files.answer(request.method(), path, request.headers(), reads) {
            return ServeFuture(Pending::Ready(Some(response)));
        }
        let (method, path, headers) = (
            request.method().clone(),
            path.to_owned(),
            request.headers().clone(),
        );
        let read = tokio::task::spawn_blocking(move || files.respond(&method, &path, &headers));
        ServeFuture(Pending::Blocking(read))
    }
}

/// The future of [`ServeVite`]'s response: ready at once for a file in the
/// binary; for one read from disk, when tokio's blocking pool has read it.
#[cfg(not(feature = "dev"))]
#[derive(Debug)]
pub struct ServeFuture(Pending);

#[cfg(not(feature = "dev"))]
#[derive(Debug)]
enum Pending {
    Ready(Option<Response<ResponseBody>>),
    Blocking(tokio::task::JoinHandle<Response<ResponseBody>>),
}

#[cfg(not(feature = "dev"))]
impl std::future::Future for ServeFuture {
    type Output = Result<Response<ServiceBody>, Infallible>;

    fn poll(mut self: std::pin::Pin<&mut Self>, context: &mut Context<'_>) -> Poll<Self::Output> {
        match &mut self.0 {
            Pending::Ready(response) => Poll::Ready(Ok(response
                .take()
                .unwrap_or_else(|| plain(StatusCode::INTERNAL_SERVER_ERROR, "polled again\n")))),
            Pending::Blocking(read) => std::pin::Pin::new(read).poll(context).map(|read| {
                Ok(read.unwrap_or_else(|_| {
                    plain(
                        StatusCode::INTERNAL_SERVER_ERROR,
                        "the file could not be read\n",
                    )
                }))
            }),
        }
    }
}

/// In `dev`: the build's paths go to its DevServer, streamed; any other is a `404`.
#[cfg(feature = "dev")]
impl<B> tower_service::Service<Request<B>> for ServeVite
where
    B: hyper::body::Body<Data = Bytes> + Send + 'static,
    B::Error: Into<crate::dev::proxy::BoxError>,
{
    type Response = Response<ServiceBody>;
    type Error = Infallible;
    type Future = std::pin::Pin<
        Box<dyn std::future::Future<Output = Result<Self::Response, Infallible>> + Send>,
    >;

    fn poll_ready(&mut self, _: &mut Context<'_>) -> Poll<Result<(), Infallible>> {
        Poll::Ready(Ok(()))
    }

    fn call(&mut self, request: Request<B>) -> Self::Future {
        let files = self.files;
        let build = files
            .dev()
            .filter(|build| crate::dev::owns(files, build, request.uri().path()));
        match build {
            Some(build) => {
                Box::pin(async move { Ok(crate::dev::forward(files, build, request).await) })
            }
            None => {
                let response =
                    files.respond(request.method(), request.uri().path(), request.headers());
                Box::pin(ready(Ok(crate::dev::boxed(response))))
            }
        }
    }
}

/// The encoding `Accept-Encoding` prefers among those `file` has (brotli, gzip,
/// none), by q-value; brotli, then gzip, then none, where they tie.
fn negotiate(
    file: &'static BuiltFile,
    headers: &HeaderMap,
) -> (Option<&'static str>, &'static Variant) {
    let accepted: Vec<(String, f32)> = list_items(headers, header::ACCEPT_ENCODING)
        .filter_map(|item| {
            let mut parts = item.split(';');
            let coding = parts.next()?.trim().to_ascii_lowercase();
            // An item whose weight is not a qvalue is not one the client sent
            // knowingly: it counts for nothing, rather than for q=1.
            let quality = match parts.find_map(|parameter| {
                let (name, value) = parameter.split_once('=')?;
                name.trim().eq_ignore_ascii_case("q").then(|| value.trim())
            }) {
                Some(weight) => qvalue(weight)?,
                None => 1.0,
            };
            (!coding.is_empty()).then_some((coding, quality))
        })
        .collect();
    let quality = |coding: &str| {
        let explicit = accepted.iter().find(|(name, _)| name == coding);
        let wildcard = accepted.iter().find(|(name, _)| name == "*");
        explicit.or(wildcard).map(|(_, q)| *q)
    };
    let mut best: (f32, Option<&'static str>, &'static Variant) =
        (quality("identity").unwrap_or(0.001), None, &file.identity);
    for (coding, variant) in [("gzip", &file.gzip), ("br", &file.brotli)] {
        if let (Some(variant), Some(q)) = (variant, quality(coding)) {
            if q > 0.0 && q >= best.0 {
                best = (q, Some(coding), variant);
            }
        }
    }
    (best.1, best.2)
}

/// Whether `If-None-Match` names `etag` (or is `*`), compared weakly as RFC 9110 asks.
/// `If-None-Match` by the weak comparison (RFC 9110, 13.1.2): `etag`, with or
/// without one `W/`, or `*`.
fn none_match(headers: &HeaderMap, etag: &str) -> bool {
    list_items(headers, header::IF_NONE_MATCH)
        .any(|tag| tag == "*" || tag.strip_prefix("W/").unwrap_or(tag) == etag)
}

/// A weight (RFC 9110, 12.4.2): `0`, `1`, or either with up to three decimals,
/// at most `1.000`.
fn qvalue(text: &str) -> Option<f32> {
    let (whole, decimals) = text.split_once('.').unwrap_or((text, ""));
    let valid = matches!(whole, "0" | "1")
        && decimals.len() <= 3
        && decimals.bytes().all(|byte| byte.is_ascii_digit())
        && (whole == "0" || decimals.bytes().all(|byte| byte == b'0'));
    valid.then(|| text.parse().ok()).flatten()
}

/// The items of the comma-separated lists in every `name` header (RFC 9110,
/// 5.6.1), trimmed, without the empty ones.
pub(crate) fn list_items(headers: &HeaderMap, name: HeaderName) -> impl Iterator<Item = &str> {
    headers
        .get_all(name)
        .into_iter()
        .filter_map(|value| value.to_str().ok())
        .flat_map(|value| value.split(','))
        .map(str::trim)
        .filter(|item| !item.is_empty())
}

/// The one range of `Range: bytes=…` within `len` bytes, as inclusive offsets,
/// by RFC 9110, 14.1: `Err` when it is not satisfiable (it starts at or past the
/// end); `None` when there is no single valid byte range to honour (another
/// unit, several ranges, a malformed one), and the whole file is the answer.
fn byte_range(headers: &HeaderMap, len: usize) -> Option<Result<(usize, usize), ()>> {
    let value = headers.get(header::RANGE)?.to_str().ok()?;
    let (unit, spec) = value.trim().split_once('=')?;
    if !unit.trim().eq_ignore_ascii_case("bytes") || spec.contains(',') {
        return None;
    }
    let (first, last) = spec.trim().split_once('-')?;
    let range = match (position(first), position(last)) {
        // `-N`: the last N bytes, the whole file when it is shorter.
        (Err(true), Ok(suffix)) => match (suffix, len) {
            (0, _) | (_, 0) => Err(()),
            _ => Ok((len.saturating_sub(suffix), len - 1)),
        },
        // `N-` and `N-M`: to the end when M is absent or past it.
        (Ok(first), last) => {
            let last = match last {
                Ok(last) => last,
                Err(true) => usize::MAX,
                Err(false) => return None,
            };
            if last < first {
                return None;
            }
            match first < len {
                true => Ok((first, last.min(len - 1))),
                false => Err(()),
            }
        }
        _ => return None,
    };
    Some(range)
}

/// A byte position of a range (`1*DIGIT`): a number too large for `usize` is
/// past the end of any file, so it is `usize::MAX`. `Err(true)` when empty,
/// `Err(false)` when not digits (`+5`, `x`).
fn position(text: &str) -> Result<usize, bool> {
    if text.is_empty() {
        return Err(true);
    }
    if !text.bytes().all(|byte| byte.is_ascii_digit()) {
        return Err(false);
    }
    Ok(text.parse().unwrap_or(usize::MAX))
}

/// Whether an answer may read a file from disk now.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Reads {
    /// It may: a caller of [`ViteFiles::respond`], or the blocking pool.
    Allowed,
    /// Not on this thread (an async worker): the answer is `None` instead.
    Deferred,
}

/// A file of `vite_files!(from_disk)` as it was last read: its length and
/// modification time then, its bytes, and their tag.
struct Read {
    len: u64,
    modified: Option<std::time::SystemTime>,
    bytes: Bytes,
    etag: std::sync::Arc<str>,
}

/// Files read from disk up to this size are kept in memory, and served from there
/// while a `stat` says they are unchanged; larger ones are read at each request.
const KEPT_UP_TO: u64 = 4 << 20;

/// The files read from disk, by path.
fn kept() -> &'static std::sync::RwLock<std::collections::HashMap<&'static str, Read>> {
    static KEPT: std::sync::OnceLock<
        std::sync::RwLock<std::collections::HashMap<&'static str, Read>>,
    > = std::sync::OnceLock::new();
    KEPT.get_or_init(Default::default)
}

/// The bytes of `variant` and their entity tag: in the binary, with the tag of
/// their content computed at compile time; or read from the output directory,
/// with a tag of the file as it is now (its length and modification time, and
/// the encoding), so that a changed file gets a new tag. `Ok(None)` when the
/// file must be read and `reads` defers it.
fn read(
    variant: &Variant,
    encoding: Option<&str>,
    reads: Reads,
) -> Result<Option<(Bytes, std::borrow::Cow<'static, str>)>, &'static str> {
    let path = match variant.body {
        Body::Embedded(bytes) => return Ok(Some((Bytes::from_static(bytes), variant.etag.into()))),
        Body::OnDisk(path) => path,
    };
    let missing = |error: std::io::Error| {
        missing_once(path, &error);
        // The client is told nothing of the server's files; the log says which.
        "a file of this site is missing on the server\n"
    };
    let metadata = std::fs::metadata(path).map_err(missing)?;
    let (len, modified) = (metadata.len(), metadata.modified().ok());
    let kept_now = |kept: &Read| kept.len == len && kept.modified == modified;
    if let Some(kept) = kept()
        .read()
        .unwrap_or_else(|poison| poison.into_inner())
        .get(path)
        .filter(|kept| kept_now(kept))
    {
        return Ok(Some((kept.bytes.clone(), kept.etag.to_string().into())));
    }
    if reads == Reads::Deferred {
        return Ok(None);
    }
    let read = read_file(path, encoding).map_err(missing)?;
    let answer = (read.bytes.clone(), read.etag.to_string().into());
    if read.len <= KEPT_UP_TO {
        kept()
            .write()
            .unwrap_or_else(|poison| poison.into_inner())
            .insert(path, read);
    }
    Ok(Some(answer))
}

/// The file at `path`, its length and modification time from the open file.
fn read_file(path: &str, encoding: Option<&str>) -> std::io::Result<Read> {
    let mut file = std::fs::File::open(path)?;
    let metadata = file.metadata()?;
    let mut bytes = Vec::with_capacity(usize::try_from(metadata.len()).unwrap_or(0));
    std::io::Read::read_to_end(&mut file, &mut bytes)?;
    let modified = metadata.modified().ok();
    let since = modified
        .and_then(|time| time.duration_since(std::time::UNIX_EPOCH).ok())
        .map_or(0, |since| since.as_nanos());
    let etag = format!(
        "\"{:x}-{since:x}{}\"",
        bytes.len(),
        encoding.map(|name| format!("-{name}")).unwrap_or_default()
    );
    Ok(Read {
        len: metadata.len(),
        modified,
        bytes: Bytes::from(bytes),
        etag: etag.into(),
    })
}

/// Says on stderr, once per file, that a file of the build cannot be read: a
/// request for it under load would otherwise write a line each time.
fn missing_once(path: &'static str, error: &std::io::Error) {
    static SAID: std::sync::Mutex<Vec<&'static str>> = std::sync::Mutex::new(Vec::new());
    let mut said = crate::locked(&SAID);
    if said.contains(&path) {
        return;
    }
    said.push(path);
    eprintln!(
        "vite-asset: cannot read `{path}`, a file of the Vite build: {error} (said once per file)\n  \
         to fix: `vite_files!(from_disk)` reads the output directory at the path it had when \
         the crate compiled; deploy the files there, or embed them with `vite_files!()`"
    );
}

fn header_value(text: &str) -> HeaderValue {
    HeaderValue::from_str(text).unwrap_or_else(|_| HeaderValue::from_static(""))
}

pub(crate) fn plain(status: StatusCode, text: &str) -> Response<ResponseBody> {
    let mut headers = HeaderMap::new();
    headers.insert(
        header::CONTENT_TYPE,
        HeaderValue::from_static("text/plain; charset=utf-8"),
    );
    with_headers(status, headers, Bytes::from(text.to_owned()))
}

fn with_headers(status: StatusCode, headers: HeaderMap, body: Bytes) -> Response<ResponseBody> {
    let mut response = Response::new(Full::new(body));
    *response.status_mut() = status;
    *response.headers_mut() = headers;
    response
}

#[cfg(test)]
mod tests {
    use super::*;

    static FILES: ViteFiles = ViteFiles::of_files(
        "/assets/",
        &[
            BuiltFile {
                path: "bundled/main-BlblHtZJ.js",
                content_type: "text/javascript; charset=utf-8",
                immutable: true,
                identity: Variant {
                    etag: "\"js\"",
                    body: Body::Embedded(b"console.log('main')"),
                },
                brotli: Some(Variant {
                    etag: "\"js-br\"",
                    body: Body::Embedded(b"BR"),
                }),
                gzip: Some(Variant {
                    etag: "\"js-gz\"",
                    body: Body::Embedded(b"GZ"),
                }),
            },
            BuiltFile {
                path: "robots.txt",
                content_type: "text/plain; charset=utf-8",
                immutable: false,
                identity: Variant {
                    etag: "\"robots\"",
                    body: Body::Embedded(b"User-agent: *"),
                },
                brotli: None,
                gzip: None,
            },
        ],
        false,
    );

    const MAIN: &str = "/assets/bundled/main-BlblHtZJ.js";

    fn get(path: &str, headers: &[(&str, &str)]) -> Response<ResponseBody> {
        request(Method::GET, path, headers)
    }

    fn request(method: Method, path: &str, headers: &[(&str, &str)]) -> Response<ResponseBody> {
        let mut map = HeaderMap::new();
        for (name, value) in headers {
            map.append(
                header::HeaderName::from_bytes(name.as_bytes()).unwrap(),
                HeaderValue::from_str(value).unwrap(),
            );
        }
        FILES.respond(&method, path, &map)
    }

    fn body(response: Response<ResponseBody>) -> Vec<u8> {
        use http_body_util::BodyExt;
        let collected = futures_lite_block_on(response.into_body().collect());
        collected.unwrap().to_bytes().to_vec()
    }

    /// `Full` is ready at once: its future needs no runtime.
    fn futures_lite_block_on<F: std::future::Future>(future: F) -> F::Output {
        let waker = std::task::Waker::noop();
        let mut context = Context::from_waker(waker);
        let mut future = std::pin::pin!(future);
        match future.as_mut().poll(&mut context) {
            Poll::Ready(output) => output,
            Poll::Pending => panic!("a full body is ready at once"),
        }
    }

    fn header(response: &Response<ResponseBody>, name: header::HeaderName) -> Option<&str> {
        response
            .headers()
            .get(name)
            .map(|value| value.to_str().unwrap())
    }

    #[test]
    fn a_hashed_file_is_immutable_an_unhashed_one_revalidates() {
        let main = get(MAIN, &[]);
        assert_eq!(main.status(), StatusCode::OK);
        assert_eq!(
            header(&main, header::CACHE_CONTROL),
            Some("public, max-age=31536000, immutable")
        );
        assert_eq!(
            header(&main, header::CONTENT_TYPE),
            Some("text/javascript; charset=utf-8")
        );
        assert_eq!(header(&main, header::VARY), Some("accept-encoding"));
        assert_eq!(header(&main, header::ETAG), Some("\"js\""));
        assert_eq!(header(&main, header::CONTENT_LENGTH), Some("19"));
        assert_eq!(body(main), b"console.log('main')");
        let robots = get("/assets/robots.txt", &[]);
        assert_eq!(header(&robots, header::CACHE_CONTROL), Some("no-cache"));
    }

    /// `ViteFiles::get` and `iter`, for a server without tower, give what the service answers.
    #[test]
    fn a_file_from_get_is_what_the_service_serves() {
        use crate::FileContents;
        let paths: Vec<&str> = FILES.iter().map(|file| file.path()).collect();
        assert_eq!(paths, ["bundled/main-BlblHtZJ.js", "robots.txt"]);
        for file in FILES.iter() {
            let response = get(&format!("/assets/{}", file.path()), &[]);
            assert_eq!(
                header(&response, header::CONTENT_TYPE),
                Some(file.content_type())
            );
            assert_eq!(
                header(&response, header::CACHE_CONTROL),
                Some(file.cache_control())
            );
            assert_eq!(header(&response, header::ETAG), Some(file.identity().etag));
            let FileContents::Embedded(bytes) = file.identity().contents else {
                panic!("embedded");
            };
            assert_eq!(body(response), bytes);
        }
        let main = FILES.get("bundled/main-BlblHtZJ.js").unwrap();
        let brotli = get(MAIN, &[("accept-encoding", "br")]);
        assert_eq!(header(&brotli, header::ETAG), main.brotli().map(|b| b.etag));
        assert_eq!(main.gzip().unwrap().contents, FileContents::Embedded(b"GZ"));
        assert!(FILES.get("robots.txt").unwrap().brotli().is_none());
        assert!(
            FILES.get("/assets/robots.txt").is_none()
                && FILES.get("bundled/../robots.txt").is_none()
        );
    }

    #[test]
    fn the_encoding_follows_the_q_values() {
        for (accept, expected, bytes) in [
            ("br, gzip", Some("br"), &b"BR"[..]),
            ("gzip, br;q=0.5", Some("gzip"), b"GZ"),
            ("gzip;q=0.5, br;q=0.5", Some("br"), b"BR"),
            ("br;q=0, gzip;q=0", None, b"console.log('main')"),
            ("*", Some("br"), b"BR"),
            ("*;q=0.1, identity", None, b"console.log('main')"),
            ("deflate", None, b"console.log('main')"),
            ("GZIP", Some("gzip"), b"GZ"),
            // Weights that are not qvalues count for nothing, not for q=1.
            ("br;q=garbage", None, b"console.log('main')"),
            ("br;q=garbage, gzip", Some("gzip"), b"GZ"),
            ("br;q=1.5, gzip;q=0.2", Some("gzip"), b"GZ"),
            ("br;q=0.0001, gzip;q=0.2", Some("gzip"), b"GZ"),
            ("gzip;Q=0.9, br;q=0.8", Some("gzip"), b"GZ"),
        ] {
            let response = get(MAIN, &[("accept-encoding", accept)]);
            assert_eq!(
                header(&response, header::CONTENT_ENCODING),
                expected,
                "{accept}"
            );
            assert_eq!(
                header(&response, header::VARY),
                Some("accept-encoding"),
                "{accept}"
            );
            assert_eq!(body(response), bytes, "{accept}");
        }
        let robots = get("/assets/robots.txt", &[("accept-encoding", "br")]);
        assert_eq!(
            header(&robots, header::CONTENT_ENCODING),
            None,
            "no variant to serve"
        );
    }

    #[test]
    fn a_matching_etag_is_304_and_head_has_no_body() {
        let not_modified = get(MAIN, &[("if-none-match", "\"other\", W/\"js\"")]);
        assert_eq!(not_modified.status(), StatusCode::NOT_MODIFIED);
        assert_eq!(header(&not_modified, header::ETAG), Some("\"js\""));
        assert!(body(not_modified).is_empty());
        let brotli = get(
            MAIN,
            &[("if-none-match", "\"js\""), ("accept-encoding", "br")],
        );
        assert_eq!(
            brotli.status(),
            StatusCode::OK,
            "each encoding has its own tag"
        );
        assert_eq!(
            get(MAIN, &[("if-none-match", "*")]).status(),
            StatusCode::NOT_MODIFIED
        );

        for not_a_match in ["W/W/\"js\"", "w/\"js\"", "\"JS\"", "js"] {
            assert_eq!(
                get(MAIN, &[("if-none-match", not_a_match)]).status(),
                StatusCode::OK,
                "{not_a_match}"
            );
        }

        let head = request(Method::HEAD, MAIN, &[]);
        assert_eq!(head.status(), StatusCode::OK);
        assert_eq!(header(&head, header::CONTENT_LENGTH), Some("19"));
        assert!(body(head).is_empty());
        let post = request(Method::POST, MAIN, &[]);
        assert_eq!(post.status(), StatusCode::METHOD_NOT_ALLOWED);
        assert_eq!(header(&post, header::ALLOW), Some("GET, HEAD"));
        // No resource, no methods to name: a 404 whatever the method.
        let missing = request(Method::POST, "/assets/bundled/missing.js", &[]);
        assert_eq!(missing.status(), StatusCode::NOT_FOUND);
        assert_eq!(header(&missing, header::ALLOW), None);
    }

    #[test]
    fn one_range_is_206_of_the_uncompressed_bytes_and_past_the_end_416() {
        for (range, expected, content_range) in [
            ("bytes=0-6", &b"console"[..], "bytes 0-6/19"),
            ("bytes=8-", b"log('main')", "bytes 8-18/19"),
            ("bytes=-6", b"main')", "bytes 13-18/19"),
            ("bytes=10-1000", b"g('main')", "bytes 10-18/19"),
        ] {
            let response = get(MAIN, &[("range", range), ("accept-encoding", "br")]);
            assert_eq!(response.status(), StatusCode::PARTIAL_CONTENT, "{range}");
            assert_eq!(
                header(&response, header::CONTENT_RANGE),
                Some(content_range),
                "{range}"
            );
            assert_eq!(header(&response, header::CONTENT_ENCODING), None, "{range}");
            assert_eq!(body(response), expected, "{range}");
        }
        // RFC 9110, 14.1.2: a last position past the end, however large, is the end;
        // the unit is case-insensitive.
        for (range, content_range) in [
            ("bytes=0-99999999999999999999999", "bytes 0-18/19"),
            ("Bytes=0-4", "bytes 0-4/19"),
            ("bytes=-99999999999999999999999", "bytes 0-18/19"),
        ] {
            let response = get(MAIN, &[("range", range)]);
            assert_eq!(response.status(), StatusCode::PARTIAL_CONTENT, "{range}");
            assert_eq!(
                header(&response, header::CONTENT_RANGE),
                Some(content_range),
                "{range}"
            );
        }
        for range in [
            "bytes=19-",
            "bytes=100-200",
            "bytes=-0",
            "bytes=99999999999999999999999-",
        ] {
            let response = get(MAIN, &[("range", range)]);
            assert_eq!(
                response.status(),
                StatusCode::RANGE_NOT_SATISFIABLE,
                "{range}"
            );
            assert_eq!(header(&response, header::CONTENT_RANGE), Some("bytes */19"));
        }
        for ignored in [
            "bytes=0-1,3-4",
            "items=0-1",
            "bytes=5-2",
            "bytes=x-",
            "bytes=+1-+5",
            "bytes=1-+5",
            "bytes=-",
            "bytes 0-4",
        ] {
            assert_eq!(
                get(MAIN, &[("range", ignored)]).status(),
                StatusCode::OK,
                "{ignored}"
            );
        }
        let stale = get(MAIN, &[("range", "bytes=0-6"), ("if-range", "\"old\"")]);
        assert_eq!(
            stale.status(),
            StatusCode::OK,
            "If-Range of another version: the whole file"
        );
    }

    /// RFC 9110, 14.1.2's examples, on its 10000-byte representation; the lists
    /// of several ranges are answered with the whole file.
    #[test]
    fn the_rfcs_byte_ranges() {
        let range = |value: &str| {
            let mut headers = HeaderMap::new();
            headers.insert(header::RANGE, HeaderValue::from_str(value).unwrap());
            byte_range(&headers, 10000)
        };
        assert_eq!(range("bytes=0-499"), Some(Ok((0, 499))));
        assert_eq!(range("bytes=500-999"), Some(Ok((500, 999))));
        assert_eq!(range("bytes=-500"), Some(Ok((9500, 9999))));
        assert_eq!(range("bytes=9500-"), Some(Ok((9500, 9999))));
        assert_eq!(range("bytes=0-0,-1"), None);
        assert_eq!(range("bytes= 0-999, 4500-5499, -1000"), None);
        assert_eq!(range("bytes=500-600,601-999"), None);
        assert_eq!(range("bytes=10000-"), Some(Err(())));
    }

    #[test]
    fn only_the_files_are_served_and_a_404_is_not_cached() {
        for path in [
            "/assets/manifest.json",
            "/assets/.vite/manifest.json",
            "/assets/bundled/../manifest.json",
            "/assets/bundled/%2e%2e/robots.txt",
            "/assets/bundled%2fmain-BlblHtZJ.js",
            "/assets//bundled/main-BlblHtZJ.js",
            "/assets/bundled/main-BlblHtZJ.js%00",
            "/assets/BUNDLED/main-BlblHtZJ.js",
            "/assets/bundled/main-BlblHtZJ.js/",
            "/assets/",
            "/",
        ] {
            let response = get(path, &[]);
            assert_eq!(response.status(), StatusCode::NOT_FOUND, "{path}");
            assert_eq!(header(&response, header::CACHE_CONTROL), None, "{path}");
        }
    }

    #[test]
    fn a_service_mounted_under_a_stripped_prefix_says_so() {
        let response = get("/bundled/main-BlblHtZJ.js", &[]);
        assert_eq!(response.status(), StatusCode::NOT_FOUND);
        let text = String::from_utf8(body(response)).unwrap();
        assert!(
            text.contains("served at `/assets/bundled/main-BlblHtZJ.js`"),
            "{text}"
        );
        assert!(
            text.contains("to fix: merge `vite_files!().router()`"),
            "{text}"
        );
        let unrelated = String::from_utf8(body(get("/favicon.ico", &[]))).unwrap();
        assert_eq!(unrelated, "not found\n");
    }

    #[test]
    fn a_file_that_is_gone_from_disk_is_a_500_that_names_no_path() {
        static GONE: ViteFiles = ViteFiles::of_files(
            "/",
            &[BuiltFile {
                path: "a-12345678.js",
                content_type: "text/javascript; charset=utf-8",
                immutable: true,
                identity: Variant {
                    etag: "\"a\"",
                    body: Body::OnDisk("/nonexistent/dist/a-12345678.js"),
                },
                brotli: None,
                gzip: None,
            }],
            false,
        );
        let mut headers = HeaderMap::new();
        headers.insert(header::IF_NONE_MATCH, HeaderValue::from_static("\"a\""));
        for headers in [HeaderMap::new(), headers] {
            let response = GONE.respond(&Method::GET, "/a-12345678.js", &headers);
            assert_eq!(
                response.status(),
                StatusCode::INTERNAL_SERVER_ERROR,
                "never a 304"
            );
            let text = String::from_utf8(body(response)).unwrap();
            assert_eq!(text, "a file of this site is missing on the server\n");
        }
    }

    /// A file read from disk is served with a tag of its bytes as they are: a
    /// changed file gets a new one, and the old tag is no 304.
    #[test]
    fn a_file_from_disk_that_changes_gets_a_new_tag() {
        let dir = std::env::temp_dir().join(format!("vite-asset-serve-{}", std::process::id()));
        std::fs::create_dir_all(&dir).unwrap();
        let path: &'static str = Box::leak(
            dir.join("b-12345678.js")
                .to_str()
                .unwrap()
                .to_owned()
                .into_boxed_str(),
        );
        let files: &'static [BuiltFile] = Box::leak(Box::new([BuiltFile {
            path: "b-12345678.js",
            content_type: "text/javascript; charset=utf-8",
            immutable: true,
            identity: Variant {
                etag: "\"compiled\"",
                body: Body::OnDisk(path),
            },
            brotli: None,
            gzip: None,
        }]));
        let served: &'static ViteFiles =
            Box::leak(Box::new(ViteFiles::of_files("/", files, false)));
        let fetch = |if_none_match: Option<&str>| {
            let mut headers = HeaderMap::new();
            if let Some(tag) = if_none_match {
                headers.insert(header::IF_NONE_MATCH, HeaderValue::from_str(tag).unwrap());
            }
            served.respond(&Method::GET, "/b-12345678.js", &headers)
        };
        std::fs::write(path, "one").unwrap();
        let first = fetch(None);
        let tag = header(&first, header::ETAG).unwrap().to_owned();
        assert_ne!(tag, "\"compiled\"");
        assert_eq!(header(&first, header::CONTENT_LENGTH), Some("3"));
        assert_eq!(fetch(Some(&tag)).status(), StatusCode::NOT_MODIFIED);

        std::fs::write(path, "two, longer").unwrap();
        let changed = fetch(Some(&tag));
        assert_eq!(changed.status(), StatusCode::OK, "the old tag is stale");
        assert_ne!(header(&changed, header::ETAG), Some(tag.as_str()));
        assert_eq!(body(changed), b"two, longer");

        #[cfg(not(feature = "dev"))]
        through_the_service(served, path);

        std::fs::remove_file(path).unwrap();
        assert_eq!(
            fetch(Some(&tag)).status(),
            StatusCode::INTERNAL_SERVER_ERROR,
            "a deleted file is never a 304"
        );
        let _ = std::fs::remove_dir_all(&dir);
    }

    /// Through the service: on a runtime, a file that changed is read in tokio's
    /// blocking pool; one read before and unchanged, or any without a runtime, at once.
    #[cfg(not(feature = "dev"))]
    fn through_the_service(served: &'static ViteFiles, path: &str) {
        std::fs::write(path, "three, on a runtime").unwrap();
        let call = || {
            let request = Request::get("/b-12345678.js").body(()).unwrap();
            tower_service::Service::call(&mut served.service(), request)
        };
        let runtime = tokio::runtime::Builder::new_current_thread()
            .build()
            .unwrap();
        let on_runtime = runtime.enter();
        let changed = call();
        assert!(
            matches!(changed.0, Pending::Blocking(_)),
            "read in the pool"
        );
        let Ok(pooled) = runtime.block_on(changed);
        assert_eq!(body(pooled), b"three, on a runtime");
        assert!(matches!(call().0, Pending::Ready(_)), "unchanged: at once");
        drop(on_runtime);
        std::fs::write(path, "four, without one").unwrap();
        let Ok(inline) = futures_lite_block_on(call());
        assert_eq!(body(inline), b"four, without one");
    }
}
