// The manifest (`tests/ui/manifests/file-absolute.json`) gives `script.ts` an absolute `file`.
fn main() {
    println!("{}", vite_asset::vite_asset!("script.ts"));
}
