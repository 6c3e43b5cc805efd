//! [`Html`]: tags written once, with the places where a per-request CSP nonce goes.

use core::fmt;

use crate::escape;
use crate::needed::Needed;

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
    /// The Content-Security-Policy sources (`'sha256-…'`) of the inline scripts
    /// in `text`, for a policy without nonces; whoever writes an inline script adds its hash.
    pub script_hashes: Vec<String>,
}

/// One attribute: its name, and its value (unescaped) or `None` for a bare attribute.
type Attribute<'a> = (&'a str, Option<&'a str>);

impl Html {
    /// The tags, and the `Link` header, of the files `needed`: a stylesheet link
    /// for each stylesheet, a module script for each script, a module preload for
    /// each preload, all with `crossorigin`. `linked` gives a file's URL and its
    /// integrity hash (or `None`), or the error that stops the writing.
    ///
    /// ```
    /// use vite_asset_core::{Html, Needed};
    ///
    /// let needed = Needed { stylesheets: vec!["a.css"], scripts: vec!["a.js"], preloads: vec![] };
    /// let html = Html::of_needed(&needed, |file| Ok::<_, ()>((format!("/assets/{file}"), None::<&str>)))?;
    /// assert_eq!(
    ///     html.text,
    ///     "<link rel=\"stylesheet\" crossorigin href=\"/assets/a.css\">\n\
    ///      <script type=\"module\" crossorigin src=\"/assets/a.js\"></script>"
    /// );
    /// # Ok::<(), ()>(())
    /// ```
    pub fn of_needed<F: Copy, U: AsRef<str>, I: AsRef<str>, E>(
        needed: &Needed<F>,
        mut linked: impl FnMut(F) -> Result<(U, Option<I>), E>,
    ) -> Result<Html, E> {
        let mut html = Html::default();
        for &file in &needed.stylesheets {
            let (url, integrity) = linked(file)?;
            let (url, integrity) = (url.as_ref(), integrity.as_ref().map(AsRef::as_ref));
            html.stylesheet(url, integrity, true);
            html.link_header(url, "rel=preload; as=style", integrity);
        }
        for &file in &needed.scripts {
            let (url, integrity) = linked(file)?;
            let (url, integrity) = (url.as_ref(), integrity.as_ref().map(AsRef::as_ref));
            html.module_script(url, integrity, true);
            html.link_header(url, "rel=modulepreload", integrity);
        }
        for &file in &needed.preloads {
            let (url, integrity) = linked(file)?;
            let (url, integrity) = (url.as_ref(), integrity.as_ref().map(AsRef::as_ref));
            html.module_preload(url, integrity);
            html.link_header(url, "rel=modulepreload", integrity);
        }
        Ok(html)
    }

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

    /// `<link rel="preload" as href>` of a file the first screen needs (an image,
    /// a font), with its MIME `type`; fonts are fetched in CORS mode, so their
    /// preload has `crossorigin`, or the browser would fetch them twice.
    pub fn preload(&mut self, url: &str, destination: &str, mime_type: &str) {
        let mut attributes = vec![
            ("rel", Some("preload")),
            ("as", Some(destination)),
            ("type", Some(mime_type)),
        ];
        if destination == "font" {
            attributes.push(("crossorigin", None));
        }
        attributes.push(("href", Some(url)));
        self.element("link", &attributes, None);
    }

    /// `<link rel="prefetch" href>`: fetched at the lowest priority, once the page
    /// is idle, for a later navigation. `crossorigin`, as the module and
    /// stylesheet requests that Vite's preload helper makes, so that they use it.
    pub fn prefetch(&mut self, url: &str) {
        self.linking("link", ("rel", "prefetch"), "href", url, None, true, None);
    }

    /// Adds `url` to the `Link` header value, with `relation` (`rel=preload; as=style`,
    /// `rel=modulepreload`), `crossorigin` as the tags have it, and `integrity`.
    pub fn link_header(&mut self, url: &str, relation: &str, integrity: Option<&str>) {
        self.link_header_with(url, relation, integrity, true);
    }

    /// [`link_header`](Self::link_header), with `crossorigin` only when the
    /// element that uses the file fetches it in CORS mode (a font, a module;
    /// not an `<img>`), or the browser would not use the early fetch.
    pub fn link_header_with(
        &mut self,
        url: &str,
        relation: &str,
        integrity: Option<&str>,
        crossorigin: bool,
    ) {
        if !self.link.is_empty() {
            self.link.push_str(", ");
        }
        self.link.push('<');
        self.link.push_str(url);
        self.link.push_str(">; ");
        self.link.push_str(relation);
        if crossorigin {
            self.link.push_str("; crossorigin");
        }
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

    /// `<script type="importmap">` with the import map `json`, whose `</` and
    /// `<!--` are escaped so that the text cannot end the element. It returns
    /// the script's text as written, for its CSP hash.
    pub fn import_map(&mut self, json: &str) -> String {
        let body = json.replace("</", "<\\/").replace("<!--", "<\\!--");
        self.element("script", &[("type", Some("importmap"))], Some(&body));
        body
    }

    /// Appends the tags, `Link` header values and hashes of `other`.
    pub fn append(&mut self, other: Html) {
        if other.text.is_empty() {
            self.link_append(&other.link);
            self.script_hashes.extend(other.script_hashes);
            return;
        }
        let offset = match self.text.is_empty() {
            true => 0,
            false => {
                self.text.push('\n');
                self.text.len()
            }
        };
        self.text.push_str(&other.text);
        self.nonce_at
            .extend(other.nonce_at.into_iter().map(|at| at + offset));
        self.link_append(&other.link);
        self.script_hashes.extend(other.script_hashes);
    }

    fn link_append(&mut self, link: &str) {
        if link.is_empty() {
            return;
        }
        if !self.link.is_empty() {
            self.link.push_str(", ");
        }
        self.link.push_str(link);
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

/// Writes `text` with ` nonce="…"` (`nonce` escaped) inserted at each of the
/// byte offsets `nonce_at` (ascending, as [`Html::nonce_at`] has them). An offset
/// that is not a char boundary of `text` inserts nothing there rather than panic.
///
/// ```
/// let mut out = String::new();
/// vite_asset_core::html::write_with_nonce(&mut out, "<script></script>", [7], "n&1")?;
/// assert_eq!(out, r#"<script nonce="n&amp;1"></script>"#);
/// # Ok::<(), std::fmt::Error>(())
/// ```
pub fn write_with_nonce(
    out: &mut impl fmt::Write,
    text: &str,
    nonce_at: impl IntoIterator<Item = usize>,
    nonce: &str,
) -> fmt::Result {
    let mut written = 0;
    for at in nonce_at {
        let Some(before) = text.get(written..at) else {
            continue;
        };
        out.write_str(before)?;
        out.write_str(" nonce=\"")?;
        escape::write_attribute(out, nonce)?;
        out.write_str("\"")?;
        written = at;
    }
    out.write_str(text.get(written..).unwrap_or_default())
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
