//! [`ViteManifest`]: the manifest as a table written at compile time by
//! [`vite_manifest!`](crate::vite_manifest), for templates that are loaded at run
//! time: every key with its URL and the files its tags link, so that rendering
//! is a lookup and no manifest is read or shipped.

use std::borrow::Cow;
use std::fmt;

use vite_asset_core::attributes::Attributes;
use vite_asset_core::compose::TagOptions;
use vite_asset_core::html::WrittenTag;
use vite_asset_core::suggest::Caller;
use vite_asset_core::Diagnostic;

use crate::{AssetError, AssetErrorKind, OwnedTags, Tags};

// What differs between production and `dev`, one module each: the lookups of
// the table, or the DevServer's URLs from the configuration it keeps.
#[cfg_attr(feature = "dev", path = "development.rs")]
#[cfg_attr(not(feature = "dev"), path = "production.rs")]
mod mode;

/// The Vite manifest of the crate, read at compile time by
/// [`vite_manifest!`](crate::vite_manifest): what the template functions of the
/// `minijinja` and `tera` features look names up in, and what a handler can ask
/// directly.
///
/// ```
/// static MANIFEST: &vite_asset::ViteManifest = vite_asset::vite_manifest!();
///
/// let url = MANIFEST.url("script.ts")?;
/// let tags = MANIFEST.tags(&["styles.scss", "script.ts"], Default::default())?;
/// # if !vite_asset::DEV {
/// assert_eq!(url, "/assets/bundled/script-BkiISj8p.js");
/// # }
/// assert_eq!(tags.as_str(), vite_asset::vite_tags!("styles.scss", "script.ts").as_str());
/// let error = MANIFEST.url("scrpt.ts").unwrap_err().to_string();
/// # if !vite_asset::DEV {
/// assert!(error.contains("did you mean `script.ts`?"), "{error}");
/// # }
/// # Ok::<(), vite_asset::AssetError>(())
/// ```
pub struct ViteManifest {
    table: Table,
    /// What the mode keeps besides the table (nothing in production).
    #[cfg_attr(not(feature = "dev"), allow(dead_code))]
    state: mode::State,
}

/// The table that `vite_manifest!()` writes; not part of the public interface.
#[doc(hidden)]
pub struct Table {
    /// The named build it is of, or `None` for the default build.
    pub build: Option<&'static str>,
    /// The manifest, as errors show it.
    pub manifest: &'static str,
    pub input_option: &'static str,
    pub config_file: &'static str,
    /// The keys a user may write, sorted, for "did you mean".
    pub keys: &'static [&'static str],
    pub entries: &'static [&'static str],
    /// `integrity` in `[package.metadata.vite]`.
    pub integrity: bool,
    /// `prefetch` in `[package.metadata.vite]`.
    pub prefetch: bool,
    /// `attrs` in `[package.metadata.vite]`, under each call's.
    pub attributes: Attributes,
    /// Vite 8's import map (`build.chunkImportMap`), which comes before every other tag.
    pub import_map: Option<WrittenTag<'static>>,
    /// The build's version, as `vite_build_version!()` gives it.
    pub version: &'static str,
    /// Each built file that a tag links, with its tags written out.
    pub files: &'static [File],
    /// Every key of the manifest, sorted by name.
    pub assets: &'static [Asset],
    /// The configuration the DevServer's URLs are made of.
    pub dev: Dev,
}

/// One key of the manifest; not part of the public interface.
#[doc(hidden)]
pub struct Asset {
    pub name: &'static str,
    pub url: &'static str,
    pub file: &'static str,
    /// The files its tags link, as indices into `files`; `None` for a file
    /// that is neither JS nor CSS.
    pub needs: Option<Needs>,
    /// The `as` and MIME type of its preload; `None` for a file that a
    /// browser cannot preload.
    pub preload: Option<(&'static str, &'static str)>,
}

/// A built file that a tag links: its URL and integrity hash, from which the
/// table writes its tags at their first use, by the writer of `vite_tags!`.
/// Not part of the public interface.
#[doc(hidden)]
pub struct File {
    pub url: &'static str,
    pub integrity: &'static str,
    /// CSS, linked by a stylesheet; otherwise JavaScript, by a script or a preload.
    pub stylesheet: bool,
}

/// The files one key's tags link; not part of the public interface.
#[doc(hidden)]
pub struct Needs {
    pub stylesheets: &'static [u32],
    pub scripts: &'static [u32],
    pub preloads: &'static [u32],
    /// What it may prefetch, for `prefetch`, before what other entries load is taken out.
    pub prefetches: &'static [u32],
    /// The tags of an entry point alone, with the crate's `integrity` and
    /// `prefetch` settings, precomputed.
    pub tags: Option<Tags>,
}

/// The configuration of the DevServer; not part of the public interface.
#[doc(hidden)]
pub struct Dev {
    pub crate_dir: &'static str,
    pub base: &'static str,
    pub dev_origin: &'static str,
    pub root: Option<&'static str>,
}

impl ViteManifest {
    /// The expansion of `vite_manifest!()`.
    pub(crate) const fn of_table(table: Table) -> Self {
        ViteManifest {
            table,
            state: mode::State::new(),
        }
    }

    /// An empty table, the value of a `vite_manifest!()` that failed to compile.
    pub(crate) const fn empty() -> &'static Self {
        static EMPTY: ViteManifest = ViteManifest::of_table(Table {
            build: None,
            manifest: "",
            input_option: "",
            config_file: "",
            keys: &[],
            entries: &[],
            integrity: false,
            prefetch: false,
            attributes: Attributes::checked(&[]),
            import_map: None,
            version: "",
            files: &[],
            assets: &[],
            dev: Dev {
                crate_dir: "",
                base: "",
                dev_origin: "",
                root: None,
            },
        });
        &EMPTY
    }

    /// The named build this is the manifest of (`vite_manifest!(admin)`), or
    /// `None` for the default build.
    pub fn build(&self) -> Option<&'static str> {
        self.table.build
    }

    /// The version of the build, as [`vite_build_version!`](crate::vite_build_version)
    /// gives it: 16 hexadecimal digits that change exactly when the build
    /// changes what a page loads; `"dev"` in development.
    ///
    /// ```
    /// static MANIFEST: &vite_asset::ViteManifest = vite_asset::vite_manifest!();
    /// assert_eq!(MANIFEST.version(), vite_asset::vite_build_version!());
    /// # if !vite_asset::DEV {
    /// assert_eq!(MANIFEST.version().len(), 16);
    /// # }
    /// ```
    pub fn version(&self) -> &'static str {
        self.table.version
    }

    /// The manifest of `build` among `manifests` (the default build for `None`),
    /// or an error that lists the builds there are, for the template functions'
    /// `build=` argument.
    #[cfg(any(feature = "minijinja", feature = "tera"))]
    pub(crate) fn of_build<'a>(
        manifests: &[&'a ViteManifest],
        build: Option<&str>,
    ) -> Result<&'a ViteManifest, AssetError> {
        if let Some(manifest) = manifests.iter().find(|manifest| manifest.build() == build) {
            return Ok(manifest);
        }
        let shown = |build: Option<&str>| match build {
            Some(name) => format!("`{name}`"),
            None => "the default build".to_owned(),
        };
        let registered: Vec<String> = manifests
            .iter()
            .map(|manifest| shown(manifest.build()))
            .collect();
        Err(AssetError::new(
            AssetErrorKind::UnknownBuild,
            Diagnostic::new(format!("no manifest of {} was registered", shown(build)))
                .note(format!("registered: {}", registered.join(", ")))
                .fix("register every build the templates name: `register(&mut env, [vite_manifest!(), vite_manifest!(admin)])`"),
        ))
    }

    /// The URL of the asset `name`, as [`vite_asset!`](crate::vite_asset) gives
    /// it: `base` and the built file in production, the DevServer's URL in
    /// development. `@vite/client` and `@react-refresh` are empty in production.
    ///
    /// # Errors
    ///
    /// A name that is not in the manifest, with the closest names and the fix;
    /// in development, a name that is not a source file.
    pub fn url(&self, name: &str) -> Result<Cow<'static, str>, AssetError> {
        mode::url(self, name)
    }

    /// The tags of the entries `names`, as [`vite_tags!`](crate::vite_tags)
    /// writes them: stylesheets, scripts, then module preloads, each file once;
    /// Vite's client and the sources in development.
    ///
    /// An entry point alone, with the build's settings, is written at compile
    /// time; other calls join the files' tags, which the first lookup writes.
    ///
    /// # Errors
    ///
    /// No name, a name given twice, a name that is not in the manifest, or an
    /// asset that is neither JS nor CSS: the first of them.
    pub fn tags(&self, names: &[&str], options: TagOptions) -> Result<OwnedTags, AssetError> {
        self.tags_for(names, options, Caller::Macro)
    }

    /// [`tags`](Self::tags), with the fixes written as `caller` writes calls.
    pub(crate) fn tags_for(
        &self,
        names: &[&str],
        options: TagOptions,
        caller: Caller,
    ) -> Result<OwnedTags, AssetError> {
        check_names(names, caller)?;
        mode::tags(self, names, options, caller)
    }

    /// The preloads of the assets `names`, as [`vite_preload!`](crate::vite_preload)
    /// writes them: `<link rel="preload">` with the `as` and `type` of each
    /// (an image, a font, a stylesheet), `modulepreload` for a script, and the
    /// same in [`link_header`](OwnedTags::link_header); nothing in development.
    ///
    /// ```
    /// static MANIFEST: &vite_asset::ViteManifest = vite_asset::vite_manifest!();
    ///
    /// let preloads = MANIFEST.preloads(&["logo.svg"])?;
    /// assert_eq!(preloads.as_str(), vite_asset::vite_preload!("logo.svg").as_str());
    /// # if !vite_asset::DEV {
    /// assert!(preloads.link_header().ends_with("; rel=preload; as=image"), "{preloads:?}");
    /// # }
    /// # Ok::<(), vite_asset::AssetError>(())
    /// ```
    ///
    /// # Errors
    ///
    /// A name that is not in the manifest, or a file a browser cannot preload:
    /// the first of them.
    pub fn preloads(&self, names: &[&str]) -> Result<OwnedTags, AssetError> {
        mode::preloads(self, names)
    }

    /// The contents that a run-time template's `vite_content(name)` writes:
    /// in production, those that the build script's template check compiled
    /// into `templates`; in development, the last Vite build's file, read now.
    #[cfg(any(feature = "minijinja", feature = "tera"))]
    pub(crate) fn content_for(
        &self,
        templates: &crate::Templates,
        name: &str,
    ) -> Result<Cow<'static, str>, AssetError> {
        mode::content(self, templates, name)
    }

    /// The preamble of `@vitejs/plugin-react` for React Fast Refresh in
    /// development, as [`vite_react_refresh!`](crate::vite_react_refresh) gives
    /// it; empty in production. Its `with_nonce` gives it a nonce, and its
    /// `script_hashes` the hash of its inline script.
    pub fn react_refresh(&self) -> OwnedTags {
        mode::react_refresh(self)
    }
}

/// At least one name, none twice.
fn check_names(names: &[&str], caller: Caller) -> Result<(), AssetError> {
    if names.is_empty() {
        return Err(AssetError::new(
            AssetErrorKind::BadNames,
            Diagnostic::new(format!("{} needs at least one entry", caller.tags_call()))
                .fix("name the page's entry points, as the manifest's keys name them"),
        ));
    }
    for (index, name) in names.iter().enumerate() {
        if names[..index].contains(name) {
            return Err(AssetError::new(
                AssetErrorKind::BadNames,
                Diagnostic::new(format!("`{name}` is named twice"))
                    .fix("name each entry once: its tags are written once either way"),
            ));
        }
    }
    Ok(())
}

impl fmt::Debug for ViteManifest {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("ViteManifest")
            .field("manifest", &self.table.manifest)
            .field("assets", &self.table.assets.len())
            .finish()
    }
}

/// The manifests that the template functions answer from: one build's
/// (`vite_manifest!()`) or several (`[vite_manifest!(), vite_manifest!(admin)]`),
/// so that `register`, `environment` and `Pages::new` take either. With
/// several, each function takes `build="admin"` to name one, and answers from
/// the default build without it.
///
/// ```
/// # #[cfg(feature = "minijinja")] {
/// use vite_asset::{vite_manifest, ViteManifest};
///
/// static MANIFEST: &ViteManifest = vite_manifest!();
///
/// let mut env = minijinja::Environment::new();
/// vite_asset::minijinja::register(&mut env, MANIFEST);
/// let mut several = minijinja::Environment::new();
/// vite_asset::minijinja::register(&mut several, [MANIFEST, vite_manifest!()]);
/// # }
/// ```
pub trait Builds {
    /// The manifests, in the order given.
    fn manifests(self) -> Vec<&'static ViteManifest>;
}

impl Builds for &'static ViteManifest {
    fn manifests(self) -> Vec<&'static ViteManifest> {
        vec![self]
    }
}

impl Builds for &[&'static ViteManifest] {
    fn manifests(self) -> Vec<&'static ViteManifest> {
        self.to_vec()
    }
}

impl<const N: usize> Builds for [&'static ViteManifest; N] {
    fn manifests(self) -> Vec<&'static ViteManifest> {
        self.to_vec()
    }
}
