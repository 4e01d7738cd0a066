import { mkdirSync, mkdtempSync, readdirSync, realpathSync, renameSync, rmSync, symlinkSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { ToolError } from "../../src/errors.js";
import { openProject } from "../../src/mcp/project.js";
import type { ToolContext } from "../../src/mcp/tool.js";

// The window between the workspace's check of project_dir and the project layer's own resolution of it: a folder
// swapped for a link to an outside folder right after the check must not become the project (the scaffold probe of
// test/redteam/paths.test.ts once wrote a whole connector into the outside folder under load this way).
describe("openProject", () => {
  const base = realpathSync(mkdtempSync(join(tmpdir(), "open-project-")));
  afterEach(() => rmSync(base, { recursive: true, force: true }));

  it("refuses a folder replaced by a link between the workspace check and the project's resolution", async () => {
    const dir = join(base, "ws", "connector");
    const outside = join(base, "outside");
    mkdirSync(dir, { recursive: true });
    mkdirSync(outside);
    const ctx = {
      workspace: {
        // The check passes on the real folder; then, before openProject resolves it, the folder is swapped.
        projectDir: async () => {
          const real = realpathSync(dir);
          renameSync(dir, `${dir}.away`);
          symlinkSync(outside, dir);
          return real;
        },
      },
    } as unknown as Pick<ToolContext, "workspace">;
    const err = await openProject(ctx, dir).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(ToolError);
    expect((err as ToolError).code).toBe("outside_workspace");
    expect(readdirSync(outside)).toEqual([]);
  });

  it("opens a folder that stays as it was checked", async () => {
    const dir = join(base, "ws2", "connector");
    mkdirSync(dir, { recursive: true });
    const ctx = { workspace: { projectDir: async () => realpathSync(dir) } } as unknown as Pick<ToolContext, "workspace">;
    expect((await openProject(ctx, dir)).root).toBe(realpathSync(dir));
  });
});
