#!/usr/bin/env python3
"""Compile-time benchmark of vite-asset's macros.

Generates a realistic Vite manifest (10,000 entries, about 3 MB: entries and
shared chunks with `imports` and `css`) and crates that differ only in how they
spell 1,000 asset references:

  literal-urls    1,000 string literals (the physical limit)
  vite-asset      1,000 `vite_asset!` calls resolving the same URLs
  vite-asset-dev  the same crate with the `dev` feature (no manifest read)
  vite-asset-watched  the `vite_asset!` crate with a build script that watches
                  the manifest (`vite_asset::build::watch_manifest`), so that
                  cargo, not rustc, tracks it
  vite-asset-watched-optimized  the watched crate, with the macros compiled
                  with optimizations (`[profile.dev.package.vite-asset-macros]`)
  literal-tags    1,000 string literals of the HTML that `vite_tags!` writes
  vite-tags       1,000 `vite_tags!` calls
  vite-tags-optimized  the same, with the macros compiled with optimizations

Each crate is compiled once to build its dependencies, then `--runs` times after
touching its source (so only the crate itself recompiles), interleaved, and the
median wall time and peak RSS (of cargo and rustc, from wait4) are reported as
ratios against the literal crates measured in the same run.

    python3 benches/compile_time.py            # 7 runs each, about 5 minutes
    python3 benches/compile_time.py --runs 3

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


def tags_html(manifest, key):
    """The HTML `vite_tags!(key)` writes (see vite-asset-macros/src/walk.rs), for
    the literal crate: the same bytes in the binary, none of the work."""
    seen = {key}
    imported = []

    def visit(chunk_key):
        for child in manifest[chunk_key].get("imports", []):
            if child not in seen:
                seen.add(child)
                visit(child)
                imported.append(child)

    visit(key)
    entry = manifest[key]
    css = [f for c in imported for f in manifest[c].get("css", [])] + entry.get("css", [])
    lines = [f'<link rel="stylesheet" crossorigin href="{BASE}{f}">' for f in dict.fromkeys(css)]
    lines.append(f'<script type="module" crossorigin src="{BASE}{entry["file"]}"></script>')
    lines += [
        f'<link rel="modulepreload" crossorigin href="{BASE}{manifest[c]["file"]}">'
        for c in imported
    ]
    return "\n".join(lines)


def rust_string(text):
    return json.dumps(text)  # a JSON string is a valid Rust string literal for this text


# What a user adds to the application's Cargo.toml to have cargo optimize the
# macros in debug builds (a library cannot choose its own optimization level).
OPTIMIZED_MACROS = "\n[profile.dev.package.vite-asset-macros]\nopt-level = 3\n"


def write_crate(name, body, features="", build_script=None, profile=""):
    crate = WORK / name
    (crate / "src").mkdir(parents=True, exist_ok=True)
    build_dependencies = ""
    if build_script:
        (crate / "build.rs").write_text(build_script)
        build_dependencies = (
            "[build-dependencies]\n"
            f"vite-asset = {{ path = \"{REPOSITORY / 'vite-asset'}\", features = [\"build\"] }}\n"
        )
    (crate / "Cargo.toml").write_text(
        f"""[package]
name = "{name}"
version = "0.0.0"
edition = "2021"
publish = false

[workspace]

[dependencies]
vite-asset = {{ path = "{REPOSITORY / 'vite-asset'}" }}
{build_dependencies}
[features]
dev = ["vite-asset/dev"]
{features}
[package.metadata.vite]
manifest = "../dist/manifest.json"
base = "{BASE}"
{profile}"""
    )
    (crate / "src" / "lib.rs").write_text(body)
    return crate


def make_crates(manifest):
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
    return {
        "literal-urls": write_crate(
            "literal-urls",
            constants("&str", lambda key: rust_string(BASE + manifest[key]["file"])),
        ),
        "vite-asset": write_crate(
            "vite-asset-calls",
            vite_asset_calls,
        ),
        "vite-asset-watched": write_crate("vite-asset-watched", vite_asset_calls, build_script=watch),
        "vite-asset-watched-optimized": write_crate(
            "vite-asset-watched-optimized",
            vite_asset_calls,
            build_script=watch,
            profile=OPTIMIZED_MACROS,
        ),
        "literal-tags": write_crate(
            "literal-tags",
            constants("&str", lambda key: rust_string(tags_html(manifest, key))),
        ),
        "vite-tags": write_crate("vite-tags-calls", vite_tags_calls),
        "vite-tags-optimized": write_crate(
            "vite-tags-optimized", vite_tags_calls, profile=OPTIMIZED_MACROS
        ),
    }


def cargo_build(crate, features):
    """Wall seconds and peak RSS (KiB, the largest of cargo and the rustc it ran)."""
    command = ["cargo", "build", "--quiet", "--manifest-path", str(crate / "Cargo.toml")]
    if features:
        command += ["--features", features]
    env = dict(os.environ, CARGO_TARGET_DIR=str(WORK / "target"))
    for variable in ("VITE_MANIFEST", "VITE_BASE", "VITE_ORIGIN", "VITE_ROOT"):
        env.pop(variable, None)
    start = time.perf_counter()
    process = subprocess.Popen(command, env=env)
    _, status, usage = os.wait4(process.pid, 0)
    elapsed = time.perf_counter() - start
    if status != 0:
        sys.exit(f"cargo build failed for {crate}")
    return elapsed, usage.ru_maxrss


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=7)
    arguments = parser.parse_args()

    WORK.mkdir(parents=True, exist_ok=True)
    manifest = generate_manifest(random.Random(5173))
    # Vite's output directory: the manifest and the built files, nothing else, as a
    # build script that watches it expects.
    manifest_path = WORK / "dist" / "manifest.json"
    manifest_path.parent.mkdir(parents=True, exist_ok=True)
    manifest_path.write_text(json.dumps(manifest, indent=2))
    # The built files, next to the manifest as in Vite's output directory: the
    # macros check that every file they link exists.
    for chunk in manifest.values():
        for file in [chunk["file"], *chunk.get("css", [])]:
            built = WORK / "dist" / file
            if not built.exists():
                built.parent.mkdir(parents=True, exist_ok=True)
                built.write_text("/* built */")
    crates = make_crates(manifest)
    cases = [
        ("literal-urls", crates["literal-urls"], ""),
        ("vite-asset", crates["vite-asset"], ""),
        ("vite-asset-dev", crates["vite-asset"], "dev"),
        ("vite-asset-watched", crates["vite-asset-watched"], ""),
        ("vite-asset-watched-optimized", crates["vite-asset-watched-optimized"], ""),
        ("literal-tags", crates["literal-tags"], ""),
        ("vite-tags", crates["vite-tags"], ""),
        ("vite-tags-optimized", crates["vite-tags-optimized"], ""),
    ]
    print(
        f"manifest: {len(manifest)} entries, {manifest_path.stat().st_size / 1e6:.1f} MB; "
        f"{CALLS} calls per crate; {arguments.runs} runs; {os.cpu_count()} CPUs",
        flush=True,
    )
    for _, crate, features in cases:  # dependencies, and the macros' first build
        cargo_build(crate, features)
    results = {name: [] for name, _, _ in cases}
    for run in range(arguments.runs):
        for name, crate, features in cases:
            (crate / "src" / "lib.rs").touch()
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
    baseline = {"literal-urls": "literal-urls", "vite-asset": "literal-urls",
                "vite-asset-dev": "literal-urls", "vite-asset-watched": "literal-urls",
                "vite-asset-watched-optimized": "literal-urls",
                "literal-tags": "literal-tags",
                "vite-tags": "literal-tags", "vite-tags-optimized": "literal-tags"}
    for name, _, _ in cases:
        base = baseline[name]
        print(
            f"| {name} | {median(name, 0):.3f} | {spread(name):.0f}% | {median(name, 1) / 1024:.0f} "
            f"| {median(name, 0) / median(base, 0):.2f}x | {median(name, 1) / median(base, 1):.2f}x |"
        )


if __name__ == "__main__":
    main()
