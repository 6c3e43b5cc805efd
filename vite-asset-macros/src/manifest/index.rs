//! Where each entry of a manifest is, found without deserializing it.
//!
//! A pass over the bytes that follows strings and brackets, and nothing more: a
//! value's own syntax is checked when serde_json deserializes it, the first time
//! a call names it. Anything that is not `{ "key": value, … }` gives `None`, and
//! the caller asks serde_json for the exact error.

use std::collections::BTreeMap;
use std::ops::Range;

use serde_json::value::RawValue;

/// Each key of the top-level object, decoded, with the byte range of its value in `text`.
pub fn entries(text: &str) -> Option<Vec<(String, Range<usize>)>> {
    let bytes = text.as_bytes();
    let mut entries = Vec::new();
    let mut at = skip_whitespace(bytes, 0);
    if bytes.get(at) != Some(&b'{') {
        return None;
    }
    at = skip_whitespace(bytes, at + 1);
    if bytes.get(at) == Some(&b'}') {
        return at_end(bytes, at + 1).then_some(entries);
    }
    loop {
        if bytes.get(at) != Some(&b'"') {
            return None;
        }
        let key_end = skip_string(bytes, at)?;
        let key = decode_key(&text[at..key_end])?;
        at = skip_whitespace(bytes, key_end);
        if bytes.get(at) != Some(&b':') {
            return None;
        }
        let value_start = skip_whitespace(bytes, at + 1);
        let value_end = skip_value(bytes, value_start)?;
        if value_end == value_start {
            return None;
        }
        entries.push((key, value_start..value_end));
        at = skip_whitespace(bytes, value_end);
        match bytes.get(at) {
            Some(b',') => at = skip_whitespace(bytes, at + 1),
            Some(b'}') => return at_end(bytes, at + 1).then_some(entries),
            _ => return None,
        }
    }
}

/// The same as [`entries`], read by serde_json: slower, with its error when the text is not JSON.
pub fn entries_by_serde(text: &str) -> Result<Vec<(String, Range<usize>)>, serde_json::Error> {
    let object: BTreeMap<String, &RawValue> = serde_json::from_str(text)?;
    let text_start = text.as_ptr() as usize;
    Ok(object
        .into_iter()
        .map(|(key, value)| {
            let start = value.get().as_ptr() as usize - text_start;
            (key, start..start + value.get().len())
        })
        .collect())
}

/// The index of the first byte at or after `at` that is not JSON whitespace.
pub(super) fn skip_whitespace(bytes: &[u8], mut at: usize) -> usize {
    while at < bytes.len() && matches!(bytes[at], b' ' | b'\n' | b'\r' | b'\t') {
        at += 1;
    }
    at
}

fn at_end(bytes: &[u8], at: usize) -> bool {
    skip_whitespace(bytes, at) == bytes.len()
}

/// The index after the string that starts with the quote at `at`.
fn skip_string(bytes: &[u8], mut at: usize) -> Option<usize> {
    at += 1;
    while at < bytes.len() {
        // Four plain bytes at a time: strings are most of a manifest's bytes. Plain
        // indexing and comparisons, because the unoptimized macro calls a function
        // for anything more (`get`, iterators, helpers).
        while at + 4 <= bytes.len()
            && bytes[at] != b'"'
            && bytes[at] != b'\\'
            && bytes[at + 1] != b'"'
            && bytes[at + 1] != b'\\'
            && bytes[at + 2] != b'"'
            && bytes[at + 2] != b'\\'
            && bytes[at + 3] != b'"'
            && bytes[at + 3] != b'\\'
        {
            at += 4;
        }
        if at >= bytes.len() {
            break;
        }
        match bytes[at] {
            b'"' => return Some(at + 1),
            b'\\' => at += 2,
            _ => at += 1,
        }
    }
    None
}

/// The index after the value that starts at `at`: a string, an object or array
/// with everything in it, or the characters up to the next `,` or `}` (a number,
/// `true` …, left for serde_json to check).
fn skip_value(bytes: &[u8], mut at: usize) -> Option<usize> {
    let start = at;
    // The closing bracket each open object or array expects.
    let mut closers = Vec::new();
    while at < bytes.len() {
        match bytes[at] {
            b'"' => {
                at = skip_string(bytes, at)?;
                if closers.is_empty() {
                    return Some(at);
                }
                continue;
            }
            b'{' => closers.push(b'}'),
            b'[' => closers.push(b']'),
            b'}' | b']' | b',' if closers.is_empty() => {
                // A scalar ends where the object goes on; its trailing whitespace is not in it.
                let mut end = at;
                while end > start && matches!(bytes[end - 1], b' ' | b'\n' | b'\r' | b'\t') {
                    end -= 1;
                }
                return Some(end);
            }
            closer @ (b'}' | b']') => {
                if closers.pop() != Some(closer) {
                    return None;
                }
                if closers.is_empty() {
                    return Some(at + 1);
                }
            }
            _ => {}
        }
        at += 1;
    }
    None
}

/// The key written as the JSON string `quoted`.
fn decode_key(quoted: &str) -> Option<String> {
    let inner = &quoted[1..quoted.len() - 1];
    if inner.contains('\\') {
        serde_json::from_str(quoted).ok()
    } else {
        Some(inner.to_owned())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn keys_and_values(text: &str) -> Option<Vec<(String, &str)>> {
        Some(
            entries(text)?
                .into_iter()
                .map(|(key, range)| (key, &text[range]))
                .collect(),
        )
    }

    #[test]
    fn finds_each_entry_and_its_value() {
        let text = r#" { "a.ts" : {"file": "a-}{.js", "css": ["x\"]"]} ,
            "b\u00e9.ts":{"file":"b.js"}, "n": 12 } "#;
        assert_eq!(
            keys_and_values(text).unwrap(),
            [
                ("a.ts".to_owned(), r#"{"file": "a-}{.js", "css": ["x\"]"]}"#),
                ("bé.ts".to_owned(), r#"{"file":"b.js"}"#),
                ("n".to_owned(), "12"),
            ]
        );
        assert_eq!(keys_and_values("{}").unwrap(), []);
    }

    #[test]
    fn agrees_with_serde_json_on_the_fixtures() {
        for version in ["vite5", "vite8"] {
            let path = format!(
                "{}/../tests/fixtures/{version}/manifest.json",
                env!("CARGO_MANIFEST_DIR")
            );
            let text = std::fs::read_to_string(path).unwrap();
            let mut ours = entries(&text).unwrap();
            ours.sort_by(|a, b| a.0.cmp(&b.0));
            assert_eq!(ours, entries_by_serde(&text).unwrap(), "{version}");
        }
    }

    #[test]
    fn anything_but_an_object_of_entries_is_left_to_serde_json() {
        for text in [
            "",
            "[]",
            "\"manifest\"",
            "{",
            r#"{"a": {"file": "a.js"}"#,
            r#"{"a": {"file": "a.js"}} trailing"#,
            r#"{"a" {"file": "a.js"}}"#,
            r#"{"a": }"#,
            r#"{"a": {"file": "a.js"},}"#,
            r#"{"a": {"file": "a.js"]}"#,
            r#"{"a": "unterminated}"#,
            r#"{a: 1}"#,
            r#"{"\x": 1}"#,
            "{\"a\": 1}\\",
        ] {
            assert_eq!(entries(text), None, "{text:?}");
            assert!(entries_by_serde(text).is_err(), "{text:?}");
        }
    }
}
