import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { PACKAGE_ROOT } from "../paths.js";
import { resolvePython } from "../runner/python.js";
import { runSync } from "../runner/index.js";
import { readConfiguration } from "../runner/configuration-file.js";
import { crashAndResume, type CrashReport } from "./crash.js";
import { injectFaults, type FaultKind, type FaultReport } from "./faults.js";
import { throwIfCancelled } from "../jobs.js";
import { buildReceipt, writeReceipt, type Receipt } from "./receipt.js";
import { Workdir, type ProofRunOptions } from "./workdir.js";

export { crashAndResume, type CrashReport } from "./crash.js";
export { injectFaults, FAULT_KINDS, checkFaults, type FaultKind, type FaultReport } from "./faults.js";
export { buildReceipt, checkReceipt, receiptMarkdown, writeReceipt, RECEIPT_JSON, RECEIPT_MD, type Receipt, type ReceiptCheck } from "./receipt.js";
export { recordingExists, RECORDINGS_DIR } from "./recording.js";

export interface MakeReceiptOptions extends ProofRunOptions {
  version?: string;
  crash?: boolean;
  faults?: FaultKind[];
  lint?: boolean;
}

/**
 * A receipt of a clean run in a scratch copy (replayed when a recording is named, else live), with crash and resume
 * and faults when asked; written to files/receipt.json and files/receipt.md of the folder.
 */
export async function makeReceipt(opts: MakeReceiptOptions): Promise<{ receipt: Receipt; json: string; markdown: string }> {
  const configuration = opts.configuration ?? readConfiguration(opts.projectDir);
  const python = resolvePython(opts.projectDir, opts.python);
  const work = new Workdir(opts.projectDir, opts.replay);
  let resume: CrashReport | undefined;
  let faults: FaultReport | undefined;
  try {
    const dir = work.copy("receipt");
    const result = await runSync({
      projectDir: dir,
      configuration,
      python,
      engine: "embedded",
      reset: true,
      timeoutSeconds: opts.timeoutSeconds,
      signal: opts.signal,
      ...(opts.replay ? { replay: opts.replay } : {}),
      proofExtras: {},
    });
    opts.onStep?.(`run: ${result.status}`);
    throwIfCancelled(opts.signal);
    if (opts.crash)
      resume = await crashAndResume({ projectDir: opts.projectDir, configuration, python, replay: opts.replay, signal: opts.signal, onStep: opts.onStep, timeoutSeconds: opts.timeoutSeconds });
    if (opts.faults?.length)
      faults = await injectFaults({
        projectDir: opts.projectDir,
        configuration,
        python,
        replay: opts.replay,
        faults: opts.faults,
        signal: opts.signal,
        onStep: opts.onStep,
        timeoutSeconds: opts.timeoutSeconds,
      });
    const receipt = await buildReceipt({ projectDir: opts.projectDir, result, startedClean: true, version: opts.version ?? packageVersion(), configuration, lint: opts.lint, resume, faults });
    const written = await writeReceipt(opts.projectDir, receipt);
    return { receipt, ...written };
  } finally {
    work.dispose();
  }
}

/** Whether the folder has nothing a run would start from (no state, no warehouse). */
export function isClean(projectDir: string): boolean {
  return !existsSync(join(projectDir, "files", "state.json")) && !existsSync(join(projectDir, "files", "warehouse.db"));
}

/** This package's version, for receipts. */
export function packageVersion(): string {
  try {
    return (JSON.parse(readFileSync(join(PACKAGE_ROOT, "package.json"), "utf8")) as { version: string }).version;
  } catch {
    return "unknown";
  }
}
