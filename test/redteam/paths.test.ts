import { execFileSync, spawn } from "node:child_process";
import { existsSync, linkSync, mkdirSync, readdirSync, readFileSync, rmSync, symlinkSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { before, call, CONNECTOR, expectRefused, expectUntouched, fixture, snapshot, type Fixture } from "./lib/issue-12a-fixture.js";

const SCAFFOLD = { name: "probe", source_type: "sample" };

/** Calls a tool with no project_dir in a workspace whose root is not a connector: the answer names the folders below. */
async function expectFolderList(f: Fixture, tool: string, args: Record<string, unknown> = {}): Promise<void> {
  const b = before(f);
  const rootBefore = snapshot(f.ws);
  const a = await call(f, tool, args);
  expect({ isError: a.isError, code: a.code }).toEqual({ isError: true, code: "not_found" });
  expect(a.text).toContain(f.conn);
  expect(a.text).toContain(f.sibling);
  expect(a.text).toMatch(/Next: Call again with project_dir set to one of them/);
  expect(a.text).not.toContain(f.outside);
  expect(snapshot(f.ws)).toEqual(rootBefore);
  expectUntouched(f, b);
}

function connectorAt(dir: string): void {
  mkdirSync(dir, { recursive: true });
  writeFileSync(join(dir, "connector.py"), CONNECTOR);
}

describe("Project folders and paths", () => {
  let f: Fixture;
  beforeEach(async () => {
    f = await fixture();
  });
  afterEach(async () => {
    await f.close();
  });

  // scaffold ---------------------------------------------------------------------------------------------------

  it("the target folder is swapped for a link to an outside folder while scaffold writes → no file lands outside", async () => {
    const target = join(f.ws, "swapped");
    const bait = join(f.outside, "bait");
    mkdirSync(target);
    mkdirSync(bait);
    const stop = join(f.base, "stop");
    // A real process keeps flipping the folder and a link to the outside (the link most of the time) while scaffold
    // runs: whatever the interleaving, no write may follow the link.
    const flipper = spawn(
      "python3",
      [
        "-c",
        "import os,sys,time\nd,away,t,stop=sys.argv[1:]\nwhile not os.path.exists(stop):\n    try:\n        os.rename(d,away); os.symlink(t,d); time.sleep(0.004); os.unlink(d); os.rename(away,d); time.sleep(0.001)\n    except OSError: pass\n",
        target,
        `${target}.away`,
        bait,
        stop,
      ],
      { stdio: "ignore" },
    );
    try {
      for (let i = 0; i < 40; i++) {
        const a = await call(f, "scaffold", { ...SCAFFOLD, project_dir: target, overwrite: true });
        expect(a.text).not.toContain(f.marker);
        expect(readdirSync(bait)).toEqual([]);
      }
    } finally {
      writeFileSync(stop, "");
      await new Promise((r) => flipper.once("exit", r));
    }
    expect(readdirSync(bait)).toEqual([]);
  });

  it("README.md in the target folder is a dangling link to a new outside file → scaffold isError outside_project, nothing created outside", async () => {
    const target = join(f.ws, "new");
    mkdirSync(target);
    symlinkSync(join(f.outside, "README-planted.md"), join(target, "README.md"));
    const b = before(f);
    expectRefused(f, await call(f, "scaffold", { ...SCAFFOLD, project_dir: target }), b);
    expect(existsSync(join(f.outside, "README-planted.md"))).toBe(false);
    expect(existsSync(join(target, "connector.py"))).toBe(false);
  });

  it(".gitignore in the target folder is a link to an outside file → scaffold overwrite=true isError outside_project, the file unchanged", async () => {
    const target = join(f.ws, "new");
    mkdirSync(target);
    symlinkSync(join(f.outside, ".gitignore"), join(target, ".gitignore"));
    const b = before(f);
    expectRefused(f, await call(f, "scaffold", { ...SCAFFOLD, project_dir: target, overwrite: true }), b);
  });

  it("connector.py in the target folder is a hard link to an outside file → scaffold overwrite=true replaces the name, the outside file unchanged", async () => {
    const target = join(f.ws, "new");
    mkdirSync(target);
    linkSync(join(f.outside, "connector.py"), join(target, "connector.py"));
    const b = before(f);
    const a = await call(f, "scaffold", { ...SCAFFOLD, project_dir: target, overwrite: true });
    expect(a.isError).toBe(false);
    expect(readFileSync(join(target, "connector.py"), "utf8")).not.toContain(f.marker);
    expectUntouched(f, b);
  });

  it("connector.py in the target folder is a link to an outside file → scaffold isError outside_project, the file unchanged", async () => {
    const target = join(f.ws, "new");
    mkdirSync(target);
    symlinkSync(join(f.outside, "connector.py"), join(target, "connector.py"));
    const b = before(f);
    expectRefused(f, await call(f, "scaffold", { ...SCAFFOLD, project_dir: target, overwrite: true }), b);
  });

  it("project_dir is a link in the workspace to an outside folder → scaffold isError outside_workspace, nothing written", async () => {
    symlinkSync(f.outside, join(f.ws, "out-link"));
    const b = before(f);
    expectRefused(f, await call(f, "scaffold", { ...SCAFFOLD, project_dir: join(f.ws, "out-link") }), b, "outside_workspace");
  });

  it("project_dir's parent is a link to an outside folder → scaffold isError outside_workspace, no folder created outside", async () => {
    symlinkSync(f.outside, join(f.ws, "out-link"));
    const b = before(f);
    expectRefused(f, await call(f, "scaffold", { ...SCAFFOLD, project_dir: join(f.ws, "out-link", "deep", "conn") }), b, "outside_workspace");
    expect(existsSync(join(f.outside, "deep"))).toBe(false);
  });

  it("project_dir is a dangling link to a new outside folder → scaffold isError outside_workspace, the folder not created", async () => {
    symlinkSync(join(f.outside, "new-conn"), join(f.ws, "dangling"));
    const b = before(f);
    expectRefused(f, await call(f, "scaffold", { ...SCAFFOLD, project_dir: join(f.ws, "dangling") }), b, "outside_workspace");
    expect(existsSync(join(f.outside, "new-conn"))).toBe(false);
  });

  it("project_dir = ../outside (relative escape) → scaffold isError outside_workspace", async () => {
    const b = before(f);
    expectRefused(f, await call(f, "scaffold", { ...SCAFFOLD, project_dir: "../outside/new" }), b, "outside_workspace");
    expect(existsSync(join(f.outside, "new"))).toBe(false);
  });

  // project_dir arguments of the other tools ------------------------------------------------------------------

  it("project_dir = ../outside → get_state isError outside_workspace", async () => {
    const b = before(f);
    expectRefused(f, await call(f, "get_state", { project_dir: "../outside" }), b, "outside_workspace");
  });

  it("project_dir is a link in the workspace to an outside folder → query_warehouse isError outside_workspace", async () => {
    symlinkSync(f.outside, join(f.ws, "out-link"));
    const b = before(f);
    expectRefused(f, await call(f, "query_warehouse", { project_dir: join(f.ws, "out-link"), sql: "SELECT * FROM stolen" }), b, "outside_workspace");
  });

  it("project_dir is a link in the workspace to an outside folder → set_state isError outside_workspace, nothing written", async () => {
    symlinkSync(f.outside, join(f.ws, "out-link"));
    const b = before(f);
    expectRefused(f, await call(f, "set_state", { project_dir: join(f.ws, "out-link"), state: { a: 1 } }), b, "outside_workspace");
  });

  it("every tool that takes a folder describes project_dir the same way → one description", async () => {
    const { tools } = await f.client.listTools();
    const withFolder = tools.filter((t) => t.name !== "scaffold" && (t.inputSchema.properties ?? {}).project_dir);
    const descriptions = new Set(withFolder.map((t) => (t.inputSchema.properties as Record<string, { description?: string }>).project_dir.description));
    expect(withFolder.map((t) => t.name).sort()).toEqual(
      [
        "deploy",
        "describe_warehouse",
        "diff_state",
        "evaluate_connector",
        "get_state",
        "install_requirements",
        "lint_connector",
        "query_warehouse",
        "reset_state",
        "run_debug",
        "run_setup_tests",
        "sample_source",
        "set_state",
      ].sort(),
    );
    expect(descriptions.size).toBe(1);
    expect([...descriptions][0]).toMatch(/lists the connector folders/);
  });

  // No project_dir in a workspace whose root is not a connector -------------------------------------------------

  it("no project_dir, two connector folders below the workspace root → run_debug isError not_found naming both", async () => {
    await expectFolderList(f, "run_debug", { engine: "embedded" });
  });

  it("no project_dir, two connector folders below the workspace root → describe_warehouse isError not_found naming both", async () => {
    await expectFolderList(f, "describe_warehouse");
  });

  it("no project_dir, two connector folders below the workspace root → query_warehouse isError not_found naming both", async () => {
    await expectFolderList(f, "query_warehouse", { sql: "SELECT 1" });
  });

  it("no project_dir, two connector folders below the workspace root → get_state isError not_found naming both", async () => {
    await expectFolderList(f, "get_state");
  });

  it("no project_dir, two connector folders below the workspace root → set_state isError not_found, nothing written at the root", async () => {
    await expectFolderList(f, "set_state", { state: { cursor: 1 } });
  });

  it("no project_dir, two connector folders below the workspace root → reset_state isError not_found naming both", async () => {
    await expectFolderList(f, "reset_state", { warehouse: true });
  });

  it("no project_dir, two connector folders below the workspace root → lint_connector isError not_found naming both", async () => {
    await expectFolderList(f, "lint_connector");
  });

  it("no project_dir, two connector folders below the workspace root → evaluate_connector isError not_found naming both", async () => {
    await expectFolderList(f, "evaluate_connector", { write_markdown: true });
  });

  it("no project_dir, two connector folders below the workspace root → install_requirements isError not_found naming both", async () => {
    await expectFolderList(f, "install_requirements");
  });

  it("no project_dir, a link in the workspace to an outside connector folder → the list leaves it out", async () => {
    writeFileSync(join(f.outside, "connector.py"), CONNECTOR);
    symlinkSync(f.outside, join(f.ws, "linked-conn"));
    const a = await call(f, "get_state");
    expect(a.code).toBe("not_found");
    expect(a.text).not.toContain("linked-conn");
    expect(a.text).not.toContain(f.outside);
  });

  it("no project_dir, a connector folder 5 levels down → the list stops at 3 levels", async () => {
    connectorAt(join(f.ws, "a", "b", "c", "d", "deep-conn"));
    connectorAt(join(f.ws, "team", "near-conn"));
    const a = await call(f, "get_state");
    expect(a.code).toBe("not_found");
    expect(a.text).toContain(join(f.ws, "team", "near-conn"));
    expect(a.text).not.toContain("deep-conn");
  });

  it("no project_dir, 30 connector folders below the root → the list stops at 20", async () => {
    for (let i = 0; i < 30; i++) connectorAt(join(f.ws, "many", `c${String(i).padStart(2, "0")}`));
    const a = await call(f, "get_state");
    expect(a.code).toBe("not_found");
    const listed = /Connector folders in the workspace: ([^\n]*)\./.exec(a.text)![1].split(", ");
    expect(listed.length).toBe(20);
    expect(a.text).toContain("(the first 20)");
  });

  it("no project_dir, a link loop in the workspace → the list still ends", async () => {
    symlinkSync(f.ws, join(f.ws, "loop"));
    symlinkSync("loop2", join(f.ws, "loop1"));
    symlinkSync("loop1", join(f.ws, "loop2"));
    await expectFolderList(f, "get_state");
  });

  it("no project_dir, the workspace root is itself a connector → get_state answers for the root", async () => {
    writeFileSync(join(f.ws, "connector.py"), CONNECTOR);
    const a = await call(f, "get_state");
    expect(a.isError).toBe(false);
    expect(a.data?.path).toBe(join(f.ws, "files", "state.json"));
  });

  it("completion of fix_failing_run's project_dir → the connector folders in the workspace, none outside", async () => {
    writeFileSync(join(f.outside, "connector.py"), CONNECTOR);
    symlinkSync(f.outside, join(f.ws, "linked-conn"));
    const r = await f.client.complete({ ref: { type: "ref/prompt", name: "fix_failing_run" }, argument: { name: "project_dir", value: "" } });
    expect(r.completion.values.sort()).toEqual([f.conn, f.sibling].sort());
  });

  it("completion of review_before_deploy's project_dir with a prefix → only the folders that start with it", async () => {
    const r = await f.client.complete({ ref: { type: "ref/prompt", name: "review_before_deploy" }, argument: { name: "project_dir", value: join(f.ws, "sib") } });
    expect(r.completion.values).toEqual([f.sibling]);
  });

  // Special files and files/ shapes ---------------------------------------------------------------------------

  it("files/storage is a link to an outside folder → run_debug isError outside_project before the run", async () => {
    mkdirSync(join(f.conn, "files"));
    symlinkSync(f.outside, join(f.conn, "files", "storage"));
    const b = before(f);
    expectRefused(f, await call(f, "run_debug", { project_dir: f.conn, engine: "embedded" }), b);
  });

  it("files is a regular file → run_debug reports the failed sync fivetran debug reports (File exists), the file and everything outside untouched", async () => {
    writeFileSync(join(f.conn, "files"), "not a folder");
    const b = before(f);
    const a = await call(f, "run_debug", { project_dir: f.conn, engine: "embedded" });
    expect(a.text).not.toContain(f.marker);
    // As `fivetran debug` (fidelity 431): connector.py loads, then making files/ fails the sync.
    expect(a.isError, a.text).toBe(false);
    expect(a.data?.status).toBe("failed");
    expect(a.text).toContain("[Errno 17] File exists");
    expect(readFileSync(join(f.conn, "files"), "utf8")).toBe("not a folder");
    expectUntouched(f, b);
  });

  it("connector.py is a FIFO → lint_connector isError invalid_argument at once, no hang", async () => {
    rmSync(join(f.conn, "connector.py"));
    execFileSync("mkfifo", [join(f.conn, "connector.py")]);
    const b = before(f);
    expectRefused(f, await call(f, "lint_connector", { project_dir: f.conn }), b, "invalid_argument");
  });

  it("configuration.json is a FIFO → run_debug isError invalid_argument at once, no hang", async () => {
    rmSync(join(f.conn, "configuration.json"));
    execFileSync("mkfifo", [join(f.conn, "configuration.json")]);
    const b = before(f);
    expectRefused(f, await call(f, "run_debug", { project_dir: f.conn, engine: "embedded" }), b, "invalid_argument");
  });

  it("requirements.txt is a FIFO → install_requirements isError invalid_argument at once, no hang", async () => {
    rmSync(join(f.conn, "requirements.txt"));
    execFileSync("mkfifo", [join(f.conn, "requirements.txt")]);
    const b = before(f);
    expectRefused(f, await call(f, "install_requirements", { project_dir: f.conn }), b, "invalid_argument");
  });

  it(".venv is a link to an outside folder → install_requirements isError outside_project before a venv is made", async () => {
    symlinkSync(f.outside, join(f.conn, ".venv"));
    const b = before(f);
    expectRefused(f, await call(f, "install_requirements", { project_dir: f.conn }), b);
  });

  it("files/state.json is a folder → get_state isError invalid_argument", async () => {
    mkdirSync(join(f.conn, "files", "state.json"), { recursive: true });
    const b = before(f);
    expectRefused(f, await call(f, "get_state", { project_dir: f.conn }), b, "invalid_argument");
  });
});
