// A file in a subdirectory of the root, misspelt.
fn main() {
    println!("{}", vite_asset::vite_asset!("chain/c.ts"));
}
