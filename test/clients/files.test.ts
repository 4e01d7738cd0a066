import { lstatSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, realpathSync, statSync, symlinkSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { ToolError } from "../../src/errors.js";
import { writeNewFile } from "../../src/workspace/files.js";

function project(): string {
  return realpathSync(mkdtempSync(join(tmpdir(), "files-")));
}

async function code(p: Promise<unknown>): Promise<string> {
  try {
    await p;
  } catch (e) {
    expect(e).toBeInstanceOf(ToolError);
    return (e as ToolError).code;
  }
  throw new Error("expected a ToolError");
}

describe("writeNewFile", () => {
  it("creates a new file and its folders, exclusively", async () => {
    const dir = project();
    const w = await writeNewFile(dir, "files/sub/a.txt", "hello");
    expect(w).toEqual({ path: join(dir, "files", "sub", "a.txt"), created: true, bytes: 5 });
    expect(readFileSync(w.path, "utf8")).toBe("hello");
    expect(await code(writeNewFile(dir, "files/sub/a.txt", "again"))).toBe("already_exists");
    expect(readFileSync(w.path, "utf8")).toBe("hello");
  });

  it("replaces atomically with overwrite, leaving no temp file", async () => {
    const dir = project();
    await writeNewFile(dir, "connector.py", "v1");
    const w = await writeNewFile(dir, "connector.py", "v2-longer", { overwrite: true });
    expect(w.created).toBe(false);
    expect(readFileSync(join(dir, "connector.py"), "utf8")).toBe("v2-longer");
    expect(readdirSync(dir)).toEqual(["connector.py"]);
    const fresh = await writeNewFile(dir, "README.md", "x", { overwrite: true });
    expect(fresh.created).toBe(true);
  });

  it("applies the requested mode", async () => {
    const dir = project();
    const w = await writeNewFile(dir, "secret.json", "{}", { mode: 0o600 });
    expect(statSync(w.path).mode & 0o777).toBe(0o600);
  });

  it("never writes through a symlink at the target name, dangling or not", async () => {
    const dir = project();
    const outside = project();
    symlinkSync(join(outside, "victim.txt"), join(dir, "dangling.txt"));
    // The link points out of the folder, so the sandbox refuses before any open.
    expect(await code(writeNewFile(dir, "dangling.txt", "x"))).toBe("outside_workspace");
    expect(readdirSync(outside)).toEqual([]);

    // A link that points inside: exclusive creation refuses it instead of following.
    writeFileSync(join(dir, "real.txt"), "original");
    symlinkSync(join(dir, "real.txt"), join(dir, "alias.txt"));
    expect(await code(writeNewFile(dir, "alias.txt", "x"))).toBe("already_exists");
    expect(readFileSync(join(dir, "real.txt"), "utf8")).toBe("original");
  });

  it("overwrite replaces a link itself, never its target", async () => {
    const dir = project();
    writeFileSync(join(dir, "target.txt"), "keep me");
    symlinkSync(join(dir, "target.txt"), join(dir, "link.txt"));
    // The link resolves inside, so the resolved path is the target; overwrite goes through rename.
    const w = await writeNewFile(dir, "link.txt", "new", { overwrite: true });
    expect(readFileSync(w.path, "utf8")).toBe("new");
    expect(lstatSync(join(dir, "link.txt")).isSymbolicLink()).toBe(true);
  });

  it("refuses .., absolute paths, folders out through links, NUL bytes and the folder itself", async () => {
    const dir = project();
    const outside = project();
    symlinkSync(outside, join(dir, "out"));
    mkdirSync(join(dir, "already-a-folder"));
    expect(await code(writeNewFile(dir, "../escape.txt", "x"))).toBe("outside_workspace");
    expect(await code(writeNewFile(dir, "/tmp/escape.txt", "x"))).toBe("outside_workspace");
    expect(await code(writeNewFile(dir, "out/escape.txt", "x"))).toBe("outside_workspace");
    expect(await code(writeNewFile(dir, "a\0b", "x"))).toBe("invalid_argument");
    expect(await code(writeNewFile(dir, ".", "x"))).toBe("invalid_argument");
    expect(await code(writeNewFile(dir, "already-a-folder", "x"))).toBe("already_exists");
    expect(await code(writeNewFile(dir, "already-a-folder", "x", { overwrite: true }))).toBe("already_exists");
    expect(readdirSync(outside)).toEqual([]);
  });

  it("reports a file where a folder is needed", async () => {
    const dir = project();
    writeFileSync(join(dir, "plain"), "x");
    expect(await code(writeNewFile(dir, "plain/child.txt", "x"))).toBe("invalid_argument");
  });

  it("writes bytes as given", async () => {
    const dir = project();
    const bytes = new Uint8Array([0, 1, 2, 255]);
    const w = await writeNewFile(dir, "blob.bin", bytes);
    expect(w.bytes).toBe(4);
    expect([...readFileSync(w.path)]).toEqual([0, 1, 2, 255]);
  });
});
