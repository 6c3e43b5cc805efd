//! Running the Vite build from a cargo build script, so that one `cargo build`
//! also builds the frontend and CI cannot forget the Vite step.
//!
//! Enable the `build` feature in `[build-dependencies]` and call [`Vite::run`]
//! from `build.rs`:
//!
//! ```toml
//! [build-dependencies]
//! vite-asset = { version = "0.1", features = ["build"] }
//! ```
//!
//! ```no_run
//! // build.rs
//! fn main() {
//!     vite_asset::build::Vite::new("frontend")
//!         .out_dir("dist")
//!         .run();
//! }
//! ```
//!
//! What [`Vite::run`] does, in the Vite project's directory:
//! 1. `npm ci`, when `node_modules` is missing or `package-lock.json` changed since
//!    the last install;
//! 2. `npm run build` (which runs `vite build`), when any file of the Vite project
//!    changed since the last build, or the output directory is gone; but not under
//!    the crate's own `dev` feature, where the Vite DevServer serves the sources;
//! 3. tells cargo to run the build script again only when one of those files changes.
//!
//! The files of the Vite project are those of its directory but what git ignores
//! (`.gitignore`, read as git reads it), `node_modules`, hidden files, the output
//! directory, a cargo target directory and the crate's Rust files: with the Vite
//! project at the crate's root (`Vite::new(".")`), a Rust edit builds no frontend.
//! The fingerprints of the last install and build are kept in the build script's
//! `OUT_DIR`.
//!
//! When nothing changed it runs neither command. Vite's warnings are shown as cargo
//! warnings; a failed build fails `cargo build` with Vite's own message. Set
//! `VITEASSET_SKIP_BUILD=1` to skip both commands (for example where the frontend is
//! built by an earlier step of a container build); the manifest is still watched.
//!
//! # Watching the manifest
//!
//! When it did not just build the frontend, [`Vite::run`] also watches the manifest
//! in the output directory with [`watch_manifest`]: cargo runs the build script again,
//! and so rebuilds the crate, when the manifest changes or is deleted. Where the
//! frontend is built some other way, call [`watch_manifest`] alone. It watches the
//! rest of the macros' configuration as well: the crate's `Cargo.toml` and the
//! `VITEASSET_*` variables.
//! Without a build script the macros make rustc track all of these themselves,
//! which is just as exact, but rustc then keeps a copy of the manifest as source
//! text: for a manifest of megabytes, about ten megabytes of the compiler's memory,
//! and some more to load `core` for the items that name the variables (see
//! BENCHMARKS.md in the repository).

// The module's example is a whole build.rs, whose `fn main` is the point.
#![allow(clippy::needless_doctest_main)]

use std::fmt;
use std::path::{Path, PathBuf};

#[cfg(any(feature = "minijinja", feature = "tera"))]
#[cfg_attr(docsrs, doc(cfg(any(feature = "minijinja", feature = "tera"))))]
pub use crate::template_check::{CheckedTemplates, TemplateCheck, TemplateErrors};
use std::process::{Command, Output};
use std::sync::Mutex;

use vite_asset_core::config::{
    env_names, MANIFEST_IN_OUT_DIR, PRECOMPRESSED_DIR_ENV, WATCHED_BY_BUILD_SCRIPT_ENV,
};
use vite_asset_core::{built_file, Config, Manifest};
use vite_asset_core::{project_files, vite_project};

/// The environment variable that makes [`Vite::run`] skip `npm ci` and the build.
pub const SKIP_ENV: &str = "VITEASSET_SKIP_BUILD";

/// The stamp of the last build: a fingerprint of what it was made from, kept in
/// the build script's `OUT_DIR`, where cargo lets a build script write.
const BUILD_STAMP: &str = "vite-asset-build";

/// A Vite project that a build script builds.
///
/// ```no_run
/// vite_asset::build::Vite::new("examples/axum_askama")
///     .out_dir("assets_compiled")
///     .run();
/// ```
#[derive(Debug, Clone)]
pub struct Vite {
    dir: PathBuf,
    out_dir: PathBuf,
    npm: String,
    /// Where the stamps are written: the build script's `OUT_DIR`.
    stamp_dir: Option<PathBuf>,
    /// Whether the crate's `dev` feature is on (`CARGO_FEATURE_DEV`, which cargo
    /// sets for the build script), read when the helper is made.
    dev: bool,
}

/// Why the frontend could not be built.
#[derive(Debug)]
pub enum Error {
    /// `npm` could not be started: Node.js is not installed or not on `PATH`.
    NpmMissing {
        /// The program that was started.
        program: String,
        /// The operating system's error.
        source: std::io::Error,
    },
    /// An npm command exited with an error; its output says why.
    CommandFailed {
        /// The command line, as a person would type it.
        command: String,
        /// The directory it ran in.
        dir: PathBuf,
        /// What it printed, stdout then stderr.
        output: String,
    },
    /// [`Vite::run`] was called outside a build script: cargo sets no `OUT_DIR`.
    NotInBuildScript,
    /// A file of the Vite project could not be read.
    Io {
        /// The file or directory.
        path: PathBuf,
        /// The operating system's error.
        source: std::io::Error,
    },
}

impl fmt::Display for Error {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Error::NpmMissing { program, .. } => write!(
                f,
                "cannot run `{program}`: the frontend is built with Node.js and npm\n  \
                 to fix: install Node.js 20 or newer (it comes with npm) and make sure `{program}` is on PATH, \
                 or set {SKIP_ENV}=1 if the frontend is already built"
            ),
            Error::CommandFailed {
                command,
                dir,
                output,
            } => write!(
                f,
                "`{command}` failed in `{}`:\n{output}\n  to fix: see the output above; \
                 run `{command}` in that directory to try again by hand",
                dir.display()
            ),
            Error::NotInBuildScript => write!(
                f,
                "`OUT_DIR` is not set, so this is not a cargo build script\n  \
                 to fix: call `vite_asset::build::Vite::run` from the crate's `build.rs`"
            ),
            Error::Io { path, .. } => write!(f, "cannot read `{}`", path.display()),
        }
    }
}

impl std::error::Error for Error {
    fn source(&self) -> Option<&(dyn std::error::Error + 'static)> {
        match self {
            Error::NpmMissing { source, .. } | Error::Io { source, .. } => Some(source),
            Error::CommandFailed { .. } | Error::NotInBuildScript => None,
        }
    }
}

/// Ends the build script with `errors`, each as cargo shows a build script's
/// errors (`cargo::error=`, since cargo 1.84): `error: app@0.1.0: …`, one per
/// line, after the script and without its other output (every
/// `cargo:rerun-if-changed` line), which cargo prints only for a script that
/// exits with a failure. Cargo fails the build for them.
pub(crate) fn fail_build(errors: impl IntoIterator<Item = String>) -> ! {
    for error in errors {
        for line in error.lines() {
            println!("cargo::error={line}");
        }
    }
    std::process::exit(0);
}

impl Vite {
    /// The Vite project in `dir` (the directory with `package.json` and
    /// `vite.config.js`), relative to the crate's directory.
    pub fn new(dir: impl Into<PathBuf>) -> Self {
        Vite {
            dir: dir.into(),
            out_dir: PathBuf::from("dist"),
            npm: if cfg!(windows) { "npm.cmd" } else { "npm" }.to_owned(),
            stamp_dir: std::env::var_os("OUT_DIR").map(PathBuf::from),
            dev: std::env::var_os("CARGO_FEATURE_DEV").is_some(),
        }
    }

    /// Vite's `build.outDir`, relative to the project directory (default `dist`).
    /// It is not an input: writing it does not trigger another build.
    pub fn out_dir(mut self, out_dir: impl Into<PathBuf>) -> Self {
        self.out_dir = out_dir.into();
        self
    }

    /// The npm program to run (default `npm`).
    pub fn npm(mut self, npm: impl Into<String>) -> Self {
        self.npm = npm.into();
        self
    }

    /// Builds the frontend if it changed, for a build script: on failure the
    /// error is the last thing cargo prints (`error: app@0.1.0: …`), and the
    /// cargo build fails.
    pub fn run(&self) {
        if let Err(error) = self.try_run() {
            let mut message = error.to_string();
            let mut cause = std::error::Error::source(&error);
            while let Some(error) = cause {
                message.push_str(&format!("\n  caused by: {error}"));
                cause = error.source();
            }
            fail_build([message]);
        }
    }

    /// Like [`run`](Self::run), returning the error instead of exiting.
    pub fn try_run(&self) -> Result<(), Error> {
        println!("cargo:rerun-if-env-changed={SKIP_ENV}");
        let out_dir = self.dir.join(&self.out_dir);
        if std::env::var_os(SKIP_ENV).is_some_and(|value| !value.is_empty() && value != "0") {
            watch_manifest_in(&out_dir);
            precompress();
            return Ok(());
        }
        let (inputs, source_dirs) = self.inputs()?;
        for input in &inputs {
            println!("cargo:rerun-if-changed={}", input.display());
        }
        // Cargo scans a directory for changes, so a file added to one is seen too. Not the
        // project directory itself: it holds node_modules and the output, which change on
        // every install and build.
        for dir in &source_dirs {
            println!("cargo:rerun-if-changed={}", dir.display());
        }

        let dev = self.dev;
        let node_modules = self.dir.join("node_modules");
        if !node_modules.is_dir() {
            self.npm_command(&["ci", "--no-audit", "--no-fund"])?;
        } else if !vite_project::installed_as_locked(&self.dir) {
            match dev {
                // Under `dev` a DevServer may be running from node_modules: `npm ci`
                // would delete it (and Vite's pre-bundled deps) under that server.
                true => println!(
                    "cargo:warning=the packages in `{}` are not those of its package-lock.json: \
                     stop the Vite DevServer and run `npm ci` there (under `dev` the build script does \
                     not reinstall under a running DevServer)",
                    node_modules.display()
                ),
                false => {
                    self.npm_command(&["ci", "--no-audit", "--no-fund"])?;
                }
            }
        }
        // Under the crate's `dev` feature the DevServer serves the sources: a build
        // would be wasted, and would restart a server that watches the output.
        if dev {
            return Ok(());
        }
        let sources = fingerprint(&inputs)?;
        if self.needs_build(&sources)? {
            let output = self.npm_command(&["run", "build"])?;
            for line in String::from_utf8_lossy(&output.stderr).lines() {
                if !line.trim().is_empty() {
                    println!("cargo:warning=vite: {line}");
                }
            }
            self.write_stamp(BUILD_STAMP, &sources)?;
            // Cargo reruns a build script when a file it watches is newer than the
            // script's start: the manifest just written would compile the crate a
            // second time at the next `cargo build`. Dated back to that start, it is
            // watched all the same, so that deleting the output builds it again.
            watch_manifest_in(&out_dir);
            self.date_back_to_start(&out_dir);
        } else {
            // When the output is deleted, the next `cargo build` must build it again;
            // when it changes, the crate must be rebuilt.
            watch_manifest_in(&out_dir);
        }
        precompress();
        Ok(())
    }

    /// Gives the manifest in `out_dir` the time this build script started, as
    /// cargo recorded it (`invoked.timestamp` beside `OUT_DIR`).
    fn date_back_to_start(&self, out_dir: &Path) {
        let Some(started) = self
            .stamp_dir
            .as_deref()
            .and_then(Path::parent)
            .map(|dir| dir.join("invoked.timestamp"))
            .and_then(|stamp| std::fs::metadata(stamp).ok()?.modified().ok())
        else {
            return;
        };
        for manifest in MANIFEST_IN_OUT_DIR.iter().map(|name| out_dir.join(name)) {
            if let Ok(file) = std::fs::File::options().write(true).open(&manifest) {
                let _ = file.set_modified(started);
            }
        }
    }

    /// Whether the last build is missing or was made from other sources.
    fn needs_build(&self, sources: &str) -> Result<bool, Error> {
        if !self.dir.join(&self.out_dir).is_dir() {
            return Ok(true);
        }
        Ok(self.stamp(BUILD_STAMP)?.as_deref() != Some(sources))
    }

    /// Every file of the Vite project that can change what Vite builds (see
    /// [`project_files::under`]: not what git ignores, not `node_modules`, not a
    /// cargo target directory, not Rust files), without the output directory
    /// and the Vite projects inside it; and the directories they are in.
    fn inputs(&self) -> Result<(Vec<PathBuf>, Vec<PathBuf>), Error> {
        let out_dir = self.dir.join(&self.out_dir);
        // A Vite project inside this one (an admin area's) is a build of its own:
        // its edits build it, not this one.
        let mut skipped = vec![out_dir];
        skipped.extend(
            vite_asset_core::vite_project::ViteProject::below(&self.dir)
                .into_iter()
                .map(|project| project.dir)
                .filter(|dir| dir != &self.dir),
        );
        let found = project_files::under(&self.dir, &skipped, usize::MAX);
        if let Some((path, source)) = found.unreadable.into_iter().next() {
            return Err(Error::Io { path, source });
        }
        Ok((found.files, found.dirs))
    }

    /// The stamp `name` of this project: a build script may run several.
    fn stamp_path(&self, name: &str) -> Result<PathBuf, Error> {
        let project: String = self
            .dir
            .to_string_lossy()
            .chars()
            .map(|c| if c.is_ascii_alphanumeric() { c } else { '_' })
            .collect();
        match &self.stamp_dir {
            Some(dir) => Ok(dir.join(format!("{name}-{project}"))),
            None => Err(Error::NotInBuildScript),
        }
    }

    fn stamp(&self, name: &str) -> Result<Option<String>, Error> {
        let path = self.stamp_path(name)?;
        Ok(std::fs::read_to_string(path)
            .ok()
            .map(|text| text.trim().to_owned()))
    }

    fn write_stamp(&self, name: &str, value: &str) -> Result<(), Error> {
        let path = self.stamp_path(name)?;
        std::fs::write(&path, value).map_err(|source| Error::Io { path, source })
    }

    fn npm_command(&self, args: &[&str]) -> Result<Output, Error> {
        let command_line = format!("{} {}", self.npm, args.join(" "));
        let output = Command::new(&self.npm)
            .args(args)
            .current_dir(&self.dir)
            .output()
            .map_err(|source| Error::NpmMissing {
                program: self.npm.clone(),
                source,
            })?;
        if output.status.success() {
            Ok(output)
        } else {
            Err(Error::CommandFailed {
                command: command_line,
                dir: self.dir.clone(),
                output: format!(
                    "{}{}",
                    String::from_utf8_lossy(&output.stdout),
                    String::from_utf8_lossy(&output.stderr)
                ),
            })
        }
    }
}

/// Tells cargo, from a build script, to rebuild the crate when the Vite manifest
/// at `path` (relative to the crate's directory) changes, and tells the macros so:
/// they then leave that manifest out of rustc's own tracking, which costs rustc a
/// copy of the manifest as source text. It also watches the rest of the macros'
/// configuration (the crate's `Cargo.toml`, and `VITEASSET_MANIFEST`, `VITEASSET_BASE`,
/// `VITEASSET_DEV_ORIGIN` and `VITEASSET_ROOT`), which the macros then do not name either.
///
/// [`Vite::run`] calls it; call it yourself where the frontend is built by another
/// step. Name the manifest that the macros read: any other is not affected.
///
/// ```no_run
/// // build.rs, with the frontend built by `npm run build` before `cargo build`
/// fn main() {
///     vite_asset::build::watch_manifest("frontend/dist/.vite/manifest.json");
/// }
/// ```
pub fn watch_manifest(path: impl AsRef<Path>) {
    static WATCHED: Mutex<Vec<PathBuf>> = Mutex::new(Vec::new());
    let path = path.as_ref();
    println!("cargo:rerun-if-changed={}", path.display());
    let mut watched = crate::locked(&WATCHED);
    if watched.is_empty() {
        // The macros recognize their crate's Cargo.toml in the list, and then
        // leave the variables to the build script as well.
        let cargo_toml = absolute(Path::new("Cargo.toml"));
        println!("cargo:rerun-if-changed={}", cargo_toml.display());
        // Every build's variables: the macros leave all of them to the build script.
        let builds = Config::of_cargo_crate().map_or_else(|_| Vec::new(), |config| config.builds);
        let names = std::iter::once(None).chain(builds.iter().map(|name| Some(name.as_str())));
        for name in names.flat_map(env_names) {
            println!("cargo:rerun-if-env-changed={name}");
        }
        watched.push(cargo_toml);
    }
    let path = absolute(path);
    if !watched.contains(&path) {
        watched.push(path);
    }
    // Cargo keeps the last value of a variable, so each call names every manifest.
    if let Ok(joined) = std::env::join_paths(watched.iter()) {
        println!(
            "cargo:rustc-env={WATCHED_BY_BUILD_SCRIPT_ENV}={}",
            joined.to_string_lossy()
        );
    }
}

/// Compresses every file of the Vite build that the crate's manifest lists into
/// the build script's `OUT_DIR`, with brotli and gzip, and tells `vite_files!()`
/// where they are, so that the binary embeds them and serves each to the browsers
/// that accept it. Only variants smaller than the file are kept, and only
/// variants older than their file are made again. [`Vite::run`]
/// calls it; call it from a build script where the frontend is built another way.
///
/// It runs when the build script does, which cargo caches: not at every compile
/// of the crate, as a macro would. Brotli compresses at quality 11 in release
/// builds and 9 in debug ones: build scripts are compiled unoptimized, where
/// quality 11 takes seconds for a bundle of a few hundred kilobytes
/// (BENCHMARKS.md). A crate whose configuration or manifest has a mistake
/// is left alone: the macros report it.
///
/// ```no_run
/// // build.rs
/// fn main() {
///     vite_asset::build::watch_manifest("frontend/dist/.vite/manifest.json");
///     vite_asset::build::precompress();
/// }
/// ```
pub fn precompress() {
    // Each call compresses what is not yet: a build script that runs several
    // Vite projects calls it after each, and only the new files cost anything.
    let (Ok(crate_dir), Some(out)) = (
        vite_asset_core::config::cargo_crate_dir(),
        std::env::var_os("OUT_DIR"),
    ) else {
        return;
    };
    let Ok(builds) = Config::read_all(&crate_dir, &vite_asset_core::config::env_var) else {
        return;
    };
    let target = Path::new(&out).join("vite-asset-precompressed");
    for config in &builds {
        precompress_build(
            config,
            &built_file::precompressed_dir(&target, config.build.as_deref()),
        );
    }
    println!(
        "cargo:rustc-env={PRECOMPRESSED_DIR_ENV}={}",
        target.display()
    );
}

/// Compresses the files of one build into `target`. A build whose manifest
/// cannot be read is left to the macros, which say why.
fn precompress_build(config: &Config, target: &Path) {
    let Ok(manifest_path) = config.manifest_path() else {
        return;
    };
    let Ok(manifest) = Manifest::load(&manifest_path) else {
        return;
    };
    let Ok(files) = manifest.built_files() else {
        return;
    };
    let out_dir = config.out_dir(&manifest_path);
    let quality = match std::env::var("PROFILE").as_deref() {
        Ok("release") => 11,
        _ => 9,
    };
    for file in files {
        if built_file::not_inside(file).is_some() {
            continue;
        }
        let source = out_dir.join(file);
        let Ok(bytes) = std::fs::read(&source) else {
            continue;
        };
        for (extension, compress) in [
            ("br", brotli_bytes as fn(&[u8], u32) -> Vec<u8>),
            ("gz", gzip_bytes),
        ] {
            let path = target.join(format!("{file}.{extension}"));
            // A variant newer than its file is still right (`vite_files!` takes no
            // older one): a Vite build that rewrote the file asks for a new one.
            if built_file::is_fresh(&path, &source) {
                continue;
            }
            let compressed = compress(&bytes, quality);
            if compressed.len() < bytes.len() {
                if let Some(parent) = path.parent() {
                    let _ = std::fs::create_dir_all(parent);
                }
                let _ = std::fs::write(&path, compressed);
            } else {
                let _ = std::fs::remove_file(&path);
            }
        }
    }
}

fn brotli_bytes(bytes: &[u8], quality: u32) -> Vec<u8> {
    use std::io::Write;
    let mut compressed = Vec::new();
    {
        let mut writer = brotli::CompressorWriter::new(&mut compressed, 4096, quality, 22);
        // Writing to a Vec cannot fail.
        let _ = writer.write_all(bytes);
    }
    compressed
}

fn gzip_bytes(bytes: &[u8], _: u32) -> Vec<u8> {
    use std::io::Write;
    let mut encoder = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::best());
    let _ = encoder.write_all(bytes);
    encoder.finish().unwrap_or_default()
}

/// Watches the manifest in `out_dir`, where Vite 5+ writes it and then where
/// earlier versions do. A manifest with another name is left to the macros' own
/// tracking, and the whole directory is watched so that a deleted output is seen.
/// A missing directory is not watched: cargo would run the build script, and
/// compile the crate, at every build (with `VITEASSET_SKIP_BUILD` and no frontend).
fn watch_manifest_in(out_dir: &Path) {
    match MANIFEST_IN_OUT_DIR
        .iter()
        .map(|name| out_dir.join(name))
        .find(|manifest| manifest.is_file())
    {
        Some(manifest) => watch_manifest(manifest),
        None if out_dir.is_dir() => println!("cargo:rerun-if-changed={}", out_dir.display()),
        None => {}
    }
}

/// `path` from the crate's directory, where cargo runs build scripts.
fn absolute(path: &Path) -> PathBuf {
    match std::env::var_os("CARGO_MANIFEST_DIR") {
        Some(crate_dir) => Path::new(&crate_dir).join(path),
        None => std::env::current_dir().map_or_else(|_| path.to_owned(), |cwd| cwd.join(path)),
    }
}

/// A SHA-256 of the paths and contents of `files`, in hex: it changes when a
/// file is added, removed, renamed or edited, and not when one is only touched,
/// nor with the Rust release that built the build script.
fn fingerprint(files: &[PathBuf]) -> Result<String, Error> {
    use sha2::{Digest, Sha256};
    let mut hasher = Sha256::new();
    for file in files {
        let path = file.to_string_lossy();
        hasher.update((path.len() as u64).to_le_bytes());
        hasher.update(path.as_bytes());
        match std::fs::read(file) {
            Ok(bytes) => {
                hasher.update([1]);
                hasher.update((bytes.len() as u64).to_le_bytes());
                hasher.update(&bytes);
            }
            // A missing file (no lock file yet) is part of the state too.
            Err(error) if error.kind() == std::io::ErrorKind::NotFound => hasher.update([0]),
            Err(source) => {
                return Err(Error::Io {
                    path: file.clone(),
                    source,
                })
            }
        }
    }
    Ok(hasher
        .finalize()
        .iter()
        .map(|byte| format!("{byte:02x}"))
        .collect())
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A crate laid out as the README's quick start has it: the Vite project at
    /// the crate's root, beside the Rust sources and cargo's target directory, in a
    /// fresh directory, with the build script's `OUT_DIR` inside the target directory.
    fn project(name: &str) -> Vite {
        let dir =
            std::env::temp_dir().join(format!("vite-asset-build-{name}-{}", std::process::id()));
        let _ = std::fs::remove_dir_all(&dir);
        for (file, text) in [
            ("Cargo.toml", "[package]\nname = \"app\"\n"),
            ("Cargo.lock", ""),
            ("build.rs", "fn main() {}"),
            ("src/main.rs", "fn main() {}"),
            (
                "target/CACHEDIR.TAG",
                "Signature: 8a477f597d28d172789f06886806bc55",
            ),
            ("target/debug/build/app-1/out/.keep", ""),
            ("package.json", "{}"),
            (
                "package-lock.json",
                r#"{"lockfileVersion": 3, "packages": {"": {}, "node_modules/vite": {"version": "8.4.0"}}}"#,
            ),
            (
                "node_modules/.package-lock.json",
                r#"{"lockfileVersion": 3, "packages": {"node_modules/vite": {"version": "8.4.0"}}}"#,
            ),
            ("vite.config.js", "export default {}"),
            ("assets_source/script.ts", "console.log(1)"),
            ("node_modules/vite/index.js", ""),
            ("assets_compiled/manifest.json", "{}"),
            (".cache/x", ""),
            (".gitignore", "/assets_compiled\n*.log\n"),
            ("npm-debug.log", ""),
        ] {
            let path = dir.join(file);
            std::fs::create_dir_all(path.parent().unwrap()).unwrap();
            std::fs::write(path, text).unwrap();
        }
        let mut vite = Vite::new(&dir).out_dir("assets_compiled");
        vite.stamp_dir = Some(dir.join("target/debug/build/app-1/out"));
        vite
    }

    fn built(vite: &Vite) {
        let sources = fingerprint(&vite.inputs().unwrap().0).unwrap();
        vite.write_stamp(BUILD_STAMP, &sources).unwrap();
    }

    fn needs_build(vite: &Vite) -> bool {
        vite.needs_build(&fingerprint(&vite.inputs().unwrap().0).unwrap())
            .unwrap()
    }

    #[test]
    fn inputs_are_the_frontend_not_the_rust_crate_nor_what_git_ignores() {
        let vite = project("inputs");
        let (files, dirs) = vite.inputs().unwrap();
        let relative = |paths: Vec<PathBuf>| -> Vec<String> {
            paths
                .iter()
                .map(|path| path.strip_prefix(&vite.dir).unwrap().display().to_string())
                .collect()
        };
        assert_eq!(
            relative(files),
            [
                "assets_source/script.ts",
                "package-lock.json",
                "package.json",
                "vite.config.js"
            ]
        );
        assert_eq!(relative(dirs), ["assets_source"], "watched for added files");
    }

    #[test]
    fn a_vite_project_inside_another_is_not_its_input() {
        let site = project("nested");
        for (file, text) in [
            ("admin/package.json", "{}"),
            ("admin/vite.config.js", "export default {}"),
            ("admin/src/admin.ts", "console.log(2)"),
        ] {
            let path = site.dir.join(file);
            std::fs::create_dir_all(path.parent().unwrap()).unwrap();
            std::fs::write(path, text).unwrap();
        }
        let (files, _) = site.inputs().unwrap();
        assert!(
            files
                .iter()
                .all(|file| !file.starts_with(site.dir.join("admin"))),
            "{files:?}"
        );
        assert!(files.contains(&site.dir.join("assets_source/script.ts")));
        let admin = Vite::new(site.dir.join("admin"));
        let (files, _) = admin.inputs().unwrap();
        assert!(
            files.contains(&site.dir.join("admin/src/admin.ts")),
            "{files:?}"
        );
    }

    #[test]
    fn two_projects_of_one_build_script_keep_stamps_apart() {
        let site = project("stamps-site");
        let admin = Vite {
            dir: site.dir.join("admin"),
            ..site.clone()
        };
        assert_ne!(
            site.stamp_path(BUILD_STAMP).unwrap(),
            admin.stamp_path(BUILD_STAMP).unwrap()
        );
    }

    #[test]
    fn a_rust_edit_is_no_change_and_the_stamps_stay_in_out_dir() {
        let vite = project("rust-edit");
        built(&vite);
        std::fs::write(vite.dir.join("src/main.rs"), "fn main() { println!(); }").unwrap();
        std::fs::write(vite.dir.join("target/debug/app"), "a new binary").unwrap();
        std::fs::write(vite.dir.join("npm-debug.log"), "ignored by git").unwrap();
        assert!(!needs_build(&vite));
        let stamp = vite.stamp_path(BUILD_STAMP).unwrap();
        assert!(stamp.starts_with(vite.stamp_dir.as_ref().unwrap()) && stamp.is_file());
        assert!(
            !vite.dir.join("node_modules").join(BUILD_STAMP).exists()
                && !vite.dir.join("node_modules/.vite-asset-build").exists(),
            "nothing is written into node_modules"
        );
        let fingerprint = std::fs::read_to_string(&stamp).unwrap();
        assert_eq!(fingerprint.len(), 64, "a SHA-256 in hex: {fingerprint}");
    }

    #[test]
    fn under_the_dev_feature_it_installs_but_does_not_build() {
        // An npm that cannot start: any npm command fails loudly.
        let vite = project("dev-feature").npm("npm-that-is-not-installed");
        let without_dev = vite.try_run().unwrap_err();
        assert!(
            matches!(without_dev, Error::NpmMissing { .. }),
            "without `dev`, the never-built project is built: {without_dev}"
        );
        // What cargo's CARGO_FEATURE_DEV says to the build script of a crate whose
        // `dev` feature is on; set on the helper, not in the environment of a test run.
        let dev = Vite {
            dev: true,
            ..vite.clone()
        };
        let with_dev = dev.try_run();
        assert!(with_dev.is_ok(), "{with_dev:?}");
        std::fs::remove_dir_all(vite.dir.join("node_modules")).unwrap();
        let missing_packages = dev.try_run();
        assert!(
            matches!(missing_packages, Err(Error::NpmMissing { .. })),
            "missing packages are installed in dev too: {missing_packages:?}"
        );
    }

    #[test]
    fn outside_a_build_script_the_error_says_so() {
        let mut vite = project("no-out-dir");
        vite.stamp_dir = None;
        let error = vite.stamp(BUILD_STAMP).unwrap_err().to_string();
        assert!(error.contains("`OUT_DIR` is not set"), "{error}");
        assert!(error.contains("to fix: call"), "{error}");
    }

    #[test]
    fn builds_once_then_only_when_a_source_changes() {
        let vite = project("skip");
        assert!(needs_build(&vite), "never built");
        built(&vite);
        assert!(!needs_build(&vite), "nothing changed");

        // Writing the output or node_modules, or touching a file, is no change.
        std::fs::write(vite.dir.join("assets_compiled/manifest.json"), "{\"a\":1}").unwrap();
        std::fs::write(vite.dir.join("node_modules/vite/index.js"), "changed").unwrap();
        std::fs::write(vite.dir.join("assets_source/script.ts"), "console.log(1)").unwrap();
        assert!(!needs_build(&vite));

        std::fs::write(vite.dir.join("assets_source/script.ts"), "console.log(2)").unwrap();
        assert!(needs_build(&vite), "a source was edited");
        built(&vite);
        std::fs::write(vite.dir.join("assets_source/new.ts"), "").unwrap();
        assert!(needs_build(&vite), "a source was added");
        built(&vite);
        std::fs::remove_dir_all(vite.dir.join("assets_compiled")).unwrap();
        assert!(needs_build(&vite), "the output was deleted");
    }

    #[test]
    fn installs_again_only_when_node_modules_is_not_the_lock_files() {
        let vite = project("install").npm("npm-that-is-not-installed");
        built(&vite);
        assert!(vite.try_run().is_ok(), "installed as locked, built: no npm");
        std::fs::write(
            vite.dir.join("package-lock.json"),
            r#"{"lockfileVersion": 3, "packages": {"node_modules/vite": {"version": "8.4.1"}}}"#,
        )
        .unwrap();
        built(&vite);
        assert!(
            matches!(vite.try_run(), Err(Error::NpmMissing { .. })),
            "another lock file: `npm ci`"
        );
    }

    #[test]
    fn a_missing_npm_is_named_with_the_fix() {
        let vite = project("no-npm").npm("npm-that-is-not-installed");
        let error = vite.try_run().unwrap_err();
        assert!(matches!(error, Error::NpmMissing { .. }), "{error:?}");
        let cause = std::error::Error::source(&error).map(ToString::to_string);
        assert!(
            cause
                .as_deref()
                .is_some_and(|cause| cause.contains("os error")),
            "the operating system's error is the source: {cause:?}"
        );
        let message = error.to_string();
        assert!(
            message.contains("npm-that-is-not-installed") && message.contains("install Node.js"),
            "{message}"
        );
    }

    #[test]
    fn a_failed_command_carries_its_output() {
        // `npm run no-such-script` fails with npm's own message, as a failed `vite build` would.
        let vite = project("fails");
        let error = vite.npm_command(&["run", "no-such-script"]);
        match error {
            Err(Error::CommandFailed {
                command, output, ..
            }) => {
                assert_eq!(command, "npm run no-such-script");
                assert!(output.contains("no-such-script"), "{output}");
            }
            // npm is needed: the README's set-up installs it, and a skip would pass silently.
            other => panic!("`npm run no-such-script` must fail with npm's message: {other:?}"),
        }
    }
}
