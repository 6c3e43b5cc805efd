//! The example app (examples/axum_askama) the way a user runs it: its HTTP routes,
//! and its page in a real headless Chromium, in production and against a real
//! Vite DevServer with hot module replacement.
//!
//! The harness builds the examples itself (in both modes, before any test
//! starts), and starts and stops the servers, chromedriver and Vite on
//! free ports. Without Chromium it says so loudly and skips the browser tests;
//! under `CI=true` a missing browser fails them.
#![cfg_attr(feature = "dev", allow(dead_code, unused_imports))]

mod support;

/// The README's quick starts, built and run as user apps.
#[path = "e2e/quick_starts.rs"]
mod quick_starts;

use std::io::{BufRead, BufReader, Read, Write};
use std::net::{TcpListener, TcpStream};
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::sync::OnceLock;
use std::time::{Duration, Instant};

use fantoccini::{Client, ClientBuilder};
use serde_json::{json, Value};
use support::{readme_files, readme_section, workspace};

const CHROMIUM: &str = "/usr/bin/chromium";
const CHROMEDRIVER: &str = "/usr/bin/chromedriver";
const RED_BORDER: &str = "1px solid rgb(255, 0, 0)";

fn example_dir() -> PathBuf {
    workspace().join("examples/axum_askama")
}

/// The examples: the main one (axum and askama) and the one with run-time
/// templates (actix-web and minijinja), which serve the same pages.
const EXAMPLES: [&str; 2] = ["axum_askama", "actix_minijinja"];

/// An example's binaries.
struct Example {
    name: &'static str,
    production: PathBuf,
    development: PathBuf,
}

/// The examples' binaries, built once for all tests, before any test edits a source.
struct Binaries {
    /// The axum example in production, which the HTTP tests use.
    production: PathBuf,
    /// Every example, for the browser tests.
    examples: Vec<Example>,
    /// The DevServer port the development binaries were compiled against.
    vite_port: u16,
    /// The port of the admin build's DevServer, compiled in as well.
    admin_vite_port: u16,
}

fn binaries() -> &'static Binaries {
    static BINARIES: OnceLock<Binaries> = OnceLock::new();
    BINARIES.get_or_init(|| {
        let vite_port = free_port();
        let admin_vite_port = free_port();
        let origin = format!("http://localhost:{vite_port}");
        let admin_origin = format!("http://localhost:{admin_vite_port}");
        let examples: Vec<Example> = EXAMPLES
            .into_iter()
            .map(|name| Example {
                name,
                production: build_example(name, &[], &[]),
                development: build_example(
                    name,
                    &["--features", "dev"],
                    &[
                        ("VITEASSET_DEV_ORIGIN", &origin),
                        ("VITEASSET_ADMIN_DEV_ORIGIN", &admin_origin),
                    ],
                ),
            })
            .collect();
        Binaries {
            production: examples[0].production.clone(),
            examples,
            vite_port,
            admin_vite_port,
        }
    })
}

/// `cargo build --example <example>`, returning a copy of the binary (under
/// target/e2e) so that the next build cannot replace it.
///
/// It builds into the target directory of the `cargo test` that runs this test
/// (which holds no lock while tests run), where that run has compiled the
/// examples' dependencies already: a directory of its own cost a cold build of
/// axum, actix-web and the rest.
fn build_example(example: &str, args: &[&str], env: &[(&str, &str)]) -> PathBuf {
    let target = Path::new(env!("CARGO_TARGET_TMPDIR")).parent().unwrap();
    let mut command = Command::new(env!("CARGO"));
    command
        .args(["build", "--example", example])
        .args(args)
        .current_dir(workspace())
        .env("CARGO_TARGET_DIR", target);
    support::set_config_env(&mut command, env);
    let status = command.status().unwrap();
    assert!(status.success(), "building the example {example} failed");
    let mode = if args.is_empty() {
        "production"
    } else {
        "development"
    };
    let copies = workspace().join("target/e2e");
    std::fs::create_dir_all(&copies).unwrap();
    let copy = copies.join(format!("{example}-{mode}"));
    std::fs::copy(target.join("debug/examples").join(example), &copy).unwrap();
    copy
}

/// A port that is free now and that no other test of this process was given:
/// tests run in parallel, and the OS may offer a port it just offered again
/// before the first test's server has bound it.
fn free_port() -> u16 {
    static GIVEN: std::sync::Mutex<Vec<u16>> = std::sync::Mutex::new(Vec::new());
    let mut given = GIVEN.lock().unwrap();
    loop {
        let port = TcpListener::bind("127.0.0.1:0")
            .unwrap()
            .local_addr()
            .unwrap()
            .port();
        if !given.contains(&port) {
            given.push(port);
            return port;
        }
    }
}

/// Waits until `process` answers `GET path` on `host:port` with 200, and returns
/// true; returns false if the process exits first (another program took the port).
/// Asking for a path of its own, not just connecting, tells our server apart from
/// any other program that may listen on the same port.
fn wait_until_serving(
    process: &mut Process,
    host: &str,
    port: u16,
    path: &str,
    what: &str,
) -> bool {
    let deadline = Instant::now() + Duration::from_secs(30);
    while Instant::now() < deadline {
        if process.0.try_wait().unwrap().is_some() {
            return false;
        }
        if probe_status(host, port, path) == Some(200) {
            return true;
        }
        std::thread::sleep(Duration::from_millis(100));
    }
    panic!("{what} did not answer GET {path} on {host}:{port} within 30 s");
}

/// The status of `GET path`, or None while nothing answers.
fn probe_status(host: &str, port: u16, path: &str) -> Option<u16> {
    let mut stream = TcpStream::connect((host, port)).ok()?;
    stream.set_read_timeout(Some(Duration::from_secs(2))).ok()?;
    write!(
        stream,
        "GET {path} HTTP/1.1\r\nHost: {host}:{port}\r\nConnection: close\r\n\r\n"
    )
    .ok()?;
    let mut head = [0; 12];
    stream.read_exact(&mut head).ok()?;
    std::str::from_utf8(&head[9..12]).ok()?.parse().ok()
}

/// A child process that is killed when the test ends, passing or failing.
struct Process(Child);

impl Drop for Process {
    fn drop(&mut self) {
        let _ = self.0.kill();
        let _ = self.0.wait();
    }
}

/// The example server, from `binary`, on a port it binds itself (`PORT=0`) and
/// reports on its first line, so that no other program can take it in between.
fn start_example(binary: &Path) -> (Process, u16) {
    start_example_with(Command::new(binary))
}

/// [`start_example`] with `command`, which names the binary and may set its
/// directory and environment.
fn start_example_with(mut command: Command) -> (Process, u16) {
    if !command.get_envs().any(|(name, _)| name == "PORT") {
        command.env("PORT", "0");
    }
    let mut child = command.stdout(Stdio::piped()).spawn().unwrap();
    let mut stdout = BufReader::new(child.stdout.take().unwrap());
    let mut first_line = String::new();
    stdout.read_line(&mut first_line).unwrap();
    // Keep reading, so that a later line from the server never meets a closed pipe.
    std::thread::spawn(move || std::io::copy(&mut stdout, &mut std::io::sink()));
    let process = Process(child);
    // "listening on http://127.0.0.1:PORT in production"
    let port = first_line
        .split_whitespace()
        .nth(2)
        .and_then(|url| url.rsplit(':').next())
        .and_then(|port| port.parse().ok())
        .unwrap_or_else(|| panic!("the example server did not start: {first_line:?}"));
    (process, port)
}

/// One HTTP/1.1 request written by hand, so that the path reaches the server
/// exactly as written (`..`, `%2e%2e`): clients normalise such paths away.
struct HttpResponse {
    status: u16,
    headers: Vec<(String, String)>,
    body: String,
    /// The body as it came, for compressed ones.
    bytes: Vec<u8>,
}

impl HttpResponse {
    fn header(&self, name: &str) -> Option<&str> {
        self.headers
            .iter()
            .find(|(key, _)| key.eq_ignore_ascii_case(name))
            .map(|(_, value)| value.as_str())
    }
}

fn http_get(port: u16, path: &str) -> HttpResponse {
    let request =
        format!("GET {path} HTTP/1.1\r\nHost: 127.0.0.1:{port}\r\nConnection: close\r\n\r\n");
    http_exchange(port, &request)
}

/// Sends `request` and reads one response: the head, then `Content-Length` bytes of
/// body (or everything until the server closes, when it sends no length).
fn http_exchange(port: u16, request: &str) -> HttpResponse {
    let mut stream = TcpStream::connect(("127.0.0.1", port)).unwrap();
    stream
        .set_read_timeout(Some(Duration::from_secs(10)))
        .unwrap();
    stream.write_all(request.as_bytes()).unwrap();
    let mut raw = Vec::new();
    let mut buffer = [0; 8192];
    let head_end = loop {
        if let Some(end) = raw.windows(4).position(|window| window == b"\r\n\r\n") {
            break end;
        }
        let read = stream
            .read(&mut buffer)
            .unwrap_or_else(|error| panic!("reading the response to {request:?}: {error}"));
        assert!(
            read > 0,
            "the server closed the connection before the end of the head"
        );
        raw.extend_from_slice(&buffer[..read]);
    };
    let head = String::from_utf8_lossy(&raw[..head_end]).into_owned();
    let mut lines = head.lines();
    let status = lines
        .next()
        .unwrap()
        .split(' ')
        .nth(1)
        .unwrap()
        .parse()
        .unwrap();
    let headers: Vec<(String, String)> = lines
        .filter_map(|line| line.split_once(':'))
        .map(|(key, value)| (key.trim().to_owned(), value.trim().to_owned()))
        .collect();
    let mut body = raw[head_end + 4..].to_vec();
    let length = headers
        .iter()
        .find(|(key, _)| key.eq_ignore_ascii_case("content-length"))
        .map(|(_, value)| value.parse::<usize>().unwrap());
    match length {
        _ if request.starts_with("HEAD ") => {}
        Some(length) => {
            while body.len() < length {
                let read = stream
                    .read(&mut buffer)
                    .unwrap_or_else(|error| panic!("reading the response to {request:?}: {error}"));
                assert!(
                    read > 0,
                    "the server closed the connection before the end of the body"
                );
                body.extend_from_slice(&buffer[..read]);
            }
        }
        None => {
            stream.read_to_end(&mut body).unwrap();
        }
    }
    HttpResponse {
        status,
        headers,
        body: String::from_utf8_lossy(&body).into_owned(),
        bytes: body,
    }
}

/// The entry `key` of the example's manifest, read independently of the macro.
fn manifest_value(key: &str) -> Value {
    let manifest = example_dir().join("assets_compiled/manifest.json");
    let manifest: Value = serde_json::from_slice(&std::fs::read(manifest).unwrap()).unwrap();
    manifest[key].clone()
}

/// The built file of `key` in the example's manifest.
fn manifest_file(key: &str) -> String {
    manifest_value(key)["file"].as_str().unwrap().to_owned()
}

#[test]
#[cfg_attr(
    feature = "dev",
    ignore = "the end-to-end tests build the examples in both modes themselves: run without the dev feature"
)]
fn http_routes_caching_and_a_private_manifest() {
    let (_server, port) = start_example(&binaries().production);
    let script = format!("/assets/{}", manifest_file("script.ts"));
    let styles = format!("/assets/{}", manifest_file("styles.scss"));

    let page = http_get(port, "/");
    assert_eq!(page.status, 200);
    assert!(page
        .header("content-type")
        .unwrap()
        .starts_with("text/html"));
    assert!(
        page.body.contains(&format!(
            "<link rel=\"stylesheet\" crossorigin href=\"{styles}\">\n\
             <script type=\"module\" crossorigin src=\"{script}\"></script>"
        )),
        "vite_tags! wrote the tutorial's two tags, unescaped by askama: {}",
        page.body
    );
    assert!(
        !page.body.contains("@vite/client"),
        "no DevServer client in production"
    );
    assert_eq!(
        page.header("content-security-policy"),
        None,
        "only the dashboard has a policy"
    );

    // The dashboard: CSS imported by its JS entry, integrity, and a fresh CSP nonce per response.
    let dashboard_css = format!(
        "/assets/{}",
        manifest_value("dashboard.ts")["css"][0].as_str().unwrap()
    );
    let dashboard_js = format!("/assets/{}", manifest_file("dashboard.ts"));
    let mut nonces = Vec::new();
    for _ in 0..2 {
        let dashboard = http_get(port, "/dashboard");
        assert_eq!(dashboard.status, 200, "{}", dashboard.body);
        let policy = dashboard
            .header("content-security-policy")
            .unwrap()
            .to_owned();
        let nonce = policy
            .split("'nonce-")
            .nth(1)
            .and_then(|rest| rest.split('\'').next())
            .unwrap_or_else(|| panic!("no nonce in {policy}"))
            .to_owned();
        assert!(nonce.len() >= 22, "a nonce of at least 128 bits: {nonce}");
        for url in [&styles, &dashboard_css, &dashboard_js] {
            let tag = dashboard
                .body
                .lines()
                .find(|line| line.contains(&format!("=\"{url}\"")))
                .unwrap_or_else(|| panic!("no tag for {url} in {}", dashboard.body));
            assert!(
                tag.contains(&format!(" nonce=\"{nonce}\" ")),
                "every tag has this response's nonce: {tag}"
            );
            assert!(tag.contains(" integrity=\"sha384-"), "{tag}");
        }
        nonces.push(nonce);
    }
    assert_ne!(nonces[0], nonces[1], "each response has its own nonce");

    for (path, content_type) in [(&script, "text/javascript"), (&styles, "text/css")] {
        let asset = http_get(port, path);
        assert_eq!(asset.status, 200, "{path}");
        assert!(
            asset
                .header("content-type")
                .unwrap()
                .starts_with(content_type),
            "{path}"
        );
        assert_eq!(
            asset.header("cache-control"),
            Some("public, max-age=31536000, immutable"),
            "{path}"
        );
    }

    let robots = http_get(port, "/robots.txt");
    assert_eq!(robots.status, 200);
    assert!(robots
        .header("content-type")
        .unwrap()
        .starts_with("text/plain"));
    assert!(robots.body.contains("User-agent: *"));
    assert_eq!(
        robots.header("cache-control"),
        None,
        "public/ files are not hashed: no immutable caching"
    );

    // The manifest sits at assets_compiled/manifest.json, beside the served bundled/ directory.
    for path in [
        "/manifest.json",
        "/assets/manifest.json",
        "/assets_compiled/manifest.json",
        "/assets/bundled/../manifest.json",
        "/assets/bundled/%2e%2e/manifest.json",
        "/assets/bundled/%2E%2E/manifest.json",
        "/assets/bundled/..%2fmanifest.json",
        "/assets/bundled/%2e%2e%2fmanifest.json",
        "/assets/bundled/..%5cmanifest.json",
        "/..%2fassets_compiled/manifest.json",
        "/%2e%2e/assets_compiled/manifest.json",
    ] {
        let response = http_get(port, path);
        assert_eq!(response.status, 404, "{path} must not be served");
        assert!(
            !response.body.contains("isEntry"),
            "{path} leaked the manifest"
        );
    }

    for path in [
        "/nope",
        "/assets/bundled/nope.js",
        "/assets/",
        "/assets/bundled/",
    ] {
        let response = http_get(port, path);
        assert_eq!(response.status, 404, "{path}");
        assert_eq!(
            response.header("cache-control"),
            None,
            "a 404 must never be cached for a year: {path}"
        );
    }
}

/// Every file that the manifest lists, as the URL the page links it at.
fn manifest_urls() -> Vec<(String, PathBuf)> {
    let mut urls = build_urls(
        "assets_compiled",
        "assets_compiled/manifest.json",
        "/assets/",
    );
    urls.extend(build_urls(
        "admin/dist",
        "admin/dist/.vite/manifest.json",
        "/admin/assets/",
    ));
    urls
}

/// The URL of every file that the manifest at `manifest` (in the example) lists,
/// under `base`, each with its built file in `out_dir`.
fn build_urls(out_dir: &str, manifest: &str, base: &str) -> Vec<(String, PathBuf)> {
    let manifest: Value =
        serde_json::from_slice(&std::fs::read(example_dir().join(manifest)).unwrap()).unwrap();
    let mut files = Vec::new();
    for entry in manifest.as_object().unwrap().values() {
        files.push(entry["file"].as_str().unwrap().to_owned());
        for list in ["css", "assets"] {
            for file in entry[list].as_array().into_iter().flatten() {
                files.push(file.as_str().unwrap().to_owned());
            }
        }
    }
    files.sort();
    files.dedup();
    files
        .iter()
        .map(|file| {
            (
                format!("{base}{file}"),
                example_dir().join(out_dir).join(file),
            )
        })
        .collect()
}

/// Each example's binary, copied alone into an empty directory and started there
/// with the clone hidden (a mount namespace puts an empty file system over the
/// workspace), serves every page and every file of its builds: the templates,
/// the built files and the pages' data are in the binary. `vite_files!(from_disk)`
/// reads the output directory, so the axum example's from-disk mode runs with
/// the clone in place.
#[test]
#[cfg_attr(
    feature = "dev",
    ignore = "the end-to-end tests build the examples in both modes themselves: run without the dev feature"
)]
fn the_binary_alone_in_an_empty_directory_serves_every_page_and_every_asset() {
    let hidden = clone_can_be_hidden();
    let urls = manifest_urls();
    assert!(urls.len() >= 6, "both builds' files: {urls:?}");
    for example in &binaries().examples {
        let alone = std::env::temp_dir().join(format!("vite-asset-alone-{}", example.name));
        let _ = std::fs::remove_dir_all(&alone);
        std::fs::create_dir_all(&alone).unwrap();
        let binary = alone.join(example.name);
        std::fs::copy(&example.production, &binary).unwrap();
        let (pages, builds): (&[&str], &[&str]) = match example.name {
            "axum_askama" => (
                &["/", "/dashboard", "/admin"],
                &["/assets/", "/admin/assets/"],
            ),
            _ => (&["/", "/dashboard"], &["/assets/"]),
        };
        let modes: &[bool] = match example.name {
            "axum_askama" => &[false, true],
            _ => &[false],
        };
        for &from_disk in modes {
            let mut command = match (from_disk, hidden) {
                (false, true) => {
                    let mut command = Command::new("unshare");
                    command
                        .args(["--mount", "--", "sh", "-c"])
                        .arg(r#"mount -t tmpfs vite-asset-hidden "$0" && exec "$@""#)
                        .arg(workspace())
                        .arg(&binary);
                    command
                }
                _ => Command::new(&binary),
            };
            command.current_dir(&alone);
            if from_disk {
                command.env("ASSETS_FROM_DISK", "1");
            }
            let (_server, port) = start_example_with(command);
            let what = format!("{} (from disk: {from_disk})", example.name);
            for page in pages {
                let response = http_get(port, page);
                assert_eq!(response.status, 200, "{what}: {page}: {}", response.body);
                assert!(response.body.contains("</html>"), "{what}: {page}");
            }
            let of_its_builds = |url: &str| builds.iter().any(|base| url.starts_with(base));
            for (url, built) in urls.iter().filter(|(url, _)| of_its_builds(url)) {
                let asset = http_get(port, url);
                assert_eq!(asset.status, 200, "{what}: {url}");
                let built = std::fs::read(built).unwrap();
                assert_eq!(asset.bytes, built, "{what}: {url}");
            }
        }
        assert_eq!(
            std::fs::read_dir(&alone).unwrap().count(),
            1,
            "the directory holds the binary alone"
        );
        std::fs::remove_dir_all(&alone).unwrap();
    }
}

/// Whether this machine lets the test hide the clone from a server (a mount
/// namespace, as root). Where it cannot, the test still runs every server alone
/// in its directory, says so, and fails under `CI=true`.
fn clone_can_be_hidden() -> bool {
    let status = Command::new("unshare")
        .args([
            "--mount",
            "--",
            "sh",
            "-c",
            r#"mount -t tmpfs vite-asset-hidden "$0" && test ! -e "$0/Cargo.toml""#,
        ])
        .arg(workspace())
        .status();
    let hidden = status.is_ok_and(|status| status.success());
    if !hidden {
        assert!(
            std::env::var_os("CI").is_none_or(|ci| ci != "true"),
            "CI must hide the clone from the servers: `unshare --mount` and `mount -t tmpfs` (util-linux, as root) failed"
        );
        eprintln!("note: cannot hide the clone here (`unshare --mount` failed): the servers run with it in place");
    }
    hidden
}

#[test]
#[cfg_attr(
    feature = "dev",
    ignore = "the end-to-end tests build the examples in both modes themselves: run without the dev feature"
)]
fn http_revalidation_and_encodings_of_the_built_files() {
    let (_server, port) = start_example(&binaries().production);
    let script = format!("/assets/{}", manifest_file("script.ts"));
    let request = |extra: &str| {
        http_exchange(
            port,
            &format!("GET {script} HTTP/1.1\r\nHost: 127.0.0.1:{port}\r\n{extra}Connection: close\r\n\r\n"),
        )
    };
    let first = request("");
    assert_eq!(first.status, 200);
    assert_eq!(first.header("vary"), Some("accept-encoding"));
    let etag = first.header("etag").expect("an ETag").to_owned();
    assert!(
        etag.starts_with('"') && etag.ends_with('"'),
        "a strong ETag: {etag}"
    );
    let revalidated = request(&format!("If-None-Match: {etag}\r\n"));
    assert_eq!(revalidated.status, 304);
    assert!(revalidated.body.is_empty());
    assert_eq!(revalidated.header("etag"), Some(etag.as_str()));
    assert_eq!(request("If-None-Match: \"other\"\r\n").status, 200);
    // script.ts's bundle is too small to shrink: it is served as it is, whatever is accepted.
    let small = request("Accept-Encoding: br;q=1, gzip;q=0.5\r\n");
    assert_eq!(small.status, 200);
    assert_eq!(small.header("content-encoding"), None);
    assert_eq!(small.body, first.body);

    // The dashboard's bundle, compressed by the build script (build.rs: Vite::run).
    let dashboard = format!("/assets/{}", manifest_file("dashboard.ts"));
    let built = std::fs::read(
        example_dir()
            .join("assets_compiled")
            .join(manifest_file("dashboard.ts")),
    )
    .unwrap();
    let get = |accept: &str| {
        http_exchange(
            port,
            &format!("GET {dashboard} HTTP/1.1\r\nHost: 127.0.0.1:{port}\r\nAccept-Encoding: {accept}\r\nConnection: close\r\n\r\n"),
        )
    };
    let brotli = get("gzip;q=0.5, br");
    assert_eq!(brotli.header("content-encoding"), Some("br"));
    assert!(brotli.bytes.len() < built.len());
    let mut decoded = Vec::new();
    brotli::BrotliDecompress(&mut &brotli.bytes[..], &mut decoded).unwrap();
    assert_eq!(decoded, built, "the brotli variant is the file");
    let gzip = get("br;q=0.1, gzip");
    assert_eq!(gzip.header("content-encoding"), Some("gzip"));
    let mut decoded = Vec::new();
    std::io::Read::read_to_end(
        &mut flate2::read::GzDecoder::new(&gzip.bytes[..]),
        &mut decoded,
    )
    .unwrap();
    assert_eq!(decoded, built, "the gzip variant is the file");
    let identity = get("identity");
    assert_eq!(identity.header("content-encoding"), None);
    assert_eq!(identity.bytes, built);
    assert_eq!(identity.header("vary"), Some("accept-encoding"));
    assert_ne!(
        brotli.header("etag"),
        identity.header("etag"),
        "each encoding has its own tag"
    );
    let post = http_exchange(
        port,
        &format!("POST {script} HTTP/1.1\r\nHost: 127.0.0.1:{port}\r\nContent-Length: 0\r\nConnection: close\r\n\r\n"),
    );
    assert_eq!(post.status, 405);
}

/// Idle sockets cannot stop service: for each example, one that sends no
/// request is closed after the header-read timeout, and with 300 of them open
/// against a server limited to 256 descriptors, 64 clients are still answered.
#[test]
#[cfg_attr(
    feature = "dev",
    ignore = "the end-to-end tests build the examples in both modes themselves: run without the dev feature"
)]
fn idle_sockets_time_out_and_cannot_take_every_descriptor() {
    for example in &binaries().examples {
        println!("{}", example.name);
        idle_sockets_against(&example.production);
    }
}

fn idle_sockets_against(binary: &Path) {
    let mut command = Command::new("prlimit");
    command.arg("--nofile=256:256").arg(binary);
    let (_server, port) = start_example_with(command);

    let mut idle = TcpStream::connect(("127.0.0.1", port)).unwrap();
    idle.set_read_timeout(Some(Duration::from_secs(20)))
        .unwrap();
    let opened = Instant::now();
    let mut rest = Vec::new();
    let closed = idle.read_to_end(&mut rest);
    assert!(
        closed.is_ok(),
        "the server closed the idle socket: {closed:?}"
    );
    let waited = opened.elapsed();
    assert!(
        waited >= Duration::from_secs(4) && waited < Duration::from_secs(15),
        "closed after the header-read timeout (5 s), not {waited:?}"
    );

    let idle: Vec<TcpStream> = (0..300)
        .map(|_| TcpStream::connect(("127.0.0.1", port)).unwrap())
        .collect();
    let clients: Vec<_> = (0..64)
        .map(|_| std::thread::spawn(move || http_get(port, "/").status))
        .collect();
    for client in clients {
        assert_eq!(
            client.join().unwrap(),
            200,
            "answered despite 300 idle sockets"
        );
    }
    drop(idle);
}

#[test]
#[cfg_attr(
    feature = "dev",
    ignore = "the end-to-end tests build the examples in both modes themselves: run without the dev feature"
)]
fn http_hostile_and_partial_requests() {
    let (_server, port) = start_example(&binaries().production);
    let script_file = manifest_file("script.ts");
    let script = format!("/assets/{script_file}");
    let built = std::fs::read(example_dir().join("assets_compiled").join(&script_file)).unwrap();
    let request = |method: &str, path: &str, extra: &str| {
        http_exchange(
            port,
            &format!(
                "{method} {path} HTTP/1.1\r\nHost: 127.0.0.1:{port}\r\n{extra}Connection: close\r\n\r\n"
            ),
        )
    };

    // HEAD: the headers of a GET, no body.
    let head = request("HEAD", &script, "");
    assert_eq!(head.status, 200);
    assert_eq!(
        head.header("content-length"),
        Some(built.len().to_string().as_str())
    );
    assert!(head.body.is_empty(), "HEAD has no body");
    assert_eq!(request("HEAD", "/", "").status, 200, "HEAD of the page");

    // Range: the bytes asked for, or 416 when there are none.
    let range = request("GET", &script, "Range: bytes=0-9\r\n");
    assert_eq!(range.status, 206);
    assert_eq!(
        range.header("content-range"),
        Some(format!("bytes 0-9/{}", built.len()).as_str())
    );
    assert_eq!(range.body.as_bytes(), &built[..10]);
    let beyond = request("GET", &script, "Range: bytes=999999999-\r\n");
    assert_eq!(beyond.status, 416, "a range past the end");

    // Nothing outside bundled/ and public/: sources, templates, the crate, the system.
    for path in TRAVERSALS {
        let response = request("GET", path, "");
        assert_eq!(response.status, 404, "{path} must not be served");
        assert!(
            !response.body.contains("root:") && !response.body.contains("[package]"),
            "{path} leaked a file"
        );
    }

    // A NUL byte, encoded or raw, names no file (a raw one is not even a request),
    // and neither does a broken percent-encoding.
    for path in [
        format!("{script}%00"),
        format!("{script}%00.png"),
        "/%00".to_owned(),
    ] {
        let status = request("GET", &path, "").status;
        assert!(matches!(status, 400 | 404), "{path}: {status}");
    }
    assert_eq!(request("GET", &format!("{script}\0"), "").status, 400);

    // Overlong paths: a plain 404, or a 4xx from the HTTP layer when past its limits.
    for long in [
        format!("/assets/bundled/{}.js", "a".repeat(10_000)),
        format!("/{}.txt", "%61".repeat(300)),
        format!("/assets/bundled/{}", "a/".repeat(3_000)),
    ] {
        assert_eq!(request("GET", &long, "").status, 404, "{}…", &long[..40]);
    }
    let huge = format!("/{}", "a".repeat(1_000_000));
    let status = request("GET", &huge, "").status;
    assert!((400..500).contains(&status), "a 1 MB path: {status}");

    // And the server is still up after all of it.
    assert_eq!(http_get(port, &script).status, 200);
}

/// Paths that must reach nothing outside the build: the sources, templates, the
/// crate, the system, in every spelling a client can send.
const TRAVERSALS: [&str; 14] = [
    "/Cargo.toml",
    "/main.rs",
    "/examples/axum_askama/main.rs",
    "/templates/homepage.html",
    "/assets_source/script.ts",
    "/assets/.vite/manifest.json",
    "//etc/passwd",
    "/assets/bundled//etc/passwd",
    "/%2Fetc%2Fpasswd",
    "/assets/bundled/%2Fetc%2Fpasswd",
    "/assets/bundled/..%2F..%2F..%2FCargo.toml",
    "/assets/bundled/%252e%252e/manifest.json",
    "/assets/bundled/....//manifest.json",
    "/robots.txt/passwd",
];

/// chromedriver driving Debian's Chromium, headless, with a fresh profile.
struct Browser {
    client: Client,
    driver_port: u16,
    _driver: Process,
    _profile: PathBuf,
}

/// Whether the browser tests can run; without Chromium they are skipped,
/// loudly, except under CI where that is a failure.
fn browser_available() -> bool {
    let available = Path::new(CHROMIUM).exists() && Path::new(CHROMEDRIVER).exists();
    if !available {
        assert!(
            std::env::var("CI").as_deref() != Ok("true"),
            "Chromium ({CHROMIUM}) and chromedriver ({CHROMEDRIVER}) are required under CI: apt-get install chromium chromium-driver"
        );
        eprintln!(
            "\n\n!!! SKIPPED: browser test needs {CHROMIUM} and {CHROMEDRIVER} \
             (apt-get install chromium chromium-driver) !!!\n"
        );
    }
    available
}

impl Browser {
    async fn start() -> Browser {
        // chromedriver cannot report a port it picked, so it gets one; if another
        // program took that port first, chromedriver exits and gets another.
        let (driver, driver_port) = (0..5)
            .find_map(|_| {
                let port = free_port();
                let mut driver = Process(
                    Command::new(CHROMEDRIVER)
                        .arg(format!("--port={port}"))
                        .stdout(Stdio::null())
                        .stderr(Stdio::null())
                        .spawn()
                        .unwrap(),
                );
                wait_until_serving(&mut driver, "127.0.0.1", port, "/status", "chromedriver")
                    .then_some((driver, port))
            })
            .expect("chromedriver did not start on any of 5 free ports");
        let profile = workspace().join(format!("target/e2e/chromium-profile-{driver_port}"));
        let _ = std::fs::remove_dir_all(&profile);
        let mut capabilities = serde_json::Map::new();
        capabilities.insert(
            "goog:chromeOptions".to_owned(),
            json!({
                "binary": CHROMIUM,
                "args": [
                    "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                    "--disable-background-networking", "--disable-component-update", "--disable-sync",
                    format!("--user-data-dir={}", profile.display()),
                ],
            }),
        );
        capabilities.insert("goog:loggingPrefs".to_owned(), json!({ "browser": "ALL" }));
        let client = ClientBuilder::new(hyper_util::client::legacy::connect::HttpConnector::new())
            .capabilities(capabilities)
            .connect(&format!("http://127.0.0.1:{driver_port}"))
            .await
            .expect("cannot start a Chromium session through chromedriver");
        Browser {
            client,
            driver_port,
            _driver: driver,
            _profile: profile,
        }
    }

    async fn eval(&self, script: &str) -> Value {
        self.client.execute(script, vec![]).await.unwrap()
    }

    /// The browser's console and network messages since the last call, from
    /// chromedriver's log endpoint (WebDriver itself has none).
    async fn log(&self) -> Vec<Value> {
        let session = self.client.session_id().await.unwrap().unwrap();
        let body = r#"{"type":"browser"}"#;
        let request = format!(
            "POST /session/{session}/se/log HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\n\
             Content-Length: {}\r\n\r\n{body}",
            body.len()
        );
        let response = http_exchange(self.driver_port, &request);
        assert_eq!(response.status, 200, "{}", response.body);
        let value: Value = serde_json::from_str(&response.body).unwrap();
        value["value"].as_array().unwrap().clone()
    }

    /// The computed `border` of every element of the page.
    async fn borders(&self) -> Vec<String> {
        let borders = self
            .eval("return Array.from(document.querySelectorAll('*'), e => getComputedStyle(e).border);")
            .await;
        borders
            .as_array()
            .unwrap()
            .iter()
            .map(|border| border.as_str().unwrap().to_owned())
            .collect()
    }

    async fn close(self) {
        self.client.close().await.unwrap();
    }
}

/// Console messages that say the page logged `text`.
fn logged(log: &[Value], text: &str) -> bool {
    log.iter().any(|entry| {
        entry["source"] == "console-api" && entry["message"].as_str().unwrap().contains(text)
    })
}

/// Messages of requests that failed (a 404, a refused connection, a CORS error) or of script errors.
fn errors(log: &[Value]) -> Vec<String> {
    log.iter()
        .filter(|entry| entry["level"] == "SEVERE")
        .map(|entry| entry["message"].as_str().unwrap().to_owned())
        .collect()
}

#[tokio::test(flavor = "multi_thread")]
#[cfg_attr(
    feature = "dev",
    ignore = "the end-to-end tests build the examples in both modes themselves: run without the dev feature"
)]
async fn production_page_in_chromium() {
    if !browser_available() {
        return;
    }
    for example in &binaries().examples {
        println!("{}", example.name);
        production_page_of(&example.production).await;
    }
    admin_area_in_production(&binaries().production).await;
    prefetched_lazy_import(&binaries().production).await;
}

/// The dashboard's tags prefetch what its lazy import loads (`prefetch`): the
/// chunk is fetched before the click, from the prefetch link, and the click
/// fetches nothing more over the network.
async fn prefetched_lazy_import(binary: &Path) {
    let (_server, port) = start_example(binary);
    let browser = Browser::start().await;
    let (status, _) = open_dashboard(&browser, &format!("http://127.0.0.1:{port}/dashboard")).await;
    assert_eq!(status, "dashboard.ts ran");
    let chunk = manifest_file("details.ts");
    let fetches = format!(
        "return performance.getEntriesByType('resource')\
         .filter((entry) => entry.name.endsWith('/assets/{chunk}'))\
         .map((entry) => entry.initiatorType + ' ' + (entry.transferSize > 0 ? 'network' : 'cache')).join(', ');"
    );
    let before = wait_for(&browser, &fetches, "link network", Duration::from_secs(10)).await;
    assert_eq!(
        before, "link network",
        "prefetched by its <link> before the click"
    );
    browser
        .eval("document.getElementById('more').click(); return null;")
        .await;
    let details = wait_for(
        &browser,
        "return document.getElementById('details').textContent;",
        "details loaded",
        Duration::from_secs(10),
    )
    .await;
    assert_eq!(details, "details loaded", "the lazy chunk ran");
    let after = browser.eval(&fetches).await;
    let after = after.as_str().unwrap();
    assert!(
        !after.trim_start_matches("link network").contains("network"),
        "the click fetched the chunk from the cache, not the network: {after}"
    );
    let color = browser
        .eval("return getComputedStyle(document.getElementById('details')).color;")
        .await;
    assert_eq!(
        color,
        json!("rgb(128, 0, 128)"),
        "its CSS, prefetched too, applies"
    );
    let log = browser.log().await;
    assert_eq!(
        errors(&log),
        Vec::<String>::new(),
        "no CSP or integrity error"
    );
    browser.close().await;
}

/// The computed `border` that the admin build's admin.css gives `#admin`.
const ADMIN_BORDER: &str = "4px double rgb(0, 0, 255)";

const ADMIN_STATUS: &str = "return document.getElementById('admin-status').textContent;";

/// The axum example's admin page links two builds: the site's stylesheet (Vite 5,
/// `/assets/`) and the admin area's entry (Vite 8, `/admin/assets/`), each
/// served by its own `vite_files!` router.
async fn admin_area_in_production(binary: &Path) {
    let (_server, port) = start_example(binary);
    let browser = Browser::start().await;
    let origin = format!("http://127.0.0.1:{port}");
    browser
        .client
        .goto(&format!("{origin}/admin"))
        .await
        .unwrap();
    let status = wait_for(
        &browser,
        ADMIN_STATUS,
        "admin.ts ran",
        Duration::from_secs(5),
    )
    .await;
    assert_eq!(status, "admin.ts ran", "the admin build's entry ran");
    let borders = browser
        .eval("return [getComputedStyle(document.getElementById('admin')).border, getComputedStyle(document.querySelector('h1')).border];")
        .await;
    assert_eq!(
        borders,
        json!([ADMIN_BORDER, RED_BORDER]),
        "admin.css (imported by admin.ts, admin build) and styles.scss (default build) both apply"
    );
    let scripts = browser
        .eval("return Array.from(document.querySelectorAll('script[type=module]'), e => new URL(e.src).pathname);")
        .await;
    let scripts = scripts.as_array().unwrap();
    assert_eq!(scripts.len(), 1, "{scripts:?}");
    assert!(
        scripts[0]
            .as_str()
            .unwrap()
            .starts_with("/admin/assets/bundled/admin-"),
        "the admin build's base: {scripts:?}"
    );
    let log = browser.log().await;
    assert!(logged(&log, "Hello from the admin build"), "{log:?}");
    assert_eq!(errors(&log), Vec::<String>::new(), "no request failed");
    browser.close().await;
}

async fn production_page_of(binary: &Path) {
    let (_server, port) = start_example(binary);
    let browser = Browser::start().await;
    let origin = format!("http://127.0.0.1:{port}");
    browser.client.goto(&format!("{origin}/")).await.unwrap();

    let borders = browser.borders().await;
    assert!(borders.len() >= 8, "{borders:?}");
    assert!(
        borders.iter().all(|border| border == RED_BORDER),
        "the stylesheet applies to every element: {borders:?}"
    );

    let log = browser.log().await;
    assert!(logged(&log, "Hello, World!"), "script.ts ran: {log:?}");
    assert_eq!(errors(&log), Vec::<String>::new(), "no request failed");

    // Every resource the page loaded came back 200, from the hashed URLs of the manifest.
    let resources = browser
        .eval(
            "return performance.getEntriesByType('resource').map(e => [e.name, e.responseStatus]);",
        )
        .await;
    let script = format!("{origin}/assets/{}", manifest_file("script.ts"));
    let styles = format!("{origin}/assets/{}", manifest_file("styles.scss"));
    let loaded: Vec<(String, u64)> = resources
        .as_array()
        .unwrap()
        .iter()
        .map(|entry| {
            (
                entry[0].as_str().unwrap().to_owned(),
                entry[1].as_u64().unwrap(),
            )
        })
        .collect();
    assert!(loaded.contains(&(script.clone(), 200)), "{loaded:?}");
    assert!(loaded.contains(&(styles.clone(), 200)), "{loaded:?}");
    assert!(
        loaded.iter().all(|(_, status)| *status == 200),
        "{loaded:?}"
    );
    let urls = browser
        .eval("return [document.querySelector('script[type=module]').src, document.querySelector('link[rel=stylesheet]').href];")
        .await;
    assert_eq!(urls, json!([script, styles]));

    // The dashboard's entry imports its CSS from JS: the tutorial's integration,
    // which links the entry's `file` alone, leaves this page unstyled. Here the CSS
    // must apply under the page's Content-Security-Policy and integrity checks.
    let (status, border) = open_dashboard(&browser, &format!("{origin}/dashboard")).await;
    assert_eq!(
        status, "dashboard.ts ran",
        "the nonced, integrity-checked module ran"
    );
    assert_eq!(
        border,
        json!(DASHBOARD_BORDER),
        "dashboard.css, imported by dashboard.ts, applies"
    );
    let log = browser.log().await;
    assert_eq!(
        errors(&log),
        Vec::<String>::new(),
        "no CSP violation, no integrity mismatch, no failed request"
    );
    // The browser fetched the dashboard's bundle compressed (Chromium asks for br),
    // and its integrity check, of the decoded bytes, passed.
    let sizes = browser
        .eval(&format!(
            "return performance.getEntriesByType('resource')\
             .filter((entry) => entry.name.endsWith('/assets/{}'))\
             .map((entry) => [entry.encodedBodySize, entry.decodedBodySize]);",
            manifest_file("dashboard.ts")
        ))
        .await;
    let sizes = sizes.as_array().unwrap();
    assert_eq!(sizes.len(), 1, "{sizes:?}");
    let (encoded, decoded) = (sizes[0][0].as_u64().unwrap(), sizes[0][1].as_u64().unwrap());
    assert!(
        encoded > 0 && encoded < decoded,
        "served compressed: {encoded} bytes on the wire for {decoded}"
    );
    browser.close().await;
}

/// The computed `border` that dashboard.css gives `#dashboard`.
const DASHBOARD_BORDER: &str = "3px dashed rgb(0, 128, 0)";

/// Opens the dashboard at `url` and waits for its script: the status line it
/// wrote (or what was there after 5 s), and the border that its CSS gave it.
async fn open_dashboard(browser: &Browser, url: &str) -> (String, serde_json::Value) {
    browser.client.goto(url).await.unwrap();
    let status = wait_for(
        browser,
        STATUS_TEXT,
        "dashboard.ts ran",
        Duration::from_secs(5),
    )
    .await;
    let border = browser
        .eval("return getComputedStyle(document.getElementById('dashboard')).border;")
        .await;
    (status, border)
}

/// What `script` returns (a string) once it is `expected`, or what it is at `timeout`:
/// module scripts, and hot updates, arrive after the page has loaded.
async fn wait_for(browser: &Browser, script: &str, expected: &str, timeout: Duration) -> String {
    let deadline = Instant::now() + timeout;
    loop {
        let value = browser.eval(script).await.as_str().unwrap().to_owned();
        if value == expected || Instant::now() > deadline {
            return value;
        }
        tokio::time::sleep(Duration::from_millis(50)).await;
    }
}

const STATUS_TEXT: &str = "return document.getElementById('status').textContent;";

/// Restores a source file when the test ends, passing or failing.
struct RestoreFile {
    path: PathBuf,
    original: String,
}

/// Replaces `from` with `to` in the source file at `path`, which the returned
/// guard restores when the test ends.
fn edit_source(path: PathBuf, from: &str, to: &str) -> RestoreFile {
    let original = std::fs::read_to_string(&path).unwrap();
    let edited = original.replace(from, to);
    assert_ne!(edited, original, "`{from}` is in {}", path.display());
    std::fs::write(&path, edited).unwrap();
    RestoreFile { path, original }
}

impl Drop for RestoreFile {
    fn drop(&mut self) {
        std::fs::write(&self.path, &self.original).unwrap();
    }
}

/// The processes whose command line runs Vite on `port`: the DevServers that an
/// example server started (the watchdog and Vite itself).
fn vite_pids(port: u16) -> Vec<u32> {
    let wanted = format!("--port\0{port}\0");
    std::fs::read_dir("/proc")
        .unwrap()
        .flatten()
        .filter_map(|entry| entry.file_name().to_str()?.parse::<u32>().ok())
        .filter(|pid| {
            std::fs::read(format!("/proc/{pid}/cmdline"))
                .is_ok_and(|cmdline| String::from_utf8_lossy(&cmdline).contains(&wanted))
        })
        .collect()
}

/// Waits until a DevServer runs on `port`, and returns its processes: once
/// Vite itself runs (`node …/.bin/vite --port N`), not only its watchdog, whose
/// forks briefly carry the watchdog's command line.
fn wait_for_vite(port: u16) -> Vec<u32> {
    let deadline = Instant::now() + Duration::from_secs(30);
    loop {
        let pids = vite_pids(port);
        let vite_runs = pids.iter().any(|pid| {
            std::fs::read(format!("/proc/{pid}/cmdline")).is_ok_and(|cmdline| {
                cmdline
                    .split(|byte| *byte == 0)
                    .nth(1)
                    .is_some_and(|script| script.ends_with(b"/.bin/vite"))
            })
        });
        if (vite_runs && pids.len() >= 2) || Instant::now() > deadline {
            return pids;
        }
        std::thread::sleep(Duration::from_millis(50));
    }
}

/// Asserts that every process of `pids` is gone within a few seconds.
fn assert_gone(pids: &[u32], what: &str) {
    let deadline = Instant::now() + Duration::from_secs(10);
    while Instant::now() < deadline {
        if pids
            .iter()
            .all(|pid| !Path::new(&format!("/proc/{pid}")).exists())
        {
            return;
        }
        std::thread::sleep(Duration::from_millis(50));
    }
    let alive: Vec<_> = pids
        .iter()
        .filter(|pid| Path::new(&format!("/proc/{pid}")).exists())
        .collect();
    panic!("{what}: the Vite processes {alive:?} outlived the server that started them");
}

/// Development in one command: the example server starts both builds'
/// DevServers, forwards the pages' asset requests and Vite's HMR socket to
/// them, and leaves no Vite process behind when it is killed.
#[tokio::test(flavor = "multi_thread")]
#[cfg_attr(
    feature = "dev",
    ignore = "the end-to-end tests build the examples in both modes themselves: run without the dev feature"
)]
async fn development_in_one_command_through_the_dev_proxy_in_chromium() {
    if !browser_available() {
        return;
    }
    let binaries = binaries();
    let axum = &binaries.examples[0];
    let (server, port) = start_example(&axum.development);
    let site_vite = wait_for_vite(binaries.vite_port);
    let admin_vite = wait_for_vite(binaries.admin_vite_port);
    assert_eq!(site_vite.len(), 2, "the site's DevServer was started");
    assert_eq!(
        admin_vite.len(),
        2,
        "the admin build's DevServer was started"
    );

    for host in ["127.0.0.1", "localhost"] {
        println!("axum_askama on {host}");
        development_page_of(host, port, binaries, true).await;
    }
    admin_area_in_development(port, binaries).await;
    dev_proxy_edges(port);

    // A second server on the same origins reuses the DevServers, and serves the page.
    let (second, second_port) = start_example(&axum.development);
    assert_eq!(http_get(second_port, "/assets/script.ts").status, 200);
    assert_eq!(
        vite_pids(binaries.vite_port),
        site_vite,
        "no second DevServer was started"
    );
    drop(second);

    // Killed (SIGKILL, the hardest way to go): its DevServers stop too. The open
    // page reloads by itself once the server answers again, as a restarted askama
    // app's does (`cargo watch`, `bacon`, a plain re-run).
    let browser = Browser::start().await;
    let page = format!("http://127.0.0.1:{port}/");
    browser.client.goto(&page).await.unwrap();
    wait_for_connected(&browser).await;
    browser
        .eval("window.__vite_asset_same_page = true; return null;")
        .await;
    drop(server);
    assert_gone(&site_vite, "axum_askama");
    assert_gone(&admin_vite, "axum_askama");
    let mut again = Command::new(&axum.development);
    again.env("PORT", port.to_string());
    let (server, _) = start_example_with(again);
    let restarted_vite = wait_for_vite(binaries.vite_port);
    let reloaded = wait_for(
        &browser,
        "return String(window.__vite_asset_same_page);",
        "undefined",
        Duration::from_secs(60),
    )
    .await;
    assert_eq!(reloaded, "undefined", "the page reloaded after the restart");
    let borders = browser.borders().await;
    assert!(
        borders.iter().any(|border| border == RED_BORDER),
        "the reloaded page has its styles from the new DevServer: {borders:?}"
    );
    browser.close().await;
    drop(server);
    assert_gone(&restarted_vite, "the restarted axum_askama");

    // The actix-web example, through `FILES.actix()`, which relays the HMR socket itself.
    let (server, port) = start_example(&binaries.examples[1].development);
    let site_vite = wait_for_vite(binaries.vite_port);
    println!("actix_minijinja");
    development_page_of("127.0.0.1", port, binaries, true).await;
    a_saved_template_reloads_the_page(port).await;
    drop(server);
    assert_gone(&site_vite, "actix_minijinja");

    // With its DevServer gone, a request for a build's path is a 502 that says
    // how to start it, at once.
    let (server, port) = start_example(&axum.development);
    wait_for_vite(binaries.vite_port);
    assert_eq!(http_get(port, "/assets/script.ts").status, 200);
    // Its processes as they are once it answered (the watchdog, Vite).
    let site_vite = vite_pids(binaries.vite_port);
    for pid in &site_vite {
        let _ = Command::new("kill")
            .args(["-KILL", &pid.to_string()])
            .status();
    }
    assert_gone(&site_vite, "the killed DevServer");
    let started = Instant::now();
    let down = http_get(port, "/assets/script.ts");
    assert_eq!(
        down.status,
        502,
        "killed {site_vite:?}, on the port now: {:?}; {}",
        vite_pids(binaries.vite_port),
        down.body
    );
    assert!(
        down.body.contains("does not answer")
            && down.body.contains("to fix: start it with `npx vite --port"),
        "{}",
        down.body
    );
    assert!(started.elapsed() < Duration::from_secs(5), "no hanging");
    assert_eq!(
        http_get(port, "/").status,
        200,
        "the app's pages still render"
    );
    let admin_vite = vite_pids(binaries.admin_vite_port);
    drop(server);
    assert_gone(&admin_vite, "axum_askama after its DevServer died");
}

/// Waits until Vite's client on the open page says it is connected.
async fn wait_for_connected(browser: &Browser) {
    let mut log = Vec::new();
    for _ in 0..100 {
        log.extend(browser.log().await);
        if logged(&log, "[vite] connected") {
            return;
        }
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
    panic!("Vite's client did not connect: {log:?}");
}

/// The actix-web example reads its minijinja templates at each render: saving
/// one reloads the open page, which shows the edit.
async fn a_saved_template_reloads_the_page(port: u16) {
    let browser = Browser::start().await;
    browser
        .client
        .goto(&format!("http://127.0.0.1:{port}/"))
        .await
        .unwrap();
    wait_for_connected(&browser).await;
    // The page's stream of reload events opened when Vite's client ran; one of
    // the test's own, opened after it, says that the server has both.
    browser
        .eval(
            "const probe = new EventSource('/assets/__vite_asset_reload'); \
             probe.onopen = () => { window.__probe = 'open'; probe.close(); }; \
             window.__vite_asset_same_page = true; return null;",
        )
        .await;
    let probe = wait_for(
        &browser,
        "return String(window.__probe);",
        "open",
        Duration::from_secs(10),
    )
    .await;
    assert_eq!(probe, "open", "the reload events answer");
    let _restore = edit_source(
        workspace().join("examples/actix_minijinja/templates/homepage.html"),
        "Hello, world!",
        "Hello, edited world!",
    );
    let heading = wait_for(
        &browser,
        "return document.querySelector('h1').textContent;",
        "Hello, edited world!",
        Duration::from_secs(10),
    )
    .await;
    assert_eq!(
        heading, "Hello, edited world!",
        "the page reloaded with the edit"
    );
    assert_eq!(
        browser
            .eval("return String(window.__vite_asset_same_page);")
            .await,
        json!("undefined"),
        "a reload, not an update in place"
    );
    browser.close().await;
}

/// What the dev proxy forwards, and what it never does.
fn dev_proxy_edges(port: u16) {
    let client = http_get(port, "/assets/@vite/client");
    assert_eq!(client.status, 200);
    assert!(client.body.contains("createHotContext"), "Vite's client");
    // Outside `base` nothing reaches Vite: this is the app's 404, not Vite's client.
    let outside = http_get(port, "/@vite/client");
    assert_eq!(outside.status, 404);
    assert!(!outside.body.contains("createHotContext"));
    // Vite's `public/` files, at `base`, from the page's origin.
    let robots = http_get(port, "/assets/robots.txt");
    assert_eq!(robots.status, 200);
    assert_eq!(
        robots.body,
        std::fs::read_to_string(example_dir().join("public/robots.txt")).unwrap()
    );
    // The traversal spellings, sent through the proxy, reach nothing Vite
    // would not serve: no file of the crate, nor of the system.
    for path in TRAVERSALS {
        let response = http_get(port, path);
        assert!(
            !response.body.contains("root:") && !response.body.contains("[package]"),
            "{path} leaked a file through the dev proxy: {}",
            response.status
        );
    }
    // Hop-by-hop headers are not forwarded, and the DevServer's `Host` is set.
    let response = http_exchange(
        port,
        "GET /admin/assets/admin.ts HTTP/1.1\r\nHost: tunnel.example.test\r\nConnection: close, x-hop\r\n\
         x-hop: 1\r\n\r\n",
    );
    assert_eq!(
        response.status, 200,
        "a page opened through a tunnel's host name, past Vite 8's host check: {}",
        response.body
    );
}

/// The admin page in development: each build's client once, both through the
/// page's origin, and hot module replacement from both.
async fn admin_area_in_development(port: u16, binaries: &Binaries) {
    let browser = Browser::start().await;
    let page = format!("http://127.0.0.1:{port}");
    browser.client.goto(&format!("{page}/admin")).await.unwrap();
    let urls = browser
        .eval("return Array.from(document.querySelectorAll('script[type=module], link[rel=stylesheet]'), e => e.src || e.href);")
        .await;
    assert_eq!(
        urls,
        json!([
            format!("{page}/assets/@vite/client"),
            format!("{page}/assets/styles.scss"),
            format!("{page}/admin/assets/@vite/client"),
            format!("{page}/admin/assets/admin.ts"),
        ]),
        "each build's client once, on the page's origin"
    );
    let status = wait_for(
        &browser,
        ADMIN_STATUS,
        "admin.ts ran",
        Duration::from_secs(10),
    )
    .await;
    assert_eq!(status, "admin.ts ran");
    let border = wait_for(
        &browser,
        "return getComputedStyle(document.getElementById('admin')).border;",
        ADMIN_BORDER,
        Duration::from_secs(10),
    )
    .await;
    assert_eq!(
        border, ADMIN_BORDER,
        "Vite 8 injects the CSS that admin.ts imports"
    );
    browser
        .eval("window.__vite_asset_same_page = true; return null;")
        .await;

    // Hot module replacement from the admin build's DevServer...
    let _restore_admin = edit_source(
        example_dir().join("admin/src/admin.css"),
        "rgb(0, 0, 255)",
        "rgb(255, 165, 0)",
    );
    let border = wait_for(
        &browser,
        "return getComputedStyle(document.getElementById('admin')).border;",
        "4px double rgb(255, 165, 0)",
        Duration::from_secs(20),
    )
    .await;
    assert_eq!(
        border, "4px double rgb(255, 165, 0)",
        "the admin build's edit reached the page"
    );

    // ...and from the site's, on the same page.
    let _restore_styles = edit_source(
        example_dir().join("assets_source/styles.scss"),
        "$border-color: red;",
        "$border-color: blue;",
    );
    let border = wait_for(
        &browser,
        "return getComputedStyle(document.querySelector('h1')).border;",
        "1px solid rgb(0, 0, 255)",
        Duration::from_secs(20),
    )
    .await;
    assert_eq!(
        border, "1px solid rgb(0, 0, 255)",
        "the site build's edit reached the page"
    );
    assert_eq!(
        browser
            .eval("return window.__vite_asset_same_page === true;")
            .await,
        json!(true),
        "both updates in place, no reload"
    );

    // A TypeScript edit: Vite updates the page (a reload: greeting.ts accepts no hot update).
    let _restore_greeting = edit_source(
        example_dir().join("admin/src/greeting.ts"),
        "ran`",
        "ran, edited`",
    );
    let status = wait_for(
        &browser,
        ADMIN_STATUS,
        "admin.ts ran, edited",
        Duration::from_secs(20),
    )
    .await;
    assert_eq!(
        status, "admin.ts ran, edited",
        "the .ts edit reached the page"
    );
    assert_no_request_to_dev_servers(&browser, binaries).await;
    let log = browser.log().await;
    assert_eq!(errors(&log), Vec::<String>::new(), "no request failed");
    browser.close().await;
}

/// Resource Timing lists no request to a DevServer's own port: the page, its
/// modules and what CSS names came from the page's origin.
async fn assert_no_request_to_dev_servers(browser: &Browser, binaries: &Binaries) {
    let requested = browser
        .eval("return performance.getEntriesByType('resource').map(e => e.name);")
        .await;
    let requested: Vec<String> = serde_json::from_value(requested).unwrap();
    assert!(!requested.is_empty());
    for port in [binaries.vite_port, binaries.admin_vite_port] {
        assert!(
            requested
                .iter()
                .all(|url| !url.contains(&format!(":{port}/"))),
            "a request went to the DevServer on :{port}: {requested:?}"
        );
    }
}

/// The homepage in development, opened at `host`. `relayed` says whether the
/// server relays Vite's HMR WebSocket (axum's and actix-web's through the
/// serving layer do): then a socket that fails at the page's origin, after
/// which Vite's client would connect to its DevServer directly, fails the test.
async fn development_page_of(host: &str, port: u16, binaries: &Binaries, relayed: bool) {
    let browser = Browser::start().await;
    let page = format!("http://{host}:{port}");
    browser.client.goto(&format!("{page}/")).await.unwrap();

    let urls = browser
        .eval("return Array.from(document.querySelectorAll('script[type=module], link[rel=stylesheet]'), e => e.src || e.href);")
        .await;
    assert_eq!(
        urls,
        json!([
            format!("{page}/assets/@vite/client"),
            format!("{page}/assets/styles.scss"),
            format!("{page}/assets/script.ts"),
        ])
    );
    let borders = browser.borders().await;
    assert!(
        borders.iter().all(|border| border == RED_BORDER),
        "Sass compiled by the DevServer applies: {borders:?}"
    );
    let mut log = Vec::new();
    for _ in 0..50 {
        log.extend(browser.log().await);
        if logged(&log, "Hello, World!") && logged(&log, "[vite] connected") {
            break;
        }
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
    assert!(
        logged(&log, "Hello, World!"),
        "script.ts ran from the DevServer: {log:?}"
    );
    assert!(
        logged(&log, "[vite] connected"),
        "Vite's client connected for hot reloading: {log:?}"
    );
    let failed: Vec<String> = errors(&log)
        .into_iter()
        .filter(|error| relayed || !error.contains("WebSocket connection to"))
        .collect();
    assert_eq!(failed, Vec::<String>::new(), "no request failed");
    let robots = browser
        .eval("return fetch('/assets/robots.txt').then(r => r.status);")
        .await;
    assert_eq!(
        robots,
        json!(200),
        "a public/ file, through the page's origin"
    );

    // Hot module replacement: edit the Sass source; the page restyles without reloading.
    browser
        .eval("window.__vite_asset_same_page = true; return null;")
        .await;
    let _restore = edit_source(
        example_dir().join("assets_source/styles.scss"),
        "$border-color: red;",
        "$border-color: blue;",
    );
    let border = wait_for(
        &browser,
        "return getComputedStyle(document.querySelector('h1')).border;",
        "1px solid rgb(0, 0, 255)",
        Duration::from_secs(20),
    )
    .await;
    assert_eq!(
        border, "1px solid rgb(0, 0, 255)",
        "the edited colour reached the page"
    );
    assert_eq!(
        browser
            .eval("return window.__vite_asset_same_page === true;")
            .await,
        json!(true),
        "the page was updated in place, not reloaded"
    );
    assert_no_request_to_dev_servers(&browser, binaries).await;

    // The dashboard from the DevServer: Vite injects the CSS that dashboard.ts imports.
    let (status, border) = open_dashboard(&browser, &format!("{page}/dashboard")).await;
    assert_eq!(status, "dashboard.ts ran");
    assert_eq!(border, json!(DASHBOARD_BORDER));
    browser.close().await;
}

/// Vite 8's `build.chunkImportMap`: the fixture's chunks import each other by
/// names that only its import map resolves. The tags put the map first; in
/// Chromium the entry's imports and a lazy import resolve through it. The page
/// also preloads the image it shows (`vite_preload!`), which the browser then
/// fetches once, from the preload.
#[tokio::test(flavor = "multi_thread")]
#[cfg_attr(
    feature = "dev",
    ignore = "the end-to-end tests build the examples in both modes themselves: run without the dev feature"
)]
async fn the_import_map_of_vite_8_resolves_and_a_preload_is_used_in_chromium() {
    if !browser_available() {
        return;
    }
    use vite_asset_core::compose::TagOptions;
    use vite_asset_core::{render, BuildOutput, Config, Manifest};
    let fixture = workspace().join("tests/fixtures/vite8-importmap");
    let manifest_path = fixture.join("manifest.json");
    let manifest = Manifest::load(&manifest_path).unwrap();
    let config = Config::with_defaults(workspace()).with_base("/assets/");
    let output = BuildOutput::new(&fixture);
    let tags = render::production(
        &config,
        &manifest,
        &output,
        &["main.ts"],
        TagOptions::default(),
    )
    .unwrap();
    assert!(
        tags.text.starts_with("<script type=\"importmap\">"),
        "{}",
        tags.text
    );
    let preload = render::preloads(&config, &manifest, &output, &["logo.svg"]).unwrap();
    let logo = format!(
        "/assets/{}",
        manifest.entry("logo.svg").unwrap().unwrap().chunk.file
    );
    let page = format!(
        "<!DOCTYPE html><html><head><link rel=\"icon\" href=\"data:,\">{}\n{}</head>\
         <body><img src=\"{logo}\" alt=\"\"><button id=\"lazy\">lazy</button></body></html>",
        tags.text, preload.text
    );
    let app = axum::Router::new()
        .route(
            "/",
            axum::routing::get(move || async move { axum::response::Html(page) }),
        )
        .nest_service("/assets", tower_http::services::ServeDir::new(&fixture));
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let port = listener.local_addr().unwrap().port();
    tokio::spawn(async move { axum::serve(listener, app).await });

    let browser = Browser::start().await;
    let mut log = run_the_import_map_page(&browser, port).await;
    let fetches = browser
        .eval(&format!(
            "return performance.getEntriesByType('resource').filter((entry) => entry.name.endsWith('{logo}')).map((entry) => entry.initiatorType);"
        ))
        .await;
    assert_eq!(
        fetches,
        json!(["link"]),
        "the image came once, from its preload"
    );
    log.extend(browser.log().await);
    assert_eq!(
        errors(&log),
        Vec::<String>::new(),
        "no import failed to resolve"
    );
    browser.close().await;
}

/// Vite 8's import map behind a CDN: with the crate's `base` on another origin
/// than the page's, the map's URLs move with the tags (the browser resolves the
/// map's keys against the page, and the modules' imports against the CDN), so
/// every module comes from the CDN and the lazy chunk resolves there too.
#[tokio::test(flavor = "multi_thread")]
#[cfg_attr(
    feature = "dev",
    ignore = "the end-to-end tests build the examples in both modes themselves: run without the dev feature"
)]
async fn a_cdn_base_moves_the_import_map_with_the_tags_in_chromium() {
    if !browser_available() {
        return;
    }
    use vite_asset_core::compose::TagOptions;
    use vite_asset_core::{render, BuildOutput, Config, Manifest};
    let fixture = workspace().join("tests/fixtures/vite8-importmap");
    let manifest = Manifest::load(&fixture.join("manifest.json")).unwrap();
    // The "CDN": the built files on another origin, with CORS for the module scripts.
    let cdn = axum::Router::new()
        .nest_service("/assets", tower_http::services::ServeDir::new(&fixture))
        .layer(axum::middleware::map_response(
            |mut response: axum::response::Response| async move {
                response.headers_mut().insert(
                    axum::http::header::ACCESS_CONTROL_ALLOW_ORIGIN,
                    axum::http::HeaderValue::from_static("*"),
                );
                response
            },
        ));
    let cdn_listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let cdn_origin = format!(
        "http://localhost:{}",
        cdn_listener.local_addr().unwrap().port()
    );
    tokio::spawn(async move { axum::serve(cdn_listener, cdn).await });

    let config = Config::with_defaults(workspace()).with_base(&format!("{cdn_origin}/assets/"));
    let tags = render::production(
        &config,
        &manifest,
        &BuildOutput::new(&fixture),
        &["main.ts"],
        TagOptions::default(),
    )
    .unwrap();
    let page = format!(
        "<!DOCTYPE html><html><head><link rel=\"icon\" href=\"data:,\">{}</head>\
         <body><button id=\"lazy\">lazy</button></body></html>",
        tags.text
    );
    let app = axum::Router::new().route(
        "/",
        axum::routing::get(move || async move { axum::response::Html(page) }),
    );
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let port = listener.local_addr().unwrap().port();
    tokio::spawn(async move { axum::serve(listener, app).await });

    let browser = Browser::start().await;
    let mut log = run_the_import_map_page(&browser, port).await;
    let modules = browser
        .eval(
            "return performance.getEntriesByType('resource').map((entry) => entry.name).filter((name) => name.endsWith('.js'));",
        )
        .await;
    let modules: Vec<&str> = modules
        .as_array()
        .unwrap()
        .iter()
        .map(|name| name.as_str().unwrap())
        .collect();
    assert!(
        modules.len() >= 4,
        "the entry, its imports and the lazy chunk: {modules:?}"
    );
    for module in &modules {
        assert!(
            module.starts_with(&format!("{cdn_origin}/assets/bundled/")),
            "{module} in {modules:?}"
        );
    }
    log.extend(browser.log().await);
    assert_eq!(
        errors(&log),
        Vec::<String>::new(),
        "no import failed to resolve"
    );
    browser.close().await;
}

/// Opens the page of the vite8-importmap fixture on `port`, waits until its
/// `main.ts` ran, clicks the button that imports the lazy chunk and waits for
/// it: both resolve through the import map. Returns the browser's log so far.
async fn run_the_import_map_page(browser: &Browser, port: u16) -> Vec<Value> {
    browser
        .client
        .goto(&format!("http://127.0.0.1:{port}/"))
        .await
        .unwrap();
    let mut log = Vec::new();
    for _ in 0..50 {
        log.extend(browser.log().await);
        if logged(&log, "main") {
            break;
        }
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
    assert!(logged(&log, "main"), "main.ts and its imports ran: {log:?}");
    browser
        .eval("document.getElementById('lazy').click(); return null;")
        .await;
    let loaded = wait_for(
        browser,
        "return String(document.body.classList.contains('lazy-loaded'));",
        "true",
        Duration::from_secs(10),
    )
    .await;
    assert_eq!(loaded, "true", "the lazy chunk resolved through the map");
    log
}

/// `vite_content!`'s CSP hash in Chromium: the built theme.css of the Vite 8
/// fixture, inline in a `<style>`, applies under a policy that allows only
/// its hash (`style-src 'sha256-…'`, no `'unsafe-inline'`); the same CSS with
/// one byte more is refused, so the hash is what allowed it.
#[tokio::test(flavor = "multi_thread")]
#[cfg_attr(
    feature = "dev",
    ignore = "the end-to-end tests build the examples in both modes themselves: run without the dev feature"
)]
async fn inline_css_with_its_hash_passes_a_strict_csp_in_chromium() {
    if !browser_available() {
        return;
    }
    use vite_asset_core::{content, BuildOutput, Config, Manifest};
    let fixture = workspace().join("tests/fixtures/vite8");
    let manifest = Manifest::load(&fixture.join("manifest.json")).unwrap();
    let config = Config::with_defaults(workspace()).with_base("/assets/");
    let theme =
        content::of_file(&config, &manifest, &BuildOutput::new(&fixture), "theme.css").unwrap();
    let built = std::fs::read_to_string(fixture.join(&theme.file)).unwrap();
    assert_eq!(theme.text, built, "the built file's bytes");
    let policy = format!("default-src 'none'; style-src {}", theme.csp_hash);
    let page = |css: &str| {
        format!("<!DOCTYPE html><html><head><style>{css}</style></head><body></body></html>")
    };
    let (allowed, altered) = (page(&theme.text), page(&format!("{} ", theme.text)));
    let app = axum::Router::new()
        .route(
            "/allowed",
            axum::routing::get(move || async move { axum::response::Html(allowed) }),
        )
        .route(
            "/altered",
            axum::routing::get(move || async move { axum::response::Html(altered) }),
        )
        .layer(axum::middleware::map_response(
            move |mut response: axum::response::Response| {
                let policy = axum::http::HeaderValue::from_str(&policy).unwrap();
                async move {
                    response
                        .headers_mut()
                        .insert(axum::http::header::CONTENT_SECURITY_POLICY, policy);
                    response
                }
            },
        ));
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let port = listener.local_addr().unwrap().port();
    tokio::spawn(async move { axum::serve(listener, app).await });

    let browser = Browser::start().await;
    let brand =
        "return getComputedStyle(document.documentElement).getPropertyValue('--brand').trim();";
    browser
        .client
        .goto(&format!("http://127.0.0.1:{port}/allowed"))
        .await
        .unwrap();
    let declared = theme.text.split("--brand:").nth(1).unwrap();
    let declared = declared.split([';', '}']).next().unwrap().trim();
    assert_eq!(
        browser.eval(brand).await,
        json!(declared),
        "the hashed CSS applies"
    );
    let log = browser.log().await;
    assert_eq!(errors(&log), Vec::<String>::new(), "no CSP violation");
    browser
        .client
        .goto(&format!("http://127.0.0.1:{port}/altered"))
        .await
        .unwrap();
    assert_eq!(
        browser.eval(brand).await,
        json!(""),
        "CSS without its hash is refused"
    );
    let log = browser.log().await;
    assert!(
        errors(&log)
            .iter()
            .any(|error| error.contains("Content Security Policy")),
        "Chromium says why: {log:?}"
    );
    browser.close().await;
}
