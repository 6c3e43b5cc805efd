//! The build-time check of run-time templates, on the broken and passing
//! template directories in tests/template-check, each with the check's
//! committed output beside it (`typo/` and `typo.expected`). `UPDATE_EXPECTED=1` rewrites
//! those files; review the diff before committing it.

use std::path::{Path, PathBuf};

use vite_asset::build::TemplateCheck;

fn cases(engine: &str) -> Vec<PathBuf> {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("../tests/template-check")
        .join(engine);
    let mut cases: Vec<PathBuf> = std::fs::read_dir(&dir)
        .unwrap()
        .map(|entry| entry.unwrap().path())
        .filter(|path| path.is_dir())
        .collect();
    cases.sort();
    assert!(cases.len() >= 5, "{cases:?}");
    cases
}

/// The check's output for the templates in `case`, as a build shows it.
fn outcome(check: TemplateCheck) -> String {
    match check.try_run() {
        Ok(checked) => {
            let mut text = format!(
                "ok: {} templates, {} names checked\n",
                checked.templates, checked.names
            );
            for call in checked.unchecked {
                text.push_str(&format!("unchecked: {call}\n"));
            }
            text
        }
        Err(errors) => {
            let shown = errors.to_string();
            for (path, error) in errors.iter() {
                let one = format!("error: {}: {error}", path.display());
                assert!(
                    shown.contains(&one),
                    "each mistake is in the message: {one}"
                );
            }
            // Paths of this machine, as the compile-error tests show them.
            format!("{shown}\n").replace(env!("CARGO_MANIFEST_DIR"), "$DIR")
        }
    }
}

fn assert_expected(case: &Path, actual: &str) {
    let path = case.with_extension("expected");
    if std::env::var_os("UPDATE_EXPECTED").is_some() {
        std::fs::write(&path, actual).unwrap();
        return;
    }
    let expected = std::fs::read_to_string(&path).unwrap_or_else(|error| {
        panic!(
            "{}: {error}; run with UPDATE_EXPECTED=1 and review",
            path.display()
        )
    });
    assert_eq!(
        actual,
        expected,
        "{} differs from the check's output",
        path.display()
    );
}

fn relative(case: &Path) -> String {
    format!(
        "../tests/template-check/{}/{}",
        case.parent()
            .unwrap()
            .file_name()
            .unwrap()
            .to_string_lossy(),
        case.file_name().unwrap().to_string_lossy()
    )
}

/// Runs the check on every case of `engine`, made by `check`, against its expected output.
fn check_every_case(engine: &str, check: fn(String) -> TemplateCheck) {
    for case in cases(engine) {
        let actual = outcome(check(relative(&case)));
        let passes = case.ends_with("pass");
        assert_eq!(
            actual.starts_with("ok:"),
            passes,
            "{}: {actual}",
            case.display()
        );
        assert_expected(&case, &actual);
    }
}

#[test]
fn minijinja_templates() {
    check_every_case("minijinja", TemplateCheck::minijinja);
}

#[test]
fn tera_templates() {
    check_every_case("tera", TemplateCheck::tera);
}

#[test]
fn a_directory_that_is_not_there_is_an_error_not_an_empty_check() {
    let error = TemplateCheck::minijinja("../tests/template-chekc")
        .try_run()
        .unwrap_err()
        .to_string();
    assert!(
        error.contains("the templates directory `../tests/template-chekc` does not exist"),
        "{error}"
    );
}
