// The manifest (`tests/ui/manifests/invalid-utf8.json`) has a key in Latin-1, not UTF-8.
fn main() {
    println!("{}", vite_asset::vite_asset!("script.ts"));
}
