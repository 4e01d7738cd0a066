import { existsSync, lstatSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, realpathSync, rmSync, symlinkSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { ToolError } from "../../src/errors.js";
import { findConnectorFolders } from "../../src/workspace/workspace.js";
import { ConnectorProject } from "../../src/workspace/project.js";
import { thrown } from "../helpers/thrown.js";

const code = (fn: () => unknown): string => thrown(fn, ToolError).code;

describe("ConnectorProject", () => {
  let base: string;
  let dir: string;
  let outside: string;
  let p: ConnectorProject;
  beforeEach(() => {
    base = realpathSync(mkdtempSync(join(tmpdir(), "cproj-")));
    dir = join(base, "conn");
    outside = join(base, "outside");
    mkdirSync(dir);
    mkdirSync(outside);
    writeFileSync(join(outside, "x"), "outside");
    p = ConnectorProject.at(dir);
  });
  afterEach(() => rmSync(base, { recursive: true, force: true }));

  it("refuses .., absolute paths and NUL bytes before touching the disk", () => {
    expect(code(() => p.resolve("../outside/x"))).toBe("outside_project");
    expect(code(() => p.resolve(join(outside, "x")))).toBe("outside_project");
    expect(code(() => p.resolve("a\0b"))).toBe("invalid_argument");
  });

  it("remove() of a link inside the folder removes the link, never its target", () => {
    writeFileSync(join(dir, "target.json"), "{}");
    symlinkSync("target.json", join(dir, "link.json"));
    expect(p.remove("link.json")).toBe(true);
    expect(existsSync(join(dir, "link.json"))).toBe(false);
    expect(readFileSync(join(dir, "target.json"), "utf8")).toBe("{}");
  });

  it("remove() of a link leaving the folder is refused and removes nothing", () => {
    symlinkSync(join(outside, "x"), join(dir, "out"));
    expect(code(() => p.remove("out"))).toBe("outside_project");
    expect(lstatSync(join(dir, "out")).isSymbolicLink()).toBe(true);
    expect(readFileSync(join(outside, "x"), "utf8")).toBe("outside");
  });

  it("writeFile exclusive refuses a file already there; without it, a link to a file inside the folder writes its target", () => {
    writeFileSync(join(dir, "a"), "old");
    expect(code(() => p.writeFile("a", "new", { exclusive: true }))).toBe("already_exists");
    expect(readFileSync(join(dir, "a"), "utf8")).toBe("old");
    writeFileSync(join(dir, "b-target"), "kept");
    symlinkSync("b-target", join(dir, "b"));
    p.writeFile("b", "written");
    expect(readFileSync(join(dir, "b-target"), "utf8")).toBe("written");
  });

  it("writeFile replaceName replaces a link at the name (inside or leaving the folder) and never writes its target", () => {
    mkdirSync(join(dir, "files"));
    writeFileSync(join(dir, "saved.json"), "kept");
    symlinkSync("../saved.json", join(dir, "files", "state.json"));
    p.writeFile("files/state.json", "{}", { mode: 0o600, replaceName: true });
    const st = lstatSync(join(dir, "files", "state.json"));
    expect(st.isFile()).toBe(true);
    expect(st.mode & 0o777).toBe(0o600);
    expect(readFileSync(join(dir, "files", "state.json"), "utf8")).toBe("{}");
    expect(readFileSync(join(dir, "saved.json"), "utf8")).toBe("kept");
    symlinkSync(join(outside, "x"), join(dir, "out"));
    p.writeFile("out", "mine", { replaceName: true });
    expect(lstatSync(join(dir, "out")).isFile()).toBe(true);
    expect(readFileSync(join(outside, "x"), "utf8")).toBe("outside");
    // The parent is still resolved and checked: a folder link leaving the folder is refused, nothing is written.
    symlinkSync(outside, join(dir, "away"));
    expect(code(() => p.writeFile("away/y", "no", { replaceName: true }))).toBe("outside_project");
    expect(code(() => p.writeFile("../outside/y", "no", { replaceName: true }))).toBe("outside_project");
    expect(readdirSync(outside)).toEqual(["x"]);
    // The folder itself is never a name to replace or remove.
    expect(code(() => p.writeFile(".", "no", { replaceName: true }))).toBe("invalid_argument");
    expect(code(() => p.remove(".", { recursive: true }))).toBe("invalid_argument");
    expect(existsSync(join(dir, "saved.json"))).toBe(true);
  });

  it("mkdir() refuses a path through a link leaving the folder and creates nothing outside", () => {
    symlinkSync(outside, join(dir, "files"));
    expect(code(() => p.mkdir("files/storage/t"))).toBe("outside_project");
    expect(existsSync(join(outside, "storage"))).toBe(false);
  });

  it("list() of a folder link leaving the folder is refused", () => {
    symlinkSync(outside, join(dir, "files"));
    expect(code(() => p.list("files"))).toBe("outside_project");
  });

  it("leaves no temporary file behind after writes", () => {
    p.writeFile("files/state.json", "{}");
    p.writeFile("files/state.json", '{"a":1}');
    p.writeFile("files/new.json", "{}", { exclusive: true });
    expect(readFileSync(join(dir, "files", "state.json"), "utf8")).toBe('{"a":1}');
    expect(existsSync(join(dir, "files"))).toBe(true);
    expect(readdirSync(join(dir, "files")).sort()).toEqual(["new.json", "state.json"]);
  });
});

describe("one path layer for connector folders", () => {
  it("no module of src/ keeps a second one (resolveInside, writeNewFile, Workspace.inside)", () => {
    const sources = (readdirSync(join(__dirname, "../../src"), { recursive: true }) as string[]).filter((f) => f.endsWith(".ts"));
    const offenders = sources.filter((f) => /\bexport (async )?function (resolveInside|writeNewFile)\b|^\s*inside\(projectDir/m.test(readFileSync(join(__dirname, "../../src", f), "utf8")));
    expect(offenders).toEqual([]);
  });
});

describe("findConnectorFolders", () => {
  it("walks breadth first, nearest first, skipping hidden and dependency folders", () => {
    const root = realpathSync(mkdtempSync(join(tmpdir(), "cfind-")));
    for (const d of ["b/conn", "a", ".hidden/conn", "node_modules/pkg", "x/y/deep"]) {
      mkdirSync(join(root, d), { recursive: true });
      writeFileSync(join(root, d, "connector.py"), "");
    }
    expect(findConnectorFolders(root)).toEqual([join(root, "a"), join(root, "b", "conn"), join(root, "x", "y", "deep")]);
    expect(findConnectorFolders(root, 2)).toEqual([join(root, "a"), join(root, "b", "conn")]);
    rmSync(root, { recursive: true, force: true });
  });
});
