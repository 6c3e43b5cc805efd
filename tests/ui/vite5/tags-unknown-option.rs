// A misspelt option, or a variable where a literal belongs.
fn main() {
    let tags = vite_asset::vite_tags!("main.ts", integrty);
    println!("{tags}");
}
