//! A built file's contents, to write into a page, an e-mail or a PDF as they
//! are (critical CSS in a `<style>`, an SVG inline): which file a name gives,
//! its text, and the hash that lets a strict Content-Security-Policy allow it.

use crate::built_file::BuildOutput;
use crate::config::Config;
use crate::diagnostic::Diagnostic;
use crate::manifest::Manifest;
use crate::{integrity, render, resolve};

/// The contents of one built file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct BuiltText {
    /// The built file, relative to the output directory.
    pub file: String,
    /// Its bytes, which are UTF-8.
    pub text: String,
    /// The Content-Security-Policy source of `text` as an inline element's
    /// body: `'sha256-…'`.
    pub csp_hash: String,
}

/// The contents of the file that the manifest key `name` is built to: a
/// stylesheet's CSS (never the JS stub that a CSS entry can resolve to since
/// Vite 7: its one CSS file then), a script's chunk, an asset's file.
///
/// Errors: a name that is not in the manifest, a file that is missing, one
/// that is not UTF-8 text, and one that would end the element it is written
/// into (`</style` in CSS, `</script` in JavaScript).
///
/// ```
/// # let dir = std::env::temp_dir().join(format!("vite-asset-content-doc-{}", std::process::id()));
/// # std::fs::create_dir_all(dir.join("assets")).unwrap();
/// use vite_asset_core::{content, BuildOutput, Config, Manifest};
///
/// std::fs::write(dir.join("assets/critical-1.css"), "h1{color:red}").unwrap();
/// // A CSS entry that JavaScript imports too, as Vite 7 lists it: a JS stub and its CSS.
/// let manifest = Manifest::parse(
///     &dir.join("manifest.json"),
///     br#"{"critical.css": {"file": "assets/critical-2.js", "css": ["assets/critical-1.css"], "isEntry": true}}"#,
/// )?;
/// let config = Config::with_defaults(&dir);
/// let css = content::of_file(&config, &manifest, &BuildOutput::new(&dir), "critical.css")?;
/// assert_eq!((css.file.as_str(), css.text.as_str()), ("assets/critical-1.css", "h1{color:red}"));
/// assert_eq!(css.csp_hash, vite_asset_core::integrity::csp_hash("h1{color:red}"));
/// # std::fs::remove_dir_all(&dir).unwrap();
/// # Ok::<(), vite_asset_core::Diagnostic>(())
/// ```
pub fn of_file(
    config: &Config,
    manifest: &Manifest,
    output: &BuildOutput,
    name: &str,
) -> Result<BuiltText, Diagnostic> {
    let entry = resolve::entry(manifest, name, config)?;
    let chunk = entry.chunk;
    let stylesheet = render::is_stylesheet_source(name) || chunk.file.ends_with(".css");
    let file = match (stylesheet, chunk.css.as_slice()) {
        (true, _) if chunk.file.ends_with(".css") => &chunk.file,
        (true, [css]) => css,
        (true, css) => {
            return Err(Diagnostic::new(format!(
                "`{name}` is a stylesheet, but its entry is built to `{}`, which lists {} CSS files, so there is no one CSS file to give",
                chunk.file,
                css.len()
            ))
            .note(format!("its CSS files: {}", css.iter().map(|file| format!("`{file}`")).collect::<Vec<_>>().join(", ")))
            .fix(format!(
                "give each stylesheet to write inline an entry point of its own in {}, and name that entry here",
                config.vite_config_shown()
            )))
        }
        (false, _) => &chunk.file,
    };
    let path = output.built_file(config, manifest, file)?;
    let bytes = std::fs::read(&path).map_err(|error| {
        Diagnostic::new(format!(
            "cannot read the built file `{}`: {error}",
            path.display()
        ))
    })?;
    let text = String::from_utf8(bytes).map_err(|error| {
        Diagnostic::new(format!(
            "`{name}` is built to `{file}`, which is not text (it is not UTF-8 at byte {}), so it cannot be written into a page",
            error.utf8_error().valid_up_to()
        ))
        .fix(format!("link it instead: `vite_asset!(\"{name}\")`"))
    })?;
    let element = match file.rsplit_once('.').map(|(_, extension)| extension) {
        Some("css") => Some("style"),
        Some("js" | "mjs") => Some("script"),
        _ => None,
    };
    if let Some(element) = element {
        let end = format!("</{element}");
        if text.to_ascii_lowercase().contains(&end) {
            return Err(Diagnostic::new(format!(
                "the built file `{file}` of `{name}` contains `{end}`, which would end the `<{element}>` it is written into and let the rest of it be read as HTML"
            ))
            .fix(format!("link it instead: `vite_asset!(\"{name}\")`, or remove `{end}` from its sources")));
        }
    }
    let csp_hash = integrity::csp_hash(&text);
    Ok(BuiltText {
        file: file.clone(),
        text,
        csp_hash,
    })
}
