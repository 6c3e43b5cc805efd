// The manifest (`tests/ui/manifests/file-url.json`) gives `script.ts` a full URL as its `file`.
fn main() {
    println!("{}", vite_asset::vite_asset!("script.ts"));
}
