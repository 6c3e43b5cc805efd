// The manifest (`tests/ui/manifests/not-json.json`) is an HTML error page saved under the manifest's name.
fn main() {
    println!("{}", vite_asset::vite_asset!("script.ts"));
}
