//! Subresource integrity: the `sha384-…` hash of a built file, and checking the
//! integrity values that plugins write into the manifest.

use base64::Engine;
use sha2::{Digest, Sha384};

use crate::config::Config;
use crate::diagnostic::Diagnostic;
use crate::manifest::Manifest;

/// `integrity`, the value that `manifest` gives the built file `file`, if
/// browsers can check it; otherwise a diagnostic naming the file.
pub fn checked(
    config: &Config,
    manifest: &Manifest,
    file: &str,
    integrity: &str,
) -> Result<String, Diagnostic> {
    if is_integrity_metadata(integrity) {
        return Ok(integrity.to_owned());
    }
    Err(Diagnostic::new(format!(
        "the Vite manifest `{}` gives `{file}` the integrity `{}`, which is not \
         `sha256-`, `sha384-` or `sha512-` followed by a base64 hash; a browser \
         would ignore it or refuse the file",
        config.display(manifest.path()),
        integrity.escape_debug()
    ))
    .fix(
        "check the plugin that writes `integrity` into the manifest, or \
         remove the key so that vite-asset computes the hash from the built file",
    ))
}

/// Whether `value` is integrity metadata that browsers check: hashes such as
/// `sha384-<base64>`, separated by spaces, each with optional `?options`.
pub(crate) fn is_integrity_metadata(value: &str) -> bool {
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

/// The integrity value of `bytes`: `sha384-` and the base64 of their SHA-384.
///
/// ```
/// assert_eq!(
///     vite_asset_core::integrity::sha384(b""),
///     "sha384-OLBgp1GsljhM2TJ+sbHjaiH9txEUvgdDTAzHv2P24donTt6/529l+9Ua0vFImLlb"
/// );
/// ```
pub fn sha384(bytes: &[u8]) -> String {
    let digest = Sha384::digest(bytes);
    format!(
        "sha384-{}",
        base64::engine::general_purpose::STANDARD.encode(digest)
    )
}

/// The Content-Security-Policy source that allows the inline script `body`:
/// `'sha256-…'`, for a `script-src` that works without nonces (on cached pages).
///
/// ```
/// assert_eq!(
///     vite_asset_core::integrity::csp_hash(""),
///     "'sha256-47DEQpj8HBSa+/TImW+5JCeuQeRkm5NMpJWZG3hSuFU='"
/// );
/// ```
pub fn csp_hash(body: &str) -> String {
    let digest = sha2::Sha256::digest(body.as_bytes());
    format!(
        "'sha256-{}'",
        base64::engine::general_purpose::STANDARD.encode(digest)
    )
}

/// A strong HTTP entity tag for `bytes`: the first 128 bits of their SHA-256,
/// in base64url, quoted.
///
/// ```
/// let tag = vite_asset_core::integrity::entity_tag(b"console.log(1)");
/// assert!(tag.starts_with('"') && tag.ends_with('"') && tag.len() == 24);
/// assert_ne!(tag, vite_asset_core::integrity::entity_tag(b"console.log(2)"));
/// ```
pub fn entity_tag(bytes: &[u8]) -> String {
    let digest = sha2::Sha256::digest(bytes);
    format!(
        "\"{}\"",
        base64::engine::general_purpose::URL_SAFE_NO_PAD.encode(&digest[..16])
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
    }
}
