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
//! the DevServer's answers, streamed), translating actix-web's `http` 0.2 types to
//! the `http` 1 types of the serving layer and back.

use actix_web::dev::{AppService, HttpServiceFactory};
use actix_web::http::header::{HeaderName, HeaderValue, UPGRADE};
use actix_web::http::StatusCode;
use actix_web::{guard, web, HttpRequest, HttpResponse};
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
    /// [`service`](Self::service) does. actix-web cannot hand a connection over,
    /// so Vite's HMR WebSocket goes to the DevServer directly (Vite's client
    /// does so by itself); the reloads of templates
    /// ([`reload_pages_on_change`](crate::reload_pages_on_change)) still reach
    /// the pages, over a stream of events this service relays.
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
    // Only the DevServer reads a body. The payload of an upgrade is the connection
    // itself, which never ends: the WebSocket is refused (Vite's client then
    // connects to the DevServer directly).
    let body = match !crate::DEV || request.headers().contains_key(UPGRADE) {
        true => bytes::Bytes::new(),
        false => match payload.to_bytes_limited(BODY_LIMIT).await {
            Ok(Ok(body)) => body,
            Ok(Err(error)) => return HttpResponse::BadRequest().body(format!("{error}\n")),
            Err(_) => {
                return HttpResponse::PayloadTooLarge()
                    .body("vite-asset: a request body of more than 4 MiB\n")
            }
        },
    };
    let mut forwarded = http::Request::builder()
        .method(request.method().as_str())
        .uri(request.uri().to_string());
    for (name, value) in request.headers() {
        forwarded = forwarded.header(name.as_str(), value.as_bytes());
    }
    let Ok(forwarded) = forwarded.body(Full::new(body)) else {
        return HttpResponse::BadRequest().body("vite-asset: a request that is not HTTP/1.1's\n");
    };
    let Ok(response) = tower_service::Service::call(&mut files.service(), forwarded).await;
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
