fn main() {
    let tags = vite_asset::vite_tags!(integrity, "main.ts");
    println!("{tags}");
}
