import { latestRecording, proofFindings } from "../proof/evaluate-hook.js";
import { checkRequirements, parseRequirements, requirementFinding } from "../deps/requirements.js";
import { lintFindingBrief } from "../lint/result-shape.js";
import { ToolError, type SyncErrorKind } from "../errors.js";
import { copyRecordingsAside, setFilesAside } from "../runner/files-aside.js";
import { runSync } from "../runner/index.js";
import { keepRunStartAside } from "../runner/run-start.js";
import { SECRET_IN_OUTPUT } from "../runner/context.js";
import { fenceConnectorText } from "../runner/report.js";
import { projectRedactor } from "../state/redaction.js";
import type { EngineChoice, RunResult } from "../runner/types.js";
import { backupState, diffStates, warehouseFilePath, type StateDiff } from "../state/index.js";
import { dataFindings, declaredFindings, rowsWrittenSince, snapshotWarehouse } from "./data.js";
import { ConnectorProject } from "../workspace/project.js";
import { renderMarkdown } from "./markdown.js";
import type { Finding, TableSnapshot } from "./types.js";

export type { Finding, TableSnapshot } from "./types.js";

/** Fivetran gives a connector process 1 GB (sdk-behaviour §6.5). */
export const PRODUCTION_MEMORY_MB = 1024;
/** Roughly what an idle Python with the SDK takes; growth above it is what the connector holds. */
const PYTHON_BASELINE_MB = 40;
export const REPORT_FILE = "EVALUATION.md";

export interface EvaluateOptions {
  projectDir: string;
  /** Stop each run after this many written rows (upserts + updates + deletes). */
  maxRows?: number;
  timeoutSeconds?: number;
  python?: string;
  /** Which engine runs the connector (auto: the real SDK when it is installed for the Python, else embedded). */
  engine?: EngineChoice;
  signal?: AbortSignal;
  writeMarkdown?: boolean;
  onProgress?: (step: number, total: number, message: string) => void;
  /** Operation counts of run 1 (clean) or 2 (resumed) as they change. */
  onRunProgress?: (run: 1 | 2, counts: RunResult["counts"]) => void;
}

export interface RunSummary {
  status: RunResult["status"];
  /** True when the run was stopped by the row cap or the time cap, not by a failure. */
  capped: boolean;
  engine: string;
  durationMs: number;
  counts: RunResult["counts"];
  rowsPerTable: Record<string, number>;
  error?: { kind: SyncErrorKind; message: string; file?: string; line?: number; hint?: string };
  peakRssMb?: number;
}

export interface EvaluationReport {
  project: string;
  generatedAt: string;
  verdict: "ready" | "not_ready" | "incomplete";
  /** 100 minus 20 per blocking item and 5 per warning; a summary only, read the items. */
  score: number;
  blocking: Finding[];
  warnings: Finding[];
  info: Finding[];
  lint: { available: boolean; errors: number; warnings: number; infos: number; note?: string };
  runs: RunSummary[];
  resume?: {
    stateBefore: Record<string, unknown>;
    stateAfter: Record<string, unknown>;
    stateDiff: StateDiff;
    rowsRewritten: Record<string, number>;
    writesAfterLastCheckpoint: Record<string, number>;
  };
  tables: TableSnapshot[];
  memory: { peakRssMb?: number; limitMb: number; projectedFullSyncMb?: number; rowsToLimit?: number; note: string };
  stateBackup: string | null;
  markdownPath?: string;
}

const TOTAL_STEPS = 6;

/**
 * The readiness report: lint, a capped run, a resume check (a second run from the saved state),
 * data checks on the warehouse, dependency rules and memory, combined with blocking items first.
 * The runs start clean in a scratch files/: the folder's own warehouse and state are moved aside and put back
 * on every exit, cancellation and failure included. A cancelled evaluation has no verdict and writes no report.
 */
export async function evaluateConnector(opts: EvaluateOptions): Promise<EvaluationReport> {
  const project = ConnectorProject.of(opts.projectDir);
  // Security: where the report will go is checked before anything runs, so a link leaving the folder stops the
  // evaluation instead of being found after two syncs (and the report is then written through the same layer).
  if (opts.writeMarkdown !== false) project.resolve(REPORT_FILE);
  // Security: a files/ that links out of the folder is refused before it is moved aside (the runs would refuse it
  // too, but only after the folder's own files/ had been replaced).
  project.resolve("files");
  const putBack = setFilesAside(opts.projectDir);
  const putBackRunStart = keepRunStartAside(opts.projectDir);
  let report: EvaluationReport;
  try {
    copyRecordingsAside(opts.projectDir);
    report = await evaluateInScratch({ ...opts, writeMarkdown: false });
  } finally {
    putBack();
    putBackRunStart();
  }
  if (opts.signal?.aborted) throw cancelledEvaluation();
  if (opts.writeMarkdown !== false) {
    report.markdownPath = project.writeFile(REPORT_FILE, renderMarkdown(report));
  }
  return report;
}

function cancelledEvaluation(): ToolError {
  return new ToolError(
    "cancelled",
    "The evaluation was cancelled before it finished: there is no verdict, and EVALUATION.md was not written.",
    "The folder's warehouse and state are as they were before. Run evaluate_connector again (max_rows keeps it short).",
  );
}

async function evaluateInScratch(opts: EvaluateOptions): Promise<EvaluationReport> {
  const dir = opts.projectDir;
  const project = ConnectorProject.of(dir);
  // Security: where the report will go is checked before anything runs, so a link leaving the folder stops the
  // evaluation instead of being found after two syncs (and the report is then written through the same layer).
  if (opts.writeMarkdown !== false) project.resolve(REPORT_FILE);
  const progress = opts.onProgress ?? (() => {});
  const findings: Finding[] = [];
  // The timeout is the whole evaluation's budget: each run gets what is left of it, so lint, the
  // interpreter probes and two runs together stop near it (they overshot by 40-50% when each run had it all).
  const deadline = Date.now() + (opts.timeoutSeconds ?? 300) * 1000;
  const runOpts = (): EvaluateOptions => ({ ...opts, timeoutSeconds: Math.max(1, Math.floor((deadline - Date.now()) / 1000)) });

  progress(1, TOTAL_STEPS, "lint");
  const lint = await lintSection(dir, opts.signal, findings);

  progress(2, TOTAL_STEPS, "dependencies");
  await dependencySection(dir, lint.available, findings);

  if (opts.signal?.aborted) throw cancelledEvaluation();
  progress(3, TOTAL_STEPS, "first run (from a clean state)");
  const stateBackup = await backupState(dir);
  const run1 = await cappedRun(dir, runOpts(), true);
  const runs = [summarizeRun(run1.result, run1.capped)];
  const db = warehouseFilePath(dir);
  let tables: TableSnapshot[] = [];
  let resume: EvaluationReport["resume"];
  const memory = memorySection(run1.result, run1.capped, findings);

  if (run1.result.status === "succeeded" || run1.capped) {
    if (!run1.capped)
      findings.push({
        severity: "info",
        rule: "run:succeeds",
        message: `The first run succeeded: ${opsOf(run1.result)} row operation(s), ${run1.result.counts.checkpoints} checkpoint(s).`,
        hint: "—",
      });
    const snap1 = await snapshotWarehouse(db);
    for (const w of run1.result.warnings.filter((x) => x.startsWith(SECRET_IN_OUTPUT))) {
      // Seen at run time, not guessed from the code: the value reached the log, which the dashboard shows as written.
      findings.push({
        severity: "error",
        rule: "security:no_secrets_in_logs",
        message: w,
        hint: "Log an identifier or a masked value (lint FT046 shows where); never the configuration or a credential.",
      });
    }
    if (!run1.capped) findings.push(...repeatedKeys(run1.result, snap1));
    const stalled = nonProgress(run1.result, run1.capped, snap1);
    if (stalled) findings.push(stalled);
    const writesAfter = await writesAfterLastCheckpoint(dir, run1.result, run1.capped);
    for (const [, n] of Object.entries(writesAfter)) {
      findings.push({
        severity: "error",
        rule: "resume:no_writes_after_last_checkpoint",
        message: `${n} row operation(s) were sent after the last checkpoint; the saved state does not cover them, so the next sync fetches them again (and a failure loses them).`,
        hint: "Call op.checkpoint(state) after the last write of update() (and after each page or batch).",
      });
    }
    if (stalled) {
      // The first run never finished, so a second one from its state says nothing more (and would loop too).
    } else if (run1.result.counts.checkpoints === 0) {
      findings.push({
        severity: "error",
        rule: "resume:checkpoints",
        message: run1.capped
          ? "The run was capped before its first checkpoint, so resuming could not be checked."
          : "The sync never called op.checkpoint(): every sync starts from scratch and nothing is committed until the end.",
        hint: run1.capped ? "Raise max_rows (or the timeout), or checkpoint more often." : "Call op.checkpoint(state) with the cursor after each page or batch, and at the end of update().",
      });
    } else {
      progress(4, TOTAL_STEPS, "second run (resume from the saved state)");
      const run2 = await cappedRun(dir, runOpts(), false);
      runs.push(summarizeRun(run2.result, run2.capped));
      if (run2.result.status !== "succeeded" && !run2.capped) {
        findings.push({
          severity: "error",
          rule: "resume:second_run_succeeds",
          // Security: the connector's words are data for the model, fenced (and stripped) as in run_debug's summary.
          message: `The second run, started from the saved state, ${run2.result.status}${run2.result.error ? `; its message, which may quote the connector:\n${fenceConnectorText(run2.result.error.message)}` : ": no error message."}`,
          hint: run2.result.error?.hint ?? "Make update() accept the state it checkpointed (same keys and formats) and run it again.",
          ...(run2.result.error?.file ? { file: run2.result.error.file, line: run2.result.error.line } : {}),
        });
      }
      const snap2 = await snapshotWarehouse(db);
      const since = Object.fromEntries(snap1.map((t) => [t.table, t.lastSynced]));
      const rewritten = await rowsWrittenSince(db, since);
      for (const t of snap2) if (!snap1.some((s) => s.table === t.table)) rewritten[t.table] = t.rows;
      const diff = diffStates(run1.result.state, run2.result.state);
      resume = { stateBefore: run1.result.state, stateAfter: run2.result.state, stateDiff: diff, rowsRewritten: rewritten, writesAfterLastCheckpoint: writesAfter };
      resumeFindings(run1.result, run2.result, diff, snap1, snap2, rewritten, findings, run1.capped);
      findings.push(...dataFindings(snap2, snap1));
      tables = snap2;
    }
    if (!tables.length) {
      tables = snap1;
      findings.push(...dataFindings(snap1));
    }
    findings.push(...declaredFindings(run1.result.declaredTables, tables));
  } else {
    const e = run1.result.error;
    findings.push({
      severity: "error",
      rule: "run:succeeds",
      message: `The sync ${run1.result.status}${e ? ` (${e.kind}); its message, which may quote the connector:\n${fenceConnectorText(e.message)}` : "."}`,
      hint: e?.hint ?? "Run run_debug and fix the error it shows.",
      ...(e?.file ? { file: e.file, line: e.line } : {}),
    });
  }

  // With a recording, faults and crash points are tried on its replay (src/proof/).
  const recording = run1.result.status === "succeeded" ? latestRecording(dir) : undefined;
  if (recording) {
    progress(5, TOTAL_STEPS, `faults and crash points on the recording ${recording}`);
    findings.push(...(await proofFindings(dir, recording, { python: opts.python, timeoutSeconds: opts.timeoutSeconds, signal: opts.signal })));
  }

  progress(5, TOTAL_STEPS, "report");
  const order = { error: 0, warning: 1, info: 2 } as const;
  findings.sort((a, b) => order[a.severity] - order[b.severity]);
  const blocking = findings.filter((f) => f.severity === "error");
  const warnings = findings.filter((f) => f.severity === "warning");
  const info = findings.filter((f) => f.severity === "info");
  const incomplete = !lint.available || runs.length < 2;
  const report: EvaluationReport = {
    project: dir,
    generatedAt: new Date().toISOString(),
    verdict: blocking.length ? "not_ready" : incomplete ? "incomplete" : "ready",
    score: Math.max(0, 100 - 20 * blocking.length - 5 * warnings.length),
    blocking,
    warnings,
    info,
    lint,
    runs,
    ...(resume ? { resume } : {}),
    tables,
    memory,
    stateBackup,
  };
  if (opts.writeMarkdown !== false) {
    // Security: the report quotes connector text and state; it passes the project's redactor like every result.
    report.markdownPath = project.writeFile(REPORT_FILE, projectRedactor(project).redact(renderMarkdown(report)));
  }
  progress(6, TOTAL_STEPS, "done");
  return report;
}

function opsOf(r: RunResult): number {
  return r.counts.upserts + r.counts.updates + r.counts.deletes;
}

async function cappedRun(dir: string, opts: EvaluateOptions, reset: boolean): Promise<{ result: RunResult; capped: boolean }> {
  const ctrl = new AbortController();
  let rowCapped = false;
  const onAbort = () => ctrl.abort();
  opts.signal?.addEventListener("abort", onAbort, { once: true });
  try {
    const result = await runSync({
      projectDir: dir,
      keepFilesAside: true,
      reset,
      python: opts.python,
      engine: opts.engine,
      timeoutSeconds: opts.timeoutSeconds ?? 300,
      signal: ctrl.signal,
      onProgress: (c) => {
        opts.onRunProgress?.(reset ? 1 : 2, c);
        if (opts.maxRows && !rowCapped && c.upserts + c.updates + c.deletes >= opts.maxRows) {
          rowCapped = true;
          ctrl.abort();
        }
      },
    });
    // A cancel from the caller is a cancel, never a verdict; one from our own row cap is a capped run.
    if (opts.signal?.aborted) throw cancelledEvaluation();
    const capped = (rowCapped && result.status === "cancelled") || result.status === "timeout";
    return { result, capped };
  } finally {
    opts.signal?.removeEventListener("abort", onAbort);
  }
}

function summarizeRun(r: RunResult, capped: boolean): RunSummary {
  return {
    status: r.status,
    capped,
    engine: r.engine,
    durationMs: r.durationMs,
    counts: r.counts,
    rowsPerTable: r.rowsPerTable,
    ...(r.error ? { error: { kind: r.error.kind, message: r.error.message, file: r.error.file, line: r.error.line, hint: r.error.hint } } : {}),
    ...(r.peakRssMb !== undefined ? { peakRssMb: r.peakRssMb } : {}),
  };
}

/**
 * Row operations sent after the connector's last checkpoint: the run engine records the counts at
 * each checkpoint, so the difference with the totals is what the saved state does not cover. Per
 * table, the rows of the warehouse newer than the last checkpointed write say where they went.
 */
async function writesAfterLastCheckpoint(dir: string, r: RunResult, capped: boolean): Promise<Record<string, number>> {
  const at = r.countsAtLastCheckpoint;
  if (capped || r.status !== "succeeded" || !at) return {};
  const after = opsOf(r) - (at.upserts + at.updates + at.deletes);
  return after > 0 ? { "(all tables)": after } : {};
}

/**
 * A capped run that kept writing the same rows: the sync fetches the same page or cursor again (an
 * inclusive `since` filter that returns its last record forever) and would never finish. Upserts are
 * counted per operation and rows per primary key, so many upserts for few rows is the loop's trace.
 */
function nonProgress(r: RunResult, capped: boolean, snap: TableSnapshot[]): Finding | undefined {
  if (!capped) return undefined;
  const keyed = snap.filter((t) => t.primaryKey.length > 0 && !(t.primaryKey.length === 1 && t.primaryKey[0] === "_fivetran_id"));
  const rows = keyed.reduce((n, t) => n + t.rows, 0);
  const writes = r.counts.upserts + r.counts.updates;
  if (rows === 0 || writes < 2 * rows) return undefined;
  const stopped = r.status === "timeout" ? "ran until the time limit" : "reached the row limit";
  return {
    severity: "error",
    rule: "run:progress",
    message: `The sync never finishes: it ${stopped} after ${writes} upsert(s) that produced only ${rows} distinct row(s) (${keyed.map((t) => `${t.table}: ${t.rows}`).join(", ")}), so it fetches the same page or cursor again and again.`,
    hint: "Stop when a page or cursor repeats, and ask for rows strictly after the cursor (an inclusive since filter returns its last record forever).",
  };
}

/**
 * Keyed tables that got more upserts than rows in one clean sync: later upserts replaced rows of the same sync.
 * The warehouse cannot show it (one row per key is all it keeps), yet it loses rows when the declared key is not the
 * source's unique id, or when pages overlap. A change feed that sends each version of a record does it by design,
 * hence a warning. The embedded engine counts writes per table; the SDK's output has totals, usable for one table.
 */
function repeatedKeys(r: RunResult, snap: TableSnapshot[]): Finding[] {
  const upserts: Record<string, number> = r.writtenPerTable
    ? Object.fromEntries(Object.entries(r.writtenPerTable).map(([t, w]) => [t, w.upserts]))
    : snap.length === 1
      ? { [snap[0].table]: r.counts.upserts }
      : {};
  const out: Finding[] = [];
  for (const t of snap) {
    const sent = upserts[t.table] ?? 0;
    const keyed = t.primaryKey.length > 0 && !(t.primaryKey.length === 1 && t.primaryKey[0] === "_fivetran_id");
    if (!keyed || sent <= t.rows) continue;
    out.push({
      severity: "warning",
      rule: "data:pk_repeated_in_sync",
      table: t.table,
      message: `Table ${t.table}: the first (clean) sync sent ${sent} upsert(s) but the table has ${t.rows} row(s): ${sent - t.rows} upsert(s) replaced a row the same sync had written, because they repeat its primary key (${t.primaryKey.join(", ")}). Either that key is not unique in the source, and rows are lost, or the source returned the same records twice.`,
      hint: `Declare as ${t.table}'s primary key the field (or fields) that identify one record in the source (often id), and check that pages do not overlap; a change feed that sends every version of a record does this by design.`,
    });
  }
  return out;
}

/** Top-level state keys whose value is the same after the second run (null counts as not moving). */
function stuckKeys(before: Record<string, unknown> | null | undefined, after: Record<string, unknown> | null | undefined): string[] {
  const a = before ?? {};
  const b = after ?? {};
  return Object.keys(b).filter((k) => k in a && JSON.stringify(a[k]) === JSON.stringify(b[k]));
}

/**
 * Keyed tables to which the second sync added many rows the first, which finished, had not written: the first sync
 * stopped before the end of the data (pagination that ends after one page), and each sync reads a bit more from the
 * cursor the last one saved. A first run stopped by max_rows leaves rows for the second by design. A live source
 * gains some rows between two syncs seconds apart, rarely as many as the whole first sync wrote, hence the bounds.
 */
function firstSyncIncomplete(s1: TableSnapshot[], s2: TableSnapshot[], firstCapped: boolean): Finding[] {
  if (firstCapped) return [];
  const out: Finding[] = [];
  for (const t of s2) {
    const unkeyed = t.primaryKey.length === 0 || (t.primaryKey.length === 1 && t.primaryKey[0] === "_fivetran_id");
    const before = s1.find((x) => x.table === t.table)?.rows ?? 0;
    const added = t.rows - before;
    if (unkeyed || before === 0 || added < 10 || added < 0.5 * before) continue;
    out.push({
      severity: "error",
      rule: "resume:first_sync_complete",
      table: t.table,
      message: `Table ${t.table}: the second sync added ${added} row(s) that the first sync had not written (${before} → ${t.rows} rows), although the first finished without error: the first (historical) sync stopped before the end of the data, so each sync loads only the next part.`,
      hint: "Make one sync read every page: check the pagination (the next-page field or link under the name the API really uses, which sample_source shows; the page size; the end condition) and what run_debug's log says was read. If the source really gained these rows between the two syncs, run evaluate_connector again.",
    });
  }
  return out;
}

function resumeFindings(r1: RunResult, r2: RunResult, diff: StateDiff, s1: TableSnapshot[], s2: TableSnapshot[], rewritten: Record<string, number>, out: Finding[], firstCapped = false): void {
  const ops2 = opsOf(r2);
  const incomplete = firstSyncIncomplete(s1, s2, firstCapped);
  out.push(...incomplete);
  const up1 = r1.counts.upserts;
  const up2 = r2.counts.upserts;
  const noStateKeys = Object.keys(r1.state ?? {}).length === 0 && Object.keys(r2.state ?? {}).length === 0;
  // Per table: the second run re-wrote (nearly) every row the first wrote, from a state that did not move.
  const stuck = stuckKeys(r1.state, r2.state);
  const resyncedTables = Object.entries(r1.rowsPerTable ?? {})
    .filter(([t, n]) => n > 0 && (rewritten[t] ?? 0) >= 0.9 * n)
    .map(([t]) => t);
  if (noStateKeys && up1 > 0 && up2 >= 0.9 * up1) {
    // No state at all: a full re-sync by design (an API without a cursor), not a broken cursor.
    out.push({
      severity: "warning",
      rule: "resume:full_resync_by_design",
      message: `The connector keeps no state keys, so every sync re-reads everything: the second sync re-wrote ${up2} of ${up1} row(s)${resyncedTables.length ? ` (${resyncedTables.join(", ")})` : ""}.`,
      hint: "Fine for a small source without a change cursor (say so in README.md); otherwise checkpoint a cursor (e.g. the max updated_at) and read it from state at the start of update().",
    });
  } else if (resyncedTables.length > 0 && (stuck.length > 0 || diff.unchanged) && ops2 > 0) {
    // Tables re-synced whole from a state that did not move. A table's cursor is the state key named after it when
    // there is one; else a key that stayed and is not named after another table. A table whose own key moved is not
    // stuck: the source changed its rows since the first sync (a source that stamps rows on every read does this).
    const names = Object.keys(r1.rowsPerTable ?? {});
    const keysOf = (t: string) => Object.keys(r2.state ?? {}).filter((k) => k.toLowerCase().includes(t.toLowerCase()));
    for (const t of resyncedTables) {
      const own = keysOf(t);
      const moved = own.filter((k) => !stuck.includes(k));
      if (moved.length > 0) {
        out.push({
          severity: (r1.rowsPerTable?.[t] ?? 0) >= 10 ? "warning" : "info",
          rule: "resume:source_changed",
          table: t,
          message: `Table ${t}: the second sync re-wrote ${rewritten[t]} row(s) (the first wrote ${r1.rowsPerTable?.[t]}) although its state key${moved.length > 1 ? "s" : ""} ${moved.map((k) => `'${k}'`).join(", ")} moved: the source changed those rows between the syncs, or the requests do not filter by the cursor.`,
          hint: `If the source did not change ${t} in between, ask it only for rows after the saved cursor.`,
        });
        continue;
      }
      const others = names.filter((o) => o !== t && !t.toLowerCase().includes(o.toLowerCase()));
      const keys = own.length ? own : stuck.filter((k) => !others.some((o) => k.toLowerCase().includes(o.toLowerCase())));
      if (keys.length === 0 && !diff.unchanged) {
        out.push({
          severity: "warning",
          rule: "resume:no_full_resync",
          table: t,
          message: `Table ${t}: the second sync re-wrote ${rewritten[t]} row(s) (the first wrote ${r1.rowsPerTable?.[t]}), and no state key is named after it, so which cursor it uses cannot be told.`,
          hint: `Keep ${t}'s cursor under a state key named after it (e.g. '${t}_cursor'), checkpoint its newest value, and ask the source only for rows after it.`,
        });
        continue;
      }
      const values = keys.map((k) => (r2.state ?? {})[k]);
      if (keys.length && values.every((v) => v !== null && v !== undefined)) {
        // A cursor with a value that stays: it may be stuck behind the rows, or saved and never used (update() reads
        // another key, or does not filter by it). Which one the evaluation cannot tell, so it names both.
        out.push({
          severity: "error",
          rule: "resume:state_advances",
          table: t,
          message: `Table ${t}: the second sync started from ${keys.map((k, i) => `${k} = ${JSON.stringify(values[i])}`).join(", ")} and still re-wrote ${rewritten[t]} row(s) (the first wrote ${r1.rowsPerTable?.[t]}), and state key${keys.length > 1 ? "s" : ""} ${keys.map((k) => `'${k}'`).join(", ")} did not move: either the cursor stays behind the rows written, or update() does not use it to ask only for newer rows, so every sync re-reads the table.`,
          hint: `At the start of update() read the key it checkpoints (state.get('${keys[0]}')) and ask the source only for rows after it; checkpoint the newest cursor value of ${t} seen (e.g. the max updated_at of the page).`,
        });
        continue;
      }
      const shown = keys.length
        ? `state key${keys.length > 1 ? "s" : ""} ${keys.map((k) => `'${k}'`).join(", ")} did not move (${keys.map((k) => `${k} = ${JSON.stringify((r2.state ?? {})[k])}`).join(", ")})`
        : "the state did not change";
      out.push({
        severity: "error",
        rule: "resume:state_advances",
        table: t,
        message: `Table ${t}: the second sync re-wrote ${rewritten[t]} row(s) (the first wrote ${r1.rowsPerTable?.[t]}) and ${shown}: its cursor never advances, so every sync re-reads the table.`,
        hint: `Checkpoint the newest cursor value of ${t} seen (e.g. the max updated_at of the page) under its state key, and read it at the start of update().`,
      });
    }
  } else if (incomplete.length > 0) {
    // The second sync's writes were new rows, reported above: they are not re-writes.
  } else if (up1 >= 10 && up2 >= 0.9 * up1) {
    out.push({
      severity: "warning",
      rule: "resume:no_full_resync",
      message: `The second sync re-wrote ${up2} of ${up1} row(s) although it started from the saved state; it re-reads (almost) everything each time.`,
      hint: "Use the saved cursor to ask the source only for rows changed since it (incremental sync); full re-syncs are acceptable only for small tables.",
    });
  } else if (up2 > 0) {
    out.push({
      severity: "info",
      rule: "resume:overlap",
      message: `The second sync re-wrote ${up2} row(s) of the ${up1} the first wrote (overlap or new source rows).`,
      hint: "Fine for a look-back window or rows the source changed between the syncs; otherwise start strictly after the cursor.",
    });
  } else {
    out.push({
      severity: "info",
      rule: "resume:state_advances",
      message: diff.unchanged ? "The second sync found nothing new and kept the state." : "The second sync wrote nothing new and moved the state forward.",
      hint: "—",
    });
  }
  for (const t of s2) {
    const before = s1.find((x) => x.table === t.table);
    const unkeyed = t.primaryKey.length === 0 || (t.primaryKey.length === 1 && t.primaryKey[0] === "_fivetran_id");
    if (before && unkeyed && t.rows > before.rows && up2 > 0) {
      out.push({
        severity: "warning",
        rule: "resume:no_duplicates",
        table: t.table,
        message: `Table ${t.table} (no primary key) grew from ${before.rows} to ${t.rows} rows on the second sync: re-sent rows that changed at all are stored as new rows.`,
        hint: `Declare a primary key for ${t.table}.`,
      });
    }
  }
}

function memorySection(r: RunResult, capped: boolean, out: Finding[]): EvaluationReport["memory"] {
  const peak = r.peakRssMb;
  if (peak === undefined) {
    return { limitMb: PRODUCTION_MEMORY_MB, note: "The platform did not report the connector's peak memory." };
  }
  const rows = opsOf(r);
  const growth = Math.max(0, peak - PYTHON_BASELINE_MB);
  const perRow = rows > 0 ? growth / rows : 0;
  const rowsToLimit = perRow > 0 ? Math.floor((PRODUCTION_MEMORY_MB - PYTHON_BASELINE_MB) / perRow) : undefined;
  const mem: EvaluationReport["memory"] = {
    peakRssMb: peak,
    limitMb: PRODUCTION_MEMORY_MB,
    ...(capped || r.status !== "succeeded" ? {} : { projectedFullSyncMb: peak }),
    ...(rowsToLimit !== undefined ? { rowsToLimit } : {}),
    note: capped
      ? rowsToLimit !== undefined
        ? `The run was capped; if memory grows with rows (a connector that holds rows instead of checkpointing), 1 GB is reached after about ${rowsToLimit} rows.`
        : "The run was capped; memory did not grow with rows, so no projection is made."
      : r.status === "succeeded"
        ? "The run was complete, so its peak is the full sync's peak on this data."
        : `The run ${r.status} before the end of the data, so its peak is a lower bound of a full sync's.`,
  };
  if (peak > PRODUCTION_MEMORY_MB) {
    out.push({
      severity: "error",
      rule: "memory:under_1gb",
      message: `Peak memory ${peak} MB exceeds the 1 GB Fivetran gives a connector.`,
      hint: "Stream pages instead of loading everything, upsert as you go and checkpoint after each page.",
    });
  } else if (peak > PRODUCTION_MEMORY_MB / 2) {
    out.push({
      severity: "warning",
      rule: "memory:under_1gb",
      message: `Peak memory ${peak} MB is over half of the 1 GB production limit.`,
      hint: "Process the source page by page and do not keep rows after upserting them.",
    });
  } else if (capped && rowsToLimit !== undefined && rowsToLimit < 10 * Math.max(rows, 1)) {
    out.push({
      severity: "warning",
      rule: "memory:projection",
      message: `Memory grew by about ${(perRow * 1000).toFixed(1)} MB per 1,000 rows; at that rate 1 GB is reached after ~${rowsToLimit} rows.`,
      hint: "Check the full source size; avoid collecting rows in lists before upserting.",
    });
  }
  return mem;
}

async function lintSection(dir: string, signal: AbortSignal | undefined, out: Finding[]): Promise<EvaluationReport["lint"]> {
  let lintFn: typeof import("../lint/engine.js").lint;
  try {
    // Loaded on demand: a linter that cannot start is reported as a missing section, not a crash.
    lintFn = (await import("../lint/engine.js")).lint;
  } catch (e) {
    return { available: false, errors: 0, warnings: 0, infos: 0, note: `The linter could not be loaded: ${(e as Error).message}` };
  }
  const res = await lintFn(dir, { signal });
  for (const f of res.findings) out.push(lintFindingBrief(f));
  return { available: true, errors: res.summary.errors, warnings: res.summary.warnings, infos: res.summary.infos };
}

/**
 * Dependency rules. When the linter ran, its cross-file rules (imports vs requirements.txt, pins,
 * pre-installed packages) already reported them; otherwise the requirements rules run here.
 */
async function dependencySection(dir: string, lintRan: boolean, out: Finding[]): Promise<void> {
  if (lintRan) return;
  const text = ConnectorProject.of(dir).readText("requirements.txt");
  if (text === undefined) return;
  for (const i of checkRequirements(parseRequirements(text))) out.push(requirementFinding(i));
}
