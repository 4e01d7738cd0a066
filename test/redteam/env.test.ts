import { recordVenv } from "../../src/deps/venv-record.js";
import { execFileSync } from "node:child_process";
import { chmodSync, existsSync, mkdirSync, readFileSync, symlinkSync, writeFileSync } from "node:fs";
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { delimiter, join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { realSdkPython } from "../helpers/env.js";
import { harness, plantServerSecrets, SECRETS, type Harness } from "./lib/issue-12b-server.js";

// Deploy talks to the Fivetran API, out of reach in tests: the recorded fake `fivetran` (test/beyond/fixtures)
// stands in for it on PATH. It records its argv and the names of the variables it was given.
const FAKE_BIN = join(import.meta.dirname, "..", "beyond", "fixtures", "fake-fivetran");

const DUMPS_ENV = `import json, os
from fivetran_connector_sdk import Connector, Operations as op

def update(configuration, state):
    with open("env-seen.json", "w") as f:
        json.dump(dict(os.environ), f)
    op.upsert("items", {"id": 1})

connector = Connector(update=update)
`;

// Lint-clean, so deploy's pre-checks let it through to the CLI.
const DEPLOYABLE = `"""A minimal connector for the deploy probes."""
from fivetran_connector_sdk import Connector
from fivetran_connector_sdk import Logging as log
from fivetran_connector_sdk import Operations as op


def validate_configuration(configuration: dict):
    if not configuration.get("token"):
        raise ValueError("configuration needs 'token'")


def schema(configuration: dict):
    return [{"table": "items", "primary_key": ["id"]}]


def update(configuration: dict, state: dict):
    validate_configuration(configuration)
    log.info("syncing items")
    yield op.upsert(table="items", data={"id": 1})
    yield op.checkpoint(state={"synced": True})


connector = Connector(update=update, schema=schema)

if __name__ == "__main__":
    connector.debug()
`;

/** A `fivetran` planted in the folder's .venv: if it ever runs, it leaves a mark with the key it was given. */
function plantFolderCli(dir: string): string {
  const bin = join(dir, ".venv", "bin");
  mkdirSync(bin, { recursive: true });
  const mark = join(dir, "folder-cli-ran.txt");
  writeFileSync(join(bin, "fivetran"), `#!/bin/sh\necho "$FIVETRAN_API_KEY" > "${mark}"\necho "planted CLI ran"\n`);
  chmodSync(join(bin, "fivetran"), 0o755);
  if (!existsSync(join(bin, "python"))) symlinkSync("/usr/bin/python3", join(bin, "python"));
  return mark;
}

describe("Child process environments", () => {
  let h: Harness;
  let seen: Record<string, string>;
  let sdkSeen: Record<string, string> | undefined;
  const savedPath = process.env.PATH;

  beforeAll(async () => {
    plantServerSecrets();
    // pip's own settings (allow-listed for pip): no retries against the unreachable proxy, short timeouts.
    process.env.PIP_RETRIES = "0";
    process.env.PIP_DEFAULT_TIMEOUT = "3";
    h = await harness("rt12b-env");
    const dir = h.connector("dumper", DUMPS_ENV);
    const r = await h.call("run_debug", { project_dir: dir, engine: "embedded", wait_seconds: 55 });
    expect(r.isError).toBe(false);
    seen = JSON.parse(readFileSync(join(dir, "env-seen.json"), "utf8")) as Record<string, string>;
    const sdk = realSdkPython();
    if (sdk) {
      const d2 = h.connector("dumper-sdk", DUMPS_ENV);
      await h.call("run_debug", { project_dir: d2, engine: "sdk", python: sdk, wait_seconds: 55 });
      if (existsSync(join(d2, "env-seen.json"))) sdkSeen = JSON.parse(readFileSync(join(d2, "env-seen.json"), "utf8")) as Record<string, string>;
    }
  }, 120_000);
  afterAll(async () => {
    process.env.PATH = savedPath;
    await h.close();
  });

  it("FIVETRAN_API_KEY in the server's environment → absent from the connector's environment", () => {
    expect(seen.FIVETRAN_API_KEY).toBeUndefined();
    expect(JSON.stringify(seen)).not.toContain(SECRETS.FIVETRAN_API_KEY);
  });

  it("GITHUB_TOKEN in the server's environment → absent from the connector's environment", () => {
    expect(seen.GITHUB_TOKEN).toBeUndefined();
  });

  it("AWS_SECRET_ACCESS_KEY in the server's environment → absent from the connector's environment", () => {
    expect(seen.AWS_SECRET_ACCESS_KEY).toBeUndefined();
  });

  it("OPENAI_API_KEY (the agent's own key) in the server's environment → absent from the connector's environment", () => {
    expect(seen.OPENAI_API_KEY).toBeUndefined();
  });

  it("an arbitrary server variable (MY_SERVER_SETTING) → absent: only allow-listed names pass", () => {
    expect(seen.MY_SERVER_SETTING).toBeUndefined();
    // FTMCP_TREE_ID: a random id per run, no secret, that marks the tree so its escapees can be found (src/exec/child.ts).
    for (const k of Object.keys(seen))
      expect(k).toMatch(
        /^(PATH|HOME|USER|LOGNAME|SHELL|LANG|LANGUAGE|TZ|TERM|TMPDIR|TEMP|TMP|SSL_CERT_FILE|SSL_CERT_DIR|REQUESTS_CA_BUNDLE|CURL_CA_BUNDLE|PIP_CERT|(HTTP|HTTPS|NO|ALL)_PROXY|(http|https|no|all)_proxy|VIRTUAL_ENV|CONDA_PREFIX|_?PYENV_\w+|PYTHON\w+|LC_\w+|FIVETRAN_(CONNECTION_ID|DEPLOYMENT_MODEL|GROUP_ID|CONNECTION_NAME)|DO_NOT_TRACK|FTMCP_TREE_ID|PWD|SHLVL|_)$/,
      );
  });

  it("a connector that needs PATH and HOME → it gets them, and the variables `fivetran debug` sets", () => {
    expect(seen.PATH).toBeTruthy();
    expect(seen.HOME).toBeTruthy();
    expect(seen.FIVETRAN_DEPLOYMENT_MODEL).toBe("local_debug");
  });

  it("a connector behind an authenticating proxy → it gets HTTPS_PROXY (its output masks the credentials, see Secrets)", () => {
    expect(seen.HTTPS_PROXY).toContain("127.0.0.1:9");
  });

  it("the real SDK engine (`fivetran debug`) → the connector sees no server secret either", () => {
    expect(sdkSeen, "the real SDK in .cache/test-venv runs this probe").toBeDefined();
    expect(sdkSeen!.FIVETRAN_API_KEY).toBeUndefined();
    expect(sdkSeen!.GITHUB_TOKEN).toBeUndefined();
    expect(sdkSeen!.MY_SERVER_SETTING).toBeUndefined();
  });

  describe("pip", () => {
    let index: Server;
    let port: number;
    const paths: string[] = [];
    beforeAll(async () => {
      index = createServer((req, res) => {
        paths.push(decodeURIComponent(req.url ?? ""));
        res.writeHead(404).end();
      });
      await new Promise<void>((r) => index.listen(0, "127.0.0.1", r));
      port = (index.address() as AddressInfo).port;
    });
    afterAll(() => new Promise<void>((r) => index.close(() => r())));

    it("requirements.txt with `--index-url http://127.0.0.1/${FIVETRAN_API_KEY}` and other ${VAR}s → the index receives no server secret", async () => {
      const proxy = process.env.HTTPS_PROXY;
      // A proxy would stand between pip and the loopback index; this probe is about what pip can expand.
      delete process.env.HTTPS_PROXY;
      try {
        // A .venv made in milliseconds (no pip of its own; the base interpreter's pip through system site packages)
        // instead of `python -m venv` with ensurepip, which takes seconds: the probe is about what pip can see. It is
        // recorded as the server's own (what an earlier install_requirements leaves), or the server would rebuild it.
        mkdirSync(join(h.ws, "pipper"), { recursive: true });
        execFileSync("python3", ["-m", "venv", "--without-pip", "--system-site-packages", join(h.ws, "pipper", ".venv")], { stdio: "ignore" });
        recordVenv(join(h.ws, "pipper", ".venv"));
        const dir = h.connector(
          "pipper",
          DUMPS_ENV,
          {},
          {
            "requirements.txt": [
              `--index-url http://127.0.0.1:${port}/k/\${FIVETRAN_API_KEY}/simple`,
              `--extra-index-url http://127.0.0.1:${port}/g/\${GITHUB_TOKEN}/simple`,
              `--extra-index-url http://127.0.0.1:${port}/a/\${AWS_SECRET_ACCESS_KEY}/simple`,
              `--extra-index-url http://127.0.0.1:${port}/s/\${MY_SERVER_SETTING}/simple`,
              "redteam-nonexistent-package==1.0",
              "",
            ].join("\n"),
          },
        );
        const a = await h.call("install_requirements", { project_dir: dir });
        expect(a.isError).toBe(true);
        expect(paths.length).toBeGreaterThan(0);
        const seenPaths = paths.join("\n");
        for (const v of [SECRETS.FIVETRAN_API_KEY, SECRETS.GITHUB_TOKEN, SECRETS.AWS_SECRET_ACCESS_KEY, "server-only-setting-42"]) expect(seenPaths).not.toContain(v);
        expect(seenPaths).toContain("${FIVETRAN_API_KEY}");
      } finally {
        process.env.HTTPS_PROXY = proxy;
      }
    }, 120_000);

    it("HTTPS_PROXY with credentials while pip runs → pip gets it as --proxy, not as a variable; the password is in no answer", async () => {
      // The folder of the probe above: its .venv is reused (creating one takes seconds).
      const dir = join(h.ws, "pipper");
      writeFileSync(join(dir, "requirements.txt"), `--index-url http://127.0.0.1:${port}/p/\${HTTPS_PROXY}/simple\nredteam-nonexistent-package==1.0\n`);
      const a = await h.call("install_requirements", { project_dir: dir });
      expect(a.isError).toBe(true);
      expect(a.text).not.toContain(SECRETS.PROXY_PASSWORD);
      expect(a.text).not.toContain(encodeURIComponent(SECRETS.PROXY_PASSWORD));
      expect(paths.join("\n")).not.toContain(SECRETS.PROXY_PASSWORD);
    }, 120_000);
  });

  describe("deploy", () => {
    beforeAll(() => {
      process.env.PATH = `${FAKE_BIN}${delimiter}${savedPath}`;
    });
    afterAll(() => {
      process.env.PATH = savedPath;
    });

    const deployable = (name: string) => {
      const dir = h.connector(name, DEPLOYABLE, { token: "tok-deploy-secret-123" });
      writeFileSync(join(dir, ".fake-fivetran.json"), JSON.stringify({ record: join(dir, "record.json") }));
      return dir;
    };

    it("deploy with GITHUB_TOKEN, AWS and agent keys in the server's environment → the fivetran CLI receives only allow-listed names and the API key", async () => {
      const dir = deployable("dep-env");
      const a = await h.call("deploy", { project_dir: dir, destination: "d", connection: "my_conn", confirm: true, python: "/usr/bin/python3" });
      expect(a.isError).toBe(false);
      const rec = JSON.parse(readFileSync(join(dir, "record.json"), "utf8")) as { env: string[]; api_key: string };
      expect(rec.api_key).toBe(SECRETS.FIVETRAN_API_KEY);
      for (const n of ["GITHUB_TOKEN", "AWS_SECRET_ACCESS_KEY", "OPENAI_API_KEY", "MY_SERVER_SETTING"]) expect(rec.env).not.toContain(n);
    });

    it("the fivetran CLI printing the API key in two pieces on two lines → neither piece in deploy's result or its log notifications", async () => {
      const dir = deployable("dep-split");
      writeFileSync(join(dir, ".fake-fivetran.json"), JSON.stringify({ echo_split: true }));
      const a = await h.call("deploy", { project_dir: dir, destination: "d", connection: "my_conn", confirm: true, python: "/usr/bin/python3" });
      expect(a.isError).toBe(false);
      const seen = `${a.text}\n${h.logs.join("\n")}`;
      expect(seen).toContain("key ****");
      expect(seen).not.toContain(SECRETS.FIVETRAN_API_KEY.slice(0, 5));
      expect(seen).not.toContain(SECRETS.FIVETRAN_API_KEY.slice(5));
    });

    it("the fivetran CLI echoing the API key's first 8 characters → not in deploy's result", async () => {
      const dir = deployable("dep-echo");
      const a = await h.call("deploy", { project_dir: dir, destination: "d", connection: "my_conn", confirm: true, python: "/usr/bin/python3" });
      expect(a.isError).toBe(false);
      expect(a.text).not.toContain(SECRETS.FIVETRAN_API_KEY.slice(0, 8));
      expect(a.text).not.toContain("tok-deploy-secret-123");
    });

    it("a folder with its own .venv/bin/fivetran and a fivetran on PATH → the PATH one runs, the folder's never sees the key", async () => {
      const dir = deployable("dep-planted");
      const mark = plantFolderCli(dir);
      const a = await h.call("deploy", { project_dir: dir, destination: "d", connection: "my_conn", confirm: true });
      expect(a.isError).toBe(false);
      expect(existsSync(mark)).toBe(false);
      expect(existsSync(join(dir, "record.json"))).toBe(true);
    });

    it("python pointing into the folder's .venv, whose bin holds a planted fivetran → the folder's CLI is not run", async () => {
      const dir = deployable("dep-python");
      const mark = plantFolderCli(dir);
      const a = await h.call("deploy", { project_dir: dir, destination: "d", connection: "my_conn", confirm: true, python: join(dir, ".venv", "bin", "python") });
      expect(existsSync(mark)).toBe(false);
      expect(a.text).not.toContain("planted CLI ran");
    });

    it("a folder's .venv/bin/fivetran and no fivetran anywhere else → isError sdk_not_installed, the folder's CLI never runs", async () => {
      process.env.PATH = "/usr/bin:/bin";
      try {
        const dir = deployable("dep-only-folder");
        const mark = plantFolderCli(dir);
        const a = await h.call("deploy", { project_dir: dir, destination: "d", connection: "my_conn", confirm: true });
        expect(a.isError).toBe(true);
        expect(a.code).toBe("sdk_not_installed");
        expect(a.text).toContain("never used");
        expect(existsSync(mark)).toBe(false);
      } finally {
        process.env.PATH = `${FAKE_BIN}${delimiter}${savedPath}`;
      }
    });
  });
});
