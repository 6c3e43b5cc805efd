// `attrs(…)` is `kind = { name = "value", … }`: a value that is not a string literal is a syntax error.
fn main() {
    let tags = vite_asset::vite_tags!("main.ts", attrs(script = { fetchpriority = high }));
    println!("{tags}");
}
