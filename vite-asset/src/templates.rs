//! [`Templates`]: the run-time templates that the build script checked, as
//! [`vite_templates!`](crate::vite_templates) embeds them.

use std::path::Path;

use crate::Content;

/// What `vite_content` says when the engine was set up without the templates,
/// which hold its contents.
#[cfg(any(feature = "minijinja", feature = "tera"))]
pub(crate) const CONTENT_NEEDS_TEMPLATES: &str =
    "`vite_content` writes the contents that the build script's template check compiled into \
     `vite_templates!(…)`, and this engine was set up without them: create it with \
     `vite_asset::minijinja::environment(templates, manifests)` (tera: \
     `vite_asset::tera::Pages::new(templates, manifests)`) instead of `register`";

/// The contents a template's `vite_content("…")` names, compiled in by the
/// check: for each, the build (`None` for the default one), the name, and the contents.
pub(crate) type NamedContents = &'static [(Option<&'static str>, &'static str, Content)];

/// The minijinja or tera templates of one directory, as the build script's
/// `TemplateCheck` read and checked them: each one's name (its path below the
/// directory, with `/`) and source, in the binary, and the directory's path when
/// the crate compiled.
///
/// Made by [`vite_templates!`](crate::vite_templates), and given to
/// [`minijinja::environment`](crate::minijinja::environment) or
/// [`tera::Pages::new`](crate::tera::Pages::new), which render these sources in
/// production and read the directory instead in `dev`, so that a saved edit shows
/// at the next render.
///
/// ```
/// # static TEMPLATES: vite_asset::Templates = vite_asset::__private::templates(
/// #     "/app/templates", &[("page.html", "<h1>{{ title }}</h1>")]);
/// # let templates = &TEMPLATES;
/// // let templates: &vite_asset::Templates = vite_asset::vite_templates!("templates");
/// assert_eq!(templates.names().collect::<Vec<_>>(), ["page.html"]);
/// assert_eq!(templates.get("page.html"), Some("<h1>{{ title }}</h1>"));
/// assert_eq!(templates.get("missing.html"), None);
/// assert_eq!(templates.dir(), std::path::Path::new("/app/templates"));
/// ```
#[derive(Debug)]
pub struct Templates {
    dir: &'static str,
    embedded: &'static [(&'static str, &'static str)],
    /// Read by the engines' `vite_content` in production; `dev` reads the build.
    #[cfg_attr(
        any(feature = "dev", not(any(feature = "minijinja", feature = "tera"))),
        allow(dead_code)
    )]
    contents: NamedContents,
}

impl Templates {
    /// The expansion of `vite_templates!`; `embedded` is sorted by name.
    pub(crate) const fn embedded(
        dir: &'static str,
        embedded: &'static [(&'static str, &'static str)],
        contents: NamedContents,
    ) -> Self {
        Templates {
            dir,
            embedded,
            contents,
        }
    }

    /// The templates' directory, at the absolute path it had when the crate
    /// compiled: where `dev` reads them.
    pub fn dir(&self) -> &'static Path {
        Path::new(self.dir)
    }

    /// The names of the templates, sorted.
    pub fn names(&self) -> impl Iterator<Item = &'static str> {
        self.embedded.iter().map(|(name, _)| *name)
    }

    /// The source of the template `name`, as it was checked.
    pub fn get(&self, name: &str) -> Option<&'static str> {
        let embedded: &'static [(&'static str, &'static str)] = self.embedded;
        embedded
            .binary_search_by(|(candidate, _)| (*candidate).cmp(name))
            .ok()
            .map(|at| embedded[at].1)
    }

    /// The contents that a template's `vite_content(name)` (of `build`, `None`
    /// for the default one) writes, as the check compiled them in.
    #[cfg_attr(
        any(feature = "dev", not(any(feature = "minijinja", feature = "tera"))),
        allow(dead_code)
    )]
    pub(crate) fn content(&self, build: Option<&str>, name: &str) -> Option<Content> {
        self.contents
            .iter()
            .find(|(of_build, named, _)| *of_build == build && *named == name)
            .map(|(_, _, content)| *content)
    }

    /// Every template's name and source, as they were checked, by name.
    pub fn iter(&self) -> impl Iterator<Item = (&'static str, &'static str)> {
        self.embedded.iter().copied()
    }

    /// How many templates there are.
    pub fn len(&self) -> usize {
        self.embedded.len()
    }

    /// Whether there are none.
    pub fn is_empty(&self) -> bool {
        self.embedded.is_empty()
    }
}
