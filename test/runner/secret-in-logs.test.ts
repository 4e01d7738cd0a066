import { describe, expect, it } from "vitest";
import { runSync } from "../../src/runner/index.js";
import { realSdkPython } from "../helpers/env.js";
import { HEADER, makeConnector } from "./helpers.js";

// A connector that logs its API token: the local run masks it, which must not hide that production logs would show
// it. Real python3 and harness (and the real SDK when its venv is there).
const python = realSdkPython();
process.env.DO_NOT_TRACK = "1";
const TOKEN = "c7e5f920-1843-4c5b-a1a4-52c68c3bb358";
const logsToken = (how: string) =>
  `${HEADER}def update(configuration, state):\n    ${how}\n    op.upsert("items", {"id": 1})\n    op.checkpoint({"n": 1})\nconnector = Connector(update=update, schema=lambda c: [{"table": "items", "primary_key": ["id"]}])\n`;

describe("a configuration secret in the connector's output", () => {
  it("is masked and reported as a warning naming the key, for log.info and print", async () => {
    for (const how of ['log.info("using token " + configuration["api_token"])', 'print(f"config: {configuration}")']) {
      const dir = makeConnector(logsToken(how), { base_url: "http://127.0.0.1:1", api_token: TOKEN });
      const r = await runSync({ projectDir: dir, engine: "embedded" });
      expect(r.status).toBe("succeeded");
      expect(JSON.stringify(r)).not.toContain(TOKEN);
      const leaks = r.warnings.filter((w) => w.includes("api_token"));
      expect(leaks).toHaveLength(1);
      expect(leaks[0]).toContain("FT046");
    }
  });

  it("is masked too when connector.debug(configuration=…) at import passes a configuration of its own", async () => {
    // The template's run block left unguarded with an inline configuration: the sync it runs as connector.py loads
    // logs a token configuration.json does not hold (fidelity 555).
    const dir = makeConnector(logsToken('log.info("using token " + configuration["api_token"])') + `connector.debug(configuration={"api_token": "${TOKEN}"})\n`, {
      api_token: "other-token-value-0123456789",
    });
    const r = await runSync({ projectDir: dir, engine: "embedded" });
    expect(r.status).toBe("succeeded");
    expect(JSON.stringify(r)).not.toContain(TOKEN);
  });

  it("says nothing when only non-secret values are logged", async () => {
    const dir = makeConnector(logsToken('log.info("base " + configuration["base_url"])'), { base_url: "http://127.0.0.1:1", api_token: TOKEN });
    const r = await runSync({ projectDir: dir, engine: "embedded" });
    expect(r.status).toBe("succeeded");
    expect(r.warnings).toEqual([]);
  });

  it.skipIf(!python)("is reported by the real SDK engine too", async () => {
    const dir = makeConnector(logsToken('log.info("using token " + configuration["api_token"])'), { api_token: TOKEN });
    const r = await runSync({ projectDir: dir, python: python!, engine: "sdk" });
    expect(r.status).toBe("succeeded");
    expect(r.warnings.filter((w) => w.includes("api_token"))).toHaveLength(1);
  });
});
