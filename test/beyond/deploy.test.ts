import { copyFileSync, mkdirSync, readFileSync, symlinkSync, unlinkSync, writeFileSync } from "node:fs";
import { z } from "zod";
import { delimiter, dirname, join } from "node:path";
import { describe, expect, it } from "vitest";
import { checkConnectionName } from "../../src/deploy/checks.js";
import { planDeploy, runDeploy } from "../../src/deploy/index.js";
import { parseDeployOutput } from "../../src/deploy/output.js";
import { makeProject } from "./helpers.js";
import { deploy } from "../../tools/deploy.js";
import { installRequirementsTool } from "../../tools/install_requirements.js";

// The Fivetran API is out of reach in tests (network, a real account): a recorded fake of the
// `fivetran` executable stands in for it, first on PATH. Everything on our side is real.
const FAKE_BIN = join(import.meta.dirname, "fixtures", "fake-fivetran");
const KEY = "ZmFrZWtleTpmYWtlc2VjcmV0MTIzNDU2Nzg5"; // base64 of a made-up key:secret

function env(mode: string, record: string, extra: NodeJS.ProcessEnv = {}): NodeJS.ProcessEnv {
  // The fake reads its outcome from the connector folder: the CLI gets an allow-listed environment.
  writeFileSync(join(dirname(record), ".fake-fivetran.json"), JSON.stringify({ mode, record }));
  return { PATH: `${FAKE_BIN}${delimiter}${process.env.PATH}`, HOME: process.env.HOME, FIVETRAN_API_KEY: KEY, FAKE_FIVETRAN_MODE: mode, FAKE_FIVETRAN_RECORD: record, ...extra };
}

// A connector the linter finds no error in: the pre-deploy checks run the lint rules over the folder.
const CONNECTOR = `from fivetran_connector_sdk import Connector, Operations as op, Logging as log


def schema(configuration: dict):
    return [{"table": "items", "primary_key": ["id"]}]


def update(configuration: dict, state: dict):
    log.info("sync started")
    op.upsert(table="items", data={"id": 1})
    op.checkpoint(state=state)


connector = Connector(update=update, schema=schema)
`;

const goodProject = () =>
  makeProject({
    "connector.py": CONNECTOR,
    "configuration.json": JSON.stringify({ api_token: "tok-very-secret-123" }),
    "requirements.txt": "six==1.16.0\n",
  });

describe("pre-deploy checks", () => {
  it("applies the connection name rule of the SDK", () => {
    expect(checkConnectionName("my_conn_2")).toEqual([]);
    const [c] = checkConnectionName("My-Conn");
    expect(c.severity).toBe("error");
    expect(c.hint).toContain("my_conn");
    expect(checkConnectionName("2abc")[0].hint).toContain("_2abc");
  });
  it("takes the file checks from the lint rules, and reports each defect once", async () => {
    const dir = makeProject({ "connector.py": CONNECTOR, "configuration.json": JSON.stringify({ api_token: "x", page_size: 100 }), "requirements.txt": "requests==2.32.3\nsix\n" });
    const plan = await planDeploy({ projectDir: dir, destination: "d", connection: "c", env: env("created", join(dir, "record.json")) });
    const rules = plan.checks.map((c) => `${c.rule}:${c.severity}`).sort();
    // FT051: a non-string configuration value; FT061: requests is pre-installed (deploy refuses it); FT062: unpinned.
    expect(rules).toEqual(["FT051:error", "FT061:error", "FT062:warning"]);
    expect(plan.blocking.map((c) => c.rule).sort()).toEqual(["FT051", "FT061"]);
    expect(plan.checks.find((c) => c.rule === "FT051")).toMatchObject({ file: "configuration.json", doc_uri: "connector-sdk://lint-rules/FT051" });
  });
  it("blocks on requirements that pin the SDK, a bad name, and a missing key, before running anything", async () => {
    const dir = makeProject({ "connector.py": CONNECTOR, "requirements.txt": "fivetran-connector-sdk==3.0.0\n" });
    const record = join(dir, "record.json");
    const plan = await planDeploy({ projectDir: dir, destination: "d", connection: "Bad Name", env: env("created", record, { FIVETRAN_API_KEY: "" }) });
    expect(plan.blocking.map((c) => c.rule).sort()).toEqual(["FT060", "api_key", "connection_name"]);
    await expect(runDeploy(plan, { projectDir: dir })).rejects.toMatchObject({ code: "deploy" });
    expect(() => readFileSync(record)).toThrow();
  });
  it("warns once about a missing configuration.json (lint's FT05F is an error for fivetran debug, not for deploying to an existing connection)", async () => {
    const dir = goodProject();
    unlinkSync(join(dir, "configuration.json"));
    const plan = await planDeploy({ projectDir: dir, destination: "d", connection: "c", env: env("created", join(dir, "record.json")) });
    expect(plan.checks.filter((c) => c.file === "configuration.json").map((c) => `${c.rule}:${c.severity}`)).toEqual(["configuration:warning"]);
    expect(plan.blocking).toEqual([]);
  });
  it("says how to get the SDK when no fivetran command exists", async () => {
    const dir = goodProject();
    await expect(planDeploy({ projectDir: dir, destination: "d", connection: "c", python: "/usr/bin/python3", env: { PATH: "/nonexistent", FIVETRAN_API_KEY: KEY } })).rejects.toMatchObject({
      code: "sdk_not_installed",
    });
  });
});

describe("where deploy's fivetran command comes from", () => {
  it("refuses the folder's .venv, and no tool text sends the user to install it there for deploy", async () => {
    // What install_requirements include_sdk=true leaves: .venv/bin/fivetran beside .venv/bin/python.
    const dir = goodProject();
    mkdirSync(join(dir, ".venv", "bin"), { recursive: true });
    copyFileSync(join(FAKE_BIN, "fivetran"), join(dir, ".venv", "bin", "fivetran"));
    symlinkSync("/usr/bin/python3", join(dir, ".venv", "bin", "python"));
    await expect(planDeploy({ projectDir: dir, destination: "d", connection: "c", env: { PATH: "/nonexistent", FIVETRAN_API_KEY: KEY } })).rejects.toMatchObject({
      code: "sdk_not_installed",
    });
    // A new user met exactly this loop: deploy's description said install_requirements include_sdk=true installs
    // its command, and deploy then refused that very command.
    const texts = [deploy.description, JSON.stringify(z.toJSONSchema(z.object(deploy.input))), JSON.stringify(z.toJSONSchema(z.object(installRequirementsTool.input)))];
    for (const t of texts) {
      expect(t).not.toMatch(/include_sdk=true installs it|\.venv, then PATH|into \.venv, for engine 'sdk' and deploy/);
    }
    expect(deploy.description).toContain("outside the connector folder");
  });
});

describe("fivetran deploy (recorded fake on PATH)", () => {
  it("creates a connection, passes the key only through the environment, never echoes it", async () => {
    const dir = goodProject();
    const record = join(dir, "record.json");
    const lines: string[] = [];
    const opts = {
      projectDir: dir,
      destination: "warehouse_1",
      connection: "my_conn",
      pythonVersion: "3.12" as const,
      python: "/usr/bin/python3",
      env: env("created", record),
      onLine: (l: string) => lines.push(l),
    };
    const plan = await planDeploy(opts);
    expect(plan.fivetran).toBe(join(FAKE_BIN, "fivetran"));
    expect(plan.blocking).toEqual([]);
    const r = await runDeploy(plan, opts);
    expect(r.outcome).toBe("created");
    expect(r.connectionId).toBe("conn_new_7");
    expect(r.runtimePythonVersion).toBe("3.12");
    expect(r.dashboardUrl).toBe("https://fivetran.com/dashboard/connections/conn_new_7/status");

    const rec = JSON.parse(readFileSync(record, "utf8")) as { argv: string[]; api_key: string };
    expect(rec.api_key).toBe(KEY);
    expect(rec.argv).toEqual([
      "deploy",
      dir,
      "--destination",
      "warehouse_1",
      "--connection",
      "my_conn",
      "--configuration",
      join(dir, "configuration.json"),
      "--python-version",
      "3.12",
      "--non-interactive",
    ]);
    expect(rec.argv.join(" ")).not.toContain(KEY);
    // Security: neither the key nor the 8-character prefix the CLI prints reaches our output.
    const everything = JSON.stringify(r) + lines.join("\n");
    expect(everything).not.toContain(KEY.slice(0, 8));
    expect(everything).toContain("--api-key ****");
  });

  it("leaves an existing connection alone unless allow_update, then updates it", async () => {
    const dir = goodProject();
    const record = join(dir, "record.json");
    const base = { projectDir: dir, destination: "d", connection: "c", python: "/usr/bin/python3", env: env("exists", record) };
    const declined = await runDeploy(await planDeploy(base), base);
    expect(declined.outcome).toBe("update_declined");
    const yes = { ...base, allowUpdate: true };
    const updated = await runDeploy(await planDeploy(yes), yes);
    expect(updated.outcome).toBe("updated");
    expect(updated.connectionId).toBe("conn_existing_42");
    expect((JSON.parse(readFileSync(record, "utf8")) as { argv: string[] }).argv).toContain("--yes");
  });

  it("reports failed setup tests and API errors with secrets masked", async () => {
    const dir = goodProject();
    const record = join(dir, "record.json");
    const o1 = { projectDir: dir, destination: "d", connection: "c", python: "/usr/bin/python3", env: env("setup_failed", record) };
    const failed = await runDeploy(await planDeploy(o1), o1);
    expect(failed.outcome).toBe("setup_tests_failed");
    expect(failed.connectionId).toBe("conn_new_7");
    expect(failed.failedTests).toEqual([{ title: "Connecting to the source", status: "FAILED", message: "401 Unauthorized for key ****" }]);
    const o2 = { ...o1, env: env("bad_destination", record) };
    const bad = await runDeploy(await planDeploy(o2), o2);
    expect(bad.outcome).toBe("failed");
    expect(bad.errors).toEqual(["failed to deploy; destination 'd' not found in account"]);
  });
});

describe("deploy output parser", () => {
  it("reads the real CLI's success block with colour codes and icons", () => {
    const out =
      "\x1b[0m✓ connection created\n  connection id: abc_def\n  runtime python version: 3.13\n  naming strategy: SOURCE_NAMING\nvisit the Fivetran dashboard to start the initial sync:\nhttps://fivetran.com/dashboard/connections/abc_def/status\n";
    expect(parseDeployOutput(out, 0)).toMatchObject({ outcome: "created", connectionId: "abc_def", naming: "SOURCE_NAMING" });
    expect(parseDeployOutput(out, 1).outcome).toBe("failed");
  });
});
