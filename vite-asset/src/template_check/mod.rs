//! The build-time check of run-time templates: every `vite_asset` and
//! `vite_tags` call whose names are string literals, found by the template
//! engine's own parser, checked against the manifest as the macros check theirs.

// The example is a whole build.rs, whose `fn main` is the point.
#![allow(clippy::needless_doctest_main)]

mod builds;
mod call;
mod embed;
#[cfg(feature = "minijinja")]
mod minijinja_calls;
#[cfg(feature = "tera")]
mod tera_calls;

use std::fmt;
use std::path::{Path, PathBuf};

use vite_asset_core::diagnostic::Location;
use vite_asset_core::suggest::Caller;
use vite_asset_core::{Config, Diagnostic};

use builds::{dev_check, production_check, Builds};
use call::{Call, Names};

/// Checks the asset names in a directory of run-time templates while the crate
/// builds, from `build.rs`: minijinja templates (the `minijinja` feature beside
/// `build`) or tera templates (`tera`).
///
/// Every call of `vite_asset` and `vite_tags` whose names are string literals
/// is checked against the crate's Vite manifest, as `vite_asset!` and
/// `vite_tags!` are: a name that is not there, an asset given to `vite_tags`, or
/// a template that does not parse fails the build, with the template, the line
/// and the column, the closest names and the fix. Calls with other arguments
/// (a variable, a concatenation) are listed as unchecked. With the crate's `dev`
/// feature, names are checked against the source files, as the macros do.
///
/// Cargo runs the check again when a file of the directory, the manifest, the
/// crate's `Cargo.toml` or a `VITEASSET_*` variable changes, and only then.
///
/// ```no_run
/// // build.rs
/// fn main() {
///     vite_asset::build::TemplateCheck::minijinja("templates").run();
/// }
/// ```
#[derive(Debug, Clone)]
pub struct TemplateCheck {
    dir: PathBuf,
    engine: Engine,
}

/// The template engine whose syntax the templates are in.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Engine {
    #[cfg(feature = "minijinja")]
    Minijinja,
    #[cfg(feature = "tera")]
    Tera,
}

/// What a successful check found.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct CheckedTemplates {
    /// How many templates were read.
    pub templates: usize,
    /// How many names were checked.
    pub names: usize,
    /// The calls whose names are not string literals, each with its place
    /// (`templates/page.html:3:12 vite_asset(…)`).
    pub unchecked: Vec<String>,
}

/// Why the check failed: every mistake in every template, each in the macros'
/// format, with the template's path first.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TemplateErrors(Vec<(PathBuf, Diagnostic)>);

impl TemplateErrors {
    /// Each mistake: the template (or the directory, or the crate's
    /// configuration) it is in, and what is wrong there, with the fix.
    pub fn iter(&self) -> impl Iterator<Item = (&Path, &(dyn std::error::Error + 'static))> {
        self.0.iter().map(|(path, diagnostic)| {
            let error: &(dyn std::error::Error + 'static) = diagnostic;
            (path.as_path(), error)
        })
    }
}

impl fmt::Display for TemplateErrors {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        for (index, (path, diagnostic)) in self.0.iter().enumerate() {
            if index > 0 {
                f.write_str("\n\n")?;
            }
            write!(f, "error: {}: {diagnostic}", path.display())?;
        }
        Ok(())
    }
}

/// Every mistake is in the message; none has a cause of its own.
impl std::error::Error for TemplateErrors {}

impl TemplateCheck {
    /// A check of the minijinja templates in `dir` (relative to the crate's
    /// directory), and its subdirectories.
    #[cfg(feature = "minijinja")]
    #[cfg_attr(docsrs, doc(cfg(feature = "minijinja")))]
    pub fn minijinja(dir: impl Into<PathBuf>) -> Self {
        TemplateCheck {
            dir: dir.into(),
            engine: Engine::Minijinja,
        }
    }

    /// A check of the tera templates in `dir` (relative to the crate's
    /// directory), and its subdirectories.
    #[cfg(feature = "tera")]
    #[cfg_attr(docsrs, doc(cfg(feature = "tera")))]
    pub fn tera(dir: impl Into<PathBuf>) -> Self {
        TemplateCheck {
            dir: dir.into(),
            engine: Engine::Tera,
        }
    }

    /// Runs the check from a build script: every mistake is an error that
    /// cargo shows after the script, and fails the build; the unchecked calls
    /// are cargo warnings.
    pub fn run(&self) {
        match self.try_run() {
            Ok(checked) => {
                for call in &checked.unchecked {
                    println!(
                        "cargo:warning=vite-asset: not checked, its names are not literals: {call}"
                    );
                }
            }
            Err(errors) => crate::build::fail_build(
                errors
                    .0
                    .iter()
                    .map(|(path, diagnostic)| format!("{}: {diagnostic}", path.display())),
            ),
        }
    }

    /// The check, without printing or exiting; it still tells cargo what to
    /// watch.
    ///
    /// # Errors
    ///
    /// Every mistake found, in every template; a crate whose configuration or
    /// manifest cannot be read is one mistake, about its `Cargo.toml`.
    pub fn try_run(&self) -> Result<CheckedTemplates, TemplateErrors> {
        let config = Config::of_cargo_crate().map_err(|error| crate_error(&self.dir, error))?;
        let dir = config.crate_dir.join(&self.dir);
        println!("cargo:rerun-if-changed={}", dir.display());
        if !dir.is_dir() {
            // A misspelt directory would otherwise check nothing and pass.
            return Err(crate_error(
                &self.dir,
                Diagnostic::new(format!(
                    "the templates directory `{}` does not exist",
                    config.display(&dir)
                ))
                .fix("name the directory the engine loads its templates from, relative to the crate's directory"),
            ));
        }
        let mut builds = Builds::default();
        // The default build's problems (no manifest) are the crate's, reported once.
        if let Err(error) = builds.get(None) {
            return Err(crate_error(&config.cargo_toml, error.clone()));
        }
        let mut templates = vite_asset_core::project_files::under(&dir, &[], usize::MAX).files;
        templates.sort();
        let mut checked = CheckedTemplates::default();
        let mut errors = Vec::new();
        let mut embedded = Vec::new();
        let mut contents = Vec::new();
        for path in templates {
            let shown = config.display(&path);
            let Ok(source) = std::fs::read_to_string(&path) else {
                checked
                    .unchecked
                    .push(format!("{shown}: not UTF-8 text, not a template"));
                continue;
            };
            checked.templates += 1;
            embedded.push(path.clone());
            let calls = match self.calls(&shown, &source) {
                Ok(calls) => calls,
                Err(diagnostic) => {
                    errors.push((PathBuf::from(&shown), diagnostic));
                    continue;
                }
            };
            for call in calls {
                // A literal `attrs` map is checked as `vite_tags!`'s `attrs(…)`.
                let mut attributes = vite_asset_core::attributes::Attributes::default();
                for attribute in &call.attributes {
                    let value = attribute.value.given();
                    let added = attributes.add_given(&attribute.target, &attribute.name, value);
                    if let Err(error) = added {
                        let at =
                            Location::in_text(&path, &source, attribute.line, attribute.column);
                        errors.push((PathBuf::from(&shown), Diagnostic::from(error).at(at)));
                    }
                }
                let (Names::Literal(names), Some(build)) = (&call.names, &call.build) else {
                    checked.unchecked.push(format!(
                        "{shown}:{}:{} {}(…)",
                        call.line,
                        call.column,
                        call.function.name()
                    ));
                    continue;
                };
                let at =
                    |line: usize, column: usize| Location::in_text(&path, &source, line, column);
                let loaded = match builds.get(build.as_ref().map(|(name, _, _)| name.as_str())) {
                    Ok(loaded) => loaded,
                    Err(diagnostic) => {
                        let (line, column) = build
                            .as_ref()
                            .map_or((call.line, call.column), |(_, line, column)| {
                                (*line, *column)
                            });
                        errors.push((
                            PathBuf::from(&shown),
                            diagnostic.clone().at(at(line, column)),
                        ));
                        continue;
                    }
                };
                checked.names += names.len();
                let build = build.as_ref().map(|(name, _, _)| name.clone());
                let mut found = Vec::new();
                let check = match &loaded.build {
                    None => dev_check(&loaded.config, names),
                    Some((output, manifest)) => production_check(
                        &loaded.config,
                        manifest,
                        output,
                        call.function,
                        names,
                        self.caller(),
                        &mut found,
                    ),
                };
                contents.extend(
                    found
                        .into_iter()
                        .map(|(name, text)| (build.clone(), name, text)),
                );
                for (index, diagnostic) in check {
                    let (_, line, column) = &names[index];
                    errors.push((PathBuf::from(&shown), diagnostic.at(at(*line, *column))));
                }
            }
        }
        if !errors.is_empty() {
            return Err(TemplateErrors(errors));
        }
        if let Some(out_dir) = std::env::var_os("OUT_DIR") {
            embed::write_embedded(Path::new(&out_dir), &self.dir, &dir, &embedded, &contents)
                .map_err(|error| crate_error(&self.dir, error))?;
        }
        Ok(checked)
    }

    fn caller(&self) -> Caller {
        match self.engine {
            #[cfg(feature = "minijinja")]
            Engine::Minijinja => Caller::Minijinja,
            #[cfg(feature = "tera")]
            Engine::Tera => Caller::Tera,
        }
    }

    /// The calls in the template `source`, in the order they appear, or why it does not parse.
    fn calls(&self, name: &str, source: &str) -> Result<Vec<Call>, Diagnostic> {
        match self.engine {
            #[cfg(feature = "minijinja")]
            Engine::Minijinja => minijinja_calls::find(name, source),
            #[cfg(feature = "tera")]
            Engine::Tera => tera_calls::find(name, source),
        }
    }
}

fn crate_error(path: &Path, diagnostic: Diagnostic) -> TemplateErrors {
    TemplateErrors(vec![(path.to_path_buf(), diagnostic)])
}
