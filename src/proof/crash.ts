import type { ProofExtras, RunResult } from "../runner/types.js";
import { diffDumps, dumpWarehouse, stateHash, type DumpDiff, type TableDump } from "./dump.js";
import { throwIfCancelled } from "../jobs.js";
import { proofRuns, type ProofRunOptions } from "./workdir.js";

/**
 * Crash and resume: a sync killed right after checkpoint N (or at an operation), resumed from the state it
 * committed, must end with the warehouse of an uninterrupted run: no row lost, none doubled, cursors never going
 * back, and a second clean run adds nothing. Every run happens in a scratch copy of the folder.
 */
export interface CrashOptions extends ProofRunOptions {
  /** Crash after these checkpoints; default: every checkpoint of the uninterrupted run, up to maxPoints. */
  checkpoints?: number[];
  /** Also crash at this many operations picked with a seeded generator (reproducible). */
  randomOperations?: number;
  seed?: number;
  maxPoints?: number;
}

export interface CrashPoint {
  /** after_checkpoint N, or at_operation K. */
  crash: { after_checkpoint?: number; at_operation?: number };
  /** Whether the crash happened where asked (the run reached that point). */
  crashed: boolean;
  resume_status: RunResult["status"];
  resume_error?: string;
  lost_rows: number;
  extra_rows: number;
  cursor_regressions: { checkpoint: number; path: string }[];
  differences: DumpDiff[];
  /** False when the resumed run asked a replay for requests the recording does not hold: nothing to judge. */
  judged: boolean;
  passed: boolean;
}

export interface CrashReport {
  verdict: "passed" | "failed" | "baseline_failed" | "not_judged";
  mode: "live" | "replay";
  baseline: {
    status: RunResult["status"];
    error?: string;
    checkpoints: number;
    operations: number;
    rows: Record<string, number>;
    table_sha256: Record<string, string>;
    state_sha256: string | null;
    cursor_regressions: { checkpoint: number; path: string }[];
  };
  second_run: { status: RunResult["status"]; operations: number; writes_nothing_new: boolean; judged: boolean; differences: DumpDiff[] } | null;
  points: CrashPoint[];
  /** One line per problem found, for people. */
  problems: string[];
  /** What could not be judged, and why (a replay that lacks the requests of a resumed run). */
  notes: string[];
}

const ops = (r: RunResult) => r.counts.upserts + r.counts.updates + r.counts.deletes + r.counts.truncates;

/** A small seeded generator (mulberry32): the same seed picks the same operations. */
export function seeded(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export async function crashAndResume(opts: CrashOptions): Promise<CrashReport> {
  const { work, mode, run } = proofRuns(opts);
  const problems: string[] = [];
  const notes: string[] = [];
  // On a replay, a run that asks for what the recording does not hold fails as unrecorded: not the connector's fault.
  const unrecorded = (r: RunResult) => mode === "replay" && r.status === "failed" && Boolean(r.proof?.unrecorded?.length);
  try {
    const baseDir = work.copy("baseline");
    const base = await run(baseDir, true);
    throwIfCancelled(opts.signal);
    opts.onStep?.(`uninterrupted run: ${base.status}, ${base.counts.checkpoints} checkpoints`);
    const baseDump = await dumpWarehouse(base.warehousePath);
    const baseline = {
      status: base.status,
      ...(base.error ? { error: base.error.message } : {}),
      checkpoints: base.counts.checkpoints,
      operations: ops(base),
      rows: base.rowsPerTable,
      table_sha256: Object.fromEntries(baseDump.map((t) => [t.table, t.sha256])),
      state_sha256: stateHash(base.statePath),
      cursor_regressions: base.proof?.cursor_regressions ?? [],
    };
    if (base.status !== "succeeded") {
      return {
        verdict: "baseline_failed",
        mode,
        baseline,
        second_run: null,
        points: [],
        notes,
        problems: [`The uninterrupted run did not succeed (${base.error?.kind}: ${base.error?.message}); fix that first.`],
      };
    }
    if (baseline.checkpoints === 0) problems.push("The sync never checkpoints: a crash anywhere loses all it did, and every sync starts over.");
    for (const r of baseline.cursor_regressions) problems.push(`The uninterrupted run moved ${r.path} backwards at checkpoint ${r.checkpoint}.`);

    throwIfCancelled(opts.signal);
    const second = await run(baseDir, false);
    const secondDiff = diffDumps(baseDump, await dumpWarehouse(second.warehousePath));
    const secondJudged = !unrecorded(second);
    const second_run = { status: second.status, operations: ops(second), writes_nothing_new: second.status === "succeeded" && secondDiff.length === 0, judged: secondJudged, differences: secondDiff };
    opts.onStep?.(`second clean run: ${second.status}, ${second_run.operations} operations`);
    if (!secondJudged)
      notes.push(`The second run asks the recording for requests it does not hold (${second.proof?.unrecorded?.[0]?.url ?? ""}): run crash_resume live to check that it writes nothing new.`);
    else if (!second_run.writes_nothing_new)
      problems.push(
        second.status === "succeeded"
          ? `A second run after the uninterrupted one changed the warehouse (${describe(secondDiff)}).`
          : `A second run after the uninterrupted one ${second.status}: ${second.error?.message}`,
      );

    const wanted: ProofExtras["crash"][] = [];
    const max = opts.maxPoints ?? 20;
    const cps = opts.checkpoints ?? Array.from({ length: baseline.checkpoints }, (_, i) => i + 1);
    for (const n of cps.slice(0, max)) wanted.push({ after_checkpoint: n });
    if (opts.randomOperations && baseline.operations > 0) {
      const rnd = seeded(opts.seed ?? 1);
      const picked = new Set<number>();
      for (let i = 0; i < opts.randomOperations * 4 && picked.size < Math.min(opts.randomOperations, baseline.operations); i++) picked.add(1 + Math.floor(rnd() * baseline.operations));
      for (const k of [...picked].sort((a, b) => a - b)) wanted.push({ at_operation: k });
    }

    const points: CrashPoint[] = [];
    for (const crash of wanted) {
      throwIfCancelled(opts.signal);
      const dir = work.copy(crash?.after_checkpoint ? `cp${crash.after_checkpoint}` : `op${crash?.at_operation}`);
      const killed = await run(dir, true, { crash });
      const resumed = await run(dir, false);
      const diff = diffDumps(baseDump, await dumpWarehouse(resumed.warehousePath));
      const lost = diff.reduce((s, d) => s + d.missing, 0);
      const extra = diff.reduce((s, d) => s + d.extra, 0);
      const regressions = [...(killed.proof?.cursor_regressions ?? []), ...(resumed.proof?.cursor_regressions ?? []).map((r) => ({ ...r, checkpoint: -r.checkpoint }))];
      const crashed = Boolean(killed.proof?.crashed);
      const judged = !unrecorded(resumed);
      const passed = judged && crashed && resumed.status === "succeeded" && lost === 0 && extra === 0 && regressions.length === 0;
      const point: CrashPoint = {
        crash: crash ?? {},
        crashed,
        resume_status: resumed.status,
        ...(resumed.error ? { resume_error: resumed.error.message } : {}),
        lost_rows: lost,
        extra_rows: extra,
        cursor_regressions: regressions,
        differences: diff,
        judged,
        passed,
      };
      points.push(point);
      const where = crash?.after_checkpoint ? `after checkpoint ${crash.after_checkpoint}` : `at operation ${crash?.at_operation}`;
      opts.onStep?.(`crash ${where}: ${!judged ? "not judged" : passed ? "passed" : "failed"}`);
      if (!judged) {
        notes.push(`Crash ${where}: the resumed run asks the recording for ${resumed.proof?.unrecorded?.[0]?.url ?? "a request"}, which it does not hold; not judged (run crash_resume live).`);
        for (const r of regressions)
          problems.push(`Crash ${where}: ${r.path} went backwards at ${r.checkpoint < 0 ? `checkpoint ${-r.checkpoint} of the resumed run` : `checkpoint ${r.checkpoint}`}.`);
        continue;
      }
      if (!crashed) problems.push(`The run killed ${where} ended before reaching it (${killed.status}).`);
      if (resumed.status !== "succeeded") problems.push(`Resuming after a crash ${where} ${resumed.status}: ${resumed.error?.message}`);
      if (lost) problems.push(`Crash ${where}, then resume: ${lost} row(s) of the uninterrupted run are missing (${describe(diff)}): the state committed more than the rows it covers.`);
      if (extra) problems.push(`Crash ${where}, then resume: ${extra} row(s) the uninterrupted run does not have (${describe(diff)}).`);
      for (const r of regressions) problems.push(`Crash ${where}: ${r.path} went backwards at ${r.checkpoint < 0 ? `checkpoint ${-r.checkpoint} of the resumed run` : `checkpoint ${r.checkpoint}`}.`);
    }
    throwIfCancelled(opts.signal);
    const verdict = problems.length ? "failed" : points.some((p) => p.judged) || points.length === 0 ? "passed" : "not_judged";
    return { verdict, mode, baseline, second_run, points, problems, notes };
  } finally {
    work.dispose();
  }
}

function describe(diff: DumpDiff[]): string {
  return diff
    .map((d) => `${d.table}: ${d.missing} missing, ${d.extra} extra${d.missing_examples[0] ? `, e.g. ${d.missing_examples[0]}` : d.extra_examples[0] ? `, e.g. ${d.extra_examples[0]}` : ""}`)
    .join("; ");
}

export type { TableDump };
