//! [`Content`]: a built file's contents, from [`vite_content!`](crate::vite_content).

use std::fmt;
use std::ops::Deref;

/// The contents of a built file, read at compile time by
/// [`vite_content!`](crate::vite_content), with the hash that a strict
/// Content-Security-Policy needs to allow them inline.
///
/// It is [`Display`](fmt::Display) and a `&str`; with the `askama` feature,
/// askama writes it as it is, without the `|safe` filter (CSS escaped as
/// HTML would be broken CSS).
///
/// ```
/// const CRITICAL: vite_asset::Content = vite_asset::vite_content!("theme.css");
/// # if !vite_asset::DEV {
/// assert!(CRITICAL.as_str().contains("--brand"));
/// assert!(CRITICAL.csp_hash().starts_with("'sha256-"));
/// # }
/// let head = format!("<style>{CRITICAL}</style>");
/// let policy = format!("style-src {}", CRITICAL.csp_hash());
/// # let _ = (head, policy);
/// ```
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Content {
    text: &'static str,
    csp_hash: &'static str,
}

impl Content {
    /// The expansion of `vite_content!`.
    pub(crate) const fn new(text: &'static str, csp_hash: &'static str) -> Self {
        Content { text, csp_hash }
    }

    /// The file's text, byte for byte as Vite built it.
    pub const fn as_str(&self) -> &'static str {
        self.text
    }

    /// The Content-Security-Policy source that allows the text as the body of
    /// an inline element: `'sha256-…'`, for `style-src` (a `<style>`) or
    /// `script-src` (a `<script>`) without a nonce.
    pub const fn csp_hash(&self) -> &'static str {
        self.csp_hash
    }
}

impl Deref for Content {
    type Target = str;

    fn deref(&self) -> &str {
        self.text
    }
}

impl AsRef<str> for Content {
    fn as_ref(&self) -> &str {
        self.text
    }
}

impl fmt::Display for Content {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.text)
    }
}

#[cfg(feature = "askama")]
impl askama::filters::HtmlSafe for Content {}
