// The manifest's `integrity` for the entry is markup, not a hash: never written into the page.
fn main() {
    let tags = vite_asset::vite_tags!("script.ts", integrity);
    println!("{tags}");
}
