// The version hashes every built file: one that is gone is an error, not a
// version of what is left.
fn main() {
    let version = vite_asset::vite_build_version!();
    println!("{version}");
}
