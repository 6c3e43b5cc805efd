// The second entry is misspelt: the error points at it, not at the first.
fn main() {
    let tags = vite_asset::vite_tags!("main.ts", "adminn.ts");
    println!("{tags}");
}
