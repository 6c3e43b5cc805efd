// The manifest (`tests/ui/manifests/a-directory`) is a directory.
fn main() {
    println!("{}", vite_asset::vite_asset!("script.ts"));
}
