//! Escaping what goes into a URL path and into an HTML attribute value.

use std::fmt::Write;

/// `path` with every byte that may not appear in a URL path percent-encoded:
/// a file named `a b#1.js` is served at `a%20b%231.js`. Letters, digits, `/`
/// and the punctuation that RFC 3986 allows in a path segment stay as they are.
///
/// ```
/// assert_eq!(vite_asset_core::escape::url_path("assets/a b#1.js"), "assets/a%20b%231.js");
/// ```
pub fn url_path(path: &str) -> String {
    let mut encoded = String::with_capacity(path.len());
    for byte in path.bytes() {
        let keep = byte.is_ascii_alphanumeric()
            || matches!(
                byte,
                b'/' | b'-'
                    | b'.'
                    | b'_'
                    | b'~'
                    | b'!'
                    | b'$'
                    | b'&'
                    | b'\''
                    | b'('
                    | b')'
                    | b'*'
                    | b'+'
                    | b','
                    | b';'
                    | b'='
                    | b':'
                    | b'@'
            );
        if keep {
            encoded.push(char::from(byte));
        } else {
            // Writing to a String cannot fail.
            let _ = write!(encoded, "%{byte:02X}");
        }
    }
    encoded
}

/// `value` escaped for a double-quoted HTML attribute (and for text).
///
/// ```
/// assert_eq!(vite_asset_core::escape::attribute(r#"a"b<c>&'"#), "a&quot;b&lt;c&gt;&amp;&#39;");
/// ```
pub fn attribute(value: &str) -> String {
    let mut escaped = String::with_capacity(value.len());
    // Writing to a String cannot fail.
    let _ = write_attribute(&mut escaped, value);
    escaped
}

/// Writes `value` to `out`, escaped for a double-quoted HTML attribute: the
/// runs between the characters to escape are written as they are.
pub(crate) fn write_attribute(out: &mut impl Write, value: &str) -> std::fmt::Result {
    let mut rest = value;
    while let Some(special) = rest.find(['&', '"', '\'', '<', '>']) {
        out.write_str(&rest[..special])?;
        out.write_str(match rest.as_bytes()[special] {
            b'&' => "&amp;",
            b'"' => "&quot;",
            b'\'' => "&#39;",
            b'<' => "&lt;",
            _ => "&gt;",
        })?;
        rest = &rest[special + 1..];
    }
    out.write_str(rest)
}

/// Appends `value` to `out` as a quoted-string of RFC 9110 (a `Link` header's
/// parameter): in double quotes, with `"` and `\` escaped by `\`. The value
/// must hold no control character, which no quoted-string can carry.
pub(crate) fn write_quoted_string(out: &mut String, value: &str) {
    out.push('"');
    for c in value.chars() {
        if matches!(c, '"' | '\\') {
            out.push('\\');
        }
        out.push(c);
    }
    out.push('"');
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn url_paths_encode_what_a_path_cannot_hold() {
        assert_eq!(
            url_path("bundled/main-BlblHtZJ.js"),
            "bundled/main-BlblHtZJ.js"
        );
        assert_eq!(
            url_path("a b#c?d%e\"f<g>.js"),
            "a%20b%23c%3Fd%25e%22f%3Cg%3E.js"
        );
        assert_eq!(url_path("café.js"), "caf%C3%A9.js");
        assert_eq!(url_path("@vite/client"), "@vite/client");
    }

    #[test]
    fn attributes_escape_markup() {
        assert_eq!(
            attribute(r#"/a?x=1&y="2"<'3'>"#),
            "/a?x=1&amp;y=&quot;2&quot;&lt;&#39;3&#39;&gt;"
        );
        assert_eq!(attribute("plain"), "plain");
        assert_eq!(attribute("é<ü>&"), "é&lt;ü&gt;&amp;");
        assert_eq!(attribute(""), "");
    }
}
