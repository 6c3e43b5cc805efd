//! What the check leaves for `vite_templates!`: the checked templates, as an
//! expression that `include_str!`s each one.

use std::path::{Path, PathBuf};

use vite_asset_core::{embedded_templates, Diagnostic};

/// Writes, for `vite_templates!`, the expression of the checked templates of
/// `dir` (`relative` as `build.rs` names it): each one's name and an
/// `include_str!` of its file, so that the binary holds them.
pub(super) fn write_embedded(
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
         ::vite_asset::__private::templates({dir_text:?}, &[\n"
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
