//! What the macros' expansions name, in one place: hidden from the
//! documentation, not part of the public interface, and free to change in
//! any release. Its constructors are the only way to build the types they
//! make from parts, so that no public type has a hidden constructor of its own.

pub use vite_asset_core::attributes::{Attribute, Attributes};
pub use vite_asset_core::html::{FileTag, WrittenTag};

pub use crate::files::{Body, BuiltFile, DevBuild, Variant};
pub use crate::table::{Asset, Dev, File, Needs, Table};
use crate::{Content, Tags, Templates, ViteFiles, ViteManifest};

/// `vite_content!`'s contents and their CSP hash.
pub const fn content(text: &'static str, csp_hash: &'static str) -> Content {
    Content::new(text, csp_hash)
}

/// `vite_tags!`'s tags: the HTML, the nonce offsets (each a little-endian
/// `u32`), the `Link` header value and the inline scripts' hashes.
pub const fn tags(
    html: &'static str,
    nonce_at: &'static [u8],
    link: &'static str,
    script_hashes: &'static str,
) -> Tags {
    Tags::precomputed(html, nonce_at, link, script_hashes)
}

/// `vite_manifest!()`'s table.
pub const fn manifest(table: Table) -> ViteManifest {
    ViteManifest::of_table(table)
}

/// A built file of `vite_manifest!()`'s table: its URL, its integrity, and
/// whether it is CSS (else JavaScript).
pub const fn file(url: &'static str, integrity: &'static str, stylesheet: bool) -> File {
    File {
        url,
        integrity,
        stylesheet,
    }
}

/// One key of `vite_manifest!()`'s table.
pub const fn asset(
    name: &'static str,
    url: &'static str,
    file: &'static str,
    needs: Option<Needs>,
    preload: Option<(&'static str, &'static str)>,
) -> Asset {
    Asset {
        name,
        url,
        file,
        needs,
        preload,
    }
}

/// The files one key of `vite_manifest!()`'s table links, as indices into
/// its files, and an entry point's own tags.
pub const fn needs(
    stylesheets: &'static [u32],
    scripts: &'static [u32],
    preloads: &'static [u32],
    prefetches: &'static [u32],
    tags: Option<Tags>,
) -> Needs {
    Needs {
        stylesheets,
        scripts,
        preloads,
        prefetches,
        tags,
    }
}

/// One attribute of the build's `attrs`, checked when the configuration was read.
pub const fn attribute(tag: FileTag, name: &'static str, value: Option<&'static str>) -> Attribute {
    Attribute {
        tag,
        name: std::borrow::Cow::Borrowed(name),
        value: match value {
            Some(value) => Some(std::borrow::Cow::Borrowed(value)),
            None => None,
        },
    }
}

/// The build's `attrs` in `vite_manifest!()`'s table.
pub const fn attributes(list: &'static [Attribute]) -> Attributes {
    Attributes::checked(list)
}

/// The value of a `vite_manifest!()` that failed to compile.
pub const fn no_manifest() -> &'static ViteManifest {
    ViteManifest::empty()
}

/// `vite_files!`'s built files, sorted by path.
pub const fn files(
    base_path: &'static str,
    files: &'static [BuiltFile],
    spa_fallback: bool,
) -> ViteFiles {
    ViteFiles::of_files(base_path, files, spa_fallback)
}

/// `vite_files!` under `dev`: no files, and the DevServer.
pub const fn dev_files(
    base_path: &'static str,
    dev: &'static DevBuild,
    spa_fallback: bool,
) -> ViteFiles {
    ViteFiles::development(base_path, dev, spa_fallback)
}

/// The value of a `vite_files!` that failed to compile.
pub const fn no_files() -> &'static ViteFiles {
    ViteFiles::empty()
}

/// `vite_templates!`'s templates, sorted by name.
pub const fn templates(
    dir: &'static str,
    embedded: &'static [(&'static str, &'static str)],
) -> Templates {
    Templates::embedded(dir, embedded, &[])
}

/// `vite_templates!`'s templates, sorted by name, with the contents that
/// their `vite_content("…")` calls name: (build, name, contents).
pub const fn templates_with_contents(
    dir: &'static str,
    embedded: &'static [(&'static str, &'static str)],
    contents: &'static [(Option<&'static str>, &'static str, Content)],
) -> Templates {
    Templates::embedded(dir, embedded, contents)
}
