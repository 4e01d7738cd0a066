import { ToolError } from "../errors.js";
import type { ProofExtras, RunResult } from "../runner/types.js";
import { diffDumps, dumpWarehouse, type DumpDiff, type TableDump } from "./dump.js";
import { throwIfCancelled } from "../jobs.js";
import { proofRuns, type ProofRunOptions } from "./workdir.js";

/**
 * Injected faults: each fault is injected at a chosen request of its own run (in a scratch copy of the folder),
 * the run is resumed from what it committed, and both are compared with a run without faults. What the connector
 * did is read from the harness's view of its HTTP traffic (retries, the sleeps it asked for) and from the
 * warehouse (rows lost, doubled or changed).
 */
export const TRANSIENT_FAULTS = ["429", "500", "502", "503", "timeout", "reset", "401"] as const;
export const DATA_FAULTS = ["empty_page", "repeated_page", "cursor_stuck", "new_field", "removed_field", "type_change"] as const;
export const FAULT_KINDS = [...TRANSIENT_FAULTS, ...DATA_FAULTS] as const;
export type FaultKind = (typeof FAULT_KINDS)[number];

export const FAULT_DESCRIPTIONS: Record<FaultKind, string> = {
  "429": "429 Too Many Requests with Retry-After: 1",
  "500": "500 Internal Server Error",
  "502": "502 Bad Gateway",
  "503": "503 Service Unavailable",
  timeout: "the response never comes (socket timeout)",
  reset: "the connection is reset by the peer",
  "401": "401 Unauthorized once (an expired token)",
  empty_page: "a page with no records in the middle of the pages",
  repeated_page: "the previous page served again",
  cursor_stuck: "the previous page served from then on: its next cursor never advances",
  new_field: "every record of the page gains a field",
  removed_field: "every record of the page loses a field",
  type_change: "a numeric field of every record of the page arrives as a string",
};

export type Outcome = "retried" | "kept_going" | "failed_cleanly" | "looped" | "lost_rows" | "duplicated_rows" | "changed_values" | "not_reached";

export interface FaultResult {
  fault: FaultKind;
  description: string;
  /** The request (1-based) the fault was injected at. */
  at: number;
  reached: boolean;
  status: RunResult["status"];
  error?: string;
  /** Requests for the same URL after the fault (a retry or a refresh). */
  retries: number;
  /** The sleeps the connector asked for after the fault, in seconds (its backoff). */
  backoff_seconds: number[];
  looped: boolean;
  lost_rows: number;
  extra_rows: number;
  changed_rows: number;
  /** A resume from what the faulted run committed ends with every row of the run without faults. */
  state_safe: boolean;
  outcome: Outcome;
  handled: boolean;
  explanation: string;
}

export interface FaultReport {
  mode: "live" | "replay";
  baseline: { status: RunResult["status"]; requests: number; rows: Record<string, number>; error?: string };
  results: FaultResult[];
  handled: number;
  not_handled: number;
}

export interface FaultOptions extends ProofRunOptions {
  faults?: FaultKind[];
  /** The request to inject each fault at (1-based); default 2, so a page was already read. */
  at?: number;
}

export function checkFaults(kinds: string[]): FaultKind[] {
  for (const k of kinds) {
    if (!(FAULT_KINDS as readonly string[]).includes(k)) {
      throw new ToolError("invalid_argument", `Unknown fault "${k}".`, `Use one of: ${FAULT_KINDS.join(", ")}.`, k);
    }
  }
  return kinds as FaultKind[];
}

const sum = (d: DumpDiff[], f: "missing" | "extra") => d.reduce((s, x) => s + x[f], 0);

export async function injectFaults(opts: FaultOptions): Promise<FaultReport> {
  const kinds = checkFaults(opts.faults ?? [...FAULT_KINDS]);
  const at = Math.max(1, opts.at ?? 2);
  const { work, mode, run } = proofRuns(opts, opts.timeoutSeconds ?? 120);
  try {
    const base = await run(work.copy("baseline"), true, {});
    throwIfCancelled(opts.signal);
    const baseDump = await dumpWarehouse(base.warehousePath);
    const requests = base.proof?.requests ?? 0;
    const baseline = { status: base.status, requests, rows: base.rowsPerTable, ...(base.error ? { error: base.error.message } : {}) };
    opts.onStep?.(`run without faults: ${base.status}, ${requests} requests`);
    const results: FaultResult[] = [];
    if (base.status === "succeeded") {
      for (const fault of kinds) {
        throwIfCancelled(opts.signal);
        results.push(await oneFault(fault, at, requests, baseDump, (reset, extras) => run(work.copy(fault), reset, extras), run));
        const r = results[results.length - 1];
        opts.onStep?.(`${fault}: ${r.outcome}, ${r.handled ? "handled" : "not handled"}`);
      }
    }
    throwIfCancelled(opts.signal);
    const handled = results.filter((r) => r.handled).length;
    return { mode, baseline, results, handled, not_handled: results.length - handled };
  } finally {
    work.dispose();
  }
}

async function oneFault(
  fault: FaultKind,
  at: number,
  baseRequests: number,
  baseDump: TableDump[],
  first: (reset: boolean, extras: ProofExtras) => Promise<RunResult>,
  again: (dir: string, reset: boolean, extras: ProofExtras) => Promise<RunResult>,
): Promise<FaultResult> {
  const extras: ProofExtras = { faults: [{ kind: fault, at, times: 1 }], loopLimit: 20, maxRequests: Math.max(50, baseRequests * 10) };
  const r = await first(true, extras);
  const p = r.proof;
  const injected = p?.faults.find((f) => f.request >= at);
  const reached = Boolean(injected);
  const looped = Boolean(p?.looped);
  const after = (p?.log ?? []).filter((l) => l.i > (injected?.request ?? Infinity));
  const retries = injected ? after.filter((l) => l.method === injected.method && l.url === injected.url).length : 0;
  const sleeps = p?.sleeps ?? [];
  const runKeys = diffDumps(baseDump, await dumpWarehouse(r.warehousePath), { keys: true });
  const runValues = diffDumps(baseDump, await dumpWarehouse(r.warehousePath), { project: true });
  let lost = sum(runKeys, "missing");
  let extra = sum(runKeys, "extra");
  const changed = Math.max(0, sum(runValues, "extra") - extra);
  let stateSafe = true;
  if (!(r.status === "succeeded" && lost === 0)) {
    // What the faulted run committed, resumed without faults: does the connector get every row back?
    const resumed = await again(dirOf(r), false, {});
    const d = diffDumps(baseDump, await dumpWarehouse(resumed.warehousePath), { keys: true });
    lost = sum(d, "missing");
    extra = Math.max(extra, sum(d, "extra"));
    stateSafe = resumed.status === "succeeded" && lost === 0;
  }
  const transient = (TRANSIENT_FAULTS as readonly string[]).includes(fault);
  let outcome: Outcome;
  if (!reached) outcome = "not_reached";
  else if (looped) outcome = "looped";
  else if (lost > 0) outcome = "lost_rows";
  else if (extra > 0) outcome = "duplicated_rows";
  else if (r.status !== "succeeded") outcome = "failed_cleanly";
  else if (changed > 0) outcome = "changed_values";
  else if (transient && retries > 0) outcome = "retried";
  else outcome = "kept_going";
  let handled: boolean;
  if (!reached) handled = false;
  else if (transient) handled = outcome === "retried";
  else if (fault === "empty_page" || fault === "repeated_page" || fault === "cursor_stuck") handled = !looped && stateSafe && extra === 0;
  else if (fault === "type_change") handled = r.status === "succeeded" && stateSafe && changed === 0 && extra === 0;
  else handled = r.status === "succeeded" && stateSafe && extra === 0;
  return {
    fault,
    description: FAULT_DESCRIPTIONS[fault],
    at,
    reached,
    status: r.status,
    ...(r.error ? { error: `${r.error.kind}: ${r.error.message}` } : {}),
    retries,
    backoff_seconds: sleeps,
    looped,
    lost_rows: lost,
    extra_rows: extra,
    changed_rows: changed,
    state_safe: stateSafe,
    outcome,
    handled,
    explanation: explain(fault, outcome, handled, retries, sleeps, r, stateSafe, transient),
  };
}

function dirOf(r: RunResult): string {
  // files/warehouse.db → the connector folder of that run.
  return r.warehousePath.replace(/[\\/]files[\\/]warehouse\.db$/, "");
}

function explain(fault: FaultKind, outcome: Outcome, handled: boolean, retries: number, sleeps: number[], r: RunResult, stateSafe: boolean, transient: boolean): string {
  const did =
    outcome === "not_reached"
      ? `the connector made fewer requests than the injection point`
      : outcome === "retried"
        ? `retried ${retries} time(s)${sleeps.length ? ` after waiting ${sleeps.map((s) => `${s}s`).join(", ")}` : " without waiting"}`
        : outcome === "looped"
          ? "looped: it asked again and again and was stopped"
          : outcome === "failed_cleanly"
            ? `failed (${r.error?.kind ?? "error"}) ${retries ? `after asking again ${retries} time(s)` : "without retrying"}`
            : outcome === "lost_rows"
              ? "lost rows: a resume from its committed state does not get them back"
              : outcome === "duplicated_rows"
                ? "wrote rows twice"
                : outcome === "changed_values"
                  ? "kept going but wrote values that differ from the run without faults"
                  : "kept going";
  const state = stateSafe ? "its state stayed safe" : "its state is NOT safe";
  const should = transient && !handled ? " (a transient error should be retried with backoff)" : "";
  return `${FAULT_DESCRIPTIONS[fault]}: ${did}; ${state}${should}.`;
}
