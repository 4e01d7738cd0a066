// Creates .cache/test-venv with test/requirements.txt (the real fivetran-connector-sdk among them),
// so the fidelity suite can compare against the real SDK. Idempotent: a stamp holds the hash of the
// requirements file, and nothing is reinstalled while it matches.
//
// With CI=true a failure is fatal: the fidelity suite must run in CI, not skip.
import { createHash } from "node:crypto";
import { execFileSync } from "node:child_process";
import { existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";

const root = fileURLToPath(new URL("..", import.meta.url));
const venv = join(root, ".cache", "test-venv");
const reqs = join(root, "test", "requirements.txt");
const stamp = join(venv, ".requirements-sha256");
const python = process.env.FIVETRAN_TEST_PYTHON || "python3";
const want = createHash("sha256").update(readFileSync(reqs)).digest("hex");

function log(msg) {
  process.stderr.write(`test-setup: ${msg}\n`);
}

try {
  if (existsSync(stamp) && readFileSync(stamp, "utf8").trim() === want) {
    log(`${venv} is up to date`);
  } else {
    mkdirSync(join(root, ".cache"), { recursive: true });
    if (!existsSync(join(venv, "bin", "python"))) {
      log(`creating ${venv}`);
      execFileSync(python, ["-m", "venv", venv], { stdio: ["ignore", "inherit", "inherit"] });
    }
    log(`installing ${reqs}`);
    execFileSync(join(venv, "bin", "python"), ["-m", "pip", "install", "--quiet", "--disable-pip-version-check", "-r", reqs], {
      stdio: ["ignore", "inherit", "inherit"],
      env: { ...process.env, PIP_NO_INPUT: "1" },
    });
    writeFileSync(stamp, want);
    log("done");
  }
} catch (e) {
  log(`could not prepare the test venv: ${e instanceof Error ? e.message : e}`);
  if (process.env.CI === "true") process.exit(1);
  log("continuing: suites that need the real SDK will fail or report it missing");
}
