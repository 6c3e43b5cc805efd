//! [`Html`]: tags written once, with the places where a per-request CSP nonce goes.

use core::fmt;

use crate::attributes::WrittenAttributes;
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
    /// The Content-Security-Policy sources (`'sha256-…'`) of the inline scripts
    /// in `text`, for a policy without nonces; whoever writes an inline script adds its hash.
    pub script_hashes: Vec<String>,
}

/// Which tag links a built file: what the page needs the file for.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum FileTag {
    /// `<link rel="stylesheet">`; `rel=preload; as=style` in the `Link` header.
    Stylesheet,
    /// `<script type="module">` of an entry; `rel=modulepreload` in the header.
    Script,
    /// `<link rel="modulepreload">` of an imported chunk; `rel=modulepreload`.
    Preload,
    /// `<link rel="prefetch">` of what a lazy import loads, for a later navigation.
    Prefetch,
}

/// One tag as [`Html`] wrote it, borrowed: what `vite_manifest!()`'s table
/// keeps for each built file, so that the tags of a page are joined at run
/// time from text written at compile time.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct WrittenTag<'a> {
    /// The tag's text.
    pub html: &'a str,
    /// Where its nonce goes, as a byte offset in `html`.
    pub nonce_at: usize,
    /// Its `Link` header value, or empty.
    pub link: &'a str,
    /// The CSP hash of its inline script, or empty.
    pub script_hash: &'a str,
}

/// One attribute: its name, and its value (unescaped) or `None` for a bare attribute.
type Attribute<'a> = (&'a str, Option<&'a str>);

impl Html {
    /// Appends the tag that links the built file at `url` as `tag` says, and
    /// the same file in the `Link` header (a prefetch is for a later
    /// navigation: it has neither integrity nor a `Link` value).
    ///
    /// ```
    /// use vite_asset_core::html::{FileTag, Html};
    ///
    /// let mut html = Html::default();
    /// html.file(FileTag::Stylesheet, "/assets/a.css", None);
    /// html.file(FileTag::Script, "/assets/a.js", Some("sha384-x"));
    /// assert_eq!(
    ///     html.text,
    ///     "<link rel=\"stylesheet\" crossorigin href=\"/assets/a.css\">\n\
    ///      <script type=\"module\" crossorigin src=\"/assets/a.js\" integrity=\"sha384-x\"></script>"
    /// );
    /// assert_eq!(
    ///     html.link,
    ///     "</assets/a.css>; rel=preload; as=style; crossorigin, \
    ///      </assets/a.js>; rel=modulepreload; crossorigin; integrity=\"sha384-x\""
    /// );
    /// ```
    pub fn file(&mut self, tag: FileTag, url: &str, integrity: Option<&str>) {
        match tag {
            FileTag::Stylesheet => {
                self.stylesheet(url, integrity, true);
                self.link_header(url, "rel=preload; as=style", integrity);
            }
            FileTag::Script => {
                self.module_script(url, integrity, true);
                self.link_header(url, "rel=modulepreload", integrity);
            }
            FileTag::Preload => {
                self.module_preload(url, integrity);
                self.link_header(url, "rel=modulepreload", integrity);
            }
            FileTag::Prefetch => self.prefetch(url),
        }
    }

    /// The one tag of `self`, borrowed, to be appended again with
    /// [`push_written`](Self::push_written); `None` unless `self` has exactly one tag.
    ///
    /// ```
    /// use vite_asset_core::html::{FileTag, Html};
    ///
    /// let mut one = Html::default();
    /// one.file(FileTag::Preload, "/assets/b.js", None);
    /// let mut page = Html::default();
    /// page.file(FileTag::Script, "/assets/a.js", None);
    /// page.push_written(one.as_written().unwrap());
    ///
    /// let mut direct = Html::default();
    /// direct.file(FileTag::Script, "/assets/a.js", None);
    /// direct.file(FileTag::Preload, "/assets/b.js", None);
    /// assert_eq!(page, direct);
    /// ```
    pub fn as_written(&self) -> Option<WrittenTag<'_>> {
        let [nonce_at] = self.nonce_at[..] else {
            return None;
        };
        let script_hash = match &self.script_hashes[..] {
            [] => "",
            [hash] => hash,
            _ => return None,
        };
        Some(WrittenTag {
            html: &self.text,
            nonce_at,
            link: &self.link,
            script_hash,
        })
    }

    /// Appends a tag written earlier (by [`as_written`](Self::as_written), at
    /// compile time): its text on a line of its own, where its nonce goes, its
    /// `Link` value and its script's hash.
    pub fn push_written(&mut self, tag: WrittenTag<'_>) {
        if !self.text.is_empty() {
            self.text.push('\n');
        }
        self.nonce_at.push(self.text.len() + tag.nonce_at);
        self.text.push_str(tag.html);
        self.link_append(tag.link);
        if !tag.script_hash.is_empty() {
            self.script_hashes.push(tag.script_hash.to_owned());
        }
    }

    /// Runs `write`, which appends one tag, and gives that tag `attributes`:
    /// their text at the end of its start tag, and their parameters after its
    /// `Link` value when it has one. The one place a caller's attributes enter
    /// a tag, at compile time and at run time.
    ///
    /// ```
    /// use vite_asset_core::attributes::Attributes;
    /// use vite_asset_core::html::{FileTag, Html};
    ///
    /// let mut attributes = Attributes::default();
    /// attributes.add("script", "fetchpriority", Some("high"))?;
    /// let mut html = Html::default();
    /// html.with_attributes(&attributes.written(FileTag::Script), |html| {
    ///     html.file(FileTag::Script, "/assets/a.js", None)
    /// });
    /// assert_eq!(
    ///     html.text,
    ///     r#"<script type="module" crossorigin src="/assets/a.js" fetchpriority="high"></script>"#
    /// );
    /// assert_eq!(html.link, r#"</assets/a.js>; rel=modulepreload; crossorigin; fetchpriority="high""#);
    /// # Ok::<(), vite_asset_core::attributes::AttributeError>(())
    /// ```
    pub fn with_attributes<R>(
        &mut self,
        attributes: &WrittenAttributes,
        write: impl FnOnce(&mut Html) -> R,
    ) -> R {
        let end = self.end();
        let written = write(self);
        self.give_attributes_since(end, attributes);
        written
    }

    /// Where the text and the `Link` value end now, for [`give_attributes_since`](Self::give_attributes_since).
    pub(crate) fn end(&self) -> (usize, usize) {
        (self.text.len(), self.link.len())
    }

    /// Gives the tag written since `end` the `attributes`.
    pub(crate) fn give_attributes_since(
        &mut self,
        (text_from, link_from): (usize, usize),
        attributes: &WrittenAttributes,
    ) {
        if !attributes.html.is_empty() {
            // Every value in a tag is escaped, so its first `>` ends its start tag.
            if let Some(end) = self.text[text_from..].find('>') {
                self.text.insert_str(text_from + end, &attributes.html);
            }
        }
        if self.link.len() > link_from {
            self.link.push_str(&attributes.link);
        }
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
    pub(crate) fn module_preload(&mut self, url: &str, integrity: Option<&str>) {
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
    fn preload(&mut self, url: &str, destination: &str, mime_type: &str) {
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

    /// The preload of a built file the first screen needs, and the same in the
    /// `Link` header: `modulepreload` for a script (`destination` "script"),
    /// otherwise `<link rel="preload">` with its `as` and MIME `type`.
    ///
    /// ```
    /// let mut html = vite_asset_core::Html::default();
    /// html.preload_file("/assets/hero.png", "image", "image/png");
    /// assert_eq!(html.text, r#"<link rel="preload" as="image" type="image/png" href="/assets/hero.png">"#);
    /// assert_eq!(html.link, "</assets/hero.png>; rel=preload; as=image");
    /// ```
    pub fn preload_file(&mut self, url: &str, destination: &str, mime_type: &str) {
        if destination == "script" {
            self.module_preload(url, None);
            self.link_header(url, "rel=modulepreload", None);
            return;
        }
        self.preload(url, destination, mime_type);
        let relation = format!("rel=preload; as={destination}");
        self.link_header_with(url, &relation, None, destination == "font");
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
    pub(crate) fn link_header_with(
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
            self.link.push_str("; integrity=");
            escape::write_quoted_string(&mut self.link, integrity);
        }
    }

    /// `<script type="module">` with `body`, which must be our own code, never user input.
    #[cfg(feature = "model")]
    pub(crate) fn inline_module_script(&mut self, body: &str) {
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
