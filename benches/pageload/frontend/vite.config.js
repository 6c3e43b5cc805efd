// The page-load benchmark's frontend: a React app with a router, two lazy
// routes, a vendor chunk, a chunk shared by two entries, CSS imported from JS
// in several places, a web font from npm and an image in the first screen.
import path from "node:path";
import { fileURLToPath } from "node:url";
import { defineConfig } from "vite";
import react from "@vitejs/plugin-react";

const here = path.dirname(fileURLToPath(import.meta.url));

export default defineConfig({
  plugins: [react()],
  base: "/assets/",
  build: {
    outDir: path.join(here, "dist"),
    manifest: true,
    assetsDir: "bundled",
    emptyOutDir: true,
    rolldownOptions: {
      input: [path.join(here, "src/main.tsx"), path.join(here, "src/admin.tsx")],
      output: {
        manualChunks(id) {
          if (id.includes("node_modules/react") || id.includes("node_modules/scheduler")) {
            return "vendor";
          }
        },
      },
    },
  },
});
