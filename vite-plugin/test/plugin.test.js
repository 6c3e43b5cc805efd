// The plugin against real Vite builds: Vite 5 and Vite 8, as installed for the
// repository's test fixtures (tests/frontend/vite5, tests/frontend/vite8), over
// copies of the test frontend in crates made for each test.
import assert from "node:assert/strict";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { describe, test } from "node:test";
import { fileURLToPath, pathToFileURL } from "node:url";

import viteAsset, { HMR_PATH } from "../index.js";

const here = path.dirname(fileURLToPath(import.meta.url));
const frontend = path.join(here, "..", "..", "tests", "frontend");

/** Vite, as one of the fixtures installed it. */
async function vite(version) {
  const entry = path.join(frontend, version, "node_modules", "vite", "dist", "node", "index.js");
  if (!fs.existsSync(entry)) {
    throw new Error(`${entry} is missing: run \`npm ci\` in tests/frontend/${version} first`);
  }
  return import(pathToFileURL(entry).href);
}

let crates = 0;

/**
 * A crate in a new directory: `cargoToml` as its Cargo.toml, the test frontend's
 * scripts and styles in `src/`, and an image that no script imports in `src/img/`.
 */
function crate(cargoToml) {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), `vite-asset-plugin-${crates++}-`));
  fs.writeFileSync(
    path.join(dir, "Cargo.toml"),
    `[package]\nname = "app"\nversion = "0.1.0"\nedition = "2021"\n\n${cargoToml}`,
  );
  const src = path.join(dir, "src");
  // Sass is installed beside the fixtures' Vite, not here: no `.scss`.
  fs.cpSync(path.join(frontend, "src"), src, { recursive: true, filter: (file) => !file.endsWith(".scss") });
  fs.mkdirSync(path.join(src, "img"));
  // Not the logo's bytes: a bundler writes identical files once.
  fs.writeFileSync(path.join(src, "img", "badge.svg"), '<svg xmlns="http://www.w3.org/2000/svg"><title>badge</title></svg>\n');
  return dir;
}

/** Builds the crate at `dir` with `plugin` and the rest of the Vite config `extra`. */
async function build(vite, dir, plugin, extra = {}) {
  await vite.build({ configFile: false, logLevel: "silent", plugins: [plugin], ...extra });
  return dir;
}

const CARGO_TOML = `[package.metadata.vite]
manifest = "assets_compiled/manifest.json"
base = "/assets/"
root = "src"
input = ["src/main.ts", "src/*.css"]
assets = ["src/img/**"]
`;

for (const version of ["vite5", "vite8"]) {
  describe(version, () => {
    test("the manifest lands where Cargo.toml says, with its base, input and assets", async () => {
      const Vite = await vite(version);
      const dir = crate(CARGO_TOML);
      // The logo as a file, not inlined, for its URL to show the base.
      await build(Vite, dir, viteAsset({ cargoToml: path.join(dir, "Cargo.toml") }), {
        build: { assetsInlineLimit: 0 },
      });
      const manifestPath = path.join(dir, "assets_compiled", "manifest.json");
      assert.ok(fs.existsSync(manifestPath), "the manifest is at assets_compiled/manifest.json");
      const manifest = JSON.parse(fs.readFileSync(manifestPath, "utf8"));
      for (const key of ["main.ts", "theme.css", "main.css", "shared.css", "lazy.css"]) {
        assert.ok(manifest[key]?.isEntry, `${key} is an entry: ${JSON.stringify(manifest)}`);
      }
      const badge = manifest["img/badge.svg"];
      assert.ok(badge, `the template-only image is in the manifest: ${Object.keys(manifest)}`);
      assert.ok(fs.existsSync(path.join(dir, "assets_compiled", badge.file)), badge.file);
      const script = fs.readFileSync(path.join(dir, "assets_compiled", manifest["main.ts"].file), "utf8");
      const logo = manifest["logo.svg"]?.file ?? manifest["main.ts"].assets?.[0];
      assert.ok(logo, JSON.stringify(manifest["main.ts"]));
      assert.ok(script.includes(`/assets/${logo}`), `main.ts links the logo under the base /assets/: ${script}`);
    });

    test("a setting of vite.config that differs is an error naming both values", async () => {
      const Vite = await vite(version);
      const dir = crate(CARGO_TOML);
      await assert.rejects(
        build(Vite, dir, viteAsset({ cargoToml: path.join(dir, "Cargo.toml") }), {
          base: "/static/",
          server: { port: 3000 },
        }),
        (error) => {
          assert.match(error.message, /`base` is "\/static\/" in vite.config, and "\/assets\/" by `base` in \[package.metadata.vite\]/);
          assert.match(error.message, /`server.port` is 3000 in vite.config, and 5173 by the default of \[package.metadata.vite\]/);
          assert.match(error.message, /to fix: remove them from vite.config/);
          return true;
        },
      );
      assert.ok(!fs.existsSync(path.join(dir, "assets_compiled")), "nothing was built");
    });

    test("a named build is picked, and its variables win over Cargo.toml", async () => {
      const Vite = await vite(version);
      const dir = crate(`${CARGO_TOML}
[package.metadata.vite.builds.admin]
manifest = "admin/dist/.vite/manifest.json"
base = "/admin/assets/"
root = "src"
input = ["src/theme.css"]
`);
      const cargoToml = path.join(dir, "Cargo.toml");
      await build(Vite, dir, viteAsset({ build: "admin", cargoToml }));
      const manifest = JSON.parse(fs.readFileSync(path.join(dir, "admin/dist/.vite/manifest.json"), "utf8"));
      assert.deepEqual(Object.keys(manifest), ["theme.css"]);

      process.env.VITEASSET_ADMIN_BASE = "/elsewhere/";
      try {
        const server = await Vite.createServer({ configFile: false, logLevel: "silent", plugins: [viteAsset({ build: "admin", cargoToml })] });
        assert.equal(server.config.base, "/elsewhere/");
        assert.equal(server.config.server.port, 5173);
        assert.equal(server.config.server.strictPort, true);
        await server.close();
      } finally {
        delete process.env.VITEASSET_ADMIN_BASE;
      }
      await assert.rejects(
        build(Vite, dir, viteAsset({ build: "amdin", cargoToml })),
        /has no build `amdin` \(its builds: `admin`\)/,
      );
    });

    test("the DevServer listens where dev-origin says", async () => {
      const Vite = await vite(version);
      const dir = crate(`${CARGO_TOML}dev-origin = "http://127.0.0.1:5199"\n`);
      const server = await Vite.createServer({
        configFile: false,
        logLevel: "silent",
        plugins: [viteAsset({ cargoToml: path.join(dir, "Cargo.toml") })],
      });
      assert.equal(server.config.server.host, "127.0.0.1");
      assert.equal(server.config.server.port, 5199);
      assert.equal(server.config.root, path.join(dir, "src"));
      await server.close();
      assert.equal(server.config.server.hmr?.path, undefined, "under /assets/ the socket is at the base already");
    });

    test("under base = \"/\" the HMR socket moves below it, where the dev proxy forwards it", async () => {
      const Vite = await vite(version);
      const cases = [
        ["", HMR_PATH],
        ["dev-proxy = false\n", undefined],
      ];
      for (const [extra, hmr] of cases) {
        const dir = crate(CARGO_TOML.replace('base = "/assets/"\n', extra));
        const server = await Vite.createServer({
          configFile: false,
          logLevel: "silent",
          plugins: [viteAsset({ cargoToml: path.join(dir, "Cargo.toml") })],
        });
        await server.close();
        assert.equal(server.config.server.hmr?.path, hmr, extra);
      }
      const dir = crate(CARGO_TOML.replace('base = "/assets/"\n', ""));
      const server = await Vite.createServer({
        configFile: false,
        logLevel: "silent",
        server: { hmr: { path: "mine" } },
        plugins: [viteAsset({ cargoToml: path.join(dir, "Cargo.toml") })],
      });
      await server.close();
      assert.equal(server.config.server.hmr?.path, "mine", "the user's own path stays");
    });
  });
}

test("an input pattern that matches nothing is an error", async () => {
  const Vite = await vite("vite8");
  const dir = crate(`[package.metadata.vite]\ninput = ["src/*.tsx"]\n`);
  await assert.rejects(
    build(Vite, dir, viteAsset({ cargoToml: path.join(dir, "Cargo.toml") })),
    /`src\/\*\.tsx` in `input` of \[package.metadata.vite\] matches no file/,
  );
});

test("the Cargo.toml is found above the working directory", async () => {
  const dir = crate(CARGO_TOML);
  const before = process.cwd();
  process.chdir(path.join(dir, "src", "img"));
  try {
    const plugin = viteAsset();
    const config = plugin.config.call(undefined, {}, { command: "build", mode: "production" });
    assert.equal(config.base, "/assets/");
    assert.equal(config.build.outDir, path.join(dir, "assets_compiled"));
    assert.equal(config.build.manifest, "manifest.json");
  } finally {
    process.chdir(before);
  }
});
