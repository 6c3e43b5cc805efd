// Attributes for each kind of tag, next to the other options: escaped, at the
// end of each tag, and in the `Link` header where they change the fetch.
fn main() {
    const HEAD: vite_asset::Tags = vite_asset::vite_tags!(
        "main.ts",
        integrity,
        attrs(
            script = { "data-turbo-track" = "reload", fetchpriority = "high", async },
            stylesheet = { media = "print", title = "a \"quoted\" <title>" },
        )
    );
    let head = HEAD.as_str();
    for line in head.lines() {
        match line {
            _ if line.starts_with("<script") => assert!(
                line.ends_with(" data-turbo-track=\"reload\" fetchpriority=\"high\" async></script>"),
                "{line}"
            ),
            _ if line.starts_with("<link rel=\"stylesheet\"") => assert!(
                line.ends_with(" media=\"print\" title=\"a &quot;quoted&quot; &lt;title&gt;\">"),
                "{line}"
            ),
            _ => assert!(!line.contains("print") && !line.contains("turbo"), "{line}"),
        }
    }
    assert!(HEAD.link_header().contains("; media=\"print\""), "{}", HEAD.link_header());
    assert!(HEAD.link_header().contains("; fetchpriority=\"high\""), "{}", HEAD.link_header());
    assert!(!HEAD.link_header().contains("title"), "{}", HEAD.link_header());
}
