// The built files of the Vite 5 fixture, embedded and from disk.
static EMBEDDED: &vite_asset::ViteFiles = vite_asset::vite_files!();

fn main() {
    let on_disk: &vite_asset::ViteFiles = vite_asset::vite_files!(from_disk);
    assert_eq!(EMBEDDED.len(), on_disk.len());
    assert!(EMBEDDED.len() >= 10, "{}", EMBEDDED.len());
    assert!(EMBEDDED.paths().all(|path| !path.contains("manifest") && !path.starts_with('/')));
}
