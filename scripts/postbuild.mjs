// Makes the built bin executable; npm does this on install from the registry, not for a local build.
import { chmodSync, existsSync } from "node:fs";
const bin = new URL("../dist/src/cli.js", import.meta.url);
if (existsSync(bin)) chmodSync(bin, 0o755);
