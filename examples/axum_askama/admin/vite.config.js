// The example's admin area: a second Vite project, on the newest Vite 8, with
// its own base and its own DevServer port (the Rust crate names it the build
// `admin`, `[package.metadata.vite.builds.admin]` in Cargo.toml).
import path from "node:path";
import { fileURLToPath } from "node:url";
import { defineConfig } from "vite";

const here = path.dirname(fileURLToPath(import.meta.url));
const port = Number(process.env.VITE_PORT ?? 5174);

export default defineConfig({
  root: path.join(here, "src"),
  base: "/admin/assets/",
  build: {
    outDir: path.join(here, "dist"),
    manifest: true,
    assetsDir: "bundled",
    emptyOutDir: true,
    rolldownOptions: {
      input: [path.join(here, "src/admin.ts")],
    },
  },
  // In development the Rust server starts this DevServer and forwards the
  // pages' asset requests to it (the dev proxy): the page, its modules and the
  // files CSS names share one origin, so no `server.origin` or `server.cors`.
  server: { port, strictPort: true },
});
