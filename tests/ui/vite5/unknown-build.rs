// A build name where the crate configures none: the message says there are none.
fn main() {
    let tags = vite_asset::vite_tags!(admin, "main.ts");
    println!("{tags}");
}
