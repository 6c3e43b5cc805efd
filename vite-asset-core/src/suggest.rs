//! "Did you mean": the closest names to a wrong one, and the diagnostics for a
//! name that is not in the manifest, written once for the macros' compile errors,
//! the template functions' render errors and the build script's template check.

use crate::diagnostic::Diagnostic;

/// How many entries a "not found" message lists before it says "and N more".
const LISTED_ENTRIES: usize = 12;

/// Who named the asset, so that a fix shows the call as the user writes it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Caller {
    /// `vite_asset!("…")` and `vite_tags!(…)`, in Rust or askama.
    Macro,
    /// `vite_asset("…")` and `vite_tags(…)` in a minijinja template.
    Minijinja,
    /// `vite_asset(name="…")` and `vite_tags(names=[…])` in a tera template.
    Tera,
}

impl Caller {
    /// The call that gives the tags of entries, as the user writes it.
    pub fn tags_call(self) -> &'static str {
        match self {
            Caller::Macro => "`vite_tags!`",
            Caller::Minijinja | Caller::Tera => "`vite_tags`",
        }
    }

    /// The call that gives the URL of `name`, as the user writes it.
    pub(crate) fn asset_call(self, name: &str) -> String {
        match self {
            Caller::Macro => format!("`vite_asset!(\"{name}\")`"),
            Caller::Minijinja => format!("`vite_asset(\"{name}\")`"),
            Caller::Tera => format!("`vite_asset(name=\"{name}\")`"),
        }
    }
}

/// What a "not in the manifest" diagnostic says about the build: everything but
/// the wrong name, known when the manifest is read.
#[derive(Debug, Clone, Copy)]
pub struct ManifestContext<'a> {
    /// The manifest, as shown to the user (relative to the crate).
    pub manifest: &'a str,
    /// The keys a user may write, sorted (the manifest's keys but Vite's `_` chunks).
    pub keys: &'a [&'a str],
    /// The entry points, in the manifest's order.
    pub entries: &'a [&'a str],
    /// The option of the user's Vite that lists the entries (`build.rollupOptions.input`).
    pub input_option: &'a str,
    /// The user's Vite config, as shown (`` `vite.config.js` ``).
    pub config_file: &'a str,
}

impl ManifestContext<'_> {
    /// The diagnostic for `name`, which is not in the manifest: the closest keys,
    /// the entry points, and how to add it.
    ///
    /// ```
    /// use vite_asset_core::suggest::ManifestContext;
    ///
    /// let context = ManifestContext {
    ///     manifest: "dist/.vite/manifest.json",
    ///     keys: &["admin.ts", "main.ts"],
    ///     entries: &["main.ts", "admin.ts"],
    ///     input_option: "`build.rollupOptions.input`",
    ///     config_file: "`vite.config.js`",
    /// };
    /// let error = context.not_in_manifest("mian.ts").to_string();
    /// assert!(error.starts_with("`mian.ts` is not in the Vite manifest `dist/.vite/manifest.json`"));
    /// assert!(error.contains("did you mean `main.ts`?"));
    /// ```
    pub fn not_in_manifest(&self, name: &str) -> Diagnostic {
        let mut diagnostic = Diagnostic::new(format!(
            "`{name}` is not in the Vite manifest `{}`",
            self.manifest
        ));
        if let Some(suggestions) = did_you_mean(name, self.keys.iter().copied()) {
            diagnostic = diagnostic.note(suggestions);
        }
        diagnostic = if self.entries.is_empty() {
            diagnostic.note("the manifest lists no entry points")
        } else {
            let shown: Vec<&str> = self.entries.iter().copied().take(LISTED_ENTRIES).collect();
            let mut listed = format!("its entry points: {}", quoted_list(&shown, ", "));
            if self.entries.len() > shown.len() {
                listed.push_str(&format!(" and {} more", self.entries.len() - shown.len()));
            }
            diagnostic.note(listed)
        };
        diagnostic.fix(format!(
            "names are paths relative to Vite's `root`, as the manifest's keys are; \
             if `{name}` is a file of yours, add it to {} in {} \
             and run the Vite build again (`npm run build`)",
            self.input_option, self.config_file
        ))
    }
}

/// The ids that the Vite DevServer serves itself, besides the source files:
/// Vite's client (hot module replacement) and `@vitejs/plugin-react`'s runtime.
pub const DEV_SERVER_IDS: [&str; 2] = ["@vite/client", "@react-refresh"];

/// The diagnostic for `name`, which starts with `@` but is none of [`DEV_SERVER_IDS`].
pub fn not_a_dev_server_id(name: &str) -> Diagnostic {
    let mut diagnostic = Diagnostic::new(format!(
        "`{name}` is not an id that the Vite DevServer serves, nor a file of the build"
    ));
    if let Some(suggestions) = did_you_mean(name, DEV_SERVER_IDS.into_iter()) {
        diagnostic = diagnostic.note(suggestions);
    }
    diagnostic.fix(
        "the ids are `@vite/client` (Vite's client, for hot module replacement) and \
         `@react-refresh` (the runtime of @vitejs/plugin-react, which `vite_react_refresh!()` \
         includes); for a file, write its path relative to Vite's `root`",
    )
}

/// The diagnostic for `name`, built to `file`, which a browser cannot preload.
pub fn not_preloadable(name: &str, file: &str) -> Diagnostic {
    Diagnostic::new(format!(
        "`{name}` is built to `{file}`, which a browser cannot preload: it is no image, font, stylesheet or script"
    ))
    .fix(format!(
        "preload what the first screen shows; for its URL, use `vite_asset!(\"{name}\")`"
    ))
}

/// The diagnostic for `key`, built to `file`, which is neither JS nor CSS and so
/// has no tags.
pub fn not_an_entry(key: &str, file: &str, caller: Caller) -> Diagnostic {
    Diagnostic::new(format!(
        "`{key}` is built to `{file}`, which is neither JavaScript nor CSS, so it has no tags"
    ))
    .fix(format!(
        "{} takes JS and CSS entries; for the URL of an asset such as an image, use {}",
        caller.tags_call(),
        caller.asset_call(key)
    ))
}

/// The note "did you mean `a` or `b`?" for the [`closest`] of `candidates`, if any is close.
pub(crate) fn did_you_mean<'a>(
    name: &str,
    candidates: impl Iterator<Item = &'a str>,
) -> Option<String> {
    let suggestions = closest(name, candidates);
    match suggestions.is_empty() {
        true => None,
        false => Some(format!(
            "did you mean {}?",
            quoted_list(&suggestions, " or ")
        )),
    }
}

/// Up to three names from `candidates` that `name` was probably meant to be:
/// the same file in another directory first, then close spellings.
///
/// ```
/// use vite_asset_core::suggest::closest;
///
/// let keys = ["main.ts", "admin.ts", "src/logo.svg"];
/// assert_eq!(closest("mian.ts", keys.into_iter()), ["main.ts"]);
/// assert_eq!(closest("logo.svg", keys.into_iter()), ["src/logo.svg"]);
/// ```
pub fn closest<'a>(name: &str, candidates: impl Iterator<Item = &'a str>) -> Vec<&'a str> {
    let wanted = name.trim_start_matches("./").trim_start_matches('/');
    let wanted_file = wanted.rsplit('/').next().unwrap_or(wanted);
    let mut scored: Vec<(u8, f64, &str)> = candidates
        .filter_map(|candidate| {
            let candidate_file = candidate.rsplit('/').next().unwrap_or(candidate);
            let similarity = strsim::normalized_damerau_levenshtein(wanted, candidate);
            if candidate == wanted || candidate_file == wanted_file {
                Some((0, -similarity, candidate))
            } else if similarity >= 0.7
                || strsim::normalized_damerau_levenshtein(wanted_file, candidate_file) >= 0.8
            {
                Some((1, -similarity, candidate))
            } else {
                None
            }
        })
        .collect();
    scored.sort_by(|a, b| a.0.cmp(&b.0).then(a.1.total_cmp(&b.1)).then(a.2.cmp(b.2)));
    scored
        .into_iter()
        .take(3)
        .map(|(_, _, candidate)| candidate)
        .collect()
}

/// `items`, each in backticks, joined by `separator`.
pub(crate) fn quoted_list(items: &[&str], separator: &str) -> String {
    items
        .iter()
        .map(|item| format!("`{item}`"))
        .collect::<Vec<_>>()
        .join(separator)
}
