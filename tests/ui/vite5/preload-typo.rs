// A misspelt asset in `vite_preload!`: the closest key, at the literal.
fn main() {
    let head = vite_asset::vite_preload!("lgoo.svg");
    println!("{head}");
}
