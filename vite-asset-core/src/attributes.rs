//! [`Attributes`]: what a call or a build adds to its tags, such as
//! `data-turbo-track="reload"` on the scripts or `media="print"` on the
//! stylesheets. Checked once, here, for `vite_tags!`'s `attrs(…)`, the build's
//! `attrs` in `[package.metadata.vite]` and the template functions' `attrs=`.

use std::borrow::Cow;
use std::fmt::Write;

use crate::diagnostic::Diagnostic;
use crate::escape;
pub use crate::html::FileTag;

/// The tags that attributes can be given to, by the names that `attrs(…)`,
/// Cargo.toml and the template functions spell them.
pub const TARGETS: [(&str, FileTag); 4] = [
    ("script", FileTag::Script),
    ("stylesheet", FileTag::Stylesheet),
    ("modulepreload", FileTag::Preload),
    ("prefetch", FileTag::Prefetch),
];

/// The attributes that vite-asset writes itself, each with the reason a
/// caller cannot set it.
const WRITTEN_BY_VITE_ASSET: [(&str, &str); 8] = [
    ("src", "it is the built file's URL, from the manifest"),
    ("href", "it is the built file's URL, from the manifest"),
    (
        "rel",
        "it says what the tag is for (`stylesheet`, `modulepreload`, `prefetch`), from the import graph",
    ),
    ("type", "an entry's script is a module script, as Vite builds it"),
    ("as", "a preload's destination comes from the built file's type"),
    (
        "integrity",
        "it is the built file's hash: turn on the `integrity` option instead",
    ),
    (
        "nonce",
        "it is the page's per-request nonce: pass it with `with_nonce(…)` or `nonce=` when the page is rendered",
    ),
    (
        "crossorigin",
        "every tag has `crossorigin` already, as Vite writes it, so that the browser reuses the \
         early fetch of the `Link` header and of Vite's own preloads",
    ),
];

/// The attributes that change how a browser fetches a file and that a `Link`
/// header can carry too: the header's early fetch agrees with the tag's.
const FETCH_ATTRIBUTES: [&str; 3] = ["fetchpriority", "media", "referrerpolicy"];

/// The values `fetchpriority` takes; any other is ignored by browsers.
const FETCH_PRIORITIES: [&str; 3] = ["high", "low", "auto"];

/// The part of an attribute that a mistake is in, so that a caller can point at it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum AttributePart {
    /// The kind of tag (`script`, …).
    Target,
    /// The attribute's name.
    Name,
    /// Its value.
    Value,
}

/// An attribute that a tag cannot be given: the message says why and how to
/// fix it, and [`part`](Self::part) which part of it is wrong.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AttributeError {
    part: AttributePart,
    diagnostic: Diagnostic,
}

impl AttributeError {
    /// Which part of the attribute is wrong.
    pub fn part(&self) -> AttributePart {
        self.part
    }
}

impl std::fmt::Display for AttributeError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        std::fmt::Display::fmt(&self.diagnostic, f)
    }
}

/// The message is the whole story: an `AttributeError` has no cause of its own.
impl std::error::Error for AttributeError {}

impl From<AttributeError> for Diagnostic {
    fn from(error: AttributeError) -> Diagnostic {
        error.diagnostic
    }
}

/// How a map of attributes is written where a map literal exists (minijinja,
/// JSON), for the messages about one.
pub const MAP_USAGE: &str =
    r#"attrs={"script": {"data-turbo-track": "reload"}, "stylesheet": {"media": "print"}}"#;

/// An attribute's value as a map gives it (Cargo.toml, a template's `attrs`):
/// a string, a flag (`true` for an attribute without a value, `false` for
/// none at all), or anything else, shown as its source shows it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum GivenValue<'a> {
    /// The attribute's value.
    Text(&'a str),
    /// `true`: the attribute alone; `false`: no attribute.
    Flag(bool),
    /// Neither: a mistake, as its source writes it.
    Other(&'a str),
}

/// One attribute of one kind of tag.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Attribute {
    /// The tags it goes on.
    pub tag: FileTag,
    /// Its name, checked by [`Attributes::add`].
    pub name: Cow<'static, str>,
    /// Its value, unescaped; `None` for a bare attribute (`async`).
    pub value: Option<Cow<'static, str>>,
}

/// The attributes a call's tags carry beyond vite-asset's own, by kind of tag,
/// each name checked: an invalid name, one that vite-asset writes itself
/// (`src`, `integrity`, …) or a `fetchpriority` that browsers would ignore is
/// an error that says why.
///
/// ```
/// use vite_asset_core::attributes::Attributes;
///
/// let mut attributes = Attributes::default();
/// attributes.add("script", "data-turbo-track", Some("reload"))?;
/// attributes.add("stylesheet", "media", Some("print"))?;
/// let error = attributes.add("script", "src", Some("/x.js")).unwrap_err();
/// assert!(error.to_string().contains("vite-asset writes `src` itself"), "{error}");
/// assert_eq!(error.part(), vite_asset_core::attributes::AttributePart::Name);
/// # Ok::<(), vite_asset_core::attributes::AttributeError>(())
/// ```
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Attributes {
    list: Cow<'static, [Attribute]>,
}

/// The text that one kind of tag gets: its attributes, written and escaped
/// (` data-turbo-track="reload"`), and their parameters in the `Link` header
/// (`; fetchpriority="high"`).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct WrittenAttributes {
    /// Inserted at the end of the tag's start tag.
    pub html: String,
    /// Appended to the tag's `Link` value.
    pub link: String,
}

impl Attributes {
    /// Attributes that were checked when they were written down (by
    /// `vite_manifest!()`, from the build's configuration).
    pub const fn checked(list: &'static [Attribute]) -> Attributes {
        Attributes {
            list: Cow::Borrowed(list),
        }
    }

    /// Whether there is none.
    pub fn is_empty(&self) -> bool {
        self.list.is_empty()
    }

    /// Every attribute, in the order given.
    pub fn iter(&self) -> impl Iterator<Item = &Attribute> {
        self.list.iter()
    }

    /// Adds the attribute `name` (with `value`, or bare for `None`) to the
    /// tags `target` names (`script`, `stylesheet`, `modulepreload` or
    /// `prefetch`).
    ///
    /// # Errors
    ///
    /// A target that is none of those, a name that is not an attribute name,
    /// one that vite-asset writes itself, one given twice for the same tags,
    /// or a `fetchpriority` other than `high`, `low` or `auto`; each says why
    /// and how to fix it.
    pub fn add(
        &mut self,
        target: &str,
        name: &str,
        value: Option<&str>,
    ) -> Result<(), AttributeError> {
        let at = |part| move |diagnostic| AttributeError { part, diagnostic };
        let tag = tag_of(target).map_err(at(AttributePart::Target))?;
        check_name(name).map_err(at(AttributePart::Name))?;
        if self
            .iter()
            .any(|given| given.tag == tag && given.name.eq_ignore_ascii_case(name))
        {
            let error = Diagnostic::new(format!(
                "the attribute `{name}` is given twice for `{target}`"
            ))
            .fix("give it once");
            return Err(at(AttributePart::Name)(error));
        }
        check_value(name, value).map_err(at(AttributePart::Value))?;
        self.list.to_mut().push(Attribute {
            tag,
            name: Cow::Owned(name.to_owned()),
            value: value.map(|value| Cow::Owned(value.to_owned())),
        });
        Ok(())
    }

    /// [`add`](Self::add)s the attribute `name` as a map gives it: a string
    /// is its value, `true` makes it an attribute without a value, `false`
    /// leaves it out.
    ///
    /// ```
    /// use vite_asset_core::attributes::{Attributes, GivenValue};
    /// use vite_asset_core::html::FileTag;
    ///
    /// let mut attributes = Attributes::default();
    /// attributes.add_given("script", "defer", GivenValue::Flag(true))?;
    /// attributes.add_given("script", "async", GivenValue::Flag(false))?;
    /// assert_eq!(attributes.written(FileTag::Script).html, " defer");
    /// let error = attributes.add_given("script", "x", GivenValue::Other("1")).unwrap_err();
    /// assert!(error.to_string().contains("a string, or `true` alone"), "{error}");
    /// # Ok::<(), vite_asset_core::attributes::AttributeError>(())
    /// ```
    ///
    /// # Errors
    ///
    /// As [`add`](Self::add)'s, and a value that is neither a string nor a flag.
    pub fn add_given(
        &mut self,
        target: &str,
        name: &str,
        value: GivenValue<'_>,
    ) -> Result<(), AttributeError> {
        match value {
            GivenValue::Text(text) => self.add(target, name, Some(text)),
            GivenValue::Flag(true) => self.add(target, name, None),
            GivenValue::Flag(false) => Ok(()),
            GivenValue::Other(shown) => Err(AttributeError {
                part: AttributePart::Value,
                diagnostic: Diagnostic::new(format!(
                    "the value of `{name}` is a string, or `true` alone for an attribute \
                     without a value, not `{shown}`"
                ))
                .fix(format!("write it as in `{MAP_USAGE}`")),
            }),
        }
    }

    /// These attributes with `call`'s over them: a call's attribute replaces
    /// the build's of the same tags and name, and adds to the others.
    ///
    /// ```
    /// use vite_asset_core::attributes::Attributes;
    ///
    /// let mut build = Attributes::default();
    /// build.add("script", "data-turbo-track", Some("reload"))?;
    /// build.add("script", "fetchpriority", Some("low"))?;
    /// let mut call = Attributes::default();
    /// call.add("script", "fetchpriority", Some("high"))?;
    /// let script = build.merged(&call).written(vite_asset_core::html::FileTag::Script);
    /// assert_eq!(script.html, r#" data-turbo-track="reload" fetchpriority="high""#);
    /// # Ok::<(), vite_asset_core::attributes::AttributeError>(())
    /// ```
    pub fn merged<'a>(&'a self, call: &'a Attributes) -> Cow<'a, Attributes> {
        if call.is_empty() {
            return Cow::Borrowed(self);
        }
        if self.is_empty() {
            return Cow::Borrowed(call);
        }
        let kept = self.iter().filter(|build| {
            !call
                .iter()
                .any(|given| given.tag == build.tag && given.name.eq_ignore_ascii_case(&build.name))
        });
        Cow::Owned(Attributes {
            list: Cow::Owned(kept.chain(call.iter()).cloned().collect()),
        })
    }

    /// Whether none goes on the tags `tag`.
    pub fn none_for(&self, tag: FileTag) -> bool {
        self.iter().all(|attribute| attribute.tag != tag)
    }

    /// The text that the tags `tag` get, escaped.
    pub fn written(&self, tag: FileTag) -> WrittenAttributes {
        let mut written = WrittenAttributes::default();
        for attribute in self.iter().filter(|attribute| attribute.tag == tag) {
            written.html.push(' ');
            written.html.push_str(&attribute.name);
            let Some(value) = &attribute.value else {
                continue;
            };
            written.html.push_str("=\"");
            // Writing to a String cannot fail.
            let _ = escape::write_attribute(&mut written.html, value);
            written.html.push('"');
            let lowercase = attribute.name.to_ascii_lowercase();
            if FETCH_ATTRIBUTES.contains(&lowercase.as_str()) {
                let _ = write!(written.link, "; {lowercase}=");
                escape::write_quoted_string(&mut written.link, value);
            }
        }
        written
    }
}

/// The tags that `target` names.
fn tag_of(target: &str) -> Result<FileTag, Diagnostic> {
    TARGETS
        .iter()
        .find(|(name, _)| *name == target)
        .map(|(_, tag)| *tag)
        .ok_or_else(|| {
            let targets: Vec<&str> = TARGETS.iter().map(|(name, _)| *name).collect();
            Diagnostic::new(format!("`{target}` is not a kind of tag that takes attributes"))
                .fix(format!(
                    "name the tags: `{}`, as in `attrs(script = {{ \"data-turbo-track\" = \"reload\" }})`",
                    targets.join("`, `")
                ))
        })
}

/// An attribute name that HTML reads as one name, and that vite-asset does not write itself.
fn check_name(name: &str) -> Result<(), Diagnostic> {
    let mut chars = name.chars();
    let valid = chars
        .next()
        .is_some_and(|first| first.is_ascii_alphabetic())
        && chars.all(|c| c.is_ascii_alphanumeric() || matches!(c, '-' | '_' | '.' | ':'));
    if !valid {
        return Err(Diagnostic::new(format!("`{name}` is not an attribute name")).fix(
            "write a name of ASCII letters, digits, `-`, `_`, `.` and `:`, starting with a letter, \
             such as `data-turbo-track`",
        ));
    }
    let lowercase = name.to_ascii_lowercase();
    if let Some((written, why)) = WRITTEN_BY_VITE_ASSET
        .iter()
        .find(|(written, _)| *written == lowercase)
    {
        return Err(
            Diagnostic::new(format!("vite-asset writes `{written}` itself: {why}"))
                .fix(format!("remove `{name}` from the attributes")),
        );
    }
    Ok(())
}

/// A value that browsers act on, for the attributes whose values are a list;
/// one that a `Link` header can carry, for those that go into it.
fn check_value(name: &str, value: Option<&str>) -> Result<(), Diagnostic> {
    let lowercase = name.to_ascii_lowercase();
    if let (true, Some(value)) = (FETCH_ATTRIBUTES.contains(&lowercase.as_str()), value) {
        if !value.chars().all(|c| c == ' ' || c.is_ascii_graphic()) {
            return Err(Diagnostic::new(format!(
                "the value of `{name}` goes into the `Link` header too, which holds printable ASCII only, not `{}`",
                value.escape_debug()
            ))
            .fix("write it with letters, digits, spaces and punctuation, and no line break"));
        }
    }
    if lowercase != "fetchpriority" {
        return Ok(());
    }
    match value {
        Some(value) if FETCH_PRIORITIES.contains(&value) => Ok(()),
        _ => Err(Diagnostic::new(format!(
            "`fetchpriority` is `high`, `low` or `auto`, not {}: browsers ignore any other value",
            value.map_or("bare".to_owned(), |value| format!("`{value}`"))
        ))
        .fix("write `fetchpriority = \"high\"`")),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn one(target: &str, name: &str, value: Option<&str>) -> Result<Attributes, String> {
        let mut attributes = Attributes::default();
        attributes
            .add(target, name, value)
            .map(|()| attributes)
            .map_err(|error| error.to_string())
    }

    #[test]
    fn values_are_escaped_and_fetch_attributes_go_into_the_link_header() {
        let mut attributes = one("script", "data-x", Some("a\"<b>&")).unwrap();
        attributes.add("script", "async", None).unwrap();
        attributes
            .add("stylesheet", "media", Some("print and \"x\""))
            .unwrap();
        attributes
            .add("script", "fetchpriority", Some("high"))
            .unwrap();
        let script = attributes.written(FileTag::Script);
        assert_eq!(
            script.html,
            " data-x=\"a&quot;&lt;b&gt;&amp;\" async fetchpriority=\"high\""
        );
        assert_eq!(script.link, "; fetchpriority=\"high\"");
        let stylesheet = attributes.written(FileTag::Stylesheet);
        assert_eq!(stylesheet.html, " media=\"print and &quot;x&quot;\"");
        assert_eq!(stylesheet.link, "; media=\"print and \\\"x\\\"\"");
        assert_eq!(
            attributes.written(FileTag::Preload),
            WrittenAttributes::default()
        );
    }

    #[test]
    fn every_mistake_says_why() {
        let cases = [
            (
                "scripts",
                "data-x",
                Some("1"),
                "`scripts` is not a kind of tag",
            ),
            (
                "script",
                "data x",
                Some("1"),
                "`data x` is not an attribute name",
            ),
            ("script", "", Some("1"), "`` is not an attribute name"),
            ("script", "-x", Some("1"), "is not an attribute name"),
            ("script", "a\"b", Some("1"), "is not an attribute name"),
            ("script", "a>b", None, "is not an attribute name"),
            ("script", "SRC", Some("x"), "vite-asset writes `src` itself"),
            ("stylesheet", "href", Some("x"), "the built file's URL"),
            (
                "script",
                "integrity",
                Some("x"),
                "turn on the `integrity` option",
            ),
            ("script", "nonce", Some("x"), "per-request nonce"),
            ("script", "crossorigin", None, "`crossorigin` already"),
            ("modulepreload", "rel", Some("x"), "writes `rel` itself"),
            ("script", "type", Some("text/javascript"), "module script"),
            ("script", "fetchpriority", Some("hihg"), "not `hihg`"),
            ("script", "fetchpriority", None, "not bare"),
            (
                "stylesheet",
                "media",
                Some("print\r\nX: y"),
                "printable ASCII only",
            ),
        ];
        for (target, name, value, expected) in cases {
            let error = one(target, name, value).unwrap_err();
            assert!(error.contains(expected), "{name}: {error}");
            assert!(error.contains("to fix:"), "{name}: {error}");
        }
        let mut twice = one("script", "data-x", Some("1")).unwrap();
        let error = twice.add("script", "data-x", Some("2")).unwrap_err();
        assert!(error.to_string().contains("given twice"), "{error}");
        let error = twice.add("script", "DATA-X", Some("2")).unwrap_err();
        assert!(
            error.to_string().contains("given twice"),
            "HTML names ignore case: {error}"
        );
        assert_eq!(error.part(), AttributePart::Name);
        twice.add("stylesheet", "data-x", Some("2")).unwrap();
    }

    #[test]
    fn a_call_replaces_the_build_s_attribute_of_the_same_name_and_tags() {
        let mut build = one("script", "data-turbo-track", Some("reload")).unwrap();
        build.add("stylesheet", "media", Some("print")).unwrap();
        let call = one("stylesheet", "Media", Some("screen")).unwrap();
        let merged = build.merged(&call);
        assert_eq!(
            merged.written(FileTag::Stylesheet).html,
            " Media=\"screen\"",
            "the call's, whatever the case of its name"
        );
        assert_eq!(
            merged.written(FileTag::Stylesheet).link,
            "; media=\"screen\""
        );
        assert_eq!(
            merged.written(FileTag::Script).html,
            " data-turbo-track=\"reload\""
        );
        assert_eq!(*build.merged(&Attributes::default()), build);
        assert_eq!(*Attributes::default().merged(&call), call);
    }
}
