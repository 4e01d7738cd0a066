import { existsSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

/**
 * The package root, found from this module's own location. Resources and the Python harness are
 * resolved from here and never from process.cwd(): clients start servers in `/` or the home folder.
 * Works both from `src/` (tests run the TypeScript) and from `dist/src/` (the built package).
 */
function findPackageRoot(): string {
  let dir = dirname(fileURLToPath(import.meta.url));
  for (;;) {
    if (existsSync(join(dir, "package.json")) && existsSync(join(dir, "resources"))) return dir;
    const parent = dirname(dir);
    if (parent === dir) throw new Error("fivetran-connector-mcp: cannot find the package root");
    dir = parent;
  }
}

export const PACKAGE_ROOT = findPackageRoot();
export const RESOURCES_DIR = join(PACKAGE_ROOT, "resources");
export const HARNESS_DIR = join(PACKAGE_ROOT, "src", "runner", "harness");
