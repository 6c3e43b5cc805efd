// The Vite configuration shared by every Vite version we build fixtures with.
// It follows the Flask tutorial's set-up (base `/assets/`, assets in `bundled/`,
// manifest at the root of the output directory) and adds the entries that
// `vite_tags!` needs: a JS entry importing CSS, a shared chunk, a dynamic import,
// an image asset, a nested import chain and a CSS-only entry.
import path from "node:path";
import { fileURLToPath } from "node:url";

const here = path.dirname(fileURLToPath(import.meta.url));

/** @param {string} fixtureName directory under tests/fixtures/ to write the build to */
export function fixtureConfig(fixtureName) {
  const root = path.join(here, "src");
  return {
    root,
    base: "/assets/",
    logLevel: "warn",
    build: {
      outDir: path.join(here, "..", "fixtures", fixtureName),
      manifest: "manifest.json",
      assetsDir: "bundled",
      // Emit the SVG as a file, so the manifest lists it as an asset.
      assetsInlineLimit: 0,
      rollupOptions: {
        input: [
          "script.ts",
          "styles.scss",
          "main.ts",
          "admin.ts",
          "theme.css",
          "report.ts",
        ].map((entry) => path.join(root, entry)),
      },
      emptyOutDir: true,
      copyPublicDir: false,
    },
  };
}
