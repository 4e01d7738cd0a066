import { execFileSync } from "node:child_process";
import { existsSync, linkSync, mkdirSync, readFileSync, symlinkSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { before, call, expectRefused, expectUntouched, fixture, type Fixture } from "./lib/issue-12a-fixture.js";

/** Plants a symbolic link at `rel` inside the connector folder. */
function link(f: Fixture, rel: string, target: string): void {
  mkdirSync(dirname(join(f.conn, rel)), { recursive: true });
  symlinkSync(target, join(f.conn, rel));
}

function state(f: Fixture, value: unknown = { cursor: "inside" }): void {
  mkdirSync(join(f.conn, "files"), { recursive: true });
  writeFileSync(join(f.conn, "files", "state.json"), JSON.stringify(value));
}

describe("Links inside the connector folder", () => {
  let f: Fixture;
  beforeEach(async () => {
    f = await fixture();
  });
  afterEach(async () => {
    await f.close();
  });

  // Reads of files/ ---------------------------------------------------------------------------------------------

  it("files/state.json is an absolute link to an outside file → get_state isError outside_project", async () => {
    link(f, "files/state.json", join(f.outside, "state.json"));
    const b = before(f);
    expectRefused(f, await call(f, "get_state", { project_dir: f.conn }), b);
  });

  it("files/state.json is a relative link ../../../outside/state.json → get_state isError outside_project", async () => {
    link(f, "files/state.json", "../../../outside/state.json");
    const b = before(f);
    expectRefused(f, await call(f, "get_state", { project_dir: f.conn }), b);
  });

  it("files/ is a link to an outside folder → get_state isError outside_project", async () => {
    link(f, "files", f.outside);
    const b = before(f);
    expectRefused(f, await call(f, "get_state", { project_dir: f.conn }), b);
  });

  it("files/ is a link to the sibling connector's files/ → get_state isError outside_project", async () => {
    link(f, "files", join(f.sibling, "files"));
    const b = before(f);
    expectRefused(f, await call(f, "get_state", { project_dir: f.conn }), b);
  });

  it("files/state.json is a link to /proc/self/environ → get_state isError outside_project, no environment", async () => {
    link(f, "files/state.json", "/proc/self/environ");
    const b = before(f);
    const a = await call(f, "get_state", { project_dir: f.conn });
    expectRefused(f, a, b);
    expect(a.text).not.toContain("PATH=");
  });

  it("files/state.json is a link to the sibling connector's state → describe_warehouse isError outside_project", async () => {
    link(f, "files/state.json", join(f.sibling, "files", "state.json"));
    const b = before(f);
    expectRefused(f, await call(f, "describe_warehouse", { project_dir: f.conn }), b);
  });

  it("files/warehouse.db is a link to an outside database → describe_warehouse isError outside_project", async () => {
    link(f, "files/warehouse.db", join(f.outside, "warehouse.db"));
    const b = before(f);
    expectRefused(f, await call(f, "describe_warehouse", { project_dir: f.conn }), b);
  });

  it("files/warehouse.db is a link to an outside database → query_warehouse isError outside_project", async () => {
    link(f, "files/warehouse.db", join(f.outside, "warehouse.db"));
    const b = before(f);
    expectRefused(f, await call(f, "query_warehouse", { project_dir: f.conn, sql: "SELECT * FROM stolen" }), b);
  });

  it("files/warehouse.db is a relative link to the sibling's database → query_warehouse isError outside_project", async () => {
    link(f, "files/warehouse.db", "../../sibling/files/warehouse.db");
    const b = before(f);
    expectRefused(f, await call(f, "query_warehouse", { project_dir: f.conn, sql: "SELECT * FROM stolen" }), b);
  });

  it("files/ is a link to an outside folder holding warehouse.db → query_warehouse isError outside_project", async () => {
    link(f, "files", f.outside);
    const b = before(f);
    expectRefused(f, await call(f, "query_warehouse", { project_dir: f.conn, sql: "SELECT * FROM stolen" }), b);
  });

  it("files/warehouse.db.wal is a link to an outside file → query_warehouse isError outside_project, the file untouched", async () => {
    mkdirSync(join(f.conn, "files"));
    execFileSync("cp", [join(f.outside, "warehouse.db"), join(f.conn, "files", "warehouse.db")]);
    link(f, "files/warehouse.db.wal", join(f.outside, "secret.txt"));
    const b = before(f);
    expectRefused(f, await call(f, "query_warehouse", { project_dir: f.conn, sql: "SELECT 1" }), b);
  });

  it("files/warehouse.db is a hard link to an outside database → query_warehouse isError outside_project", async () => {
    mkdirSync(join(f.conn, "files"));
    linkSync(join(f.outside, "warehouse.db"), join(f.conn, "files", "warehouse.db"));
    const b = before(f);
    expectRefused(f, await call(f, "query_warehouse", { project_dir: f.conn, sql: "SELECT * FROM stolen" }), b);
  });

  it("files/state.json is a hard link to an outside file → get_state isError outside_project", async () => {
    mkdirSync(join(f.conn, "files"));
    linkSync(join(f.outside, "state.json"), join(f.conn, "files", "state.json"));
    const b = before(f);
    expectRefused(f, await call(f, "get_state", { project_dir: f.conn }), b);
  });

  it("files/state.json is a FIFO → get_state isError invalid_argument at once, no hang", async () => {
    mkdirSync(join(f.conn, "files"));
    execFileSync("mkfifo", [join(f.conn, "files", "state.json")]);
    const b = before(f);
    expectRefused(f, await call(f, "get_state", { project_dir: f.conn }), b, "invalid_argument");
  });

  it("files/state.json is the current state, the newest backup a link to an outside file → diff_state isError outside_project", async () => {
    state(f);
    link(f, "files/state.json.bak-2999-01-01T00-00-00-000Z", join(f.outside, "state.json.bak-2020-01-01T00-00-00-000Z"));
    const b = before(f);
    expectRefused(f, await call(f, "diff_state", { project_dir: f.conn, from: "latest_backup", to: "current" }), b);
  });

  it("a backup named in from: is a link to an outside file → diff_state isError outside_project", async () => {
    state(f);
    link(f, "files/state.json.bak-x", join(f.outside, "state.json"));
    const b = before(f);
    expectRefused(f, await call(f, "diff_state", { project_dir: f.conn, from: "state.json.bak-x", to: "current" }), b);
  });

  it("files/state.json is a link to an outside file → diff_state from inline JSON to current isError outside_project", async () => {
    link(f, "files/state.json", join(f.outside, "state.json"));
    const b = before(f);
    expectRefused(f, await call(f, "diff_state", { project_dir: f.conn, from: "{}", to: "current" }), b);
  });

  it("a backup is a link to an outside file → get_state lists it without reading it, no outside byte", async () => {
    state(f);
    link(f, "files/state.json.bak-2999-01-01T00-00-00-000Z", join(f.outside, "state.json"));
    const b = before(f);
    const a = await call(f, "get_state", { project_dir: f.conn });
    expect(a.isError).toBe(false);
    expect(a.text).not.toContain(f.marker);
    expect(a.data?.state).toEqual({ cursor: "inside" });
    expectUntouched(f, b);
  });

  // Writes and deletes of files/ --------------------------------------------------------------------------------

  it("files/state.json is a link to an outside file → set_state isError outside_project, the file unchanged", async () => {
    link(f, "files/state.json", join(f.outside, "state.json"));
    const b = before(f);
    expectRefused(f, await call(f, "set_state", { project_dir: f.conn, state: { cursor: "pwned" } }), b);
  });

  it("files/ is a link to an outside folder → set_state isError outside_project, nothing written there", async () => {
    link(f, "files", f.outside);
    const b = before(f);
    expectRefused(f, await call(f, "set_state", { project_dir: f.conn, state: { cursor: "pwned" } }), b);
  });

  it("files/state.json is a dangling link to a new outside file → set_state isError outside_project, nothing created", async () => {
    link(f, "files/state.json", join(f.outside, "created-by-set-state.json"));
    const b = before(f);
    expectRefused(f, await call(f, "set_state", { project_dir: f.conn, state: { cursor: "pwned" } }), b);
    expect(existsSync(join(f.outside, "created-by-set-state.json"))).toBe(false);
  });

  it("files/ is a dangling link to a new outside folder → set_state isError outside_project, no folder created", async () => {
    link(f, "files", join(f.outside, "newdir"));
    const b = before(f);
    expectRefused(f, await call(f, "set_state", { project_dir: f.conn, state: { cursor: "pwned" } }), b);
    expect(existsSync(join(f.outside, "newdir"))).toBe(false);
  });

  it("files/state.json is a hard link to an outside file → set_state isError outside_project, the outside file unchanged", async () => {
    mkdirSync(join(f.conn, "files"));
    linkSync(join(f.outside, "state.json"), join(f.conn, "files", "state.json"));
    const b = before(f);
    expectRefused(f, await call(f, "set_state", { project_dir: f.conn, state: { cursor: "pwned" } }), b);
  });

  it("files/state.json is a link to an outside file → reset_state isError outside_project, the file not deleted", async () => {
    link(f, "files/state.json", join(f.outside, "state.json"));
    const b = before(f);
    expectRefused(f, await call(f, "reset_state", { project_dir: f.conn }), b);
  });

  it("files/warehouse.db is a link to an outside database → reset_state warehouse=true isError outside_project, nothing deleted", async () => {
    state(f);
    link(f, "files/warehouse.db", join(f.outside, "warehouse.db"));
    const b = before(f);
    expectRefused(f, await call(f, "reset_state", { project_dir: f.conn, warehouse: true }), b);
    expect(existsSync(join(f.conn, "files", "state.json"))).toBe(true);
  });

  it("files/warehouse.db.wal is a link to an outside file → reset_state warehouse=true isError outside_project, nothing deleted", async () => {
    state(f);
    link(f, "files/warehouse.db.wal", join(f.outside, "secret.txt"));
    const b = before(f);
    expectRefused(f, await call(f, "reset_state", { project_dir: f.conn, warehouse: true }), b);
  });

  it("files/ is a link to the sibling connector's files/ → reset_state warehouse=true isError outside_project, the sibling keeps its rows", async () => {
    link(f, "files", join(f.sibling, "files"));
    const b = before(f);
    expectRefused(f, await call(f, "reset_state", { project_dir: f.conn, warehouse: true }), b);
  });

  // run_debug and evaluate_connector ------------------------------------------------------------------------------

  it("files/state.json is a link to an outside file → run_debug isError outside_project before the run", async () => {
    link(f, "files/state.json", join(f.outside, "state.json"));
    const b = before(f);
    expectRefused(f, await call(f, "run_debug", { project_dir: f.conn, engine: "embedded" }), b);
  });

  it("files/ is a link to an outside folder → run_debug isError outside_project, no warehouse written there", async () => {
    link(f, "files", f.outside);
    const b = before(f);
    expectRefused(f, await call(f, "run_debug", { project_dir: f.conn, engine: "embedded" }), b);
  });

  it("files/ is a dangling link to a new outside folder → run_debug isError outside_project, the folder not created", async () => {
    link(f, "files", join(f.outside, "newfiles"));
    const b = before(f);
    expectRefused(f, await call(f, "run_debug", { project_dir: f.conn, engine: "embedded" }), b);
    expect(existsSync(join(f.outside, "newfiles"))).toBe(false);
  });

  it("files/warehouse.db is a link to an outside database → run_debug reset=true isError outside_project, the database intact", async () => {
    link(f, "files/warehouse.db", join(f.outside, "warehouse.db"));
    const b = before(f);
    expectRefused(f, await call(f, "run_debug", { project_dir: f.conn, engine: "embedded", reset: true }), b);
  });

  it("files/warehouse.db.tmp (DuckDB's spill folder) is a link to an outside folder → run_debug isError outside_project", async () => {
    link(f, "files/warehouse.db.tmp", f.outside);
    const b = before(f);
    expectRefused(f, await call(f, "run_debug", { project_dir: f.conn, engine: "embedded" }), b);
  });

  it(".ftmcp-evaluation-aside is a link to an outside folder holding files/ → run_debug moves nothing in or out and keeps the folder's own files/", async () => {
    mkdirSync(join(f.outside, "aside", "files"), { recursive: true });
    writeFileSync(join(f.outside, "aside", "files", "state.json"), JSON.stringify({ stolen: f.marker }));
    state(f);
    writeFileSync(join(f.conn, "files", "mine.txt"), "the user's own file");
    link(f, ".ftmcp-evaluation-aside", join(f.outside, "aside"));
    const b = before(f);
    const a = await call(f, "run_debug", { project_dir: f.conn, engine: "embedded" });
    expect(a.text).not.toContain(f.marker);
    expect(a.isError).toBe(false);
    expectUntouched(f, b);
    expect(readFileSync(join(f.conn, "files", "mine.txt"), "utf8")).toBe("the user's own file");
    expect(readFileSync(join(f.conn, "files", "state.json"), "utf8")).not.toContain(f.marker);
  });

  it(".ftmcp-evaluation-aside is a link to an empty outside folder → evaluate_connector isError outside_project, files/ kept", async () => {
    mkdirSync(join(f.outside, "empty"));
    state(f);
    link(f, ".ftmcp-evaluation-aside", join(f.outside, "empty"));
    const b = before(f);
    expectRefused(f, await call(f, "evaluate_connector", { project_dir: f.conn, wait_seconds: 50 }), b);
    expect(JSON.parse(readFileSync(join(f.conn, "files", "state.json"), "utf8"))).toEqual({ cursor: "inside" });
  });

  it("a .ftmcp-evaluation-aside folder the server did not make, holding files/ → run_debug leaves both where they are", async () => {
    mkdirSync(join(f.conn, ".ftmcp-evaluation-aside", "files"), { recursive: true });
    writeFileSync(join(f.conn, ".ftmcp-evaluation-aside", "files", "state.json"), JSON.stringify({ planted: 1 }));
    state(f);
    writeFileSync(join(f.conn, "files", "mine.txt"), "the user's own file");
    const a = await call(f, "run_debug", { project_dir: f.conn, engine: "embedded" });
    expect(a.isError).toBe(false);
    expect(readFileSync(join(f.conn, "files", "mine.txt"), "utf8")).toBe("the user's own file");
    expect(existsSync(join(f.conn, ".ftmcp-evaluation-aside", "files", "state.json"))).toBe(true);
  });

  it("a .ftmcp-evaluation-aside folder the server did not make → evaluate_connector isError invalid_argument, files/ kept", async () => {
    mkdirSync(join(f.conn, ".ftmcp-evaluation-aside", "files"), { recursive: true });
    state(f);
    const a = await call(f, "evaluate_connector", { project_dir: f.conn, wait_seconds: 50 });
    expect({ isError: a.isError, code: a.code }).toEqual({ isError: true, code: "invalid_argument" });
    expect(a.text).toContain(".ftmcp-evaluation-aside");
    expect(JSON.parse(readFileSync(join(f.conn, "files", "state.json"), "utf8"))).toEqual({ cursor: "inside" });
  });

  it("files/storage/tester is a link to an outside folder, the connector uploads a file → run_debug fails the sync, no folder or file created outside", async () => {
    writeFileSync(
      join(f.conn, "connector.py"),
      [
        "import io",
        "from fivetran_connector_sdk import Connector, FileUpload, Operations as op",
        "def update(configuration, state):",
        '    op.upsert("docs", {"id": 1}, file=FileUpload(path="a/one.txt", stream=io.BytesIO(b"one")))',
        "    op.checkpoint({})",
        "connector = Connector(update=update)",
        "",
      ].join("\n"),
    );
    link(f, "files/storage/tester", f.outside);
    const b = before(f);
    const a = await call(f, "run_debug", { project_dir: f.conn, engine: "embedded" });
    expect(a.text).not.toContain(f.marker);
    expect(a.isError).toBe(false);
    expect(a.data?.status).toBe("failed");
    expectUntouched(f, b);
  });

  it("files/state.json is a dangling link to a new outside file → run_debug isError outside_project, nothing created", async () => {
    link(f, "files/state.json", join(f.outside, "new-state.json"));
    const b = before(f);
    expectRefused(f, await call(f, "run_debug", { project_dir: f.conn, engine: "embedded" }), b);
    expect(existsSync(join(f.outside, "new-state.json"))).toBe(false);
  });

  it("configuration.json is a link to an outside file → run_debug isError outside_project, no outside value in the answer", async () => {
    execFileSync("rm", [join(f.conn, "configuration.json")]);
    link(f, "configuration.json", join(f.outside, "configuration.json"));
    const b = before(f);
    expectRefused(f, await call(f, "run_debug", { project_dir: f.conn, engine: "embedded" }), b);
  });

  it("connector.py is a link to an outside file → run_debug isError outside_project, the outside code not run", async () => {
    execFileSync("rm", [join(f.conn, "connector.py")]);
    link(f, "connector.py", join(f.outside, "connector.py"));
    const b = before(f);
    expectRefused(f, await call(f, "run_debug", { project_dir: f.conn, engine: "embedded" }), b);
  });

  it("files/state.json is a link to an outside file → run_debug with the real SDK isError outside_project", async () => {
    link(f, "files/state.json", join(f.outside, "state.json"));
    const b = before(f);
    expectRefused(f, await call(f, "run_debug", { project_dir: f.conn, engine: "sdk" }), b);
  });

  it("EVALUATION.md is a link to an outside file → evaluate_connector isError outside_project, the file unchanged", async () => {
    link(f, "EVALUATION.md", join(f.outside, "EVALUATION.md"));
    const b = before(f);
    expectRefused(f, await call(f, "evaluate_connector", { project_dir: f.conn, timeout_seconds: 60 }), b);
  });

  it("EVALUATION.md is a dangling link to a new outside file → evaluate_connector isError outside_project, nothing created", async () => {
    link(f, "EVALUATION.md", join(f.outside, "NEW.md"));
    const b = before(f);
    expectRefused(f, await call(f, "evaluate_connector", { project_dir: f.conn, timeout_seconds: 60 }), b);
    expect(existsSync(join(f.outside, "NEW.md"))).toBe(false);
  });

  it("files/ is a link to an outside folder → evaluate_connector isError outside_project, nothing written there", async () => {
    link(f, "files", f.outside);
    const b = before(f);
    expectRefused(f, await call(f, "evaluate_connector", { project_dir: f.conn, timeout_seconds: 60, write_markdown: false }), b);
  });

  // lint, install, deploy: reads of the connector's own files ---------------------------------------------------

  it("connector.py is a link to an outside file → lint_connector isError outside_project, no outside line quoted", async () => {
    execFileSync("rm", [join(f.conn, "connector.py")]);
    link(f, "connector.py", join(f.outside, "connector.py"));
    const b = before(f);
    expectRefused(f, await call(f, "lint_connector", { project_dir: f.conn }), b);
  });

  it("configuration.json is a link to an outside file → lint_connector isError outside_project, no outside value quoted", async () => {
    execFileSync("rm", [join(f.conn, "configuration.json")]);
    link(f, "configuration.json", join(f.outside, "configuration.json"));
    const b = before(f);
    expectRefused(f, await call(f, "lint_connector", { project_dir: f.conn }), b);
  });

  it("requirements.txt is a link to an outside file → lint_connector isError outside_project, no outside line quoted", async () => {
    execFileSync("rm", [join(f.conn, "requirements.txt")]);
    link(f, "requirements.txt", join(f.outside, "requirements.txt"));
    const b = before(f);
    expectRefused(f, await call(f, "lint_connector", { project_dir: f.conn }), b);
  });

  it(".gitignore is a link to an outside file → lint_connector isError outside_project, no outside line quoted", async () => {
    link(f, ".gitignore", join(f.outside, ".gitignore"));
    const b = before(f);
    expectRefused(f, await call(f, "lint_connector", { project_dir: f.conn }), b);
  });

  it("connector.py is a link to an outside file → lint_connector fix=true isError outside_project, the file unchanged", async () => {
    writeFileSync(join(f.outside, "connector.py"), `# ${f.marker}\nimport os\nimport sys\n`);
    execFileSync("rm", [join(f.conn, "connector.py")]);
    link(f, "connector.py", join(f.outside, "connector.py"));
    const b = before(f);
    expectRefused(f, await call(f, "lint_connector", { project_dir: f.conn, fix: true }), b);
  });

  it("connector.py is a hard link to an outside file → lint_connector fix=true isError outside_project, the outside file unchanged", async () => {
    writeFileSync(join(f.outside, "connector.py"), `# ${f.marker}\nimport os\nimport sys\n`);
    execFileSync("rm", [join(f.conn, "connector.py")]);
    linkSync(join(f.outside, "connector.py"), join(f.conn, "connector.py"));
    const b = before(f);
    expectRefused(f, await call(f, "lint_connector", { project_dir: f.conn, fix: true }), b);
  });

  it("requirements.txt is a link to an outside file → install_requirements isError outside_project before pip runs", async () => {
    execFileSync("rm", [join(f.conn, "requirements.txt")]);
    link(f, "requirements.txt", join(f.outside, "requirements.txt"));
    const b = before(f);
    expectRefused(f, await call(f, "install_requirements", { project_dir: f.conn, timeout_seconds: 30 }), b);
    expect(existsSync(join(f.conn, ".venv"))).toBe(false);
  });

  it("requirements.txt includes -r ../../outside/requirements.txt → install_requirements isError outside_project before pip runs", async () => {
    writeFileSync(join(f.conn, "requirements.txt"), "-r ../../outside/requirements.txt\n");
    const b = before(f);
    expectRefused(f, await call(f, "install_requirements", { project_dir: f.conn, timeout_seconds: 30 }), b);
    expect(existsSync(join(f.conn, ".venv"))).toBe(false);
  });

  it("requirements.txt includes a file inside that is a link to an outside file → install_requirements isError outside_project", async () => {
    writeFileSync(join(f.conn, "requirements.txt"), "--constraint=constraints.txt\n");
    symlinkSync(join(f.outside, "requirements.txt"), join(f.conn, "constraints.txt"));
    const b = before(f);
    expectRefused(f, await call(f, "install_requirements", { project_dir: f.conn, timeout_seconds: 30 }), b);
    expect(existsSync(join(f.conn, ".venv"))).toBe(false);
  });

  it("configuration.json is a link to an outside file → deploy isError outside_project before fivetran runs", async () => {
    execFileSync("rm", [join(f.conn, "configuration.json")]);
    link(f, "configuration.json", join(f.outside, "configuration.json"));
    const b = before(f);
    expectRefused(f, await call(f, "deploy", { project_dir: f.conn, destination: "d", connection: "c" }), b);
  });

  it("requirements.txt is a link to an outside file → deploy isError outside_project before fivetran runs", async () => {
    execFileSync("rm", [join(f.conn, "requirements.txt")]);
    link(f, "requirements.txt", join(f.outside, "requirements.txt"));
    const b = before(f);
    expectRefused(f, await call(f, "deploy", { project_dir: f.conn, destination: "d", connection: "c" }), b);
  });

  it("a data file in the folder is a link to an outside secret → deploy isError outside_project, nothing packaged", async () => {
    link(f, "data/secret.txt", join(f.outside, "secret.txt"));
    const b = before(f);
    expectRefused(f, await call(f, "deploy", { project_dir: f.conn, destination: "d", connection: "c" }), b);
  });

  // Links that stay inside, chains and loops ---------------------------------------------------------------------

  it("files/state.json is a link to a file inside the folder → get_state reads it", async () => {
    writeFileSync(join(f.conn, "saved-state.json"), JSON.stringify({ cursor: "from-inside-link" }));
    link(f, "files/state.json", "../saved-state.json");
    const a = await call(f, "get_state", { project_dir: f.conn });
    expect(a.isError).toBe(false);
    expect(a.data?.state).toEqual({ cursor: "from-inside-link" });
  });

  it("files/ is a link to a folder inside the connector folder → set_state writes there", async () => {
    mkdirSync(join(f.conn, "data"));
    link(f, "files", "data");
    const b = before(f);
    const a = await call(f, "set_state", { project_dir: f.conn, state: { cursor: "kept-inside" } });
    expect(a.isError).toBe(false);
    expect(JSON.parse(readFileSync(join(f.conn, "data", "state.json"), "utf8"))).toEqual({ cursor: "kept-inside" });
    expectUntouched(f, b);
  });

  it("a chain of 30 links ending outside → get_state isError outside_project", async () => {
    mkdirSync(join(f.conn, "files"));
    let target = join(f.outside, "state.json");
    for (let i = 0; i < 30; i++) {
      symlinkSync(target, join(f.conn, "files", `hop${i}`));
      target = `hop${i}`;
    }
    symlinkSync(target, join(f.conn, "files", "state.json"));
    const b = before(f);
    expectRefused(f, await call(f, "get_state", { project_dir: f.conn }), b);
  });

  it("a chain of 60 links (past the kernel's 40) ending outside → get_state isError outside_project, no hang", async () => {
    mkdirSync(join(f.conn, "files"));
    let target = join(f.outside, "state.json");
    for (let i = 0; i < 60; i++) {
      symlinkSync(target, join(f.conn, "files", `hop${i}`));
      target = `hop${i}`;
    }
    symlinkSync(target, join(f.conn, "files", "state.json"));
    const b = before(f);
    expectRefused(f, await call(f, "get_state", { project_dir: f.conn }), b);
  });

  it("files/state.json is a link loop (a → b → a) → get_state isError invalid_argument, no hang", async () => {
    mkdirSync(join(f.conn, "files"));
    symlinkSync("b", join(f.conn, "files", "a"));
    symlinkSync("a", join(f.conn, "files", "b"));
    symlinkSync("a", join(f.conn, "files", "state.json"));
    const b = before(f);
    expectRefused(f, await call(f, "get_state", { project_dir: f.conn }), b, "invalid_argument");
  });

  it("files/ is a link to itself → set_state isError invalid_argument, no hang", async () => {
    symlinkSync("files", join(f.conn, "files"));
    const b = before(f);
    expectRefused(f, await call(f, "set_state", { project_dir: f.conn, state: {} }), b, "invalid_argument");
  });
});
