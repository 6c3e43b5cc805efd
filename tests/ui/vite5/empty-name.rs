fn main() {
    println!("{}", vite_asset::vite_asset!(""));
}
