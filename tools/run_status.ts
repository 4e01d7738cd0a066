import { z } from "zod";
import { ToolError } from "../src/errors.js";
import { defineTool, type ToolContext } from "../src/mcp/tool.js";
import { findJob, jobResultShape, pollJob } from "../src/jobs.js";
import { findRun, summarize, waitForRecord, type RunRecord } from "../src/runner/index.js";
import { stateFile, warehouseFile } from "../src/runner/sink.js";
import { progressOf, resultData, runResultShape, runningSummary, waitFor, type RunToolData } from "./run_debug.js";

export const runStatus = defineTool({
  name: "run_status",
  title: "Status of a connector run",
  description:
    "Reports a sync that run_debug started and returned as 'running' (or an evaluate_connector or install_requirements job: " +
    "then `job` names it and `result` holds that tool's result once it ends): waits up to wait_seconds for it to end, then returns the full " +
    "result (same fields as run_debug) or status 'running' with the counts so far. Call again until it is not running. Runs are kept " +
    "across server restarts; one the server stopped during ends 'interrupted'.",
  input: {
    run_id: z.string().min(1).describe("The run_id run_debug, evaluate_connector or install_requirements returned."),
    wait_seconds: z.coerce.number().min(0).max(55).default(20).describe("How long to wait for the run to end before answering."),
  },
  output: { ...runResultShape, ...jobResultShape },
  annotations: { readOnlyHint: true, destructiveHint: false, idempotentHint: true, openWorldHint: false },
  async handle(args, ctx) {
    const job = findJob(args.run_id);
    if (job) {
      await ctx.workspace.projectDir(job.projectDir, false);
      return pollJob(job, args.wait_seconds * 1000, ctx);
    }
    const found = findRun(args.run_id);
    if (!found) throw unknownRun(args.run_id);
    if (found.kind === "stored") {
      await checkStoredInWorkspace(found.record, ctx);
      let rec = found.record;
      // Started by another server that is still running it: its record is updated as the run goes.
      if (rec.status === "running") rec = (await waitForRecord(args.run_id, args.wait_seconds * 1000, ctx.signal)) ?? rec;
      return storedAnswer(args.run_id, rec);
    }
    const handle = found.handle;
    const report = progressOf(ctx);
    const ticker = setInterval(() => report(handle.status().counts), 1000);
    try {
      const r = await waitFor(handle.done.catch((e: unknown) => Promise.reject(e)), args.wait_seconds * 1000, ctx.signal);
      if (r) return { summary: summarize(r), data: resultData(args.run_id, r) };
    } finally {
      clearInterval(ticker);
    }
    const s = handle.status();
    if (s.result) return { summary: summarize(s.result), data: resultData(args.run_id, s.result) };
    if (s.startError) throw new ToolError(s.startError.code as never, s.startError.message, s.startError.hint);
    return { summary: runningSummary(args.run_id, s.counts, s.elapsedMs), data: { status: "running" as const, run_id: args.run_id, counts: s.counts, elapsedMs: s.elapsedMs } };
  },
});

export function unknownRun(runId: string): ToolError {
  return new ToolError(
    "not_found",
    `No run with id ${runId}.`,
    "Use the run_id run_debug returned; runs are kept for 3 days (the last 50). Start a new sync with run_debug.",
    runId,
  );
}

/**
 * Security: the run history is per user, not per workspace; a run of a folder outside this server's workspace is
 * answered as unknown rather than shown.
 */
export async function checkStoredInWorkspace(rec: RunRecord, ctx: ToolContext): Promise<void> {
  try {
    await ctx.workspace.projectDir(rec.projectDir, false);
  } catch {
    throw unknownRun(rec.runId);
  }
}

/** The answer for a run kept in the history: its result, the interruption, or (another server's) progress. */
export function storedAnswer(runId: string, rec: RunRecord): { summary: string; data: RunToolData } {
  if (rec.status === "interrupted") return interruptedAnswer(runId, rec);
  if (rec.result) return { summary: summarize(rec.result), data: resultData(runId, rec.result) };
  if (rec.startError) throw new ToolError(rec.startError.code as never, rec.startError.message, rec.startError.hint);
  if (rec.status === "running") {
    const elapsedMs = Date.now() - Date.parse(rec.startedAt);
    return {
      summary: `${runningSummary(runId, rec.counts, elapsedMs)} (It runs in another server process, pid ${rec.server.pid}.)`,
      data: { status: "running", run_id: runId, counts: rec.counts, elapsedMs },
    };
  }
  // A final status without a result cannot be written by this version; say so rather than guess.
  throw new ToolError("internal", `The record of run ${runId} says ${rec.status} but holds no result.`, "Run run_debug again.", runId);
}

function interruptedAnswer(runId: string, rec: RunRecord): { summary: string; data: RunToolData } {
  const why = rec.interruption ?? { message: "The server stopped while this sync was running.", hint: "Run run_debug again." };
  const ended = Date.parse(rec.endedAt ?? rec.updatedAt);
  const elapsedMs = Math.max(0, (Number.isFinite(ended) ? ended : Date.now()) - Date.parse(rec.startedAt));
  const r = rec.result;
  const counts = r?.counts ?? rec.counts;
  const data: RunToolData = {
    // What the run's own result says, when it arrived before the server exited (rows and state committed).
    ...(r ?? {}),
    status: "interrupted",
    run_id: runId,
    ...(r ? {} : rec.engine !== "auto" ? { engine: rec.engine } : {}),
    counts,
    elapsedMs,
    error: { kind: "interrupted", message: why.message, hint: why.hint },
    warehousePath: r?.warehousePath ?? warehouseFile(rec.projectDir),
    statePath: r?.statePath ?? stateFile(rec.projectDir),
  };
  return {
    summary:
      `Run ${runId} was interrupted after ${Math.round(elapsedMs / 1000)} s (${counts.upserts} upserts, ${counts.checkpoints} checkpoints reported). ` +
      `${why.message} ${why.hint}`,
    data,
  };
}
