//! The run-time table of `vite_manifest!()` and the minijinja and tera functions
//! built on it, against the macros' output and the reviewed tags in tests/golden,
//! for the manifest of a real Vite 5 build (tests/fixtures/vite5, this crate's
//! configuration for its own tests).

use std::path::Path;

use vite_asset::{vite_asset, vite_tags, TagOptions, ViteManifest};

static MANIFEST: &ViteManifest = vite_asset::vite_manifest!();

/// Each case: its golden file, the entries, and whether integrity is on.
const CASES: [(&str, &[&str], bool); 7] = [
    ("main", &["main.ts"], false),
    ("admin", &["admin.ts"], false),
    ("main+admin", &["main.ts", "admin.ts"], false),
    ("report", &["report.ts"], false),
    ("theme", &["theme.css"], false),
    ("tutorial", &["styles.scss", "script.ts"], false),
    ("main-integrity", &["main.ts"], true),
];

fn golden(relative: &str) -> String {
    let path = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("../tests/golden")
        .join(relative);
    let text = std::fs::read_to_string(&path).unwrap_or_else(|error| panic!("{path:?}: {error}"));
    text.trim_end_matches('\n').to_owned()
}

fn minijinja_env() -> minijinja::Environment<'static> {
    let mut env = minijinja::Environment::new();
    vite_asset::minijinja::register(&mut env, MANIFEST);
    env
}

fn tera_engine() -> tera::Tera {
    let mut tera = tera::Tera::default();
    vite_asset::tera::register(&mut tera, MANIFEST);
    tera
}

fn minijinja_render(source: &str) -> Result<String, String> {
    let env = minijinja_env();
    env.render_str(source, ())
        .map_err(|error| format!("{error:#}"))
}

fn tera_render(source: &str) -> Result<String, String> {
    let mut tera = tera_engine();
    tera.render_str(source, &tera::Context::new())
        .map_err(|error| {
            let mut chain = error.to_string();
            let mut source = std::error::Error::source(&error);
            while let Some(cause) = source {
                chain = format!("{chain}\n{cause}");
                source = cause.source();
            }
            chain
        })
}

fn quoted(names: &[&str]) -> String {
    names
        .iter()
        .map(|name| format!("\"{name}\""))
        .collect::<Vec<_>>()
        .join(", ")
}

#[test]
#[cfg_attr(
    feature = "dev",
    ignore = "production tags: run without the dev feature"
)]
fn tags_are_the_golden_tags_in_the_table_minijinja_and_tera() {
    for (case, names, integrity) in CASES {
        let expected = golden(&format!("vite5/{case}.html"));
        let options = TagOptions {
            integrity: Some(integrity),
            ..TagOptions::default()
        };
        assert_eq!(
            MANIFEST.tags(names, options).unwrap().as_str(),
            expected,
            "{case}: table"
        );
        let integrity_argument = if integrity { ", integrity=true" } else { "" };
        let minijinja = minijinja_render(&format!(
            "{{{{ vite_tags({}{integrity_argument}) }}}}",
            quoted(names)
        ));
        assert_eq!(minijinja.unwrap(), expected, "{case}: minijinja");
        let tera = tera_render(&format!(
            "{{{{ vite_tags(names=[{}]{integrity_argument}) }}}}",
            quoted(names)
        ));
        assert_eq!(tera.unwrap(), expected, "{case}: tera");
    }
}

#[test]
#[cfg_attr(
    feature = "dev",
    ignore = "production tags: run without the dev feature"
)]
fn prefetches_in_templates_are_the_golden_prefetches() {
    let expected = golden("vite5/main-prefetch.html");
    let options = TagOptions {
        prefetch: Some(true),
        ..TagOptions::default()
    };
    assert_eq!(
        MANIFEST
            .tags(&["main.ts"], options.clone())
            .unwrap()
            .as_str(),
        expected
    );
    assert_eq!(
        minijinja_render(r#"{{ vite_tags("main.ts", prefetch=true) }}"#).unwrap(),
        expected
    );
    assert_eq!(
        tera_render(r#"{{ vite_tags(name="main.ts", prefetch=true) }}"#).unwrap(),
        expected
    );
    assert_eq!(
        MANIFEST
            .tags(&["main.ts", "admin.ts"], options.clone())
            .unwrap()
            .as_str(),
        vite_tags!("main.ts", "admin.ts", prefetch).as_str(),
        "joined at run time as the macro joins them"
    );
}

/// The attributes of tests/golden's `main-attrs` case, as each caller spells them.
const TURBO_ATTRS: &str = r#"{"script": {"data-turbo-track": "reload", "fetchpriority": "high"}, "stylesheet": {"data-turbo-track": "reload", "media": "print"}}"#;

#[test]
#[cfg_attr(
    feature = "dev",
    ignore = "production tags: run without the dev feature"
)]
fn attributes_in_the_table_minijinja_and_tera_are_the_macro_s() {
    let expected = golden("vite5/main-attrs.html");
    let macro_tags = vite_tags!(
        "main.ts",
        attrs(
            script = { "data-turbo-track" = "reload", fetchpriority = "high" },
            stylesheet = { "data-turbo-track" = "reload", media = "print" },
        )
    );
    assert_eq!(macro_tags.as_str(), expected);
    let mut options = TagOptions::default();
    for (target, name, value) in [
        ("script", "data-turbo-track", "reload"),
        ("script", "fetchpriority", "high"),
        ("stylesheet", "data-turbo-track", "reload"),
        ("stylesheet", "media", "print"),
    ] {
        options.attributes.add(target, name, Some(value)).unwrap();
    }
    let table = MANIFEST.tags(&["main.ts"], options).unwrap();
    assert_eq!(table.as_str(), expected, "table");
    assert_eq!(table.link_header(), macro_tags.link_header());
    assert!(
        table.link_header().contains("; media=\"print\""),
        "{}",
        table.link_header()
    );
    let minijinja = minijinja_render(&format!(
        "{{{{ vite_tags(\"main.ts\", attrs={TURBO_ATTRS}) }}}}"
    ));
    assert_eq!(minijinja.unwrap(), expected, "minijinja");
    let mut context = tera::Context::new();
    let turbo: serde_json::Value = serde_json::from_str(TURBO_ATTRS).unwrap();
    context.insert("turbo", &turbo);
    let tera =
        tera_engine().render_str(r#"{{ vite_tags(name="main.ts", attrs=turbo) }}"#, &context);
    assert_eq!(tera.unwrap(), expected, "tera");
}

#[test]
fn a_wrong_attribute_fails_the_render_and_says_why() {
    for (attrs, expected) in [
        (
            r#"{"script": {"src": "/x.js"}}"#,
            "vite-asset writes `src` itself",
        ),
        (
            r#"{"scripts": {"defer": true}}"#,
            "`scripts` is not a kind of tag",
        ),
        (
            r#"{"script": {"data x": "1"}}"#,
            "`data x` is not an attribute name",
        ),
        (r#"{"script": {"fetchpriority": "top"}}"#, "not `top`"),
        (r#"{"script": {"defer": 1}}"#, "a string, or `true` alone"),
        (r#"["script"]"#, "`attrs` maps each kind of tag"),
    ] {
        let minijinja =
            minijinja_render(&format!("{{{{ vite_tags(\"main.ts\", attrs={attrs}) }}}}"))
                .unwrap_err();
        assert!(
            minijinja.contains(expected),
            "minijinja {attrs}: {minijinja}"
        );
        let mut context = tera::Context::new();
        let given: serde_json::Value = serde_json::from_str(attrs).unwrap();
        context.insert("given", &given);
        let error = tera_engine()
            .render_str(r#"{{ vite_tags(name="main.ts", attrs=given) }}"#, &context)
            .unwrap_err();
        let tera = vite_asset::tera::full_message(&error);
        assert!(tera.contains(expected), "tera {attrs}: {tera}");
    }
}

#[test]
#[cfg_attr(
    feature = "dev",
    ignore = "production tags: run without the dev feature"
)]
fn the_table_gives_what_the_macros_give() {
    assert_eq!(MANIFEST.url("script.ts").unwrap(), vite_asset!("script.ts"));
    assert_eq!(
        MANIFEST.url("styles.scss").unwrap(),
        vite_asset!("styles.scss")
    );
    assert_eq!(
        MANIFEST.url("@vite/client").unwrap(),
        vite_asset!("@vite/client")
    );
    let options = TagOptions::default();
    for integrity in [false, true] {
        let joined = MANIFEST
            .tags(
                &["admin.ts", "main.ts"],
                TagOptions {
                    integrity: Some(integrity),
                    ..options.clone()
                },
            )
            .unwrap();
        let macro_tags = match integrity {
            false => vite_tags!("admin.ts", "main.ts"),
            true => vite_tags!("admin.ts", "main.ts", integrity),
        };
        assert_eq!(
            joined.as_str(),
            macro_tags.as_str(),
            "entries in another order, joined at run time"
        );
        assert_eq!(joined.link_header(), macro_tags.link_header());
        assert!(joined.link_header().contains("rel=modulepreload"));
        assert_eq!(joined.script_hashes(), macro_tags.script_hashes());
        assert_eq!(
            joined.with_nonce("n0nce").to_string(),
            macro_tags.with_nonce("n0nce").to_string(),
            "the nonces go where the macro puts them"
        );
    }
    let alone = MANIFEST.tags(&["main.ts"], options).unwrap();
    assert_eq!(
        alone.with_nonce("n0nce").to_string(),
        vite_tags!("main.ts").with_nonce("n0nce").to_string()
    );
    assert_eq!(alone.link_header(), vite_tags!("main.ts").link_header());
}

#[test]
#[cfg_attr(
    feature = "dev",
    ignore = "production tags: run without the dev feature"
)]
fn every_key_of_the_manifest_has_the_url_of_its_file() {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("../tests/fixtures/vite5/manifest.json");
    let manifest: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(path).unwrap()).unwrap();
    let keys = manifest.as_object().unwrap();
    assert!(keys.len() > 5);
    for (key, chunk) in keys {
        let file = chunk["file"].as_str().unwrap();
        assert_eq!(
            MANIFEST.url(key).unwrap(),
            format!("/assets/{file}"),
            "{key}"
        );
    }
}

#[test]
#[cfg_attr(
    feature = "dev",
    ignore = "production tags: run without the dev feature"
)]
fn a_name_that_is_not_in_the_manifest_fails_the_render_with_the_fix() {
    for error in [
        minijinja_render(r#"{{ vite_asset("scrpt.ts") }}"#).unwrap_err(),
        minijinja_render(r#"{{ vite_tags("main.ts", "adimn.ts") }}"#).unwrap_err(),
        tera_render(r#"{{ vite_asset(name="scrpt.ts") }}"#).unwrap_err(),
        tera_render(r#"{{ vite_tags(names=["main.ts", "adimn.ts"]) }}"#).unwrap_err(),
    ] {
        assert!(
            error.contains("is not in the Vite manifest `../tests/fixtures/vite5/manifest.json`"),
            "{error}"
        );
        assert!(
            error.contains("did you mean `script.ts`?")
                || error.contains("did you mean `admin.ts`?"),
            "{error}"
        );
        assert!(error.contains("to fix:"), "{error}");
    }
}

#[test]
#[cfg_attr(
    feature = "dev",
    ignore = "production tags: run without the dev feature"
)]
fn an_asset_given_to_vite_tags_is_an_error_naming_the_call_to_use() {
    let minijinja = minijinja_render(r#"{{ vite_tags("logo.svg") }}"#).unwrap_err();
    assert!(
        minijinja.contains(r#"use `vite_asset("logo.svg")`"#),
        "{minijinja}"
    );
    let tera = tera_render(r#"{{ vite_tags(name="logo.svg") }}"#).unwrap_err();
    assert!(
        tera.contains(r#"use `vite_asset(name="logo.svg")`"#),
        "{tera}"
    );
}

#[test]
fn mistaken_arguments_are_errors_too() {
    for (error, expected) in [
        (
            minijinja_render(r#"{{ vite_tags("main.ts", nocne="x") }}"#),
            "nocne",
        ),
        (
            minijinja_render(r#"{{ vite_tags() }}"#),
            "at least one entry",
        ),
        (
            minijinja_render(r#"{{ vite_tags("main.ts", "main.ts") }}"#),
            "named twice",
        ),
        (
            tera_render(r#"{{ vite_tags(names=["main.ts"], nocne="x") }}"#),
            "no argument `nocne`",
        ),
        (tera_render(r#"{{ vite_tags() }}"#), "at least one entry"),
        (tera_render(r#"{{ vite_asset() }}"#), "needs `name`"),
        (
            tera_render(r#"{{ vite_tags(names="main.ts") }}"#),
            "must be a list",
        ),
    ] {
        let error = error.unwrap_err();
        assert!(error.contains(expected), "{expected}: {error}");
    }
}

#[test]
#[cfg_attr(
    feature = "dev",
    ignore = "production tags: run without the dev feature"
)]
fn urls_in_templates_are_written_as_the_macros_write_them() {
    let expected = format!("<img src=\"{}\">", vite_asset!("logo.svg"));
    assert_eq!(
        minijinja_render(r#"<img src="{{ vite_asset("logo.svg") }}">"#).unwrap(),
        expected
    );
    assert_eq!(
        tera_render(r#"<img src="{{ vite_asset(name="logo.svg") }}">"#).unwrap(),
        expected
    );
}

#[test]
fn the_nonce_is_escaped_and_the_url_too_in_both_engines() {
    let nonce = r#""><script>alert(1)</script>"#;
    let mut env = minijinja_env();
    env.add_template("page", r#"{{ vite_tags("script.ts", nonce=nonce) }}"#)
        .unwrap();
    let minijinja = env
        .get_template("page")
        .unwrap()
        .render(minijinja::context! { nonce })
        .unwrap();
    let mut tera = tera_engine();
    let mut context = tera::Context::new();
    context.insert("nonce", nonce);
    let tera = tera
        .render_str(
            r#"{{ vite_tags(name="script.ts", nonce=nonce) }}"#,
            &context,
        )
        .unwrap();
    for page in [minijinja, tera] {
        assert!(!page.contains("<script>alert"), "{page}");
        assert!(
            page.contains(r#" nonce="&quot;&gt;&lt;script&gt;alert(1)&lt;/script&gt;""#),
            "{page}"
        );
    }
}

#[test]
#[cfg_attr(
    not(feature = "dev"),
    ignore = "development URLs: run with the dev feature"
)]
fn in_development_the_functions_give_the_dev_server() {
    let expected = golden("dev/tutorial.html");
    assert_eq!(
        minijinja_render(r#"{{ vite_tags("styles.scss", "script.ts") }}"#).unwrap(),
        expected
    );
    assert_eq!(
        tera_render(r#"{{ vite_tags(names=["styles.scss", "script.ts"]) }}"#).unwrap(),
        expected
    );
    assert_eq!(
        minijinja_render(r#"{{ vite_asset("script.ts") }}"#).unwrap(),
        vite_asset!("script.ts")
    );
    let error = minijinja_render(r#"{{ vite_asset("scrpt.ts") }}"#).unwrap_err();
    assert!(error.contains("did you mean `script.ts`"), "{error}");
}

/// The React preamble at run time is what `vite_react_refresh!()` writes, its
/// nonce given as the tags' nonce is, in Rust and in both engines.
#[test]
fn the_react_preamble_takes_a_nonce_as_the_tags_do() {
    let preamble = MANIFEST.react_refresh();
    let written = vite_asset::vite_react_refresh!();
    assert_eq!(preamble.as_str(), written.as_str());
    assert_eq!(preamble.script_hashes(), written.script_hashes());
    let with_nonce = written.with_nonce("n0nce").to_string();
    assert_eq!(preamble.with_nonce("n0nce").to_string(), with_nonce);
    assert_eq!(
        minijinja_render(r#"{{ vite_react_refresh(nonce="n0nce") }}"#).unwrap(),
        with_nonce
    );
    assert_eq!(
        tera_render(r#"{{ vite_react_refresh(nonce="n0nce") }}"#).unwrap(),
        with_nonce
    );
    match vite_asset::DEV {
        true => {
            assert!(
                with_nonce.starts_with("<script nonce=\"n0nce\" type=\"module\">"),
                "{with_nonce}"
            );
            assert!(
                preamble.script_hashes().starts_with("'sha256-"),
                "{preamble:?}"
            );
        }
        false => assert_eq!(with_nonce, "", "no preamble in production"),
    }
}

/// The templates `files`, written into a new directory `name` and "embedded"
/// as `vite_templates!` embeds them.
fn templates_in(
    name: &str,
    files: &[(&'static str, &'static str)],
) -> &'static vite_asset::Templates {
    let dir = std::env::temp_dir().join(format!("vite-asset-{name}-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap();
    for (file, source) in files {
        std::fs::write(dir.join(file), source).unwrap();
    }
    let dir: &'static str = Box::leak(dir.to_str().unwrap().to_owned().into_boxed_str());
    let files: &'static [(&str, &str)] = Box::leak(files.to_vec().into_boxed_slice());
    Box::leak(Box::new(vite_asset::__private::templates(dir, files)))
}

/// Replaces `from` by `to` in the template `file` of `templates`, on disk.
fn edit(templates: &vite_asset::Templates, file: &str, from: &str, to: &str) {
    let path = templates.dir().join(file);
    let text = std::fs::read_to_string(&path).unwrap();
    std::fs::write(&path, text.replace(from, to)).unwrap();
}

/// `minijinja::environment` and `tera::Pages` render the templates as they were
/// embedded in production, whatever the directory holds now; in `dev` they read
/// the directory, and a template saved while the program runs shows at its
/// next render. A template that does not parse fails the set-up, naming it.
#[test]
fn the_engines_render_the_embedded_templates_and_in_dev_the_files_on_disk() {
    let minijinja = templates_in(
        "minijinja-pages",
        &[(
            "page.html",
            r#"<img src="{{ vite_asset("logo.svg") }}"> embedded"#,
        )],
    );
    let tera = templates_in(
        "tera-pages",
        &[(
            "page.html",
            r#"<img src="{{ vite_asset(name="logo.svg") }}"> embedded"#,
        )],
    );
    let env = vite_asset::minijinja::environment(minijinja, MANIFEST).unwrap();
    let pages = vite_asset::tera::Pages::new(tera, MANIFEST).unwrap();
    let logo = MANIFEST.url("logo.svg").unwrap();
    let render = || {
        let by_minijinja = env.get_template("page.html").unwrap().render(()).unwrap();
        let by_tera = pages.render("page.html", &tera::Context::new()).unwrap();
        (by_minijinja, by_tera)
    };
    let expected = |word: &str| format!(r#"<img src="{logo}"> {word}"#);
    assert_eq!(render(), (expected("embedded"), expected("embedded")));

    // Saved while the program runs (a second later, so that the time stamp moves).
    std::thread::sleep(std::time::Duration::from_millis(1100));
    edit(minijinja, "page.html", "embedded", "edited");
    edit(tera, "page.html", "embedded", "edited");
    let shown = if vite_asset::DEV {
        "edited"
    } else {
        "embedded"
    };
    assert_eq!(render(), (expected(shown), expected(shown)));

    let broken = templates_in("broken-pages", &[("broken.html", "<p>\n{% if %}")]);
    let error = vite_asset::minijinja::environment(broken, MANIFEST).unwrap_err();
    assert!(format!("{error:#}").contains("broken.html:2"), "{error:#}");
    let error = vite_asset::tera::Pages::new(broken, MANIFEST).unwrap_err();
    let cause = std::error::Error::source(&error).map(ToString::to_string);
    assert!(
        error.to_string().contains("broken.html")
            && cause.is_some_and(|cause| cause.contains("2:")),
        "{error:?}"
    );
    for templates in [minijinja, tera, broken] {
        std::fs::remove_dir_all(templates.dir()).unwrap();
    }
}

/// A mistake in a template fails the render with vite-asset's error as the
/// source of the engine's: the message with its fix, and a kind a program can
/// match on.
#[test]
#[cfg_attr(
    feature = "dev",
    ignore = "names checked against the manifest: run without the dev feature"
)]
fn the_engines_errors_have_ours_as_their_source() {
    use std::error::Error as _;
    use vite_asset::{AssetError, AssetErrorKind};

    fn ours<'e>(error: &'e (dyn std::error::Error + 'static)) -> Option<&'e AssetError> {
        let mut cause = Some(error);
        while let Some(error) = cause {
            if let Some(ours) = error.downcast_ref::<AssetError>() {
                return Some(ours);
            }
            cause = error.source();
        }
        None
    }
    let cases = [
        (
            "vite_asset(\"scrpt.ts\")",
            "vite_asset(name=\"scrpt.ts\")",
            AssetErrorKind::NotInManifest,
        ),
        (
            "vite_tags(\"logo.svg\")",
            "vite_tags(name=\"logo.svg\")",
            AssetErrorKind::NotAnEntry,
        ),
        (
            "vite_tags(\"main.ts\", \"main.ts\")",
            "vite_tags(names=[\"main.ts\", \"main.ts\"])",
            AssetErrorKind::BadNames,
        ),
        (
            "vite_asset(\"main.ts\", build=\"admin\")",
            "vite_asset(name=\"main.ts\", build=\"admin\")",
            AssetErrorKind::UnknownBuild,
        ),
    ];
    for (minijinja_call, tera_call, kind) in cases {
        let env = minijinja_env();
        let error = env
            .render_str(&format!("<p>\n{{{{ {minijinja_call} }}}}"), ())
            .unwrap_err();
        let asset_error = ours(&error).unwrap_or_else(|| panic!("{minijinja_call}: {error:#}"));
        assert_eq!(asset_error.kind(), kind, "{minijinja_call}");
        let shown = format!("{error:#}");
        assert!(shown.contains(&asset_error.to_string()), "{shown}");
        assert!(
            shown.contains("(in <string>:2)"),
            "minijinja names the line: {shown}"
        );

        let mut tera = tera_engine();
        tera.add_raw_template("page.html", &format!("{{{{ {tera_call} }}}}"))
            .unwrap();
        let error = tera.render("page.html", &tera::Context::new()).unwrap_err();
        let asset_error = ours(&error).unwrap_or_else(|| panic!("{tera_call}: {error:?}"));
        assert_eq!(asset_error.kind(), kind, "{tera_call}");
        let mut chain = vec![error.to_string()];
        let mut cause = error.source();
        while let Some(error) = cause {
            chain.push(error.to_string());
            cause = error.source();
        }
        assert_eq!(chain[0], "Failed to render 'page.html'", "{chain:#?}");
        assert_eq!(
            chain[chain.len() - 2],
            format!("vite-asset: {kind}"),
            "{chain:#?}"
        );
        assert_eq!(
            chain[chain.len() - 1],
            asset_error.to_string(),
            "{chain:#?}"
        );
    }
}

/// The run-time preloads are what `vite_preload!` writes, with the same `Link`
/// header; a wrong name is an error in both modes.
#[test]
fn preloads_are_what_the_macro_writes() {
    let preloads = MANIFEST.preloads(&["logo.svg", "main.ts"]).unwrap();
    let written = vite_asset::vite_preload!("logo.svg", "main.ts");
    assert_eq!(preloads.as_str(), written.as_str());
    assert_eq!(preloads.link_header(), written.link_header());
    assert_eq!(
        preloads.with_nonce("n0nce").to_string(),
        written.with_nonce("n0nce").to_string()
    );
    if !vite_asset::DEV {
        assert!(preloads
            .as_str()
            .contains("rel=\"preload\" as=\"image\" type=\"image/svg+xml\""));
        assert!(preloads.as_str().contains("rel=\"modulepreload\""));
    }
    let error = MANIFEST.preloads(&["logo.svg", "lgo.svg"]).unwrap_err();
    let kind = match vite_asset::DEV {
        true => vite_asset::AssetErrorKind::NotASource,
        false => vite_asset::AssetErrorKind::NotInManifest,
    };
    assert_eq!(error.kind(), kind, "{error}");
    assert!(error.to_string().contains("`lgo.svg`"), "{error}");
}

/// A `vite_content` whose name the template check did not see as a literal
/// has no contents in the binary: the render fails and says so, with the fix;
/// a name that is not in the manifest says that instead.
#[test]
#[cfg_attr(
    feature = "dev",
    ignore = "production: under dev the contents are read from the last build"
)]
fn contents_that_the_check_did_not_compile_in_fail_the_render() {
    let templates = templates_in(
        "content-not-compiled-in",
        &[
            (
                "page.html",
                r#"{% set name = "theme.css" %}<style>{{ vite_content(name) }}</style>"#,
            ),
            (
                "typo.html",
                r#"<style>{{ vite_content("thme.css") }}</style>"#,
            ),
        ],
    );
    let env = vite_asset::minijinja::environment(templates, MANIFEST).unwrap();
    let error = env
        .get_template("page.html")
        .unwrap()
        .render(())
        .unwrap_err();
    let error = format!("{error:#}");
    assert!(
        error.contains("the contents of `theme.css` are not in the binary"),
        "{error}"
    );
    assert!(
        error.contains("as a string literal in a template"),
        "{error}"
    );
    let error = env
        .get_template("typo.html")
        .unwrap()
        .render(())
        .unwrap_err();
    let error = format!("{error:#}");
    assert!(error.contains("did you mean `theme.css`?"), "{error}");

    let pages = vite_asset::tera::Pages::new(
        templates_in(
            "content-not-compiled-in-tera",
            &[(
                "page.html",
                r#"<style>{{ vite_content(name=css) }}</style>"#,
            )],
        ),
        MANIFEST,
    )
    .unwrap();
    let mut context = tera::Context::new();
    context.insert("css", "theme.css");
    let error = pages.render("page.html", &context).unwrap_err();
    let error = vite_asset::tera::full_message(&error);
    assert!(
        error.contains("the contents of `theme.css` are not in the binary"),
        "{error}"
    );
}

/// `register` alone has no templates, so no contents: `vite_content` fails the
/// render and names the set-up that has them.
#[test]
fn vite_content_without_the_templates_names_the_set_up_that_has_them() {
    let minijinja = minijinja_render(r#"{{ vite_content("theme.css") }}"#).unwrap_err();
    assert!(
        minijinja.contains("minijinja::environment(templates, manifests)"),
        "{minijinja}"
    );
    let tera = tera_render(r#"{{ vite_content(name="theme.css") }}"#).unwrap_err();
    assert!(
        tera.contains("tera::Pages::new(templates, manifests)"),
        "{tera}"
    );
}
