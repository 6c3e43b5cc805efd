// Names and built files with characters that mean something in URLs (space, `#`, `?`)
// and in HTML (`"`, `<`, `&`), and non-ASCII keys: each is percent-encoded in the
// URL and HTML-escaped in the attribute, never passed through. The manifest and its
// files are written by tests/ui/compile_errors.rs (file names Windows cannot check out).
use vite_asset::{vite_asset, vite_tags};

fn main() {
    assert_eq!(vite_asset!("pages/odd name.ts"), "/assets/bundled/a%20b%23c%3Fd.js");
    assert_eq!(vite_asset!("pages/café.ts"), "/assets/bundled/caf%C3%A9-1.js");
    assert_eq!(
        vite_tags!("pages/quote\"less-than<and&.css").as_str(),
        "<link rel=\"stylesheet\" crossorigin href=\"/assets/bundled/q%22%3C&amp;.css\">"
    );
    assert_eq!(
        vite_tags!("pages/odd name.ts").as_str(),
        "<script type=\"module\" crossorigin src=\"/assets/bundled/a%20b%23c%3Fd.js\"></script>"
    );
}
