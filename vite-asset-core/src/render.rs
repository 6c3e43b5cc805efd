//! The tags of `vite_tags!`: from entry names to [`Html`], in production (the
//! manifest's import graph) and for the DevServer.

use crate::attributes::Attributes;
use crate::built_file::BuildOutput;
use crate::compose::{compose, TagOptions};
use crate::config::Config;
use crate::diagnostic::Diagnostic;
use crate::html::{FileTag, Html};
use crate::manifest::Manifest;
use crate::resolve;
use crate::walk;

/// Diagnostics about the names of one call, each with the index of the name it is about.
pub type ByName = Vec<(usize, Diagnostic)>;

/// The tags of the entries `names` in production: stylesheets, then the
/// entries' scripts, then module preloads, each file once (see [`walk::needed`]
/// for the order); with `integrity`, each tag carries its file's hash; with
/// `prefetch`, a `<link rel="prefetch">` for each file that the entries' lazy
/// imports load. Prefetches are not in the `Link` header: they are for later
/// navigations, not this page.
///
/// Every name that is not in the manifest is reported, each at its index.
pub fn production(
    config: &Config,
    manifest: &Manifest,
    output: &BuildOutput,
    names: &[&str],
    options: TagOptions,
) -> Result<Html, ByName> {
    let (integrity, prefetch) = options.resolved(config.integrity, config.prefetch);
    let mut entries = Vec::with_capacity(names.len());
    let mut unknown = Vec::new();
    for (index, name) in names.iter().enumerate() {
        match resolve::entry(manifest, name, config) {
            Ok(entry) => entries.push(entry),
            Err(diagnostic) => unknown.push((index, diagnostic)),
        }
    }
    if !unknown.is_empty() {
        return Err(unknown);
    }
    // A file's error concerns a file that any of the entries may need: it is shown at the first.
    let at_first = |diagnostic| vec![(0, diagnostic)];
    let needed = walk::needed(manifest, &entries).map_err(|error| vec![error])?;
    let mut prefetches = Vec::new();
    if prefetch {
        for entry in &entries {
            prefetches.extend(walk::prefetched_by(manifest, entry).map_err(at_first)?);
        }
    }
    let import_map = import_map(config, output).map_err(at_first)?;
    compose(
        import_map.as_written(),
        &needed,
        prefetches,
        &config.attributes.merged(&options.attributes),
        |html, file, tag| {
            let integrity = match integrity && tag != FileTag::Prefetch {
                true => Some(output.integrity(config, manifest, file).map_err(at_first)?),
                false => {
                    output
                        .built_file(config, manifest, file)
                        .map_err(at_first)?;
                    None
                }
            };
            html.file(tag, &resolve::file_url(config, file), integrity.as_deref());
            Ok(())
        },
    )
}

/// The tag of Vite 8's import map (`build.chunkImportMap`), with its CSP hash,
/// its URLs under the crate's `base`; no tag for a build without one.
pub fn import_map(config: &Config, output: &BuildOutput) -> Result<Html, Diagnostic> {
    let mut html = Html::default();
    if let Some(map) = output.import_map(config)? {
        let body = html.import_map(&map);
        html.script_hashes.push(crate::integrity::csp_hash(&body));
    }
    Ok(html)
}

/// The preloads of the assets `names`, which the first screen needs before the
/// page's scripts would ask for them: `<link rel="preload">` with the `as`
/// and `type` of each (an image, a font, a stylesheet), `modulepreload` for a
/// script; and the same in the `Link` header. Each name must be a key of the
/// manifest, and the file must be built. Nothing in development, where the
/// DevServer serves the sources.
pub fn preloads(
    config: &Config,
    manifest: &Manifest,
    output: &BuildOutput,
    names: &[&str],
) -> Result<Html, ByName> {
    let mut html = Html::default();
    let mut errors = Vec::new();
    for (index, name) in names.iter().enumerate() {
        let built = resolve::entry(manifest, name, config).and_then(|entry| {
            output.built_file(config, manifest, &entry.chunk.file)?;
            Ok(entry.chunk.file.as_str())
        });
        let file = match built {
            Ok(file) => file,
            Err(diagnostic) => {
                errors.push((index, diagnostic));
                continue;
            }
        };
        let url = resolve::file_url(config, file);
        match preload_of(file) {
            Some((destination, mime_type)) => html.preload_file(&url, destination, &mime_type),
            None => errors.push((index, crate::suggest::not_preloadable(name, file))),
        }
    }
    match errors.is_empty() {
        true => Ok(html),
        false => Err(errors),
    }
}

/// The `as` and the MIME type of a preload of the built `file`, from its
/// extension; `None` for a file that a browser cannot preload.
pub fn preload_of(file: &str) -> Option<(&'static str, String)> {
    let destination = preload_destination(file)?;
    let mime_type = crate::built_file::content_type(file);
    let mime_type = mime_type.split(';').next().unwrap_or(&mime_type).to_owned();
    Some((destination, mime_type))
}

/// The `as` of a preload of `file`, from its extension.
fn preload_destination(file: &str) -> Option<&'static str> {
    let extension = file.rsplit_once('.')?.1.to_ascii_lowercase();
    Some(match extension.as_str() {
        "png" | "jpg" | "jpeg" | "gif" | "webp" | "avif" | "svg" | "ico" => "image",
        "woff2" | "woff" | "ttf" | "otf" => "font",
        "css" => "style",
        "js" | "mjs" => "script",
        _ => return None,
    })
}

/// The tags of the entries `names` in development: Vite's client for hot
/// reloading, then each entry from the DevServer, with the attributes of a
/// script or a stylesheet as in production. With `root` configured, every
/// name that is not a source file is reported, each at its index.
pub fn development(
    config: &Config,
    names: &[&str],
    attributes: &Attributes,
) -> Result<Html, ByName> {
    let missing: ByName = names
        .iter()
        .enumerate()
        .filter_map(|(index, name)| {
            resolve::check_dev_source(config, name)
                .err()
                .map(|diagnostic| (index, diagnostic))
        })
        .collect();
    if !missing.is_empty() {
        return Err(missing);
    }
    let mut html = Html::default();
    html.module_script(&resolve::dev_url(config, "@vite/client"), None, false);
    let attributes = config.attributes.merged(attributes);
    let (stylesheet, script) = (
        attributes.written(FileTag::Stylesheet),
        attributes.written(FileTag::Script),
    );
    for name in names {
        let url = resolve::dev_url(config, name);
        if is_stylesheet_source(name) {
            html.with_attributes(&stylesheet, |html| html.stylesheet(&url, None, false));
        } else {
            html.with_attributes(&script, |html| html.module_script(&url, None, false));
        }
    }
    Ok(html)
}

/// The preamble that `@vitejs/plugin-react` needs for React Fast Refresh, from
/// the DevServer of `config`.
pub fn react_refresh_preamble(config: &Config) -> Html {
    let url = resolve::dev_url(config, "@react-refresh");
    // A JSON string is a JavaScript string; `<` escaped so that no `</script>` can end the element.
    let url = serde_json::Value::String(url)
        .to_string()
        .replace('<', "\\u003c");
    let body = format!(
        "\nimport RefreshRuntime from {url};\n\
         RefreshRuntime.injectIntoGlobalHook(window);\n\
         window.$RefreshReg$ = () => {{}};\n\
         window.$RefreshSig$ = () => (type) => type;\n\
         window.__vite_plugin_react_preamble_installed__ = true;\n"
    );
    let mut html = Html::default();
    html.inline_module_script(&body);
    html.script_hashes.push(crate::integrity::csp_hash(&body));
    html
}

/// Whether the DevServer serves the source file `name` as CSS (Sass, Less, … compiled).
pub(crate) fn is_stylesheet_source(name: &str) -> bool {
    const CSS_LANGUAGES: [&str; 9] = [
        "css", "scss", "sass", "less", "styl", "stylus", "pcss", "postcss", "sss",
    ];
    let path = name.split(['?', '#']).next().unwrap_or(name);
    path.rsplit_once('.')
        .is_some_and(|(_, extension)| CSS_LANGUAGES.contains(&extension))
}

/// Golden tests: the tags for the manifests of real Vite builds (Vite 5 and
/// Vite 8) of tests/frontend, compared with the reviewed HTML committed in
/// tests/golden. `UPDATE_GOLDEN=1 cargo test -p vite-asset-core` rewrites the
/// files; review the diff before committing it. The files do not only check
/// this writer against itself: tests/harness/tests/golden_guide.rs checks them
/// against a walk of Vite's backend guide written apart.
#[cfg(test)]
mod tests {
    use super::*;
    use std::path::{Path, PathBuf};

    const FIXTURES: [&str; 2] = ["vite5", "vite8"];

    fn plain() -> TagOptions {
        TagOptions::default()
    }

    fn integrity(on: bool) -> TagOptions {
        TagOptions {
            integrity: Some(on),
            ..plain()
        }
    }

    fn prefetch() -> TagOptions {
        TagOptions {
            prefetch: Some(true),
            ..plain()
        }
    }

    /// What a Turbo app with a print stylesheet writes: every script and
    /// stylesheet tracked, the stylesheets for print, the entry's script first.
    const ATTRIBUTES: [(&str, &str, Option<&str>); 4] = [
        ("script", "data-turbo-track", Some("reload")),
        ("script", "fetchpriority", Some("high")),
        ("stylesheet", "data-turbo-track", Some("reload")),
        ("stylesheet", "media", Some("print")),
    ];

    fn attributes() -> TagOptions {
        let mut options = plain();
        for (target, name, value) in ATTRIBUTES {
            options.attributes.add(target, name, value).unwrap();
        }
        options
    }

    /// A name for its golden file, the entries, and the options.
    type Case = (&'static str, &'static [&'static str], fn() -> TagOptions);

    const CASES: [Case; 9] = [
        ("main", &["main.ts"], plain),
        ("admin", &["admin.ts"], plain),
        ("main+admin", &["main.ts", "admin.ts"], plain),
        ("report", &["report.ts"], plain),
        ("theme", &["theme.css"], plain),
        ("tutorial", &["styles.scss", "script.ts"], plain),
        ("main-integrity", &["main.ts"], || integrity(true)),
        ("main-prefetch", &["main.ts"], prefetch),
        ("main-attrs", &["main.ts"], attributes),
    ];

    #[test]
    fn every_unknown_name_is_reported_at_its_index() {
        let repository = repository();
        let manifest_path = repository.join("tests/fixtures/vite5/manifest.json");
        let manifest = Manifest::load(&manifest_path).unwrap();
        let config = Config::with_defaults(&repository).with_base("/assets/");
        let output = BuildOutput::new(&config.out_dir(&manifest_path));
        let errors = production(
            &config,
            &manifest,
            &output,
            &["mian.ts", "admin.ts", "adimn.ts"],
            plain(),
        )
        .unwrap_err();
        let reported: Vec<(usize, bool)> = errors
            .iter()
            .map(|(index, diagnostic)| (*index, diagnostic.to_string().contains("did you mean")))
            .collect();
        assert_eq!(reported, [(0, true), (2, true)]);
    }

    fn repository() -> PathBuf {
        Path::new(env!("CARGO_MANIFEST_DIR")).join("..")
    }

    fn render(fixture: &str, names: &[&str], options: TagOptions) -> Result<String, String> {
        let repository = repository();
        let manifest_path = repository
            .join("tests/fixtures")
            .join(fixture)
            .join("manifest.json");
        let manifest = Manifest::load(&manifest_path).map_err(|error| error.to_string())?;
        let config = Config::with_defaults(&repository).with_base("/assets/");
        let output = BuildOutput::new(&config.out_dir(&manifest_path));
        production(&config, &manifest, &output, names, options)
            .map(|html| html.text)
            .map_err(|errors| errors[0].1.to_string())
    }

    /// Compares `actual` with the golden file, or rewrites it under `UPDATE_GOLDEN=1`.
    fn assert_golden(relative: &str, actual: &str) {
        let path = repository().join("tests/golden").join(relative);
        if std::env::var_os("UPDATE_GOLDEN").is_some() {
            std::fs::create_dir_all(path.parent().unwrap()).unwrap();
            std::fs::write(&path, format!("{actual}\n")).unwrap();
            return;
        }
        let expected = std::fs::read_to_string(&path).unwrap_or_else(|error| {
            panic!(
                "{}: {error}; run with UPDATE_GOLDEN=1 and review",
                path.display()
            )
        });
        assert_eq!(
            actual,
            expected.trim_end_matches('\n'),
            "{relative} differs from the reviewed HTML"
        );
    }

    /// The URLs in `html`'s `href`/`src` attributes, in order.
    fn urls(html: &str) -> Vec<&str> {
        html.lines()
            .filter_map(|line| {
                let start = line.find(" href=\"").or_else(|| line.find(" src=\""))?;
                let value = &line[start..];
                let value = &value[value.find('"')? + 1..];
                Some(&value[..value.find('"')?])
            })
            .collect()
    }

    fn lines_with<'h>(html: &'h str, needle: &str) -> Vec<&'h str> {
        html.lines().filter(|line| line.contains(needle)).collect()
    }

    #[test]
    fn tags_match_the_reviewed_html() {
        for fixture in FIXTURES {
            for (case, names, options) in CASES {
                let html = render(fixture, names, options()).unwrap();
                assert_golden(&format!("{fixture}/{case}.html"), &html);
            }
        }
    }

    #[test]
    fn every_tag_links_to_a_file_that_the_build_wrote() {
        for fixture in FIXTURES {
            for (case, names, options) in CASES {
                let html = render(fixture, names, options()).unwrap();
                for url in urls(&html) {
                    let file = url.strip_prefix("/assets/").unwrap();
                    let path = repository().join("tests/fixtures").join(fixture).join(file);
                    assert!(path.is_file(), "{fixture} {case}: {url} was not built");
                }
            }
        }
    }

    #[test]
    fn a_js_entry_gets_the_css_of_its_whole_static_import_graph() {
        for fixture in FIXTURES {
            let html = render(fixture, &["main.ts"], plain()).unwrap();
            let stylesheets: Vec<&str> = lines_with(&html, "rel=\"stylesheet\"");
            // main → a → b and main → shared, each importing a CSS file of its own.
            let position = |name: &str| {
                stylesheets
                    .iter()
                    .position(|line| line.contains(&format!("/bundled/{name}-")))
                    .unwrap_or_else(|| panic!("{fixture}: no CSS of {name} in\n{html}"))
            };
            assert!(
                position("b") < position("a"),
                "{fixture}: a imports b, so b's CSS comes first and a's rules win the cascade"
            );
            assert!(
                position("a") < position("main") && position("shared") < position("main"),
                "{fixture}: the entry's own CSS is last, as in Vite's HTML output"
            );
            assert_eq!(
                stylesheets.len(),
                4,
                "{fixture}: b, a, shared and main\n{html}"
            );
            let script = html.find("<script").unwrap();
            assert!(
                html.rfind("rel=\"stylesheet\"").unwrap() < script
                    && script < html.find("rel=\"modulepreload\"").unwrap(),
                "{fixture}: stylesheets, then the script, then preloads\n{html}"
            );
        }
    }

    #[test]
    fn dynamic_imports_and_assets_are_not_in_the_tags() {
        for fixture in FIXTURES {
            let html = render(fixture, &["main.ts"], plain()).unwrap();
            assert!(
                !html.contains("lazy-"),
                "{fixture}: lazy.ts is only imported with import(): Vite fetches it and its CSS \
                 when the code runs, so neither is linked nor preloaded\n{html}"
            );
            assert!(
                !html.contains("logo-"),
                "{fixture}: the SVG is loaded by the CSS/JS that references it, not by a tag\n{html}"
            );
        }
    }

    #[test]
    fn entries_of_one_call_share_chunks_once() {
        for fixture in FIXTURES {
            let html = render(fixture, &["main.ts", "admin.ts"], plain()).unwrap();
            let all = urls(&html);
            let mut unique = all.clone();
            unique.sort_unstable();
            unique.dedup();
            assert_eq!(
                all.len(),
                unique.len(),
                "{fixture}: a URL is listed twice\n{html}"
            );
            // Both entries import the shared chunk and b.
            assert_eq!(
                lines_with(&html, "/bundled/shared-").len(),
                2,
                "{fixture}: its JS preload and its CSS, once each"
            );
            assert_eq!(
                lines_with(&html, "<script").len(),
                2,
                "{fixture}: one script per entry"
            );
        }
    }

    #[test]
    fn the_link_header_names_what_the_tags_link_with_the_same_attributes() {
        for fixture in FIXTURES {
            for with_integrity in [false, true] {
                let repository = repository();
                let manifest_path = repository
                    .join("tests/fixtures")
                    .join(fixture)
                    .join("manifest.json");
                let manifest = Manifest::load(&manifest_path).unwrap();
                let config = Config::with_defaults(&repository).with_base("/assets/");
                let output = BuildOutput::new(&config.out_dir(&manifest_path));
                let html = production(
                    &config,
                    &manifest,
                    &output,
                    &["main.ts"],
                    integrity(with_integrity),
                )
                .unwrap();
                let linked: Vec<&str> = urls(&html.text);
                let in_header: Vec<&str> = html
                    .link
                    .split(", ")
                    .map(|link| &link[1..link.find('>').unwrap()])
                    .collect();
                assert_eq!(
                    in_header, linked,
                    "{fixture}: every file, in the tags' order"
                );
                for (link, line) in html.link.split(", ").zip(html.text.lines()) {
                    assert!(link.contains("; crossorigin"), "{link}");
                    let kind = match line.contains("rel=\"stylesheet\"") {
                        true => "; rel=preload; as=style;",
                        false => "; rel=modulepreload;",
                    };
                    assert!(link.contains(kind), "{link} for {line}");
                    if let Some(at) = line.find(" integrity=\"") {
                        let value = &line[at + 12..];
                        let value = &value[..value.find('"').unwrap()];
                        assert!(
                            link.ends_with(&format!("; integrity=\"{value}\"")),
                            "{link}"
                        );
                    } else {
                        assert!(!link.contains("integrity"), "{link}");
                    }
                }
            }
        }
        let dev = development(
            &Config::with_defaults(Path::new("/app")),
            &["main.ts"],
            &Attributes::default(),
        )
        .unwrap();
        assert_eq!(dev.link, "", "no Link header in development");
    }

    /// The tags with attributes, checked against the reviewed tags without
    /// them, line by line, apart from the writer: each stylesheet and script
    /// ends with its attributes, each preload is as it was; the `Link` header
    /// carries `media` and `fetchpriority`, and nothing else of them.
    #[test]
    fn attributes_end_their_tags_and_reach_the_link_header_where_they_change_the_fetch() {
        for fixture in FIXTURES {
            let plain_golden = |case: &str| {
                std::fs::read_to_string(
                    repository().join(format!("tests/golden/{fixture}/{case}.html")),
                )
                .unwrap()
            };
            let (plain_html, with) = (plain_golden("main"), plain_golden("main-attrs"));
            let expected: Vec<String> = plain_html
                .lines()
                .map(|line| match line {
                    _ if line.starts_with("<link rel=\"stylesheet\"") => {
                        line.replace('>', " data-turbo-track=\"reload\" media=\"print\">")
                    }
                    _ if line.starts_with("<script") => line.replacen(
                        "></script>",
                        " data-turbo-track=\"reload\" fetchpriority=\"high\"></script>",
                        1,
                    ),
                    _ => line.to_owned(),
                })
                .collect();
            assert_eq!(with.lines().collect::<Vec<_>>(), expected, "{fixture}");

            let repository = repository();
            let manifest_path = repository.join(format!("tests/fixtures/{fixture}/manifest.json"));
            let manifest = Manifest::load(&manifest_path).unwrap();
            let config = Config::with_defaults(&repository).with_base("/assets/");
            let output = BuildOutput::new(&config.out_dir(&manifest_path));
            let html = production(&config, &manifest, &output, &["main.ts"], attributes()).unwrap();
            let plain_link = production(&config, &manifest, &output, &["main.ts"], plain())
                .unwrap()
                .link;
            let expected: Vec<String> = plain_link
                .split(", ")
                .map(|link| match link {
                    _ if link.contains("as=style") => format!("{link}; media=\"print\""),
                    _ if link.contains("/bundled/main-")
                        && link.ends_with(".js>; rel=modulepreload; crossorigin") =>
                    {
                        format!("{link}; fetchpriority=\"high\"")
                    }
                    _ => link.to_owned(),
                })
                .collect();
            assert_eq!(
                html.link.split(", ").collect::<Vec<_>>(),
                expected,
                "{fixture}"
            );
        }
    }

    #[test]
    fn the_build_s_attributes_are_under_the_call_s_in_production_and_in_development() {
        let repository = repository();
        let manifest_path = repository.join("tests/fixtures/vite5/manifest.json");
        let manifest = Manifest::load(&manifest_path).unwrap();
        let mut config = Config::with_defaults(&repository).with_base("/assets/");
        config
            .attributes
            .add("script", "data-turbo-track", Some("reload"))
            .unwrap();
        config
            .attributes
            .add("stylesheet", "media", Some("print"))
            .unwrap();
        let mut call = plain();
        call.attributes
            .add("stylesheet", "media", Some("screen"))
            .unwrap();
        let output = BuildOutput::new(&config.out_dir(&manifest_path));
        let html = production(
            &config,
            &manifest,
            &output,
            &["theme.css", "script.ts"],
            call.clone(),
        )
        .unwrap()
        .text;
        assert!(
            html.starts_with("<link rel=\"stylesheet\" crossorigin href=\"/assets/bundled/theme-"),
            "{html}"
        );
        assert_eq!(html.matches(" media=\"screen\">").count(), 1, "{html}");
        assert!(!html.contains("print"), "{html}");
        assert_eq!(
            html.matches(" data-turbo-track=\"reload\"></script>")
                .count(),
            1,
            "{html}"
        );

        let mut dev_config = Config::with_defaults(Path::new("/app")).with_base("/assets/");
        dev_config.attributes = config.attributes.clone();
        let dev = development(&dev_config, &["theme.css", "script.ts"], &call.attributes)
            .unwrap()
            .text;
        assert_eq!(
            dev,
            "<script type=\"module\" src=\"/assets/@vite/client\"></script>\n\
             <link rel=\"stylesheet\" href=\"/assets/theme.css\" media=\"screen\">\n\
             <script type=\"module\" src=\"/assets/script.ts\" data-turbo-track=\"reload\"></script>",
            "Vite's client is ours, and has none"
        );
    }

    #[test]
    fn a_css_entry_is_one_stylesheet_and_no_script() {
        for fixture in FIXTURES {
            let html = render(fixture, &["theme.css"], plain()).unwrap();
            assert_eq!(html.lines().count(), 1, "{fixture}\n{html}");
            assert!(html
                .starts_with("<link rel=\"stylesheet\" crossorigin href=\"/assets/bundled/theme-"));
        }
    }

    #[test]
    fn integrity_is_the_sha384_of_each_built_file() {
        for fixture in FIXTURES {
            let html = render(fixture, &["main.ts"], integrity(true)).unwrap();
            for line in html.lines() {
                let url = urls(line)[0];
                let file = repository()
                    .join("tests/fixtures")
                    .join(fixture)
                    .join(url.strip_prefix("/assets/").unwrap());
                let expected = format!(
                    "sha384-{}",
                    base64::Engine::encode(
                        &base64::engine::general_purpose::STANDARD,
                        <sha2::Sha384 as sha2::Digest>::digest(std::fs::read(&file).unwrap())
                    )
                );
                assert!(
                    line.ends_with(&format!(" integrity=\"{expected}\">"))
                        || line.ends_with(&format!(" integrity=\"{expected}\"></script>")),
                    "{fixture}: {line}"
                );
            }
        }
    }

    #[test]
    fn integrity_from_the_manifest_wins_and_a_missing_file_is_a_stale_build() {
        let dir = std::env::temp_dir().join(format!("vite-asset-render-{}", std::process::id()));
        std::fs::create_dir_all(dir.join("dist/.vite")).unwrap();
        let manifest_path = dir.join("dist/.vite/manifest.json");
        let manifest = Manifest::parse(
            &manifest_path,
            br#"{
                "main.ts": {"file": "main.js", "isEntry": true, "css": ["main.css"],
                            "integrity": "sha384-FROMPLUGIN"},
                "_main.css": {"file": "main.css", "integrity": "sha384-CSSFROMPLUGIN"},
                "gone.ts": {"file": "gone.js", "isEntry": true}
            }"#,
        )
        .unwrap();
        for built in ["main.js", "main.css"] {
            std::fs::write(dir.join("dist").join(built), "/* built */").unwrap();
        }
        let config = Config::with_defaults(&dir);
        let output = BuildOutput::new(&config.out_dir(&manifest_path));
        let html = production(&config, &manifest, &output, &["main.ts"], integrity(true)).unwrap();
        assert!(
            html.text
                .contains("href=\"/main.css\" integrity=\"sha384-CSSFROMPLUGIN\""),
            "{}",
            html.text
        );
        assert!(
            html.text
                .contains("src=\"/main.js\" integrity=\"sha384-FROMPLUGIN\""),
            "{}",
            html.text
        );

        let error =
            production(&config, &manifest, &output, &["gone.ts"], integrity(true)).unwrap_err();
        let message = error[0].1.to_string();
        assert!(
            message.contains("`gone.js` is listed in the Vite manifest"),
            "{message}"
        );
        assert!(
            message.contains("missing from the output directory `dist`"),
            "the output directory is the parent of .vite/: {message}"
        );
        assert!(message.contains("npm run build"), "{message}");
        let without_integrity =
            production(&config, &manifest, &output, &["gone.ts"], integrity(false)).unwrap_err();
        assert_eq!(
            without_integrity, error,
            "a stale build is an error with or without integrity"
        );
        std::fs::remove_dir_all(&dir).unwrap();
    }

    #[test]
    fn with_vite_8_s_chunk_import_map_the_import_map_comes_first() {
        let html = {
            let repository = repository();
            let manifest_path = repository.join("tests/fixtures/vite8-importmap/manifest.json");
            let manifest = Manifest::load(&manifest_path).unwrap();
            let config = Config::with_defaults(&repository).with_base("/assets/");
            let output = BuildOutput::new(&config.out_dir(&manifest_path));
            production(&config, &manifest, &output, &["main.ts"], integrity(false)).unwrap()
        };
        assert_golden("vite8-importmap/main.html", &html.text);
        assert!(
            html.text
                .starts_with("<script type=\"importmap\">{\"imports\":{"),
            "{}",
            html.text
        );
        assert_eq!(
            html.text.matches("<script").count(),
            2,
            "the map, then the entry"
        );
        assert_eq!(
            &html.text[..html.nonce_at[0]],
            "<script",
            "the map takes a nonce too"
        );
        let body = html.text["<script type=\"importmap\">".len()..]
            .split("</script>")
            .next()
            .unwrap();
        assert_eq!(html.script_hashes, [crate::integrity::csp_hash(body)]);
        assert!(!html.link.contains("importmap"), "no file to fetch early");
    }

    #[test]
    fn a_cdn_base_moves_the_import_map_s_urls_with_the_tags() {
        let repository = repository();
        let manifest_path = repository.join("tests/fixtures/vite8-importmap/manifest.json");
        let manifest = Manifest::load(&manifest_path).unwrap();
        let tags = |base: &str| {
            let config = Config::with_defaults(&repository).with_base(base);
            let output = BuildOutput::new(&config.out_dir(&manifest_path));
            production(&config, &manifest, &output, &["main.ts"], integrity(false)).unwrap()
        };
        let cdn = "https://cdn.example.com/assets/";
        let html = tags(cdn);
        let body = html.text["<script type=\"importmap\">".len()..]
            .split("</script>")
            .next()
            .unwrap();
        let map: serde_json::Value = serde_json::from_str(body).unwrap();
        let imports = map["imports"].as_object().unwrap();
        assert!(imports.len() > 10, "{body}");
        for (specifier, url) in imports {
            assert!(specifier.starts_with(cdn), "{specifier}");
            assert!(url.as_str().unwrap().starts_with(cdn), "{url}");
        }
        assert!(
            html.text.contains(&format!("src=\"{cdn}bundled/main-")),
            "{}",
            html.text
        );
        assert_eq!(html.script_hashes, [crate::integrity::csp_hash(body)]);
        // The build's own base leaves the map as Vite wrote it.
        let vite_s = std::fs::read_to_string(
            repository.join("tests/fixtures/vite8-importmap/importmap.json"),
        )
        .unwrap();
        let vite_s: serde_json::Value = serde_json::from_str(&vite_s).unwrap();
        let same = tags("/assets/");
        assert!(same.text.contains(&vite_s.to_string()), "{}", same.text);
    }

    #[test]
    fn preloads_have_the_destination_and_type_of_their_file() {
        let dir = std::env::temp_dir().join(format!("vite-asset-preloads-{}", std::process::id()));
        for file in ["hero-1.png", "inter-1.woff2", "vendor-1.js", "data-1.txt"] {
            std::fs::create_dir_all(dir.join("assets")).unwrap();
            std::fs::write(dir.join("assets").join(file), "x").unwrap();
        }
        let manifest = Manifest::parse(
            &dir.join("manifest.json"),
            br#"{
                "hero.png": {"file": "assets/hero-1.png"},
                "inter.woff2": {"file": "assets/inter-1.woff2"},
                "_vendor.js": {"file": "assets/vendor-1.js"},
                "data.txt": {"file": "assets/data-1.txt"}
            }"#,
        )
        .unwrap();
        let config = Config::with_defaults(&dir).with_base("/assets/");
        let output = BuildOutput::new(&dir);
        let html = preloads(
            &config,
            &manifest,
            &output,
            &["hero.png", "inter.woff2", "_vendor.js"],
        )
        .unwrap();
        assert_eq!(
            html.text,
            "<link rel=\"preload\" as=\"image\" type=\"image/png\" href=\"/assets/assets/hero-1.png\">\n\
             <link rel=\"preload\" as=\"font\" type=\"font/woff2\" crossorigin href=\"/assets/assets/inter-1.woff2\">\n\
             <link rel=\"modulepreload\" crossorigin href=\"/assets/assets/vendor-1.js\">"
        );
        assert_eq!(
            html.link,
            "</assets/assets/hero-1.png>; rel=preload; as=image, \
             </assets/assets/inter-1.woff2>; rel=preload; as=font; crossorigin, \
             </assets/assets/vendor-1.js>; rel=modulepreload; crossorigin",
            "crossorigin where the element's request is CORS, not for the image"
        );
        let errors = preloads(&config, &manifest, &output, &["data.txt", "hreo.png"]).unwrap_err();
        let messages: Vec<String> = errors
            .iter()
            .map(|(index, error)| format!("{index}: {error}"))
            .collect();
        assert!(
            messages[0].starts_with(
                "0: `data.txt` is built to `assets/data-1.txt`, which a browser cannot preload"
            ),
            "{messages:?}"
        );
        assert!(
            messages[1].contains("did you mean `hero.png`?"),
            "{messages:?}"
        );
        std::fs::remove_dir_all(&dir).unwrap();
    }

    #[test]
    fn development_tags_are_the_client_then_each_entry_from_the_dev_server() {
        let config = Config::with_defaults(Path::new("/app")).with_base("/assets/");
        let html = development(
            &config,
            &["styles.scss", "script.ts"],
            &Attributes::default(),
        )
        .unwrap();
        assert_golden("dev/tutorial.html", &html.text);
        assert_eq!(html.text.matches("@vite/client").count(), 1);
    }
}
