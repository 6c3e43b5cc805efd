//! The template functions for [minijinja](https://docs.rs/minijinja) (the
//! `minijinja` feature): `vite_asset`, `vite_tags` and `vite_react_refresh`,
//! looked up in the table that [`vite_manifest!`](crate::vite_manifest) wrote at
//! compile time.
//!
//! ```
//! let mut env = minijinja::Environment::new();
//! vite_asset::minijinja::register(&mut env, vite_asset::vite_manifest!());
//! env.add_template(
//!     "page.html",
//!     r#"<head>{{ vite_tags("styles.scss", "script.ts") }}</head><img src="{{ vite_asset("logo.svg") }}">"#,
//! )?;
//! let page = env.get_template("page.html")?.render(())?;
//! # if !vite_asset::DEV {
//! assert!(page.contains(r#"<script type="module" crossorigin src="/assets/bundled/script-BkiISj8p.js"></script>"#));
//! # }
//!
//! // A name that is not in the manifest fails the render, with the fix.
//! env.add_template("typo.html", r#"{{ vite_asset("scrpt.ts") }}"#)?;
//! let error = env.get_template("typo.html")?.render(()).unwrap_err();
//! # if !vite_asset::DEV {
//! assert!(error.to_string().contains("did you mean `script.ts`?"), "{error}");
//! # }
//! # Ok::<(), minijinja::Error>(())
//! ```
//!
//! - `vite_asset("logo.svg")`: the URL, HTML-escaped for an attribute (but `/`,
//!   which minijinja's own escaping writes `&#x2f;`).
//! - `vite_tags("main.ts", "admin.ts", nonce=nonce, integrity=true, prefetch=true)`:
//!   the tags, as safe HTML; `nonce`, `integrity` and `prefetch` are optional,
//!   and so is `attrs={"script": {"data-turbo-track": "reload"}}`, the
//!   attributes of each kind of tag, as `vite_tags!`'s `attrs(…)` takes them.
//! - `vite_react_refresh()`: the React Fast Refresh preamble in development,
//!   nothing in production; pass it `nonce=…` under a Content-Security-Policy.
//! - `vite_content("theme.css")`, in the templates of [`environment`]: a built
//!   file's text, as [`vite_content!`](crate::vite_content) gives it, for a
//!   `<style>` or an e-mail. The build script's check reads the contents that
//!   the templates name with a string literal, and compiles them in; under
//!   `dev` they are read from the last Vite build at each render.
//!
//! With several Vite builds, [`register`] takes each one's
//! manifest, and every function takes `build="admin"` to name one.
//!
//! Every mistake (a name that is not in the manifest, an asset given to
//! `vite_tags`, an unknown argument) is an error of kind `InvalidOperation`
//! that fails the render, never an empty string.

use std::sync::Arc;

use minijinja::value::{Kwargs, Rest, ValueKind};
use minijinja::{Environment, Error, ErrorKind, Value};
use vite_asset_core::attributes::{Attributes, GivenValue, MAP_USAGE};
use vite_asset_core::suggest::Caller;

use crate::{AssetError, AssetErrorKind, Builds, TagOptions, Templates, ViteManifest};

/// A minijinja environment that renders `templates` (from
/// [`vite_templates!`](crate::vite_templates)) with the functions of
/// [`register`] for `builds`, the same in production and in `dev`:
///
/// - In production the templates are those in the binary, as build.rs checked
///   them: the binary renders its pages from any directory, alone.
/// - In `dev` they are read from their directory (minijinja's `path_loader`), and
///   one that changed is read again at its next use, so an edit shows without a
///   restart; the open pages reload when one is saved
///   ([`reload_pages_on_change`](crate::reload_pages_on_change)).
///
/// Every template is loaded now, so that one that does not parse stops the
/// server at start-up, not at the first request. Add filters and globals to the
/// environment it returns as to any other.
///
/// ```
/// # // The templates of a crate's `templates/`, on disk for `dev` too.
/// # let dir = std::env::temp_dir().join(format!("vite-asset-doc-minijinja-{}", std::process::id()));
/// # std::fs::create_dir_all(&dir).unwrap();
/// # const SOURCE: &str = r#"<img src="{{ vite_asset('logo.svg') }}">"#;
/// # std::fs::write(dir.join("page.html"), SOURCE).unwrap();
/// # let dir: &'static str = Box::leak(dir.to_string_lossy().into_owned().into_boxed_str());
/// # let templates: &'static vite_asset::Templates =
/// #     Box::leak(Box::new(vite_asset::__private::templates(dir, &[("page.html", SOURCE)])));
/// static MANIFEST: &vite_asset::ViteManifest = vite_asset::vite_manifest!();
///
/// // let templates = vite_asset::vite_templates!("templates");
/// let env = vite_asset::minijinja::environment(templates, MANIFEST)?;
/// let page = env.get_template("page.html")?.render(())?;
/// # if !vite_asset::DEV {
/// assert!(page.starts_with(r#"<img src="/assets/"#), "{page}");
/// # }
/// # Ok::<(), minijinja::Error>(())
/// ```
///
/// # Errors
///
/// A template that does not parse (the error names it and its line); in `dev`,
/// one that is gone from the directory, or a directory that cannot be watched.
pub fn environment(
    templates: &'static Templates,
    builds: impl Builds,
) -> Result<Environment<'static>, Error> {
    let mut env = Environment::new();
    let manifests: Arc<[&'static ViteManifest]> = builds.manifests().into();
    register(&mut env, &manifests[..]);
    env.add_function(
        "vite_content",
        move |name: &str, kwargs: Kwargs| -> Result<Value, Error> {
            let manifest = chosen(&manifests, &kwargs)?;
            kwargs.assert_all_used()?;
            let text = manifest
                .content_for(templates, name)
                .map_err(render_error)?;
            Ok(Value::from_safe_string(text.into_owned()))
        },
    );
    if crate::DEV {
        env.set_loader(minijinja::path_loader(templates.dir()));
        crate::reload_pages_on_change(templates.dir()).map_err(|error| {
            let message = format!("cannot watch {}: {error}", templates.dir().display());
            Error::new(ErrorKind::InvalidOperation, message).with_source(error)
        })?;
    } else {
        env.set_loader(move |name| Ok(templates.get(name).map(str::to_owned)));
    }
    for name in templates.names() {
        env.get_template(name)?;
    }
    Ok(env)
}

/// Adds `vite_asset`, `vite_tags` and `vite_react_refresh` to `env`, answering
/// from one build's manifest or several ([`Builds`]): with several, each takes
/// `build="admin"` to name one, and without it answers from the default build.
///
/// ```
/// let mut env = minijinja::Environment::new();
/// vite_asset::minijinja::register(&mut env, vite_asset::vite_manifest!());
/// let error = env.render_str(r#"{{ vite_asset("logo.svg", build="admin") }}"#, ()).unwrap_err();
/// assert!(format!("{error:#}").contains("no manifest of `admin` was registered"), "{error:#}");
/// ```
pub fn register(env: &mut Environment<'_>, builds: impl Builds) {
    let all: Arc<[&'static ViteManifest]> = builds.manifests().into();
    let manifests = all.clone();
    env.add_function(
        "vite_asset",
        move |name: &str, kwargs: Kwargs| -> Result<Value, Error> {
            let manifest = chosen(&manifests, &kwargs)?;
            kwargs.assert_all_used()?;
            let url = manifest.url(name).map_err(render_error)?;
            // Escaped as vite_asset! URLs are in tags, not as minijinja escapes
            // strings: it writes every `/` as `&#x2f;`.
            Ok(Value::from_safe_string(vite_asset_core::escape::attribute(
                &url,
            )))
        },
    );
    let manifests = all.clone();
    env.add_function(
        "vite_tags",
        move |names: Rest<Value>, kwargs: Kwargs| -> Result<Value, Error> {
            let manifest = chosen(&manifests, &kwargs)?;
            let nonce: Option<String> = kwargs.get("nonce")?;
            let mut options = TagOptions::default();
            for name in TagOptions::NAMES {
                if let Some(value) = kwargs.get::<Option<bool>>(name)? {
                    options.set(name, value);
                }
            }
            if let Some(attributes) = kwargs.get::<Option<Value>>(TagOptions::ATTRIBUTES)? {
                options.attributes = attributes_of(&attributes)?;
            }
            kwargs.assert_all_used()?;
            let tags = manifest
                .tags_for(&strings(&names)?, options, Caller::Minijinja)
                .map_err(render_error)?;
            Ok(Value::from_safe_string(tags.html_with(nonce.as_deref())))
        },
    );
    env.add_function(
        "vite_content",
        |_: Rest<Value>, _: Kwargs| -> Result<Value, Error> {
            Err(Error::new(
                ErrorKind::InvalidOperation,
                crate::templates::CONTENT_NEEDS_TEMPLATES,
            ))
        },
    );
    env.add_function(
        "vite_react_refresh",
        move |kwargs: Kwargs| -> Result<Value, Error> {
            let manifest = chosen(&all, &kwargs)?;
            let nonce: Option<String> = kwargs.get("nonce")?;
            kwargs.assert_all_used()?;
            Ok(Value::from_safe_string(
                manifest.react_refresh().html_with(nonce.as_deref()),
            ))
        },
    );
}

/// The manifest of the call's `build=` argument, the default build without one.
fn chosen(
    manifests: &[&'static ViteManifest],
    kwargs: &Kwargs,
) -> Result<&'static ViteManifest, Error> {
    let build: Option<&str> = kwargs.get("build")?;
    ViteManifest::of_build(manifests, build).map_err(render_error)
}

/// The `attrs` of `vite_tags`: a map of kinds of tag to maps of attributes,
/// each a string, or `true` for an attribute without a value.
fn attributes_of(given: &Value) -> Result<Attributes, Error> {
    let not = |what: &str, value: &Value| {
        Error::new(
            ErrorKind::InvalidOperation,
            format!("`vite_tags`: {what}, not `{value}`: `{MAP_USAGE}`"),
        )
    };
    if given.kind() != ValueKind::Map {
        return Err(not(
            "`attrs` maps each kind of tag to its attributes",
            given,
        ));
    }
    let mut attributes = Attributes::default();
    for target in given.try_iter()? {
        let names = given.get_item(&target)?;
        if names.kind() != ValueKind::Map {
            return Err(not(
                "each kind of tag in `attrs` maps names to values",
                &names,
            ));
        }
        for name in names.try_iter()? {
            let value = names.get_item(&name)?;
            let shown = value.to_string();
            let value = match value.kind() {
                ValueKind::String => GivenValue::Text(value.as_str().unwrap_or_default()),
                ValueKind::Bool => GivenValue::Flag(value.is_true()),
                _ => GivenValue::Other(&shown),
            };
            let (target, name) = (target.to_string(), name.to_string());
            attributes
                .add_given(&target, &name, value)
                .map_err(|error| {
                    render_error(AssetError::new(AssetErrorKind::BadAttribute, error.into()))
                })?;
        }
    }
    Ok(attributes)
}

/// The names given to `vite_tags`, which must be strings.
fn strings(names: &[Value]) -> Result<Vec<&str>, Error> {
    names
        .iter()
        .map(|name| {
            name.as_str().ok_or_else(|| {
                Error::new(
                    ErrorKind::InvalidOperation,
                    format!("`vite_tags` takes entry names, which are strings, not `{name}`"),
                )
            })
        })
        .collect()
}

fn render_error(error: AssetError) -> Error {
    Error::new(ErrorKind::InvalidOperation, error.to_string()).with_source(error)
}
