#!/usr/bin/env python3
"""Compile-time benchmark of vite-asset's macros.

Two cases, each against crates that spell the same references as literal text,
measured in the same run:

realistic  a manifest shaped like a real app (about 300 entries: a vendor chunk,
           shared chunks with CSS, page entries, images and fonts, the built
           files on disk) and an app-shaped crate: ten askama templates holding
           50 `vite_asset!` and 20 `vite_tags!` calls, rendered by `main`.

  literal-app     the same templates with the URLs and tags as literal text
                  (the script checks that all the app crates print identical pages)
  consts-app      the templates with the URLs and tags as `{{ CONST }}` expressions
                  of `&str` constants: what askama's code for an expression costs,
                  whatever computes its value
  vite-asset-app  the templates with the macro calls

stress     a manifest of 10,000 entries (about 4 MB) and crates of 1,000 calls:

  literal-urls    1,000 string literals (the physical limit)
  vite-asset      1,000 `vite_asset!` calls resolving the same URLs
  vite-asset-dev  the same crate with the `dev` feature (no manifest read)
  vite-asset-watched  the `vite_asset!` crate with a build script that watches
                  the manifest (`vite_asset::build::watch_manifest`), so that
                  cargo, not rustc, tracks it
  vite-asset-watched-optimized  the watched crate, with vite-asset's compile-time
                  crates optimized (`[profile.dev.package.…] opt-level = 3`)
  literal-tags    1,000 string literals of the HTML that `vite_tags!` writes
  vite-tags       1,000 `vite_tags!` calls
  vite-tags-optimized  the same, optimized

With `--before REV`, every macro crate is also built against vite-asset at REV
(checked out with `git worktree` under target/), in the same run, and reported
as `…-before`.

Each crate is compiled once to build its dependencies, then `--runs` times after
touching its source (so only the crate itself recompiles), interleaved, and the
median wall time and peak RSS (of cargo and rustc, from wait4) are reported as
ratios against the literal crates.

    python3 benches/compile_time.py --before 2001fc7   # 7 runs each, about 10 minutes
    python3 benches/compile_time.py --runs 3 --only realistic

Not part of CI's test run: timings are not assertions.
"""

import argparse
import json
import os
import random
import statistics
import subprocess
import sys
import time
from pathlib import Path

REPOSITORY = Path(__file__).resolve().parent.parent
WORK = REPOSITORY / "target" / "bench-compile"
CALLS = 1000
ENTRIES = 7000
CHUNKS = 3000
BASE = "/assets/"

# The realistic app: pages, shared chunks, one vendor chunk, and assets.
APP_PAGES = 60
APP_SHARED = 20
APP_IMAGES = 180
APP_FONTS = 20
APP_TEMPLATES = 10
URLS_PER_TEMPLATE = 5
TAGS_PER_TEMPLATE = 2


def fake_hash(rng):
    alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789_-"
    return "".join(rng.choice(alphabet) for _ in range(8))


def generate_manifest(rng):
    """A manifest shaped like Vite's: `_`-prefixed shared chunks importing
    earlier chunks, and entries importing a few chunks, with CSS on both."""
    manifest = {}
    chunk_keys = []
    for j in range(CHUNKS):
        name = f"chunk{j}"
        digest = fake_hash(rng)
        key = f"_{name}-{digest}.js"
        chunk = {"file": f"bundled/{name}-{digest}.js", "name": name}
        if j > 0:
            chunk["imports"] = sorted(
                {chunk_keys[rng.randrange(j)] for _ in range(rng.randint(0, 3))}
            )
            if not chunk["imports"]:
                del chunk["imports"]
        if rng.random() < 0.3:
            chunk["css"] = [f"bundled/{name}-{fake_hash(rng)}.css"]
        manifest[key] = chunk
        chunk_keys.append(key)
    for i in range(ENTRIES):
        section = i % 40
        name = f"page{i}"
        source = f"src/pages/section{section}/{name}.ts"
        manifest[source] = {
            "file": f"bundled/{name}-{fake_hash(rng)}.js",
            "name": name,
            "src": source,
            "isEntry": True,
            "imports": sorted(
                {chunk_keys[rng.randrange(CHUNKS)] for _ in range(rng.randint(1, 5))}
            ),
            "dynamicImports": [chunk_keys[rng.randrange(CHUNKS)]],
            "css": [
                f"bundled/{name}-{fake_hash(rng)}.css"
                for _ in range(rng.randint(1, 2))
            ],
            "assets": [f"bundled/logo{i % 50}-{fake_hash(rng)}.svg"],
        }
    return manifest


def generate_app_manifest(rng):
    """A manifest shaped like a real app's: one vendor chunk that every page
    imports, shared chunks (some with CSS) imported by a few pages, page
    entries with their CSS and dynamic imports, and images and fonts."""
    manifest = {}
    vendor = f"_vendor-{fake_hash(rng)}.js"
    manifest[vendor] = {"file": f"assets/vendor-{fake_hash(rng)}.js", "name": "vendor"}
    shared = []
    for j in range(APP_SHARED):
        key = f"_shared{j}-{fake_hash(rng)}.js"
        chunk = {"file": f"assets/shared{j}-{fake_hash(rng)}.js", "name": f"shared{j}", "imports": [vendor]}
        if j % 2 == 0:
            chunk["css"] = [f"assets/shared{j}-{fake_hash(rng)}.css"]
        manifest[key] = chunk
        shared.append(key)
    photos = []
    for i in range(APP_IMAGES):
        key = f"src/images/photo{i}.png"
        photos.append(f"assets/photo{i}-{fake_hash(rng)}.png")
        manifest[key] = {"file": photos[-1], "src": key}
    for i in range(APP_FONTS):
        key = f"src/fonts/inter-{i}.woff2"
        manifest[key] = {"file": f"assets/inter-{i}-{fake_hash(rng)}.woff2", "src": key}
    for i in range(APP_PAGES):
        key = f"src/pages/page{i}.ts"
        manifest[key] = {
            "file": f"assets/page{i}-{fake_hash(rng)}.js",
            "name": f"page{i}",
            "src": key,
            "isEntry": True,
            "imports": [vendor] + sorted(rng.sample(shared, rng.randint(1, 3))),
            "dynamicImports": [rng.choice(shared)],
            "css": [f"assets/page{i}-{fake_hash(rng)}.css"],
            # What the page's CSS names, as Vite lists it: the image's built file.
            "assets": [photos[i % APP_IMAGES]],
        }
    return manifest


def tags_html(manifest, keys):
    """The HTML `vite_tags!` writes for the JS entries `keys` (a key, or a list
    sharing one walk; see vite-asset-core/src/walk.rs), for the literal crates:
    the same bytes in the binary, none of the work."""
    keys = [keys] if isinstance(keys, str) else keys
    seen = set(keys)
    listed = set()
    stylesheets, scripts, preloads = [], [], []

    def once(files, file):
        if file not in listed:
            listed.add(file)
            files.append(file)

    def visit(chunk_key, imported):
        for child in manifest[chunk_key].get("imports", []):
            if child not in seen:
                seen.add(child)
                visit(child, imported)
                imported.append(child)

    imported_files = []
    for key in keys:
        imported = []
        visit(key, imported)
        for chunk in imported:
            for css in manifest[chunk].get("css", []):
                once(stylesheets, css)
        for css in manifest[key].get("css", []):
            once(stylesheets, css)
        once(scripts, manifest[key]["file"])
        imported_files += [manifest[chunk]["file"] for chunk in imported]
    for file in imported_files:
        once(preloads, file)
    lines = [f'<link rel="stylesheet" crossorigin href="{BASE}{f}">' for f in stylesheets]
    lines += [f'<script type="module" crossorigin src="{BASE}{f}"></script>' for f in scripts]
    lines += [f'<link rel="modulepreload" crossorigin href="{BASE}{f}">' for f in preloads]
    return "\n".join(lines)


def rust_string(text):
    return json.dumps(text)  # a JSON string is a valid Rust string literal for this text


def write_crate(name, body, repository, build_script=None, profile="", manifest="../dist/manifest.json",
                source="lib.rs", dependencies="", features=""):
    crate = WORK / name
    (crate / "src").mkdir(parents=True, exist_ok=True)
    build_dependencies = ""
    if build_script:
        (crate / "build.rs").write_text(build_script)
        build_dependencies = (
            "[build-dependencies]\n"
            f"vite-asset = {{ path = \"{repository / 'vite-asset'}\", features = [\"build\"] }}\n"
        )
    (crate / "Cargo.toml").write_text(
        f"""[package]
name = "{name}"
version = "0.0.0"
edition = "2021"
publish = false

[workspace]

[dependencies]
vite-asset = {{ path = "{repository / 'vite-asset'}"{features} }}
{dependencies}
{build_dependencies}
[features]
dev = ["vite-asset/dev"]

[package.metadata.vite]
manifest = "{manifest}"
base = "{BASE}"
{profile}"""
    )
    (crate / "src" / source).write_text(body)
    return crate


def optimized_profile(repository):
    """What a user adds to the application's Cargo.toml to have cargo optimize
    vite-asset's compile-time crates in debug builds (a library cannot choose its
    own optimization level): the macros, and the core where there is one."""
    packages = ["vite-asset-macros"]
    if (repository / "vite-asset-core").is_dir():
        packages.append("vite-asset-core")
    return "".join(f"\n[profile.dev.package.{package}]\nopt-level = 3\n" for package in packages)


def stress_crates(manifest, variants):
    """The stress case's crates: `(name, crate, features, baseline)` for each."""
    entries = [key for key, chunk in manifest.items() if chunk.get("isEntry")]
    called = entries[:: len(entries) // CALLS][:CALLS]

    def constants(rust_type, expression_of):
        lines = "".join(
            f"pub const C{n}: {rust_type} = {expression_of(key)};\n" for n, key in enumerate(called)
        )
        return "#![allow(dead_code)]\n//! Generated by benches/compile_time.py.\n" + lines

    # The watched crate must differ from the plain one only by its build script.
    vite_asset_calls = constants("&str", lambda key: f"vite_asset::vite_asset!({rust_string(key)})")
    vite_tags_calls = constants("vite_asset::Tags", lambda key: f"vite_asset::vite_tags!({rust_string(key)})")
    watch = 'fn main() {\n    vite_asset::build::watch_manifest("../dist/manifest.json");\n}\n'
    cases = [
        ("literal-urls", write_crate(
            "literal-urls",
            constants("&str", lambda key: rust_string(BASE + manifest[key]["file"])),
            REPOSITORY,
        ), "", "literal-urls"),
        ("literal-tags", write_crate(
            "literal-tags",
            constants("&str", lambda key: rust_string(tags_html(manifest, key))),
            REPOSITORY,
        ), "", "literal-tags"),
    ]
    for suffix, repository in variants:
        calls = write_crate(f"vite-asset-calls{suffix}", vite_asset_calls, repository)
        tags = write_crate(f"vite-tags-calls{suffix}", vite_tags_calls, repository)
        cases += [
            (f"vite-asset{suffix}", calls, "", "literal-urls"),
            (f"vite-asset-dev{suffix}", calls, "dev", "literal-urls"),
            (f"vite-asset-watched{suffix}", write_crate(
                f"vite-asset-watched{suffix}", vite_asset_calls, repository, build_script=watch
            ), "", "literal-urls"),
            (f"vite-asset-watched-optimized{suffix}", write_crate(
                f"vite-asset-watched-optimized{suffix}", vite_asset_calls, repository,
                build_script=watch, profile=optimized_profile(repository),
            ), "", "literal-urls"),
            (f"vite-tags{suffix}", tags, "", "literal-tags"),
            (f"vite-tags-optimized{suffix}", write_crate(
                f"vite-tags-optimized{suffix}", vite_tags_calls, repository,
                profile=optimized_profile(repository),
            ), "", "literal-tags"),
        ]
    return cases


def app_crates(manifest, variants):
    """The realistic case's crates: ten askama templates, each with its share of
    the 50 `vite_asset!` and 20 `vite_tags!` calls, rendered by `main`; and the
    same crate with the URLs and tags as literal text."""
    rng = random.Random(8000)
    pages = [key for key, chunk in manifest.items() if chunk.get("isEntry")]
    assets = [key for key in manifest if key.startswith("src/images/") or key.startswith("src/fonts/")]
    templates = []
    for n in range(APP_TEMPLATES):
        urls = rng.sample(assets, URLS_PER_TEMPLATE)
        tags = [rng.sample(pages, rng.randint(1, 2)) for _ in range(TAGS_PER_TEMPLATE)]
        templates.append((urls, tags))

    # The strings each template shows: tags, then URLs, with the constant names of the consts crate.
    constants = []

    def template_text(n, urls, tags, spelling):
        def show(kind, index, value, call):
            if spelling == "literal":
                return value
            if spelling == "macros":
                return "{{ " + call + " }}"
            name = f"{kind}_{n}_{index}"
            constants.append(f"const {name}: &str = {rust_string(value)};\n")
            return "{{ " + name + ("|safe" if kind == "TAGS" else "") + " }}"

        head = [
            show("TAGS", i, tags_html(manifest, entries),
                 "vite_tags!(" + ", ".join(rust_string(e) for e in entries) + ")")
            for i, entries in enumerate(tags)
        ]
        body = [
            '  <img src="' + show("URL", i, BASE + manifest[key]["file"], f"vite_asset!({rust_string(key)})")
            + '" alt="">'
            for i, key in enumerate(urls)
        ]
        return "<!doctype html>\n<html>\n<head>\n" + "\n".join(head) + "\n</head>\n<body>\n" + \
            "\n".join(body) + "\n</body>\n</html>\n"

    def main_rs(consts="", table=False):
        # With `table`, the crate also writes the manifest's run-time table
        # (`vite_manifest!()`, for minijinja and tera) and uses it once.
        table_item = "static MANIFEST: &vite_asset::ViteManifest = vite_asset::vite_manifest!();\n\n" if table else ""
        table_use = "    std::hint::black_box(MANIFEST);\n" if table else ""
        return (
            "//! Generated by benches/compile_time.py.\n"
            "use askama::Template;\n#[allow(unused_imports)]\nuse vite_asset::{vite_asset, vite_tags};\n\n"
            + consts + table_item
            + "".join(
                f'#[derive(Template)]\n#[template(path = "page{n}.html")]\nstruct Page{n};\n\n'
                for n in range(APP_TEMPLATES)
            )
            + "fn main() {\n"
            + table_use
            + "".join(f'    println!("{{}}", Page{n}.render().unwrap());\n' for n in range(APP_TEMPLATES))
            + "}\n"
        )

    def app(name, repository, spelling, table=False):
        texts = [template_text(n, urls, tags, spelling) for n, (urls, tags) in enumerate(templates)]
        consts = "".join(constants) if spelling == "consts" else ""
        constants.clear()
        crate = write_crate(
            name, main_rs(consts, table), repository, manifest="../app-dist/.vite/manifest.json", source="main.rs",
            dependencies='askama = "0.16"', features=', features = ["askama"]',
        )
        (crate / "templates").mkdir(exist_ok=True)
        for n, text in enumerate(texts):
            (crate / "templates" / f"page{n}.html").write_text(text)
        return crate

    cases = [
        ("literal-app", app("literal-app", REPOSITORY, "literal"), "", "literal-app"),
        ("consts-app", app("consts-app", REPOSITORY, "consts"), "", "literal-app"),
    ]
    for suffix, repository in variants:
        cases.append((f"vite-asset-app{suffix}", app(f"vite-asset-app{suffix}", repository, "macros"), "",
                      "literal-app"))
    # The same app with the run-time table as well (issue 19), against the app without it.
    for suffix, repository in variants:
        cases.append((f"vite-asset-app-table{suffix}",
                      app(f"vite-asset-app-table{suffix}", repository, "macros", table=True), "",
                      f"vite-asset-app{suffix}"))
    return cases


def write_build_output(manifest, out_dir, manifest_path):
    """The manifest and the built files, as a Vite build leaves them: the macros
    check that every file they link exists."""
    manifest_path.parent.mkdir(parents=True, exist_ok=True)
    manifest_path.write_text(json.dumps(manifest, indent=2))
    for chunk in manifest.values():
        for file in [chunk["file"], *chunk.get("css", [])]:
            built = out_dir / file
            if not built.exists():
                built.parent.mkdir(parents=True, exist_ok=True)
                built.write_text("/* built */")


def checkout(revision):
    """vite-asset at `revision`, in a git worktree under target/."""
    tree = WORK / "before"
    if tree.exists():
        subprocess.run(["git", "worktree", "remove", "--force", str(tree)], cwd=REPOSITORY, check=False)
    subprocess.run(["git", "worktree", "add", "--detach", str(tree), revision], cwd=REPOSITORY, check=True,
                   stdout=subprocess.DEVNULL)
    return tree


def cargo_build(crate, features):
    """Wall seconds and peak RSS (KiB, the largest of cargo and the rustc it ran)."""
    command = ["cargo", "build", "--quiet", "--bins", "--lib", "--manifest-path", str(crate / "Cargo.toml")]
    if not (crate / "src" / "lib.rs").exists():
        command.remove("--lib")
    if not (crate / "src" / "main.rs").exists():
        command.remove("--bins")
    if features:
        command += ["--features", features]
    env = dict(os.environ, CARGO_TARGET_DIR=str(WORK / "target"))
    for variable in ("VITEASSET_MANIFEST", "VITEASSET_BASE", "VITEASSET_DEV_ORIGIN", "VITEASSET_ROOT"):
        env.pop(variable, None)
    start = time.perf_counter()
    process = subprocess.Popen(command, env=env)
    _, status, usage = os.wait4(process.pid, 0)
    elapsed = time.perf_counter() - start
    if status != 0:
        sys.exit(f"cargo build failed for {crate}")
    return elapsed, usage.ru_maxrss


def run_binary(crate):
    command = ["cargo", "run", "--quiet", "--manifest-path", str(crate / "Cargo.toml")]
    env = dict(os.environ, CARGO_TARGET_DIR=str(WORK / "target"))
    return subprocess.run(command, env=env, check=True, capture_output=True, text=True).stdout


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=7)
    parser.add_argument("--before", help="a git revision of vite-asset to measure in the same run")
    parser.add_argument("--only", choices=["realistic", "stress"], help="one case only")
    arguments = parser.parse_args()

    WORK.mkdir(parents=True, exist_ok=True)
    variants = [("", REPOSITORY)]
    if arguments.before:
        variants.append(("-before", checkout(arguments.before)))

    cases = []
    if arguments.only != "stress":
        app_manifest = generate_app_manifest(random.Random(300))
        write_build_output(app_manifest, WORK / "app-dist", WORK / "app-dist" / ".vite" / "manifest.json")
        print(f"realistic: {len(app_manifest)} entries; {APP_TEMPLATES} templates, "
              f"{APP_TEMPLATES * URLS_PER_TEMPLATE} vite_asset! and {APP_TEMPLATES * TAGS_PER_TEMPLATE} "
              "vite_tags! calls", flush=True)
        cases += app_crates(app_manifest, variants)
    if arguments.only != "realistic":
        manifest = generate_manifest(random.Random(5173))
        manifest_path = WORK / "dist" / "manifest.json"
        write_build_output(manifest, WORK / "dist", manifest_path)
        print(f"stress: {len(manifest)} entries, {manifest_path.stat().st_size / 1e6:.1f} MB; "
              f"{CALLS} calls per crate", flush=True)
        cases += stress_crates(manifest, variants)
    print(f"{arguments.runs} runs; {os.cpu_count()} CPUs", flush=True)

    for _, crate, features, _ in cases:  # dependencies, and the macros' first build
        cargo_build(crate, features)
    apps = [crate for name, crate, _, _ in cases if "-app" in name]
    if apps:
        pages = {crate.name: run_binary(crate) for crate in apps}
        expected = pages["literal-app"]
        for name, page in pages.items():
            if page != expected:
                sys.exit(f"{name} renders other pages than literal-app")
        print(f"the app crates render identical pages ({len(expected)} bytes)", flush=True)

    results = {name: [] for name, _, _, _ in cases}
    for run in range(arguments.runs):
        for name, crate, features, _ in cases:
            source = crate / "src" / ("main.rs" if (crate / "src" / "main.rs").exists() else "lib.rs")
            source.touch()
            results[name].append(cargo_build(crate, features))
        print(f"run {run + 1}/{arguments.runs} done", flush=True)

    def median(name, index):
        return statistics.median(sample[index] for sample in results[name])

    def spread(name):
        times = [sample[0] for sample in results[name]]
        return (max(times) - min(times)) / statistics.median(times) * 100

    print()
    print("| crate | median build (s) | spread (max-min)/median | peak RSS (MiB) | time ratio | RSS ratio |")
    print("|---|---|---|---|---|---|")
    for name, _, _, base in cases:
        print(
            f"| {name} | {median(name, 0):.3f} | {spread(name):.0f}% | {median(name, 1) / 1024:.0f} "
            f"| {median(name, 0) / median(base, 0):.2f}x | {median(name, 1) / median(base, 1):.2f}x |"
        )


if __name__ == "__main__":
    main()
