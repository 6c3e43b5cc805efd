//! The one writer of a page's production tags, and the options of a call:
//! what `vite_tags!` runs at compile time and the table of `vite_manifest!()`
//! at run time, so that both write the same tags in the same order.

use std::collections::HashSet;
use std::hash::Hash;

use crate::attributes::Attributes;
use crate::html::{FileTag, Html, WrittenTag};
use crate::needed::Needed;

/// What a call adds to its tags beyond the files the page needs, each `None`
/// (or empty) to follow the build's setting in `[package.metadata.vite]`. One
/// type for every caller: `vite_tags!`'s options
/// (`vite_tags!("main.ts", integrity, attrs(script = { "data-turbo-track" = "reload" }))`),
/// the template functions' keyword arguments of the same names
/// (`integrity=true`, `attrs={"script": {"data-turbo-track": "reload"}}`), and
/// `ViteManifest::tags` at run time.
///
/// ```
/// use vite_asset_core::compose::TagOptions;
///
/// let mut options = TagOptions::default();
/// assert!(options.set("prefetch", true));
/// assert!(!options.set("preload", true), "not an option");
/// assert_eq!(options.resolved(true, false), (true, true), "integrity from the build");
/// options.attributes.add("script", "data-turbo-track", Some("reload"))?;
/// # Ok::<(), vite_asset_core::attributes::AttributeError>(())
/// ```
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct TagOptions {
    /// Subresource integrity on each tag (ignored in development).
    pub integrity: Option<bool>,
    /// `<link rel="prefetch">` for what the entries' lazy imports load, after
    /// the module preloads (ignored in development).
    pub prefetch: Option<bool>,
    /// Attributes for each kind of tag (`attrs`), over the build's own.
    pub attributes: Attributes,
}

impl TagOptions {
    /// The on/off options' names, as the macros and the template functions spell them.
    pub const NAMES: [&'static str; 2] = ["integrity", "prefetch"];

    /// The name of the attributes' option, as the macros and the template functions spell it.
    pub const ATTRIBUTES: &'static str = "attrs";

    /// Sets the option `name` to `value`; `false` for a name that is none of [`NAMES`](Self::NAMES).
    pub fn set(&mut self, name: &str, value: bool) -> bool {
        match name {
            "integrity" => self.integrity = Some(value),
            "prefetch" => self.prefetch = Some(value),
            _ => return false,
        }
        true
    }

    /// `integrity` and `prefetch`, each given or the build's.
    pub fn resolved(&self, integrity: bool, prefetch: bool) -> (bool, bool) {
        (
            self.integrity.unwrap_or(integrity),
            self.prefetch.unwrap_or(prefetch),
        )
    }
}

/// The one composition of a page's production tags, for `vite_tags!` at
/// compile time and for the run-time table alike, whatever a file is named
/// by (a path, an index into a table) and wherever its tag comes from (`write`
/// appends it to the `Html`): Vite 8's import map first, because modules
/// import each other by names that only it resolves; then each stylesheet,
/// script and module preload of `needed`; then `prefetches`, each entry's in
/// turn, each file once and none that the page loads already. Each tag gets
/// the `attributes` of its kind.
///
/// ```
/// use vite_asset_core::html::{FileTag, Html};
/// use vite_asset_core::{compose, Needed};
///
/// let needed = Needed { stylesheets: vec!["a.css"], scripts: vec!["a.js"], preloads: vec![] };
/// let attributes = Default::default();
/// let html = compose::compose(None, &needed, ["lazy.js", "a.js", "lazy.js"], &attributes, |html, file, tag| {
///     html.file(tag, &format!("/assets/{file}"), None);
///     Ok::<_, ()>(())
/// })?;
/// assert_eq!(
///     html.text,
///     "<link rel=\"stylesheet\" crossorigin href=\"/assets/a.css\">\n\
///      <script type=\"module\" crossorigin src=\"/assets/a.js\"></script>\n\
///      <link rel=\"prefetch\" crossorigin href=\"/assets/lazy.js\">"
/// );
/// # Ok::<(), ()>(())
/// ```
pub fn compose<F: Copy + Eq + Hash, E>(
    import_map: Option<WrittenTag<'_>>,
    needed: &Needed<F>,
    prefetches: impl IntoIterator<Item = F>,
    attributes: &Attributes,
    mut write: impl FnMut(&mut Html, F, FileTag) -> Result<(), E>,
) -> Result<Html, E> {
    let mut html = Html::default();
    if let Some(map) = import_map {
        html.push_written(map);
    }
    let lists = [
        (&needed.stylesheets, FileTag::Stylesheet),
        (&needed.scripts, FileTag::Script),
        (&needed.preloads, FileTag::Preload),
    ];
    // A page's tags are joined at run time too: a tag without attributes, the
    // usual case, is written as it is, with no text to insert.
    let written = |tag| (!attributes.none_for(tag)).then(|| attributes.written(tag));
    for (files, tag) in lists {
        let attributes = written(tag);
        for &file in files {
            let end = html.end();
            write(&mut html, file, tag)?;
            if let Some(attributes) = &attributes {
                html.give_attributes_since(end, attributes);
            }
        }
    }
    let mut prefetches = prefetches.into_iter().peekable();
    if prefetches.peek().is_some() {
        let attributes = written(FileTag::Prefetch);
        let mut listed: HashSet<F> = needed.files().copied().collect();
        for file in prefetches.filter(|file| listed.insert(*file)) {
            let end = html.end();
            write(&mut html, file, FileTag::Prefetch)?;
            if let Some(attributes) = &attributes {
                html.give_attributes_since(end, attributes);
            }
        }
    }
    Ok(html)
}
