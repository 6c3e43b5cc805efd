// Importing chain/a from a second entry makes it a chunk of its own, so that
// main.ts -> chain/a -> chain/b is a real nested import chain in the manifest.
import { a } from "./chain/a";

console.log("report", a());
