import { mkdirSync, symlinkSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { lint } from "../../src/lint/engine.js";
import { loadProject } from "../../src/lint/project.js";
import { cleanup, writeOverlay } from "./helpers.js";

afterAll(cleanup);

describe("which Python files a lint reads", () => {
  it("survives a symlink loop in the project and reads helper modules once", async () => {
    const dir = writeOverlay({});
    mkdirSync(join(dir, "pkg"));
    writeFileSync(join(dir, "pkg", "helper.py"), "def helper():\n    return 1\n");
    // Security: a link back to the project root must not send the walk round in circles.
    symlinkSync(dir, join(dir, "pkg", "loop"));
    const files = (await loadProject(dir)).modules.map((m) => m.file);
    expect(files).toEqual(["connector.py", "pkg/helper.py"]);
    const r = await lint(dir, { generic: false });
    expect(r.summary.errors).toBeGreaterThanOrEqual(0);
  });

  it("skips virtual environments, tests and the warehouse folder", async () => {
    const dir = writeOverlay({});
    for (const d of [".venv/lib", "tests", "files"]) {
      mkdirSync(join(dir, d), { recursive: true });
      writeFileSync(join(dir, d, "x.py"), "import nothing_here\n");
    }
    writeFileSync(join(dir, "test_connector.py"), "import nothing_here\n");
    expect((await loadProject(dir)).modules.map((m) => m.file)).toEqual(["connector.py"]);
  });
});
