// The manifest (tests/ui/manifests/syntax-error.json) is not one Vite writes.
fn main() {
    println!("{}", vite_asset::vite_asset!("script.ts"));
}
