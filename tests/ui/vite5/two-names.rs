// One call resolves one name.
fn main() {
    println!("{}", vite_asset::vite_asset!("script.ts", "styles.scss"));
}
