//! [`ViteFiles`]: the files of a Vite build, listed from its manifest at
//! compile time by [`vite_files!`](crate::vite_files), to be served by
//! [`ViteFiles::service`] (the `serve` feature).

/// The files that a Vite build wrote and its manifest lists (each entry's
/// `file`, `css` and `assets`), each with its URL path, `Content-Type`, entity
/// tag, caching policy and precompressed variants, all computed at compile time.
/// Nothing else of the output directory is in it: not the manifest, not `.vite/`.
///
/// Made by [`vite_files!`](crate::vite_files), embedded in the binary or read
/// from the output directory at its absolute path; in `dev` it is empty, as
/// the Vite DevServer serves the assets.
///
/// ```
/// static FILES: &vite_asset::ViteFiles = vite_asset::vite_files!();
/// # if !vite_asset::DEV {
/// assert_eq!(FILES.base_path(), "/assets/");
/// assert!(FILES.paths().any(|path| path == "bundled/script-BkiISj8p.js"));
/// assert!(FILES.paths().all(|path| !path.contains("manifest")));
/// # }
/// ```
#[derive(Debug)]
pub struct ViteFiles {
    base_path: &'static str,
    files: &'static [BuiltFile],
    /// In `dev`: the build's DevServer, which the serving layer forwards to.
    #[cfg_attr(not(all(feature = "dev", feature = "serve")), allow(dead_code))]
    dev: Option<&'static DevBuild>,
    /// `vite_files!(spa_fallback)`: `index.html` for the paths below the base
    /// path that are no file and have no extension.
    #[cfg_attr(not(feature = "serve"), allow(dead_code))]
    spa_fallback: bool,
}

/// What the serving layer knows of a build's DevServer in `dev`. Used by the
/// expansion of `vite_files!` only.
#[doc(hidden)]
#[derive(Debug)]
pub struct DevBuild {
    /// The build's name, `None` for the default build.
    pub build: Option<&'static str>,
    /// The DevServer's origin, `dev-origin`.
    pub origin: &'static str,
    /// The Vite project's directory (where `vite.config.*` is), absolute, when known.
    pub project_dir: Option<&'static str>,
    /// Vite's `root`, absolute, when configured.
    pub root: Option<&'static str>,
    /// Whether the pages link the sources on their own origin (`dev-proxy`).
    pub proxy: bool,
    /// Whether the serving layer starts the DevServer (`start-dev-server`).
    pub start: bool,
}

/// One file of a [`ViteFiles`]. Used by the expansion of `vite_files!` only.
#[doc(hidden)]
#[derive(Debug)]
pub struct BuiltFile {
    /// The URL path below `base`, percent-encoded as the tags write it.
    pub path: &'static str,
    pub content_type: &'static str,
    /// Whether the name carries a content hash, so that browsers may keep it forever.
    pub immutable: bool,
    pub identity: Variant,
    pub brotli: Option<Variant>,
    pub gzip: Option<Variant>,
}

/// The bytes of one encoding of a built file. Used by the expansion of `vite_files!` only.
#[doc(hidden)]
#[derive(Debug)]
pub struct Variant {
    /// A strong entity tag of these bytes.
    pub etag: &'static str,
    pub body: Body,
}

/// Where the bytes are. Used by the expansion of `vite_files!` only.
#[doc(hidden)]
#[derive(Debug)]
pub enum Body {
    /// In the binary.
    Embedded(&'static [u8]),
    /// In the file at this absolute path, read when a request asks for it.
    OnDisk(&'static str),
}

impl ViteFiles {
    /// The expansion of `vite_files!`; `files` are sorted by `path`.
    pub(crate) const fn of_files(
        base_path: &'static str,
        files: &'static [BuiltFile],
        spa_fallback: bool,
    ) -> Self {
        ViteFiles {
            base_path,
            files,
            dev: None,
            spa_fallback,
        }
    }

    /// The expansion of `vite_files!` in `dev`: no files, and the DevServer.
    pub(crate) const fn development(
        base_path: &'static str,
        dev: &'static DevBuild,
        spa_fallback: bool,
    ) -> Self {
        ViteFiles {
            base_path,
            files: &[],
            dev: Some(dev),
            spa_fallback,
        }
    }

    /// In `dev`, the build's DevServer.
    #[cfg_attr(not(all(feature = "dev", feature = "serve")), allow(dead_code))]
    pub(crate) fn dev(&self) -> Option<&'static DevBuild> {
        self.dev
    }

    /// No files: the value of a `vite_files!` call that failed to compile.
    pub(crate) const fn empty() -> &'static ViteFiles {
        const EMPTY: &ViteFiles = &ViteFiles {
            base_path: "/",
            files: &[],
            dev: None,
            spa_fallback: false,
        };
        EMPTY
    }

    /// The path part of Vite's `base`, under which the files are served
    /// (`/assets/` for the base `/assets/` and for `https://cdn.example.com/assets/`).
    pub fn base_path(&self) -> &'static str {
        self.base_path
    }

    /// The URL paths of the files, below [`base_path`](Self::base_path), sorted.
    pub fn paths(&self) -> impl Iterator<Item = &'static str> {
        self.files.iter().map(|file| file.path)
    }

    /// How many files there are.
    pub fn len(&self) -> usize {
        self.files.len()
    }

    /// Whether there are none (in `dev`, or for a manifest that lists none).
    pub fn is_empty(&self) -> bool {
        self.files.is_empty()
    }

    /// Whether a path below the base path that is no file, and whose last part
    /// has no extension, is answered with `index.html` (`vite_files!(spa_fallback)`).
    pub fn spa_fallback(&self) -> bool {
        self.spa_fallback
    }

    /// Whether `below`, a path below the base path, is a client route of the
    /// single-page app (`vite_files!(spa_fallback)`): its last part has no extension.
    #[cfg(feature = "serve")]
    pub(crate) fn is_client_route(&self, below: &str) -> bool {
        let last = below.rsplit('/').next().unwrap_or(below);
        self.spa_fallback && !last.contains('.')
    }

    /// The page that `below`, a path below the base path that is no file,
    /// falls back to: `index.html`, for a client route.
    #[cfg(feature = "serve")]
    pub(crate) fn fallback_page(&self, below: &str) -> Option<&'static BuiltFile> {
        match self.is_client_route(below) {
            true => self.built("index.html"),
            false => None,
        }
    }

    /// The file at `path`, a URL path below [`base_path`](Self::base_path)
    /// (`bundled/script-BkiISj8p.js`), compared byte for byte: no decoding, no
    /// normalization, so no spelling of a path reaches anything but these files.
    /// For a server without tower or actix-web: what [`service`](Self::service)
    /// answers with, to write into its own response type.
    ///
    /// ```
    /// use vite_asset::{FileContents, ViteFiles};
    ///
    /// static FILES: &ViteFiles = vite_asset::vite_files!();
    /// # if !vite_asset::DEV {
    /// let file = FILES.get("bundled/script-BkiISj8p.js").expect("a built file");
    /// assert_eq!(file.content_type(), "text/javascript; charset=utf-8");
    /// assert_eq!(file.cache_control(), "public, max-age=31536000, immutable");
    /// let FileContents::Embedded(bytes) = file.identity().contents else {
    ///     unreachable!("vite_files!() embeds the files")
    /// };
    /// assert!(!bytes.is_empty());
    /// assert!(FILES.get("../manifest.json").is_none() && FILES.get(".vite/manifest.json").is_none());
    /// # }
    /// ```
    pub fn get(&self, path: &str) -> Option<ViteFile> {
        self.built(path).map(|file| ViteFile { file })
    }

    /// Every file, sorted by path, as [`get`](Self::get) gives each.
    pub fn iter(&self) -> impl Iterator<Item = ViteFile> {
        let files: &'static [BuiltFile] = self.files;
        files.iter().map(|file| ViteFile { file })
    }

    /// [`get`](Self::get), as the serving layer holds the file.
    pub(crate) fn built(&self, path: &str) -> Option<&'static BuiltFile> {
        let files: &'static [BuiltFile] = self.files;
        files
            .binary_search_by(|file| file.path.cmp(path))
            .ok()
            .map(|at| &files[at])
    }
}

impl BuiltFile {
    /// `Cache-Control`: a hashed name may be kept forever, another is revalidated.
    pub(crate) fn cache_control(&self) -> &'static str {
        match self.immutable {
            true => "public, max-age=31536000, immutable",
            false => "no-cache",
        }
    }
}

/// One file of a [`ViteFiles`], from [`ViteFiles::get`] or [`ViteFiles::iter`]:
/// what a response for it needs, computed at compile time.
#[derive(Debug, Clone, Copy)]
pub struct ViteFile {
    file: &'static BuiltFile,
}

impl ViteFile {
    /// Its URL path below the base path, percent-encoded as the tags write it.
    pub fn path(&self) -> &'static str {
        self.file.path
    }

    /// Its `Content-Type`, from its extension.
    pub fn content_type(&self) -> &'static str {
        self.file.content_type
    }

    /// Its `Cache-Control`: `public, max-age=31536000, immutable` for a name
    /// with a content hash, `no-cache` for another.
    pub fn cache_control(&self) -> &'static str {
        self.file.cache_control()
    }

    /// The file as it is, with its strong `ETag`.
    pub fn identity(&self) -> Encoded {
        Encoded::of(&self.file.identity)
    }

    /// Its brotli variant (`Content-Encoding: br`), when one was written and is smaller.
    pub fn brotli(&self) -> Option<Encoded> {
        self.file.brotli.as_ref().map(Encoded::of)
    }

    /// Its gzip variant (`Content-Encoding: gzip`), when one was written and is smaller.
    pub fn gzip(&self) -> Option<Encoded> {
        self.file.gzip.as_ref().map(Encoded::of)
    }
}

/// One encoding of a [`ViteFile`]: its entity tag and where its bytes are.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Encoded {
    /// A strong entity tag of these bytes, quoted, as the `ETag` header writes it.
    pub etag: &'static str,
    /// The bytes.
    pub contents: FileContents,
}

impl Encoded {
    fn of(variant: &'static Variant) -> Encoded {
        let contents = match variant.body {
            Body::Embedded(bytes) => FileContents::Embedded(bytes),
            Body::OnDisk(path) => FileContents::OnDisk(std::path::Path::new(path)),
        };
        Encoded {
            etag: variant.etag,
            contents,
        }
    }
}

/// Where the bytes of a built file are.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum FileContents {
    /// In the binary (`vite_files!()`).
    Embedded(&'static [u8]),
    /// In the file at this absolute path (`vite_files!(from_disk)`), to be read
    /// when a request asks for it.
    OnDisk(&'static std::path::Path),
}
