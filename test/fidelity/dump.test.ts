// The canonical dump must be a function of what a sync wrote, not of when it ran: two runs of the real SDK on the
// same connector give the same text. Without this, a fidelity difference could be noise.
import { afterAll, describe, expect, it } from "vitest";
import { realSdkPython } from "../helpers/env.js";
import { SYNCED_MARKER } from "./lib/dump.js";
import { copyConnector, makeRoot, removeRoot, runRealSdk } from "./lib/engines.js";

const python = realSdkPython();
const root = makeRoot();
afterAll(() => removeRoot(root));

describe.skipIf(python === null)("canonical warehouse dump", () => {
  for (const name of ["07-no-primary-key", "09-truncate"]) {
    it(`is the same for two real SDK runs of ${name}`, async () => {
      const first = await runRealSdk(copyConnector(name, root, "sdk"), python!);
      const second = await runRealSdk(copyConnector(name, root, "sdk"), python!);
      expect(first.status).toBe("succeeded");
      expect(first.dump).toContain(SYNCED_MARKER("TIMESTAMP WITH TIME ZONE"));
      expect(first.dump).toMatch(/constraint: PRIMARY KEY \(_fivetran_id\)/);
      expect(second.dump).toBe(first.dump);
      expect(second.counts).toEqual(first.counts);
    }, 60_000);
  }
});
