// The example's admin area: a second Vite project, on the newest Vite 8, with
// its own base and its own DevServer port. The Rust crate names it the build
// `admin`, and `[package.metadata.vite.builds.admin]` in Cargo.toml says all of
// that once: the plugin gives Vite its `base`, `root`, entry points, output
// directory, manifest and DevServer port from there.
//
// In development the Rust server starts this DevServer and forwards the pages'
// asset requests to it (the dev proxy): the page, its modules and the files CSS
// names share one origin, so no `server.origin` or `server.cors`.
import { defineConfig } from "vite";
import viteAsset from "vite-plugin-vite-asset";

export default defineConfig({
  plugins: [viteAsset({ build: "admin" })],
  build: {
    assetsDir: "bundled",
    emptyOutDir: true,
  },
});
