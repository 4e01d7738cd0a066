// The setup tests (`run_setup_tests`, CLI `configuration --test`) against the real SDK 3.0.0's
// `fivetran configuration --test`: for each connector in setup-forms/, the exit code, each test's line
// (`[name - label]: PASSED` or the failure) and the error's text must be the same. See docs/fidelity.md.
import { cpSync, mkdtempSync, readdirSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { execa } from "execa";
import { afterAll, describe, expect, it } from "vitest";
import { SdkOutputParser } from "../../src/runner/sdk-output.js";
import { runSetupTests } from "../../src/runner/setup-tests.js";
import { realSdkPython } from "../helpers/env.js";
import { errorText, pool } from "./lib/engines.js";

const FORMS = fileURLToPath(new URL("./setup-forms/", import.meta.url));
const python = realSdkPython();
const names = readdirSync(FORMS)
  .filter((n) => /^\d\d-/.test(n))
  .sort();
const root = mkdtempSync(join(tmpdir(), "setup-tests-"));

/** What is compared: the exit code, the tests' lines and the error's text, with the folder as <project>. */
interface Outcome {
  exit: string;
  tests: string[];
  error: string;
}

async function real(dir: string): Promise<Outcome> {
  const bin = dirname(python!);
  const r = await execa(join(bin, "fivetran"), ["configuration", "--test"], {
    cwd: dir,
    env: { PATH: `${bin}:${process.env.PATH ?? ""}`, DO_NOT_TRACK: "1", NO_COLOR: "1" },
    stdin: "ignore",
    all: true,
    reject: false,
    timeout: 60_000,
  });
  const reader = new SdkOutputParser();
  const tests: string[] = [];
  let severe: string | undefined;
  for (const line of (r.all ?? "").split("\n")) reader.push(line);
  reader.end();
  for (const e of reader.entries()) {
    if (e.origin === "sdk" && /^\[[^\]]+\]: /.test(e.message)) tests.push(e.message);
    if (e.origin === "sdk" && e.level === "SEVERE" && !severe && e.message !== "Exiting due to test failure. Remaining tests skipped.") severe = e.message;
  }
  // A handler's error carries its traceback after the message: the message is what is compared.
  const message = severe?.split("\nTraceback (most recent call last):")[0];
  return { exit: String(r.exitCode), tests, error: message === undefined ? "(none)" : errorText(message, dir, join(dirname(bin), "lib")) };
}

async function ours(dir: string): Promise<Outcome> {
  const r = await runSetupTests({ projectDir: dir, timeoutSeconds: 60 });
  const said = r.message ?? r.error?.message;
  return {
    exit: String(r.exitCode),
    tests: r.results.map((t) => `[${t.name} - ${t.label}]: ${t.failure ?? "PASSED"}`),
    error: said === undefined ? "(none)" : errorText(said, dir, "(none)"),
  };
}

const results = new Map<string, { sdk: Outcome; embedded: Outcome }>();

describe.skipIf(python === null)("setup tests: run_setup_tests vs `fivetran configuration --test` of SDK 3.0.0", () => {
  afterAll(() => rmSync(root, { recursive: true, force: true }));

  it("runs every form under both", async () => {
    const jobs = names.map((name) => async () => {
      const copy = (engine: string) => {
        const dir = join(mkdtempSync(join(root, `${engine}-`)), name);
        cpSync(join(FORMS, name), dir, { recursive: true });
        return dir;
      };
      results.set(name, { sdk: await real(copy("sdk")), embedded: await ours(copy("embedded")) });
    });
    await pool(jobs, 2);
    expect(results.size).toBe(names.length);
  }, 300_000);

  for (const name of names) {
    it(name, () => {
      const r = results.get(name);
      expect(r, "the run above failed").toBeDefined();
      // The error's text is compared where the SDK printed one (sys.exit() in a test ends it with a traceback only).
      expect({ ...r!.embedded, error: r!.sdk.error === "(none)" ? "(none)" : r!.embedded.error }).toEqual(r!.sdk);
    });
  }
});
