// `public` adds the files Vite copied from public/ to the output directory, and
// nothing else: not the manifest, not `.vite/`, not source maps.
fn main() {
    let build: Vec<&str> = vite_asset::vite_files!().paths().collect();
    assert_eq!(build, ["assets/main-BlblHtZJ.js"]);
    let with_public: Vec<&str> = vite_asset::vite_files!(public).paths().collect();
    assert_eq!(with_public, ["assets/main-BlblHtZJ.js", "icons/favicon.svg", "robots.txt"]);
    let on_disk: Vec<&str> = vite_asset::vite_files!(from_disk, public).paths().collect();
    assert_eq!(on_disk, with_public);

    // The `.br` a compression plugin wrote beside the file is served to browsers that accept it.
    use http::{header, HeaderMap, HeaderValue, Method};
    static FILES: &vite_asset::ViteFiles = vite_asset::vite_files!();
    let mut headers = HeaderMap::new();
    headers.insert(header::ACCEPT_ENCODING, HeaderValue::from_static("br"));
    let response = FILES.respond(&Method::GET, "/assets/main-BlblHtZJ.js", &headers);
    assert_eq!(response.headers()[header::CONTENT_ENCODING], "br");
    assert_eq!(response.headers()[header::CONTENT_LENGTH], "6");
}
