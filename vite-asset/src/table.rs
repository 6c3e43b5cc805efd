//! [`ViteManifest`]: the manifest as a table written at compile time by
//! [`vite_manifest!`](crate::vite_manifest), for templates that are loaded at run
//! time: every key with its URL and the files its tags link, so that rendering
//! is a lookup and no manifest is read or shipped.

use std::borrow::Cow;
#[cfg(not(feature = "dev"))]
use std::convert::Infallible;
use std::fmt;

use vite_asset_core::compose::TagOptions;
use vite_asset_core::html::WrittenTag;
use vite_asset_core::suggest::Caller;
#[cfg(not(feature = "dev"))]
use vite_asset_core::suggest::{self, ManifestContext};
use vite_asset_core::Diagnostic;
#[cfg(not(feature = "dev"))]
use vite_asset_core::{compose::compose, html::FileTag, Needed, NeededLists};

use crate::{AssetError, AssetErrorKind, OwnedTags, Tags};

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
    #[cfg(feature = "dev")]
    config: std::sync::OnceLock<vite_asset_core::Config>,
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
    /// Vite 8's import map (`build.chunkImportMap`), which comes before every other tag.
    pub import_map: Option<WrittenTag<'static>>,
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
}

/// The tags one built file can have, each without and with its integrity
/// hash, as `vite_tags!` writes them; [`NO_TAG`] where the file cannot have
/// that tag. Not part of the public interface.
#[doc(hidden)]
pub struct File {
    pub stylesheet: [WrittenTag<'static>; 2],
    pub script: [WrittenTag<'static>; 2],
    pub preload: [WrittenTag<'static>; 2],
    /// A prefetch has no integrity.
    pub prefetch: WrittenTag<'static>,
}

/// The tag a file cannot have; not part of the public interface.
#[doc(hidden)]
pub const NO_TAG: WrittenTag<'static> = WrittenTag {
    html: "",
    nonce_at: 0,
    link: "",
    script_hash: "",
};

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
            #[cfg(feature = "dev")]
            config: std::sync::OnceLock::new(),
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
            import_map: None,
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
        #[cfg(feature = "dev")]
        {
            let config = self.dev_config();
            vite_asset_core::resolve::check_dev_source(config, name)
                .map_err(|diagnostic| AssetError::new(AssetErrorKind::NotASource, diagnostic))?;
            Ok(Cow::Owned(vite_asset_core::resolve::dev_url(config, name)))
        }
        #[cfg(not(feature = "dev"))]
        match self.asset(name) {
            Ok(asset) => Ok(Cow::Borrowed(asset.url)),
            Err(_) if suggest::DEV_SERVER_IDS.contains(&name) => Ok(Cow::Borrowed("")),
            Err(error) => Err(error),
        }
    }

    /// The tags of the entries `names`, as [`vite_tags!`](crate::vite_tags)
    /// writes them: stylesheets, scripts, then module preloads, each file once;
    /// Vite's client and the sources in development.
    ///
    /// An entry point alone, with the crate's `integrity` setting, is written
    /// at compile time; other calls join the entries' precomputed lists.
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
        self.html(names, options, caller)
    }

    /// The preamble of `@vitejs/plugin-react` for React Fast Refresh in
    /// development, as [`vite_react_refresh!`](crate::vite_react_refresh) gives
    /// it; empty in production. Its `with_nonce` gives it a nonce, and its
    /// `script_hashes` the hash of its inline script.
    pub fn react_refresh(&self) -> OwnedTags {
        #[cfg(feature = "dev")]
        {
            OwnedTags::joined(vite_asset_core::render::react_refresh_preamble(
                self.dev_config(),
            ))
        }
        #[cfg(not(feature = "dev"))]
        OwnedTags::joined(vite_asset_core::Html::default())
    }

    #[cfg(feature = "dev")]
    fn dev_config(&self) -> &vite_asset_core::Config {
        self.config.get_or_init(|| {
            let dev = &self.table.dev;
            let mut config =
                vite_asset_core::Config::with_defaults(std::path::Path::new(dev.crate_dir))
                    .with_base(dev.base);
            config.dev_origin = dev.dev_origin.to_owned();
            config.root = dev.root.map(std::path::PathBuf::from);
            config
        })
    }

    #[cfg(feature = "dev")]
    fn html(
        &self,
        names: &[&str],
        _options: TagOptions,
        _caller: Caller,
    ) -> Result<OwnedTags, AssetError> {
        match vite_asset_core::render::development(self.dev_config(), names) {
            Ok(html) => Ok(OwnedTags::joined(html)),
            Err(mut errors) => Err(AssetError::new(
                AssetErrorKind::NotASource,
                errors.remove(0).1,
            )),
        }
    }

    /// The tags of `names`: the table's own for an entry point alone with the
    /// build's settings; otherwise joined by the writer of `vite_tags!` from
    /// the tags the table has for each file.
    #[cfg(not(feature = "dev"))]
    fn html(
        &self,
        names: &[&str],
        options: TagOptions,
        caller: Caller,
    ) -> Result<OwnedTags, AssetError> {
        let table = &self.table;
        let (integrity, prefetch) = options.resolved(table.integrity, table.prefetch);
        let mut each = Vec::with_capacity(names.len());
        let mut prefetches = Vec::new();
        for name in names {
            let asset = self.asset(name)?;
            let Some(needs) = &asset.needs else {
                let diagnostic = suggest::not_an_entry(name, asset.file, caller);
                return Err(AssetError::new(AssetErrorKind::NotAnEntry, diagnostic));
            };
            if let ([_], Some(tags)) = (names, needs.tags) {
                if (integrity, prefetch) == (table.integrity, table.prefetch) {
                    return Ok(OwnedTags::from(tags));
                }
            }
            if prefetch {
                prefetches.extend_from_slice(needs.prefetches);
            }
            each.push(NeededLists {
                stylesheets: needs.stylesheets,
                scripts: needs.scripts,
                preloads: needs.preloads,
            });
        }
        let needed = Needed::combine(each.iter().copied());
        let variant = usize::from(integrity);
        let html = compose(table.import_map, &needed, prefetches, |html, index, tag| {
            // The indices and the files come from one expansion of `vite_manifest!()`.
            let file = &table.files[index as usize];
            html.push_written(match tag {
                FileTag::Stylesheet => file.stylesheet[variant],
                FileTag::Script => file.script[variant],
                FileTag::Preload => file.preload[variant],
                FileTag::Prefetch => file.prefetch,
            });
            Ok::<_, Infallible>(())
        });
        let Ok(html) = html;
        Ok(OwnedTags::joined(html))
    }

    /// The manifest's entry `name`, or what is wrong with the name.
    #[cfg(not(feature = "dev"))]
    fn asset(&self, name: &str) -> Result<&Asset, AssetError> {
        let assets = self.table.assets;
        match assets.binary_search_by(|asset| asset.name.cmp(name)) {
            Ok(index) => Ok(&assets[index]),
            Err(_) if name.starts_with('@') && !suggest::DEV_SERVER_IDS.contains(&name) => {
                let diagnostic = suggest::not_a_dev_server_id(name);
                Err(AssetError::new(AssetErrorKind::NotInManifest, diagnostic))
            }
            Err(_) => Err(AssetError::new(
                AssetErrorKind::NotInManifest,
                self.context().not_in_manifest(name),
            )),
        }
    }

    #[cfg(not(feature = "dev"))]
    fn context(&self) -> ManifestContext<'static> {
        let table = &self.table;
        ManifestContext {
            manifest: table.manifest,
            keys: table.keys,
            entries: table.entries,
            input_option: table.input_option,
            config_file: table.config_file,
        }
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
