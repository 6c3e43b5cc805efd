//! [`Html`]: tags written once, with the places where a per-request CSP nonce goes.

use crate::escape;

/// HTML tags, one per line, and the byte offsets in them where ` nonce="…"` is
/// inserted when the page has a Content-Security-Policy nonce (just after each
/// tag's name). Every attribute value is escaped as it is written.
///
/// ```
/// let mut html = vite_asset_core::Html::default();
/// html.stylesheet("/assets/a&b.css", None, true);
/// assert_eq!(html.text, r#"<link rel="stylesheet" crossorigin href="/assets/a&amp;b.css">"#);
/// assert_eq!(&html.text[..html.nonce_at[0]], "<link");
/// ```
#[derive(Debug, Default, PartialEq)]
pub struct Html {
    /// The tags.
    pub text: String,
    /// Where a nonce goes in each tag, as byte offsets in `text`.
    pub nonce_at: Vec<usize>,
    /// The value of an HTTP `Link` header that asks for the same files, for a
    /// server to send before the page (`</assets/a.css>; rel=preload; as=style; crossorigin, …`).
    pub link: String,
}

/// One attribute: its name, and its value (unescaped) or `None` for a bare attribute.
type Attribute<'a> = (&'a str, Option<&'a str>);

impl Html {
    /// `<link rel="stylesheet" href>`.
    pub fn stylesheet(&mut self, url: &str, integrity: Option<&str>, crossorigin: bool) {
        self.linking(
            "link",
            ("rel", "stylesheet"),
            "href",
            url,
            integrity,
            crossorigin,
            None,
        );
    }

    /// `<script type="module" src></script>`.
    pub fn module_script(&mut self, url: &str, integrity: Option<&str>, crossorigin: bool) {
        self.linking(
            "script",
            ("type", "module"),
            "src",
            url,
            integrity,
            crossorigin,
            Some(""),
        );
    }

    /// `<link rel="modulepreload" href>`: fetch and parse a chunk before the entry asks for it.
    pub fn module_preload(&mut self, url: &str, integrity: Option<&str>) {
        self.linking(
            "link",
            ("rel", "modulepreload"),
            "href",
            url,
            integrity,
            true,
            None,
        );
    }

    /// Adds `url` to the `Link` header value, with `relation` (`rel=preload; as=style`,
    /// `rel=modulepreload`), `crossorigin` as the tags have it, and `integrity`.
    pub fn link_header(&mut self, url: &str, relation: &str, integrity: Option<&str>) {
        if !self.link.is_empty() {
            self.link.push_str(", ");
        }
        self.link.push('<');
        self.link.push_str(url);
        self.link.push_str(">; ");
        self.link.push_str(relation);
        self.link.push_str("; crossorigin");
        if let Some(integrity) = integrity {
            // A quoted-string of RFC 9110: `"` and `\` escaped with `\`.
            self.link.push_str("; integrity=\"");
            for c in integrity.chars() {
                if matches!(c, '"' | '\\') {
                    self.link.push('\\');
                }
                self.link.push(c);
            }
            self.link.push('"');
        }
    }

    /// `<script type="module">` with `body`, which must be our own code, never user input.
    pub fn inline_module_script(&mut self, body: &str) {
        self.element("script", &[("type", Some("module"))], Some(body));
    }

    /// An element that loads `url`, with Vite's attribute order.
    #[allow(clippy::too_many_arguments)]
    fn linking(
        &mut self,
        name: &str,
        (kind, kind_value): (&str, &str),
        url_attribute: &str,
        url: &str,
        integrity: Option<&str>,
        crossorigin: bool,
        content: Option<&str>,
    ) {
        let mut attributes = vec![(kind, Some(kind_value))];
        if crossorigin {
            attributes.push(("crossorigin", None));
        }
        attributes.push((url_attribute, Some(url)));
        if let Some(integrity) = integrity {
            attributes.push(("integrity", Some(integrity)));
        }
        self.element(name, &attributes, content);
    }

    /// Appends one element; `content` is `Some` for elements that have a closing tag.
    fn element(&mut self, name: &str, attributes: &[Attribute], content: Option<&str>) {
        if !self.text.is_empty() {
            self.text.push('\n');
        }
        self.text.push('<');
        self.text.push_str(name);
        self.nonce_at.push(self.text.len());
        for (attribute, value) in attributes {
            self.text.push(' ');
            self.text.push_str(attribute);
            if let Some(value) = value {
                self.text.push_str("=\"");
                // Writing to a String cannot fail.
                let _ = escape::write_attribute(&mut self.text, value);
                self.text.push('"');
            }
        }
        self.text.push('>');
        if let Some(content) = content {
            self.text.push_str(content);
            self.text.push_str("</");
            self.text.push_str(name);
            self.text.push('>');
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn attributes_are_escaped_and_nonces_go_after_the_tag_name() {
        let mut html = Html::default();
        html.stylesheet("/a\"b<c>&.css", None, true);
        html.module_script("/main.js", Some("sha384-abc+/="), true);
        assert_eq!(
            html.text,
            "<link rel=\"stylesheet\" crossorigin href=\"/a&quot;b&lt;c&gt;&amp;.css\">\n\
             <script type=\"module\" crossorigin src=\"/main.js\" integrity=\"sha384-abc+/=\"></script>"
        );
        let after: Vec<&str> = html.nonce_at.iter().map(|&at| &html.text[at..]).collect();
        assert!(after[0].starts_with(" rel=\"stylesheet\""), "{after:?}");
        assert!(after[1].starts_with(" type=\"module\""), "{after:?}");
        assert_eq!(&html.text[..html.nonce_at[0]], "<link");
    }
}
