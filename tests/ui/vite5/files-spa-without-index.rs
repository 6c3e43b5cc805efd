// `spa_fallback` serves Vite's built index.html, and this build (the tutorial's,
// whose inputs are scripts and styles) wrote none.
fn main() {
    let files = vite_asset::vite_files!(spa_fallback);
    println!("{}", files.len());
}
