import { z } from "zod";
import { defineTool } from "../src/mcp/tool.js";
import { findRun, summarize, waitForRecord } from "../src/runner/index.js";
import {
  checkStoredInWorkspace,
  progressOf,
  resultData,
  runResultShape,
  runningData,
  runningSummary,
  startErrorOf,
  storedAnswer,
  unknownRun,
  waitFor,
} from "../src/runner/run-result.js";

export const runStatus = defineTool({
  name: "run_status",
  title: "Status of a connector run",
  description:
    "Reports a sync that run_debug started and returned as 'running': waits up to wait_seconds for it to end, then returns the full " +
    "result (same fields as run_debug) or status 'running' with the counts so far. Call again until it is not running. Runs are kept " +
    "across server restarts; one the server stopped during ends 'interrupted'.",
  input: {
    run_id: z.string().min(1).describe("The run_id run_debug returned."),
    wait_seconds: z.coerce.number().min(0).max(55).default(20).describe("How long to wait for the run to end before answering."),
  },
  output: runResultShape,
  annotations: { readOnlyHint: true, destructiveHint: false, idempotentHint: true, openWorldHint: false },
  async handle(args, ctx) {
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

