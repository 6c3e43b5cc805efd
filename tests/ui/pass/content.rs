// `vite_content!` gives the built file's bytes, checked against the output
// directory of the manifest that the test runs with (read here at run time).
use vite_asset::{vite_content, Content};

const THEME: Content = vite_content!("theme.css");

fn built(manifest: &serde_json::Value, dir: &std::path::Path, file: &str) -> String {
    std::fs::read_to_string(dir.join(file)).unwrap_or_else(|error| panic!("{file}: {error}"))
}

fn main() {
    let path = std::path::PathBuf::from(std::env::var("VITEASSET_MANIFEST").unwrap());
    let dir = path.parent().unwrap();
    let manifest: serde_json::Value = serde_json::from_slice(&std::fs::read(&path).unwrap()).unwrap();
    let file = |key: &str| manifest[key]["file"].as_str().expect(key).to_owned();

    // A CSS entry, a Sass entry, a JS entry (its chunk alone) and an asset.
    assert_eq!(THEME.as_str(), built(&manifest, dir, &file("theme.css")), "a CSS entry");
    assert_eq!(vite_content!("styles.scss").as_str(), built(&manifest, dir, &file("styles.scss")));
    assert_eq!(vite_content!("script.ts").as_str(), built(&manifest, dir, &file("script.ts")), "a JS entry");
    assert_eq!(vite_content!("logo.svg").as_str(), built(&manifest, dir, &file("logo.svg")), "an asset");
    assert!(vite_content!("logo.svg").starts_with("<svg"));

    // Its CSP hash is that of the text, as a browser computes it for an inline body.
    for content in [THEME, vite_content!("script.ts")] {
        let hash = content.csp_hash();
        assert!(hash.starts_with("'sha256-") && hash.ends_with("='") && hash.len() == 53, "{hash}");
    }
    assert_ne!(THEME.csp_hash(), vite_content!("styles.scss").csp_hash());
    assert_eq!(format!("<style>{THEME}</style>"), format!("<style>{}</style>", THEME.as_str()));
}
