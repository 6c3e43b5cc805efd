//! The README's quick starts as a user has them: every file written out from the
//! README's own text, beside a "clone" of vite-asset (a link to this workspace, so
//! the README's relative paths hold), built by cargo as the user builds it (its
//! build.rs runs `npm ci` and the Vite build), and run. The axum and React app is
//! driven in Chromium in production and in development; the actix-web apps
//! (minijinja, and tera as a variant) are fetched over HTTP in both modes.
//!
//! The only file that is not in the README is each frontend's `package-lock.json`
//! (tests/quick-starts/), which a user's `npm install` writes and CI needs for
//! `npm ci`.

use std::sync::Mutex;

use super::*;

/// Where the apps are written, beside `vite-asset`, the clone they depend on.
fn quick_starts_dir() -> PathBuf {
    workspace().join("target/vite-asset-crates/quick-starts")
}

/// Writes the app `name` from `files` (paths and texts from the README) into a
/// fresh directory, with the lock file of tests/quick-starts/`lock`, and returns
/// the directory.
fn write_app(name: &str, files: &[(String, String)], lock: &str) -> PathBuf {
    let root = quick_starts_dir();
    std::fs::create_dir_all(&root).unwrap();
    let clone = root.join("vite-asset");
    if std::fs::read_link(&clone).ok().as_deref() != Some(workspace()) {
        let _ = std::fs::remove_file(&clone);
        std::os::unix::fs::symlink(workspace(), &clone).unwrap();
    }
    let dir = root.join(name);
    let _ = std::fs::remove_dir_all(&dir);
    for (path, text) in files {
        let path = dir.join(path);
        std::fs::create_dir_all(path.parent().unwrap()).unwrap();
        std::fs::write(path, text).unwrap();
    }
    // Cargo reaches the clone by this workspace's own path, as the other user
    // crates do, so vite-asset is compiled once for all of them in their shared
    // target directory; npm goes through the link.
    let cargo_toml = std::fs::read_to_string(dir.join("Cargo.toml")).unwrap();
    let clone_path = "path = \"../vite-asset/vite-asset\"";
    assert_eq!(cargo_toml.matches(clone_path).count(), 2, "{cargo_toml}");
    let pointed = cargo_toml.replace(
        clone_path,
        &format!("path = {:?}", workspace().join("vite-asset")),
    );
    std::fs::write(dir.join("Cargo.toml"), format!("{pointed}\n[workspace]\n")).unwrap();
    std::fs::copy(workspace().join("Cargo.lock"), dir.join("Cargo.lock")).unwrap();
    std::fs::copy(
        workspace()
            .join("tests/quick-starts")
            .join(lock)
            .join("package-lock.json"),
        dir.join("frontend/package-lock.json"),
    )
    .unwrap();
    dir
}

/// `cargo <args>` in the app, with exactly `env` as its configuration environment.
fn cargo_in(dir: &Path, args: &[&str], env: &[(&str, &str)]) -> std::process::Output {
    let mut command = Command::new(env!("CARGO"));
    command.args(args).arg("--offline").current_dir(dir).env(
        "CARGO_TARGET_DIR",
        workspace().join("target/vite-asset-crates/target"),
    );
    support::set_config_env(&mut command, env);
    command.output().unwrap()
}

/// `cargo build` of the app with `features`, and a copy of its binary named `copy`:
/// the apps share a target directory and a binary name, so one builds at a time.
fn build_app(dir: &Path, features: &[&str], env: &[(&str, &str)], copy: &str) -> PathBuf {
    static ONE_AT_A_TIME: Mutex<()> = Mutex::new(());
    let _guard = ONE_AT_A_TIME
        .lock()
        .unwrap_or_else(|poisoned| poisoned.into_inner());
    let features = features.join(",");
    let mut args = vec!["build"];
    if !features.is_empty() {
        args.extend(["--features", &features]);
    }
    let output = cargo_in(dir, &args, env);
    assert!(
        output.status.success(),
        "cargo build of {} failed:\n{}",
        dir.display(),
        String::from_utf8_lossy(&output.stderr)
    );
    let binary = workspace().join("target/vite-asset-crates/target/debug/my-app");
    let copy = quick_starts_dir().join(copy);
    std::fs::copy(binary, &copy).unwrap();
    copy
}

/// The app `name` built for production and for development, and the port of the
/// DevServer that the development binary links to (and starts).
fn build_both(dir: &Path, name: &str) -> (PathBuf, PathBuf, u16) {
    let production = build_app(dir, &[], &[], &format!("{name}-production"));
    let vite_port = free_port();
    let origin = format!("http://localhost:{vite_port}");
    let development = build_app(
        dir,
        &["dev"],
        &[("VITEASSET_DEV_ORIGIN", &origin)],
        &format!("{name}-development"),
    );
    (production, development, vite_port)
}

/// The app's server, started in its directory, and its port.
fn start_app(binary: &Path, dir: &Path) -> (Process, u16) {
    let mut command = Command::new(binary);
    command.current_dir(dir);
    start_example_with(command)
}

/// The built `file` and first `css` of `entry` in the app's manifest, read with serde_json.
fn built_files(dir: &Path, entry: &str) -> (String, String) {
    let manifest = dir.join("frontend/dist/.vite/manifest.json");
    let manifest: Value = serde_json::from_slice(&std::fs::read(manifest).unwrap()).unwrap();
    let entry = &manifest[entry];
    (
        entry["file"].as_str().unwrap().to_owned(),
        entry["css"][0].as_str().unwrap().to_owned(),
    )
}

/// The failed requests and script errors of the page, but the `/favicon.ico` that
/// Chromium asks for by itself: the quick start has no icon.
async fn page_errors(browser: &Browser) -> Vec<String> {
    let log = browser.log().await;
    errors(&log)
        .into_iter()
        .filter(|error| !error.contains("/favicon.ico - "))
        .collect()
}

/// Opens the app's page in Chromium, waits up to `timeout` for React to render
/// the counter, checks its colour, and clicks it once.
async fn click_the_counter(port: u16, timeout: Duration) -> Browser {
    let browser = Browser::start().await;
    let page = format!("http://127.0.0.1:{port}/");
    browser.client.goto(&page).await.unwrap();
    let text = wait_for(&browser, BUTTON_TEXT, "Clicked 0 times", timeout).await;
    assert_eq!(text, "Clicked 0 times", "React rendered the app at {page}");
    assert_eq!(
        browser.eval(BUTTON_COLOR).await,
        json!(PURPLE),
        "main.css applies"
    );
    browser
        .eval("document.querySelector('button').click(); return null;")
        .await;
    let text = wait_for(
        &browser,
        BUTTON_TEXT,
        "Clicked 1 times",
        Duration::from_secs(5),
    )
    .await;
    assert_eq!(text, "Clicked 1 times");
    browser
}

const BUTTON_TEXT: &str = "return document.querySelector('button')?.textContent ?? '';";
const BUTTON_COLOR: &str = "return getComputedStyle(document.querySelector('button')).color;";
/// `rebeccapurple`, the quick start's main.css.
const PURPLE: &str = "rgb(102, 51, 153)";

#[tokio::test(flavor = "multi_thread")]
#[cfg_attr(
    feature = "dev",
    ignore = "the quick-start apps are built in both modes by the test itself: run without the dev feature"
)]
async fn the_axum_and_react_quick_start_runs_in_chromium_in_production_and_in_development() {
    let files = readme_files(&readme_section("Quick start: axum, askama and React"));
    let paths: Vec<&str> = files.iter().map(|(path, _)| path.as_str()).collect();
    assert_eq!(
        paths,
        [
            "Cargo.toml",
            "build.rs",
            "src/main.rs",
            "templates/index.html",
            "frontend/package.json",
            "frontend/.npmrc",
            "frontend/vite.config.ts",
            "frontend/src/main.tsx",
            "frontend/src/App.tsx",
            "frontend/src/main.css",
        ]
    );
    let dir = write_app("axum-react", &files, "axum-react");
    let (production, development, vite_port) = build_both(&dir, "axum-react");
    let origin = format!("http://localhost:{vite_port}");

    // Production: the page links what the plugin's build put in the manifest.
    let (file, css) = built_files(&dir, "src/main.tsx");
    let (server, port) = start_app(&production, &dir);
    let page = http_get(port, "/");
    assert_eq!(page.status, 200);
    assert!(
        page.body.contains(&format!(
            "<script type=\"module\" crossorigin src=\"/{file}\">"
        )),
        "{}",
        page.body
    );
    assert!(
        page.body.contains(&format!("href=\"/{css}\"")),
        "{}",
        page.body
    );
    assert!(!page.body.contains("RefreshRuntime"), "{}", page.body);
    assert_eq!(http_get(port, &format!("/{file}")).status, 200);
    if browser_available() {
        let browser = click_the_counter(port, Duration::from_secs(10)).await;
        assert_eq!(page_errors(&browser).await, Vec::<String>::new());
        browser.close().await;
    }
    drop(server);

    // Development: the server starts the DevServer; React Fast Refresh keeps the state.
    let (server, port) = start_app(&development, &dir);
    let page = http_get(port, "/");
    assert_eq!(page.status, 200);
    for expected in [
        "import RefreshRuntime from \"/@react-refresh\";",
        "<script type=\"module\" src=\"/@vite/client\"></script>",
        "<script type=\"module\" src=\"/src/main.tsx\"></script>",
    ] {
        assert!(page.body.contains(expected), "{expected} in {}", page.body);
    }
    let main_tsx = http_get(port, "/src/main.tsx");
    assert_eq!(main_tsx.status, 200, "{}", main_tsx.body);
    let pids = wait_for_vite(vite_port);
    assert!(!pids.is_empty(), "a DevServer runs on port {vite_port}");
    if browser_available() {
        // The first load waits for Vite to start and to pre-bundle React.
        let browser = click_the_counter(port, Duration::from_secs(30)).await;
        let _edit = edit_source(dir.join("frontend/src/App.tsx"), ">Clicked ", ">Pressed ");
        let text = wait_for(
            &browser,
            BUTTON_TEXT,
            "Pressed 1 times",
            Duration::from_secs(20),
        )
        .await;
        assert_eq!(
            text, "Pressed 1 times",
            "the edit reached the page and the count was kept (Fast Refresh, not a reload)"
        );
        assert_eq!(page_errors(&browser).await, Vec::<String>::new());
        browser.close().await;
    }
    drop(server);
    assert_gone(&pids, "the axum and React quick start");

    // A typo in the template is a compile error that says what the root holds,
    // and which line of the template it is on.
    let template = dir.join("templates/index.html");
    let text = std::fs::read_to_string(&template).unwrap();
    std::fs::write(&template, text.replace("src/main.tsx", "src/mian.tsx")).unwrap();
    let output = cargo_in(
        &dir,
        &["build", "--features", "dev"],
        &[("VITEASSET_DEV_ORIGIN", &origin)],
    );
    let errors = String::from_utf8_lossy(&output.stderr);
    assert!(
        errors.contains("`src/mian.tsx` does not exist in the Vite root `frontend`")
            && errors.contains("in the askama template at `templates/index.html:"),
        "{errors}"
    );
    let output = cargo_in(&dir, &["build"], &[]);
    let errors = String::from_utf8_lossy(&output.stderr);
    assert!(
        errors.contains("`src/mian.tsx` is not in the Vite manifest")
            && errors.contains("did you mean `src/main.tsx`?")
            && errors.contains("in the askama template at `templates/index.html:"),
        "{errors}"
    );
}

#[test]
#[cfg_attr(
    feature = "dev",
    ignore = "the quick-start apps are built in both modes by the test itself: run without the dev feature"
)]
fn the_actix_web_quick_starts_serve_their_pages_in_production_and_in_development() {
    let section = readme_section("Quick start: actix-web and minijinja");
    let (minijinja, tera) = section
        .split_once("\n### The same app with tera")
        .expect("a tera variant in the actix-web quick start");
    let minijinja = readme_files(minijinja);
    let mut with_tera = minijinja.clone();
    for (path, text) in readme_files(tera) {
        let file = with_tera
            .iter_mut()
            .find(|(file, _)| *file == path)
            .unwrap_or_else(|| panic!("the tera variant's {path} replaces a file of the app"));
        file.1 = text;
    }
    assert_ne!(minijinja, with_tera);
    for (name, files) in [("actix-minijinja", minijinja), ("actix-tera", with_tera)] {
        let dir = write_app(name, &files, "actix");
        let (production, development, vite_port) = build_both(&dir, name);

        let (file, css) = built_files(&dir, "src/main.ts");
        let (_server, port) = start_app(&production, &dir);
        let page = http_get(port, "/");
        assert_eq!(page.status, 200, "{name}: {}", page.body);
        assert!(
            page.body.contains("<h1>My app</h1>"),
            "{name}: {}",
            page.body
        );
        for (url, content_type) in [
            (format!("/static/{file}"), "text/javascript"),
            (format!("/static/{css}"), "text/css"),
        ] {
            assert!(
                page.body.contains(&format!("=\"{url}\"")),
                "{name}: {url} in {}",
                page.body
            );
            let response = http_get(port, &url);
            assert_eq!(response.status, 200, "{name}: {url}");
            assert!(
                response
                    .header("content-type")
                    .unwrap()
                    .starts_with(content_type),
                "{name}: {url}"
            );
        }
        assert_eq!(http_get(port, "/static/.vite/manifest.json").status, 404);

        let (server, port) = start_app(&development, &dir);
        let page = http_get(port, "/");
        assert_eq!(page.status, 200, "{name}: {}", page.body);
        for expected in [
            "<script type=\"module\" src=\"/static/@vite/client\"></script>",
            "<script type=\"module\" src=\"/static/src/main.ts\"></script>",
        ] {
            assert!(
                page.body.contains(expected),
                "{name}: {expected} in {}",
                page.body
            );
        }
        let script = http_get(port, "/static/src/main.ts");
        assert_eq!(script.status, 200, "{name}: {}", script.body);
        assert!(
            script.body.contains("with its script") && script.body.contains("/static/src/main.css"),
            "{name}: main.ts as the DevServer serves it: {}",
            script.body
        );
        let pids = wait_for_vite(vite_port);
        assert!(
            !pids.is_empty(),
            "{name}: a DevServer runs on port {vite_port}"
        );
        drop(server);
        assert_gone(&pids, name);
    }
}
