// Every unknown name is reported at its own call, not just the first.
fn main() {
    println!("{}", vite_asset::vite_asset!("main.js"));
    println!("{}", vite_asset::vite_asset!("admin.js"));
}
