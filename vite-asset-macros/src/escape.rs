//! Escaping what goes into a URL path and into an HTML attribute value.

use std::fmt::Write;

/// `path` with every byte that may not appear in a URL path percent-encoded:
/// a file named `a b#1.js` is served at `a%20b%231.js`. Letters, digits, `/`
/// and the punctuation that RFC 3986 allows in a path segment stay as they are.
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
#[cfg(test)]
pub fn attribute(value: &str) -> String {
    let mut escaped = String::with_capacity(value.len());
    push_attribute(&mut escaped, value);
    escaped
}

/// Appends `value` to `html`, escaped for a double-quoted HTML attribute.
/// Byte by byte, copying the runs between the characters to escape: the
/// characters are ASCII, and no byte of a multi-byte character is ASCII.
pub fn push_attribute(html: &mut String, value: &str) {
    let bytes = value.as_bytes();
    let mut copied = 0;
    let mut at = 0;
    while at < bytes.len() {
        let entity = match bytes[at] {
            b'&' => "&amp;",
            b'"' => "&quot;",
            b'\'' => "&#39;",
            b'<' => "&lt;",
            b'>' => "&gt;",
            _ => {
                at += 1;
                continue;
            }
        };
        html.push_str(&value[copied..at]);
        html.push_str(entity);
        at += 1;
        copied = at;
    }
    html.push_str(&value[copied..]);
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
