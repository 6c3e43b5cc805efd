//! Subresource integrity: the `sha384-…` hash of a built file, from the manifest
//! when a plugin wrote one, otherwise computed from the file Vite wrote.

use std::path::Path;

use base64::Engine;
use sha2::{Digest, Sha384};

use crate::cache::{self, ByFile};
use crate::config::Config;
use crate::manifest::Manifest;

/// The integrity value for `file`, a file of the manifest, built at `path`
/// (checked by [`crate::output::built_file`]).
pub fn of_file(
    config: &Config,
    manifest: &Manifest,
    file: &str,
    path: &Path,
) -> Result<String, String> {
    if let Some(integrity) = manifest.integrity_of(file) {
        return Ok(integrity.to_owned());
    }
    let unreadable = |error: std::io::Error| {
        format!(
            "cannot read `{}`, a file of the Vite build, to compute its integrity: {error}",
            config.display(path)
        )
    };
    // Computed once per version of the file in this process: many calls name the same shared chunks.
    static HASHES: ByFile<Result<String, String>> = ByFile::new();
    let stamp = cache::stamp(path).map_err(unreadable)?;
    HASHES.get_or_compute(path, stamp, || {
        std::fs::read(path)
            .map(|bytes| sha384(&bytes))
            .map_err(unreadable)
    })
}

/// The SRI value of `bytes`.
fn sha384(bytes: &[u8]) -> String {
    let digest = Sha384::digest(bytes);
    format!(
        "sha384-{}",
        base64::engine::general_purpose::STANDARD.encode(digest)
    )
}
