//! Subresource integrity: the `sha384-…` hash of a built file, from the manifest
//! when a plugin wrote one, otherwise computed from the file Vite wrote.

use std::path::{Path, PathBuf};

use base64::Engine;
use sha2::{Digest, Sha384};

use crate::cache::{self, ByFile};
use crate::config::Config;
use crate::manifest::Manifest;

/// The integrity value for `file` (relative to Vite's output directory `out_dir`).
pub fn of_file(
    config: &Config,
    manifest: &Manifest,
    out_dir: &Path,
    file: &str,
) -> Result<String, String> {
    if let Some(integrity) = manifest.integrity_of(file) {
        return Ok(integrity.to_owned());
    }
    let path = built_file(config, manifest, out_dir, file)?;
    let unreadable = |error: std::io::Error| {
        format!(
            "cannot read `{}`, a file of the Vite build, to compute its integrity: {error}",
            config.display(&path)
        )
    };
    // Computed once per version of the file in this process: many calls name the same shared chunks.
    static HASHES: ByFile<Result<String, String>> = ByFile::new();
    let stamp = cache::stamp(&path).map_err(unreadable)?;
    HASHES.get_or_compute(&path, stamp, || {
        std::fs::read(&path)
            .map(|bytes| sha384(&bytes))
            .map_err(unreadable)
    })
}

/// `file` inside `out_dir`, or an error when it climbs out or is missing (a stale build).
pub fn built_file(
    config: &Config,
    manifest: &Manifest,
    out_dir: &Path,
    file: &str,
) -> Result<PathBuf, String> {
    let relative = Path::new(file);
    let climbs_out = relative.is_absolute()
        || file.starts_with('/')
        || relative
            .components()
            .any(|part| !matches!(part, std::path::Component::Normal(_)));
    if climbs_out {
        return Err(format!(
            "the Vite manifest `{}` lists the file `{file}`, which is not inside the output directory\n  \
             to fix: run the Vite build again (`npm run build`); built files are paths relative to `build.outDir`",
            config.display(&manifest.path)
        ));
    }
    let path = out_dir.join(relative);
    if path.is_file() {
        return Ok(path);
    }
    Err(format!(
        "`{file}` is listed in the Vite manifest `{}` but is missing from the output directory `{}`: \
         the manifest and the built files are out of step\n  \
         to fix: run the Vite build again (`npm run build`); if the manifest was moved out of \
         Vite's `build.outDir`, set `out-dir` in `[package.metadata.vite]` to that directory",
        config.display(&manifest.path),
        config.display(out_dir)
    ))
}

/// The SRI value of `bytes`.
fn sha384(bytes: &[u8]) -> String {
    let digest = Sha384::digest(bytes);
    format!(
        "sha384-{}",
        base64::engine::general_purpose::STANDARD.encode(digest)
    )
}
