//! Real crates that use vite-asset the way a user's crate does, each with its own
//! Cargo.toml, built and run by cargo: every configuration source, the `dev`
//! feature, and cargo's rebuilds when an input of the expansion changes.
//!
//! The crates are written under target/vite-asset-crates/ and share one target
//! directory there, so the macro crate is compiled once for all of them.

mod support;

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

use support::{fixture_manifest, set_config_env, workspace};

/// The program each crate runs: it prints what the macros expanded to.
const MAIN_RS: &str = r#"
use vite_asset::vite_asset;

const SCRIPT: &str = vite_asset!("script.ts");

fn main() {
    println!("{SCRIPT}");
    println!("{}", vite_asset!("styles.scss"));
    println!("{}", vite_asset!("@vite/client"));
    println!("{}", vite_asset::DEV);
}
"#;

struct UserCrate {
    name: String,
    dir: PathBuf,
}

impl UserCrate {
    /// A crate named `name` with `metadata` as its `[package.metadata.vite]` table
    /// (none when empty) and vite-asset's `features`.
    fn new(name: &str, metadata: &str, features: &[&str]) -> UserCrate {
        let dir = crates_dir().join(name);
        let _ = std::fs::remove_dir_all(&dir);
        std::fs::create_dir_all(dir.join("src")).unwrap();
        let vite_asset = workspace().join("vite-asset");
        let metadata = if metadata.is_empty() {
            String::new()
        } else {
            format!("[package.metadata.vite]\n{metadata}\n")
        };
        std::fs::write(
            dir.join("Cargo.toml"),
            format!(
                "[package]\nname = \"{name}\"\nversion = \"0.1.0\"\nedition = \"2021\"\npublish = false\n\n\
                 [dependencies]\nvite-asset = {{ path = {vite_asset:?}, features = {features:?} }}\n\n\
                 {metadata}\n[workspace]\n"
            ),
        )
        .unwrap();
        std::fs::write(dir.join("src/main.rs"), MAIN_RS).unwrap();
        // The workspace's lock file, so the crate builds with the same dependency versions.
        std::fs::copy(workspace().join("Cargo.lock"), dir.join("Cargo.lock")).unwrap();
        UserCrate {
            name: name.to_owned(),
            dir,
        }
    }

    /// Copies a fixture manifest into the crate at `relative`, and its built files
    /// into the output directory (the manifest's, or the parent of `.vite/`), as a
    /// Vite build leaves them: the macros check that every linked file is there.
    fn with_manifest(self, version: &str, relative: &str) -> UserCrate {
        let path = self.dir.join(relative);
        let manifest_dir = path.parent().unwrap();
        std::fs::create_dir_all(manifest_dir).unwrap();
        std::fs::copy(fixture_manifest(version), &path).unwrap();
        let out_dir = match manifest_dir.file_name() {
            Some(name) if name == ".vite" => manifest_dir.parent().unwrap(),
            _ => manifest_dir,
        };
        let fixture_bundled = fixture_manifest(version).parent().unwrap().join("bundled");
        std::fs::create_dir_all(out_dir.join("bundled")).unwrap();
        for file in std::fs::read_dir(fixture_bundled).unwrap() {
            let file = file.unwrap();
            std::fs::copy(file.path(), out_dir.join("bundled").join(file.file_name())).unwrap();
        }
        self
    }

    /// Gives the crate a `dev` feature that turns on vite-asset's, as the README's
    /// quick starts have it.
    fn with_dev_feature(self) -> UserCrate {
        self.with_cargo_toml_tail("[features]\ndev = [\"vite-asset/dev\"]\n")
    }

    /// Appends `text` to the crate's Cargo.toml.
    fn with_cargo_toml_tail(self, text: &str) -> UserCrate {
        let path = self.dir.join("Cargo.toml");
        let toml = std::fs::read_to_string(&path).unwrap();
        std::fs::write(&path, format!("{toml}\n{text}")).unwrap();
        self
    }

    /// Replaces the program with `main_rs`.
    fn with_main(self, main_rs: &str) -> UserCrate {
        std::fs::write(self.dir.join("src/main.rs"), main_rs).unwrap();
        self
    }

    /// `cargo <args>` in the crate, with exactly `env` as the macros' configuration environment.
    fn cargo(&self, args: &[&str], env: &[(&str, &str)]) -> Output {
        let mut command = Command::new(env!("CARGO"));
        command
            .args(args)
            .arg("--offline")
            .current_dir(&self.dir)
            .env("CARGO_TARGET_DIR", crates_dir().join("target"));
        set_config_env(&mut command, env);
        command.output().unwrap()
    }

    /// The lines the program printed; panics with cargo's errors if it failed.
    fn run(&self, env: &[(&str, &str)]) -> Vec<String> {
        self.run_with(&[], env)
    }

    /// The lines the program printed with the crate's `dev` feature; panics with cargo's errors if it failed.
    fn run_dev(&self, env: &[(&str, &str)]) -> String {
        self.run_with(&["--features", "dev"], env).join("\n")
    }

    fn run_with(&self, features: &[&str], env: &[(&str, &str)]) -> Vec<String> {
        let args: Vec<&str> = ["run", "--quiet"].iter().chain(features).copied().collect();
        let output = self.cargo(&args, env);
        assert!(
            output.status.success(),
            "{} failed:\n{}",
            self.name,
            String::from_utf8_lossy(&output.stderr)
        );
        String::from_utf8(output.stdout)
            .unwrap()
            .lines()
            .map(str::to_owned)
            .collect()
    }

    /// The files rustc said the crate's last build read: its own dep-info under
    /// `deps/`, not cargo's `.d` beside the binary, which adds what a build script watches.
    fn rustc_dep_info(&self) -> String {
        let deps = crates_dir().join("target/debug/deps");
        let prefix = format!("{}-", self.name.replace('-', "_"));
        let newest = std::fs::read_dir(&deps)
            .unwrap()
            .map(|entry| entry.unwrap().path())
            .filter(|path| {
                let name = path.file_name().unwrap().to_string_lossy();
                name.starts_with(&prefix) && name.ends_with(".d")
            })
            .max_by_key(|path| path.metadata().unwrap().modified().unwrap())
            .unwrap_or_else(|| panic!("no dep-info of {} in {}", self.name, deps.display()));
        std::fs::read_to_string(newest).unwrap()
    }

    /// Whether `cargo build` finds the crate up to date, from its `-v` output.
    fn is_fresh(&self, env: &[(&str, &str)]) -> bool {
        let output = self.cargo(&["build", "-v"], env);
        let stderr = String::from_utf8_lossy(&output.stderr);
        assert!(output.status.success(), "{stderr}");
        stderr.contains(&format!("Fresh {} ", self.name))
    }
}

fn crates_dir() -> PathBuf {
    workspace().join("target/vite-asset-crates")
}

/// `base` + the `file` of `key` in the manifest at `path`, read independently with serde_json.
fn expected_url(path: &Path, base: &str, key: &str) -> String {
    let manifest: serde_json::Value =
        serde_json::from_slice(&std::fs::read(path).unwrap()).unwrap();
    format!("{base}{}", manifest[key]["file"].as_str().unwrap())
}

/// The features of vite-asset that the README's quick start has users write
/// (its first `vite-asset = …` line), for the crates built from it.
fn readme_features() -> Vec<String> {
    let readme = std::fs::read_to_string(workspace().join("README.md")).unwrap();
    let line = readme
        .lines()
        .find(|line| line.starts_with("vite-asset = "))
        .expect("the README's quick start has a `vite-asset = …` dependency line");
    let Some((_, features)) = line.split_once("features = [") else {
        return Vec::new();
    };
    let features = features.split(']').next().unwrap();
    features
        .split(',')
        .map(|feature| feature.trim().trim_matches('"').to_owned())
        .filter(|feature| !feature.is_empty())
        .collect()
}

/// A page rendered by askama with `vite_tags!` and `vite_asset!` in its template.
const ASKAMA_MAIN_RS: &str = r#"
use askama::Template;
use vite_asset::{vite_asset, vite_tags};

#[derive(Template)]
#[template(
    source = "<head>{{ vite_tags!(\"main.ts\") }}</head><img src=\"{{ vite_asset!(\"logo.svg\") }}\">",
    ext = "html"
)]
struct Page;

fn main() {
    println!("{}", Page.render().unwrap());
}
"#;

#[test]
fn the_readme_dependency_line_gives_askama_real_tags() {
    let features = readme_features();
    let features: Vec<&str> = features.iter().map(String::as_str).collect();
    let app = UserCrate::new(
        "readme-askama-app",
        "manifest = \"dist/.vite/manifest.json\"\nbase = \"/assets/\"",
        &features,
    )
    .with_manifest("vite5", "dist/.vite/manifest.json")
    .with_cargo_toml_tail("[dependencies.askama]\nversion = \"0.16\"\n")
    .with_main(ASKAMA_MAIN_RS);
    let page = app.run(&[]).join("\n");
    let manifest = fixture_manifest("vite5");
    assert!(
        page.contains(&format!(
            "<script type=\"module\" crossorigin src=\"{}\"></script>",
            expected_url(&manifest, "/assets/", "main.ts")
        )),
        "askama must write the tags as markup, not escape them: {page}"
    );
    assert!(
        page.contains(&format!(
            "<img src=\"{}\">",
            expected_url(&manifest, "/assets/", "logo.svg")
        )),
        "{page}"
    );
    assert!(!page.contains("&#60;") && !page.contains("&lt;"), "{page}");
}

/// A name that is not in the manifest, in an askama template file: the error
/// shows at `#[derive(Template)]`, where askama puts the template's code, and
/// says the template's path and line. A call written in Rust gets no such note.
#[test]
fn an_askama_template_s_wrong_name_is_reported_with_the_template_s_line() {
    let app = UserCrate::new(
        "askama-template-line",
        "manifest = \"dist/.vite/manifest.json\"\nbase = \"/assets/\"",
        &["askama"],
    )
    .with_manifest("vite5", "dist/.vite/manifest.json")
    .with_cargo_toml_tail("[dependencies.askama]\nversion = \"0.16\"\n")
    .with_main(
        "use askama::Template;\nuse vite_asset::vite_asset;\n\n\
         #[derive(Template)]\n#[template(path = \"page.html\")]\nstruct Page;\n\n\
         fn main() {\n    println!(\"{} {}\", Page.render().unwrap(), vite_asset!(\"logo.svgg\"));\n}\n",
    );
    std::fs::create_dir_all(app.dir.join("templates")).unwrap();
    std::fs::write(
        app.dir.join("templates/page.html"),
        "<head>\n  <script type=\"module\" src=\"{{ vite_asset!(\"scrpt.ts\") }}\"></script>\n</head>\n",
    )
    .unwrap();
    let output = app.cargo(&["build"], &[]);
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(!output.status.success(), "{stderr}");
    let errors: Vec<&str> = stderr.split("\nerror").collect();
    let in_template = errors
        .iter()
        .find(|error| error.contains("`scrpt.ts` is not in the Vite manifest"))
        .unwrap_or_else(|| panic!("{stderr}"));
    assert!(
        in_template.contains("in the askama template at `templates/page.html:2`")
            && in_template.contains("src/main.rs:4:10"),
        "the template's line, and the derive's place: {in_template}"
    );
    let in_rust = errors
        .iter()
        .find(|error| error.contains("`logo.svgg` is not in the Vite manifest"))
        .unwrap_or_else(|| panic!("{stderr}"));
    assert!(
        !in_rust.contains("askama template") && in_rust.contains("src/main.rs:9:"),
        "{in_rust}"
    );
}

#[test]
fn metadata_in_cargo_toml() {
    let app = UserCrate::new(
        "metadata-app",
        "manifest = \"assets_compiled/manifest.json\"\nbase = \"/assets/\"",
        &[],
    )
    .with_manifest("vite5", "assets_compiled/manifest.json");
    let manifest = app.dir.join("assets_compiled/manifest.json");
    assert_eq!(
        app.run(&[]),
        [
            expected_url(&manifest, "/assets/", "script.ts"),
            expected_url(&manifest, "/assets/", "styles.scss"),
            String::new(),
            "false".to_owned(),
        ]
    );
    // The tutorial's exact URL, from the Vite 5 build of its files.
    assert_eq!(app.run(&[])[0], "/assets/bundled/script-BkiISj8p.js");
    // A base without slashes is read as Vite reads it: `assets` is `/assets/`.
    assert_eq!(
        app.run(&[("VITEASSET_BASE", "assets")])[0],
        "/assets/bundled/script-BkiISj8p.js"
    );
}

#[test]
fn environment_overrides_metadata_and_a_change_rebuilds() {
    let app = UserCrate::new(
        "env-app",
        "manifest = \"assets_compiled/manifest.json\"\nbase = \"/assets/\"",
        &[],
    )
    .with_manifest("vite5", "assets_compiled/manifest.json");
    // A build made with the base that the variable gives (else a compile error).
    let vite8 = fixture_manifest("vite8-other-base");
    let overridden = [
        ("VITEASSET_MANIFEST", vite8.to_str().unwrap()),
        ("VITEASSET_BASE", "/static"),
    ];

    let from_env = app.run(&overridden);
    assert_eq!(from_env[0], expected_url(&vite8, "/static/", "script.ts"));
    // Unsetting the variables goes back to the metadata: cargo saw the change.
    let from_metadata = app.run(&[]);
    assert_eq!(
        from_metadata[0],
        expected_url(
            &app.dir.join("assets_compiled/manifest.json"),
            "/assets/",
            "script.ts"
        )
    );
    assert_ne!(from_env, from_metadata);
    // And back again, with no other change than the environment.
    assert_eq!(app.run(&overridden), from_env);
    // The frontend's own variables (Vite's envPrefix is `VITE_`) are not ours.
    let frontend_env = [
        ("VITE_BASE", "/api/"),
        ("VITE_MANIFEST", "elsewhere.json"),
        ("VITE_ORIGIN", "http://localhost:1/x"),
    ];
    assert_eq!(app.run(&frontend_env), from_metadata);
}

#[test]
fn default_manifest_locations() {
    for (name, relative) in [
        ("default-vite-dir-app", "dist/.vite/manifest.json"),
        ("default-dist-app", "dist/manifest.json"),
    ] {
        let app = UserCrate::new(name, "", &[]).with_manifest("vite8-root-base", relative);
        let lines = app.run(&[]);
        assert_eq!(
            lines[0],
            expected_url(&app.dir.join(relative), "/", "script.ts"),
            "{relative}"
        );
    }
}

#[test]
fn dev_feature_uses_the_dev_server_without_a_manifest() {
    let app = UserCrate::new(
        "dev-app",
        "base = \"/assets/\"\nroot = \"assets_source\"",
        &["dev"],
    );
    std::fs::create_dir_all(app.dir.join("assets_source")).unwrap();
    for file in ["script.ts", "styles.scss"] {
        std::fs::copy(
            workspace().join("tests/frontend/src").join(file),
            app.dir.join("assets_source").join(file),
        )
        .unwrap();
    }
    assert!(!app.dir.join("dist").exists());
    assert_eq!(
        app.run(&[]),
        [
            "/assets/script.ts",
            "/assets/styles.scss",
            "/assets/@vite/client",
            "true",
        ]
    );
    // The DevServer's origin is the dev proxy's business: the pages' URLs stay on their own.
    let moved = app.run(&[("VITEASSET_DEV_ORIGIN", "http://127.0.0.1:5999/")]);
    assert_eq!(moved[0], "/assets/script.ts");
}

#[test]
fn editing_the_manifest_the_metadata_or_a_variable_rebuilds_and_nothing_else_does() {
    let app = UserCrate::new(
        "rebuild-app",
        "manifest = \"dist/manifest.json\"\nbase = \"/assets/\"",
        &[],
    )
    .with_manifest("vite5", "dist/manifest.json");
    edit_the_manifest_and_rebuild(&app);
    // No build script: rustc itself tracks the manifest, Cargo.toml and the variables.
    let dep_info = app.rustc_dep_info();
    for input in ["dist/manifest.json", "Cargo.toml", "env-dep:VITEASSET_BASE"] {
        assert!(dep_info.contains(input), "{input} in {dep_info}");
    }
    edit_the_metadata_and_rebuild(&app);
    change_a_variable_and_rebuild(&app);
}

/// Builds and runs `app`, whose manifest is `dist/manifest.json`, then edits the
/// manifest: the next build must recompile the crate, and only that one.
fn edit_the_manifest_and_rebuild(app: &UserCrate) {
    let manifest_path = app.dir.join("dist/manifest.json");
    let before = app.run(&[]);
    assert!(
        app.is_fresh(&[]),
        "a second build with no change must not recompile"
    );

    // Let the file system's clock move past the last build before editing.
    std::thread::sleep(std::time::Duration::from_millis(1100));
    let manifest = std::fs::read_to_string(&manifest_path).unwrap();
    let edited = manifest.replace("bundled/script-BkiISj8p.js", "bundled/script-REBUILT1.js");
    assert_ne!(manifest, edited);
    std::fs::write(&manifest_path, edited).unwrap();
    std::fs::write(
        app.dir.join("dist/bundled/script-REBUILT1.js"),
        "/* rebuilt */",
    )
    .unwrap();
    assert!(
        !app.is_fresh(&[]),
        "an edited manifest must recompile the crate"
    );
    let after = app.run(&[]);
    assert_eq!(after[0], "/assets/bundled/script-REBUILT1.js");
    assert_eq!(after[1], before[1]);
    assert!(app.is_fresh(&[]), "and then nothing more");
}

/// Edits `[package.metadata.vite]` of `app`, after [`edit_the_manifest_and_rebuild`]:
/// the next build must recompile the crate.
fn edit_the_metadata_and_rebuild(app: &UserCrate) {
    std::thread::sleep(std::time::Duration::from_millis(1100));
    let cargo_toml = app.dir.join("Cargo.toml");
    let toml = std::fs::read_to_string(&cargo_toml).unwrap();
    std::fs::write(
        &cargo_toml,
        toml.replace(
            "base = \"/assets/\"",
            "base = \"https://cdn.example.com/assets/\"",
        ),
    )
    .unwrap();
    assert_eq!(
        app.run(&[])[0],
        "https://cdn.example.com/assets/bundled/script-REBUILT1.js",
        "a metadata edit must recompile the crate"
    );
    assert!(app.is_fresh(&[]));
}

/// Sets `VITEASSET_BASE` for one build of `app`, then unsets it: each change of the
/// variable must recompile the crate, and only that.
fn change_a_variable_and_rebuild(app: &UserCrate) {
    let before = app.run(&[]);
    // Another host, the same path: the build's files still name theirs rightly.
    let cdn = "//static.example.com/assets/";
    let overridden = app.run(&[("VITEASSET_BASE", cdn)]);
    assert!(overridden[0].starts_with(cdn), "{overridden:?}");
    assert!(app.is_fresh(&[("VITEASSET_BASE", cdn)]));
    assert_eq!(
        app.run(&[]),
        before,
        "unsetting VITEASSET_BASE must recompile"
    );
    assert!(app.is_fresh(&[]));
}

/// A build script that watches the manifest (`vite_asset::build::watch_manifest`)
/// makes the rebuilds cargo's job: rustc no longer keeps the manifest as source
/// text, and an edit of the manifest, the metadata or a variable still recompiles
/// the crate.
#[test]
fn a_build_script_watching_the_manifest_rebuilds_without_rustc_tracking_it() {
    let vite_asset = workspace().join("vite-asset");
    let app = UserCrate::new(
        "watched-app",
        "manifest = \"dist/manifest.json\"\nbase = \"/assets/\"",
        &[],
    )
    .with_manifest("vite5", "dist/manifest.json")
    .with_cargo_toml_tail(&format!(
        "[build-dependencies]\nvite-asset = {{ path = {vite_asset:?}, features = [\"build\"] }}\n"
    ));
    std::fs::write(
        app.dir.join("build.rs"),
        "fn main() {\n    vite_asset::build::watch_manifest(\"dist/manifest.json\");\n}\n",
    )
    .unwrap();
    edit_the_manifest_and_rebuild(&app);
    // The build script watches the configuration too, so the expansion names
    // nothing for rustc to track.
    let dep_info = app.rustc_dep_info();
    for input in ["manifest.json", "Cargo.toml", "env-dep:"] {
        assert!(!dep_info.contains(input), "{input} in {dep_info}");
    }
    edit_the_metadata_and_rebuild(&app);
    change_a_variable_and_rebuild(&app);
    // A build script that checks no templates: `vite_templates!` names the call to add.
    let app =
        app.with_main("fn main() {\n    let _ = vite_asset::vite_templates!(\"templates\");\n}\n");
    let output = app.cargo(&["build"], &[]);
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(!output.status.success(), "{stderr}");
    assert!(
        stderr.contains(
            "the build script checked no templates in `templates`, so there are none to embed"
        ) && stderr.contains(
            "to fix: call `vite_asset::build::TemplateCheck::minijinja(\"templates\").run();`"
        ),
        "{stderr}"
    );
}

/// The code blocks of the README's section `heading`, in order: each block's
/// language and text.
fn readme_blocks(heading: &str) -> Vec<(String, String)> {
    support::code_blocks(&support::readme_section(heading))
}

/// A crate whose `Cargo.toml` is `cargo_toml`, a README snippet whose
/// `vite-asset = { path = "../vite-asset/vite-asset" }` line (a clone beside the
/// app) is made to point at this repository and followed by
/// `dependencies`.
fn crate_from_readme(name: &str, cargo_toml: &str, dependencies: &str) -> UserCrate {
    let app = UserCrate::new(name, "", &[]);
    let vite_asset = workspace().join("vite-asset");
    let line = "vite-asset = { path = \"../vite-asset/vite-asset\" }\n";
    assert!(cargo_toml.contains(line), "{cargo_toml}");
    let cargo_toml = cargo_toml.replace(
        line,
        &format!("vite-asset = {{ path = {vite_asset:?} }}\n{dependencies}"),
    );
    std::fs::write(
        app.dir.join("Cargo.toml"),
        format!("[package]\nname = \"{name}\"\nversion = \"0.1.0\"\nedition = \"2021\"\n\n{cargo_toml}\n[workspace]\n"),
    )
    .unwrap();
    app
}

/// Copies the directory `from` to `to`, recursively.
fn copy_dir(from: &Path, to: &Path) {
    std::fs::create_dir_all(to).unwrap();
    for entry in std::fs::read_dir(from).unwrap() {
        let entry = entry.unwrap();
        let target = to.join(entry.file_name());
        if entry.file_type().unwrap().is_dir() {
            copy_dir(&entry.path(), &target);
        } else {
            std::fs::copy(entry.path(), &target).unwrap();
        }
    }
}

#[test]
fn the_readme_macros_without_the_plugin_build_and_render_in_both_modes() {
    let blocks = readme_blocks("The macros in handlers and templates");
    let [(_, cargo_toml), _vite_config, (_, handler), (_, template)] = &blocks[..] else {
        panic!("four blocks: Cargo.toml, vite.config.js, a handler, a template: {blocks:#?}");
    };
    let app = crate_from_readme(
        "quick-start-app",
        cargo_toml,
        "askama = \"0.16\"\naxum = \"0.8\"\ntokio = { version = \"1\", features = [\"rt\"] }\n",
    );
    std::fs::create_dir_all(app.dir.join("templates")).unwrap();
    std::fs::write(app.dir.join("templates/page.html"), template).unwrap();
    let app = app
        .with_main(&format!(
            "{handler}\nuse vite_asset::vite_tags;\n\n\
             #[derive(askama::Template)]\n#[template(path = \"page.html\")]\nstruct Page;\n\n\
             fn main() {{\n    \
             let runtime = tokio::runtime::Builder::new_current_thread().build().unwrap();\n    \
             println!(\"{{}}\", runtime.block_on(homepage()).0);\n    \
             println!(\"{{}}\", askama::Template::render(&Page).unwrap());\n}}\n"
        ))
        .with_manifest("vite5", "assets_compiled/manifest.json");
    copy_dir(
        &workspace().join("tests/frontend/src"),
        &app.dir.join("assets_source"),
    );
    let manifest = app.dir.join("assets_compiled/manifest.json");
    let page = app.run(&[]).join("\n");
    for key in ["styles.scss", "script.ts", "logo.svg"] {
        let url = expected_url(&manifest, "/assets/", key);
        assert!(
            page.contains(&format!("=\"{url}\"")),
            "{key}: {url} in {page}"
        );
    }
    assert!(!page.contains("&lt;") && !page.contains("&#60;"), "{page}");

    let page = app.run_dev(&[]);
    for url in [
        "=\"/assets/@vite/client\"",
        "=\"/assets/styles.scss\"",
        "=\"/assets/script.ts\"",
        "=\"/assets/logo.svg\"",
    ] {
        assert!(page.contains(url), "{url} in {page}");
    }
}

#[test]
fn a_manifest_elsewhere_is_found_and_the_hints_name_the_users_own_vite() {
    // A Vite 8 frontend in frontend/, built, and nothing configured.
    let app = UserCrate::new("frontend-app", "", &[])
        .with_manifest("vite8-root-base", "frontend/dist/.vite/manifest.json");
    for (file, text) in [
        ("frontend/vite.config.ts", "export default {}\n"),
        (
            "frontend/node_modules/vite/package.json",
            "{\"name\": \"vite\", \"version\": \"8.0.0\"}\n",
        ),
    ] {
        let path = app.dir.join(file);
        std::fs::create_dir_all(path.parent().unwrap()).unwrap();
        std::fs::write(path, text).unwrap();
    }
    let output = app.cargo(&["check", "--quiet", "--message-format=json"], &[]);
    assert!(!output.status.success());
    let errors = compiler_errors(&output.stdout);
    assert!(
        errors.contains("found a Vite manifest at `frontend/dist/.vite/manifest.json`"),
        "{errors}"
    );
    let line = "manifest = \"frontend/dist/.vite/manifest.json\"";
    assert!(
        errors.contains(&format!(
            "to fix: add `{line}` under `[package.metadata.vite]`"
        )),
        "{errors}"
    );

    // The line it gives, added: the crate builds, and a typo names Vite 8's option and the file.
    let app = app.with_cargo_toml_tail(&format!("[package.metadata.vite]\n{line}\n"));
    let manifest = app.dir.join("frontend/dist/.vite/manifest.json");
    assert_eq!(app.run(&[])[0], expected_url(&manifest, "/", "script.ts"));
    let app = app.with_main(
        "fn main() {\n    println!(\"{}\", vite_asset::vite_asset!(\"scirpt.ts\"));\n}\n",
    );
    let output = app.cargo(&["check", "--quiet", "--message-format=json"], &[]);
    let errors = compiler_errors(&output.stdout);
    assert!(
        errors.contains(
            "add it to `build.rolldownOptions.input` in `frontend/vite.config.ts` and run the Vite build again"
        ),
        "{errors}"
    );

    // The configured manifest deleted: the fix names the project's own config file.
    std::fs::remove_dir_all(app.dir.join("frontend/dist")).unwrap();
    let output = app.cargo(&["check", "--quiet", "--message-format=json"], &[]);
    let errors = compiler_errors(&output.stdout);
    assert!(
        errors.contains("(`build.outDir` and `build.manifest` in `frontend/vite.config.ts`)"),
        "{errors}"
    );
}

/// Wrong `[package.metadata.vite]` tables, one per file in tests/ui/config/, each
/// built in a crate of its own (trybuild gives all its cases one Cargo.toml).
/// What rustc prints must be the case's committed `.stderr`; as for the trybuild
/// cases, `TRYBUILD=overwrite` rewrites the files, to be reviewed before a commit.
#[test]
fn configuration_errors_match_their_stderr() {
    const MAIN_RS: &str =
        "fn main() {\n    println!(\"{}\", vite_asset::vite_asset!(\"script.ts\"));\n}\n";
    let cases_dir = workspace().join("tests/ui/config");
    let mut cases: Vec<PathBuf> = std::fs::read_dir(&cases_dir)
        .unwrap()
        .map(|entry| entry.unwrap().path())
        .filter(|path| {
            path.extension()
                .is_some_and(|extension| extension == "toml")
        })
        .collect();
    cases.sort();
    assert!(cases.len() >= 8, "{cases:?}");
    let overwrite = std::env::var_os("TRYBUILD").is_some_and(|value| value == "overwrite");
    let mut mismatches = Vec::new();
    for case in &cases {
        let name = case.file_stem().unwrap().to_str().unwrap();
        let text = std::fs::read_to_string(case).unwrap();
        // A `# call: …` line replaces the call of the program.
        let main_rs = match text.lines().find_map(|line| line.strip_prefix("# call: ")) {
            Some(call) => format!("fn main() {{\n    println!(\"{{}}\", {call});\n}}\n"),
            None => MAIN_RS.to_owned(),
        };
        let app = UserCrate::new(&format!("config-{name}"), "", &[])
            .with_cargo_toml_tail(&text)
            .with_main(&main_rs)
            .with_manifest("vite5", "dist/.vite/manifest.json");
        // `# env: NAME=value` lines set the macros' environment.
        let env: Vec<(&str, &str)> = text
            .lines()
            .filter_map(|line| line.strip_prefix("# env: ")?.split_once('='))
            .collect();
        let output = app.cargo(&["check", "--quiet", "--message-format=json"], &env);
        assert!(!output.status.success(), "{name} compiled");
        let stderr = compiler_errors(&output.stdout).replace(app.dir.to_str().unwrap(), "$DIR");
        assert!(
            stderr.contains("to fix") && !stderr.contains("panicked"),
            "{name}:\n{stderr}"
        );
        let expected_path = case.with_extension("stderr");
        if overwrite {
            std::fs::write(&expected_path, &stderr).unwrap();
        } else if std::fs::read_to_string(&expected_path).ok().as_deref() != Some(stderr.as_str()) {
            mismatches.push(format!("{}:\n{stderr}", expected_path.display()));
        }
    }
    assert!(
        mismatches.is_empty(),
        "rustc's errors differ from the committed .stderr (TRYBUILD=overwrite rewrites them):\n\n{}",
        mismatches.join("\n")
    );
}

/// The errors that rustc rendered, from cargo's `--message-format=json` output,
/// without the "aborting due to" summary.
fn compiler_errors(json_lines: &[u8]) -> String {
    String::from_utf8_lossy(json_lines)
        .lines()
        .filter_map(|line| serde_json::from_str::<serde_json::Value>(line).ok())
        .filter(|message| message["reason"] == "compiler-message")
        .filter_map(|message| message["message"]["rendered"].as_str().map(str::to_owned))
        .filter(|rendered| !rendered.starts_with("error: aborting due to"))
        .collect()
}

/// A crate made of a README section on run-time templates: its Cargo.toml,
/// build.rs, src/main.rs and templates/page.html blocks, with the vite-asset
/// lines pointing at this repository and the Vite 5 fixture as its build.
fn run_time_templates_crate(name: &str, heading: &str) -> UserCrate {
    let blocks = readme_blocks(heading);
    let [(_, cargo_toml), (_, build_rs), (_, main_rs), (_, template)] = &blocks[..] else {
        panic!("four blocks: Cargo.toml, build.rs, src/main.rs, a template: {blocks:#?}");
    };
    let app = UserCrate::new(name, "", &[]);
    let vite_asset = workspace().join("vite-asset");
    let pointed = cargo_toml.replace(
        "vite-asset = { path = \"../vite-asset/vite-asset\",",
        &format!("vite-asset = {{ path = {vite_asset:?},"),
    );
    assert_eq!(pointed.matches("path =").count(), 2, "{cargo_toml}");
    std::fs::write(
        app.dir.join("Cargo.toml"),
        format!("[package]\nname = \"{name}\"\nversion = \"0.1.0\"\nedition = \"2021\"\n\n{pointed}\n[workspace]\n"),
    )
    .unwrap();
    std::fs::write(app.dir.join("build.rs"), build_rs).unwrap();
    std::fs::create_dir_all(app.dir.join("templates")).unwrap();
    std::fs::write(app.dir.join("templates/page.html"), template).unwrap();
    app.with_main(main_rs)
        .with_manifest("vite5", "assets_compiled/manifest.json")
}

/// Whether the last `cargo build -v` ran the crate's build script.
fn ran_build_script(stderr: &str) -> bool {
    stderr
        .lines()
        .any(|line| line.contains("Running `") && line.contains("build-script-build`"))
}

fn build_verbose(app: &UserCrate) -> String {
    let output = app.cargo(&["build", "-v"], &[]);
    let stderr = String::from_utf8_lossy(&output.stderr).into_owned();
    assert!(output.status.success(), "{stderr}");
    stderr
}

/// The README's minijinja and tera sections build as user crates and render the
/// manifest's URLs; a typo in a template fails `cargo build` at its line.
#[test]
fn the_readme_minijinja_and_tera_sections_check_their_templates_and_render() {
    for (name, heading, typo) in [
        (
            "readme-minijinja",
            "Templates loaded at run time: minijinja",
            r#"vite_asset("logo.svg")"#,
        ),
        (
            "readme-tera",
            "Templates loaded at run time: tera",
            r#"vite_asset(name="logo.svg")"#,
        ),
    ] {
        let app = run_time_templates_crate(name, heading);
        let manifest = app.dir.join("assets_compiled/manifest.json");
        let page = app.run(&[]).join("\n");
        for key in ["styles.scss", "script.ts", "logo.svg"] {
            let url = expected_url(&manifest, "/assets/", key);
            assert!(
                page.contains(&format!("=\"{url}\"")),
                "{name}: {key}: {url} in {page}"
            );
        }
        assert!(page.contains(" nonce=\"rAnd0m\""), "{name}: {page}");
        assert!(
            !page.contains("&lt;"),
            "{name}: the tags are not escaped: {page}"
        );
        binary_alone_renders_without_its_templates(&app, &page);

        let template = app.dir.join("templates/page.html");
        let original = std::fs::read_to_string(&template).unwrap();
        std::fs::write(
            &template,
            original.replace(typo, &typo.replace("logo", "lgoo")),
        )
        .unwrap();
        let output = app.cargo(&["build"], &[]);
        let stderr = String::from_utf8_lossy(&output.stderr);
        assert!(
            !output.status.success(),
            "{name}: a typo must fail the build"
        );
        assert!(
            stderr.contains(&format!(
                "error: {name}@0.1.0: templates/page.html: `lgoo.svg` is not in the Vite manifest"
            )) && stderr.contains("did you mean `logo.svg`?")
                && stderr.contains(" at line 6, column "),
            "{name}: {stderr}"
        );
        assert!(
            !stderr.contains("cargo:rerun-if-changed")
                && stderr.contains("error: build script logged errors"),
            "{name}: the check's errors, without the build script's other output: {stderr}"
        );
        std::fs::write(&template, &original).unwrap();
    }
}

/// `vite_content` in the README's minijinja and tera apps: the contents of
/// the built file, compiled in by the template check (the binary alone, its
/// templates moved away, writes them), read from the last build under `dev`;
/// a name that is not in the manifest fails `cargo build` at its line.
#[test]
fn run_time_templates_write_a_built_file_s_contents_checked_and_compiled_in() {
    for (name, heading, call) in [
        (
            "content-minijinja",
            "Templates loaded at run time: minijinja",
            r#"vite_content("theme.css")"#,
        ),
        (
            "content-tera",
            "Templates loaded at run time: tera",
            r#"vite_content(name="theme.css")"#,
        ),
    ] {
        let app = run_time_templates_crate(name, heading).with_dev_feature();
        let template = app.dir.join("templates/page.html");
        let original = std::fs::read_to_string(&template).unwrap();
        std::fs::write(
            &template,
            format!("{original}<style>{{{{ {call} }}}}</style>\n"),
        )
        .unwrap();
        let manifest: serde_json::Value = serde_json::from_slice(
            &std::fs::read(app.dir.join("assets_compiled/manifest.json")).unwrap(),
        )
        .unwrap();
        let built = app
            .dir
            .join("assets_compiled")
            .join(manifest["theme.css"]["file"].as_str().unwrap());
        let css = std::fs::read_to_string(&built).unwrap();
        let page = app.run(&[]).join("\n");
        assert!(
            page.contains(&format!("<style>{css}</style>")),
            "{name}: {page}"
        );
        binary_alone_renders_without_its_templates(&app, &page);

        // Under `dev`, the last build's file as it is now, read at the render.
        std::fs::write(&built, format!("{css}/* rebuilt */")).unwrap();
        let page = app.run_dev(&[]);
        assert!(
            page.contains(&format!("<style>{css}/* rebuilt */</style>")),
            "{name}: {page}"
        );
        std::fs::write(&built, &css).unwrap();

        std::fs::write(
            &template,
            format!(
                "{original}<style>{{{{ {} }}}}</style>\n",
                call.replace("theme", "thme")
            ),
        )
        .unwrap();
        let output = app.cargo(&["build"], &[]);
        let stderr = String::from_utf8_lossy(&output.stderr);
        assert!(
            !output.status.success(),
            "{name}: a typo must fail the build"
        );
        assert!(
            stderr.contains("templates/page.html: `thme.css` is not in the Vite manifest")
                && stderr.contains("did you mean `theme.css`?"),
            "{name}: {stderr}"
        );
        std::fs::write(&template, &original).unwrap();
    }
}

/// The binary of `app`, copied alone into an empty directory and run there
/// with the crate's templates moved away, prints `page`: they are in it.
fn binary_alone_renders_without_its_templates(app: &UserCrate, page: &str) {
    let alone = crates_dir().join(format!("{}-alone", app.name));
    let _ = std::fs::remove_dir_all(&alone);
    std::fs::create_dir_all(&alone).unwrap();
    let binary = alone.join(&app.name);
    std::fs::copy(crates_dir().join("target/debug").join(&app.name), &binary).unwrap();
    let (templates, away) = (app.dir.join("templates"), app.dir.join("templates-away"));
    std::fs::rename(&templates, &away).unwrap();
    let output = Command::new(&binary).current_dir(&alone).output().unwrap();
    std::fs::rename(&away, &templates).unwrap();
    assert!(
        output.status.success(),
        "{}: {}",
        app.name,
        String::from_utf8_lossy(&output.stderr)
    );
    assert_eq!(
        String::from_utf8_lossy(&output.stdout).trim_end(),
        page.trim_end()
    );
    assert_eq!(
        std::fs::read_dir(&alone).unwrap().count(),
        1,
        "the binary alone"
    );
}

/// The template check runs again when a template changes, and only then: not
/// for an edit of the crate's Rust code.
#[test]
fn editing_a_template_reruns_the_check_and_nothing_else_does() {
    let app = run_time_templates_crate(
        "template-check-rerun",
        "Templates loaded at run time: minijinja",
    );
    build_verbose(&app);
    assert!(!ran_build_script(&build_verbose(&app)), "nothing changed");

    let main_rs = app.dir.join("src/main.rs");
    let code = std::fs::read_to_string(&main_rs).unwrap();
    std::fs::write(&main_rs, format!("{code}\n// an edit of the Rust code\n")).unwrap();
    let stderr = build_verbose(&app);
    assert!(
        !ran_build_script(&stderr),
        "a Rust edit does not rerun the check: {stderr}"
    );
    assert!(
        stderr.contains(&format!("Compiling {} ", app.name)),
        "{stderr}"
    );

    let template = app.dir.join("templates/page.html");
    let text = std::fs::read_to_string(&template).unwrap();
    std::fs::write(&template, format!("{text}<!-- edited -->\n")).unwrap();
    assert!(
        ran_build_script(&build_verbose(&app)),
        "a template edit reruns the check"
    );
}

/// Under the crate's `dev` feature the template check looks for source files
/// under Vite's root, as the macros do, and the page links the DevServer.
#[test]
fn in_dev_the_template_check_names_source_files() {
    let app = run_time_templates_crate(
        "template-check-dev",
        "Templates loaded at run time: minijinja",
    )
    .with_dev_feature();
    copy_dir(
        &workspace().join("tests/frontend/src"),
        &app.dir.join("assets_source"),
    );
    let root = [("VITEASSET_ROOT", "assets_source")];
    let page = app.run_dev(&root);
    for url in [
        "=\"/assets/@vite/client\"",
        "=\"/assets/script.ts\"",
        "=\"/assets/logo.svg\"",
    ] {
        assert!(page.contains(url), "{url} in {page}");
    }

    let template = app.dir.join("templates/page.html");
    let original = std::fs::read_to_string(&template).unwrap();
    std::fs::write(
        &template,
        original.replace("\"script.ts\"", "\"scirpt.ts\""),
    )
    .unwrap();
    let output = app.cargo(&["build", "--features", "dev"], &root);
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(!output.status.success(), "{stderr}");
    assert!(
        stderr.contains(
            ": templates/page.html: `scirpt.ts` does not exist in the Vite root `assets_source`"
        ) && stderr.contains("did you mean `script.ts`?"),
        "{stderr}"
    );
}

/// A crate with two builds: each call resolves in the manifest of its build,
/// with the build's own base and variables; editing the named build's
/// manifest recompiles the crate, and nothing of the other build does.
#[test]
fn a_named_build_has_its_own_manifest_base_and_variables() {
    let app = UserCrate::new(
        "two-builds-app",
        "manifest = \"dist/.vite/manifest.json\"\nbase = \"/assets/\"\n\n\
         [package.metadata.vite.builds.admin]\n\
         manifest = \"admin/dist/.vite/manifest.json\"\nbase = \"/admin/assets/\"\n\n\
         [package.metadata.vite.builds.unused]\n\
         manifest = \"unused/dist/.vite/manifest.json\"",
        &[],
    )
    .with_manifest("vite5", "dist/.vite/manifest.json")
    .with_manifest("vite8-admin-base", "admin/dist/.vite/manifest.json")
    .with_manifest("vite8", "unused/dist/.vite/manifest.json")
    .with_main(
        "fn main() {\n    \
         println!(\"{}\", vite_asset::vite_asset!(\"script.ts\"));\n    \
         println!(\"{}\", vite_asset::vite_asset!(admin, \"script.ts\"));\n    \
         println!(\"{}\", vite_asset::vite_tags!(admin, \"main.ts\"));\n}\n",
    );
    let site_manifest = app.dir.join("dist/.vite/manifest.json");
    let admin_manifest = app.dir.join("admin/dist/.vite/manifest.json");
    let lines = app.run(&[]);
    assert_eq!(
        lines[0],
        expected_url(&site_manifest, "/assets/", "script.ts")
    );
    assert_eq!(
        lines[1],
        expected_url(&admin_manifest, "/admin/assets/", "script.ts")
    );
    assert!(
        lines[2..]
            .iter()
            .all(|tag| tag.contains("\"/admin/assets/")),
        "every tag of the call from the admin build: {lines:#?}"
    );

    // The build's own variable overrides its base, and not the other build's.
    let cdn = "https://cdn.example.com/admin/assets/";
    let moved = app.run(&[("VITEASSET_ADMIN_BASE", cdn)]);
    assert_eq!(moved[0], lines[0]);
    assert_eq!(moved[1], expected_url(&admin_manifest, cdn, "script.ts"));
    app.run(&[]);

    // No build script: rustc tracks both manifests and the admin build's variables.
    let dep_info = app.rustc_dep_info();
    for input in [
        "dist/.vite/manifest.json",
        "admin/dist/.vite/manifest.json",
        "env-dep:VITEASSET_ADMIN_BASE",
    ] {
        assert!(dep_info.contains(input), "{input} in {dep_info}");
    }
    assert!(
        !dep_info.contains("unused/dist"),
        "a build no call names is not tracked"
    );
    assert!(app.is_fresh(&[]), "no change, no recompile");
    std::thread::sleep(std::time::Duration::from_millis(1100));
    let unused = app.dir.join("unused/dist/.vite/manifest.json");
    std::fs::write(&unused, "{}").unwrap();
    assert!(
        app.is_fresh(&[]),
        "nor does its manifest recompile the crate"
    );
    let text = std::fs::read_to_string(&admin_manifest).unwrap();
    let file = manifest_file_of(&admin_manifest, "script.ts");
    std::fs::write(
        &admin_manifest,
        text.replace(&file, "bundled/script-ADMIN2.js"),
    )
    .unwrap();
    std::fs::write(
        app.dir.join("admin/dist/bundled/script-ADMIN2.js"),
        "/* rebuilt */",
    )
    .unwrap();
    assert!(
        !app.is_fresh(&[]),
        "the admin build's manifest changed: recompile"
    );
    let after = app.run(&[]);
    assert_eq!(after[1], "/admin/assets/bundled/script-ADMIN2.js");
    assert_eq!(after[0], lines[0]);
}

/// The `file` of `key` in the manifest at `path`.
fn manifest_file_of(path: &Path, key: &str) -> String {
    let manifest: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(path).unwrap()).unwrap();
    manifest[key]["file"].as_str().unwrap().to_owned()
}

/// The README's section on several builds: its configuration and its askama
/// page, built as a user crate, link each asset from its own build.
#[test]
fn the_readme_two_builds_section_builds_and_links_each_build() {
    let blocks = readme_blocks("Several Vite builds");
    let [(_, cargo_toml), (_, template)] = &blocks[..2] else {
        panic!("a Cargo.toml and a template first: {blocks:#?}");
    };
    let metadata = cargo_toml.trim_start_matches("# Cargo.toml\n");
    let app = UserCrate::new("readme-two-builds", "", &["askama"])
        .with_cargo_toml_tail(metadata)
        .with_cargo_toml_tail("[dependencies.askama]\nversion = \"0.16\"\n")
        .with_manifest("vite5", "frontend/dist/.vite/manifest.json")
        .with_manifest("vite8-admin-base", "admin/dist/.vite/manifest.json");
    std::fs::create_dir_all(app.dir.join("templates")).unwrap();
    std::fs::write(app.dir.join("templates/page.html"), template).unwrap();
    let app = app.with_main(
        "use vite_asset::{vite_asset, vite_tags};\n\n\
         #[derive(askama::Template)]\n#[template(path = \"page.html\")]\nstruct Page;\n\n\
         fn main() {\n    println!(\"{}\", askama::Template::render(&Page).unwrap());\n}\n",
    );
    let page = app.run(&[]).join("\n");
    let site = app.dir.join("frontend/dist/.vite/manifest.json");
    let admin = app.dir.join("admin/dist/.vite/manifest.json");
    for url in [
        expected_url(&site, "/assets/", "styles.scss"),
        expected_url(&admin, "/admin/assets/", "admin.ts"),
        expected_url(&admin, "/admin/assets/", "logo.svg"),
    ] {
        assert!(page.contains(&format!("=\"{url}\"")), "{url} in {page}");
    }
}

/// In dev, two builds on one DevServer would load one project's sources from
/// the other's server: a compile error that says which builds and the fix.
#[test]
fn in_dev_two_builds_on_one_dev_server_is_an_error() {
    let app = UserCrate::new(
        "two-builds-one-dev-server",
        "base = \"/assets/\"\n\n[package.metadata.vite.builds.admin]\nbase = \"/admin/assets/\"",
        &["dev"],
    )
    .with_main(
        "fn main() {\n    println!(\"{}\", vite_asset::vite_asset!(admin, \"admin.ts\"));\n}\n",
    );
    let output = app.cargo(&["build", "--quiet"], &[]);
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(!output.status.success(), "{stderr}");
    assert!(
        stderr.contains("build `admin` and the default build both use the Vite DevServer at `http://localhost:5173`")
            && stderr.contains("set `dev-origin` in `[package.metadata.vite.builds.admin]`"),
        "{stderr}"
    );
    let apart = app.cargo(
        &["build", "--quiet"],
        &[("VITEASSET_ADMIN_DEV_ORIGIN", "http://localhost:5174")],
    );
    assert!(
        apart.status.success(),
        "{}",
        String::from_utf8_lossy(&apart.stderr)
    );
}

/// The run-time table of a Vite 8 build with `build.chunkImportMap`: minijinja's
/// `vite_tags` writes the import map first, for one entry point (tags written
/// at compile time) and for two (joined at run time), once each.
#[test]
fn the_run_time_table_writes_the_import_map_first() {
    let app = UserCrate::new("table-import-map", "manifest = \"dist/.vite/manifest.json\"\nbase = \"/assets/\"", &["minijinja"])
        .with_cargo_toml_tail("[dependencies.minijinja]\nversion = \"3\"\n")
        .with_manifest("vite8-importmap", "dist/.vite/manifest.json")
        .with_main(
            "static MANIFEST: &vite_asset::ViteManifest = vite_asset::vite_manifest!();\n\n\
             fn main() {\n    \
             let mut env = minijinja::Environment::new();\n    \
             vite_asset::minijinja::register(&mut env, MANIFEST);\n    \
             for page in [r#\"{{ vite_tags(\"main.ts\") }}\"#, r#\"{{ vite_tags(\"main.ts\", \"admin.ts\") }}\"#] {\n        \
             println!(\"{}\\n---\", env.render_str(page, ()).unwrap());\n    }\n}\n",
        );
    std::fs::copy(
        support::fixture_manifest("vite8-importmap").with_file_name("importmap.json"),
        app.dir.join("dist/importmap.json"),
    )
    .unwrap();
    let output = app.run(&[]).join("\n");
    let pages: Vec<&str> = output
        .split("\n---")
        .filter(|page| !page.trim().is_empty())
        .collect();
    assert_eq!(pages.len(), 2, "{output}");
    for page in pages {
        let page = page.trim_start();
        assert!(
            page.starts_with("<script type=\"importmap\">{\"imports\":{"),
            "{page}"
        );
        assert_eq!(page.matches("type=\"importmap\"").count(), 1, "{page}");
        assert!(
            page.contains("<script type=\"module\" crossorigin src=\"/assets/bundled/main-"),
            "{page}"
        );
    }
}

/// A release build with `dev` would ship pages that load from `localhost:5173`:
/// it is a compile error that says to drop the feature, unless the crate opts in.
/// `cargo check --release` meets the same `cfg` as `cargo build --release`,
/// without the release codegen of tokio and hyper that a build would wait for.
#[test]
fn a_release_build_with_dev_is_a_compile_error_unless_opted_in() {
    let app = UserCrate::new("release-dev-app", "", &[])
        .with_dev_feature()
        .with_main("fn main() {}\n");
    let output = app.cargo(&["check", "--release", "--features", "dev"], &[]);
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(!output.status.success(), "{stderr}");
    assert!(
        stderr.contains("error: vite-asset: the `dev` feature is on in a release build")
            && stderr.contains("to fix: build the release without `--features dev`"),
        "{stderr}"
    );
    let app = app.with_cargo_toml_tail("dev-in-release = [\"vite-asset/dev-in-release\"]\n");
    let output = app.cargo(
        &["check", "--release", "--features", "dev,dev-in-release"],
        &[],
    );
    assert!(
        output.status.success(),
        "{}",
        String::from_utf8_lossy(&output.stderr)
    );
}

/// Under `dev`, the tags link the page's own origin, which only the serving
/// layer forwards to the DevServer: a page written without one says so on
/// stderr. `dev-proxy = false` links the DevServer's own URLs, and says nothing.
#[test]
fn same_origin_dev_urls_without_the_serving_layer_are_loud_and_dev_proxy_false_links_vite() {
    const MAIN_RS: &str =
        "fn main() {\n    println!(\"{}\", vite_asset::vite_tags!(\"script.ts\"));\n}\n";
    let page_and_stderr = |name: &str, metadata: &str, features: &[&str]| {
        let app = UserCrate::new(name, metadata, features)
            .with_dev_feature()
            .with_main(MAIN_RS);
        copy_dir(
            &workspace().join("tests/frontend/src"),
            &app.dir.join("assets_source"),
        );
        let root = [("VITEASSET_ROOT", "assets_source")];
        let output = app.cargo(&["run", "--quiet", "--features", "dev"], &root);
        let stderr = String::from_utf8_lossy(&output.stderr).into_owned();
        assert!(output.status.success(), "{stderr}");
        (String::from_utf8(output.stdout).unwrap(), stderr)
    };
    // With the serving layer's feature and without it (then nothing can forward).
    for (name, features) in [("dev-proxy-app", &["serve"][..]), ("dev-no-serve-app", &[])] {
        let (page, stderr) = page_and_stderr(name, "", features);
        assert!(page.contains("src=\"/script.ts\""), "{name}: {page}");
        assert!(
            stderr.contains("no `vite_files!().router()` or `.service()` was made in this process")
                && stderr
                    .contains("to fix: merge `vite_asset::vite_files!().router()` into the app"),
            "{name}: {stderr}"
        );
    }
    let (page, stderr) = page_and_stderr("dev-proxy-off-app", "dev-proxy = false", &["serve"]);
    assert!(
        page.contains("src=\"http://localhost:5173/script.ts\""),
        "{page}"
    );
    assert!(!stderr.contains("vite-asset:"), "{stderr}");
}

/// The build helper (`vite_asset::build::Vite` in build.rs) beside a running
/// DevServer: it never reinstalls a `node_modules` that matches the lock file,
/// whatever the profile or features (a file put there survives), and an output
/// directory deleted after a build is built again by the next `cargo build`,
/// which compiles the crate once.
#[test]
fn the_build_helper_keeps_node_modules_and_rebuilds_a_deleted_output() {
    let vite_asset = workspace().join("vite-asset");
    let app = UserCrate::new(
        "build-helper-app",
        "manifest = \"frontend/dist/.vite/manifest.json\"\nroot = \"frontend/src\"\nbase = \"/\"",
        &[],
    )
    .with_dev_feature()
    .with_cargo_toml_tail(&format!(
        "\n[build-dependencies]\nvite-asset = {{ path = {vite_asset:?}, features = [\"build\"] }}\n"
    ))
    .with_main("fn main() {\n    println!(\"{}\", vite_asset::vite_asset!(\"main.js\"));\n}\n");
    let frontend = app.dir.join("frontend");
    std::fs::create_dir_all(frontend.join("src")).unwrap();
    for file in ["package.json", "package-lock.json"] {
        std::fs::copy(
            workspace().join("tests/frontend/vite5").join(file),
            frontend.join(file),
        )
        .unwrap();
    }
    std::fs::write(
        frontend.join("vite.config.mjs"),
        "export default {\n  root: \"src\",\n  build: {\n    outDir: \"../dist\",\n    emptyOutDir: true,\n    \
         manifest: true,\n    rollupOptions: { input: \"src/main.js\" },\n  },\n};\n",
    )
    .unwrap();
    std::fs::write(frontend.join("src/main.js"), "console.log(\"hello\");\n").unwrap();
    std::fs::write(
        app.dir.join("build.rs"),
        "fn main() {\n    vite_asset::build::Vite::new(\"frontend\").run();\n}\n",
    )
    .unwrap();
    let manifest = frontend.join("dist/.vite/manifest.json");
    let build = |args: &[&str]| {
        let output = app.cargo(args, &[]);
        assert!(
            output.status.success(),
            "cargo {args:?}: {}",
            String::from_utf8_lossy(&output.stderr)
        );
    };

    build(&["build"]);
    assert!(manifest.is_file(), "the first build ran npm ci and Vite");
    let marker = frontend.join("node_modules/.left-by-the-test");
    std::fs::write(&marker, "").unwrap();
    assert!(app.is_fresh(&[]), "a build compiles the crate once");
    // `check` runs the build script as `build` does, without the release codegen.
    build(&["check", "--release"]);
    assert!(marker.exists(), "--release did not reinstall node_modules");
    build(&["build", "--features", "dev"]);
    assert!(
        marker.exists(),
        "--features dev did not reinstall node_modules"
    );

    std::fs::remove_dir_all(frontend.join("dist")).unwrap();
    build(&["build"]);
    assert!(manifest.is_file(), "the deleted output was built again");
    assert!(app.is_fresh(&[]), "and the crate compiled once for it");
    assert!(marker.exists());
}

/// `vite_files!(spa_fallback)` over HTTP, against a real server (axum) and the
/// real Vite build of a single-page app (tests/fixtures/spa): a client route
/// gets the built `index.html` with `no-cache`, the app's own routes win, and a
/// path with an extension that is no file, the manifest included, is a 404.
#[test]
fn the_spa_fallback_answers_client_routes_with_the_built_page() {
    let app = UserCrate::new(
        "spa-app",
        "manifest = \"dist/.vite/manifest.json\"\nbase = \"/\"",
        &["axum"],
    )
    .with_cargo_toml_tail(
        "[dependencies.axum]\nversion = \"0.8\"\n\n\
         [dependencies.tokio]\nversion = \"1\"\nfeatures = [\"rt\", \"net\"]\n",
    )
    .with_main(
        r#"
static FILES: &vite_asset::ViteFiles = vite_asset::vite_files!(spa_fallback);

fn main() {
    let runtime = tokio::runtime::Builder::new_current_thread().enable_all().build().unwrap();
    runtime.block_on(async {
        let app = axum::Router::new()
            .route("/api/health", axum::routing::get(|| async { "ok" }))
            .merge(FILES.router());
        let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
        println!("listening on {}", listener.local_addr().unwrap());
        axum::serve(listener, app).await.unwrap();
    });
}
"#,
    );
    let fixture = workspace().join("tests/fixtures/spa");
    copy_dir(&fixture, &app.dir.join("dist"));
    let output = app.cargo(&["build"], &[]);
    assert!(
        output.status.success(),
        "{}",
        String::from_utf8_lossy(&output.stderr)
    );
    let page = std::fs::read_to_string(fixture.join("index.html")).unwrap();
    let manifest: serde_json::Value =
        serde_json::from_slice(&std::fs::read(fixture.join(".vite/manifest.json")).unwrap())
            .unwrap();
    let script = format!("/{}", manifest["index.html"]["file"].as_str().unwrap());
    serve_and_check(&crates_dir().join("target/debug/spa-app"), &[], |address| {
        for route in ["/", "/settings/profile", "/users/42"] {
            let (status, head, body) = http(address, "GET", route);
            assert_eq!(status, 200, "{route}: {head}");
            assert_eq!(body, page, "{route}");
            assert!(head.contains("cache-control: no-cache"), "{route}: {head}");
            assert!(head.contains("content-type: text/html"), "{route}: {head}");
        }
        let (status, _, body) = http(address, "GET", "/api/health");
        assert_eq!((status, body.as_str()), (200, "ok"), "the app's route wins");
        let (status, head, _) = http(address, "GET", &script);
        assert_eq!(status, 200, "{script}");
        assert!(head.contains("immutable"), "{head}");
        for missing in [
            "/missing.js",
            "/.vite/manifest.json",
            "/manifest.json",
            "/users/a.b",
        ] {
            let (status, head, body) = http(address, "GET", missing);
            assert_eq!(status, 404, "{missing}: {head}{body}");
            assert!(!head.contains("cache-control"), "{missing}: {head}");
        }
        let (status, head, _) = http(address, "POST", "/settings");
        assert_eq!(status, 405, "{head}");
    });
}

/// The README's attributes section, as an app: Cargo.toml's attributes on
/// every script and stylesheet, the call's after them, and the `Link` header
/// with the ones that change the fetch.
#[test]
fn the_readme_attributes_section_writes_the_build_s_and_the_call_s_attributes() {
    let blocks = readme_blocks("Attributes on the tags");
    let [(_, metadata), (_, main_rs)] = &blocks[..] else {
        panic!("two blocks: Cargo.toml and main.rs: {blocks:#?}");
    };
    let app = UserCrate::new(
        "readme-attributes",
        "manifest = \"dist/.vite/manifest.json\"\nbase = \"/assets/\"",
        &[],
    )
    .with_manifest("vite5", "dist/.vite/manifest.json")
    .with_cargo_toml_tail(metadata)
    .with_main(main_rs);
    let lines = app.run(&[]);
    let (link, tags) = (&lines[0], &lines[1..]);
    let scripts: Vec<&String> = tags
        .iter()
        .filter(|line| line.starts_with("<script"))
        .collect();
    let stylesheets: Vec<&String> = tags
        .iter()
        .filter(|line| line.starts_with("<link rel=\"stylesheet\""))
        .collect();
    assert_eq!((scripts.len(), stylesheets.len()), (1, 4), "{lines:#?}");
    assert!(
        scripts[0].ends_with(" data-turbo-track=\"reload\" fetchpriority=\"high\"></script>"),
        "{lines:#?}"
    );
    for stylesheet in stylesheets {
        assert!(
            stylesheet.ends_with(" data-turbo-track=\"reload\" media=\"print\">"),
            "{lines:#?}"
        );
    }
    assert!(link.starts_with("Link: </assets/bundled/"), "{link}");
    assert_eq!(link.matches("; media=\"print\"").count(), 4, "{link}");
    assert_eq!(
        link.matches("; fetchpriority=\"high\"").count(),
        1,
        "{link}"
    );
    assert!(!link.contains("turbo"), "{link}");

    // A mistake in Cargo.toml's attributes stops the build, naming the key and why.
    let mistake = UserCrate::new(
        "readme-attributes-mistake",
        "manifest = \"dist/.vite/manifest.json\"\nbase = \"/assets/\"",
        &[],
    )
    .with_manifest("vite5", "dist/.vite/manifest.json")
    .with_cargo_toml_tail(
        &metadata.replace("\"data-turbo-track\" = \"reload\" }", "src = \"/x.js\" }"),
    )
    .with_main(main_rs);
    let output = mistake.cargo(&["build"], &[]);
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(!output.status.success(), "{stderr}");
    assert!(
        stderr.contains("`attrs` in `[package.metadata.vite]`"),
        "{stderr}"
    );
    assert!(
        stderr.contains("vite-asset writes `src` itself"),
        "{stderr}"
    );
}

/// The README's `vite_content!` section, as an app: it prints the built
/// theme.css byte for byte, and the CSP hash of exactly that text.
#[test]
fn the_readme_content_section_writes_the_built_css_and_its_hash() {
    let blocks = readme_blocks("A built file inline");
    let (_, main_rs) = blocks
        .iter()
        .find(|(language, _)| language == "rust")
        .expect("a Rust block");
    let app = UserCrate::new(
        "readme-content",
        "manifest = \"dist/.vite/manifest.json\"\nbase = \"/assets/\"",
        &[],
    )
    .with_manifest("vite5", "dist/.vite/manifest.json")
    .with_main(main_rs);
    let lines = app.run(&[]);
    let manifest: serde_json::Value =
        serde_json::from_slice(&std::fs::read(fixture_manifest("vite5")).unwrap()).unwrap();
    let file = manifest["theme.css"]["file"].as_str().unwrap();
    let css = std::fs::read_to_string(app.dir.join("dist").join(file)).unwrap();
    let hash = vite_asset_core::integrity::csp_hash(&css);
    assert_eq!(
        lines[0],
        format!("Content-Security-Policy: style-src 'self' {hash}"),
        "{lines:?}"
    );
    assert!(
        lines[1..]
            .join("\n")
            .starts_with(&format!("<style>{css}</style><link rel=\"stylesheet\"")),
        "{lines:?}"
    );

    // askama writes it as it is: CSS escaped as HTML (`&gt;`, `&quot;`) would be broken CSS.
    let css = "ul>li::before{content:\"&\"}";
    std::fs::write(app.dir.join("dist").join(file), css).unwrap();
    let app = app
        .with_cargo_toml_tail("[dependencies.askama]\nversion = \"0.16\"\n")
        .with_main(
            "#[derive(askama::Template)]\n\
             #[template(source = \"<style>{{ critical }}</style>\", ext = \"html\")]\n\
             struct Head {\n    critical: vite_asset::Content,\n}\n\n\
             fn main() {\n    let critical = vite_asset::vite_content!(\"theme.css\");\n    \
             println!(\"{}\", askama::Template::render(&Head { critical }).unwrap());\n}\n",
        );
    assert_eq!(app.run(&[]), [format!("<style>{css}</style>")]);
}

/// The README's build-version section, as an app: its `X-Inertia-Version` is
/// the version of the build (as the core computes it from the manifest and the
/// built files), a visit from an older build gets a 409 with the page's
/// location, and the page carries the version for Turbo.
#[test]
fn the_readme_build_version_section_gives_inertia_and_turbo_the_build_s_version() {
    let blocks = readme_blocks("The build's version");
    let (_, main_rs) = blocks
        .iter()
        .find(|(language, _)| language == "rust")
        .expect("a Rust block");
    // The axum quick start's dependencies, as the section says.
    let app = UserCrate::new(
        "readme-build-version",
        "manifest = \"dist/.vite/manifest.json\"\nbase = \"/assets/\"",
        &["axum"],
    )
    .with_manifest("vite5", "dist/.vite/manifest.json")
    .with_cargo_toml_tail(
        "[dependencies.axum]\nversion = \"0.8\"\n\n\
         [dependencies.tokio]\nversion = \"1\"\nfeatures = [\"macros\", \"rt-multi-thread\"]\n",
    )
    .with_main(main_rs);
    let output = app.cargo(&["build"], &[]);
    assert!(
        output.status.success(),
        "{}",
        String::from_utf8_lossy(&output.stderr)
    );
    let version = {
        use vite_asset_core::{build_version, BuildOutput, Config, Manifest};
        let manifest_path = app.dir.join("dist/.vite/manifest.json");
        let manifest = Manifest::load(&manifest_path).unwrap();
        let config = Config::with_defaults(&app.dir).with_base("/assets/");
        build_version::of_build(&config, &manifest, &BuildOutput::new(&app.dir.join("dist")))
            .unwrap()
    };
    let binary = crates_dir().join("target/debug/readme-build-version");
    serve_and_check(&binary, &[("PORT", "0")], |address| {
        let (status, head, page) = http(address, "GET", "/");
        assert_eq!(status, 200, "{head}");
        assert!(
            head.contains(&format!("x-inertia-version: {version}\r\n")),
            "{head}"
        );
        assert!(
            page.contains(&format!(
                "<meta name=\"vite-build\" content=\"{version}\" data-turbo-track=\"reload\">"
            )),
            "{page}"
        );
        let current = format!("X-Inertia: true\r\nX-Inertia-Version: {version}\r\n");
        let (status, head, _) = http_with(address, "GET", "/", &current);
        assert_eq!(status, 200, "the same build: {head}");
        let older = "X-Inertia: true\r\nX-Inertia-Version: 0123456789abcdef\r\n";
        let (status, head, _) = http_with(address, "GET", "/?page=2", older);
        assert_eq!(status, 409, "an older build: {head}");
        assert!(head.contains("x-inertia-location: /?page=2\r\n"), "{head}");
        // The built files carry the version too; the middleware wraps the router.
        let script = expected_url(&fixture_manifest("vite5"), "/assets/", "main.ts");
        let (status, head, _) = http(address, "GET", &script);
        assert_eq!(status, 200, "{script}: {head}");
    });
}

/// Starts the server `binary` with `env`, whose first line of output ends with
/// the address it listens on, runs `checks` with that address, and stops it,
/// whether the checks passed or not.
fn serve_and_check(binary: &Path, env: &[(&str, &str)], checks: impl FnOnce(&str)) {
    let mut server = Command::new(binary)
        .envs(env.iter().copied())
        .stdout(std::process::Stdio::piped())
        .spawn()
        .unwrap();
    let mut line = String::new();
    std::io::BufRead::read_line(
        &mut std::io::BufReader::new(server.stdout.take().unwrap()),
        &mut line,
    )
    .unwrap();
    let address = line.trim().rsplit(' ').next().unwrap();
    let address = address
        .strip_prefix("http://")
        .unwrap_or(address)
        .to_owned();
    let checked = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| checks(&address)));
    server.kill().unwrap();
    server.wait().unwrap();
    if let Err(panic) = checked {
        std::panic::resume_unwind(panic);
    }
}

/// One HTTP/1.1 request: the status, the head (lower-cased) and the body.
fn http(address: &str, method: &str, path: &str) -> (u16, String, String) {
    http_with(address, method, path, "")
}

/// [`http`] with more request `headers`, each line ending in `\r\n`.
fn http_with(address: &str, method: &str, path: &str, headers: &str) -> (u16, String, String) {
    use std::io::{Read, Write};
    let mut stream = std::net::TcpStream::connect(address).unwrap();
    write!(
        stream,
        "{method} {path} HTTP/1.1\r\nHost: {address}\r\n{headers}Content-Length: 0\r\nConnection: close\r\n\r\n"
    )
    .unwrap();
    let mut response = String::new();
    stream.read_to_string(&mut response).unwrap();
    let (head, body) = response.split_once("\r\n\r\n").unwrap();
    let status = head.split(' ').nth(1).unwrap().parse().unwrap();
    (status, head.to_lowercase(), body.to_owned())
}

/// The README's actix-web snippet is quoted from examples/actix_minijinja, which
/// the end-to-end tests build and run: each of its lines is a line there.
#[test]
fn the_readme_actix_snippet_is_the_examples_code() {
    let blocks = readme_blocks("actix-web");
    let (_, snippet) = blocks
        .iter()
        .find(|(language, _)| language == "rust")
        .expect("a Rust block");
    let example =
        std::fs::read_to_string(workspace().join("examples/actix_minijinja/main.rs")).unwrap();
    let lines: Vec<&str> = example.lines().collect();
    let quoted: Vec<&str> = snippet
        .lines()
        .filter(|line| !line.trim().is_empty() && !line.trim_start().starts_with("//"))
        .collect();
    assert!(quoted.len() >= 5, "{snippet}");
    for line in quoted {
        assert!(lines.contains(&line), "not a line of the example: {line:?}");
    }
}

/// A crate whose Cargo.toml lists the build's `input` for vite-asset's Vite
/// plugin: a name missing from the manifest is to be added there, not to
/// `vite.config.*`.
#[test]
fn with_input_in_cargo_toml_a_missing_name_is_to_be_added_there() {
    let app = UserCrate::new(
        "input-key-app",
        "manifest = \"dist/manifest.json\"\nbase = \"/assets/\"\ninput = [\"frontend/script.ts\"]",
        &[],
    )
    .with_manifest("vite5", "dist/manifest.json")
    .with_main("fn main() {\n    println!(\"{}\", vite_asset::vite_asset!(\"scirpt.ts\"));\n}\n");
    let output = app.cargo(&["check", "--quiet", "--message-format=json"], &[]);
    assert!(!output.status.success());
    let errors = compiler_errors(&output.stdout);
    assert!(
        errors.contains(
            "add it to `input` (or `assets`, for a file that only server code names) in `[package.metadata.vite]` of Cargo.toml"
        ),
        "{errors}"
    );
}

/// minijinja's `unstable_machinery`, which the template check parses with, may
/// change in a minor release: vite-asset pins the minor, and the lock file
/// resolves within it.
#[test]
fn minijinja_is_pinned_to_the_minor_that_the_template_check_was_written_for() {
    let manifest = std::fs::read_to_string(workspace().join("vite-asset/Cargo.toml")).unwrap();
    let requirement = manifest
        .lines()
        .find_map(|line| line.strip_prefix("minijinja = { version = \""))
        .and_then(|rest| rest.split('"').next())
        .expect("vite-asset depends on minijinja");
    let minor = requirement
        .strip_prefix('~')
        .unwrap_or_else(|| panic!("`{requirement}` is not pinned to a minor version (`~3.1`)"));
    let lock = std::fs::read_to_string(workspace().join("Cargo.lock")).unwrap();
    let locked = lock
        .split("[[package]]")
        .find(|package| package.contains("\nname = \"minijinja\"\n"))
        .and_then(|package| package.split("version = \"").nth(1))
        .and_then(|rest| rest.split('"').next())
        .expect("minijinja in Cargo.lock");
    assert!(
        locked.starts_with(&format!("{minor}.")),
        "Cargo.lock has minijinja {locked}, outside `{requirement}`"
    );
}
