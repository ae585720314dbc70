// usage: node --import <jco>/preopen-root.mjs embed.mjs <jco dir> CORE.wasm WIT WORLD OUT.wasm
// `jco embed --world-name` (jco 1.35.0) does not pass the world on to wasm-tools (the CLI sets
// `worldName`, the embedded tool reads `world`), so a WIT package with several worlds cannot be
// embedded from the command line. This calls the same wasm-tools embed with the world set.
import { readFile, writeFile } from "node:fs/promises";
import { resolve } from "node:path";
import { pathToFileURL } from "node:url";

const [jcoDir, core, wit, world, out] = process.argv.slice(2);
const tools = await import(pathToFileURL(
  resolve(jcoDir, "node_modules/@bytecodealliance/jco-transpile/dist/wasm-tools.js")).href);
const bytes = await tools.componentEmbed({ binary: await readFile(core), witPath: resolve(wit), world });
await writeFile(out, bytes);
