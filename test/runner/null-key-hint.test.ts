import { describe, expect, it } from "vitest";
import { runSync } from "../../src/runner/index.js";
import { realSdkPython } from "../helpers/env.js";
import { HEADER, makeConnector } from "./helpers.js";

// A new user's wrong primary key: schema() says user_id, the API's records carry id. Real python3 and harness (and
// the real SDK when its venv is there).
const python = realSdkPython();
process.env.DO_NOT_TRACK = "1";
const WRONG_KEY = `${HEADER}def schema(configuration):
    return [{"table": "users", "primary_key": ["user_id"]}]

def update(configuration, state):
    for i in range(3):
        op.upsert("users", {"id": f"u{i}", "name": "n", "updatedAt": "2024-01-01T00:00:00Z"})
    op.checkpoint({"n": 3})

connector = Connector(update=update, schema=schema)
`;

describe("a primary key the rows do not carry", () => {
  it("gets a hint naming the declared key, schema() and the row's own fields (embedded engine)", async () => {
    const r = await runSync({ projectDir: makeConnector(WRONG_KEY, {}), engine: "embedded" });
    expect(r.status).toBe("failed");
    expect(r.error?.kind).toBe("operation");
    expect(r.error?.message).toContain("Primary Key user_id is null in object");
    expect(r.error?.hint).toContain("'user_id'");
    expect(r.error?.hint).toContain("schema()");
    expect(r.error?.hint).toContain("its fields: id, name, updatedAt");
  });

  it.skipIf(!python)("gets the same hint, without the fields, from the real SDK engine", async () => {
    const r = await runSync({ projectDir: makeConnector(WRONG_KEY, {}), python: python!, engine: "sdk" });
    expect(r.status).toBe("failed");
    expect(r.error?.kind).toBe("operation");
    expect(r.error?.hint).toContain("'user_id'");
    expect(r.error?.hint).toContain("schema()");
  });
});
