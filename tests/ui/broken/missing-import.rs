// The manifest lists an import that it does not contain.
fn main() {
    let tags = vite_asset::vite_tags!("main.ts");
    println!("{tags}");
}
