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
        return match is_integrity_metadata(integrity) {
            true => Ok(integrity.to_owned()),
            false => Err(format!(
                "the Vite manifest `{}` gives `{file}` the integrity `{}`, which is not \
                 `sha256-`, `sha384-` or `sha512-` followed by a base64 hash; a browser \
                 would ignore it or refuse the file\n  \
                 to fix: check the plugin that writes `integrity` into the manifest, or \
                 remove the key so that vite-asset computes the hash from the built file",
                config.display(&manifest.path),
                integrity.escape_debug()
            )),
        };
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

/// Whether `value` is integrity metadata that browsers check: hashes such as
/// `sha384-<base64>`, separated by spaces, each with optional `?options`.
fn is_integrity_metadata(value: &str) -> bool {
    let is_hash = |hash: &str| {
        let hash = hash.split_once('?').map_or(hash, |(hash, _)| hash);
        let Some((algorithm, digest)) = hash.split_once('-') else {
            return false;
        };
        matches!(algorithm, "sha256" | "sha384" | "sha512")
            && !digest.is_empty()
            && digest.bytes().all(|byte| {
                byte.is_ascii_alphanumeric() || matches!(byte, b'+' | b'/' | b'=' | b'-' | b'_')
            })
    };
    let mut hashes = value.split_ascii_whitespace().peekable();
    hashes.peek().is_some() && hashes.all(is_hash)
}

/// The SRI value of `bytes`.
fn sha384(bytes: &[u8]) -> String {
    let digest = Sha384::digest(bytes);
    format!(
        "sha384-{}",
        base64::engine::general_purpose::STANDARD.encode(digest)
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn integrity_metadata_is_hashes_a_browser_checks() {
        for valid in [
            "sha384-oqVuAfXRKap7fdgcCY5uykM6+R9GqQ8K/uxy9rx7HNQlGYl1kPzQho1wx4JwY8wC",
            "sha256-abc= sha512-def==",
            "sha512-abc?ct=application/javascript",
        ] {
            assert!(is_integrity_metadata(valid), "{valid}");
        }
        for invalid in [
            "",
            " ",
            "md5-abc",
            "sha384-",
            "sha384-a\"b",
            "sha384-a<b",
            "abc",
        ] {
            assert!(!is_integrity_metadata(invalid), "{invalid}");
        }
        assert!(sha384(b"").starts_with(
            "sha384-OLBgp1GsljhM2TJ+sbHjaiH9txEUvgdDTAzHv2P24donTt6/529l+9Ua0vFImLlb"
        ));
    }
}
