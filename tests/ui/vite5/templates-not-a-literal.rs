// The directory must be a string literal, as build.rs names it.
fn main() {
    const DIR: &str = "templates";
    let templates = vite_asset::vite_templates!(DIR);
    println!("{}", templates.len());
}
