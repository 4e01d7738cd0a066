// Runs one fidelity connector by one engine in its own temporary copy, and records after each run the outcome,
// the operation counts and the canonical dump of files/.
import { cpSync, mkdtempSync, readdirSync, rmSync, statSync } from "node:fs";
import { tmpdir } from "node:os";
import { basename, dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { execa } from "execa";
import { dumpProject } from "./dump.js";
import { parseSdkOutput, type SdkCounts } from "./sdk-output.js";

export const CONNECTORS_DIR = fileURLToPath(new URL("../connectors/", import.meta.url));

/** "spill": the embedded engine writing every two operations early (WriterOptions.spillRows), see fidelity.test.ts. */
export type Engine = "sdk" | "embedded" | "spill";

export interface RunRecord {
  status: string;
  /** Null when the engine printed or returned none. */
  counts: SdkCounts | null;
  dump: string;
  /** The "File uploads" count: the last row of the SDK's table, a field of the embedded engine's counts. */
  fileUploads?: number;
  /** The engine's own words, for the failure message of a test; never compared. */
  log: string;
}

export function listConnectors(): string[] {
  return readdirSync(CONNECTORS_DIR)
    .filter((n) => /^\d\d-/.test(n) && statSync(join(CONNECTORS_DIR, n)).isDirectory())
    .sort();
}

/** A fresh copy, so that neither engine sees files/ the other left, and the source folder stays clean. */
export function copyConnector(name: string, root: string, engine: Engine): string {
  const dir = join(mkdtempSync(join(root, `${engine}-`)), name);
  cpSync(join(CONNECTORS_DIR, name), dir, {
    recursive: true,
    filter: (src) => !["files", "__pycache__", "crash-reports"].includes(basename(src)),
  });
  return dir;
}

/** `fivetran debug` of the real SDK, the way a developer runs it: from the connector folder, no prompts. */
export async function runRealSdk(projectDir: string, python: string): Promise<RunRecord> {
  const bin = dirname(python);
  // 3.0's `debug` has no --non-interactive/--yes flags (argparse rejects them); with stdin closed it never waits.
  const result = await execa(join(bin, "fivetran"), ["debug"], {
    cwd: projectDir,
    // `fivetran debug` runs pipreqs from PATH; DO_NOT_TRACK keeps its telemetry off.
    env: { PATH: `${bin}:${process.env.PATH ?? ""}`, DO_NOT_TRACK: "1", NO_COLOR: "1" },
    stdin: "ignore",
    all: true,
    reject: false,
    timeout: 90_000,
  });
  const output = result.all ?? "";
  const parsed = parseSdkOutput(output);
  // The exit code is the SDK's verdict; the printed line is a cross-check, so disagreement is visible in the status.
  const byExit = result.exitCode === 0 ? "succeeded" : "failed";
  const status = parsed.status === "unknown" || parsed.status === byExit ? byExit : `${byExit} (printed ${parsed.status})`;
  const uploads = /^\s*File uploads\s*\|\s*(\d+)\s*$/m.exec(output);
  return { status, counts: parsed.counts, dump: await dumpProject(projectDir), log: output, ...(uploads ? { fileUploads: Number(uploads[1]) } : {}) };
}

/** The embedded engine through the runner's public entry point. */
export async function runEmbedded(projectDir: string): Promise<RunRecord> {
  const { runSync } = await import("../../../src/runner/index.js");
  try {
    const r = await runSync({ projectDir, engine: "embedded", timeoutSeconds: 90 });
    const c = r.counts;
    return {
      // A run that silently fell back to another engine would compare the real SDK with itself.
      status: r.engine === "embedded" ? r.status : `ran engine ${r.engine}, not embedded`,
      counts: { upserts: c.upserts, updates: c.updates, deletes: c.deletes, truncates: c.truncates, schemaChanges: c.schemaChanges, checkpoints: c.checkpoints },
      dump: await dumpProject(projectDir),
      fileUploads: c.fileUploads,
      log: [r.error ? `${r.error.kind}: ${r.error.message}` : "", ...r.logTail].join("\n"),
    };
  } catch (e) {
    // A throw is an engine bug, not a sync outcome: it is recorded so the comparison shows it instead of stopping the suite.
    return { status: `threw: ${e instanceof Error ? e.message : String(e)}`, counts: null, dump: await dumpProject(projectDir), log: String(e) };
  }
}

/** Runs `jobs` with at most `limit` in flight: the machine has two cores for everyone. */
export async function pool<T>(jobs: (() => Promise<T>)[], limit: number): Promise<T[]> {
  const results: T[] = new Array(jobs.length);
  let next = 0;
  const worker = async () => {
    while (next < jobs.length) {
      const i = next++;
      results[i] = await jobs[i]();
    }
  };
  await Promise.all(Array.from({ length: Math.min(limit, jobs.length) }, worker));
  return results;
}

export function makeRoot(): string {
  return mkdtempSync(join(tmpdir(), "fidelity-"));
}

export function removeRoot(root: string): void {
  rmSync(root, { recursive: true, force: true });
}

/** One text per engine, so a single equality shows every difference as a line diff. */
export function render(runs: RunRecord[]): string {
  return runs
    .map((r, i) => {
      const counts = r.counts
        ? Object.entries(r.counts)
            .map(([k, v]) => `${k}=${v}`)
            .join(" ")
        : "(none)";
      return [`=== run ${i + 1}`, `outcome: ${r.status}`, `counts: ${counts}`, r.dump].join("\n");
    })
    .join("\n");
}
