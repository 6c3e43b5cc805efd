// A misspelt entry: the closest key is suggested.
const SCRIPT: &str = vite_asset::vite_asset!("scirpt.ts");

fn main() {
    println!("{SCRIPT}");
}
