//! The template functions for [tera](https://docs.rs/tera) 1 (the `tera`
//! feature): `vite_asset`, `vite_tags` and `vite_react_refresh`, looked up in the
//! table that [`vite_manifest!`](crate::vite_manifest) wrote at compile time.
//!
//! Tera's functions take named arguments only:
//!
//! ```
//! let mut tera = tera::Tera::default();
//! vite_asset::tera::register(&mut tera, vite_asset::vite_manifest!());
//! tera.add_raw_template(
//!     "page.html",
//!     r#"<head>{{ vite_tags(names=["styles.scss", "script.ts"]) }}</head><img src="{{ vite_asset(name="logo.svg") }}">"#,
//! )?;
//! let page = tera.render("page.html", &tera::Context::new())?;
//! # if !vite_asset::DEV {
//! assert!(page.contains(r#"<script type="module" crossorigin src="/assets/bundled/script-BkiISj8p.js"></script>"#));
//! # }
//!
//! // A name that is not in the manifest fails the render, with the fix.
//! tera.add_raw_template("typo.html", r#"{{ vite_asset(name="scrpt.ts") }}"#)?;
//! let error = tera.render("typo.html", &tera::Context::new()).unwrap_err();
//! // Tera puts the cause in the error's sources: show the whole chain.
//! let message = vite_asset::tera::full_message(&error);
//! # if !vite_asset::DEV {
//! assert!(message.starts_with("Failed to render 'typo.html'"), "{message}");
//! assert!(message.contains("did you mean `script.ts`?"), "{message}");
//! # }
//! # Ok::<(), tera::Error>(())
//! ```
//!
//! - `vite_asset(name="logo.svg")`: the URL, HTML-escaped for an attribute (but
//!   `/`, which tera's own escaping writes `&#x2F;`).
//! - `vite_tags(name="main.ts")` or `vite_tags(names=["main.ts", "admin.ts"])`,
//!   with `nonce=…`, `integrity=true` and `prefetch=true` optional: the tags, not escaped.
//!   `attrs=…` gives each kind of tag attributes, as `vite_tags!`'s `attrs(…)`
//!   does; tera has no literal for a map, so it comes from the context
//!   (`context.insert("turbo", &json!({"script": {"data-turbo-track": "reload"}}))`,
//!   then `attrs=turbo`).
//! - `vite_react_refresh()`: the React Fast Refresh preamble in development,
//!   nothing in production; pass it `nonce=…` under a Content-Security-Policy.
//! - `vite_content(name="theme.css")`, in the templates of [`Pages`]: a built
//!   file's text, as [`vite_content!`](crate::vite_content) gives it; the
//!   build script's check compiles in the contents that the templates name
//!   with a string literal, and `dev` reads the last Vite build at each render.
//!
//! With several Vite builds, [`register`] takes each one's
//! manifest, and every function takes `build="admin"` to name one.
//!
//! Every mistake (a name that is not in the manifest, an asset given to
//! `vite_tags`, an unknown or missing argument) fails the render, never an
//! empty string.

use std::collections::HashMap;
use std::sync::{Arc, PoisonError, RwLock};

use tera::{Context, Error, Function, Tera, Value};
use vite_asset_core::attributes::{Attributes, GivenValue, MAP_USAGE};
use vite_asset_core::suggest::Caller;

use crate::{AssetError, AssetErrorKind, Builds, TagOptions, Templates, ViteManifest};

/// Tera, set up to render `templates` (from [`vite_templates!`](crate::vite_templates))
/// with the functions of [`register`] for `builds`, the same in production and in `dev`:
///
/// - In production the templates are those in the binary, as build.rs checked
///   them: the binary renders its pages from any directory, alone.
/// - In `dev` they are read from their directory, and read again before a
///   render when a file of it changed, so an edit shows without a restart; the
///   open pages reload when one is saved
///   ([`reload_pages_on_change`](crate::reload_pages_on_change)).
///
/// ```
/// # // The templates of a crate's `templates/`, on disk for `dev` too.
/// # let dir = std::env::temp_dir().join(format!("vite-asset-doc-tera-{}", std::process::id()));
/// # std::fs::create_dir_all(&dir).unwrap();
/// # const SOURCE: &str = r#"<img src="{{ vite_asset(name='logo.svg') }}">"#;
/// # std::fs::write(dir.join("page.html"), SOURCE).unwrap();
/// # let dir: &'static str = Box::leak(dir.to_string_lossy().into_owned().into_boxed_str());
/// # let templates: &'static vite_asset::Templates =
/// #     Box::leak(Box::new(vite_asset::__private::templates(dir, &[("page.html", SOURCE)])));
/// static MANIFEST: &vite_asset::ViteManifest = vite_asset::vite_manifest!();
///
/// // let templates = vite_asset::vite_templates!("templates");
/// let pages = vite_asset::tera::Pages::new(templates, MANIFEST)?;
/// let page = pages.render("page.html", &tera::Context::new())?;
/// # if !vite_asset::DEV {
/// assert!(page.starts_with(r#"<img src="/assets/"#), "{page}");
/// # }
/// # Ok::<(), tera::Error>(())
/// ```
#[derive(Debug)]
pub struct Pages {
    #[cfg_attr(not(feature = "dev"), allow(dead_code))]
    templates: &'static Templates,
    /// The functions and the user's own setup, without the templates.
    #[cfg_attr(not(feature = "dev"), allow(dead_code))]
    base: Tera,
    current: RwLock<Loaded>,
}

/// The templates as they were last read.
#[derive(Debug)]
struct Loaded {
    tera: Tera,
    /// In `dev`: each file's path, modification time and length, when it was read.
    #[cfg_attr(not(feature = "dev"), allow(dead_code))]
    stamps: Vec<Stamp>,
}

type Stamp = (std::path::PathBuf, Option<(std::time::SystemTime, u64)>);

impl Pages {
    /// The templates, each parsed now: one that does not parse stops the server at
    /// start-up (the error's `source()` names the template, its line and column).
    ///
    /// # Errors
    ///
    /// A template that does not parse; in `dev`, a directory that cannot be read.
    pub fn new(templates: &'static Templates, builds: impl Builds) -> tera::Result<Pages> {
        Pages::with_tera(Tera::default(), templates, builds)
    }

    /// The same, with the filters, functions and templates of `tera` besides.
    ///
    /// # Errors
    ///
    /// As [`new`](Self::new).
    pub fn with_tera(
        mut tera: Tera,
        templates: &'static Templates,
        builds: impl Builds,
    ) -> tera::Result<Pages> {
        let manifests: Manifests = builds.manifests().into();
        register(&mut tera, &manifests[..]);
        tera.register_function("vite_content", ContentOf(manifests, templates));
        let loaded = Loaded::read(&tera, templates)?;
        crate::reload_pages_on_change(templates.dir()).map_err(|error| {
            let message = format!("cannot watch {}", templates.dir().display());
            Error::chain(message, error)
        })?;
        Ok(Pages {
            templates,
            base: tera,
            current: RwLock::new(loaded),
        })
    }

    /// The page `name`, rendered with `context`; in `dev`, from the templates as
    /// they are on disk now.
    ///
    /// # Errors
    ///
    /// Tera's: no template `name`, a variable that is not in `context`, and
    /// every mistake of a vite-asset function (in the error's `source()`).
    pub fn render(&self, name: &str, context: &Context) -> tera::Result<String> {
        #[cfg(feature = "dev")]
        self.read_again_if_changed()?;
        let current = self.current.read().unwrap_or_else(PoisonError::into_inner);
        current.tera.render(name, context)
    }

    /// In `dev`: reads the templates again when a file of their directory was
    /// added, removed or changed since they were read.
    #[cfg(feature = "dev")]
    fn read_again_if_changed(&self) -> tera::Result<()> {
        let stamps = stamps(self.templates.dir());
        let unchanged = |loaded: &Loaded| loaded.stamps == stamps;
        if unchanged(&self.current.read().unwrap_or_else(PoisonError::into_inner)) {
            return Ok(());
        }
        let mut current = self.current.write().unwrap_or_else(PoisonError::into_inner);
        if !unchanged(&current) {
            *current = Loaded::read(&self.base, self.templates)?;
        }
        Ok(())
    }
}

impl Loaded {
    /// `base` with the templates: those in the binary; in `dev`, those on disk.
    fn read(base: &Tera, templates: &'static Templates) -> tera::Result<Loaded> {
        let mut tera = base.clone();
        #[cfg(feature = "dev")]
        {
            let stamps = stamps(templates.dir());
            let mut sources = Vec::new();
            for (path, _) in &stamps {
                let Ok(source) = std::fs::read_to_string(path) else {
                    continue;
                };
                let name =
                    vite_asset_core::embedded_templates::template_name(templates.dir(), path);
                sources.extend(name.map(|name| (name, source)));
            }
            tera.add_raw_templates(sources)?;
            Ok(Loaded { tera, stamps })
        }
        #[cfg(not(feature = "dev"))]
        {
            tera.add_raw_templates(templates.iter())?;
            Ok(Loaded {
                tera,
                stamps: Vec::new(),
            })
        }
    }
}

/// The files of `dir` that the build script's check reads, with their stamps.
#[cfg(feature = "dev")]
fn stamps(dir: &std::path::Path) -> Vec<Stamp> {
    let mut files = vite_asset_core::project_files::under(dir, &[], usize::MAX).files;
    files.sort();
    files
        .into_iter()
        .map(|path| {
            let metadata = std::fs::metadata(&path).ok();
            let stamp =
                metadata.and_then(|metadata| Some((metadata.modified().ok()?, metadata.len())));
            (path, stamp)
        })
        .collect()
}

/// Adds `vite_asset`, `vite_tags` and `vite_react_refresh` to `tera`, answering
/// from one build's manifest or several ([`Builds`]): with several, each takes
/// `build="admin"` to name one, and without it answers from the default build.
pub fn register(tera: &mut Tera, builds: impl Builds) {
    let manifests: Manifests = builds.manifests().into();
    tera.register_function("vite_asset", AssetUrl(manifests.clone()));
    tera.register_function("vite_tags", AssetTags(manifests.clone()));
    tera.register_function("vite_react_refresh", ReactRefresh(manifests));
    tera.register_function("vite_content", |_: &HashMap<String, Value>| {
        Err::<Value, _>(Error::msg(crate::templates::CONTENT_NEEDS_TEMPLATES))
    });
}

type Manifests = Arc<[&'static ViteManifest]>;

/// The manifest of the call's `build=` argument, the default build without one.
fn chosen(
    manifests: &Manifests,
    args: &HashMap<String, Value>,
    function: &str,
) -> tera::Result<&'static ViteManifest> {
    let build = string_argument(args, function, "build")?;
    ViteManifest::of_build(manifests, build).map_err(render_error)
}

struct AssetUrl(Manifests);

impl Function for AssetUrl {
    fn call(&self, args: &HashMap<String, Value>) -> tera::Result<Value> {
        only_arguments(args, "vite_asset", &["name", "build"])?;
        let manifest = chosen(&self.0, args, "vite_asset")?;
        let name = string_argument(args, "vite_asset", "name")?.ok_or_else(|| {
            Error::msg("`vite_asset` needs `name`: `vite_asset(name=\"main.ts\")`")
        })?;
        let url = manifest.url(name).map_err(render_error)?;
        // Escaped as vite_asset! URLs are in tags, not as tera escapes strings:
        // it writes every `/` as `&#x2F;`.
        Ok(Value::String(vite_asset_core::escape::attribute(&url)))
    }

    fn is_safe(&self) -> bool {
        true
    }
}

struct AssetTags(Manifests);

impl Function for AssetTags {
    fn call(&self, args: &HashMap<String, Value>) -> tera::Result<Value> {
        only_arguments(
            args,
            "vite_tags",
            &[
                "name",
                "names",
                "nonce",
                "integrity",
                "prefetch",
                "attrs",
                "build",
            ],
        )?;
        let manifest = chosen(&self.0, args, "vite_tags")?;
        let names: Vec<&str> = match (args.get("name"), args.get("names")) {
            (Some(_), Some(_)) => {
                return Err(Error::msg(
                    "`vite_tags` takes `name` or `names`, not both: `vite_tags(names=[\"main.ts\", \"admin.ts\"])`",
                ))
            }
            (Some(_), None) => string_argument(args, "vite_tags", "name")?.into_iter().collect(),
            (None, Some(Value::Array(names))) => names
                .iter()
                .map(|name| {
                    name.as_str()
                        .ok_or_else(|| Error::msg(format!("`vite_tags`: `names` must be strings, not `{name}`")))
                })
                .collect::<tera::Result<_>>()?,
            (None, Some(other)) => {
                return Err(Error::msg(format!(
                    "`vite_tags`: `names` must be a list of strings, not `{other}`"
                )))
            }
            (None, None) => Vec::new(),
        };
        let nonce = string_argument(args, "vite_tags", "nonce")?;
        let mut options = TagOptions::default();
        for name in TagOptions::NAMES {
            if let Some(value) = bool_argument(args, name)? {
                options.set(name, value);
            }
        }
        if let Some(attributes) = args.get(TagOptions::ATTRIBUTES) {
            options.attributes = attributes_of(attributes)?;
        }
        let tags = manifest
            .tags_for(&names, options, Caller::Tera)
            .map_err(render_error)?;
        Ok(Value::String(tags.html_with(nonce)))
    }

    fn is_safe(&self) -> bool {
        true
    }
}

struct ContentOf(Manifests, &'static Templates);

impl Function for ContentOf {
    fn call(&self, args: &HashMap<String, Value>) -> tera::Result<Value> {
        only_arguments(args, "vite_content", &["name", "build"])?;
        let manifest = chosen(&self.0, args, "vite_content")?;
        let name = string_argument(args, "vite_content", "name")?.ok_or_else(|| {
            Error::msg("`vite_content` needs `name`: `vite_content(name=\"theme.css\")`")
        })?;
        let text = manifest.content_for(self.1, name).map_err(render_error)?;
        Ok(Value::String(text.into_owned()))
    }

    fn is_safe(&self) -> bool {
        true
    }
}

struct ReactRefresh(Manifests);

impl Function for ReactRefresh {
    fn call(&self, args: &HashMap<String, Value>) -> tera::Result<Value> {
        only_arguments(args, "vite_react_refresh", &["nonce", "build"])?;
        let manifest = chosen(&self.0, args, "vite_react_refresh")?;
        let nonce = string_argument(args, "vite_react_refresh", "nonce")?;
        Ok(Value::String(manifest.react_refresh().html_with(nonce)))
    }

    fn is_safe(&self) -> bool {
        true
    }
}

/// The `attrs` of `vite_tags`: an object of kinds of tag to objects of
/// attributes, each a string, or `true` for an attribute without a value.
fn attributes_of(given: &Value) -> tera::Result<Attributes> {
    let not = |what: &str, value: &Value| {
        Error::msg(format!("`vite_tags`: {what}, not `{value}`: `{MAP_USAGE}`"))
    };
    let Value::Object(targets) = given else {
        return Err(not(
            "`attrs` maps each kind of tag to its attributes",
            given,
        ));
    };
    let mut attributes = Attributes::default();
    for (target, names) in targets {
        let Value::Object(names) = names else {
            return Err(not(
                "each kind of tag in `attrs` maps names to values",
                names,
            ));
        };
        for (name, value) in names {
            let shown = value.to_string();
            let value = match value {
                Value::String(value) => GivenValue::Text(value),
                Value::Bool(flag) => GivenValue::Flag(*flag),
                _ => GivenValue::Other(&shown),
            };
            attributes.add_given(target, name, value).map_err(|error| {
                render_error(AssetError::new(AssetErrorKind::BadAttribute, error.into()))
            })?;
        }
    }
    Ok(attributes)
}

/// An error for an argument of `function` that is not one of `known`.
fn only_arguments(
    args: &HashMap<String, Value>,
    function: &str,
    known: &[&str],
) -> tera::Result<()> {
    let mut unknown: Vec<&str> = args
        .keys()
        .map(String::as_str)
        .filter(|name| !known.contains(name))
        .collect();
    unknown.sort_unstable();
    match unknown.first() {
        None => Ok(()),
        Some(name) => Err(Error::msg(format!(
            "`{function}` has no argument `{name}`; its arguments: {}",
            known
                .iter()
                .map(|known| format!("`{known}`"))
                .collect::<Vec<_>>()
                .join(", ")
        ))),
    }
}

/// The boolean argument `name` of `vite_tags`, if given.
fn bool_argument(args: &HashMap<String, Value>, name: &str) -> tera::Result<Option<bool>> {
    match args.get(name) {
        None => Ok(None),
        Some(Value::Bool(value)) => Ok(Some(*value)),
        Some(other) => Err(Error::msg(format!(
            "`vite_tags`: `{name}` must be `true` or `false`, not `{other}`"
        ))),
    }
}

/// The whole of a tera error as one message, for a log or an error page:
/// tera's own message (which names the template), then each cause on a line
/// of its own, vite-asset's last, with its fix. Tera's `Display` shows the
/// first line alone.
///
/// ```
/// let mut tera = tera::Tera::default();
/// vite_asset::tera::register(&mut tera, vite_asset::vite_manifest!());
/// let error = tera.render_str(r#"{{ vite_tags(name="main.ts", nonce=1) }}"#, &tera::Context::new()).unwrap_err();
/// let message = vite_asset::tera::full_message(&error);
/// assert!(message.starts_with("Failed to render"), "{message}");
/// assert!(message.ends_with("`vite_tags`: `nonce` must be a string, not `1`"), "{message}");
/// ```
pub fn full_message(error: &Error) -> String {
    let mut message = error.to_string();
    let mut cause = std::error::Error::source(error);
    while let Some(error) = cause {
        message.push_str("\n  ");
        message.push_str(&error.to_string());
        cause = error.source();
    }
    message
}

/// `error` as tera's error: the kind in a phrase, with ours as its source, so
/// that the chain reads from tera's message to ours and a program can
/// `downcast_ref` it.
fn render_error(error: AssetError) -> Error {
    Error::chain(format!("vite-asset: {}", error.kind()), error)
}

/// The string argument `name` of `function`, if given.
fn string_argument<'a>(
    args: &'a HashMap<String, Value>,
    function: &str,
    name: &str,
) -> tera::Result<Option<&'a str>> {
    match args.get(name) {
        None => Ok(None),
        Some(Value::String(value)) => Ok(Some(value)),
        Some(other) => Err(Error::msg(format!(
            "`{function}`: `{name}` must be a string, not `{other}`"
        ))),
    }
}
