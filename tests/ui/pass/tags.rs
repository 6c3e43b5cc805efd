// `vite_tags!` through the real macro: the same HTML as the reviewed golden files
// (tests/golden, written for base `/assets/`), for the manifest this test runs with.
use vite_asset::{vite_react_refresh, vite_tags, Tags};

// Usable in constants.
const MAIN: Tags = vite_tags!("main.ts");

fn golden(case: &str, base: &str) -> String {
    // VITEASSET_MANIFEST is <repository>/tests/fixtures/<vite version>/manifest.json.
    let manifest = std::path::PathBuf::from(std::env::var("VITEASSET_MANIFEST").unwrap());
    let version = manifest.parent().unwrap();
    let repository = version.parent().unwrap().parent().unwrap().parent().unwrap();
    let path = repository
        .join("tests/golden")
        .join(version.file_name().unwrap())
        .join(format!("{case}.html"));
    let html = std::fs::read_to_string(path).unwrap();
    html.trim_end().replace("\"/assets/", &format!("\"{base}"))
}

fn main() {
    let base = std::env::var("VITEASSET_BASE").unwrap_or_else(|_| "/".to_owned());
    assert_eq!(MAIN.as_str(), golden("main", &base));
    assert_eq!(*vite_tags!("admin.ts"), golden("admin", &base));
    assert_eq!(vite_tags!("main.ts", "admin.ts").to_string(), golden("main+admin", &base));
    assert_eq!(&*vite_tags!("theme.css",), golden("theme", &base), "a trailing comma");
    assert_eq!(vite_tags!("main.ts", integrity).as_str(), golden("main-integrity", &base));
    // The nonce goes into every tag, escaped.
    let nonced = vite_tags!("main.ts").with_nonce("a\"b").to_string();
    assert_eq!(nonced.matches(" nonce=\"a&quot;b\" ").count(), MAIN.lines().count());
    assert_eq!(nonced.replace(" nonce=\"a&quot;b\"", ""), MAIN.as_str());
    // Nothing for React in production.
    assert_eq!(vite_react_refresh!().as_str(), "");
}
