//! Parses the HTML that [`Html`] writes, strictly, for the property tests
//! and the fuzz target: a tag that a browser could read differently from what
//! was meant (an unescaped `"`, `<` or `&` in a value, a stray character
//! between attributes) is an error here.

use vite_asset_core::Html;

/// One element: its name and its attributes, with values unescaped.
#[derive(Debug, PartialEq)]
pub struct Tag {
    pub name: String,
    pub attributes: Vec<(String, Option<String>)>,
}

impl Tag {
    /// The unescaped value of `attribute`, if the tag has it with a value.
    pub fn value(&self, attribute: &str) -> Option<&str> {
        self.attributes
            .iter()
            .find(|(name, _)| name == attribute)
            .and_then(|(_, value)| value.as_deref())
    }
}

/// The elements of `html`, one per line; an error says what is malformed and where.
/// The nonce offsets must point just after each element's name.
pub fn parse(html: &Html) -> Result<Vec<Tag>, String> {
    let mut tags = Vec::new();
    let mut line_start = 0;
    for line in html.text.split('\n') {
        let tag = read_element(line).map_err(|error| format!("{error} in {line:?}"))?;
        let nonce_at = line_start + 1 + tag.name.len();
        if html.nonce_at.get(tags.len()) != Some(&nonce_at) {
            return Err(format!(
                "nonce offset {:?} of {line:?} should be {nonce_at}",
                html.nonce_at.get(tags.len())
            ));
        }
        line_start += line.len() + 1;
        tags.push(tag);
    }
    if html.nonce_at.len() != tags.len() {
        return Err(format!(
            "{} nonce offsets for {} tags",
            html.nonce_at.len(),
            tags.len()
        ));
    }
    Ok(tags)
}

fn read_element(line: &str) -> Result<Tag, String> {
    let rest = line.strip_prefix('<').ok_or("no `<`")?;
    let name_end = rest.find([' ', '>']).ok_or("no `>`")?;
    let name = &rest[..name_end];
    if !matches!(name, "link" | "script") {
        return Err(format!("unexpected element `{name}`"));
    }
    let mut rest = &rest[name_end..];
    let mut attributes = Vec::new();
    while let Some(after_space) = rest.strip_prefix(' ') {
        let name_end = after_space
            .find(|c: char| !(c.is_ascii_lowercase() || c == '-'))
            .ok_or("attribute runs to the end")?;
        let attribute = &after_space[..name_end];
        if attribute.is_empty() {
            return Err("empty attribute name".to_owned());
        }
        rest = &after_space[name_end..];
        let value = match rest.strip_prefix("=\"") {
            Some(quoted) => {
                let end = quoted.find('"').ok_or("unterminated value")?;
                rest = &quoted[end + 1..];
                Some(unescape(&quoted[..end])?)
            }
            None => None,
        };
        attributes.push((attribute.to_owned(), value));
    }
    let rest = rest.strip_prefix('>').ok_or("junk between attributes")?;
    let closing = match name {
        "script" => "</script>",
        _ => "",
    };
    if rest != closing {
        return Err(format!("after the tag: {rest:?}, expected {closing:?}"));
    }
    Ok(Tag {
        name: name.to_owned(),
        attributes,
    })
}

/// A double-quoted attribute value, unescaped; only the entities that
/// [`vite_asset_core::escape::attribute`] writes are allowed, and no raw markup.
fn unescape(value: &str) -> Result<String, String> {
    const ENTITIES: [(&str, char); 5] = [
        ("&amp;", '&'),
        ("&quot;", '"'),
        ("&#39;", '\''),
        ("&lt;", '<'),
        ("&gt;", '>'),
    ];
    let mut unescaped = String::with_capacity(value.len());
    let mut rest = value;
    while let Some(c) = rest.chars().next() {
        if matches!(c, '<' | '>' | '\'') {
            return Err(format!("raw {c:?} in a value"));
        }
        if c == '&' {
            let (entity, decoded) = ENTITIES
                .iter()
                .find(|(entity, _)| rest.starts_with(entity))
                .ok_or("raw `&` in a value")?;
            unescaped.push(*decoded);
            rest = &rest[entity.len()..];
        } else {
            unescaped.push(c);
            rest = &rest[c.len_utf8()..];
        }
    }
    Ok(unescaped)
}

/// `url` with its percent-escapes decoded, when they decode to UTF-8.
pub fn percent_decode(url: &str) -> Option<String> {
    let bytes = url.as_bytes();
    let mut decoded = Vec::with_capacity(bytes.len());
    let mut at = 0;
    while at < bytes.len() {
        if bytes[at] == b'%' {
            let hex = url.get(at + 1..at + 3)?;
            decoded.push(u8::from_str_radix(hex, 16).ok()?);
            at += 3;
        } else {
            decoded.push(bytes[at]);
            at += 1;
        }
    }
    String::from_utf8(decoded).ok()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_what_html_writes_and_refuses_raw_markup() {
        let mut html = Html::default();
        html.stylesheet("/a\"b<c>&'.css", None, true);
        html.module_script("/main.js", Some("sha384-abc"), false);
        let tags = parse(&html).unwrap();
        assert_eq!(tags[0].value("href"), Some("/a\"b<c>&'.css"));
        assert_eq!(tags[0].attributes[1], ("crossorigin".to_owned(), None));
        assert_eq!(tags[1].value("integrity"), Some("sha384-abc"));

        for broken in [
            "<link href=\"a\"b\">",
            "<link href=\"a<b\">",
            "<link href=\"a&b\">",
            "<script src=\"a\">",
            "<link  href=\"a\">",
            "<div>",
        ] {
            let html = Html {
                text: broken.to_owned(),
                nonce_at: vec![broken.find(' ').unwrap_or(4)],
                ..Html::default()
            };
            assert!(parse(&html).is_err(), "{broken}");
        }
    }

    #[test]
    fn percent_decoding() {
        assert_eq!(percent_decode("a%20b%C3%A9").as_deref(), Some("a bé"));
        assert_eq!(percent_decode("a%2"), None);
        assert_eq!(percent_decode("%FF"), None);
    }
}
