//! Reloading the open pages when a server template changes: a directory polled
//! for changes, and a reload sent to each open page on the dev proxy's reload
//! events (see [`super::proxy::RELOADS`]).

use std::path::{Path, PathBuf};
use std::sync::OnceLock;
use std::time::{Duration, SystemTime};

use tokio::sync::broadcast;

/// How often a watched directory is looked at: a templates directory of tens of
/// files costs a few dozen `stat`s a time.
const POLL: Duration = Duration::from_millis(100);

fn channel() -> &'static broadcast::Sender<()> {
    static CHANNEL: OnceLock<broadcast::Sender<()>> = OnceLock::new();
    CHANNEL.get_or_init(|| broadcast::channel(16).0)
}

/// The reloads to send on one page's stream of reload events.
pub(crate) fn subscribe() -> broadcast::Receiver<()> {
    channel().subscribe()
}

/// Watches `dir` in a thread of its own: the open pages reload when a file
/// under it is added, removed or changed.
pub(crate) fn watch(dir: &Path) -> std::io::Result<()> {
    let dir = dir.canonicalize().map_err(|error| {
        std::io::Error::new(
            error.kind(),
            format!(
                "vite-asset: cannot watch `{}` to reload the pages when a template changes: {error}",
                dir.display()
            ),
        )
    })?;
    let mut last = snapshot(&dir);
    std::thread::spawn(move || loop {
        std::thread::sleep(POLL);
        let now = snapshot(&dir);
        if now != last {
            let changed = now
                .iter()
                .filter(|entry| !last.contains(entry))
                .chain(last.iter().filter(|entry| !now.contains(entry)))
                .map(|(path, _)| path.display().to_string())
                .next()
                .unwrap_or_default();
            match channel().send(()) {
                Ok(pages) => eprintln!(
                    "vite-asset: {changed} changed: reloading the open pages ({pages} reload streams open)"
                ),
                Err(_) => eprintln!(
                    "vite-asset: {changed} changed, and no open page listens for reloads: a page \
                     listens once it loads Vite's client through the serving layer \
                     (`vite_files!().router()` or `.service()`), which adds the listener; with \
                     `dev-proxy = false` it loads the client from the DevServer, and never reloads"
                ),
            }
            last = now;
        }
    });
    Ok(())
}

/// Every file under `dir`, with its modification time and length, sorted.
fn snapshot(dir: &Path) -> Vec<(PathBuf, (Option<SystemTime>, u64))> {
    let mut files = Vec::new();
    let mut pending = vec![dir.to_owned()];
    while let Some(dir) = pending.pop() {
        let Ok(entries) = std::fs::read_dir(&dir) else {
            continue;
        };
        for entry in entries.flatten() {
            let Ok(metadata) = entry.metadata() else {
                continue;
            };
            if metadata.is_dir() {
                pending.push(entry.path());
            } else {
                files.push((entry.path(), (metadata.modified().ok(), metadata.len())));
            }
        }
    }
    files.sort();
    files
}
