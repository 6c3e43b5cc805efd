// The Vite 8 fixture again, with `build.chunkImportMap`: chunks import each other
// by stable names, which importmap.json (written beside the manifest) maps to the
// hashed files, so that a changed chunk does not change the names of its importers.
import { defineConfig } from "vite";
import { fixtureConfig } from "../config.mjs";

const config = fixtureConfig("vite8-importmap");
export default defineConfig({ ...config, build: { ...config.build, chunkImportMap: true } });
