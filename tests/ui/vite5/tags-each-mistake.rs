// Every mistake in the arguments is reported at once, each at its own token.
fn main() {
    let tags = vite_asset::vite_tags!("main.ts", "main.ts", integrty, "");
    println!("{tags}");
}
