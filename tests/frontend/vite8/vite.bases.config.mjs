// The same build with other values of `base`, for the crates whose Cargo.toml
// says them: tests/fixtures/vite8-root-base (`/`), vite8-admin-base
// (`/admin/assets/`) and vite8-other-base (`/static/`, which a crate that says
// `/assets/` must fail to compile against). FIXTURE_BASE picks one.
import { defineConfig } from "vite";
import { fixtureConfig } from "../config.mjs";

const fixtures = {
  "/": "vite8-root-base",
  "/admin/assets/": "vite8-admin-base",
  "/static/": "vite8-other-base",
};
const base = process.env.FIXTURE_BASE;
if (!Object.hasOwn(fixtures, base)) {
  throw new Error(`FIXTURE_BASE must be one of ${Object.keys(fixtures).join(", ")}, not ${base}`);
}

export default defineConfig({ ...fixtureConfig(fixtures[base]), base });
