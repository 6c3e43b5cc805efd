// With integrity, the built file is read; here it was never written.
fn main() {
    let tags = vite_asset::vite_tags!("script.ts", integrity);
    println!("{tags}");
}
