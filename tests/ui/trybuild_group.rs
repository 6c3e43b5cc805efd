//! The one way the UI tests run trybuild: a group of cases under exactly the
//! configuration environment it names.

use crate::support::CONFIG_ENV;

/// Runs a group of trybuild cases with exactly `vars` as the macros' configuration
/// environment (every other configuration variable removed), so that a group never
/// sees the configuration of another, nor the developer's shell.
///
/// The variables are process-wide, so every group of a test binary must run from
/// this one function, one after another, never from tests running in parallel.
pub fn trybuild_group(vars: &[(&str, &str)], cases: impl FnOnce(&trybuild::TestCases)) {
    for name in CONFIG_ENV {
        std::env::remove_var(name);
    }
    for (name, value) in vars {
        std::env::set_var(name, value);
    }
    let tests = trybuild::TestCases::new();
    cases(&tests);
    // Dropping the TestCases builds and checks the cases, with the variables above.
    drop(tests);
    for name in CONFIG_ENV {
        std::env::remove_var(name);
    }
}
