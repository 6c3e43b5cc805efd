// A CSS entry whose JS stub lists two CSS files has no one file to give.
fn main() {
    let split = vite_asset::vite_content!("split.css");
    println!("{split}");
}
