// The manifest (`tests/ui/manifests/dangling-symlink.json`) is a symbolic link to a file that is not there.
fn main() {
    println!("{}", vite_asset::vite_asset!("script.ts"));
}
