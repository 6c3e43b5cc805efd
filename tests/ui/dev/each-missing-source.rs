// Both entries are misspelt: each is reported at its own literal, in one build.
fn main() {
    let tags = vite_asset::vite_tags!("mian.ts", "styles.scs");
    println!("{tags}");
}
