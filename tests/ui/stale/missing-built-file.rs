// Without integrity too, every linked file must be in the output directory.
fn main() {
    println!("{}", vite_asset::vite_asset!("script.ts"));
    println!("{}", vite_asset::vite_tags!("script.ts"));
}
