//! Vite's output directory: a manifest's `file` must name a file inside it, and
//! the file must be there, or the manifest and the build are out of step.

use std::collections::{HashMap, HashSet};
use std::path::{Path, PathBuf};
use std::sync::{Mutex, MutexGuard, PoisonError};

use crate::config::{Config, ENV_OUT_DIR};
use crate::diagnostic::Diagnostic;
use crate::integrity;
use crate::manifest::Manifest;

/// The output directory of one Vite build, and what has been found in it.
///
/// A file found once is taken as there for the life of the value, and a file's
/// integrity is computed once: the entries of an app share their chunks, so the
/// tags of many calls name the same files. Make a new value for a new build.
///
/// ```
/// use std::path::Path;
/// use vite_asset_core::{BuildOutput, Config, Manifest};
///
/// let manifest = Manifest::parse(Path::new("dist/.vite/manifest.json"), br#"{"a.ts": {"file": "../a.js"}}"#)?;
/// let config = Config::with_defaults(Path::new("/app"));
/// let error = BuildOutput::new(Path::new("dist")).built_file(&config, &manifest, "../a.js").unwrap_err();
/// assert!(error.message().contains("may climb out of the directory"));
/// # Ok::<(), vite_asset_core::Diagnostic>(())
/// ```
#[derive(Debug)]
pub struct BuildOutput {
    dir: PathBuf,
    found: Mutex<HashSet<String>>,
    integrity: Mutex<HashMap<String, String>>,
}

impl BuildOutput {
    /// The output directory `dir` (see [`Config::out_dir`]).
    pub fn new(dir: &Path) -> Self {
        BuildOutput {
            dir: dir.to_owned(),
            found: Mutex::default(),
            integrity: Mutex::default(),
        }
    }

    /// The directory.
    pub fn dir(&self) -> &Path {
        &self.dir
    }

    /// The path of `file`, a built file that `manifest` lists; an error when it is
    /// not a relative path inside the directory, or when the file is missing (a
    /// stale build).
    pub fn built_file(
        &self,
        config: &Config,
        manifest: &Manifest,
        file: &str,
    ) -> Result<PathBuf, Diagnostic> {
        if let Some(problem) = not_inside(file) {
            return Err(Diagnostic::new(format!(
                "the Vite manifest `{}` lists the built file `{}`, which {problem}; \
                 built files are paths relative to Vite's `build.outDir`, which this crate serves",
                config.display(manifest.path()),
                file.escape_debug()
            ))
            .fix(
                "run the Vite build again (`npm run build`) to rewrite the manifest, \
                 and check what wrote this entry (a plugin, a hand edit)",
            ));
        }
        let path = self.dir.join(file);
        if lock(&self.found).contains(file) {
            return Ok(path);
        }
        if path.is_file() {
            lock(&self.found).insert(file.to_owned());
            return Ok(path);
        }
        let where_from = match config.out_dir {
            Some(_) => format!(
                "`out-dir` in `[package.metadata.vite]` of `{}` (or the `{ENV_OUT_DIR}` variable) \
                 names this directory; it must be Vite's `build.outDir`, where the build writes these files",
                config.cargo_toml.display()
            ),
            None => "if the manifest was moved out of Vite's `build.outDir`, set `out-dir` in \
                     `[package.metadata.vite]` to that directory"
                .to_owned(),
        };
        Err(Diagnostic::new(format!(
            "`{file}` is listed in the Vite manifest `{}` but is missing from the output directory `{}`: \
             the manifest and the built files are out of step",
            config.display(manifest.path()),
            config.display(&self.dir)
        ))
        .fix(format!("run the Vite build again (`npm run build`); {where_from}")))
    }

    /// The integrity value of `file`, a built file that `manifest` lists: the one
    /// a plugin wrote into the manifest, or else the hash of the file.
    pub fn integrity(
        &self,
        config: &Config,
        manifest: &Manifest,
        file: &str,
    ) -> Result<String, Diagnostic> {
        let path = self.built_file(config, manifest, file)?;
        if let Some(integrity) = manifest.integrity_of(file) {
            return integrity::checked(config, manifest, file, integrity);
        }
        if let Some(hash) = lock(&self.integrity).get(file) {
            return Ok(hash.clone());
        }
        let bytes = std::fs::read(&path).map_err(|error| {
            Diagnostic::new(format!(
                "cannot read `{}`, a file of the Vite build, to compute its integrity: {error}",
                config.display(&path)
            ))
        })?;
        let hash = integrity::sha384(&bytes);
        lock(&self.integrity).insert(file.to_owned(), hash.clone());
        Ok(hash)
    }
}

/// A panic elsewhere must not make every later call fail: what is behind a
/// poisoned lock is still a valid record.
fn lock<T>(mutex: &Mutex<T>) -> MutexGuard<'_, T> {
    mutex.lock().unwrap_or_else(PoisonError::into_inner)
}

/// The name of the import map that Vite 8 writes into the output directory
/// with `build.chunkImportMap`: chunks then import each other by stable names,
/// and the page must map them to the hashed files before any module loads.
pub(crate) const IMPORT_MAP: &str = "importmap.json";

impl BuildOutput {
    /// The import map of the build (`importmap.json` in the output directory),
    /// as compact JSON, when Vite wrote one. Its URLs are under the crate's
    /// `base`, as the tags are ([`resolve::rebased_url`](crate::resolve::rebased_url)):
    /// Vite wrote them under its own, which an overridden base (a CDN) leaves behind.
    pub fn import_map(&self, config: &Config) -> Result<Option<String>, Diagnostic> {
        let path = self.dir().join(IMPORT_MAP);
        let Ok(text) = std::fs::read_to_string(&path) else {
            return Ok(None);
        };
        let map = serde_json::from_str(&text).map_err(|error| {
            Diagnostic::new(format!(
                "the import map `{}` is not valid JSON: {error}",
                path.display()
            ))
            .fix("run the Vite build again (`npm run build`)")
        })?;
        let mut map: serde_json::Value = map;
        let Some(imports) = map
            .get_mut("imports")
            .and_then(serde_json::Value::as_object_mut)
        else {
            return Err(Diagnostic::new(format!(
                "the import map `{}` has no `imports` object",
                path.display()
            ))
            .fix("run the Vite build again (`npm run build`)"));
        };
        *imports = rebased_imports(config, std::mem::take(imports));
        if let Some(scopes) = map
            .get_mut("scopes")
            .and_then(serde_json::Value::as_object_mut)
        {
            let rebased = std::mem::take(scopes).into_iter().map(|(scope, imports)| {
                let imports = match imports {
                    serde_json::Value::Object(imports) => {
                        serde_json::Value::Object(rebased_imports(config, imports))
                    }
                    other => other,
                };
                (crate::resolve::rebased_url(config, &scope), imports)
            });
            *scopes = rebased.collect();
        }
        Ok(Some(map.to_string()))
    }
}

/// An import map's specifier map with its URLs under the crate's `base`: the
/// keys (which the browser resolves against the page, as it does the URLs
/// that the modules import) and the string values.
fn rebased_imports(
    config: &Config,
    imports: serde_json::Map<String, serde_json::Value>,
) -> serde_json::Map<String, serde_json::Value> {
    imports
        .into_iter()
        .map(|(specifier, target)| {
            let target = match target {
                serde_json::Value::String(url) => {
                    serde_json::Value::String(crate::resolve::rebased_url(config, &url))
                }
                other => other,
            };
            (crate::resolve::rebased_url(config, &specifier), target)
        })
        .collect()
}

/// Where `vite_asset::build::precompress` keeps the compressed variants of
/// the build `build`'s files below its directory `target`: `target` itself for
/// the default build, a hidden directory per named build, so that two builds'
/// files never share a path.
pub fn precompressed_dir(target: &Path, build: Option<&str>) -> PathBuf {
    match build {
        None => target.to_owned(),
        Some(name) => target.join(".builds").join(name),
    }
}

/// Whether the name of `file` carries a content hash, as Vite names built files
/// by default (`[name]-[hash].[ext]`, 8 characters of base64url): such a file
/// never changes under its name, so browsers may keep it forever.
///
/// ```
/// use vite_asset_core::built_file::is_hashed;
/// assert!(is_hashed("assets/main-BlblHtZJ.js"));
/// assert!(is_hashed("bundled/a-u2G9HTfH.js.map"));
/// // base64url: a hash may hold, and end with, `-` or `_`.
/// assert!(is_hashed("assets/Layout-CM4lwnb-.js") && is_hashed("assets/rolldown-runtime-WkwZ5CU-.js"));
/// assert!(!is_hashed("robots.txt") && !is_hashed("assets/main.js") && !is_hashed("assets/my-site.css"));
/// ```
pub fn is_hashed(file: &str) -> bool {
    let name = file.rsplit('/').next().unwrap_or(file);
    let stem = name.split('.').next().unwrap_or(name);
    // The hash is what follows the last `-` that leaves at least 8 characters
    // after it: the hash itself may contain `-`.
    let Some(hash) = stem
        .match_indices('-')
        .rev()
        .map(|(at, _)| &stem[at + 1..])
        .find(|suffix| suffix.len() >= 8)
    else {
        return false;
    };
    hash.bytes()
        .all(|byte| byte.is_ascii_alphanumeric() || byte == b'_' || byte == b'-')
        && hash
            .bytes()
            .any(|byte| byte.is_ascii_digit() || byte.is_ascii_uppercase())
}

/// The `Content-Type` of the built file `file`, from its extension; text with
/// `charset=utf-8`, as Vite writes it.
///
/// ```
/// use vite_asset_core::built_file::content_type;
/// assert_eq!(content_type("assets/main-1.js"), "text/javascript; charset=utf-8");
/// assert_eq!(content_type("assets/logo-1.svg"), "image/svg+xml");
/// assert_eq!(content_type("assets/data-1.unknown"), "application/octet-stream");
/// ```
pub fn content_type(file: &str) -> String {
    let extension = file.rsplit_once('.').map_or("", |(_, extension)| extension);
    let guessed = match extension {
        // Vite's chunks are modules: text/javascript is their type (RFC 9239).
        "js" | "mjs" | "cjs" => "text/javascript".to_owned(),
        _ => mime_guess::from_ext(extension)
            .first_raw()
            .unwrap_or("application/octet-stream")
            .to_owned(),
    };
    match guessed.starts_with("text/") || guessed == "application/json" {
        true => format!("{guessed}; charset=utf-8"),
        false => guessed,
    }
}

/// The other files of the output directory `out_dir`: what Vite copied there
/// from its `public/` directory (`robots.txt`, `favicon.ico`), as paths relative
/// to it. Not the files of `built` (the manifest's), nor their `.br` and `.gz`
/// variants, nor the manifest at `manifest_path`, nor hidden files (`.vite/`),
/// nor source maps, nor what `.gitignore` files inside it ignore.
///
/// ```
/// # let dir = std::env::temp_dir().join(format!("vite-asset-core-public-{}", std::process::id()));
/// # for file in ["robots.txt", "assets/main-BlblHtZJ.js", "assets/main-BlblHtZJ.js.br",
/// #              "assets/main-BlblHtZJ.js.map", ".vite/manifest.json"] {
/// #     std::fs::create_dir_all(dir.join(file).parent().unwrap()).unwrap();
/// #     std::fs::write(dir.join(file), "").unwrap();
/// # }
/// let public = vite_asset_core::built_file::public_files(
///     &dir,
///     &dir.join(".vite/manifest.json"),
///     &["assets/main-BlblHtZJ.js"],
/// );
/// assert_eq!(public, ["robots.txt"]);
/// ```
pub fn public_files(out_dir: &Path, manifest_path: &Path, built: &[&str]) -> Vec<String> {
    let found = crate::project_files::under(out_dir, &[manifest_path.to_owned()], usize::MAX);
    found
        .files
        .iter()
        .filter_map(|path| path.strip_prefix(out_dir).ok())
        .map(|relative| relative.to_string_lossy().replace('\\', "/"))
        .filter(|file| {
            let variant_of = |extension: &str| {
                file.strip_suffix(extension)
                    .is_some_and(|original| built.contains(&original))
            };
            !(built.contains(&file.as_str())
                || variant_of(".br")
                || variant_of(".gz")
                || file.ends_with(".map")
                || not_inside(file).is_some())
        })
        .collect()
}

/// Whether `variant`, a precompressed copy of the file at `file`, was written
/// after the file was (both times known): a Vite build that rewrote the file
/// makes its variant stale. The build script makes again a variant that is not
/// fresh, and `vite_files!()` serves none.
pub fn is_fresh(variant: &Path, file: &Path) -> bool {
    let modified = |path: &Path| std::fs::metadata(path).and_then(|metadata| metadata.modified());
    match (modified(variant), modified(file)) {
        (Ok(variant), Ok(file)) => variant >= file,
        _ => false,
    }
}

/// Why `file` is not a relative path inside the output directory, if it is not.
pub fn not_inside(file: &str) -> Option<&'static str> {
    if file.is_empty() {
        return Some("is empty");
    }
    if file.chars().any(char::is_control) {
        return Some("contains a control character");
    }
    if file.starts_with("//") || has_scheme(file) {
        return Some("is a full URL");
    }
    if file.starts_with(['/', '\\']) || file.get(1..2) == Some(":") {
        return Some("is an absolute path");
    }
    if file.contains('\\') {
        return Some("contains a backslash, which URLs do not have");
    }
    if file
        .split('/')
        .any(|part| part == ".." || part == "." || part.is_empty())
    {
        return Some("has a `..`, `.` or empty segment, so it may climb out of the directory");
    }
    None
}

/// Whether `file` starts with a URL scheme (`https:`, `data:` …).
fn has_scheme(file: &str) -> bool {
    let Some((scheme, _)) = file.split_once(':') else {
        return false;
    };
    scheme.len() > 1
        && scheme.starts_with(|c: char| c.is_ascii_alphabetic())
        && scheme
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || matches!(c, '+' | '-' | '.'))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_base_is_what_a_file_writes_before_an_asset_with_an_absolute_url() {
        let asset = "bundled/logo-1.svg";
        assert_eq!(
            base_before(r#"a="/static/bundled/logo-1.svg""#, asset).as_deref(),
            Some("/static/")
        );
        assert_eq!(
            base_before("url(/bundled/logo-1.svg)", asset).as_deref(),
            Some("/")
        );
        assert_eq!(
            base_before("n=`https://cdn.example.com/a/bundled/logo-1.svg`", asset).as_deref(),
            Some("https://cdn.example.com/a/")
        );
        // A relative base writes no base; the preload list names files without one.
        assert_eq!(
            base_before(r#"url(./bundled/logo-1.svg) ["bundled/logo-1.svg"]"#, asset),
            None
        );
        assert_eq!(
            base_before(
                r#"["bundled/logo-1.svg"],w="/assets/bundled/logo-1.svg""#,
                asset
            )
            .as_deref(),
            Some("/assets/"),
            "the first absolute one"
        );
    }

    #[test]
    fn only_another_path_is_a_base_mismatch() {
        let built = |base: &str| BuiltBase {
            base: base.to_owned(),
            file: "bundled/main-1.js".to_owned(),
            url: format!("{base}bundled/logo-1.svg"),
        };
        let config = |base: &str| Config::with_defaults(Path::new("/app")).with_base(base);
        assert!(check_base(&config("/assets/"), &built("/assets/")).is_ok());
        assert!(check_base(
            &config("https://cdn.example.com/assets/"),
            &built("/assets/")
        )
        .is_ok());
        assert!(
            check_base(&config("./"), &built("/assets/")).is_ok(),
            "a relative base"
        );
        let error = check_base(&config("/assets/"), &built("/static/"))
            .unwrap_err()
            .to_string();
        assert!(
            error.contains("made with `base` `/static/`")
                && error.contains("the crate's `base` is `/assets/`"),
            "{error}"
        );
        assert!(
            error.contains("`base = \"/static/\"` in `[package.metadata.vite]`"),
            "{error}"
        );
    }

    #[test]
    fn a_variant_is_fresh_only_when_written_after_its_file() {
        use std::time::{Duration, SystemTime};
        let dir = std::env::temp_dir().join(format!("vite-asset-fresh-{}", std::process::id()));
        std::fs::create_dir_all(&dir).unwrap();
        let (file, variant) = (dir.join("app.js"), dir.join("app.js.br"));
        let set = |path: &Path, at: SystemTime| {
            std::fs::write(path, "x").unwrap();
            std::fs::File::options()
                .write(true)
                .open(path)
                .unwrap()
                .set_modified(at)
                .unwrap();
        };
        let then = SystemTime::now() - Duration::from_secs(60);
        set(&file, then);
        set(&variant, then + Duration::from_secs(1));
        assert!(is_fresh(&variant, &file));
        set(&file, then + Duration::from_secs(2));
        assert!(
            !is_fresh(&variant, &file),
            "the file was rewritten after the variant"
        );
        assert!(!is_fresh(&dir.join("gone.br"), &file), "no variant");
        std::fs::remove_dir_all(&dir).unwrap();
    }

    #[test]
    fn only_relative_paths_inside_the_directory_are_built_files() {
        for file in [
            "bundled/script-BkiISj8p.js",
            "assets/a b#c?d\"e<f&g.css",
            "assets/é.js",
            "x.js",
            "a..b.js",
        ] {
            assert_eq!(not_inside(file), None, "{file}");
        }
        for (file, problem) in [
            ("", "is empty"),
            ("/etc/passwd", "is an absolute path"),
            ("\\\\server\\share.js", "is an absolute path"),
            ("C:/x.js", "is an absolute path"),
            ("https://cdn.example.com/x.js", "is a full URL"),
            ("//cdn.example.com/x.js", "is a full URL"),
            ("data:text/javascript,alert(1)", "is a full URL"),
            ("javascript:alert(1)", "is a full URL"),
            ("../secret.js", "has a `..`"),
            ("assets/../../secret.js", "has a `..`"),
            ("assets/./x.js", "has a `..`"),
            ("assets//x.js", "has a `..`"),
            ("assets\\x.js", "contains a backslash"),
            ("x\0.js", "contains a control character"),
            ("x\n.js", "contains a control character"),
        ] {
            let found = not_inside(file).unwrap_or_else(|| panic!("{file:?} accepted"));
            assert!(found.starts_with(problem), "{file:?}: {found}");
        }
    }
}

/// The `base` that Vite built with, as the build's own files show it: a built
/// JS or CSS file writes `base` before the path of an asset it links
/// (`url(/static/bundled/font-x.woff2)`, `"/static/bundled/logo-y.svg"`).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct BuiltBase {
    /// Vite's `base`, as written before the asset's path: `/static/`.
    pub base: String,
    /// The built file that shows it, relative to the output directory.
    pub file: String,
    /// The URL it writes there.
    pub url: String,
}

/// The most bytes of one built file that [`built_base`] reads.
const BASE_SCAN_LIMIT: u64 = 4 << 20;

/// How many entries [`built_base`] looks at for one that links an asset, and
/// how many built files it reads at most: a real build shows its base in the
/// first file that links an asset.
const BASE_SCAN_ENTRIES: usize = 200;
const BASE_SCAN_FILES: usize = 16;

/// Vite's `base`, read from the first built file (an entry's JS, or its CSS)
/// that links one of the assets the manifest lists for it with an absolute
/// URL: one file that names another is enough. `None` when none of the first
/// entries does (no assets, or a relative `base`, whose URLs carry none).
///
/// ```
/// # let out = std::env::temp_dir().join(format!("vite-asset-base-{}", std::process::id()));
/// # std::fs::create_dir_all(out.join("bundled")).unwrap();
/// std::fs::write(out.join("bundled/main-1.css"), "a{background:url(/static/bundled/logo-2.svg)}").unwrap();
/// let manifest = vite_asset_core::Manifest::parse(
///     &out.join("manifest.json"),
///     br#"{"main.css": {"file": "bundled/main-1.css", "isEntry": true, "assets": ["bundled/logo-2.svg"]}}"#,
/// )?;
/// let built = vite_asset_core::built_file::built_base(&manifest, &out).unwrap();
/// assert_eq!(built.base, "/static/");
/// assert_eq!(built.url, "/static/bundled/logo-2.svg");
/// # Ok::<(), vite_asset_core::Diagnostic>(())
/// ```
pub fn built_base(manifest: &Manifest, out_dir: &Path) -> Option<BuiltBase> {
    let mut reads = 0;
    for entry in manifest.entries().into_iter().take(BASE_SCAN_ENTRIES) {
        let Ok(chunk) = manifest.chunk(entry.id) else {
            continue;
        };
        if chunk.assets.is_empty() {
            continue;
        }
        for file in std::iter::once(&chunk.file).chain(&chunk.css) {
            if not_inside(file).is_some() {
                continue;
            }
            if reads == BASE_SCAN_FILES {
                return None;
            }
            reads += 1;
            let Ok(text) = read_start(&out_dir.join(file)) else {
                continue;
            };
            for asset in &chunk.assets {
                if let Some(base) = base_before(&text, asset) {
                    return Some(BuiltBase {
                        url: format!("{base}{asset}"),
                        base,
                        file: file.clone(),
                    });
                }
            }
        }
    }
    None
}

/// The first [`BASE_SCAN_LIMIT`] bytes of `path`, as text.
fn read_start(path: &Path) -> std::io::Result<String> {
    use std::io::Read;
    let mut bytes = Vec::new();
    std::fs::File::open(path)?
        .take(BASE_SCAN_LIMIT)
        .read_to_end(&mut bytes)?;
    Ok(String::from_utf8_lossy(&bytes).into_owned())
}

/// The absolute base (`/static/`, `https://cdn.example.com/`) written before
/// some occurrence of `asset` in `text`; relative ones are passed over.
fn base_before(text: &str, asset: &str) -> Option<String> {
    let delimiter = |c: char| matches!(c, '"' | '\'' | '`' | '(' | ')' | ',' | '=' | ' ' | '\n');
    text.match_indices(asset).find_map(|(at, _)| {
        let before = &text[..at];
        let start = before.rfind(delimiter).map_or(0, |index| index + 1);
        let base = &before[start..];
        (base.starts_with('/') || base.contains("://")).then(|| base.to_owned())
    })
}

/// An error when the build's files were written for another `base` than the
/// crate's: every file that they name (fonts, images, lazy chunks) would 404.
pub fn check_base(config: &Config, built: &BuiltBase) -> Result<(), Diagnostic> {
    // A CDN in front (`https://cdn.example.com/assets/` on one side) serves the
    // same paths: only the path parts must agree.
    let same_path =
        crate::resolve::base_path(&built.base) == crate::resolve::base_path(&config.base);
    if same_path || config.base.starts_with('.') || config.base.is_empty() {
        return Ok(());
    }
    let table = config.table();
    Err(Diagnostic::new(format!(
        "the Vite build was made with `base` `{vite}` (its `{file}` links `{url}`), and the crate's \
         `base` is `{ours}`: the tags would link `{ours}…`, and every file that the built CSS and JS \
         name would be fetched from `{vite}…`",
        vite = built.base,
        file = built.file,
        url = built.url,
        ours = config.base,
    ))
    .fix(format!(
        "give both the same base: `base = \"{vite}\"` in `{table}` of Cargo.toml, or `base: \"{ours}\"` \
         in {vite_config} and build again (vite-asset's Vite plugin sets Vite's from Cargo.toml)",
        vite = built.base,
        ours = config.base,
        vite_config = config.vite_config_shown(),
    )))
}
