// A misspelt DevServer id is an error in production too, not an empty string.
fn main() {
    println!("{}", vite_asset::vite_asset!("@vite/clinet"));
}
