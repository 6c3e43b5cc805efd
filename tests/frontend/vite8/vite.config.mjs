import { defineConfig } from "vite";
import { fixtureConfig } from "../config.mjs";

export default defineConfig(fixtureConfig("vite8"));
