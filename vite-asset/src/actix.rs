//! Serving the files of a Vite build from actix-web (the `actix` feature):
//! [`ViteFiles::actix`] is an actix-web service mounted at the build's `base`,
//! as [`ViteFiles::router`] is in axum.
//!
//! ```
//! use actix_web::{web, App, HttpResponse};
//!
//! static FILES: &vite_asset::ViteFiles = vite_asset::vite_files!();
//!
//! let app = App::new()
//!     .service(FILES.actix())
//!     .route("/", web::get().to(|| async { HttpResponse::Ok().body("the page") }));
//! # let _ = app;
//! ```
//!
//! It answers as [`ViteFiles::service`] does (ETag, 304, brotli, ranges; in `dev`
//! the DevServer's answers, streamed, and its HMR WebSocket), translating
//! actix-web's `http` 0.2 types to the `http` 1 types of the serving layer and back.

use actix_web::dev::{AppService, HttpServiceFactory};
use actix_web::http::header::{HeaderName, HeaderValue};
use actix_web::http::StatusCode;
use actix_web::{guard, web, HttpRequest, HttpResponse, HttpResponseBuilder};
use bytes::Bytes;
use http_body_util::{BodyExt, Full};

use crate::ViteFiles;

/// The largest request body forwarded to the DevServer (in production none is
/// read: the files answer `GET` and `HEAD`).
const BODY_LIMIT: usize = 4 << 20;

/// The actix-web service of a [`ViteFiles`], made by [`ViteFiles::actix`]:
/// give it to `App::service`.
///
/// It takes the requests whose path is below the build's base path (under
/// `base = "/"`, only the paths of its files, and in `dev` only Vite's own
/// paths and files), so the app's other routes are not shadowed, wherever it is
/// registered.
#[derive(Debug, Clone, Copy)]
pub struct ActixFiles {
    files: &'static ViteFiles,
}

impl ViteFiles {
    /// These files as an actix-web service, mounted at their
    /// [base path](Self::base_path): `App::new().service(FILES.actix())`.
    ///
    /// In `dev` it forwards to the build's Vite DevServer, which it starts, as
    /// [`service`](Self::service) does, Vite's HMR WebSocket included: actix-web
    /// hands no connection over, so this service answers the handshake with the
    /// DevServer's `101` and relays the socket's bytes each way itself.
    ///
    /// With `vite_files!(spa_fallback)` it takes every path below `base` without
    /// an extension: register it after the app's own routes.
    #[cfg_attr(docsrs, doc(cfg(feature = "actix")))]
    pub fn actix(&'static self) -> ActixFiles {
        ActixFiles { files: self }
    }
}

impl HttpServiceFactory for ActixFiles {
    fn register(self, config: &mut AppService) {
        let files = self.files;
        let pattern = format!("{}{{file:.*}}", files.base_path());
        let ours = guard::fn_guard(move |context| files.answers(context.head().uri.path()));
        let handler =
            move |request: HttpRequest, payload: web::Payload| respond(files, request, payload);
        web::resource(pattern)
            .guard(ours)
            .default_service(web::to(handler))
            .register(config);
    }
}

/// The serving layer's answer to `request`, in actix-web's types.
async fn respond(
    files: &'static ViteFiles,
    request: HttpRequest,
    payload: web::Payload,
) -> HttpResponse {
    #[cfg(feature = "dev")]
    if let Some(build) = files.dev() {
        if crate::dev::proxy::is_websocket(&http_headers(&request)) {
            return websocket::relay(build, &request, payload).await;
        }
    }
    // Only the DevServer reads a body: the files answer `GET` and `HEAD`.
    let body = match crate::DEV {
        false => Bytes::new(),
        true => match payload.to_bytes_limited(BODY_LIMIT).await {
            Ok(Ok(body)) => body,
            Ok(Err(error)) => return HttpResponse::BadRequest().body(format!("{error}\n")),
            Err(_) => {
                return HttpResponse::PayloadTooLarge()
                    .body("vite-asset: a request body of more than 4 MiB\n")
            }
        },
    };
    let Some(forwarded) = http_request(&request, body) else {
        return HttpResponse::BadRequest().body("vite-asset: a request that is not HTTP/1.1's\n");
    };
    let Ok(response) = tower_service::Service::call(&mut files.service(), forwarded).await;
    let (parts, body) = response.into_parts();
    // The error of a body that broke off (the DevServer stopped) ends the response.
    let body = body.map_err(|error| std::io::Error::other(error.to_string()));
    actix_response(&parts, HttpResponse::build(actix_status(parts.status)))
        .streaming(body.into_data_stream())
}

/// `request` in `http` 1's types, with `body`.
fn http_request(request: &HttpRequest, body: Bytes) -> Option<http::Request<Full<Bytes>>> {
    let mut forwarded = http::Request::builder()
        .method(request.method().as_str())
        .uri(request.uri().to_string());
    for (name, value) in request.headers() {
        forwarded = forwarded.header(name.as_str(), value.as_bytes());
    }
    forwarded.body(Full::new(body)).ok()
}

/// The headers of `request` in `http` 1's types.
#[cfg(feature = "dev")]
fn http_headers(request: &HttpRequest) -> http::HeaderMap {
    let mut headers = http::HeaderMap::new();
    for (name, value) in request.headers() {
        if let (Ok(name), Ok(value)) = (
            http::HeaderName::from_bytes(name.as_str().as_bytes()),
            http::HeaderValue::from_bytes(value.as_bytes()),
        ) {
            headers.append(name, value);
        }
    }
    headers
}

fn actix_status(status: http::StatusCode) -> StatusCode {
    StatusCode::from_u16(status.as_u16()).unwrap_or(StatusCode::INTERNAL_SERVER_ERROR)
}

/// `response` with the headers of `parts`, in actix-web's types.
fn actix_response(
    parts: &http::response::Parts,
    mut response: HttpResponseBuilder,
) -> HttpResponseBuilder {
    for (name, value) in &parts.headers {
        if let (Ok(name), Ok(value)) = (
            HeaderName::from_bytes(name.as_str().as_bytes()),
            HeaderValue::from_bytes(value.as_bytes()),
        ) {
            response.append_header((name, value));
        }
    }
    response
}

/// In `dev`: Vite's HMR WebSocket, relayed as bytes. actix-web hands no
/// connection over, but it answers a `101` with a streamed body and keeps
/// streaming the request's payload, which after the handshake is the browser's
/// side of the socket.
#[cfg(feature = "dev")]
mod websocket {
    use actix_web::{web, HttpRequest, HttpResponse};
    use bytes::{Bytes, BytesMut};
    use futures_util::StreamExt;
    use tokio::io::{AsyncReadExt, AsyncWriteExt};

    use super::{actix_response, actix_status, http_request};
    use crate::files::DevBuild;

    /// The DevServer's answer to the browser's handshake; after a `101`, the
    /// bytes of both sides, each way, until either closes.
    pub(super) async fn relay(
        build: &'static DevBuild,
        request: &HttpRequest,
        mut payload: web::Payload,
    ) -> HttpResponse {
        let Some(handshake) = http_request(request, Bytes::new()) else {
            return HttpResponse::BadRequest().finish();
        };
        let (head, vite) = match crate::dev::proxy::websocket_upstream(build, handshake).await {
            Ok(upgraded) => upgraded,
            Err(refused) => {
                let (parts, body) = refused.into_parts();
                let body = http_body_util::BodyExt::collect(body)
                    .await
                    .map(http_body_util::Collected::to_bytes)
                    .unwrap_or_default();
                return actix_response(&parts, HttpResponse::build(actix_status(parts.status)))
                    .body(body);
            }
        };
        let (from_vite, mut to_vite) = tokio::io::split(vite);
        actix_web::rt::spawn(async move {
            while let Some(Ok(bytes)) = payload.next().await {
                if to_vite.write_all(&bytes).await.is_err() {
                    return;
                }
            }
            let _ = to_vite.shutdown().await;
        });
        let to_browser = futures_util::stream::unfold(
            (from_vite, BytesMut::with_capacity(16 * 1024)),
            |(mut from_vite, mut buffer)| async move {
                buffer.reserve(16 * 1024);
                match from_vite.read_buf(&mut buffer).await {
                    Ok(0) | Err(_) => None,
                    Ok(_) => {
                        let bytes = buffer.split().freeze();
                        Some((Ok::<_, std::io::Error>(bytes), (from_vite, buffer)))
                    }
                }
            },
        );
        let mut response = HttpResponse::SwitchingProtocols();
        response.upgrade("websocket");
        actix_response(&head, response).streaming(to_browser)
    }
}
