//! Three servers of the same built files on loopback: `vite_files!()` on PORT_A
//! (default 8601), tower-http's ServeDir with precompressed brotli on PORT_B
//! (8602), from a directory holding the same file and its `.br` made with the
//! same crate and quality, and memory-serve on PORT_C (8603), which embeds the
//! fixture's `assets/` itself; and `vite_files!(from_disk)` on PORT_D (8604),
//! which reads the fixture's files when they are requested. Prints the ports,
//! the file's path, and the bytes vite_files!() embeds, then serves until killed.

use std::io::Write;

use axum::serve::ListenerExt;
use axum::Router;
use tower_http::services::ServeDir;
use vite_asset::ViteFiles;

static FILES: &ViteFiles = vite_asset::vite_files!();
static FROM_DISK: &ViteFiles = vite_asset::vite_files!(from_disk);

#[tokio::main]
async fn main() {
    let port = |name: &str, default: u16| {
        std::env::var(name).ok().and_then(|port| port.parse().ok()).unwrap_or(default)
    };
    let fixture = concat!(env!("CARGO_MANIFEST_DIR"), "/../../tests/fixtures/react");
    let dir = std::env::temp_dir().join(format!("vite-asset-serve-bench-{}", std::process::id()));
    let mut embedded = 0;
    for path in FILES.paths() {
        let bytes = std::fs::read(format!("{fixture}/{path}")).unwrap();
        embedded += bytes.len();
        let target = dir.join("assets").join(path);
        std::fs::create_dir_all(target.parent().unwrap()).unwrap();
        std::fs::write(&target, &bytes).unwrap();
        let mut compressed = Vec::new();
        {
            let mut writer = brotli::CompressorWriter::new(&mut compressed, 4096, 11, 22);
            writer.write_all(&bytes).unwrap();
        }
        if compressed.len() < bytes.len() {
            embedded += compressed.len();
            std::fs::write(format!("{}.br", target.display()), compressed).unwrap();
        }
    }
    let ours = Router::new().merge(FILES.router());
    let theirs = Router::new().nest_service(
        "/assets",
        ServeDir::new(dir.join("assets")).precompressed_br(),
    );
    let a = tokio::net::TcpListener::bind(("127.0.0.1", port("PORT_A", 8601))).await.unwrap();
    let b = tokio::net::TcpListener::bind(("127.0.0.1", port("PORT_B", 8602))).await.unwrap();
    let c = tokio::net::TcpListener::bind(("127.0.0.1", port("PORT_C", 8603))).await.unwrap();
    let (a_port, b_port) = (a.local_addr().unwrap().port(), b.local_addr().unwrap().port());
    let c_port = c.local_addr().unwrap().port();
    let d = tokio::net::TcpListener::bind(("127.0.0.1", port("PORT_D", 8604))).await.unwrap();
    let d_port = d.local_addr().unwrap().port();
    // Without TCP_NODELAY, a response written in several pieces (ServeDir streams
    // the file in chunks) waits for the client's delayed ACK, 40 ms, on loopback.
    let nodelay = |tcp: &mut tokio::net::TcpStream| {
        let _ = tcp.set_nodelay(true);
    };
    let (a, b, c) = (a.tap_io(nodelay), b.tap_io(nodelay), c.tap_io(nodelay));
    let d = d.tap_io(nodelay);
    // memory-serve serves the directory it loaded, the fixture's `assets/`, at the
    // URL the page links it at: `base` and Vite's `assetsDir`.
    let memory: Router = Router::new().nest("/assets/assets", memory_serve::load!().into_router());
    let js = FILES.paths().find(|path| path.ends_with(".js")).unwrap();
    println!("vite_files {a_port} servedir {b_port} memory_serve {c_port} file /assets/{js} embedded {embedded} from_disk {d_port}");
    tokio::join!(
        async { axum::serve(a, ours).await.unwrap() },
        async { axum::serve(b, theirs).await.unwrap() },
        async { axum::serve(c, memory).await.unwrap() },
        async { axum::serve(d, Router::new().merge(FROM_DISK.router())).await.unwrap() },
    );
}
