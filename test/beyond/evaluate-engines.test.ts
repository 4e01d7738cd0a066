import { describe, expect, it } from "vitest";
import { evaluateConnector } from "../../src/evaluate/index.js";
import { realSdkPython } from "../helpers/env.js";
import { makeProject } from "./helpers.js";

// The same connector evaluated by the embedded engine and by the real fivetran-connector-sdk (its `fivetran
// debug`) must get the same verdict and the same blocking items: the verdict is about the connector.
const ROWS = `ROWS = [{"id": i, "name": f"n{i}", "updated_at": f"2024-01-{i:02d}"} for i in range(1, 13)]`;

const CONNECTORS: Record<string, string> = {
  incremental: `from fivetran_connector_sdk import Connector, Logging as log, Operations as op

${ROWS}

def schema(configuration):
    return [{"table": "items", "primary_key": ["id"]}]

def update(configuration, state):
    cursor = state.get("cursor", "")
    newest = cursor
    for row in ROWS:
        if row["updated_at"] > cursor:
            op.upsert("items", row)
            newest = max(newest, row["updated_at"])
    op.checkpoint({"cursor": newest})

connector = Connector(update=update, schema=schema)
`,
  "cursor stays null": `from fivetran_connector_sdk import Connector, Logging as log, Operations as op

${ROWS}

def schema(configuration):
    return [{"table": "items", "primary_key": ["id"]}]

def update(configuration, state):
    cursor = state.get("cursor")
    for row in ROWS:
        op.upsert("items", row)
    op.checkpoint({"cursor": cursor})

connector = Connector(update=update, schema=schema)
`,
};

describe("evaluate_connector gives the same verdict under both engines", () => {
  for (const [name, code] of Object.entries(CONNECTORS)) {
    it(
      name,
      async () => {
        const python = realSdkPython();
        if (!python) return;
        const verdicts = [];
        for (const engine of ["embedded", "sdk"] as const) {
          const r = await evaluateConnector({ projectDir: makeProject({ "connector.py": code }), python, engine, timeoutSeconds: 120, writeMarkdown: false });
          expect(
            r.runs.map((x) => x.engine),
            engine,
          ).toEqual([engine, engine]);
          verdicts.push({
            verdict: r.verdict,
            blocking: r.blocking.map((f) => [f.rule, f.table ?? ""]).sort(),
            resume: [...r.warnings, ...r.info]
              .filter((f) => f.rule.startsWith("resume:"))
              .map((f) => f.rule)
              .sort(),
          });
        }
        expect(verdicts[1]).toEqual(verdicts[0]);
        expect(verdicts[0].verdict).toBe(name === "incremental" ? "ready" : "not_ready");
      },
      240_000,
    );
  }
});
