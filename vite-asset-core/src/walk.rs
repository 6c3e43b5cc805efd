//! The walk over the manifest's import graph: from the entries of one
//! `vite_tags!` call to every stylesheet, script and module preload they need,
//! each file once, in the order the page must list them.

use std::collections::HashSet;

use crate::diagnostic::Diagnostic;
use crate::manifest::{Chunk, Entry, EntryId, Manifest};
use crate::suggest::{not_an_entry, Caller};

/// The files one call's tags link to, each a path relative to Vite's output directory.
pub type Needed<'m> = crate::needed::Needed<&'m str>;

/// What kind of tag an entry's own file gets.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum EntryKind {
    /// JavaScript: `<script type="module">`.
    Script,
    /// CSS: `<link rel="stylesheet">`.
    Stylesheet,
}

/// Whether `file` (a built file) is loaded by a script tag, a stylesheet link, or neither.
pub fn entry_kind(file: &str) -> Option<EntryKind> {
    let extension = file.rsplit_once('.').map(|(_, extension)| extension)?;
    match extension {
        "js" | "mjs" => Some(EntryKind::Script),
        "css" => Some(EntryKind::Stylesheet),
        _ => None,
    }
}

/// The files that the entries `entries` need, each entry's as [`of_entry`]
/// finds them, [combined](crate::needed::Needed::combine); or the index in
/// `entries` of the entry whose walk failed, and why.
pub fn needed<'m>(
    manifest: &'m Manifest,
    entries: &[Entry<'m>],
) -> Result<Needed<'m>, (usize, Diagnostic)> {
    let each = entries
        .iter()
        .enumerate()
        .map(|(index, entry)| of_entry(manifest, entry).map_err(|diagnostic| (index, diagnostic)))
        .collect::<Result<Vec<_>, _>>()?;
    Ok(Needed::combine(each.iter().map(Needed::lists)))
}

/// The files that `entry` needs: the CSS of the chunks it imports statically,
/// then its own CSS (or its own file, for a CSS entry); its own file as a script;
/// and the files of the chunks it imports, as preloads.
///
/// CSS order follows Vite's own HTML output rather than the listing in Vite's
/// backend-integration guide: a chunk's CSS comes after the CSS of the chunks it
/// imports, so the entry's own CSS is last. That is the order in which the
/// browser applies the CSS when Vite serves the same modules in development, so a
/// rule in `main.css` overrides one in the `a.css` that it builds on, in both modes.
pub fn of_entry<'m>(manifest: &'m Manifest, entry: &Entry<'m>) -> Result<Needed<'m>, Diagnostic> {
    let Entry { id, key, chunk } = *entry;
    let mut needed = Needed::default();
    let mut files = HashSet::new();
    let imported = imported_chunks(manifest, id, &mut HashSet::from([id]))?;
    for imported in &imported {
        for css in &imported.css {
            push_once(&mut needed.stylesheets, &mut files, css);
        }
    }
    for css in &chunk.css {
        push_once(&mut needed.stylesheets, &mut files, css);
    }
    match entry_kind(&chunk.file) {
        Some(EntryKind::Stylesheet) => push_once(&mut needed.stylesheets, &mut files, &chunk.file),
        Some(EntryKind::Script) => push_once(&mut needed.scripts, &mut files, &chunk.file),
        None => return Err(not_an_entry(key, &chunk.file, Caller::Macro)),
    }
    // Preloads last: a chunk that imports the entry back is not preloaded before it runs.
    for imported in &imported {
        push_once(&mut needed.preloads, &mut files, &imported.file);
    }
    Ok(needed)
}

/// What `entry` may prefetch: every chunk reachable through a dynamic import
/// (`import("./lazy")`, a lazy route) from the entry or the chunks it imports,
/// breadth first, each with the chunks it imports and their CSS (the CSS
/// before the scripts, as the chunk's own tags would list them), minus what
/// the entry's own tags load.
///
/// A dynamic import whose key is not in the manifest is reported, as a static one is.
pub fn prefetched_by<'m>(
    manifest: &'m Manifest,
    entry: &Entry<'m>,
) -> Result<Vec<&'m str>, Diagnostic> {
    let own = of_entry(manifest, entry)?;
    let mut listed: HashSet<&str> = own.files().copied().collect();
    let mut queue: Vec<EntryId> = vec![entry.id];
    let mut statically: Vec<EntryId> = imported_ids(manifest, entry.id)?;
    statically.sort_unstable_by_key(|id| id.0);
    queue.extend(statically);
    let mut seen: HashSet<EntryId> = queue.iter().copied().collect();
    let mut lazy: Vec<EntryId> = Vec::new();
    let mut next = 0;
    while let Some(&id) = queue.get(next) {
        next += 1;
        for key in &manifest.chunk(id)?.dynamic_imports {
            let Some(Entry { id: imported, .. }) = manifest.entry(key)? else {
                return Err(missing_import(manifest, manifest.key(id), key));
            };
            if seen.insert(imported) {
                lazy.push(imported);
                queue.push(imported);
                // What a lazy chunk imports statically loads with it, and may import lazily too.
                let mut with_it = imported_ids(manifest, imported)?;
                with_it.sort_unstable_by_key(|id| id.0);
                for static_import in with_it {
                    if seen.insert(static_import) {
                        queue.push(static_import);
                    }
                }
            }
        }
    }
    let mut files = Vec::new();
    for id in lazy {
        let lazy_entry = Entry {
            id,
            key: manifest.key(id),
            chunk: manifest.chunk(id)?,
        };
        // A lazily imported asset that is neither JS nor CSS has no tag to prefetch it by.
        if entry_kind(&lazy_entry.chunk.file).is_none() {
            continue;
        }
        let of_chunk = of_entry(manifest, &lazy_entry)?;
        for file in of_chunk.files() {
            if listed.insert(file) {
                files.push(*file);
            }
        }
    }
    Ok(files)
}

/// The ids of every chunk that `id` imports statically, directly or not.
fn imported_ids(manifest: &Manifest, id: EntryId) -> Result<Vec<EntryId>, Diagnostic> {
    let mut seen = HashSet::from([id]);
    imported_chunks(manifest, id, &mut seen)?;
    seen.remove(&id);
    Ok(seen.into_iter().collect())
}

fn push_once<'m>(list: &mut Vec<&'m str>, listed: &mut HashSet<&'m str>, file: &'m str) {
    if listed.insert(file) {
        list.push(file);
    }
}

/// Every chunk that the entry `id` imports statically, directly or not, each
/// after the chunks it imports (depth-first, post-order), skipping the entries in
/// `seen`.
///
/// Iterative, so a long import chain cannot overflow the stack, and `seen`
/// makes it finish on import cycles, which ES modules allow between chunks.
fn imported_chunks<'m>(
    manifest: &'m Manifest,
    id: EntryId,
    seen: &mut HashSet<EntryId>,
) -> Result<Vec<&'m Chunk>, Diagnostic> {
    let mut found = Vec::new();
    // Each frame: an entry, and the index of its next import to visit.
    let mut stack: Vec<(EntryId, usize)> = vec![(id, 0)];
    while let Some(frame) = stack.last_mut() {
        let (importer, next) = *frame;
        frame.1 += 1;
        match manifest.imports(importer)?.get(next) {
            Some(&Some(imported)) => {
                // An import that is not a valid chunk is an error even when seen before.
                manifest.chunk(imported)?;
                if seen.insert(imported) {
                    stack.push((imported, 0));
                }
            }
            Some(None) => {
                let import = &manifest.chunk(importer)?.imports[next];
                return Err(missing_import(manifest, manifest.key(importer), import));
            }
            None => {
                stack.pop();
                if !stack.is_empty() {
                    found.push(manifest.chunk(importer)?);
                }
            }
        }
    }
    Ok(found)
}

fn missing_import(manifest: &Manifest, importer: &str, import: &str) -> Diagnostic {
    Diagnostic::new(format!(
        "the Vite manifest `{}` is inconsistent: `{importer}` imports `{import}`, which is not in it",
        manifest.path().display()
    ))
    .fix(
        "run the Vite build again (`npm run build`) so that it rewrites the manifest \
         and the files it lists together",
    )
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::path::Path;

    fn manifest(json: &str) -> Manifest {
        Manifest::parse(Path::new("manifest.json"), json.as_bytes()).unwrap()
    }

    fn needed_for<'m>(manifest: &'m Manifest, keys: &[&str]) -> Result<Needed<'m>, String> {
        let entries: Vec<_> = keys
            .iter()
            .map(|key| manifest.entry(key).unwrap().unwrap())
            .collect();
        needed(manifest, &entries).map_err(|(_, diagnostic)| diagnostic.to_string())
    }

    #[test]
    fn an_import_cycle_ends_and_lists_each_chunk_once() {
        let manifest = manifest(
            r#"{
                "main.ts": {"file": "main.js", "isEntry": true, "imports": ["_a.js"]},
                "_a.js": {"file": "a.js", "imports": ["_b.js"], "css": ["a.css"]},
                "_b.js": {"file": "b.js", "imports": ["_a.js", "main.ts"], "css": ["b.css"]}
            }"#,
        );
        let needed = needed_for(&manifest, &["main.ts"]).unwrap();
        assert_eq!(needed.stylesheets, ["b.css", "a.css"]);
        assert_eq!(needed.scripts, ["main.js"]);
        assert_eq!(
            needed.preloads,
            ["b.js", "a.js"],
            "the entry is a script, not a preload of itself"
        );
    }

    #[test]
    fn a_missing_import_is_an_error_naming_both_keys() {
        let manifest = manifest(
            r#"{"main.ts": {"file": "main.js", "isEntry": true, "imports": ["_gone.js"]}}"#,
        );
        let error = needed_for(&manifest, &["main.ts"]).unwrap_err();
        assert!(
            error.contains("`main.ts` imports `_gone.js`, which is not in it"),
            "{error}"
        );
        assert!(error.contains("npm run build"), "{error}");
    }

    #[test]
    fn a_chain_of_a_hundred_thousand_imports_does_not_overflow_the_stack() {
        let mut json = String::from(r#"{"main.ts": {"file": "main.js", "imports": ["_0.js"]}"#);
        for n in 0..100_000 {
            json.push_str(&format!(
                r#","_{n}.js": {{"file": "{n}.js", "imports": ["_{}.js"]}}"#,
                n + 1
            ));
        }
        json.push_str(r#","_100000.js": {"file": "end.js"}}"#);
        let manifest = manifest(&json);
        let needed = needed_for(&manifest, &["main.ts"]).unwrap();
        assert_eq!(needed.preloads.len(), 100_001);
        assert_eq!(
            needed.preloads[0], "end.js",
            "the deepest chunk comes first"
        );
    }

    #[test]
    fn prefetches_are_what_lazy_imports_load_minus_what_the_page_has() {
        let site = manifest(
            r#"{
                "main.ts": {"file": "main.js", "isEntry": true, "imports": ["_shared.js"], "dynamicImports": ["a.ts"]},
                "_shared.js": {"file": "shared.js", "css": ["shared.css"], "dynamicImports": ["b.ts"]},
                "a.ts": {"file": "a.js", "imports": ["_shared.js", "_vendor.js"], "css": ["a.css"], "dynamicImports": ["c.ts"]},
                "b.ts": {"file": "b.js", "imports": ["_vendor.js"]},
                "c.ts": {"file": "c.js"},
                "_vendor.js": {"file": "vendor.js"},
                "data.json": {"file": "data.txt"}
            }"#,
        );
        let entry = site.entry("main.ts").unwrap().unwrap();
        assert_eq!(
            prefetched_by(&site, &entry).unwrap(),
            ["a.css", "a.js", "vendor.js", "b.js", "c.js"],
            "reached from the entry (a), from its static import (b) and from a lazy chunk (c); \
             shared.js and its CSS are on the page already"
        );
        let gone = manifest(r#"{"main.ts": {"file": "main.js", "dynamicImports": ["gone.ts"]}}"#);
        let entry = gone.entry("main.ts").unwrap().unwrap();
        let error = prefetched_by(&gone, &entry).unwrap_err().to_string();
        assert!(
            error.contains("`main.ts` imports `gone.ts`, which is not in it"),
            "{error}"
        );
    }

    #[test]
    fn an_asset_is_not_an_entry() {
        let manifest = manifest(r#"{"logo.svg": {"file": "logo.svg"}}"#);
        let error = needed_for(&manifest, &["logo.svg"]).unwrap_err();
        assert!(error.contains("vite_asset!(\"logo.svg\")"), "{error}");
    }
}
