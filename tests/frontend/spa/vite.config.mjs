// A single-page app that Vite builds from its index.html (tests/fixtures/spa), for
// `vite_files!(spa_fallback)`. Built with tests/frontend/vite8's Vite, so it has no
// imports of its own to resolve.
import path from "node:path";
import { fileURLToPath } from "node:url";

const here = path.dirname(fileURLToPath(import.meta.url));

export default {
  root: here,
  base: "/",
  logLevel: "warn",
  build: {
    outDir: path.join(here, "..", "..", "fixtures", "spa"),
    manifest: true,
    emptyOutDir: true,
  },
};
