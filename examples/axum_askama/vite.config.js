// The Flask + Vite 5 tutorial's configuration.
import path from "node:path";
import { fileURLToPath } from "node:url";
import { defineConfig } from "vite";

const here = path.dirname(fileURLToPath(import.meta.url));
const port = Number(process.env.VITE_PORT ?? 5173);

export default defineConfig({
  root: path.join(here, "./assets_source/"),
  // The same files the Rust server serves at `/` (robots.txt): Vite serves them
  // at `base` in development; the build leaves them out (`copyPublicDir`).
  publicDir: path.join(here, "public"),
  base: "/assets/",
  build: {
    outDir: path.join(here, "./assets_compiled/"),
    manifest: "manifest.json",
    assetsDir: "bundled",
    rollupOptions: {
      input: [
        path.join(here, "assets_source/script.ts"),
        path.join(here, "assets_source/styles.scss"),
        path.join(here, "assets_source/dashboard.ts"),
      ],
    },
    emptyOutDir: true,
    copyPublicDir: false,
  },
  // In development the Rust server starts this DevServer and forwards the
  // pages' asset requests to it (the dev proxy): the page, its modules and the
  // files CSS names share one origin, so no `server.origin` or `server.cors`.
  server: { port, strictPort: true },
});
