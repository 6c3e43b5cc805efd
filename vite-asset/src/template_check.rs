//! The build-time check of run-time templates: every `vite_asset` and
//! `vite_tags` call whose names are string literals, found by the template
//! engine's own parser, checked against the manifest as the macros check theirs.

// The example is a whole build.rs, whose `fn main` is the point.
#![allow(clippy::needless_doctest_main)]

use std::fmt;
use std::path::{Path, PathBuf};

use vite_asset_core::diagnostic::Location;
use vite_asset_core::suggest::{not_an_entry, Caller};
use vite_asset_core::{
    embedded_templates, render, resolve, walk, BuildOutput, Config, Diagnostic, Manifest,
};

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
pub struct TemplateErrors(pub Vec<(PathBuf, Diagnostic)>);

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

impl std::error::Error for TemplateErrors {}

/// One call found in a template.
#[derive(Debug)]
struct Call {
    function: Function,
    names: Names,
    /// The `build=` argument: `Some(None)` for none (the default build), the
    /// literal with its line and column, or `None` when it is not a literal.
    build: Option<Option<(String, usize, usize)>>,
    line: usize,
    column: usize,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Function {
    Asset,
    Tags,
}

impl Function {
    fn of(name: &str) -> Option<Function> {
        match name {
            "vite_asset" => Some(Function::Asset),
            "vite_tags" => Some(Function::Tags),
            _ => None,
        }
    }

    fn name(self) -> &'static str {
        match self {
            Function::Asset => "vite_asset",
            Function::Tags => "vite_tags",
        }
    }
}

/// A call's names: string literals, each with its line and column (from 1); or
/// not all literals.
#[derive(Debug)]
enum Names {
    Literal(Vec<(String, usize, usize)>),
    NotLiteral,
}

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

    /// Runs the check from a build script: prints every mistake and exits
    /// with status 1 if there is one, and lists the unchecked calls as cargo
    /// warnings.
    pub fn run(&self) {
        match self.try_run() {
            Ok(checked) => {
                for call in &checked.unchecked {
                    println!(
                        "cargo:warning=vite-asset: not checked, its names are not literals: {call}"
                    );
                }
            }
            Err(errors) => {
                eprintln!("{errors}");
                std::process::exit(1);
            }
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
                let check = match &loaded.build {
                    None => dev_check(&loaded.config, names),
                    Some((output, manifest)) => production_check(
                        &loaded.config,
                        manifest,
                        output,
                        call.function,
                        names,
                        self.caller(),
                    ),
                };
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
            write_embedded(Path::new(&out_dir), &self.dir, &dir, &embedded)
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

/// A build as the check needs it: its configuration and, but in dev, its manifest.
struct Loaded {
    config: Config,
    build: Option<(BuildOutput, Manifest)>,
}

/// The builds the templates name, each read once, the first time.
#[derive(Default)]
struct Builds(Vec<(Option<String>, Result<Loaded, Diagnostic>)>);

impl Builds {
    fn get(&mut self, build: Option<&str>) -> Result<&Loaded, &Diagnostic> {
        let index = match self.0.iter().position(|(name, _)| name.as_deref() == build) {
            Some(index) => index,
            None => {
                self.0.push((build.map(str::to_owned), load(build)));
                self.0.len() - 1
            }
        };
        self.0[index].1.as_ref()
    }
}

/// Reads the build `build` of the crate, and watches its manifest.
fn load(build: Option<&str>) -> Result<Loaded, Diagnostic> {
    let config = Config::of_cargo_crate_build(build)?;
    if std::env::var_os("CARGO_FEATURE_DEV").is_some() {
        return Ok(Loaded {
            config,
            build: None,
        });
    }
    let path = config.manifest_path()?;
    crate::build::watch_manifest(&path);
    let manifest = Manifest::load(&path)?;
    let out_dir = config.out_dir(&path);
    if let Some(base) = vite_asset_core::built_file::built_base(&manifest, &out_dir) {
        vite_asset_core::built_file::check_base(&config, &base)?;
    }
    let output = BuildOutput::new(&out_dir);
    Ok(Loaded {
        config,
        build: Some((output, manifest)),
    })
}

/// Writes, for `vite_templates!`, the expression of the checked templates of
/// `dir` (`relative` as `build.rs` names it): each one's name and an
/// `include_str!` of its file, so that the binary holds them.
fn write_embedded(
    out_dir: &Path,
    relative: &Path,
    dir: &Path,
    templates: &[PathBuf],
) -> Result<(), Diagnostic> {
    let not_utf8 = |path: &Path| {
        Diagnostic::new(format!(
            "the path `{}` is not UTF-8, so it cannot be written into the program",
            path.display()
        ))
        .fix("keep the templates in a directory whose path is UTF-8")
    };
    let dir_text = dir.to_str().ok_or_else(|| not_utf8(dir))?;
    let relative = relative.to_str().ok_or_else(|| not_utf8(relative))?;
    let mut code = format!(
        "// The templates that vite_asset::build::TemplateCheck checked, for vite_templates!.\n\
         ::vite_asset::Templates::__embedded({dir_text:?}, &[\n"
    );
    let mut named = Vec::new();
    for path in templates {
        let name = embedded_templates::template_name(dir, path).ok_or_else(|| not_utf8(path))?;
        named.push((name, path.to_str().ok_or_else(|| not_utf8(path))?));
    }
    // `Templates::get` looks names up by binary search.
    named.sort();
    for (name, path) in named {
        code.push_str(&format!(
            "    ({name:?}, ::core::include_str!({path:?})),\n"
        ));
    }
    code.push_str("])\n");
    let list = embedded_templates::list_path(out_dir, relative);
    let written = list
        .parent()
        .map_or(Ok(()), std::fs::create_dir_all)
        .and_then(|()| std::fs::write(&list, code));
    written.map_err(|error| {
        Diagnostic::new(format!("cannot write `{}`: {error}", list.display()))
            .fix("check that cargo's target directory is writable")
    })
}

fn crate_error(path: &Path, diagnostic: Diagnostic) -> TemplateErrors {
    TemplateErrors(vec![(path.to_path_buf(), diagnostic)])
}

/// In production: each name in the manifest, an entry for `vite_tags`, its files built.
fn production_check(
    config: &Config,
    manifest: &Manifest,
    output: &BuildOutput,
    function: Function,
    names: &[(String, usize, usize)],
    caller: Caller,
) -> Vec<(usize, Diagnostic)> {
    let names: Vec<&str> = names.iter().map(|(name, _, _)| name.as_str()).collect();
    match function {
        Function::Asset => names
            .iter()
            .enumerate()
            .filter_map(|(index, name)| {
                resolve::url(config, manifest, output, name)
                    .err()
                    .map(|error| (index, error))
            })
            .collect(),
        Function::Tags => {
            for (index, name) in names.iter().enumerate() {
                if let Ok(entry) = resolve::entry(manifest, name, config) {
                    if walk::entry_kind(&entry.chunk.file).is_none() {
                        return vec![(index, not_an_entry(name, &entry.chunk.file, caller))];
                    }
                }
            }
            render::production(config, manifest, output, &names, false)
                .err()
                .unwrap_or_default()
        }
    }
}

/// In development: each name a source file, as the macros check them.
fn dev_check(config: &Config, names: &[(String, usize, usize)]) -> Vec<(usize, Diagnostic)> {
    names
        .iter()
        .enumerate()
        .filter_map(|(index, (name, _, _))| {
            resolve::check_dev_source(config, name)
                .err()
                .map(|error| (index, error))
        })
        .collect()
}

/// The calls in a minijinja template, from minijinja's own parser.
#[cfg(feature = "minijinja")]
mod minijinja_calls {
    use minijinja::machinery::ast::{CallArg, Expr, Stmt};
    use minijinja::machinery::{parse, Span};

    use super::{Call, Diagnostic, Function, Location, Names};

    pub fn find(name: &str, source: &str) -> Result<Vec<Call>, Diagnostic> {
        let template = parse(source, name, Default::default()).map_err(|error| {
            let mut diagnostic = Diagnostic::new(format!(
                "not a valid minijinja template: {}",
                error.detail().unwrap_or("syntax error")
            ));
            if let Some(line) = error.line() {
                let column = error
                    .range()
                    .and_then(|range| source.get(..range.start))
                    .map(|before| before.chars().rev().take_while(|&c| c != '\n').count() + 1)
                    .unwrap_or(1);
                diagnostic = diagnostic.at(Location::in_text(name, source, line, column));
            }
            diagnostic.fix("correct the template: minijinja cannot load it either")
        })?;
        let mut calls = Vec::new();
        statement(&template, &mut calls);
        Ok(calls)
    }

    fn position(span: Span) -> (usize, usize) {
        (span.start_line as usize, span.start_col as usize + 1)
    }

    #[allow(unreachable_patterns)]
    fn statement(stmt: &Stmt<'_>, calls: &mut Vec<Call>) {
        let body = |body: &[Stmt<'_>], calls: &mut Vec<Call>| {
            for stmt in body {
                statement(stmt, calls);
            }
        };
        match stmt {
            Stmt::Template(s) => body(&s.children, calls),
            Stmt::EmitExpr(s) => expression(&s.expr, calls),
            Stmt::EmitRaw(_) => {}
            Stmt::ForLoop(s) => {
                expression(&s.iter, calls);
                if let Some(filter) = &s.filter_expr {
                    expression(filter, calls);
                }
                body(&s.body, calls);
                body(&s.else_body, calls);
            }
            Stmt::IfCond(s) => {
                expression(&s.expr, calls);
                body(&s.true_body, calls);
                body(&s.false_body, calls);
            }
            Stmt::WithBlock(s) => {
                for (_, value) in &s.assignments {
                    expression(value, calls);
                }
                body(&s.body, calls);
            }
            Stmt::Set(s) => expression(&s.expr, calls),
            Stmt::SetBlock(s) => {
                if let Some(filter) = &s.filter {
                    expression(filter, calls);
                }
                body(&s.body, calls);
            }
            Stmt::AutoEscape(s) => body(&s.body, calls),
            Stmt::FilterBlock(s) => {
                expression(&s.filter, calls);
                body(&s.body, calls);
            }
            Stmt::Block(s) => body(&s.body, calls),
            Stmt::Extends(s) => expression(&s.name, calls),
            Stmt::Include(s) => expression(&s.name, calls),
            Stmt::Import(s) => expression(&s.expr, calls),
            Stmt::FromImport(s) => expression(&s.expr, calls),
            Stmt::Macro(s) => {
                for default in &s.defaults {
                    expression(default, calls);
                }
                body(&s.body, calls);
            }
            Stmt::CallBlock(s) => {
                call(&s.call.expr, &s.call.args, s.call.span(), calls);
                body(&s.macro_decl.body, calls);
            }
            Stmt::Do(s) => call(&s.call.expr, &s.call.args, s.call.span(), calls),
            // `{% break %}` and `{% continue %}`, with minijinja's `loop_controls`.
            _ => {}
        }
    }

    fn expression(expr: &Expr<'_>, calls: &mut Vec<Call>) {
        match expr {
            Expr::Var(_) | Expr::Const(_) => {}
            Expr::Slice(e) => {
                expression(&e.expr, calls);
                for part in [&e.start, &e.stop, &e.step].into_iter().flatten() {
                    expression(part, calls);
                }
            }
            Expr::UnaryOp(e) => expression(&e.expr, calls),
            Expr::BinOp(e) => {
                expression(&e.left, calls);
                expression(&e.right, calls);
            }
            Expr::Compare(e) => {
                expression(&e.expr, calls);
                for op in &e.ops {
                    expression(&op.expr, calls);
                }
            }
            Expr::IfExpr(e) => {
                expression(&e.test_expr, calls);
                expression(&e.true_expr, calls);
                if let Some(otherwise) = &e.false_expr {
                    expression(otherwise, calls);
                }
            }
            Expr::Filter(e) => {
                if let Some(inner) = &e.expr {
                    expression(inner, calls);
                }
                arguments(&e.args, calls);
            }
            Expr::Test(e) => {
                expression(&e.expr, calls);
                arguments(&e.args, calls);
            }
            Expr::GetAttr(e) => expression(&e.expr, calls),
            Expr::GetItem(e) => {
                expression(&e.expr, calls);
                expression(&e.subscript_expr, calls);
            }
            Expr::Call(e) => call(&e.expr, &e.args, e.span(), calls),
            Expr::List(e) => e.items.iter().for_each(|item| expression(item, calls)),
            Expr::Tuple(e) => e.items.iter().for_each(|item| expression(item, calls)),
            Expr::Map(e) => {
                for item in e.keys.iter().chain(&e.values) {
                    expression(item, calls);
                }
            }
        }
    }

    fn arguments(args: &[CallArg<'_>], calls: &mut Vec<Call>) {
        for arg in args {
            match arg {
                CallArg::Pos(e)
                | CallArg::Kwarg(_, e)
                | CallArg::PosSplat(e)
                | CallArg::KwargSplat(e) => expression(e, calls),
            }
        }
    }

    fn call(callee: &Expr<'_>, args: &[CallArg<'_>], span: Span, calls: &mut Vec<Call>) {
        arguments(args, calls);
        let function = match callee {
            Expr::Var(var) => Function::of(var.id),
            _ => None,
        };
        let Some(function) = function else {
            expression(callee, calls);
            return;
        };
        let mut names = Vec::new();
        let mut literal = true;
        let mut build = Some(None);
        for arg in args {
            match arg {
                CallArg::Pos(Expr::Const(constant)) => match constant.value.as_str() {
                    Some(name) => {
                        let (line, column) = position(constant.span());
                        names.push((name.to_owned(), line, column));
                    }
                    None => literal = false,
                },
                CallArg::Kwarg("build", Expr::Const(constant)) => {
                    let (line, column) = position(constant.span());
                    build = constant
                        .value
                        .as_str()
                        .map(|name| Some((name.to_owned(), line, column)));
                }
                CallArg::Kwarg("build", _) => build = None,
                CallArg::Kwarg(..) => {}
                _ => literal = false,
            }
        }
        let (line, column) = position(span);
        calls.push(Call {
            function,
            names: match literal {
                true => Names::Literal(names),
                false => Names::NotLiteral,
            },
            build,
            line,
            column,
        });
    }
}

/// The calls in a tera template, from tera's own parser.
///
/// Tera's syntax tree has no positions: each literal is placed at the next
/// place in the source where it is written in quotes, in the order the parser
/// lists the calls.
#[cfg(feature = "tera")]
mod tera_calls {
    use tera::ast::{Expr, ExprVal, FunctionCall, Node};

    use super::{Call, Diagnostic, Function, Names};

    pub fn find(name: &str, source: &str) -> Result<Vec<Call>, Diagnostic> {
        let template = tera::Template::new(name, None, source).map_err(|error| {
            let mut message = error.to_string();
            let mut cause = std::error::Error::source(&error);
            while let Some(error) = cause {
                message = format!("{message}\n{error}");
                cause = error.source();
            }
            Diagnostic::new("not a valid tera template")
                .note(message.trim_end().replace('\n', "\n  "))
                .fix("correct the template: tera cannot load it either")
        })?;
        let mut found = Vec::new();
        nodes(&template.ast, &mut found);
        let mut placer = Placer {
            source,
            after_call: Vec::new(),
        };
        Ok(found
            .into_iter()
            .map(|(function, names, build)| {
                let call_at = placer.call(function);
                let build = build.map(|build| {
                    build.map(|name| {
                        let (line, column) =
                            line_and_column(source, placer.literal(&name, call_at));
                        (name, line, column)
                    })
                });
                let mut at = call_at;
                let names = names.map(|names| {
                    names
                        .into_iter()
                        .map(|name| {
                            at = placer.literal(&name, at);
                            let (line, column) = line_and_column(source, at);
                            (name, line, column)
                        })
                        .collect::<Vec<_>>()
                });
                let (line, column) = line_and_column(source, call_at);
                Call {
                    function,
                    names: names.map_or(Names::NotLiteral, Names::Literal),
                    build,
                    line,
                    column,
                }
            })
            .collect())
    }

    /// Finds the calls in the source, the n-th call of a function that the
    /// parser lists at the n-th `name(` of the source, and each literal at its
    /// next quoted occurrence after the call.
    struct Placer<'a> {
        source: &'a str,
        /// For each function, where the search for its next call starts.
        after_call: Vec<(Function, usize)>,
    }

    impl Placer<'_> {
        /// The byte offset of the next call of `function`.
        fn call(&mut self, function: Function) -> usize {
            let from = self
                .after_call
                .iter()
                .find(|(seen, _)| *seen == function)
                .map_or(0, |(_, at)| *at);
            let written = format!("{}(", function.name());
            let at = self
                .source
                .get(from..)
                .and_then(|rest| rest.find(&written))
                .map_or(from, |at| from + at);
            match self
                .after_call
                .iter_mut()
                .find(|(seen, _)| *seen == function)
            {
                Some(entry) => entry.1 = at + 1,
                None => self.after_call.push((function, at + 1)),
            }
            at
        }

        /// The byte offset of `text`, in quotes, after `from`, just inside the quote.
        fn literal(&self, text: &str, from: usize) -> usize {
            ['"', '\'', '`']
                .iter()
                .filter_map(|quote| {
                    let quoted = format!("{quote}{text}{quote}");
                    self.source.get(from..)?.find(&quoted).map(|at| from + at)
                })
                .min()
                .unwrap_or(from)
        }
    }

    fn line_and_column(source: &str, at: usize) -> (usize, usize) {
        let before = source.get(..at).unwrap_or(source);
        let line = before.matches('\n').count() + 1;
        let column = before.chars().rev().take_while(|&c| c != '\n').count() + 1;
        (line, column)
    }

    /// Each call: its function, its literal names (`None`: not all literals),
    /// and its `build=` (`Some(None)`: none; `None`: not a literal).
    type Found = Vec<(Function, Option<Vec<String>>, Option<Option<String>>)>;

    fn nodes(nodes_: &[Node], found: &mut Found) {
        for node in nodes_ {
            node_calls(node, found);
        }
    }

    fn node_calls(node: &Node, found: &mut Found) {
        match node {
            Node::VariableBlock(_, expr) => expression(expr, found),
            Node::MacroDefinition(_, definition, _) => {
                for default in definition.args.values().flatten() {
                    expression(default, found);
                }
                nodes(&definition.body, found);
            }
            Node::Set(_, set) => expression(&set.value, found),
            Node::FilterSection(_, section, _) => {
                function_call(&section.filter, found);
                nodes(&section.body, found);
            }
            Node::Block(_, block, _) => nodes(&block.body, found),
            Node::Forloop(_, forloop, _) => {
                expression(&forloop.container, found);
                nodes(&forloop.body, found);
                if let Some(empty) = &forloop.empty_body {
                    nodes(empty, found);
                }
            }
            Node::If(condition, _) => {
                for (_, test, body) in &condition.conditions {
                    expression(test, found);
                    nodes(body, found);
                }
                if let Some((_, otherwise)) = &condition.otherwise {
                    nodes(otherwise, found);
                }
            }
            Node::Super
            | Node::Text(_)
            | Node::Extends(..)
            | Node::Include(..)
            | Node::ImportMacro(..)
            | Node::Raw(..)
            | Node::Break(_)
            | Node::Continue(_)
            | Node::Comment(..) => {}
        }
    }

    fn expression(expr: &Expr, found: &mut Found) {
        value(&expr.val, found);
        for filter in &expr.filters {
            function_call(filter, found);
        }
    }

    fn value(val: &ExprVal, found: &mut Found) {
        match val {
            ExprVal::String(_)
            | ExprVal::Int(_)
            | ExprVal::Float(_)
            | ExprVal::Bool(_)
            | ExprVal::Ident(_) => {}
            ExprVal::Math(math) => {
                expression(&math.lhs, found);
                expression(&math.rhs, found);
            }
            ExprVal::Logic(logic) => {
                expression(&logic.lhs, found);
                expression(&logic.rhs, found);
            }
            ExprVal::Test(test) => test.args.iter().for_each(|arg| expression(arg, found)),
            ExprVal::MacroCall(call) => call.args.values().for_each(|arg| expression(arg, found)),
            ExprVal::FunctionCall(call) => function_call(call, found),
            ExprVal::Array(items) => items.iter().for_each(|item| expression(item, found)),
            ExprVal::StringConcat(concat) => {
                concat.values.iter().for_each(|part| value(part, found))
            }
            ExprVal::In(within) => {
                expression(&within.lhs, found);
                expression(&within.rhs, found);
            }
        }
    }

    fn function_call(call: &FunctionCall, found: &mut Found) {
        let mut arguments: Vec<(&String, &Expr)> = call.args.iter().collect();
        arguments.sort_by_key(|(name, _)| name.as_str());
        for (_, arg) in &arguments {
            expression(arg, found);
        }
        let Some(function) = Function::of(&call.name) else {
            return;
        };
        let literal = |expr: &Expr| match (&expr.val, expr.filters.is_empty()) {
            (ExprVal::String(name), true) => Some(name.clone()),
            _ => None,
        };
        let names = match (function, call.args.get("name"), call.args.get("names")) {
            (_, Some(name), None) => literal(name).map(|name| vec![name]),
            (
                Function::Tags,
                None,
                Some(Expr {
                    val: ExprVal::Array(items),
                    filters,
                    ..
                }),
            ) if filters.is_empty() => items.iter().map(literal).collect(),
            // No name at all, or both: the function itself says so when it renders.
            (_, None, None) | (_, Some(_), Some(_)) => Some(Vec::new()),
            _ => None,
        };
        let build = match call.args.get("build") {
            None => Some(None),
            Some(build) => literal(build).map(Some),
        };
        found.push((function, names, build));
    }
}
