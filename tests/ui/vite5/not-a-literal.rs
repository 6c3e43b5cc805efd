// The name must be known at compile time.
fn main() {
    let name = "script.ts";
    println!("{}", vite_asset::vite_asset!(name));
}
