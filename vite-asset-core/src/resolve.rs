//! From an asset name to its URL: the manifest's entry in production, the
//! DevServer's URL in development, and "did you mean" when a name is wrong.

use std::path::PathBuf;

use crate::built_file::BuildOutput;
use crate::config::{Config, ENV_ROOT};
use crate::diagnostic::Diagnostic;
use crate::escape;
use crate::manifest::{Entry, Manifest};
use crate::project_files;
use crate::suggest::{did_you_mean, not_a_dev_server_id, ManifestContext};
use crate::vite_project::{self, ViteProject};

/// How many source files are looked through for a dev-mode "did you mean".
const SUGGESTED_FROM_FILES: usize = 5_000;

/// The manifest entry named `name`, or a diagnostic saying what is there and how to fix it.
pub fn entry<'m>(
    manifest: &'m Manifest,
    name: &str,
    config: &Config,
) -> Result<Entry<'m>, Diagnostic> {
    if let Some(entry) = manifest.entry(name)? {
        return Ok(entry);
    }
    let shown = NotFoundContext::of(config, manifest);
    Err(shown.context().not_in_manifest(name))
}

/// What a "not in the manifest" message says about one build, owned: the macros
/// use it at once, `vite_manifest!()` writes it into the table for run time.
#[derive(Debug, Clone)]
pub struct NotFoundContext<'m> {
    /// The manifest, relative to the crate.
    pub manifest: String,
    /// The keys a user may write, sorted.
    pub keys: Vec<&'m str>,
    /// The entry points.
    pub entries: Vec<&'m str>,
    /// The option of the user's Vite that lists the entries.
    pub input_option: &'static str,
    /// The user's Vite config, as shown.
    pub config_file: String,
}

impl<'m> NotFoundContext<'m> {
    /// What is known about `manifest` and the Vite project around it.
    pub fn of(config: &Config, manifest: &'m Manifest) -> Self {
        let project = ViteProject::around(manifest.path(), &config.crate_dir);
        let (input_option, config_file) = match &project {
            _ if config.inputs_in_cargo_toml => (
                "`input` (or `assets`, for a file that only server code names)",
                format!("`{}` of Cargo.toml", config.table()),
            ),
            Some(project) => (
                project.input_option(),
                format!("`{}`", config.display(&project.config_file)),
            ),
            None => (vite_project::input_option(None), config.vite_config_shown()),
        };
        NotFoundContext {
            manifest: config.display(manifest.path()),
            keys: manifest.public_keys().collect(),
            entries: manifest.entry_keys().collect(),
            input_option,
            config_file,
        }
    }

    /// The borrowed form that writes the diagnostic.
    pub fn context(&self) -> ManifestContext<'_> {
        ManifestContext {
            manifest: &self.manifest,
            keys: &self.keys,
            entries: &self.entries,
            input_option: self.input_option,
            config_file: &self.config_file,
        }
    }
}

pub use crate::suggest::DEV_SERVER_IDS;

/// The URL of the asset `name` in production: `base` and its built file, which
/// must be in the build's output directory.
///
/// The [ids the DevServer serves](DEV_SERVER_IDS) exist only in development;
/// pages name them under `{% if vite_asset::DEV %}`, which still expands the call
/// in production, so they are an empty string there. Any other name that starts
/// with `@` and is not in the manifest is a mistake.
pub fn url(
    config: &Config,
    manifest: &Manifest,
    output: &BuildOutput,
    name: &str,
) -> Result<String, Diagnostic> {
    match entry(manifest, name, config) {
        Ok(entry) => {
            output.built_file(config, manifest, &entry.chunk.file)?;
            Ok(file_url(config, &entry.chunk.file))
        }
        Err(_) if DEV_SERVER_IDS.contains(&name) => Ok(String::new()),
        Err(_) if name.starts_with('@') => Err(not_a_dev_server_id(name)),
        Err(diagnostic) => Err(diagnostic),
    }
}

/// The URL of `file`, a path relative to Vite's output directory: `base`, then the path.
pub fn file_url(config: &Config, file: &str) -> String {
    format!("{}{}", config.base, escape::url_path(file))
}

/// `url`, which Vite wrote under its own `base` (an import map's
/// `/assets/bundled/a-1.js`), under the crate's `base` instead, as
/// [`file_url`] links the files: with `base` `https://cdn.example.com/assets/`
/// it is `https://cdn.example.com/assets/bundled/a-1.js`. A URL outside the
/// path of `base`, and any URL under a relative `base`, is left as it is.
///
/// ```
/// # let config = vite_asset_core::Config::with_defaults(std::path::Path::new("."));
/// let cdn = config.with_base("https://cdn.example.com/assets/");
/// let rebased = vite_asset_core::resolve::rebased_url(&cdn, "/assets/bundled/a-1.js");
/// assert_eq!(rebased, "https://cdn.example.com/assets/bundled/a-1.js");
/// assert_eq!(vite_asset_core::resolve::rebased_url(&cdn, "/other/a.js"), "/other/a.js");
/// ```
pub fn rebased_url(config: &Config, url: &str) -> String {
    let relative_base = config.base.is_empty() || config.base.starts_with('.');
    let absolute_url = url.starts_with('/') || url.contains("://");
    match base_path(url).strip_prefix(base_path(&config.base)) {
        Some(rest) if absolute_url && !relative_base => format!("{}{rest}", config.base),
        _ => url.to_owned(),
    }
}

/// The URL under which the Vite DevServer serves `name` (a source path, or an
/// id like `@vite/client`): a path on the page's own origin, which the serving
/// layer's dev proxy forwards to the DevServer (`/assets/script.ts`), or with
/// `dev-proxy = false` the DevServer's own URL (`http://localhost:5173/assets/script.ts`).
pub fn dev_url(config: &Config, name: &str) -> String {
    let origin = match config.dev_proxy {
        true => "",
        false => config.dev_origin.as_str(),
    };
    format!(
        "{origin}{}{}",
        base_path(&config.base),
        escape::url_path(name)
    )
}

/// The path part of `base`, under which the DevServer serves the sources and a
/// server the built files: `https://cdn.example.com/app/` becomes `/app/`, and a
/// relative base (`""`, `./`) becomes `/`.
pub fn base_path(base: &str) -> &str {
    let without_scheme = base
        .strip_prefix("https://")
        .or_else(|| base.strip_prefix("http://"))
        .or_else(|| base.strip_prefix("//"));
    match without_scheme {
        Some(rest) => rest.find('/').map_or("/", |slash| &rest[slash..]),
        None if base.starts_with('/') => base,
        None => "/",
    }
}

/// In dev mode: a name must be one of the [ids the DevServer serves](DEV_SERVER_IDS)
/// or a source file under Vite's `root`.
///
/// With `root` configured, the file must be under it. Without, the Vite projects
/// in and below the crate's directory (a directory with a `vite.config.*`) give
/// the likely roots: each project's directory and its subdirectories, one of
/// which is its `root` (`vite.config.js` is JavaScript, which this crate does not
/// run); a name that is a file under none of them is an error. With no Vite
/// project to be found, names cannot be checked.
pub fn check_dev_source(config: &Config, name: &str) -> Result<(), Diagnostic> {
    if DEV_SERVER_IDS.contains(&name) {
        return Ok(());
    }
    if let Some(root) = &config.root {
        if root.join(name).is_file() {
            return Ok(());
        }
        if name.starts_with('@') {
            return Err(not_a_dev_server_id(name));
        }
        let diagnostic = Diagnostic::new(format!(
            "`{name}` does not exist in the Vite root `{}`",
            config.display(root)
        ));
        return Err(
            with_suggestions(diagnostic, name, std::slice::from_ref(root)).fix(format!(
                "name a file relative to Vite's `root` (`root` in `[package.metadata.vite]`, \
             or the `{ENV_ROOT}` environment variable, must be the same directory as `root` in {})",
                config.vite_config_shown()
            )),
        );
    }
    let projects = config.vite_projects();
    let likely_roots: Vec<PathBuf> = projects.iter().flat_map(likely_roots).collect();
    if likely_roots.iter().any(|root| root.join(name).is_file()) {
        return Ok(());
    }
    if name.starts_with('@') {
        return Err(not_a_dev_server_id(name));
    }
    let Some(project) = projects.first() else {
        return Ok(());
    };
    let diagnostic = Diagnostic::new(format!(
        "`{name}` is not a source file of the Vite project in `{}` (`{}`)",
        match config.display(&project.dir) {
            dir if dir.is_empty() => ".".to_owned(),
            dir => dir,
        },
        config.display(&project.config_file)
    ));
    Err(with_suggestions(diagnostic, name, &likely_roots).fix(format!(
        "name a file relative to Vite's `root`, as the manifest's keys are; to check names \
         against that directory alone, set `root` in `[package.metadata.vite]` (or the `{ENV_ROOT}` \
         environment variable) to the `root` of `{}`",
        config.display(&project.config_file)
    )))
}

/// The directories that may be the `root` of `project`: its own, and its
/// subdirectories but `node_modules` and hidden ones.
fn likely_roots(project: &ViteProject) -> Vec<PathBuf> {
    let mut roots = vec![project.dir.clone()];
    if let Ok(entries) = std::fs::read_dir(&project.dir) {
        let mut subdirs: Vec<PathBuf> = entries
            .flatten()
            .filter(|entry| {
                let name = entry.file_name();
                !(name.to_string_lossy().starts_with('.') || name == "node_modules")
            })
            .map(|entry| entry.path())
            .filter(|path| path.is_dir())
            .collect();
        subdirs.sort();
        roots.extend(subdirs);
    }
    roots
}

/// `diagnostic` with the source files under `roots` that `name` was probably meant to be.
fn with_suggestions(diagnostic: Diagnostic, name: &str, roots: &[PathBuf]) -> Diagnostic {
    let mut files: Vec<String> = Vec::new();
    for root in roots {
        let found = project_files::under(root, &[], SUGGESTED_FROM_FILES);
        files.extend(
            found
                .files
                .iter()
                .filter_map(|path| path.strip_prefix(root).ok())
                .map(|relative| relative.to_string_lossy().replace('\\', "/")),
        );
    }
    files.sort();
    files.dedup();
    match did_you_mean(name, files.iter().map(String::as_str)) {
        Some(suggestions) => diagnostic.note(suggestions),
        None => diagnostic,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::suggest::closest;
    use std::path::Path;

    fn config(base: &str) -> Config {
        Config::with_defaults(Path::new("/app")).with_base(base)
    }

    fn manifest() -> Manifest {
        Manifest::parse(
            Path::new("/app/assets_compiled/manifest.json"),
            br#"{
                "script.ts": {"file": "bundled/script-BkiISj8p.js", "isEntry": true},
                "styles.scss": {"file": "bundled/styles-BBryp449.css", "isEntry": true},
                "src/logo.svg": {"file": "bundled/logo-1.svg"},
                "_shared-x.js": {"file": "bundled/shared-x.js"}
            }"#,
        )
        .unwrap()
    }

    #[test]
    fn urls_that_vite_wrote_under_its_base_move_to_the_crate_s() {
        let cdn = config("https://cdn.example.com/assets/");
        for (url, rebased) in [
            (
                "/assets/bundled/a-1.js",
                "https://cdn.example.com/assets/bundled/a-1.js",
            ),
            (
                "https://old.example.com/assets/a.js",
                "https://cdn.example.com/assets/a.js",
            ),
            (
                "//old.example.com/assets/a.js",
                "https://cdn.example.com/assets/a.js",
            ),
            ("/static/a.js", "/static/a.js"),
            ("bundled/a.js", "bundled/a.js"),
            ("./a.js", "./a.js"),
        ] {
            assert_eq!(rebased_url(&cdn, url), rebased, "{url}");
        }
        let root = config("https://cdn.example.com/");
        assert_eq!(rebased_url(&root, "/a.js"), "https://cdn.example.com/a.js");
        assert_eq!(rebased_url(&root, "./a.js"), "./a.js");
        assert_eq!(
            rebased_url(&config("/assets/"), "/assets/a.js"),
            "/assets/a.js"
        );
        assert_eq!(rebased_url(&config("./"), "/assets/a.js"), "/assets/a.js");
    }

    #[test]
    fn urls_are_base_then_file() {
        let manifest = manifest();
        let chunk = entry(&manifest, "script.ts", &config("/assets/"))
            .unwrap()
            .chunk;
        assert_eq!(
            file_url(&config("/assets/"), &chunk.file),
            "/assets/bundled/script-BkiISj8p.js"
        );
        assert_eq!(
            file_url(&config("https://cdn.test/v2/"), &chunk.file),
            "https://cdn.test/v2/bundled/script-BkiISj8p.js"
        );
    }

    #[test]
    fn dev_urls_are_on_the_page_origin_under_the_path_of_base() {
        assert_eq!(
            dev_url(&config("/assets/"), "script.ts"),
            "/assets/script.ts"
        );
        assert_eq!(dev_url(&config("/"), "@vite/client"), "/@vite/client");
        assert_eq!(dev_url(&config("https://cdn.test/v2/"), "a.ts"), "/v2/a.ts");
        assert_eq!(dev_url(&config(""), "a.ts"), "/a.ts");
        assert_eq!(dev_url(&config("./"), "a.ts"), "/a.ts");
    }

    #[test]
    fn dev_urls_without_the_proxy_are_the_dev_servers() {
        let direct = |base: &str| {
            let mut config = config(base);
            config.dev_proxy = false;
            config
        };
        assert_eq!(
            dev_url(&direct("/assets/"), "script.ts"),
            "http://localhost:5173/assets/script.ts"
        );
        assert_eq!(
            dev_url(&direct("https://cdn.test/v2/"), "a.ts"),
            "http://localhost:5173/v2/a.ts"
        );
        assert_eq!(dev_url(&direct("./"), "a.ts"), "http://localhost:5173/a.ts");
    }

    #[test]
    fn a_typo_suggests_the_closest_key_and_lists_the_entries() {
        let error = entry(&manifest(), "scrpt.ts", &config("/"))
            .unwrap_err()
            .to_string();
        assert!(error.contains("did you mean `script.ts`"), "{error}");
        assert!(
            error.contains("its entry points: `script.ts`, `styles.scss`"),
            "{error}"
        );
        assert!(error.contains("assets_compiled/manifest.json"), "{error}");
        assert!(
            error.contains(
                "`build.rollupOptions.input` (`build.rolldownOptions.input` since Vite 8)"
            ),
            "no Vite project around the manifest: both spellings: {error}"
        );
        assert!(
            !error.contains("_shared"),
            "internal chunk names are never suggested: {error}"
        );
    }

    #[test]
    fn only_the_ids_the_dev_server_serves_start_with_an_at() {
        let manifest = manifest();
        let output = BuildOutput::new(Path::new("/app/assets_compiled"));
        let config = config("/");
        for id in DEV_SERVER_IDS {
            assert_eq!(url(&config, &manifest, &output, id).unwrap(), "");
            assert!(check_dev_source(&config, id).is_ok());
        }
        for typo in ["@vite/clinet", "@react-refesh"] {
            let in_production = url(&config, &manifest, &output, typo)
                .unwrap_err()
                .to_string();
            let in_dev = check_dev_source(&config, typo).unwrap_err().to_string();
            assert_eq!(in_production, in_dev);
            assert!(in_dev.contains("did you mean `@"), "{in_dev}");
        }
        let error = check_dev_source(&config, "@anything").unwrap_err();
        assert!(error.to_string().contains("`@vite/client`"), "{error}");
    }

    #[test]
    fn without_root_dev_names_are_checked_against_the_likely_roots_of_the_vite_project() {
        let dir = std::env::temp_dir().join(format!("vite-asset-dev-roots-{}", std::process::id()));
        let _ = std::fs::remove_dir_all(&dir);
        for file in [
            "vite.config.js",
            "assets_source/script.ts",
            "frontend/vite.config.ts",
            "frontend/src/main.tsx",
        ] {
            std::fs::create_dir_all(dir.join(file).parent().unwrap()).unwrap();
            std::fs::write(dir.join(file), "").unwrap();
        }
        let config = Config::with_defaults(&dir);
        // The tutorial's layout (root: "assets_source" beside vite.config.js) and a
        // Vite 8 app in frontend/ (root: the project's directory).
        assert!(check_dev_source(&config, "script.ts").is_ok());
        assert!(check_dev_source(&config, "src/main.tsx").is_ok());
        let error = check_dev_source(&config, "src/mian.tsx")
            .unwrap_err()
            .to_string();
        assert!(error.contains("did you mean `src/main.tsx`"), "{error}");
        assert!(
            error.contains("to fix:") && error.contains("set `root`"),
            "{error}"
        );
        let error = check_dev_source(&config, "scirpt.ts")
            .unwrap_err()
            .to_string();
        assert!(error.contains("did you mean `script.ts`"), "{error}");

        let no_project = Config::with_defaults(&dir.join("assets_source"));
        assert!(
            check_dev_source(&no_project, "anything.ts").is_ok(),
            "with no Vite project to be found, names cannot be checked"
        );
        std::fs::remove_dir_all(&dir).unwrap();
    }

    #[test]
    fn a_path_with_the_root_in_it_suggests_the_key() {
        assert_eq!(
            closest("assets_source/script.ts", manifest().public_keys()),
            vec!["script.ts"]
        );
        assert_eq!(
            closest("/logo.svg", manifest().public_keys()),
            vec!["src/logo.svg"]
        );
        assert!(closest("completely-different.rs", manifest().public_keys()).is_empty());
    }
}
