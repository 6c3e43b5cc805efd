//! [`AssetError`]: what a run-time lookup in the table of `vite_manifest!()`
//! reports, with the same message as the macros' compile errors, and its
//! [`AssetErrorKind`] for a program that handles one mistake differently.

use std::fmt;

use vite_asset_core::Diagnostic;

/// A name that the manifest does not have, or that cannot be used where it was:
/// the message says which, the closest names, and how to fix it, as the
/// macros' compile errors do. [`kind`](Self::kind) says which mistake it is.
///
/// The template functions of the `minijinja` and `tera` features fail the
/// render with it as the source of the engine's error, so that a program can
/// find it with `downcast_ref`.
///
/// ```
/// use vite_asset::{AssetErrorKind, ViteManifest};
///
/// static MANIFEST: &ViteManifest = vite_asset::vite_manifest!();
///
/// let error = MANIFEST.url("scrpt.ts").unwrap_err();
/// # if !vite_asset::DEV {
/// assert_eq!(error.kind(), AssetErrorKind::NotInManifest);
/// assert!(error.to_string().contains("did you mean `script.ts`?"));
/// # } else {
/// # assert_eq!(error.kind(), AssetErrorKind::NotASource);
/// # }
/// ```
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AssetError {
    kind: AssetErrorKind,
    diagnostic: Diagnostic,
}

/// Which mistake an [`AssetError`] is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum AssetErrorKind {
    /// The name is not a key of the manifest: a typo, or an entry that is
    /// missing from the build's `input`.
    NotInManifest,
    /// The name is in the manifest, but it has no tags: it is neither JS nor CSS.
    NotAnEntry,
    /// The name is in the manifest, but a browser cannot preload its file.
    NotPreloadable,
    /// In development, the name is not a source file of the Vite project.
    NotASource,
    /// A call for tags that names no entry, or one entry twice.
    BadNames,
    /// A template named a build (`build="admin"`) whose manifest was not registered.
    UnknownBuild,
    /// An attribute in `attrs` that is not one: an invalid name, one that
    /// vite-asset writes itself, or a value that browsers ignore.
    BadAttribute,
    /// A `vite_content` whose contents are not in the binary (its name was
    /// not a literal the template check saw), or, in development, a file
    /// that cannot be written into a page.
    NoContent,
}

impl AssetErrorKind {
    /// A short phrase for the kind, as an engine's error chain shows it above the message.
    fn phrase(self) -> &'static str {
        match self {
            AssetErrorKind::NotInManifest => "a name that is not in the Vite manifest",
            AssetErrorKind::NotAnEntry => "an asset that has no tags",
            AssetErrorKind::NotPreloadable => "an asset that a browser cannot preload",
            AssetErrorKind::NotASource => "a name that is not a source file of the Vite project",
            AssetErrorKind::BadNames => "a call without entries, or with one twice",
            AssetErrorKind::UnknownBuild => "a build whose manifest was not registered",
            AssetErrorKind::BadAttribute => "an attribute that a tag cannot be given",
            AssetErrorKind::NoContent => "contents that the binary does not hold",
        }
    }
}

impl fmt::Display for AssetErrorKind {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.phrase())
    }
}

impl AssetError {
    pub(crate) fn new(kind: AssetErrorKind, diagnostic: Diagnostic) -> Self {
        AssetError { kind, diagnostic }
    }

    /// Which mistake this is.
    pub fn kind(&self) -> AssetErrorKind {
        self.kind
    }
}

impl fmt::Display for AssetError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        fmt::Display::fmt(&self.diagnostic, f)
    }
}

/// The message is the whole story: an `AssetError` has no cause of its own.
impl std::error::Error for AssetError {}
