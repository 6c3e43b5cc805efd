//! [`Tags`]: HTML computed at compile time, written into pages as it is.

use core::fmt;
use core::ops::Deref;

/// HTML tags computed at compile time by [`vite_tags!`](crate::vite_tags) and
/// [`vite_react_refresh!`](crate::vite_react_refresh).
///
/// It is a `&'static str` of trusted markup: every URL and attribute in it was
/// escaped when it was written. It derefs to `str` and implements
/// [`Display`](fmt::Display), so a handler can `format!` it; with the `askama`
/// feature, askama inserts it without the `|safe` filter.
///
/// ```
/// use vite_asset::{vite_tags, Tags};
///
/// const HEAD: Tags = vite_tags!("main.ts");
/// let page = format!("<head>{HEAD}</head>");
/// # if !vite_asset::DEV {
/// assert!(page.contains(r#"<script type="module" crossorigin src="/assets/bundled/main-BlblHtZJ.js"></script>"#));
/// assert!(HEAD.starts_with("<link rel=\"stylesheet\""));
/// # }
/// ```
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub struct Tags {
    html: &'static str,
    /// Byte offsets in `html` just after each tag's name, where a nonce goes,
    /// each a little-endian `u32`.
    nonce_at: &'static [u8],
    link: &'static str,
    script_hashes: &'static str,
}

impl Tags {
    /// The macros' expansion.
    pub(crate) const fn precomputed(
        html: &'static str,
        nonce_at: &'static [u8],
        link: &'static str,
        script_hashes: &'static str,
    ) -> Tags {
        Tags {
            html,
            nonce_at,
            link,
            script_hashes,
        }
    }

    /// The Content-Security-Policy sources of the inline scripts in these tags
    /// (Vite 8's import map, the React refresh preamble), `'sha256-…'` each,
    /// space-separated; empty when there is none. Put them in `script-src` for
    /// a policy that works without nonces, on cached pages too.
    ///
    /// ```
    /// let tags = vite_asset::vite_tags!("main.ts");
    /// let policy = format!("script-src 'self' {}", tags.script_hashes());
    /// # assert!(vite_asset::DEV || tags.script_hashes().is_empty(), "no inline script in this build");
    /// # let _ = policy;
    /// ```
    pub const fn script_hashes(&self) -> &'static str {
        self.script_hashes
    }

    /// The value of an HTTP `Link` header that asks for the files these tags
    /// link, with the same `crossorigin` and `integrity`, so that a browser that
    /// reads the headers before the page starts the downloads early and never
    /// fetches a file twice: `rel=preload; as=style` for stylesheets,
    /// `rel=modulepreload` for scripts and preloads. Empty in development.
    ///
    /// ```
    /// let link = vite_asset::vite_tags!("script.ts").link_header();
    /// # if !vite_asset::DEV {
    /// assert_eq!(link, "</assets/bundled/script-BkiISj8p.js>; rel=modulepreload; crossorigin");
    /// # }
    /// ```
    ///
    /// It gains something only when the headers leave before the body: for a
    /// page whose body takes time (a query), send the headers at once and
    /// stream the body (benches/pageload measures 13% to 27% off the first
    /// render for a body 300 ms late). Sent together with the body, it repeats
    /// the tags. In axum, beside the page:
    ///
    /// ```
    /// # #[cfg(feature = "axum")] {
    /// use axum::http::header::LINK;
    /// use axum::response::{Html, IntoResponse};
    ///
    /// const HEAD: vite_asset::Tags = vite_asset::vite_tags!("main.ts");
    ///
    /// async fn page() -> impl IntoResponse {
    ///     ([(LINK, HEAD.link_header())], Html(format!("<head>{HEAD}</head>")))
    /// }
    /// # }
    /// ```
    pub const fn link_header(&self) -> &'static str {
        self.link
    }

    /// The HTML.
    ///
    /// ```
    /// let tags: &'static str = vite_asset::vite_tags!("theme.css").as_str();
    /// # if !vite_asset::DEV {
    /// assert_eq!(tags, r#"<link rel="stylesheet" crossorigin href="/assets/bundled/theme-CMpbnpGs.css">"#);
    /// # }
    /// ```
    pub const fn as_str(&self) -> &'static str {
        self.html
    }

    /// The same tags, each with `nonce="…"` for a Content-Security-Policy
    /// (`script-src 'nonce-…'`), for a nonce made fresh for each response.
    ///
    /// Only the nonce is written at run time; the tags themselves stay
    /// precomputed. The nonce is HTML-escaped.
    ///
    /// ```
    /// use vite_asset::vite_tags;
    ///
    /// let nonce = "rAnd0m";
    /// let head = vite_tags!("script.ts").with_nonce(nonce).to_string();
    /// # if !vite_asset::DEV {
    /// assert_eq!(
    ///     head,
    ///     r#"<script nonce="rAnd0m" type="module" crossorigin src="/assets/bundled/script-BkiISj8p.js"></script>"#
    /// );
    /// # }
    /// ```
    pub fn with_nonce<'a>(&self, nonce: &'a str) -> WithNonce<'a> {
        WithNonce {
            html: self.html,
            nonce_at: NonceAt::Packed(self.nonce_at),
            nonce,
        }
    }
}

impl Deref for Tags {
    type Target = str;

    fn deref(&self) -> &str {
        self.html
    }
}

impl AsRef<str> for Tags {
    fn as_ref(&self) -> &str {
        self.html
    }
}

/// `html`, as it goes into a page: in `dev`, says once if the page links the
/// DevServer's paths on its own origin and nothing in this process forwards them.
fn written(html: &str) -> &str {
    #[cfg(feature = "dev")]
    crate::dev_urls::check_proxy_mounted(html);
    html
}

impl fmt::Display for Tags {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(written(self.html))
    }
}

impl From<Tags> for &'static str {
    fn from(tags: Tags) -> &'static str {
        tags.html
    }
}

/// [`Tags`] or [`OwnedTags`] with a CSP nonce on each tag, made by their
/// `with_nonce`. It is written out by its [`Display`](fmt::Display) implementation.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct WithNonce<'a> {
    html: &'a str,
    nonce_at: NonceAt<'a>,
    nonce: &'a str,
}

/// Where the nonces go in the HTML: packed as the macros write them (each a
/// little-endian `u32`), or as the run-time table joined them.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum NonceAt<'a> {
    Packed(&'static [u8]),
    Offsets(&'a [usize]),
}

impl fmt::Display for WithNonce<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let html = written(self.html);
        match self.nonce_at {
            NonceAt::Packed(packed) => {
                let offsets = packed
                    .chunks_exact(4)
                    .map(|at| u32::from_le_bytes([at[0], at[1], at[2], at[3]]) as usize);
                vite_asset_core::html::write_with_nonce(f, html, offsets, self.nonce)
            }
            NonceAt::Offsets(offsets) => {
                let offsets = offsets.iter().copied();
                vite_asset_core::html::write_with_nonce(f, html, offsets, self.nonce)
            }
        }
    }
}

/// The owned twin of [`Tags`]: tags that [`ViteManifest`](crate::ViteManifest)
/// joins at run time (for run-time templates, or names a handler only knows
/// then), with the same methods: the HTML, its `Link` header, the CSP hashes
/// of its inline scripts, and the same tags with a nonce.
///
/// An entry point alone, with the build's settings, is the [`Tags`] that
/// `vite_manifest!()` wrote at compile time, borrowed; other calls join each
/// file's tags (written once, at the first lookup), in the order and with the
/// rules of `vite_tags!`, by the same code.
///
/// ```
/// static MANIFEST: &vite_asset::ViteManifest = vite_asset::vite_manifest!();
///
/// let tags = MANIFEST.tags(&["styles.scss", "script.ts"], Default::default())?;
/// assert_eq!(tags.as_str(), vite_asset::vite_tags!("styles.scss", "script.ts").as_str());
/// # if !vite_asset::DEV {
/// assert_eq!(
///     tags.link_header(),
///     "</assets/bundled/styles-BBryp449.css>; rel=preload; as=style; crossorigin, \
///      </assets/bundled/script-BkiISj8p.js>; rel=modulepreload; crossorigin"
/// );
/// # }
/// let page = format!("<head>{}</head>", tags.with_nonce("rAnd0m"));
/// # assert!(page.contains("nonce=\"rAnd0m\""));
/// # Ok::<(), vite_asset::AssetError>(())
/// ```
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct OwnedTags(Owned);

#[derive(Clone, Debug, PartialEq, Eq)]
enum Owned {
    Precomputed(Tags),
    Joined {
        html: String,
        nonce_at: Vec<usize>,
        link: String,
        script_hashes: String,
    },
}

impl OwnedTags {
    /// The HTML.
    pub fn as_str(&self) -> &str {
        match &self.0 {
            Owned::Precomputed(tags) => tags.as_str(),
            Owned::Joined { html, .. } => html,
        }
    }

    /// As [`Tags::link_header`]: the `Link` header value that asks for the
    /// files these tags link; empty in development.
    pub fn link_header(&self) -> &str {
        match &self.0 {
            Owned::Precomputed(tags) => tags.link_header(),
            Owned::Joined { link, .. } => link,
        }
    }

    /// As [`Tags::script_hashes`]: the CSP sources of the inline scripts in
    /// these tags, space-separated; empty when there is none.
    pub fn script_hashes(&self) -> &str {
        match &self.0 {
            Owned::Precomputed(tags) => tags.script_hashes(),
            Owned::Joined { script_hashes, .. } => script_hashes,
        }
    }

    /// As [`Tags::with_nonce`]: the same tags, each with `nonce="…"` (escaped).
    pub fn with_nonce<'a>(&'a self, nonce: &'a str) -> WithNonce<'a> {
        match &self.0 {
            Owned::Precomputed(tags) => tags.with_nonce(nonce),
            Owned::Joined { html, nonce_at, .. } => WithNonce {
                html,
                nonce_at: NonceAt::Offsets(nonce_at),
                nonce,
            },
        }
    }

    /// The HTML with `nonce` if there is one, as the template functions write it.
    #[cfg(any(feature = "minijinja", feature = "tera"))]
    pub(crate) fn html_with(&self, nonce: Option<&str>) -> String {
        match nonce {
            Some(nonce) => self.with_nonce(nonce).to_string(),
            None => self.to_string(),
        }
    }
}

impl From<Tags> for OwnedTags {
    fn from(tags: Tags) -> Self {
        OwnedTags(Owned::Precomputed(tags))
    }
}

impl OwnedTags {
    /// The tags the run-time table joined.
    pub(crate) fn joined(html: vite_asset_core::Html) -> Self {
        OwnedTags(Owned::Joined {
            html: html.text,
            nonce_at: html.nonce_at,
            link: html.link,
            script_hashes: html.script_hashes.join(" "),
        })
    }
}

impl Deref for OwnedTags {
    type Target = str;

    fn deref(&self) -> &str {
        self.as_str()
    }
}

impl AsRef<str> for OwnedTags {
    fn as_ref(&self) -> &str {
        self.as_str()
    }
}

impl fmt::Display for OwnedTags {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(written(self.as_str()))
    }
}

#[cfg(feature = "askama")]
impl askama::filters::HtmlSafe for Tags {}

/// askama writes `Tags` with one `write_str`, without going through `fmt`.
#[cfg(feature = "askama")]
impl askama::FastWritable for Tags {
    fn write_into(
        &self,
        dest: &mut dyn fmt::Write,
        _values: &dyn askama::Values,
    ) -> askama::Result<()> {
        Ok(dest.write_str(written(self.html))?)
    }
}

#[cfg(feature = "askama")]
impl askama::filters::HtmlSafe for OwnedTags {}

#[cfg(feature = "askama")]
impl askama::filters::HtmlSafe for WithNonce<'_> {}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_nonce_goes_after_each_tag_name_escaped() {
        let tags = Tags::precomputed(
            "<link rel=\"a\">\n<script src=\"b\"></script>",
            b"\x05\0\0\0\x16\0\0\0",
            "",
            "",
        );
        assert_eq!(
            tags.with_nonce("n\"<&>'").to_string(),
            "<link nonce=\"n&quot;&lt;&amp;&gt;&#39;\" rel=\"a\">\n\
             <script nonce=\"n&quot;&lt;&amp;&gt;&#39;\" src=\"b\"></script>"
        );
        assert_eq!(tags.to_string(), tags.as_str(), "without a nonce, as built");
    }

    #[test]
    fn offsets_off_a_char_boundary_or_past_the_end_are_passed_over() {
        // 2 falls inside `é`, 99 is past the end, and the last byte is no offset.
        let tags = Tags::precomputed("<é>", b"\x02\0\0\0\x63\0\0\0\x01", "", "");
        assert_eq!(tags.with_nonce("x").to_string(), "<é>");
        let tags = Tags::precomputed("<é><a>", b"\x02\0\0\0\x06\0\0\0", "", "");
        assert_eq!(
            tags.with_nonce("x").to_string(),
            "<é><a nonce=\"x\">",
            "a good offset after a bad one still gets its nonce"
        );
    }
}
