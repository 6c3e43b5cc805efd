// frontend/vite.config.ts
import { defineConfig } from "vite";
import react from "@vitejs/plugin-react";

export default defineConfig({
  plugins: [react()],
  server: {
    // The page comes from your Rust server: URLs in CSS and JS point at the DevServer,
    origin: "http://localhost:5173",
    // which lets the page's origin load modules from it.
    cors: { origin: "http://127.0.0.1:8000" },
  },
  build: {
    manifest: true, // frontend/dist/.vite/manifest.json
    rolldownOptions: { input: "src/main.tsx" },
  },
});
