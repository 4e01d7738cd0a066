import { spawnSync } from "node:child_process";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { ensureBuilt } from "../helpers/built.js";

/**
 * sealEnvironment (src/exec/seal-env.ts) in a fresh Node process whose start-up environment holds secrets: they leave
 * the block /proc/<pid>/environ shows, and nothing else changes (process.env, what a child is given, other variables).
 */
describe.runIf(process.platform === "linux")("the server's environ block", () => {
  it("FIVETRAN_API_KEY, a token and a proxy password at start-up → gone from /proc/self/environ, still in process.env and in what a child gets; other variables untouched", () => {
    const seal = join(ensureBuilt(), "..", "exec", "seal-env.js");
    const script = `
      const { sealEnvironment } = await import(${JSON.stringify(seal)});
      const { readFileSync } = await import("node:fs");
      const { execFileSync } = await import("node:child_process");
      const outcome = sealEnvironment();
      const environ = readFileSync("/proc/self/environ", "latin1");
      const child = execFileSync("/bin/sh", ["-c", 'printf "%s|%s" "$FIVETRAN_API_KEY" "$KEEP_ME"'], { env: process.env, encoding: "utf8" });
      process.stdout.write(JSON.stringify({ outcome, environ, env: [process.env.FIVETRAN_API_KEY, process.env.GITHUB_TOKEN, process.env.HTTPS_PROXY, process.env.KEEP_ME], child }));
    `;
    const env = {
      PATH: process.env.PATH ?? "/usr/bin:/bin",
      FIVETRAN_API_KEY: "c2VhbC1rZXk6c2VhbC1zZWNyZXQtMTIz",
      GITHUB_TOKEN: "ghp_SealTest0123456789abcdefghijklmn",
      HTTPS_PROXY: "http://u:Seal-Proxy-Pass-9@127.0.0.1:9",
      KEEP_ME: "not-a-secret",
    };
    const r = spawnSync(process.execPath, ["--input-type=module", "-e", script], { env, encoding: "utf8" });
    expect(r.status, r.stderr).toBe(0);
    const got = JSON.parse(r.stdout) as { outcome: { sealed: string[]; environ: string }; environ: string; env: string[]; child: string };
    expect(got.outcome.environ).toBe("overwritten");
    expect([...got.outcome.sealed].sort()).toEqual(["FIVETRAN_API_KEY", "GITHUB_TOKEN", "HTTPS_PROXY"]);
    for (const s of [env.FIVETRAN_API_KEY, env.GITHUB_TOKEN, "Seal-Proxy-Pass-9"]) expect(got.environ).not.toContain(s);
    expect(got.environ).toContain("KEEP_ME=not-a-secret");
    expect(got.env).toEqual([env.FIVETRAN_API_KEY, env.GITHUB_TOKEN, env.HTTPS_PROXY, env.KEEP_ME]);
    expect(got.child).toBe(`${env.FIVETRAN_API_KEY}|not-a-secret`);
  });
});
