// Every kind of manifest key resolves to `base` + its `file`, checked against the
// manifest that the test runs with, read here at run time with serde_json.
use vite_asset::vite_asset;

// Usable in constants.
const SCRIPT: &str = vite_asset!("script.ts");
const STYLES: &str = vite_asset!("styles.scss");

fn expected(manifest: &serde_json::Value, base: &str, key: &str) -> String {
    format!("{base}{}", manifest[key]["file"].as_str().expect(key))
}

fn main() {
    let path = std::env::var("VITEASSET_MANIFEST").unwrap();
    let manifest: serde_json::Value = serde_json::from_slice(&std::fs::read(path).unwrap()).unwrap();
    let base = std::env::var("VITEASSET_BASE").unwrap_or_else(|_| "/".to_owned());

    assert_eq!(SCRIPT, expected(&manifest, &base, "script.ts"), "a JS entry");
    assert_eq!(STYLES, expected(&manifest, &base, "styles.scss"), "a Sass entry");
    assert_eq!(vite_asset!("theme.css"), expected(&manifest, &base, "theme.css"), "a CSS entry");
    assert_eq!(vite_asset!("logo.svg"), expected(&manifest, &base, "logo.svg"), "an asset an entry imports");
    assert_eq!(vite_asset!("lazy.ts"), expected(&manifest, &base, "lazy.ts"), "a dynamic import");
    assert_eq!(vite_asset!("script.ts",), SCRIPT, "a trailing comma");
    assert_eq!(vite_asset!(r"script.ts"), SCRIPT, "a raw string");
    assert_eq!(vite_asset!(r#"script.ts"#), SCRIPT, "a raw string with hashes");
    assert!(SCRIPT.starts_with(&format!("{base}bundled/script-")) && SCRIPT.ends_with(".js"));

    // Vite's client exists only on the DevServer: in production it is empty,
    // so a template that guards it with `vite_asset::DEV` compiles in both modes.
    assert_eq!(vite_asset!("@vite/client"), "");
    assert!(!vite_asset::DEV);
}
