import { z } from "zod";
import { ToolError } from "../src/errors.js";
import { defineTool } from "../src/mcp/tool.js";
import { getRun, summarize } from "../src/runner/index.js";
import { progressOf, resultData, runResultShape, runningSummary, waitFor } from "./run_debug.js";

export const runStatus = defineTool({
  name: "run_status",
  title: "Status of a connector run",
  description:
    "Reports a sync that run_debug started and returned as 'running': waits up to wait_seconds for it to end, then returns the full " +
    "result (same fields as run_debug) or status 'running' with the counts so far. Call again until it is not running.",
  input: {
    run_id: z.string().min(1).describe("The run_id run_debug returned."),
    wait_seconds: z.coerce.number().min(0).max(55).default(20).describe("How long to wait for the run to end before answering."),
  },
  output: runResultShape,
  annotations: { readOnlyHint: true, destructiveHint: false, idempotentHint: true, openWorldHint: false },
  async handle(args, ctx) {
    const handle = getRun(args.run_id);
    if (!handle) throw new ToolError("not_found", `No run with id ${args.run_id}.`, "Use the run_id run_debug returned; finished runs are kept for an hour, and runs do not survive a server restart.", args.run_id);
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
