// Every mistake in `attrs(…)` is reported at once, each at its own token, with why.
fn main() {
    let tags = vite_asset::vite_tags!(
        "main.ts",
        attrs(
            script = {
                "data turbo" = "reload",
                src = "/other.js",
                integrity = "sha384-x",
                nonce = "abc",
                crossorigin,
                fetchpriority = "hihg",
            },
            stylesheet = { href = "/other.css", rel = "preload", media = "print\nX: y" },
            scripts = { defer },
            modulepreload = { "data-x" = "1", "data-x" = "2" },
        )
    );
    println!("{tags}");
}
