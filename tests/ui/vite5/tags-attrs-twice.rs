// `attrs(…)` is given once, with every kind of tag in it.
fn main() {
    let tags = vite_asset::vite_tags!(
        "main.ts",
        attrs(script = { defer }),
        attrs(stylesheet = { media = "print" })
    );
    println!("{tags}");
}
