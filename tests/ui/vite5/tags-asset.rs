// An image has no tags: the error says to use `vite_asset!` for its URL.
fn main() {
    let tags = vite_asset::vite_tags!("logo.svg");
    println!("{tags}");
}
