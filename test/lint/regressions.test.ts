import { afterAll, describe, expect, it } from "vitest";
import { lint } from "../../src/lint/engine.js";
import { cleanup, writeOverlay } from "./helpers.js";

afterAll(cleanup);

// Each case is a shape found in Fivetran's public connectors that an earlier version flagged wrongly.
const quiet: [string, string, Parameters<typeof writeOverlay>[0]][] = [
  ["FT014", "time.time() is a float", { py: { imports: "import time", update: '    state["started"] = time.time()\n    op.upsert(table="items", data={"id": 1})\n    op.checkpoint(state=state)' } }],
  [
    "FT014",
    "a string's replace after isoformat",
    {
      py: {
        imports: "from datetime import datetime, timezone",
        update: '    state["at"] = datetime.now(timezone.utc).isoformat().replace("+00:00", "Z")\n    op.upsert(table="items", data={"id": 1})\n    op.checkpoint(state=state)',
      },
    },
  ],
  ["FT090", "a constant naming a response field", { py: { helpers: 'NEXT_TOKEN = "NextToken"\n__STATE_KEY_SCROLL_TOKEN = "scroll_token"\n' } }],
  [
    "FT008",
    "writes in a worker handed to a thread pool",
    {
      py: {
        imports: "from concurrent.futures import ThreadPoolExecutor",
        helpers: 'def worker(table):\n    op.upsert(table="items", data={"id": table})\n',
        update: "    with ThreadPoolExecutor(max_workers=2) as pool:\n        pool.submit(worker, 1)\n    op.checkpoint(state=state)",
      },
    },
  ],
  [
    "FT009",
    "syncs listed and looped over",
    { py: { helpers: 'def sync_a(state):\n    op.upsert(table="items", data={"id": 1})\n    op.checkpoint(state=state)\n', update: "    for step in [sync_a]:\n        step(state)" } },
  ],
  [
    "FT063",
    "distribution names that differ from the import",
    { requirements: "python-arango==8.2.2\npulsar-client==3.4.0\ngremlinpython==3.8.0\n", py: { imports: "import arango\nimport pulsar\nfrom gremlin_python import statics" } },
  ],
  [
    "FT031",
    "DECIMAL precision held in constants",
    { py: { helpers: "__P = 18\n__S = 2\n", schema: '[{"table": "items", "primary_key": ["id"], "columns": {"amount": {"type": "DECIMAL", "precision": __P, "scale": __S}}}]' } },
  ],
  [
    "FT058",
    "truthiness of a value that is not a flag",
    {
      config: '{\n  "api_key": "<YOUR_API_KEY>",\n  "account": "<YOUR_ACCOUNT>"\n}\n',
      py: {
        update:
          '    account = configuration.get("account", "")\n    if not account:\n        raise ValueError("account is required")\n    op.upsert(table="items", data={"id": 1, "account": account})\n    op.checkpoint(state=state)',
      },
    },
  ],
  [
    "FT018",
    "a key filled by a helper the state was passed to",
    {
      py: {
        helpers: 'def advance(state):\n    state["cursor"] = "x"\n',
        update: '    advance(state)\n    cursor = state["cursor"]\n    op.upsert(table="items", data={"id": 1, "c": cursor})\n    op.checkpoint(state=state)',
      },
    },
  ],
  [
    "FT022",
    "a dict's update() in a yield-style update()",
    {
      py: {
        update:
          '    headers = {"Accept": "application/json"}\n    headers.update({"X-Client": "demo"})\n    yield op.upsert(table="items", data={"id": 1, "n": len(headers)})\n    yield op.checkpoint(state=state)',
      },
    },
  ],
  [
    "FT046",
    "a masked secret",
    {
      py: {
        update:
          '    api_key = configuration["api_key"]\n    masked_api_key = api_key[:4] + "..."\n    log.info(f"key {masked_api_key}")\n    op.upsert(table="items", data={"id": 1})\n    op.checkpoint(state=state)',
      },
    },
  ],
];

describe("false positives found on Fivetran's public connectors stay fixed", () => {
  for (const [rule, name, overlay] of quiet) {
    it(`${rule}: ${name}`, async () => {
      const r = await lint(writeOverlay(overlay), { rules: [rule], generic: false });
      expect(r.findings.filter((f) => f.severity !== "info")).toEqual([]);
    });
  }
  it("PLE0704 is a note: a bare raise in a retry helper called from an except block is valid (five false warnings in the public corpus)", async () => {
    const r = await lint(writeOverlay({ py: { helpers: "def reraise():\n    raise\n" } }), { rules: ["PLE0704"] });
    expect(r.findings.map((f) => [f.rule, f.severity, f.line, f.column])).toEqual([["PLE0704", "info", 11, 5]]);
  });
});

describe("FT046: a secret concatenated into a log message", () => {
  const logged = (line: string) => ({ py: { update: `    ${line}\n    op.upsert(table="items", data={"id": 1})\n    op.checkpoint(state=state)` } });

  it("is found with + as with an f-string (a new user's log.info of the token it sends)", async () => {
    for (const line of ['log.info("using token " + configuration["api_token"])', 'print("key: " + configuration["api_key"] + "!")']) {
      const r = await lint(writeOverlay(logged(line)), { rules: ["FT046"], generic: false });
      expect(r.findings.map((f) => f.message)).toEqual([expect.stringContaining("the secret configuration value")]);
    }
  });

  it("stays quiet for a piece of the secret or a non-secret value", async () => {
    for (const line of ['log.info("key " + configuration["api_key"][:4] + "...")', 'log.info("base " + configuration["base_url"])']) {
      const r = await lint(writeOverlay(logged(line)), { rules: ["FT046"], generic: false });
      expect(r.findings).toEqual([]);
    }
  });
});

// Found by linting Fivetran's public example connectors (lint9): each connector below is this project's own.
describe("findings on Fivetran's public examples that were wrong", () => {
  const run = async (overlay: Parameters<typeof writeOverlay>[0], rule: string, profile?: "fivetran-examples") =>
    (await lint(writeOverlay(overlay), { rules: [rule], generic: false, profile })).findings.filter((f) => f.rule === rule);

  it("FT036: a table written in another case is the declared table (SDK 3.0 lower-cases table names)", async () => {
    const hits = await run({ py: { schema: '[{"table": "user", "primary_key": ["id"]}]', update: '    op.upsert(table="USER", data={"id": 1})\n    op.checkpoint(state=state)' } }, "FT036");
    expect(hits).toEqual([]);
  });

  it("FT036: a spelling that stays a different destination table is still reported", async () => {
    const hits = await run({ py: { schema: '[{"table": "user", "primary_key": ["id"]}]', update: '    op.upsert(table="Users", data={"id": 1})\n    op.checkpoint(state=state)' } }, "FT036");
    expect(hits.map((f) => [f.severity, f.message])).toEqual([
      ["info", expect.stringContaining("never written")],
      ["warning", expect.stringContaining('did you mean "user"')],
    ]);
  });

  const noConfig = {
    files: {
      "connector.py":
        'from fivetran_connector_sdk import Connector\nfrom fivetran_connector_sdk import Operations as op\n\n\ndef sync_items(state):\n    op.upsert(table="items", data={"id": 1})\n    op.checkpoint(state=state)\n\n\ndef update(configuration, state):\n    sync_items(state)\n\n\nconnector = Connector(update=update)\n',
    },
  };
  it("FT05D: quiet when update() never reads the configuration", async () => {
    expect(await run(noConfig, "FT05D")).toEqual([]);
  });

  it("FT05D: quiet when the configuration only goes to a helper that ignores it", async () => {
    const py = noConfig.files["connector.py"].replace("def sync_items(state)", "def sync_items(cfg, state)").replace("    sync_items(state)", "    sync_items(configuration, state)");
    expect(await run({ files: { "connector.py": py } }, "FT05D")).toEqual([]);
  });

  it("FT05D: still reported when the configuration goes by keyword to a helper that reads it", async () => {
    const py = noConfig.files["connector.py"]
      .replace("def sync_items(state):\n", 'def sync_items(state, settings=None):\n    url = settings.get("base_url")\n')
      .replace('data={"id": 1}', 'data={"id": 1, "url": url}')
      .replace("    sync_items(state)", "    sync_items(state, settings=configuration)");
    expect((await run({ files: { "connector.py": py } }, "FT05D")).length).toBe(1);
  });

  it("FT05D: still reported when a helper update() calls reads the configuration", async () => {
    const py = noConfig.files["connector.py"]
      .replace("def sync_items(state):\n", 'def sync_items(cfg, state):\n    url = cfg["base_url"]\n')
      .replace('data={"id": 1}', 'data={"id": 1, "url": url}')
      .replace("    sync_items(state)", "    sync_items(configuration, state)");
    expect((await run({ files: { "connector.py": py } }, "FT05D")).length).toBe(1);
  });

  it("FT123: a constant another module of the folder imports is public by use", async () => {
    const hits = await run(
      {
        py: { imports: "from settings import API_CONFIGURATIONS" },
        files: { "settings.py": 'API_CONFIGURATIONS = {"items": "/v1/items"}\nPAGE_LIMIT = 100\n' },
      },
      "FT123",
      "fivetran-examples",
    );
    expect(hits.map((f) => [f.file, f.message])).toEqual([["settings.py", "constant PAGE_LIMIT should be private: __PAGE_LIMIT"]]);
  });

  it("FT123: the same through the module's name (import settings, then settings.API_CONFIGURATIONS)", async () => {
    const hits = await run(
      {
        py: { imports: "import settings as cfg_module", update: '    op.upsert(table="items", data={"id": 1, "n": len(cfg_module.API_CONFIGURATIONS)})\n    op.checkpoint(state=state)' },
        files: { "settings.py": 'API_CONFIGURATIONS = {"items": "/v1/items"}\nPAGE_LIMIT = 100\n' },
      },
      "FT123",
      "fivetran-examples",
    );
    expect(hits.map((f) => f.message)).toEqual(["constant PAGE_LIMIT should be private: __PAGE_LIMIT"]);
  });

  it("FT122: a comment directly above the enclosing for loop explains the upsert in it", async () => {
    const update = '    # Write every row of the page; each upsert replaces the row with the same key.\n    for row in [{"id": 1}]:\n        op.upsert(table="items", data=row)';
    const hits = await run({ py: { update } }, "FT122", "fivetran-examples");
    expect(hits.filter((f) => f.message.includes("op.upsert"))).toEqual([]);
  });

  it("FT071: around op.upsert() the message says what SDK 3.0 does (a null primary key still fails the sync)", async () => {
    const update =
      '    for row in [{"id": None}]:\n        try:\n            op.upsert(table="items", data=row)\n        except Exception as e:\n            log.warning(f"skipped: {e}")\n    op.checkpoint(state=state)';
    const hits = await run({ py: { update } }, "FT071");
    expect(hits.map((f) => f.message)).toEqual([expect.stringContaining("a null primary key still fails the sync")]);
    expect(hits[0].message).not.toContain("reports success with missing data");
  });

  it("FT05F: a connector folder without configuration.json, which fivetran debug 3.0 refuses to run", async () => {
    const none = { config: null, files: noConfig.files };
    const [hit] = await run(none, "FT05F");
    expect([hit.severity, hit.file, hit.message]).toEqual(["error", "configuration.json", expect.stringContaining("{} if the connector needs no settings")]);
    expect(hit.fix?.edits.map((e) => [e.file, e.newText])).toEqual([["configuration.json", "{}\n"]]);
    const [withKeys] = await run({ config: null }, "FT05F");
    expect(withKeys.fix?.edits.map((e) => e.newText)).toEqual(['{\n  "api_key": "<API_KEY>"\n}\n']);
    expect(await run({}, "FT05F")).toEqual([]);
  });
});

// Found by running Fivetran's public examples under the real SDK 3.0.0 (attack17d): connectors without op.checkpoint(),
// without any write, or with `if __name__ == "main":` end with SYNC SUCCEEDED (exit 0; for the checkpoint, one
// WARNING). The sdk profile keeps to what the SDK accepts or rejects, so these are warnings there, errors elsewhere.
describe("sdk profile: what `fivetran debug` accepts is not an error", () => {
  const idle = { py: { update: "    pass", tail: '\nif __name__ == "main":\n    connector.debug()\n' } };
  const severities = async (profile: "guidelines" | "sdk" | "fivetran-examples") =>
    (await lint(writeOverlay(idle), { rules: ["FT008", "FT009", "FT05E"], generic: false, profile })).findings.map((f) => `${f.rule} ${f.severity}`).sort();

  it("reports FT008, FT009 and FT05E as warnings under the sdk profile", async () => {
    expect(await severities("sdk")).toEqual(["FT008 warning", "FT009 warning", "FT05E warning"]);
  });

  it("keeps them errors under the other profiles", async () => {
    expect(await severities("guidelines")).toEqual(["FT008 error", "FT009 error", "FT05E error"]);
    expect(await severities("fivetran-examples")).toEqual(["FT008 error", "FT009 error", "FT05E error"]);
  });
});
