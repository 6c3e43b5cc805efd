// With `root` configured, a name whose source file does not exist is an error in dev mode too.
fn main() {
    println!("{}", vite_asset::vite_asset!("scrpt.ts"));
}
