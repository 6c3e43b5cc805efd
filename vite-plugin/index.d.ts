import type { Plugin } from "vite";

/** The options of {@link viteAsset}. */
export interface ViteAssetOptions {
  /** A named build: `[package.metadata.vite.builds.<build>]` instead of `[package.metadata.vite]`. */
  build?: string;
  /** The crate's Cargo.toml, when it is not the first one with a `[package]` above the working directory. */
  cargoToml?: string;
}

/**
 * Vite configured from the crate's Cargo.toml: `base`, `root`, `build.outDir`,
 * `build.manifest`, the DevServer's host and port, the entry points (`input`),
 * and the files of `assets` in the manifest. A differing setting of the Vite
 * config is an error that names both values.
 */
export default function viteAsset(options?: ViteAssetOptions): Plugin;

/**
 * Where the plugin puts Vite's HMR socket (`server.hmr.path`) under `base = "/"`:
 * at `/` the app's own page would answer it; the dev proxy forwards `/__vite…` paths to Vite.
 */
export const HMR_PATH: "__vite_asset_hmr";
