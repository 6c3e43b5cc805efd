// In dev mode every name is a DevServer path on the page's own origin, which
// the dev proxy forwards: the path of base + the name.
use vite_asset::vite_asset;

const CLIENT: &str = vite_asset!("@vite/client");

fn main() {
    let base = std::env::var("VITEASSET_BASE").unwrap_or_else(|_| "/".to_owned());
    assert!(vite_asset::DEV);
    assert_eq!(CLIENT, format!("{base}@vite/client"));
    assert_eq!(vite_asset!("script.ts"), format!("{base}script.ts"));
    assert_eq!(vite_asset!("styles.scss"), format!("{base}styles.scss"));
    // Files that are not entries are served by the DevServer too.
    assert_eq!(vite_asset!("chain/b.ts"), format!("{base}chain/b.ts"));
}
