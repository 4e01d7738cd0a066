import { z } from "zod";
import { findJob, jobResultShape, pollJob } from "../src/jobs.js";
import { defineTool } from "../src/mcp/tool.js";
import { findRun, summarize, waitForRecord } from "../src/runner/index.js";
import { checkStoredInWorkspace, progressOf, resultData, runResultShape, runningData, runningSummary, startErrorOf, storedAnswer, unknownRun, waitFor } from "../src/runner/run-result.js";

export const runStatus = defineTool({
  name: "run_status",
  title: "Status of a connector run",
  description:
    "Waits up to wait_seconds for a run_id returned as 'running' (run_debug, evaluate_connector, " +
    "install_requirements, proof tools), then returns its result (run_debug's fields; else `job` names the tool " +
    "and `result` holds its result) or status 'running' with progress. Syncs survive server restarts; one the " +
    "server stopped during ends 'interrupted'.",
  input: {
    run_id: z.string().min(1).describe("The run_id the tool returned."),
    wait_seconds: z.coerce.number().min(0).max(55).default(20).describe("How long to wait for the run to end before answering."),
  },
  output: { ...runResultShape, ...jobResultShape },
  advertisedFields: ["status", "run_id", "error", "job", "result", "progress"],
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
      await checkStoredInWorkspace(found.record, ctx.workspace);
      let rec = found.record;
      // Started by another server that is still running it: its record is updated as the run goes.
      if (rec.status === "running") rec = (await waitForRecord(args.run_id, args.wait_seconds * 1000, ctx.signal)) ?? rec;
      return storedAnswer(args.run_id, rec);
    }
    const handle = found.handle;
    const report = progressOf(ctx);
    const ticker = setInterval(() => report(handle.status().counts), 1000);
    try {
      const r = await waitFor(handle.done, args.wait_seconds * 1000, ctx.signal);
      if (r) return { summary: summarize(r), data: resultData(args.run_id, r) };
    } finally {
      clearInterval(ticker);
    }
    const s = handle.status();
    if (s.result) return { summary: summarize(s.result), data: resultData(args.run_id, s.result) };
    if (s.startError) throw startErrorOf(s.startError);
    return { summary: runningSummary(args.run_id, s.counts, s.elapsedMs), data: runningData(args.run_id, s.counts, s.elapsedMs) };
  },
});
