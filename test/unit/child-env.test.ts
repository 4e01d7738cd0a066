import { describe, expect, it } from "vitest";
import { connectorEnv, pythonOutputSettingsAsGiven } from "../../src/exec/env.js";

// PYTHONPATH and PYTHONHOME reach the connector, but Python resolves a relative entry against the connector folder
// (its working folder); see absoluteOnly in src/exec/env.ts.
describe("connectorEnv: PYTHONPATH and PYTHONHOME", () => {
  it("drops empty and relative PYTHONPATH entries, keeps absolute ones in order", () => {
    expect(connectorEnv({ PYTHONPATH: ":/opt/a:.:lib::/opt/b" }).PYTHONPATH).toBe("/opt/a:/opt/b");
  });

  it("drops PYTHONPATH when no entry is absolute", () => {
    expect("PYTHONPATH" in connectorEnv({ PYTHONPATH: ":" })).toBe(false);
    expect("PYTHONPATH" in connectorEnv({ PYTHONPATH: "." })).toBe(false);
  });

  it("keeps an absolute PYTHONHOME, drops a relative one", () => {
    expect(connectorEnv({ PYTHONHOME: "/usr" }).PYTHONHOME).toBe("/usr");
    expect("PYTHONHOME" in connectorEnv({ PYTHONHOME: "venv" })).toBe(false);
  });
});

// `fivetran debug` inherits the shell's PYTHONDONTWRITEBYTECODE: with it set, no __pycache__ appears in the project
// folder (fidelity 306).
describe("connectorEnv: PYTHONDONTWRITEBYTECODE", () => {
  it("passes it to the connector as the shell has it", () => {
    expect(connectorEnv({ PYTHONDONTWRITEBYTECODE: "1" }).PYTHONDONTWRITEBYTECODE).toBe("1");
    expect("PYTHONDONTWRITEBYTECODE" in connectorEnv({})).toBe(false);
  });
});

// The runner's own PYTHONIOENCODING and PYTHONUNBUFFERED are for reading the harness's output; the user's values (or
// their absence) go to the harness, which puts them back in os.environ (fidelity 519).
describe("pythonOutputSettingsAsGiven", () => {
  it("gives the user's values where connectorEnv gives the runner's", () => {
    expect(connectorEnv({}).PYTHONUNBUFFERED).toBe("1");
    expect(connectorEnv({}).PYTHONIOENCODING).toBe("utf-8");
    expect(pythonOutputSettingsAsGiven({})).toEqual({ PYTHONIOENCODING: null, PYTHONUNBUFFERED: null });
    expect(pythonOutputSettingsAsGiven({ PYTHONIOENCODING: "latin-1", PYTHONUNBUFFERED: "" })).toEqual({ PYTHONIOENCODING: "latin-1", PYTHONUNBUFFERED: "" });
  });
});
