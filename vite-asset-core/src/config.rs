//! Where the manifest is and how URLs are built: `[package.metadata.vite]` in the
//! `Cargo.toml` of the crate that uses vite-asset, overridden by environment variables.

use std::path::{Path, PathBuf};
use std::sync::OnceLock;

use serde::Deserialize;

use crate::attributes::{Attributes, GivenValue};
use crate::diagnostic::Diagnostic;
use crate::vite_project::{self, ViteProject};

/// What every environment variable of vite-asset starts with. Not `VITE_`: Vite
/// reads the variables that start with its `envPrefix`, `VITE_` by default, and
/// exposes them to the frontend's code, so a `VITE_BASE` set for the frontend
/// must not change the backend's URLs, nor ours leak into the bundle.
pub const ENV_PREFIX: &str = "VITEASSET_";

/// The environment variable that overrides `manifest`.
pub(crate) const ENV_MANIFEST: &str = "VITEASSET_MANIFEST";
/// The environment variable that overrides `base`.
pub(crate) const ENV_BASE: &str = "VITEASSET_BASE";
/// The environment variable that overrides `dev-origin`.
pub(crate) const ENV_DEV_ORIGIN: &str = "VITEASSET_DEV_ORIGIN";
/// The environment variable that overrides `root`.
pub(crate) const ENV_ROOT: &str = "VITEASSET_ROOT";
/// The environment variable that overrides `out-dir`.
pub(crate) const ENV_OUT_DIR: &str = "VITEASSET_OUT_DIR";
/// Every variable that overrides a key: a change to one changes what the macros expand to.
pub const OVERRIDE_ENV: [&str; 5] = [
    ENV_MANIFEST,
    ENV_BASE,
    ENV_DEV_ORIGIN,
    ENV_ROOT,
    ENV_OUT_DIR,
];

/// Set by a build script that watches the configuration (`vite_asset::build::watch_manifest`)
/// for the crate's compilation: the files it watches (the manifests and the crate's
/// `Cargo.toml`), absolute, joined as in `PATH`. With the `Cargo.toml` it also
/// watches [`OVERRIDE_ENV`], so the macros leave all of these out of rustc's tracking.
pub const WATCHED_BY_BUILD_SCRIPT_ENV: &str = "VITEASSET_WATCHED_BY_BUILD_SCRIPT";

/// Set by a build script that precompresses the built files
/// (`vite_asset::build::precompress`) for the crate's compilation: the
/// directory, under the build script's `OUT_DIR`, where each built file has its
/// `.br` and `.gz` variants, for `vite_files!()` to embed.
pub const PRECOMPRESSED_DIR_ENV: &str = "VITEASSET_PRECOMPRESSED_DIR";

/// Vite's `build.outDir` when none is configured.
pub(crate) const DEFAULT_OUT_DIR: &str = "dist";

/// Where Vite writes the manifest inside its output directory: with
/// `build.manifest: true` since Vite 5, then where earlier versions (and
/// `build.manifest: "manifest.json"`) write it.
pub const MANIFEST_IN_OUT_DIR: [&str; 2] = [".vite/manifest.json", "manifest.json"];

/// Vite's `base` when none is configured.
pub(crate) const DEFAULT_BASE: &str = "/";
/// The Vite DevServer's origin when none is configured.
pub(crate) const DEFAULT_DEV_ORIGIN: &str = "http://localhost:5173";

/// The resolved configuration of one crate that uses vite-asset.
///
/// ```
/// use std::path::Path;
/// use vite_asset_core::Config;
///
/// let config = Config::with_defaults(Path::new("/app")).with_base("assets");
/// assert_eq!(config.base, "/assets/", "normalized as Vite does");
/// assert_eq!(config.dev_origin, "http://localhost:5173");
/// ```
#[derive(Debug, Clone, PartialEq)]
pub struct Config {
    /// The crate's directory (`CARGO_MANIFEST_DIR`); relative paths start here.
    pub crate_dir: PathBuf,
    /// The crate's `Cargo.toml`.
    pub cargo_toml: PathBuf,
    /// Where the manifest is.
    pub manifest: ManifestSetting,
    /// Vite's `base`, always ending in `/` unless empty (a relative base).
    pub base: String,
    /// The DevServer origin, without a trailing `/`.
    pub dev_origin: String,
    /// Vite's `root`, where the source files are; checked in dev mode when set.
    pub root: Option<PathBuf>,
    /// Vite's `build.outDir`, when the manifest is not inside it.
    pub out_dir: Option<PathBuf>,
    /// Whether `vite_tags!` adds `integrity` attributes to every call.
    pub integrity: bool,
    /// Whether every `vite_tags!` prefetches what its entries' lazy imports load.
    pub prefetch: bool,
    /// The attributes every tag of the build carries, by kind of tag (`attrs`),
    /// under those of each call.
    pub attributes: Attributes,
    /// In development, whether URLs are paths on the page's own origin
    /// (`/assets/script.ts`), which the serving layer forwards to the DevServer
    /// (`true`, the default), or URLs of the DevServer's origin (`false`).
    pub dev_proxy: bool,
    /// In development, whether the serving layer starts the build's DevServer
    /// when none answers at `dev_origin` (default `true`).
    pub start_dev_server: bool,
    /// Whether the build's table lists its entry points (`input`) or its other
    /// files (`assets`) for vite-asset's Vite plugin: then that is where a
    /// missing one is to be added.
    pub inputs_in_cargo_toml: bool,
    /// The build this is, by the name of its table under
    /// `[package.metadata.vite.builds]`; `None` for the crate's default build.
    pub build: Option<String>,
    /// The names of every named build of the crate, sorted.
    pub builds: Vec<String>,
    /// The Vite projects in and below `crate_dir`, looked for once.
    vite_projects: OnceLock<Vec<ViteProject>>,
}

/// Where the manifest was configured, so error messages can say who to blame.
#[derive(Debug, Clone, PartialEq)]
pub enum ManifestSetting {
    /// Set explicitly: the path, and the setting that named it.
    Configured {
        /// The manifest.
        path: PathBuf,
        /// The setting, as a message names it: a key of `Cargo.toml` or a variable.
        setting: String,
    },
    /// Not set: look in the default places, `dist/.vite/manifest.json` then `dist/manifest.json`.
    Default,
}

impl Config {
    /// The configuration of a crate in `crate_dir` with nothing configured.
    pub fn with_defaults(crate_dir: &Path) -> Config {
        Config {
            crate_dir: crate_dir.to_owned(),
            cargo_toml: crate_dir.join("Cargo.toml"),
            manifest: ManifestSetting::Default,
            base: DEFAULT_BASE.to_owned(),
            dev_origin: DEFAULT_DEV_ORIGIN.to_owned(),
            root: None,
            out_dir: None,
            integrity: false,
            prefetch: false,
            attributes: Attributes::default(),
            dev_proxy: true,
            start_dev_server: true,
            inputs_in_cargo_toml: false,
            build: None,
            builds: Vec::new(),
            vite_projects: OnceLock::new(),
        }
    }

    /// The same configuration with `base`, normalized as Vite normalizes it.
    #[must_use]
    pub fn with_base(mut self, base: &str) -> Config {
        self.base = normalize_base(base);
        self
    }

    /// The same configuration with its DevServer at `origin` (as a `Config`
    /// read from `Cargo.toml` has it, normalized) and Vite's `root`: what a
    /// table written at compile time keeps of the configuration, made whole
    /// again at run time.
    ///
    /// ```
    /// use std::path::Path;
    /// use vite_asset_core::Config;
    ///
    /// let config = Config::with_defaults(Path::new("/app"))
    ///     .with_dev_server("http://localhost:5174", Some(Path::new("/app/frontend")));
    /// assert_eq!(config.dev_origin, "http://localhost:5174");
    /// assert_eq!(config.root.as_deref(), Some(Path::new("/app/frontend")));
    /// ```
    #[must_use]
    pub fn with_dev_server(mut self, origin: &str, root: Option<&Path>) -> Config {
        self.dev_origin = origin.to_owned();
        self.root = root.map(Path::to_path_buf);
        self
    }

    /// Reads the configuration of the crate in `crate_dir` from its `Cargo.toml`,
    /// with `env` giving the value of each overriding variable that is set.
    ///
    /// ```
    /// # let dir = std::env::temp_dir().join(format!("vite-asset-core-doc-{}", std::process::id()));
    /// # std::fs::create_dir_all(&dir).unwrap();
    /// std::fs::write(
    ///     dir.join("Cargo.toml"),
    ///     "[package]\nname = \"app\"\n[package.metadata.vite]\nbase = \"/assets/\"\n",
    /// ).unwrap();
    /// let config = vite_asset_core::Config::read(&dir, &|name| {
    ///     (name == "VITEASSET_DEV_ORIGIN").then(|| "http://127.0.0.1:3000".to_owned())
    /// })?;
    /// assert_eq!((config.base.as_str(), config.dev_origin.as_str()), ("/assets/", "http://127.0.0.1:3000"));
    /// # Ok::<(), vite_asset_core::Diagnostic>(())
    /// ```
    pub fn read(
        crate_dir: &Path,
        env: &dyn Fn(&str) -> Option<String>,
    ) -> Result<Config, Diagnostic> {
        Config::read_build(crate_dir, env, None)
    }

    /// Reads the configuration of the build `build` of the crate in
    /// `crate_dir`: the table `[package.metadata.vite.builds.<build>]`, with the
    /// variables [named for it](env_names); `None` is the default build,
    /// `[package.metadata.vite]` itself.
    ///
    /// ```
    /// # let dir = std::env::temp_dir().join(format!("vite-asset-core-doc-build-{}", std::process::id()));
    /// # std::fs::create_dir_all(&dir).unwrap();
    /// std::fs::write(
    ///     dir.join("Cargo.toml"),
    ///     "[package]\nname = \"app\"\n[package.metadata.vite.builds.admin]\nbase = \"/admin/assets/\"\n",
    /// ).unwrap();
    /// let admin = vite_asset_core::Config::read_build(&dir, &|_| None, Some("admin"))?;
    /// assert_eq!(admin.base, "/admin/assets/");
    /// let error = vite_asset_core::Config::read_build(&dir, &|_| None, Some("admn")).unwrap_err();
    /// assert!(error.to_string().contains("did you mean `admin`?"), "{error}");
    /// # Ok::<(), vite_asset_core::Diagnostic>(())
    /// ```
    pub fn read_build(
        crate_dir: &Path,
        env: &dyn Fn(&str) -> Option<String>,
        build: Option<&str>,
    ) -> Result<Config, Diagnostic> {
        let cargo_toml = crate_dir.join("Cargo.toml");
        let text = std::fs::read_to_string(&cargo_toml).map_err(|error| {
            Diagnostic::new(format!("cannot read `{}`: {error}", cargo_toml.display()))
        })?;
        let invalid = |table: &str, error: &str| {
            Diagnostic::new(format!(
                "`{table}` in `{}` is not valid: {}",
                cargo_toml.display(),
                error.trim_end()
            ))
            .fix(
                "the keys are `manifest`, `base`, `dev-origin`, `root` and `out-dir`, each a string, \
                 and `integrity`, `prefetch`, `dev-proxy` and `start-dev-server`, true or false, and `attrs`, \
                 a table of attributes by kind of tag; named builds are tables under \
                 `[package.metadata.vite.builds]`, with the same keys",
            )
        };
        let mut metadata =
            parse_metadata(&text).map_err(|error| invalid("[package.metadata.vite]", &error))?;
        let named = std::mem::take(&mut metadata.builds);
        let builds: Vec<String> = named.keys().cloned().collect();
        for (name, table) in &named {
            check_build_name(name, &cargo_toml)?;
            if !table.builds.is_empty() {
                return Err(invalid(
                    &format!("[package.metadata.vite.builds.{name}]"),
                    "a build has no builds of its own",
                ));
            }
        }
        let (metadata, table) = match build {
            None => (metadata, "[package.metadata.vite]".to_owned()),
            Some(name) => match named.into_iter().find(|(named, _)| named == name) {
                Some((_, table)) => (table, format!("[package.metadata.vite.builds.{name}]")),
                None => return Err(unknown_build(name, &builds, &cargo_toml)),
            },
        };
        let [env_manifest, env_base, env_dev_origin, env_root, env_out_dir] = env_names(build);

        let metadata_setting =
            |key: &str| format!("`{key}` in `{table}` of `{}`", cargo_toml.display());
        let manifest = match (env(&env_manifest), metadata.manifest) {
            (Some(path), _) => ManifestSetting::Configured {
                path: crate_dir.join(path),
                setting: format!("the `{env_manifest}` environment variable"),
            },
            (None, Some(path)) => ManifestSetting::Configured {
                path: crate_dir.join(path),
                setting: metadata_setting("manifest"),
            },
            (None, None) => ManifestSetting::Default,
        };
        let base = env(&env_base)
            .or(metadata.base)
            .unwrap_or_else(|| DEFAULT_BASE.to_owned());
        let dev_origin = match (env(&env_dev_origin), metadata.dev_origin) {
            (Some(origin), _) => normalize_origin(
                &origin,
                &format!("the `{env_dev_origin}` environment variable"),
            )?,
            (None, Some(origin)) => normalize_origin(&origin, &metadata_setting("dev-origin"))?,
            (None, None) => DEFAULT_DEV_ORIGIN.to_owned(),
        };
        let root = env(&env_root)
            .or(metadata.root)
            .map(|root| crate_dir.join(root));
        let out_dir = env(&env_out_dir)
            .or(metadata.out_dir)
            .map(|out_dir| crate_dir.join(out_dir));

        let mut attributes = Attributes::default();
        for (target, names) in metadata.attrs.unwrap_or_default() {
            for (name, value) in names {
                let value = match &value {
                    AttributeValue::Text(text) => GivenValue::Text(text),
                    AttributeValue::Bare(flag) => GivenValue::Flag(*flag),
                };
                attributes
                    .add_given(&target, &name, value)
                    .map_err(|error| {
                        let diagnostic = Diagnostic::from(error);
                        let fix = diagnostic.fix_text().unwrap_or_default().to_owned();
                        Diagnostic::new(format!(
                            "{}: {}",
                            metadata_setting("attrs"),
                            diagnostic.message()
                        ))
                        .fix(fix)
                    })?;
            }
        }

        Ok(Config {
            crate_dir: crate_dir.to_owned(),
            cargo_toml,
            manifest,
            base: normalize_base(&base),
            dev_origin,
            root,
            out_dir,
            integrity: metadata.integrity.unwrap_or(false),
            prefetch: metadata.prefetch.unwrap_or(false),
            attributes,
            dev_proxy: metadata.dev_proxy.unwrap_or(true),
            start_dev_server: metadata.start_dev_server.unwrap_or(true),
            inputs_in_cargo_toml: metadata.input.is_some() || metadata.assets.is_some(),
            build: build.map(str::to_owned),
            builds,
            vite_projects: OnceLock::new(),
        })
    }

    /// Every build of the crate in `crate_dir`: the default one, then each named build.
    pub fn read_all(
        crate_dir: &Path,
        env: &dyn Fn(&str) -> Option<String>,
    ) -> Result<Vec<Config>, Diagnostic> {
        let default = Config::read(crate_dir, env)?;
        let mut all = Vec::with_capacity(1 + default.builds.len());
        for name in &default.builds {
            all.push(Config::read_build(crate_dir, env, Some(name))?);
        }
        all.insert(0, default);
        Ok(all)
    }

    /// The build's name as messages show it: `` build `admin` `` or `the default build`.
    pub fn build_shown(&self) -> String {
        match &self.build {
            Some(name) => format!("build `{name}`"),
            None => "the default build".to_owned(),
        }
    }

    /// The configuration of the crate that cargo is compiling or building
    /// (`CARGO_MANIFEST_DIR`), with the overriding variables of this process.
    pub fn of_cargo_crate() -> Result<Config, Diagnostic> {
        Config::read(&cargo_crate_dir()?, &env_var)
    }

    /// The build `build` of the crate that cargo is compiling or building.
    pub fn of_cargo_crate_build(build: Option<&str>) -> Result<Config, Diagnostic> {
        Config::read_build(&cargo_crate_dir()?, &env_var, build)
    }

    /// The places the manifest is looked for when none is configured, in order.
    pub(crate) fn default_manifests() -> impl Iterator<Item = PathBuf> {
        MANIFEST_IN_OUT_DIR
            .iter()
            .map(|name| Path::new(DEFAULT_OUT_DIR).join(name))
    }

    /// The manifest file to read, or every place that was tried when none exists.
    pub fn manifest_path(&self) -> Result<PathBuf, Diagnostic> {
        match &self.manifest {
            ManifestSetting::Configured { path, setting } => {
                if path.is_file() {
                    return Ok(path.clone());
                }
                let what = match std::fs::read_link(path) {
                    Ok(target) if !path.exists() => format!(
                        "is a symbolic link to `{}`, which does not exist",
                        target.display()
                    ),
                    _ if path.is_dir() => "is a directory, not a file".to_owned(),
                    _ if path.exists() => "is not a file".to_owned(),
                    _ => "does not exist".to_owned(),
                };
                Err(Diagnostic::new(format!(
                    "the Vite manifest `{}` {what}; its path is set by {setting}",
                    self.display(path)
                ))
                .fix(format!(
                    "run the Vite build (`npm run build`) before `cargo build`; \
                     if Vite writes the manifest elsewhere (`build.outDir` and `build.manifest` \
                     in {config}), change {setting} to that path; \
                     in development, enable the `dev` feature of vite-asset to use the Vite DevServer instead",
                    config = self.vite_config_shown()
                )))
            }
            ManifestSetting::Default => {
                if let Some(found) = Config::default_manifests()
                    .map(|candidate| self.crate_dir.join(candidate))
                    .find(|path| path.is_file())
                {
                    return Ok(found);
                }
                let tried: String = Config::default_manifests()
                    .map(|path| format!("\n    {}", path.display()))
                    .collect();
                let diagnostic = Diagnostic::new(format!(
                    "no Vite manifest found in `{}`; looked for:{tried}",
                    self.crate_dir.display()
                ));
                Err(self.where_the_manifest_is(diagnostic))
            }
        }
    }

    /// `diagnostic` (no manifest at the default places) with what the crate's
    /// directory holds: the manifests that Vite builds left below it, with the
    /// line to add, or else the Vite projects to build.
    fn where_the_manifest_is(&self, diagnostic: Diagnostic) -> Diagnostic {
        let dev_instead =
            "in development, enable the `dev` feature of vite-asset to use the Vite DevServer instead";
        let manifests = vite_project::find_manifests(&self.crate_dir);
        if let Some(first) = manifests.first() {
            let mut diagnostic = diagnostic;
            for manifest in &manifests {
                diagnostic = diagnostic.note(format!(
                    "found a Vite manifest at `{}`",
                    self.display(manifest)
                ));
            }
            let relative = self.display(first).replace('\\', "/");
            return diagnostic.fix(format!(
                "add `manifest = \"{relative}\"` under `[package.metadata.vite]` in Cargo.toml \
                 (or set the `{ENV_MANIFEST}` environment variable); {dev_instead}"
            ));
        }
        // Looked for again, not taken from `vite_projects`: this is the error path,
        // and the user may have just made the project.
        let projects = ViteProject::below(&self.crate_dir);
        if let Some(project) = projects.first() {
            let dir = match self.display(&project.dir) {
                dir if dir.is_empty() => ".".to_owned(),
                dir => dir,
            };
            return diagnostic.fix(format!(
                "run the Vite build in `{dir}` (`npm run build`), with `build.manifest: true` in `{}`, \
                 before `cargo build`; if Vite writes the manifest elsewhere, set `manifest` under \
                 `[package.metadata.vite]` in Cargo.toml or the `{ENV_MANIFEST}` environment variable; \
                 {dev_instead}",
                self.display(&project.config_file)
            ));
        }
        diagnostic.fix(format!(
            "run the Vite build (`npm run build`, with `build.manifest` enabled in `vite.config.*`) \
             before `cargo build`; if Vite writes the manifest elsewhere, set `manifest` under \
             `[package.metadata.vite]` in Cargo.toml or the `{ENV_MANIFEST}` environment variable; \
             {dev_instead}"
        ))
    }

    /// Vite's output directory, where the files the manifest lists are: `out-dir`
    /// when set, otherwise the manifest's directory (`dist/` for `dist/manifest.json`
    /// and for `dist/.vite/manifest.json`).
    pub fn out_dir(&self, manifest_path: &Path) -> PathBuf {
        if let Some(out_dir) = &self.out_dir {
            return out_dir.clone();
        }
        let dir = manifest_path.parent().unwrap_or(Path::new(""));
        match dir.file_name() {
            Some(name) if name == ".vite" => dir.parent().unwrap_or(dir).to_owned(),
            _ => dir.to_owned(),
        }
    }

    /// The Vite projects (directories with a `vite.config.*`) in and below the
    /// crate's directory, as [`ViteProject::below`] finds them the first time this
    /// configuration is asked.
    pub(crate) fn vite_projects(&self) -> &[ViteProject] {
        self.vite_projects
            .get_or_init(|| ViteProject::below(&self.crate_dir))
    }

    /// The Vite project whose DevServer serves this build in development: the one
    /// around `root`, else the one around the configured manifest, else the only
    /// Vite project in and below the crate's directory. `None` when that is not
    /// known (no project, or several and nothing says which).
    ///
    /// ```
    /// # let dir = std::env::temp_dir().join(format!("vite-asset-core-doc-project-{}", std::process::id()));
    /// # std::fs::create_dir_all(dir.join("frontend/src")).unwrap();
    /// std::fs::write(dir.join("frontend/vite.config.ts"), "export default {}").unwrap();
    /// std::fs::write(
    ///     dir.join("Cargo.toml"),
    ///     "[package]\nname = \"app\"\n[package.metadata.vite]\nroot = \"frontend/src\"\n",
    /// ).unwrap();
    /// let config = vite_asset_core::Config::read(&dir, &|_| None)?;
    /// assert_eq!(config.dev_project().unwrap().dir, dir.join("frontend"));
    /// # Ok::<(), vite_asset_core::Diagnostic>(())
    /// ```
    pub fn dev_project(&self) -> Option<ViteProject> {
        let around = |path: &Path| {
            ViteProject::at(path).or_else(|| ViteProject::around(path, &self.crate_dir))
        };
        if let Some(project) = self.root.as_deref().and_then(around) {
            return Some(project);
        }
        if let ManifestSetting::Configured { path, .. } = &self.manifest {
            if let Some(project) = ViteProject::around(path, &self.crate_dir) {
                return Some(project);
            }
        }
        match self.vite_projects() {
            [only] => Some(only.clone()),
            _ => None,
        }
    }

    /// The Vite config file for a message: the project's own (`frontend/vite.config.ts`)
    /// when [`dev_project`](Self::dev_project) knows it, else `vite.config.*`.
    pub(crate) fn vite_config_shown(&self) -> String {
        let config = self.dev_project().map_or_else(
            || "vite.config.*".to_owned(),
            |project| self.display(&project.config_file),
        );
        format!("`{config}`")
    }

    /// The build's table in Cargo.toml: `[package.metadata.vite]`, or
    /// `[package.metadata.vite.builds.admin]` for the build `admin`.
    pub fn table(&self) -> String {
        match &self.build {
            None => "[package.metadata.vite]".to_owned(),
            Some(name) => format!("[package.metadata.vite.builds.{name}]"),
        }
    }

    /// A path as the user should read it: relative to the crate when inside it.
    pub fn display(&self, path: &Path) -> String {
        path.strip_prefix(&self.crate_dir)
            .unwrap_or(path)
            .display()
            .to_string()
    }
}

/// The directory of the crate that cargo is compiling (`CARGO_MANIFEST_DIR`).
pub fn cargo_crate_dir() -> Result<PathBuf, Diagnostic> {
    std::env::var_os("CARGO_MANIFEST_DIR")
        .map(PathBuf::from)
        .ok_or_else(|| {
            Diagnostic::new(
                "`CARGO_MANIFEST_DIR` is not set, so the calling crate's Cargo.toml cannot be found",
            )
            .fix("build with cargo")
        })
}

/// The variables that override the keys of the build `build` (`None`, the
/// default build: [`OVERRIDE_ENV`]), in the order manifest, base, dev-origin,
/// root, out-dir: `VITEASSET_ADMIN_MANIFEST` and so on for the build `admin`.
///
/// ```
/// let [manifest, ..] = vite_asset_core::config::env_names(Some("admin"));
/// assert_eq!(manifest, "VITEASSET_ADMIN_MANIFEST");
/// assert_eq!(vite_asset_core::config::env_names(None)[1], "VITEASSET_BASE");
/// ```
pub fn env_names(build: Option<&str>) -> [String; 5] {
    OVERRIDE_ENV.map(|name| match build {
        None => name.to_owned(),
        Some(build) => format!(
            "{ENV_PREFIX}{}_{}",
            build.to_ascii_uppercase(),
            &name[ENV_PREFIX.len()..]
        ),
    })
}

/// Names that the macros read as options, so no build may have them.
pub(crate) const RESERVED_BUILD_NAMES: [&str; 5] =
    ["integrity", "prefetch", "attrs", "from_disk", "public"];

/// A build's name must be a Rust identifier in lower case (the macros take it
/// as one: `vite_asset!(admin, "…")`), and none of the macros' options.
fn check_build_name(name: &str, cargo_toml: &Path) -> Result<(), Diagnostic> {
    let mut chars = name.chars();
    let identifier = chars.next().is_some_and(|c| c.is_ascii_lowercase())
        && chars.all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '_');
    let problem = match (identifier, RESERVED_BUILD_NAMES.contains(&name)) {
        (false, _) => "it is not a lower-case identifier (`admin`, `site_2`)",
        (true, true) => "it is the name of an option of the macros",
        (true, false) => return Ok(()),
    };
    Err(Diagnostic::new(format!(
        "the build `{name}` under `[package.metadata.vite.builds]` of `{}` cannot have that name: {problem}",
        cargo_toml.display()
    ))
    .fix("rename its table: the macros name a build as they name a variable, `vite_asset!(admin, \"src/main.ts\")`"))
}

/// The diagnostic for a macro's `build` that the crate does not configure.
fn unknown_build(name: &str, builds: &[String], cargo_toml: &Path) -> Diagnostic {
    let mut diagnostic = Diagnostic::new(format!(
        "no Vite build named `{name}` in `{}`",
        cargo_toml.display()
    ));
    if let Some(suggestions) = crate::suggest::did_you_mean(name, builds.iter().map(String::as_str))
    {
        diagnostic = diagnostic.note(suggestions);
    }
    diagnostic = match builds.is_empty() {
        true => diagnostic.note("the crate configures no named build, only the default one"),
        false => diagnostic.note(format!(
            "its builds: {}",
            builds
                .iter()
                .map(|build| format!("`{build}`"))
                .collect::<Vec<_>>()
                .join(", ")
        )),
    };
    let add = format!(
        "add a table `[package.metadata.vite.builds.{name}]` with its `manifest` and `base`"
    );
    let default = "without a name, a call uses the default build, `[package.metadata.vite]`";
    diagnostic.fix(match builds.is_empty() {
        true => format!("{add}; {default}"),
        false => format!("name one of them, or {add}; {default}"),
    })
}

/// The value of the environment variable `name`, unless it is unset or empty.
pub fn env_var(name: &str) -> Option<String> {
    std::env::var(name).ok().filter(|value| !value.is_empty())
}

/// `[package.metadata.vite]`, as written in Cargo.toml.
#[derive(Debug, Default, Deserialize)]
#[serde(
    deny_unknown_fields,
    rename_all = "kebab-case",
    expecting = "a table of keys, such as `manifest = \"dist/.vite/manifest.json\"` under `[package.metadata.vite]`"
)]
struct ViteMetadata {
    manifest: Option<String>,
    base: Option<String>,
    dev_origin: Option<String>,
    root: Option<String>,
    out_dir: Option<String>,
    integrity: Option<bool>,
    prefetch: Option<bool>,
    /// `attrs.script = { "data-turbo-track" = "reload" }`: attributes by kind of tag.
    attrs: Option<
        std::collections::BTreeMap<String, std::collections::BTreeMap<String, AttributeValue>>,
    >,
    dev_proxy: Option<bool>,
    start_dev_server: Option<bool>,
    /// Read by vite-asset's Vite plugin (the build's entry points, and files
    /// that only server code names); here, only whether they are given.
    input: Option<Vec<String>>,
    assets: Option<Vec<String>>,
    #[serde(default)]
    builds: std::collections::BTreeMap<String, ViteMetadata>,
}

/// An attribute's value in `attrs`: a string, or `true` for a bare attribute.
#[derive(Debug, Deserialize)]
#[serde(
    untagged,
    expecting = "a string, or `true` for an attribute without a value"
)]
enum AttributeValue {
    Text(String),
    Bare(bool),
}

#[derive(Deserialize)]
struct CargoToml {
    package: Option<Package>,
}

#[derive(Deserialize)]
struct Package {
    metadata: Option<PackageMetadata>,
}

#[derive(Deserialize)]
struct PackageMetadata {
    vite: Option<ViteMetadata>,
}

fn parse_metadata(cargo_toml: &str) -> Result<ViteMetadata, String> {
    let parsed: CargoToml = toml::from_str(cargo_toml).map_err(|error| error.to_string())?;
    Ok(parsed
        .package
        .and_then(|package| package.metadata)
        .and_then(|metadata| metadata.vite)
        .unwrap_or_default())
}

/// Vite's `base`, as Vite itself reads it: a path gets a leading `/` (`assets`
/// is `/assets/`) and a trailing one; a full URL (`https://cdn…/`, `//cdn…/`)
/// gets a trailing `/`; a relative base (empty, or starting with `.`) stays
/// relative to the page.
fn normalize_base(base: &str) -> String {
    let relative = base.is_empty() || base.starts_with('.');
    let mut normalized = match relative || base.starts_with('/') || base.contains("://") {
        true => base.to_owned(),
        false => format!("/{base}"),
    };
    if !normalized.is_empty() && !normalized.ends_with('/') {
        normalized.push('/');
    }
    normalized
}

/// The DevServer origin, without a trailing `/`; `setting` says where it was set.
fn normalize_origin(origin: &str, setting: &str) -> Result<String, Diagnostic> {
    let trimmed = origin.trim_end_matches('/');
    let after_scheme = trimmed
        .strip_prefix("http://")
        .or_else(|| trimmed.strip_prefix("https://"));
    let problem = match after_scheme {
        None => "it does not start with `http://` or `https://`".to_owned(),
        Some("") => "it has no host".to_owned(),
        Some(host) => match host.find(['/', '?', '#']) {
            Some(at) => format!("it has a path, `{}`", &host[at..]),
            None if host.contains(char::is_whitespace) => "it contains a space".to_owned(),
            None => return Ok(trimmed.to_owned()),
        },
    };
    Err(Diagnostic::new(format!(
        "the Vite DevServer origin `{origin}`, set by {setting}, is not an origin: {problem}"
    ))
    .fix(format!(
        "set it to a scheme, host and port with no path, like `{DEFAULT_DEV_ORIGIN}` \
         (`server.origin` in `vite.config.*`, or the address Vite prints); a path belongs in `base`"
    )))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn config(cargo_toml: &str, env: &[(&str, &str)]) -> Result<Config, String> {
        static NEXT: std::sync::atomic::AtomicUsize = std::sync::atomic::AtomicUsize::new(0);
        let n = NEXT.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
        let dir =
            std::env::temp_dir().join(format!("vite-asset-config-{}-{n}", std::process::id()));
        std::fs::create_dir_all(&dir).unwrap();
        let path = dir.join("Cargo.toml");
        std::fs::write(&path, cargo_toml).unwrap();
        let env: std::collections::HashMap<String, String> = env
            .iter()
            .map(|(key, value)| (key.to_string(), value.to_string()))
            .collect();
        Config::read(&dir, &|name| env.get(name).cloned()).map_err(|error| error.to_string())
    }

    const PACKAGE: &str = "[package]\nname = \"app\"\nversion = \"0.1.0\"\n";

    #[test]
    fn defaults_without_metadata() {
        let config = config(PACKAGE, &[]).unwrap();
        assert_eq!(config.manifest, ManifestSetting::Default);
        assert_eq!(config.base, "/");
        assert_eq!(config.dev_origin, "http://localhost:5173");
        assert_eq!(config.root, None);
    }

    #[test]
    fn metadata_is_read_and_environment_overrides_it() {
        let toml = format!(
            "{PACKAGE}[package.metadata.vite]\nmanifest = \"assets_compiled/manifest.json\"\n\
             base = \"/assets\"\ndev-origin = \"http://127.0.0.1:3000/\"\nroot = \"assets_source\"\n\
             [package.metadata.other-tool]\nanything = 1\n"
        );
        let from_metadata = config(&toml, &[]).unwrap();
        assert!(
            from_metadata.base == "/assets/" && from_metadata.dev_origin == "http://127.0.0.1:3000"
        );
        match &from_metadata.manifest {
            ManifestSetting::Configured { path, setting } => {
                assert!(path.ends_with("assets_compiled/manifest.json"));
                assert!(setting.contains("[package.metadata.vite]"));
            }
            other => panic!("{other:?}"),
        }
        assert!(from_metadata.root.unwrap().ends_with("assets_source"));

        let overridden = config(
            &toml,
            &[
                (ENV_MANIFEST, "other.json"),
                (ENV_BASE, "https://cdn.example.com/app/"),
                (ENV_DEV_ORIGIN, "https://vite.test:5173"),
            ],
        )
        .unwrap();
        assert!(
            matches!(&overridden.manifest, ManifestSetting::Configured { path, setting }
            if path.ends_with("other.json") && setting.contains(ENV_MANIFEST))
        );
        assert_eq!(overridden.base, "https://cdn.example.com/app/");
        assert_eq!(overridden.dev_origin, "https://vite.test:5173");
    }

    #[test]
    fn each_build_s_attributes_are_read_and_checked() {
        let read = config(
            &format!(
                "{PACKAGE}[package.metadata.vite.attrs]\n\
                 script = {{ \"data-turbo-track\" = \"reload\", defer = true, async = false }}\n\
                 stylesheet = {{ media = \"print\" }}\n\
                 [package.metadata.vite.builds.admin]\nbase = \"/admin/\"\n"
            ),
            &[],
        )
        .unwrap();
        let script = read.attributes.written(crate::html::FileTag::Script);
        assert_eq!(
            script.html, " data-turbo-track=\"reload\" defer",
            "`async = false` writes nothing"
        );
        let stylesheet = read.attributes.written(crate::html::FileTag::Stylesheet);
        assert_eq!(stylesheet.html, " media=\"print\"");
        for (table, expected) in [
            (
                "script = { src = \"/x.js\" }",
                "`attrs` in `[package.metadata.vite]` of `",
            ),
            (
                "script = { src = \"/x.js\" }",
                "vite-asset writes `src` itself",
            ),
            (
                "scripts = { defer = true }",
                "`scripts` is not a kind of tag",
            ),
            ("script = { defer = 1 }", "a string, or `true`"),
        ] {
            let error = config(
                &format!("{PACKAGE}[package.metadata.vite.attrs]\n{table}\n"),
                &[],
            )
            .unwrap_err();
            assert!(error.contains(expected), "{table}: {error}");
            assert!(error.contains("to fix:"), "{table}: {error}");
        }
    }

    #[test]
    fn unknown_keys_and_wrong_types_name_the_key() {
        let unknown = config(
            &format!("{PACKAGE}[package.metadata.vite]\nmanifset = \"x\"\n"),
            &[],
        )
        .unwrap_err();
        assert!(
            unknown.contains("manifset") && unknown.contains("to fix"),
            "{unknown}"
        );
        let wrong_type = config(
            &format!("{PACKAGE}[package.metadata.vite]\nbase = 5\n"),
            &[],
        )
        .unwrap_err();
        assert!(
            wrong_type.contains("base") && wrong_type.contains("string"),
            "{wrong_type}"
        );
    }

    #[test]
    fn the_output_directory_is_out_dir_or_beside_the_manifest() {
        let default = config(PACKAGE, &[]).unwrap();
        assert!(!default.integrity);
        assert_eq!(
            default.out_dir(Path::new("/app/dist/.vite/manifest.json")),
            Path::new("/app/dist"),
            "Vite 5+ writes the manifest into .vite/ inside the output directory"
        );
        assert_eq!(
            default.out_dir(Path::new("/app/assets_compiled/manifest.json")),
            Path::new("/app/assets_compiled")
        );
        let moved = config(
            &format!(
                "{PACKAGE}[package.metadata.vite]\nout-dir = \"public/build\"\nintegrity = true\n"
            ),
            &[],
        )
        .unwrap();
        assert!(moved.integrity);
        assert!(moved
            .out_dir(Path::new("/elsewhere/manifest.json"))
            .ends_with("public/build"));
        let wrong_type = config(
            &format!("{PACKAGE}[package.metadata.vite]\nintegrity = \"yes\"\n"),
            &[],
        )
        .unwrap_err();
        assert!(
            wrong_type.contains("integrity") && wrong_type.contains("true or false"),
            "{wrong_type}"
        );
    }

    #[test]
    fn an_origin_with_a_path_is_refused() {
        let error =
            config(PACKAGE, &[(ENV_DEV_ORIGIN, "http://localhost:5173/assets")]).unwrap_err();
        assert!(
            error.contains("`base`")
                && error.contains("`/assets`")
                && error.contains(ENV_DEV_ORIGIN),
            "{error}"
        );
        for origin in [
            "localhost:5173",
            "http://",
            "http://local host",
            "http://h:1?x",
        ] {
            assert!(
                config(PACKAGE, &[(ENV_DEV_ORIGIN, origin)]).is_err(),
                "{origin}"
            );
        }
    }

    #[test]
    fn a_manifest_elsewhere_in_the_crate_is_found_and_the_line_to_add_given() {
        let config = config(PACKAGE, &[]).unwrap();
        let error = config.manifest_path().unwrap_err().to_string();
        assert!(
            error.contains("to fix: run the Vite build (`npm run build`"),
            "{error}"
        );

        let frontend = config.crate_dir.join("frontend");
        std::fs::create_dir_all(&frontend).unwrap();
        std::fs::write(frontend.join("vite.config.ts"), "export default {}").unwrap();
        let error = config.manifest_path().unwrap_err().to_string();
        assert!(
            error.contains("to fix: run the Vite build in `frontend` (`npm run build`), with `build.manifest: true` in `frontend/vite.config.ts`"),
            "{error}"
        );

        std::fs::create_dir_all(frontend.join("dist/.vite")).unwrap();
        std::fs::write(frontend.join("dist/.vite/manifest.json"), "{}").unwrap();
        let error = config.manifest_path().unwrap_err().to_string();
        assert!(
            error.contains("found a Vite manifest at `frontend/dist/.vite/manifest.json`"),
            "{error}"
        );
        assert!(
            error.contains(
                "to fix: add `manifest = \"frontend/dist/.vite/manifest.json\"` under `[package.metadata.vite]`"
            ),
            "{error}"
        );
    }

    #[test]
    fn no_variable_is_one_that_vite_reads_or_exposes() {
        let names = OVERRIDE_ENV
            .iter()
            .chain([&WATCHED_BY_BUILD_SCRIPT_ENV, &PRECOMPRESSED_DIR_ENV]);
        for name in names {
            assert!(name.starts_with(ENV_PREFIX), "{name}");
            assert!(!name.starts_with("VITE_"), "{name} is in Vite's envPrefix");
        }
        let overridden = config(PACKAGE, &[(ENV_OUT_DIR, "public/build")]).unwrap();
        assert!(overridden.out_dir.unwrap().ends_with("public/build"));
    }

    #[test]
    fn base_is_normalized_as_vite_does() {
        for (base, normalized) in [
            ("/assets/", "/assets/"),
            ("/assets", "/assets/"),
            ("assets", "/assets/"),
            ("assets/nested", "/assets/nested/"),
            ("/", "/"),
            ("", ""),
            ("./", "./"),
            (".", "./"),
            (
                "https://cdn.example.com/app",
                "https://cdn.example.com/app/",
            ),
            ("//cdn.example.com", "//cdn.example.com/"),
        ] {
            assert_eq!(normalize_base(base), normalized, "{base}");
        }
    }
}
