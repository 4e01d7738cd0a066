// Runs one fidelity connector by one engine in its own temporary copy, and records after each run the outcome,
// the operation counts and the canonical dump of files/.
import { cpSync, mkdtempSync, readdirSync, rmSync, statSync } from "node:fs";
import { constants, tmpdir } from "node:os";
import { basename, dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { execa } from "execa";
import { HARNESS_DIR } from "../../../src/paths.js";
import type { Naming } from "../../../src/protocol.js";
import { SdkOutputParser } from "../../../src/runner/sdk-output.js";
import { configurationBytes, configurationForMasking } from "../../../src/runner/configuration-file.js";
import { MAX_ERROR_CHARS } from "../../../src/runner/context.js";
import { stripControls } from "../../../src/workspace/hygiene.js";
import { Redactor } from "../../../src/workspace/redact.js";
import { dumpProject } from "./dump.js";
import { parseSdkOutput, type SdkCounts } from "./sdk-output.js";

export const CONNECTORS_DIR = fileURLToPath(new URL("../connectors/", import.meta.url));

/** "spill": the embedded engine writing every two operations early (WriterOptions.spillRows), see fidelity.test.ts. */
export type Engine = "sdk" | "embedded" | "spill";

export interface RunRecord {
  status: string;
  /** The process's exit code (128 + n when signal n ended it); for the embedded engine RunResult.exitCode. */
  exit: string;
  /** The error's message, normalised (errorText); null when the engine gave none (then it is not compared). */
  error: string | null;
  /** Null when the engine printed or returned none. */
  counts: SdkCounts | null;
  dump: string;
  /** The "File uploads" count: the last row of the SDK's table, a field of the embedded engine's counts. */
  fileUploads?: number;
  /** The engine's own words, for the failure message of a test; never compared. */
  log: string;
}

export function listConnectors(): string[] {
  return (
    readdirSync(CONNECTORS_DIR)
      .filter((n) => /^\d{2,}-/.test(n) && statSync(join(CONNECTORS_DIR, n)).isDirectory())
      // FIDELITY_ONLY=<regex> runs the connectors whose names match (a quicker loop while working on a few).
      .filter((n) => !process.env.FIDELITY_ONLY || new RegExp(process.env.FIDELITY_ONLY).test(n))
      // By number: 100- comes after 99-.
      .sort((a, b) => parseInt(a, 10) - parseInt(b, 10) || a.localeCompare(b))
  );
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
export async function runRealSdk(projectDir: string, python: string, naming?: Naming): Promise<RunRecord> {
  const bin = dirname(python);
  // 3.0's `debug` has no --non-interactive/--yes flags (argparse rejects them); with stdin closed it never waits.
  const result = await execa(join(bin, "fivetran"), ["debug", ...(naming ? ["--naming", naming.toUpperCase()] : [])], {
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
  // A sync succeeded when the process ended with 0 and said SYNC SUCCEEDED: sys.exit(0) in update() ends it with 0
  // too, but the sync stopped there (no final flush). Otherwise the exit code is the verdict, and a printed line
  // that disagrees is shown in the status.
  const byExit = result.exitCode === 0 && parsed.status !== "unknown" ? "succeeded" : "failed";
  const status = parsed.status === "unknown" || parsed.status === byExit ? byExit : `${byExit} (printed ${parsed.status})`;
  const uploads = /^\s*File uploads\s*\|\s*(\d+)\s*$/m.exec(output);
  const reader = new SdkOutputParser();
  for (const line of output.split("\n")) reader.push(line);
  const said = reader.end().error?.message;
  return {
    status,
    // A process a signal ended is reported as a shell reports it, 128 + the signal's number (RunResult.exitCode).
    exit: result.signal ? String(128 + (constants.signals[result.signal] ?? 0)) : String(result.exitCode),
    error: said === undefined ? null : errorText(asRunResultMessage(said, projectDir), projectDir, sitePackages(python)),
    counts: parsed.counts,
    dump: await dumpProject(projectDir),
    log: output,
    ...(uploads ? { fileUploads: Number(uploads[1]) } : {}),
  };
}

/** The embedded engine through the runner's public entry point. */
export async function runEmbedded(projectDir: string, naming?: Naming): Promise<RunRecord> {
  const { runSync } = await import("../../../src/runner/index.js");
  try {
    const r = await runSync({ projectDir, engine: "embedded", timeoutSeconds: 90, naming });
    const c = r.counts;
    return {
      // A run that silently fell back to another engine would compare the real SDK with itself.
      status: r.engine === "embedded" ? r.status : `ran engine ${r.engine}, not embedded`,
      exit: r.exitCode === undefined ? "(none)" : String(r.exitCode),
      error: r.error ? errorText(r.error.message, projectDir, HARNESS_DIR) : null,
      counts: { upserts: c.upserts, updates: c.updates, deletes: c.deletes, truncates: c.truncates, schemaChanges: c.schemaChanges, checkpoints: c.checkpoints },
      dump: await dumpProject(projectDir),
      fileUploads: c.fileUploads,
      log: [r.error ? `${r.error.kind}: ${r.error.message}` : "", ...r.logTail].join("\n"),
    };
  } catch (e) {
    // A throw is an engine bug, not a sync outcome: it is recorded so the comparison shows it instead of stopping the suite.
    return { status: `threw: ${e instanceof Error ? e.message : String(e)}`, exit: "(none)", error: null, counts: null, dump: await dumpProject(projectDir), log: String(e) };
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

/**
 * The SDK's printed message as every RunResult gives a message (RunTracker.error(), the real-SDK engine's too): cut
 * at MAX_ERROR_CHARS (398), and the configuration's secrets masked (399). The embedded engine's message is that already.
 */
function asRunResultMessage(message: string, projectDir: string): string {
  const bytes = configurationBytes(projectDir);
  const configuration = configurationForMasking(bytes?.toString("utf8"));
  const bounded = message.length > MAX_ERROR_CHARS ? `${message.slice(0, MAX_ERROR_CHARS)}… [${message.length - MAX_ERROR_CHARS} more characters cut]` : message;
  return new Redactor(configuration ?? null).redact(stripControls(bounded));
}

/** The SDK's own files: where a message names one of them (a frame inside the SDK), the embedded engine names its shim. */
function sitePackages(python: string): string {
  return join(dirname(dirname(python)), "lib");
}

/**
 * An error message as compared: the run's own folder is `<project>`, and a location inside the engine's own code
 * (the SDK's package, the harness's shim, Python's frozen modules) is `<engine code>`, since the two engines are
 * different code; a location in the connector is compared as it is. A leading log icon is dropped, and a staging
 * table's name (`stage_` and eight hex digits, random in the SDK) is `stage_<hex>`. Control characters other than
 * tab and newline are dropped, as every RunResult's message drops them (the real-SDK engine's too; stripControls in
 * src/runner/context.ts): the SDK's printed text keeps a bell or a form feed (361).
 */
export function errorText(message: string, projectDir: string, engineCode: string): string {
  return (
    stripControls(message)
      .replace(/^(?:✗|ℹ️|›|✓|⚡) /u, "")
      .split(projectDir)
      .join("<project>")
      // The SDK names its staging tables with random hex digits; a load error may quote the name.
      .replace(/\bstage_[0-9a-f]{8}(_typed)?\b/g, "stage_<hex>$1")
      // tempfile's random name of the SDK's temporary state file, in an error about writing it (400).
      .replace(/\/files\/tmp[a-z0-9_]{8}\.tmp\b/g, "/files/tmp<random>.tmp")
      .replace(/at ([^\n]+), line (\d+)/g, (all, file: string) =>
        file.startsWith(engineCode) || file.startsWith("<frozen ") || /\/site-packages\/fivetran_connector_sdk/.test(file) ? "at <engine code>, line <n>" : all,
      )
  );
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
      return [`=== run ${i + 1}`, `outcome: ${r.status}`, `exit: ${r.exit}`, `counts: ${counts}`, ...(r.error === null ? [] : [`error: ${r.error}`]), r.dump].join("\n");
    })
    .join("\n");
}
