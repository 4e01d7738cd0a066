// The setup-form API of the harness's shim (form_field, ConfigurationForm, Test) against the real SDK 3.0.0's,
// call by call in one Python process: the same values and the same exceptions, word for word.
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { execa } from "execa";
import { describe, expect, it } from "vitest";
import { HARNESS_DIR } from "../../src/paths.js";
import { realSdkPython } from "../helpers/env.js";

const python = realSdkPython();

describe.skipIf(python === null)("setup-form API: shim vs SDK 3.0.0", () => {
  it("every call gives the same result or the same exception", async () => {
    const script = fileURLToPath(new URL("./lib/forms_diff.py", import.meta.url));
    const r = await execa(python!, [script, join(HARNESS_DIR, "fivetran_connector_sdk")], { reject: false, timeout: 60_000 });
    expect(r.stderr).toBe("");
    expect(r.stdout).toMatch(/^\d+ cases, 0 differences$/m);
    expect(Number(/^(\d+) cases/m.exec(r.stdout)?.[1])).toBeGreaterThanOrEqual(30);
  });
});
