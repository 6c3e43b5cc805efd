// The manifest (`tests/ui/manifests/empty.json`) is an empty file, as a build that failed before writing it leaves it.
fn main() {
    println!("{}", vite_asset::vite_asset!("script.ts"));
}
