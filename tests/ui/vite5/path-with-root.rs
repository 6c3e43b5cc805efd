// The name is written with Vite's root directory in front; manifest keys are relative to it.
fn main() {
    println!("{}", vite_asset::vite_asset!("src/styles.scss"));
}
