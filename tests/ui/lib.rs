//! Nothing: the package is its UI tests (compile_errors.rs, dev_mode.rs), which
//! cargo requires a library or a binary beside.
