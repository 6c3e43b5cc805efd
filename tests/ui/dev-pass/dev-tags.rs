// In dev mode the tags are Vite's client, then each entry, from the DevServer
// through the dev proxy.
use vite_asset::{vite_react_refresh, vite_tags, Tags};

const TAGS: Tags = vite_tags!("styles.scss", "main.ts", integrity);

fn main() {
    // On the page's own origin, which the dev proxy forwards to the DevServer.
    let server = std::env::var("VITEASSET_BASE").unwrap_or_else(|_| "/".to_owned());
    assert_eq!(
        TAGS.as_str(),
        format!(
            "<script type=\"module\" src=\"{server}@vite/client\"></script>\n\
             <link rel=\"stylesheet\" href=\"{server}styles.scss\">\n\
             <script type=\"module\" src=\"{server}main.ts\"></script>"
        ),
        "integrity is ignored: the DevServer's files change as you edit"
    );
    let refresh = vite_react_refresh!();
    assert!(refresh.starts_with("<script type=\"module\">"), "{refresh}");
    assert!(refresh.contains(&format!("import RefreshRuntime from \"{server}@react-refresh\";")), "{refresh}");
    assert!(refresh.contains("window.__vite_plugin_react_preamble_installed__ = true;"));
    assert!(refresh.with_nonce("n").to_string().starts_with("<script nonce=\"n\" type=\"module\">"));
}
