// A Vite 8 + React app without the Vite plugin: the serving benchmarks serve its build.
import { defineConfig } from "vite";
import react from "@vitejs/plugin-react";

export default defineConfig({
  plugins: [react()],
  build: {
    manifest: true, // frontend/dist/.vite/manifest.json
    rolldownOptions: { input: "src/main.tsx" },
  },
});
