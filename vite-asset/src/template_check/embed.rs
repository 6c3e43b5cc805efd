//! What the check leaves for `vite_templates!`: the checked templates, as an
//! expression that `include_str!`s each one, and the contents that their
//! `vite_content` calls name.

use std::path::{Path, PathBuf};

use vite_asset_core::content::BuiltText;
use vite_asset_core::{embedded_templates, Diagnostic};

/// Writes, for `vite_templates!`, the expression of the checked templates of
/// `dir` (`relative` as `build.rs` names it): each one's name and an
/// `include_str!` of its file, so that the binary holds them; and each
/// `vite_content` call's build, name and contents, as the check read them.
pub(super) fn write_embedded(
    out_dir: &Path,
    relative: &Path,
    dir: &Path,
    templates: &[PathBuf],
    contents: &[(Option<String>, String, BuiltText)],
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
         ::vite_asset::__private::templates_with_contents({dir_text:?}, &[\n"
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
    code.push_str("], &[\n");
    let mut written = Vec::new();
    for (build, name, text) in contents {
        if written.contains(&(build, name)) {
            continue;
        }
        written.push((build, name));
        let build = match build {
            Some(build) => format!("::core::option::Option::Some({build:?})"),
            None => "::core::option::Option::None".to_owned(),
        };
        // Debug-formatted strings are Rust string literals.
        code.push_str(&format!(
            "    ({build}, {name:?}, ::vite_asset::__private::content({:?}, {:?})),\n",
            text.text, text.csp_hash
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
