//! [`Needed`]: the files one page's tags link to, and how the needs of several
//! entries combine into one call's, each file once.
//!
//! It is generic over how a file is named (a path in the manifest at compile
//! time, an index into `vite_manifest!()`'s table at run time), so that the
//! macros and the template functions combine entries the same way.

use std::collections::HashSet;
use std::hash::Hash;

/// The files that tags link to, in order, without duplicates.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Needed<F> {
    /// CSS: of imported chunks before the chunks that import them, then of the entry.
    pub stylesheets: Vec<F>,
    /// The JS entries' own files.
    pub scripts: Vec<F>,
    /// The files of statically imported chunks, dependencies first.
    pub preloads: Vec<F>,
}

impl<F> Default for Needed<F> {
    fn default() -> Self {
        Needed {
            stylesheets: Vec::new(),
            scripts: Vec::new(),
            preloads: Vec::new(),
        }
    }
}

/// The lists of a [`Needed`], borrowed: what [`Needed::combine`] reads, so that
/// lists kept elsewhere (a static table) combine without being copied.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct NeededLists<'a, F> {
    /// As [`Needed::stylesheets`].
    pub stylesheets: &'a [F],
    /// As [`Needed::scripts`].
    pub scripts: &'a [F],
    /// As [`Needed::preloads`].
    pub preloads: &'a [F],
}

impl<F> Needed<F> {
    /// Every file, stylesheets, scripts, then preloads.
    pub fn files(&self) -> impl Iterator<Item = &F> {
        self.stylesheets
            .iter()
            .chain(&self.scripts)
            .chain(&self.preloads)
    }

    /// The lists, borrowed.
    pub fn lists(&self) -> NeededLists<'_, F> {
        NeededLists {
            stylesheets: &self.stylesheets,
            scripts: &self.scripts,
            preloads: &self.preloads,
        }
    }
}

impl<F: Copy + Eq + Hash> Needed<F> {
    /// The needs of several entries as one call's: every stylesheet, then every
    /// script, then every preload, each file once, where it first appears.
    ///
    /// A file that one entry preloads and another runs is a script: the script
    /// tag fetches it already.
    ///
    /// ```
    /// use vite_asset_core::Needed;
    ///
    /// let main = Needed { stylesheets: vec!["shared.css", "main.css"], scripts: vec!["main.js"], preloads: vec!["shared.js"] };
    /// let admin = Needed { stylesheets: vec!["shared.css"], scripts: vec!["admin.js"], preloads: vec!["shared.js", "main.js"] };
    /// let both = Needed::combine([main.lists(), admin.lists()]);
    /// assert_eq!(both.stylesheets, ["shared.css", "main.css"]);
    /// assert_eq!(both.scripts, ["main.js", "admin.js"]);
    /// assert_eq!(both.preloads, ["shared.js"]);
    /// ```
    pub fn combine<'a>(each: impl IntoIterator<Item = NeededLists<'a, F>> + Clone) -> Needed<F>
    where
        F: 'a,
    {
        let mut combined = Needed::default();
        let mut listed = HashSet::new();
        let mut push = |list: &mut Vec<F>, file: F| {
            if listed.insert(file) {
                list.push(file);
            }
        };
        for needed in each.clone() {
            for &file in needed.stylesheets {
                push(&mut combined.stylesheets, file);
            }
        }
        for needed in each.clone() {
            for &file in needed.scripts {
                push(&mut combined.scripts, file);
            }
        }
        for needed in each {
            for &file in needed.preloads {
                push(&mut combined.preloads, file);
            }
        }
        combined
    }
}
