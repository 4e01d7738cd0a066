import { afterAll, describe, expect, it } from "vitest";
import { lint } from "../../src/lint/engine.js";
import { cleanup, writeProject } from "./helpers.js";

afterAll(cleanup);

// Half-written files are the normal case while an agent edits: the rules must run on the partial
// tree and never crash (a crashing rule would show up as an "internal error" finding).
const inputs: Record<string, Record<string, string>> = {
  "empty folder": { "README.md": "# x\n" },
  "empty connector.py": { "connector.py": "" },
  "half-written update": { "connector.py": "from fivetran_connector_sdk import Connector, Operations as op\n\ndef update(configuration, state):\n    for r in rows(:\n        op.upsert(\n" },
  "unbalanced everything": { "connector.py": "def (((\n]]]\nclass :\n  yield from\nif __name__ ==\n", "configuration.json": '{"a": ', "requirements.txt": "==1.0\nfoo[bar\n" },
  "deep nesting": { "connector.py": `x = ${"[".repeat(300)}${"]".repeat(300)}\n` },
  "not utf-8 text": { "connector.py": "\u0000\u0001\ufffd def update(c, s): pass\n" },
  "odd schema": {
    "connector.py":
      "from fivetran_connector_sdk import Connector\n\ndef schema(configuration):\n    return [x for x in range(3)]\n\ndef update(configuration, state):\n    yield\n\nconnector = Connector(update=update, schema=schema)\n",
  },
};

describe("robust on broken input", () => {
  for (const [name, files] of Object.entries(inputs)) {
    it(name, async () => {
      for (const profile of ["guidelines", "sdk", "fivetran-examples"] as const) {
        const r = await lint(writeProject(files), { profile });
        expect(
          r.findings.filter((f) => f.message.startsWith("internal error")),
          profile,
        ).toEqual([]);
        // Empty and odd files parse; the broken ones report FT001 (deep nesting: from python3's own parser limit).
        const expected = name === "empty connector.py" ? "FT003" : name === "odd schema" ? "FT008" : "FT001";
        expect(
          r.findings.map((f) => f.rule),
          profile,
        ).toContain(expected);
      }
    });
  }
});
