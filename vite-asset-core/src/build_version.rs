//! The version of a build: one short value that changes exactly when the build
//! changes what a page loads, for what must tell an old page from a new build
//! (Inertia's `X-Inertia-Version`, a `data-turbo-track="reload"` element).

use sha2::{Digest, Sha256};

use crate::built_file::{is_hashed, BuildOutput};
use crate::config::Config;
use crate::diagnostic::Diagnostic;
use crate::manifest::Manifest;
use crate::resolve;

/// The version in development, where the DevServer serves the sources and
/// there is no build: it stays the same while the server runs, and hot module
/// replacement brings the changes.
pub const DEVELOPMENT: &str = "dev";

/// The version of the build: 16 hexadecimal digits of a hash over what the
/// browser loads, each file the manifest lists with its URL (so `base` counts),
/// and the import map. A file whose name carries Vite's content hash
/// (`main-BlblHtZJ.js`) is new under a new name, so its URL stands for its
/// bytes; any other file's bytes are hashed too, and such a file missing from
/// the output directory is an error, as it is for the tags. A build of the
/// same sources gives the same version; a changed byte in any built file, a
/// file more or less, or another `base` gives another.
///
/// ```
/// # let dir = std::env::temp_dir().join(format!("vite-asset-version-doc-{}", std::process::id()));
/// # std::fs::create_dir_all(dir.join("assets")).unwrap();
/// use vite_asset_core::{build_version, BuildOutput, Config, Manifest};
///
/// let manifest = Manifest::parse(
///     &dir.join("manifest.json"),
///     br#"{"main.css": {"file": "assets/main-1.css", "isEntry": true}}"#,
/// )?;
/// let config = Config::with_defaults(&dir).with_base("/static/");
/// let version = |css: &str| {
///     std::fs::write(dir.join("assets/main-1.css"), css).unwrap();
///     build_version::of_build(&config, &manifest, &BuildOutput::new(&dir))
/// };
/// let first = version("a{color:red}")?;
/// assert_eq!(first.len(), 16);
/// assert_eq!(version("a{color:red}")?, first);
/// assert_ne!(version("a{color:tan}")?, first);
/// # std::fs::remove_dir_all(&dir).unwrap();
/// # Ok::<(), vite_asset_core::Diagnostic>(())
/// ```
pub fn of_build(
    config: &Config,
    manifest: &Manifest,
    output: &BuildOutput,
) -> Result<String, Diagnostic> {
    let mut hash = Sha256::new();
    for file in manifest.built_files()? {
        // Each field ends with a byte that no URL or integrity value holds, so
        // two lists can only hash alike when they are the same.
        hash.update(resolve::file_url(config, file));
        hash.update([0]);
        // Reading every image and font of a large build at each compile would
        // cost more than the rest of the table.
        if !is_hashed(file) {
            hash.update(output.integrity(config, manifest, file)?);
        }
        hash.update([0]);
    }
    if let Some(map) = output.import_map(config)? {
        hash.update(map);
    }
    Ok(hash.finalize()[..8]
        .iter()
        .map(|byte| format!("{byte:02x}"))
        .collect())
}
