// A name that is not in the manifest, a variable, and two names.
fn main() {
    let name = "print.css";
    println!("{}", vite_asset::vite_content!("prnt.css"));
    println!("{}", vite_asset::vite_content!(name));
    println!("{}", vite_asset::vite_content!("print.css", "widget.ts"));
}
