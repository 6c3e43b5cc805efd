// The manifest (`tests/ui/manifests/too-deep.json`) nests arrays 200 deep in the `imports` of `script.ts`.
fn main() {
    println!("{}", vite_asset::vite_asset!("script.ts"));
}
