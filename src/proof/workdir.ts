import { copyFileSync, lstatSync, mkdirSync, mkdtempSync, readdirSync, realpathSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { ToolError } from "../errors.js";
import { readConfiguration } from "../runner/configuration-file.js";
import { runSync } from "../runner/index.js";
import { resolvePython } from "../runner/python.js";
import type { ProofExtras } from "../runner/types.js";
import { RECORDINGS_DIR } from "./recording.js";

const SKIP = new Set([".venv", "venv", "__pycache__", ".git", "node_modules", ".mypy_cache", ".pytest_cache", ".ruff_cache"]);
const MAX_FILES = 5_000;
const MAX_BYTES = 200 * 1024 * 1024;

/**
 * A scratch copy of a connector folder for the proof runs (crash and resume, faults): they reset, kill and re-run
 * syncs many times, and none of that may touch the user's warehouse or state. files/ is left behind except the
 * recording the runs replay.
 */
export class Workdir {
  readonly root: string;
  private n = 0;

  constructor(
    private readonly source: string,
    private readonly recording?: string,
  ) {
    // Security: scratch copies hold the connector's code and recording; a private folder, removed by dispose().
    this.root = realpathSync(mkdtempSync(join(tmpdir(), "ftmcp-proof-run-")));
  }

  /** A fresh copy of the folder. */
  copy(label: string): string {
    const dir = join(this.root, `${String(++this.n).padStart(3, "0")}-${label.replace(/[^A-Za-z0-9_-]/g, "_")}`);
    const budget = { files: 0, bytes: 0 };
    copyTree(this.source, dir, "", budget, this.recording);
    return dir;
  }

  dispose(): void {
    rmSync(this.root, { recursive: true, force: true });
  }
}

function copyTree(src: string, dst: string, rel: string, budget: { files: number; bytes: number }, recording: string | undefined): void {
  mkdirSync(dst, { recursive: true, mode: 0o700 });
  for (const name of readdirSync(src)) {
    const relPath = rel ? `${rel}/${name}` : name;
    if (SKIP.has(name) || name.startsWith(".venv.untrusted-")) continue;
    if (relPath === "files") {
      if (recording) copyTree(join(src, "files"), join(dst, "files"), relPath, budget, recording);
      continue;
    }
    if (rel === "files" && name !== "recordings") continue;
    if (rel === RECORDINGS_DIR && name !== recording) continue;
    const from = join(src, name);
    // Security: links are not followed (the folder is untrusted; a link could pull any file into the copy).
    const st = lstatSync(from);
    if (st.isSymbolicLink()) continue;
    if (st.isDirectory()) copyTree(from, join(dst, name), relPath, budget, recording);
    else if (st.isFile()) {
      budget.files++;
      budget.bytes += st.size;
      if (budget.files > MAX_FILES || budget.bytes > MAX_BYTES) {
        throw new ToolError(
          "invalid_argument",
          `The connector folder is too large to copy for the proof runs (over ${MAX_FILES} files or ${MAX_BYTES / 1024 / 1024} MB outside .venv and files/).`,
          "Move data files out of the connector folder, then run again.",
        );
      }
      copyFileSync(from, join(dst, name));
    }
  }
}

/** What every proof engine (crash and resume, faults) is given: the folder, how to run it, how to report and stop. */
export interface ProofRunOptions {
  projectDir: string;
  /** Replay this recording (every run the same); without it the runs go to the live API. */
  replay?: string;
  configuration?: Record<string, unknown>;
  python?: string;
  timeoutSeconds?: number;
  signal?: AbortSignal;
  /** Called after each run: what was done, for progress. */
  onStep?: (step: string) => void;
}

/**
 * The scratch folder of a proof engine and the one way it runs a sync in a copy: the embedded engine (the proof
 * hooks live in its harness), the folder's configuration and Python, and the recording when replaying.
 */
export function proofRuns(opts: ProofRunOptions, timeoutSeconds = opts.timeoutSeconds) {
  const python = resolvePython(opts.projectDir, opts.python);
  const configuration = opts.configuration ?? readConfiguration(opts.projectDir);
  const work = new Workdir(opts.projectDir, opts.replay);
  const mode: "live" | "replay" = opts.replay ? "replay" : "live";
  const run = (projectDir: string, reset: boolean, extras: ProofExtras = {}) =>
    runSync({ projectDir, configuration, python, engine: "embedded", reset, timeoutSeconds, signal: opts.signal, ...(opts.replay ? { replay: opts.replay } : {}), proofExtras: extras });
  return { work, mode, run };
}
