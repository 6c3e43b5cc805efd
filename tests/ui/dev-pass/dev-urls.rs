// In dev mode every name is a DevServer URL: origin + the path of base + the name.
use vite_asset::vite_asset;

const CLIENT: &str = vite_asset!("@vite/client");

fn main() {
    let origin = std::env::var("VITEASSET_DEV_ORIGIN").unwrap_or_else(|_| "http://localhost:5173".to_owned());
    let base = std::env::var("VITEASSET_BASE").unwrap_or_else(|_| "/".to_owned());
    assert!(vite_asset::DEV);
    assert_eq!(CLIENT, format!("{origin}{base}@vite/client"));
    assert_eq!(vite_asset!("script.ts"), format!("{origin}{base}script.ts"));
    assert_eq!(vite_asset!("styles.scss"), format!("{origin}{base}styles.scss"));
    // Files that are not entries are served by the DevServer too.
    assert_eq!(vite_asset!("chain/b.ts"), format!("{origin}{base}chain/b.ts"));
}
