//! vite-asset is not tied to a web framework: `vite_asset!` is a `&'static str`,
//! usable anywhere a string is. This handler renders a page with `format!` and
//! prints it; any framework's handler can return the same string.
//!
//! ```sh
//! cargo run --example plain_handler
//! ```

use vite_asset::vite_asset;

/// The stylesheet and the script of the page, resolved when this file compiled.
const STYLES: &str = vite_asset!("styles.scss");
const SCRIPT: &str = vite_asset!("script.ts");

fn homepage() -> String {
    let client = if vite_asset::DEV {
        format!(
            r#"<script type="module" src="{}"></script>"#,
            vite_asset!("@vite/client")
        )
    } else {
        String::new()
    };
    format!(
        "<!DOCTYPE html>\n<html>\n<head>{client}<link rel=\"stylesheet\" href=\"{STYLES}\"></head>\n\
         <body><h1>Hello, world!</h1><script type=\"module\" src=\"{SCRIPT}\"></script></body>\n</html>"
    )
}

fn main() {
    println!("{}", homepage());
}
