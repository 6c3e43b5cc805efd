// The manifest (`tests/ui/manifests/top-level-string.json`) is a JSON string, not an object of entries.
fn main() {
    println!("{}", vite_asset::vite_asset!("script.ts"));
}
