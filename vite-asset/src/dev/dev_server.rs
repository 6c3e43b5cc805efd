//! Each build's Vite DevServer: reused when one answers at its origin, started
//! otherwise (the project's `node_modules/.bin/vite`, on the port of
//! `dev-origin`), its output shown with the build's name, and stopped when this
//! process ends, however it ends.

use std::io::{BufRead, BufReader, Read};
use std::net::{SocketAddr, TcpStream, ToSocketAddrs};
use std::path::Path;
use std::process::{ChildStdin, Command, Stdio};
use std::sync::{Arc, Mutex, OnceLock};
use std::time::{Duration, Instant};

use crate::files::DevBuild;
use crate::locked;

/// The script (`node -e`, arguments: the Vite binary, then its arguments) that
/// runs Vite and stops it when this process is gone, however it went (Ctrl-C, a
/// panic, SIGKILL): this process holds the script's stdin open, and the pipe's
/// end is the signal. Vite itself stops at the end of its stdin only when `CI`
/// is not `true`, and only if something reads it, which nothing does.
const WATCHDOG: &str = include_str!("watchdog.js");

/// How long a request waits for a DevServer that is starting.
const START_TIMEOUT: Duration = Duration::from_secs(60);

/// Where a build's DevServer is.
#[derive(Debug, Clone)]
enum Status {
    /// Being looked for, or started.
    Starting,
    /// Answering: one that was running already, or one this process started.
    Answering,
    /// Not answering, and not to be started: why, and how to start it.
    Down(String),
}

/// The DevServers of this process, by origin.
type Servers = Mutex<Vec<(&'static str, Arc<Mutex<Status>>)>>;

fn servers() -> &'static Servers {
    static SERVERS: OnceLock<Servers> = OnceLock::new();
    SERVERS.get_or_init(|| Mutex::new(Vec::new()))
}

/// The stdin pipes of the watchdogs this process started, held open until it ends.
fn watchdogs() -> &'static Mutex<Vec<ChildStdin>> {
    static WATCHDOGS: Mutex<Vec<ChildStdin>> = Mutex::new(Vec::new());
    &WATCHDOGS
}

/// The status of `build`'s DevServer, looking for it (and starting it, in a
/// thread of its own) the first time a build on its origin asks.
fn status(build: &'static DevBuild) -> Arc<Mutex<Status>> {
    let mut servers = locked(servers());
    if let Some((_, status)) = servers.iter().find(|(origin, _)| *origin == build.origin) {
        return status.clone();
    }
    let status = Arc::new(Mutex::new(Status::Starting));
    servers.push((build.origin, status.clone()));
    let shared = status.clone();
    std::thread::spawn(move || {
        let found = find_or_start(build);
        *locked(&shared) = found;
    });
    status
}

/// Looks for `build`'s DevServer, and starts it when it is not running: called
/// when the serving layer is built, so that Vite starts with the server.
pub(crate) fn start(build: &'static DevBuild) {
    status(build);
}

/// Waits until `build`'s DevServer answers, or says why it does not.
pub(crate) async fn ready(build: &'static DevBuild) -> Result<(), String> {
    let status = status(build);
    let deadline = Instant::now() + START_TIMEOUT;
    loop {
        let now = locked(&status).clone();
        match now {
            Status::Answering => return Ok(()),
            Status::Down(why) => return Err(why),
            Status::Starting if Instant::now() > deadline => {
                return Err(format!(
                    "the Vite DevServer of {} did not answer at {} within {} s of its start",
                    shown(build),
                    build.origin,
                    START_TIMEOUT.as_secs()
                ))
            }
            Status::Starting => tokio::time::sleep(Duration::from_millis(25)).await,
        }
    }
}

/// How to start `build`'s DevServer by hand, for a message.
pub(crate) fn how_to_start(build: &DevBuild) -> String {
    let port = port(build.origin);
    match build.project_dir {
        Some(dir) => format!(
            "start it with `npx vite --port {port}` in `{dir}` (or `npm run dev` there, with `server.port` {port})"
        ),
        None => format!(
            "start the Vite DevServer of this build on port {port} (`npm run dev` in its project)"
        ),
    }
}

fn find_or_start(build: &'static DevBuild) -> Status {
    if answers(build.origin) {
        eprintln!(
            "vite-asset: {} uses the Vite DevServer already running at {}",
            shown(build),
            build.origin
        );
        return Status::Answering;
    }
    if !build.start {
        return Status::Down(format!(
            "no Vite DevServer answers at {}, and `start-dev-server = false` for {}: {}",
            build.origin,
            shown(build),
            how_to_start(build)
        ));
    }
    let Some(project) = build.project_dir else {
        return Status::Down(format!(
            "no Vite DevServer answers at {}, and vite-asset does not know which Vite project serves {} \
             (no `vite.config.*` around its `root` or manifest, and not exactly one in the crate): \
             set `root` in its table of `[package.metadata.vite]`, or {}",
            build.origin,
            shown(build),
            how_to_start(build)
        ));
    };
    match spawn(build, Path::new(project)) {
        Ok(status) => status,
        Err(why) => Status::Down(why),
    }
}

/// Starts Vite in `project` through the watchdog, and waits until it answers.
fn spawn(build: &'static DevBuild, project: &Path) -> Result<Status, String> {
    let vite = project.join("node_modules/.bin/vite");
    if !vite.exists() {
        return Err(format!(
            "no Vite DevServer answers at {}, and `{}` is not installed: run `npm install` in `{}` \
             (a build script with `vite_asset::build::Vite` does it), or {}",
            build.origin,
            vite.display(),
            project.display(),
            how_to_start(build)
        ));
    }
    let mut arguments = vec![
        vite.display().to_string(),
        "--port".to_owned(),
        port(build.origin).to_string(),
        "--strictPort".to_owned(),
    ];
    let host = host(build.origin);
    if host != "localhost" {
        arguments.extend(["--host".to_owned(), host.to_owned()]);
    }
    let mut command = Command::new("node");
    // vite-asset's Vite plugin reads the build's settings from Cargo.toml and
    // these variables: the origin this program was compiled against wins there
    // too, as `--port` does for Vite.
    let [_, _, dev_origin, _, _] = vite_asset_core::config::env_names(build.build);
    command
        .arg("-e")
        .arg(WATCHDOG)
        .args(&arguments)
        .env(dev_origin, build.origin)
        .current_dir(project)
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped());
    if std::io::IsTerminal::is_terminal(&std::io::stderr()) {
        command.env("FORCE_COLOR", "1");
    }
    let mut child = command.spawn().map_err(|error| {
        format!(
            "cannot start the Vite DevServer of {} (`node`: {error}): install Node.js, or {}",
            shown(build),
            how_to_start(build)
        )
    })?;
    eprintln!(
        "vite-asset: starting the Vite DevServer of {} at {} (`vite --port {}` in `{}`)",
        shown(build),
        build.origin,
        port(build.origin),
        project.display()
    );
    let prefix = match build.build {
        Some(name) => format!("[vite {name}]"),
        None => "[vite]".to_owned(),
    };
    let last_lines = Arc::new(Mutex::new(Vec::<String>::new()));
    if let Some(stdout) = child.stdout.take() {
        show_output(stdout, prefix.clone(), last_lines.clone());
    }
    if let Some(stderr) = child.stderr.take() {
        show_output(stderr, prefix, last_lines.clone());
    }
    if let Some(stdin) = child.stdin.take() {
        locked(watchdogs()).push(stdin);
    }
    let deadline = Instant::now() + START_TIMEOUT;
    while Instant::now() < deadline {
        if let Ok(Some(exit)) = child.try_wait() {
            let output = locked(&last_lines).join("\n  ");
            return Err(format!(
                "the Vite DevServer of {} exited ({exit}) before it answered at {}; it printed:\n  {output}\n\
                 fix what it says, or {}",
                shown(build),
                build.origin,
                how_to_start(build)
            ));
        }
        if answers(build.origin) {
            // The watchdog is reaped by whoever waits; it ends with this process.
            std::thread::spawn(move || child.wait());
            return Ok(Status::Answering);
        }
        std::thread::sleep(Duration::from_millis(25));
    }
    Err(format!(
        "the Vite DevServer of {} did not answer at {} within {} s",
        shown(build),
        build.origin,
        START_TIMEOUT.as_secs()
    ))
}

/// Copies a pipe of Vite's to this process's stderr, each line after `prefix`,
/// keeping the last lines for a message if Vite exits.
fn show_output(pipe: impl Read + Send + 'static, prefix: String, last: Arc<Mutex<Vec<String>>>) {
    std::thread::spawn(move || {
        for line in BufReader::new(pipe).lines() {
            let Ok(line) = line else { break };
            eprintln!("{prefix} {line}");
            let mut last = locked(&last);
            if last.len() == 20 {
                last.remove(0);
            }
            last.push(line);
        }
    });
}

/// Whether an HTTP server answers at `origin`. An answer, not a connection: a
/// server that is shutting down accepts and resets, and a connection to a port
/// of the ephemeral range that nothing listens on can connect to itself.
pub(crate) fn answers(origin: &str) -> bool {
    let request = format!(
        "HEAD / HTTP/1.1\r\nHost: {}\r\nConnection: close\r\n\r\n",
        authority(origin)
    );
    addresses(origin).iter().any(|address| {
        let Ok(mut stream) = TcpStream::connect_timeout(address, Duration::from_millis(250)) else {
            return false;
        };
        let _ = stream.set_read_timeout(Some(Duration::from_secs(2)));
        let mut head = [0u8; 5];
        std::io::Write::write_all(&mut stream, request.as_bytes()).is_ok()
            && stream.read_exact(&mut head).is_ok()
            && &head == b"HTTP/"
    })
}

fn addresses(origin: &str) -> Vec<SocketAddr> {
    (host(origin), port(origin))
        .to_socket_addrs()
        .map(Iterator::collect)
        .unwrap_or_default()
}

/// The host of an origin (`localhost`, `127.0.0.1`, `::1`).
fn host(origin: &str) -> &str {
    let authority = authority(origin);
    match authority.strip_prefix('[') {
        Some(bracketed) => bracketed.split(']').next().unwrap_or(bracketed),
        None => authority
            .rsplit_once(':')
            .map_or(authority, |(host, _)| host),
    }
}

/// The port of an origin, its scheme's when it names none.
fn port(origin: &str) -> u16 {
    let authority = authority(origin);
    let after_host = match authority.rfind(']') {
        Some(end) => &authority[end + 1..],
        None => authority,
    };
    after_host
        .rsplit_once(':')
        .and_then(|(_, port)| port.parse().ok())
        .unwrap_or(if origin.starts_with("https:") {
            443
        } else {
            80
        })
}

/// `localhost:5173` of `http://localhost:5173`.
pub(crate) fn authority(origin: &str) -> &str {
    origin.split_once("://").map_or(origin, |(_, rest)| rest)
}

/// The build as messages name it.
pub(crate) fn shown(build: &DevBuild) -> String {
    match build.build {
        Some(name) => format!("the build `{name}`"),
        None => "the default build".to_owned(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn origins_split_into_host_and_port() {
        assert_eq!(
            (host("http://localhost:5173"), port("http://localhost:5173")),
            ("localhost", 5173)
        );
        assert_eq!(
            (host("http://127.0.0.1:3000"), port("http://127.0.0.1:3000")),
            ("127.0.0.1", 3000)
        );
        assert_eq!(
            (host("http://[::1]:5174"), port("http://[::1]:5174")),
            ("::1", 5174)
        );
        assert_eq!(
            (host("https://vite.test"), port("https://vite.test")),
            ("vite.test", 443)
        );
        assert_eq!(port("http://vite.test"), 80);
    }
}
