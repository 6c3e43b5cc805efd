// The manifest (`tests/ui/manifests/file-wrong-type.json`) gives `file` as an array.
fn main() {
    println!("{}", vite_asset::vite_asset!("script.ts"));
}
