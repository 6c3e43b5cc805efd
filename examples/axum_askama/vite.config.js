// The Flask + Vite 5 tutorial's configuration, with the DevServer set up for a
// backend on another origin (Vite's backend-integration guide).
import path from "node:path";
import { fileURLToPath } from "node:url";
import { defineConfig } from "vite";

const here = path.dirname(fileURLToPath(import.meta.url));
const port = Number(process.env.VITE_PORT ?? 5173);

export default defineConfig({
  root: path.join(here, "./assets_source/"),
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
  server: {
    port,
    strictPort: true,
    // URLs Vite writes into served files (CSS `url()`, imports) point at the DevServer,
    // not at the Rust server that rendered the page.
    origin: `http://localhost:${port}`,
    // The page comes from the Rust server (http://127.0.0.1:8000): let it load modules.
    cors: { origin: /^https?:\/\/(?:localhost|127\.0\.0\.1)(?::\d+)?$/ },
  },
});
