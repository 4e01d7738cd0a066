// `npm run bench`: runs every benchmark in scripts/bench/ in name order against the built dist/.
// Benchmarks print their own figures; targets are checked here, not in timed tests.
import { execFileSync } from "node:child_process";
import { readdirSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";

const dir = fileURLToPath(new URL("./bench/", import.meta.url));
const only = process.argv[2];
let failed = 0;
for (const f of readdirSync(dir)
  .filter((n) => n.endsWith(".mjs"))
  .sort()) {
  if (only && !f.includes(only)) continue;
  process.stdout.write(`\n=== ${f} ===\n`);
  try {
    execFileSync(process.execPath, ["--expose-gc", join(dir, f)], { stdio: "inherit" });
  } catch {
    failed++;
  }
}
process.exitCode = failed ? 1 : 0;
