// `public` adds the files Vite copied from public/ to the output directory, and
// nothing else: not the manifest, not `.vite/`, not source maps.
fn main() {
    let build: Vec<&str> = vite_asset::vite_files!().paths().collect();
    assert_eq!(build, ["assets/main-BlblHtZJ.js"]);
    let with_public: Vec<&str> = vite_asset::vite_files!(public).paths().collect();
    assert_eq!(with_public, ["assets/main-BlblHtZJ.js", "icons/favicon.svg", "robots.txt"]);
    let on_disk: Vec<&str> = vite_asset::vite_files!(from_disk, public).paths().collect();
    assert_eq!(on_disk, with_public);
}
