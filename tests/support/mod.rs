//! Helpers shared by the integration tests.
#![allow(dead_code)]

use std::path::{Path, PathBuf};

/// The variables through which the macros read their configuration.
pub use vite_asset_core::config::OVERRIDE_ENV as CONFIG_ENV;

/// The workspace's root: the directory of the package under test (the root
/// package's tests), or the nearest one above it with the workspace's lock file
/// (tests/ui's).
pub fn workspace() -> &'static Path {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .ancestors()
        .find(|dir| dir.join("Cargo.lock").is_file())
        .expect("the workspace's Cargo.lock")
}

/// The manifest of a real Vite build committed under tests/fixtures/.
pub fn fixture_manifest(version: &str) -> PathBuf {
    workspace()
        .join("tests/fixtures")
        .join(version)
        .join("manifest.json")
}

/// Gives `command` exactly `vars` as the macros' configuration environment: every
/// other configuration variable of this process (or the developer's shell), a
/// named build's (`VITEASSET_ADMIN_BASE`) included, is removed.
pub fn set_config_env(command: &mut std::process::Command, vars: &[(&str, &str)]) {
    for name in CONFIG_ENV {
        command.env_remove(name);
    }
    for (name, _) in std::env::vars_os() {
        let prefixed = name
            .to_str()
            .is_some_and(|name| name.starts_with(vite_asset_core::config::ENV_PREFIX));
        if prefixed {
            command.env_remove(name);
        }
    }
    command.envs(vars.iter().copied());
}

/// The README's section that starts with `## {heading}`, up to the next `## `.
pub fn readme_section(heading: &str) -> String {
    let readme = std::fs::read_to_string(workspace().join("README.md")).unwrap();
    readme
        .split("\n## ")
        .find(|section| section.starts_with(heading))
        .unwrap_or_else(|| panic!("the README has no section `## {heading}`"))
        .to_owned()
}

/// The code blocks of a README `text`, in order: each block's language and text.
pub fn code_blocks(text: &str) -> Vec<(String, String)> {
    text.split("```")
        .skip(1)
        .step_by(2)
        .map(|block| {
            let (language, text) = block.split_once('\n').unwrap();
            (language.to_owned(), text.to_owned())
        })
        .collect()
}

/// The files that a README `text` gives whole: each code block that follows a
/// line of its own "**`path`**", as the path and the block's text.
pub fn readme_files(text: &str) -> Vec<(String, String)> {
    let mut files = Vec::new();
    let mut rest = text;
    while let Some(start) = rest.find("\n**`") {
        let after = &rest[start + 4..];
        let (path, tail) = after
            .split_once("`**\n\n```")
            .expect("a code block after the path");
        let (_language, tail) = tail.split_once('\n').unwrap();
        let (body, tail) = tail.split_once("\n```\n").expect("the block's end");
        files.push((path.to_owned(), format!("{body}\n")));
        rest = tail;
    }
    files
}
