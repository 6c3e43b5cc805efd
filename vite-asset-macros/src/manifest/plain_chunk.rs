//! Reading an entry of the shape Vite writes, without serde_json.
//!
//! The macros run unoptimized, and serde_json took about 10 µs for an entry:
//! a `vite_tags!` call reads dozens of them. Vite writes each entry as an object
//! whose values are strings, `true`/`false` and arrays of strings, with no escape
//! in them as a rule; this reader takes exactly that shape and nothing else.
//! Anything else (an escape, a number, `null`, a repeated field, a syntax error)
//! gives `None`, and serde_json reads the entry, with its errors. So whatever
//! this reader returns is what serde_json would return: tests and the fuzz target
//! check it on every entry they read.

use std::ops::Range;

use super::index::skip_whitespace;
use super::Chunk;

/// The chunk that the JSON `text` (one entry's value, no whitespace around it)
/// holds, if it has the plain shape; `None` leaves it to serde_json.
pub fn read(text: &str) -> Option<Chunk> {
    let bytes = text.as_bytes();
    let mut fields = Fields::default();
    if bytes.first() != Some(&b'{') {
        return None;
    }
    let mut at = skip_whitespace(bytes, 1);
    if bytes.get(at) == Some(&b'}') && at + 1 == bytes.len() {
        return fields.into_chunk();
    }
    loop {
        let key = plain_string(bytes, at)?;
        at = skip_whitespace(bytes, key.end + 1);
        if bytes.get(at) != Some(&b':') {
            return None;
        }
        at = skip_whitespace(bytes, at + 1);
        at = fields.read_value(text, &text[key.start..key.end], at)?;
        at = skip_whitespace(bytes, at);
        match bytes.get(at) {
            Some(b',') => at = skip_whitespace(bytes, at + 1),
            Some(b'}') if at + 1 == bytes.len() => return fields.into_chunk(),
            _ => return None,
        }
    }
}

/// The fields of [`Chunk`] read so far.
#[derive(Default)]
struct Fields {
    file: Option<String>,
    is_entry: Option<bool>,
    imports: Option<Vec<String>>,
    css: Option<Vec<String>>,
    integrity: Option<String>,
}

impl Fields {
    /// Reads the value of the field `key` at `at`; the index after it.
    fn read_value(&mut self, text: &str, key: &str, at: usize) -> Option<usize> {
        let bytes = text.as_bytes();
        // serde rejects a repeated field; that error is serde_json's to give.
        match key {
            "file" if self.file.is_none() => {
                let value = plain_string(bytes, at)?;
                self.file = Some(text[value.start..value.end].to_owned());
                Some(value.end + 1)
            }
            "isEntry" if self.is_entry.is_none() => {
                let (value, end) = boolean(bytes, at)?;
                self.is_entry = Some(value);
                Some(end)
            }
            "imports" if self.imports.is_none() => {
                let (values, end) = string_array(text, at)?;
                self.imports = Some(values);
                Some(end)
            }
            "css" if self.css.is_none() => {
                let (values, end) = string_array(text, at)?;
                self.css = Some(values);
                Some(end)
            }
            "integrity" if self.integrity.is_none() => {
                let value = plain_string(bytes, at)?;
                self.integrity = Some(text[value.start..value.end].to_owned());
                Some(value.end + 1)
            }
            "file" | "isEntry" | "imports" | "css" | "integrity" => None,
            // Fields that Chunk does not have (`src`, `name`, `dynamicImports` …),
            // in the shapes Vite writes them.
            _ => match bytes.get(at)? {
                b'"' => Some(plain_string(bytes, at)?.end + 1),
                b'[' => Some(string_array(text, at)?.1),
                _ => Some(boolean(bytes, at)?.1),
            },
        }
    }

    /// The chunk, which must have a `file`.
    fn into_chunk(self) -> Option<Chunk> {
        Some(Chunk {
            file: self.file?,
            is_entry: self.is_entry.unwrap_or_default(),
            imports: self.imports.unwrap_or_default(),
            css: self.css.unwrap_or_default(),
            integrity: self.integrity,
        })
    }
}

/// The contents of the string whose opening quote is at `at` (its closing quote
/// is at the range's end), if it has no escape and no control character.
fn plain_string(bytes: &[u8], at: usize) -> Option<Range<usize>> {
    if bytes.get(at) != Some(&b'"') {
        return None;
    }
    let start = at + 1;
    let mut end = start;
    // Plain indexing: in the unoptimized macro, iterators and `get` are function calls per byte.
    while end < bytes.len() {
        match bytes[end] {
            b'"' => return Some(start..end),
            b'\\' | 0..=0x1f => return None,
            _ => end += 1,
        }
    }
    None
}

/// `true` or `false` at `at`, and the index after it.
fn boolean(bytes: &[u8], at: usize) -> Option<(bool, usize)> {
    let rest = bytes.get(at..)?;
    if rest.starts_with(b"true") {
        Some((true, at + 4))
    } else if rest.starts_with(b"false") {
        Some((false, at + 5))
    } else {
        None
    }
}

/// The array of plain strings that starts at `at`, and the index after it.
fn string_array(text: &str, at: usize) -> Option<(Vec<String>, usize)> {
    let bytes = text.as_bytes();
    if bytes.get(at) != Some(&b'[') {
        return None;
    }
    let mut values = Vec::new();
    let mut at = skip_whitespace(bytes, at + 1);
    if bytes.get(at) == Some(&b']') {
        return Some((values, at + 1));
    }
    loop {
        let value = plain_string(bytes, at)?;
        values.push(text[value.start..value.end].to_owned());
        at = skip_whitespace(bytes, value.end + 1);
        match bytes.get(at)? {
            b',' => at = skip_whitespace(bytes, at + 1),
            b']' => return Some((values, at + 1)),
            _ => return None,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn by_serde(text: &str) -> Result<Chunk, String> {
        serde_json::from_str(text).map_err(|error| error.to_string())
    }

    #[test]
    fn reads_the_entries_vite_writes() {
        for text in [
            r#"{"file": "bundled/a-1.js", "name": "a", "src": "a.ts", "isEntry": true,
                "imports": ["_b.js", "_c.js"], "dynamicImports": ["d.ts"], "css": ["c.css"],
                "assets": [], "names": ["a.png"], "isDynamicEntry": false}"#,
            r#"{"file":"c.css","src":"c.css","integrity":"sha384-abc"}"#,
            "{\n  \"file\": \"x.js\",\n  \"imports\": [\n    \"_y.js\"\n  ]\n}",
        ] {
            let chunk = read(text).unwrap_or_else(|| panic!("refused {text}"));
            assert_eq!(Ok(chunk), by_serde(text), "{text}");
        }
    }

    #[test]
    fn leaves_anything_else_to_serde_json() {
        for text in [
            r#"{}"#,
            r#"{"name": "no file"}"#,
            r#"{"file": "a\"b.js"}"#,
            r#"{"file": "a\u0062.js"}"#,
            "{\"file\": \"tab\there.js\"}",
            r#"{"file": "a.js", "file": "b.js"}"#,
            r#"{"file": "a.js", "isEntry": null}"#,
            r#"{"file": "a.js", "isEntry": 1}"#,
            r#"{"file": "a.js", "imports": "_b.js"}"#,
            r#"{"file": "a.js", "imports": ["_b.js",]}"#,
            r#"{"file": "a.js", "integrity": null}"#,
            r#"{"file": "a.js", "size": 12}"#,
            r#"{"file": "a.js", "meta": {}}"#,
            r#"{"file": "a.js",}"#,
            r#"{"file": "a.js"} "#,
            r#"{"file": "a.js"}}"#,
            r#"["a.js"]"#,
            r#"{"file": "a.js", "isEntry": truex}"#,
        ] {
            assert_eq!(read(text), None, "{text}");
        }
    }
}
