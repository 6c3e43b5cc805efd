fn main() {
    let tags = vite_asset::vite_tags!();
    println!("{tags}");
}
