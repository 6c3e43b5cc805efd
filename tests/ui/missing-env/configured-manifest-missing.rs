// VITEASSET_MANIFEST names a file that does not exist (the Vite build has not run).
fn main() {
    println!("{}", vite_asset::vite_asset!("script.ts"));
}
