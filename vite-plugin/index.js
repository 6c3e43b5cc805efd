// Vite configured from the Rust crate's Cargo.toml: the settings that vite-asset
// reads at compile time (`[package.metadata.vite]`, or one of its `builds`) are
// given to Vite here, so that they are written once.
import fs from "node:fs";
import path from "node:path";
import { parse } from "smol-toml";

const DEFAULT_BASE = "/";
const DEFAULT_DEV_ORIGIN = "http://localhost:5173";
const ENV_PREFIX = "VITEASSET_";
/** Vite's HMR socket under `base = "/"`, below `/`, where the dev proxy sends it to Vite. */
export const HMR_PATH = "__vite_asset_hmr";

/**
 * The Vite plugin of vite-asset: `plugins: [viteAsset()]` in `vite.config.*`.
 *
 * From the crate's `[package.metadata.vite]` (or `[package.metadata.vite.builds.<build>]`)
 * and the same `VITEASSET_*` variables that the Rust side reads, it sets Vite's
 * `base`, `root`, `build.outDir` and `build.manifest` (so the manifest lands where
 * Cargo.toml says), the DevServer's host and port (`dev-origin`, with `strictPort`),
 * the entry points (`input`) and, in builds, emits the files of `assets` so that
 * the manifest lists them. Under `base = "/"` it moves the HMR socket to
 * `/__vite_asset_hmr`, which the dev proxy forwards (the app answers `/`). A setting of the Vite config that differs is an error
 * that names both values.
 *
 * @param {{ build?: string, cargoToml?: string }} [options]
 *   `build`: a named build of `[package.metadata.vite.builds]`; `cargoToml`: the
 *   crate's Cargo.toml, when it is not the first one above the working directory.
 * @returns {import("vite").Plugin}
 */
export default function viteAsset(options = {}) {
  /** @type {ReturnType<typeof readBuild>} */
  let settings;
  /** @type {string} */
  let viteRoot;
  let building = false;
  return {
    name: "vite-asset",
    config(user) {
      const cargoToml = options.cargoToml
        ? path.resolve(options.cargoToml)
        : findCargoToml(process.cwd());
      settings = readBuild(cargoToml, options.build, process.env);
      // Vite 7's rolldown and Vite 8 name the bundler's options `rolldownOptions`.
      const rolldown = Boolean(this?.meta?.rolldownVersion);
      const ours = viteSettings(settings, rolldown);
      const conflicts = differences(user, ours, settings);
      if (conflicts.length > 0) {
        const them = conflicts.length === 1 ? "it" : "them";
        throw new Error(
          `vite-asset: ${conflicts.length === 1 ? "a setting differs" : "settings differ"} between vite.config and ${settings.table} of ${cargoToml}:\n` +
            conflicts.map((line) => `  - ${line}`).join("\n") +
            `\n  to fix: remove ${them} from vite.config: Cargo.toml is where vite-asset reads ${them} at compile time, and this plugin gives ${them} to Vite`,
        );
      }
      const hmr = user.server?.hmr;
      if (settings.devProxy && basePath(ours.base) === "/" && hmr !== false && (hmr === undefined || hmr.path === undefined)) {
        // Under `base = "/"` Vite's HMR socket is at `/`, where the app's own page
        // answers it: the dev proxy forwards `/__vite…` paths to Vite, the app's never.
        ours.server.hmr = { path: HMR_PATH };
      }
      return ours;
    },
    configResolved(config) {
      viteRoot = config.root;
      building = config.command === "build";
    },
    buildStart() {
      // The DevServer serves every file of `root` as it is: nothing to emit.
      if (!building) return;
      for (const file of settings?.assets ?? []) {
        this.emitFile({
          type: "asset",
          name: path.basename(file),
          originalFileName: toPosix(path.relative(viteRoot, file)),
          source: fs.readFileSync(file),
        });
      }
    },
  };
}

/**
 * The first Cargo.toml with a `[package]` at `dir` or above it.
 * @param {string} dir
 */
export function findCargoToml(dir) {
  for (let at = path.resolve(dir); ; at = path.dirname(at)) {
    const candidate = path.join(at, "Cargo.toml");
    if (fs.existsSync(candidate) && /^\s*\[package\]/m.test(fs.readFileSync(candidate, "utf8"))) {
      return candidate;
    }
    if (path.dirname(at) === at) {
      throw new Error(
        `vite-asset: no Cargo.toml with a [package] in ${dir} or above it\n` +
          `  to fix: pass its path: viteAsset({ cargoToml: "../Cargo.toml" })`,
      );
    }
  }
}

/**
 * The settings of the build `build` (the default one when undefined) of the crate
 * whose manifest is `cargoToml`, with the `VITEASSET_*` variables of `env` over them.
 * Paths are absolute.
 * @param {string} cargoToml
 * @param {string | undefined} build
 * @param {Record<string, string | undefined>} env
 */
export function readBuild(cargoToml, build, env) {
  const crateDir = path.dirname(cargoToml);
  let parsed;
  try {
    parsed = parse(fs.readFileSync(cargoToml, "utf8"));
  } catch (error) {
    throw new Error(`vite-asset: cannot read ${cargoToml}: ${error.message}`);
  }
  const vite = parsed?.package?.metadata?.vite ?? {};
  let table = "[package.metadata.vite]";
  let metadata = vite;
  if (build !== undefined) {
    const builds = vite.builds ?? {};
    if (!Object.hasOwn(builds, build)) {
      const known = Object.keys(builds).map((name) => `\`${name}\``).join(", ") || "none";
      throw new Error(
        `vite-asset: ${cargoToml} has no build \`${build}\` (its builds: ${known})\n` +
          `  to fix: add [package.metadata.vite.builds.${build}], or name one of its builds`,
      );
    }
    table = `[package.metadata.vite.builds.${build}]`;
    metadata = builds[build];
  }
  const prefix = build === undefined ? ENV_PREFIX : `${ENV_PREFIX}${build.toUpperCase()}_`;
  /** @param {string} key */
  const setting = (key) => {
    const variable = `${prefix}${key.toUpperCase().replaceAll("-", "_")}`;
    if (env[variable]) return { value: env[variable], from: `the ${variable} environment variable` };
    if (metadata[key] !== undefined) return { value: metadata[key], from: `\`${key}\` in ${table}` };
    return undefined;
  };
  const absolute = (/** @type {string | undefined} */ relative) =>
    relative === undefined ? undefined : path.resolve(crateDir, relative);
  const base = setting("base");
  const manifest = setting("manifest");
  const outDir = setting("out-dir");
  const root = setting("root");
  const devOrigin = setting("dev-origin");
  const listed = (/** @type {string} */ key) => {
    const value = metadata[key];
    if (value === undefined) return undefined;
    if (!Array.isArray(value) || !value.every((item) => typeof item === "string")) {
      throw new Error(`vite-asset: \`${key}\` in ${table} of ${cargoToml} must be a list of paths or patterns`);
    }
    return value.flatMap((pattern) => {
      const files = expand(crateDir, pattern);
      if (files.length === 0) {
        throw new Error(
          `vite-asset: \`${pattern}\` in \`${key}\` of ${table} matches no file under ${crateDir}\n` +
            `  to fix: name files relative to the crate's directory (where Cargo.toml is)`,
        );
      }
      return files;
    });
  };
  return {
    cargoToml,
    table,
    base: { value: normalizeBase(base?.value ?? DEFAULT_BASE), from: base?.from ?? `the default of ${table}` },
    manifest: manifest && { value: absolute(manifest.value), from: manifest.from },
    outDir: outDir && { value: absolute(outDir.value), from: outDir.from },
    root: root && { value: absolute(root.value), from: root.from },
    devOrigin: {
      value: devOrigin?.value ?? DEFAULT_DEV_ORIGIN,
      from: devOrigin?.from ?? `the default of ${table}`,
    },
    devProxy: metadata["dev-proxy"] !== false,
    input: listed("input"),
    assets: listed("assets") ?? [],
  };
}

/**
 * Vite's `base`, as Vite reads it (and as vite-asset's core does): a path gets
 * a leading and a trailing `/`; a URL a trailing one; a relative base stays.
 * @param {string} base
 */
export function normalizeBase(base) {
  const relative = base === "" || base.startsWith(".");
  let normalized = relative || base.startsWith("/") || base.includes("://") ? base : `/${base}`;
  if (normalized !== "" && !normalized.endsWith("/")) normalized += "/";
  return normalized;
}

/**
 * The path of a normalized `base`, as the DevServer serves it: a URL's path, and
 * `/` for a relative base.
 * @param {string} base
 */
function basePath(base) {
  if (base.includes("://")) return new URL(base).pathname;
  return base.startsWith("/") ? base : "/";
}

/**
 * The part of Vite's configuration that `settings` give.
 * @param {ReturnType<typeof readBuild>} settings
 * @param {boolean} rolldown
 */
function viteSettings(settings, rolldown) {
  /** @type {import("vite").UserConfig} */
  const config = { base: settings.base.value, build: {}, server: {} };
  if (settings.root) config.root = settings.root.value;
  const { outDir, manifest } = output(settings);
  if (outDir !== undefined) config.build.outDir = outDir;
  config.build.manifest = manifest;
  const origin = new URL(settings.devOrigin.value);
  config.server.host = origin.hostname.replace(/^\[|\]$/g, "");
  config.server.port = Number(origin.port || (origin.protocol === "https:" ? 443 : 80));
  // Another port would not be where the Rust side links the pages to.
  config.server.strictPort = true;
  if (!settings.devProxy) config.server.origin = origin.origin;
  if (settings.input) {
    config.build[rolldown ? "rolldownOptions" : "rollupOptions"] = { input: settings.input };
  }
  return config;
}

/**
 * `build.outDir` and `build.manifest` for the manifest to land where Cargo.toml says.
 * @param {ReturnType<typeof readBuild>} settings
 */
function output(settings) {
  const manifest = settings.manifest?.value;
  const outDir = settings.outDir?.value;
  if (outDir !== undefined) {
    if (manifest === undefined) return { outDir, manifest: true };
    const relative = path.relative(outDir, manifest);
    if (relative.startsWith("..") || path.isAbsolute(relative)) {
      throw new Error(
        `vite-asset: the manifest ${manifest} (${settings.manifest.from}) is not inside the output directory ${outDir} (${settings.outDir.from})\n` +
          "  to fix: put the manifest inside `out-dir`, or leave `out-dir` out",
      );
    }
    return { outDir, manifest: toPosix(relative) };
  }
  if (manifest === undefined) return { outDir: undefined, manifest: true };
  const dir = path.dirname(manifest);
  if (path.basename(dir) === ".vite") {
    return { outDir: path.dirname(dir), manifest: toPosix(path.relative(path.dirname(dir), manifest)) };
  }
  return { outDir: dir, manifest: path.basename(manifest) };
}

/**
 * Each setting of `user` (the Vite config as written) that is given and differs
 * from `ours`, as a line that names both values.
 * @param {import("vite").UserConfig} user
 * @param {import("vite").UserConfig} ours
 * @param {ReturnType<typeof readBuild>} settings
 */
function differences(user, ours, settings) {
  const lines = [];
  const userRoot = path.resolve(user.root ?? process.cwd());
  const ourRoot = ours.root ?? userRoot;
  /** @param {string} name @param {unknown} theirs @param {unknown} mine @param {string} from */
  const compare = (name, theirs, mine, from) => {
    if (theirs === undefined || mine === undefined) return;
    if (JSON.stringify(theirs) !== JSON.stringify(mine)) {
      lines.push(`\`${name}\` is ${JSON.stringify(theirs)} in vite.config, and ${JSON.stringify(mine)} by ${from}`);
    }
  };
  if (user.base !== undefined) compare("base", normalizeBase(user.base), ours.base, settings.base.from);
  if (user.root !== undefined && settings.root) compare("root", userRoot, ourRoot, settings.root.from);
  const userBuild = user.build ?? {};
  if (userBuild.outDir !== undefined && ours.build.outDir !== undefined) {
    const from = (settings.outDir ?? settings.manifest).from;
    compare("build.outDir", path.resolve(ourRoot, userBuild.outDir), ours.build.outDir, from);
  }
  if (userBuild.manifest !== undefined && settings.manifest) {
    compare("build.manifest", userBuild.manifest === true ? ".vite/manifest.json" : userBuild.manifest, ours.build.manifest === true ? ".vite/manifest.json" : ours.build.manifest, settings.manifest.from);
  }
  const userServer = user.server ?? {};
  compare("server.port", userServer.port, ours.server.port, settings.devOrigin.from);
  if (typeof userServer.host === "string") compare("server.host", userServer.host, ours.server.host, settings.devOrigin.from);
  if (settings.input) {
    for (const key of ["rollupOptions", "rolldownOptions"]) {
      const input = userBuild[key]?.input;
      if (input === undefined) continue;
      const theirs = [input].flat().flatMap((entry) => (typeof entry === "string" ? [entry] : Object.values(entry)));
      compare(`build.${key}.input`, theirs.map((file) => path.resolve(ourRoot, file)).sort(), [...settings.input].sort(), `\`input\` in ${settings.table}`);
    }
  }
  return lines;
}

/**
 * The files under `dir` that `pattern` names: a path, or a pattern with `*`
 * (within a name), `**` (any directories) and `?`. Hidden files and
 * `node_modules` are skipped, as a walk of a project skips them.
 * @param {string} dir
 * @param {string} pattern
 */
export function expand(dir, pattern) {
  const parts = toPosix(pattern).split("/").filter((part) => part !== "" && part !== ".");
  const wild = parts.findIndex((part) => /[*?]/.test(part));
  if (wild === -1) {
    const file = path.resolve(dir, ...parts);
    return fs.existsSync(file) && fs.statSync(file).isFile() ? [file] : [];
  }
  const start = path.resolve(dir, ...parts.slice(0, wild));
  const matcher = new RegExp(
    "^" +
      parts
        .slice(wild)
        .map((part) =>
          part === "**"
            ? "(?:[^/]+/)*"
            : part.replace(/[.+^${}()|[\]\\]/g, "\\$&").replaceAll("*", "[^/]*").replaceAll("?", "[^/]") + "/",
        )
        .join("")
        .replace(/\/$/, "")
        .replace(/\(\?:\[\^\/\]\+\/\)\*$/, ".*") +
      "$",
  );
  const found = [];
  const walk = (/** @type {string} */ at, /** @type {string} */ relative) => {
    if (!fs.existsSync(at)) return;
    for (const entry of fs.readdirSync(at, { withFileTypes: true })) {
      if (entry.name.startsWith(".") || entry.name === "node_modules") continue;
      const name = relative === "" ? entry.name : `${relative}/${entry.name}`;
      if (entry.isDirectory()) walk(path.join(at, entry.name), name);
      else if (entry.isFile() && matcher.test(name)) found.push(path.join(at, entry.name));
    }
  };
  walk(start, "");
  return found.sort();
}

/** @param {string} file */
function toPosix(file) {
  return file.split(path.sep).join("/");
}
