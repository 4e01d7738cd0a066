import { cpSync, mkdtempSync, realpathSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";

export const FIXTURES = fileURLToPath(new URL("./fixtures", import.meta.url));

/** A fresh copy of a fixture connector with its configuration.json. */
export function connectorCopy(name: string, configuration: Record<string, string>): string {
  const dir = join(realpathSync(mkdtempSync(join(tmpdir(), "proof-"))), name);
  cpSync(join(FIXTURES, name), dir, { recursive: true });
  writeFileSync(join(dir, "configuration.json"), JSON.stringify(configuration));
  return dir;
}
