// The manifest (`tests/ui/manifests/file-climbs-out.json`) gives `script.ts` a `file` that climbs out with `..`.
fn main() {
    println!("{}", vite_asset::vite_asset!("script.ts"));
}
