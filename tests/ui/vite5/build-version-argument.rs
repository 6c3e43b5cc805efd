// The version is the whole build's: no entry to name.
fn main() {
    let version = vite_asset::vite_build_version!("main.ts");
    println!("{version}");
}
