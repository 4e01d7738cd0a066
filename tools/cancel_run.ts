import { z } from "zod";
import { ToolError } from "../src/errors.js";
import { defineTool } from "../src/mcp/tool.js";
import { cancelJob, findJob, jobResultShape, jobStatusAnswer } from "../src/jobs.js";
import { cancelRun, findRun, getRun, summarize } from "../src/runner/index.js";
import { checkStoredInWorkspace, resultData, runResultShape, storedAnswer, unknownRun } from "../src/runner/run-result.js";

export const cancelRunTool = defineTool({
  name: "cancel_run",
  title: "Cancel a connector run",
  description:
    "Stops a run_debug sync (its process tree is killed): rows after the last checkpoint are rolled back, earlier " +
    "checkpoints stay. Also stops jobs of evaluate_connector (files/ put back, no verdict), " +
    "install_requirements and proof tools. Returns the final result.",
  input: { run_id: z.string().min(1).describe("The run_id the tool returned.") },
  output: { ...runResultShape, ...jobResultShape },
  advertisedFields: ["status", "run_id", "error", "job", "result"],
  annotations: { readOnlyHint: false, destructiveHint: false, idempotentHint: true, openWorldHint: false },
  async handle(args, ctx) {
    const job = findJob(args.run_id);
    if (job) {
      await ctx.workspace.projectDir(job.projectDir, false);
      await cancelJob(job.id);
      return jobStatusAnswer(job);
    }
    const found = findRun(args.run_id);
    if (!found) throw unknownRun(args.run_id);
    if (found.kind === "stored") {
      // A run of an earlier server: it ended (with a result, or interrupted when that server stopped), so there
      // is nothing to stop; the answer says how it ended.
      const rec = found.record;
      await checkStoredInWorkspace(rec, ctx.workspace);
      if (rec.status === "running") {
        throw new ToolError(
          "locked",
          `Run ${args.run_id} belongs to another server process (pid ${rec.server.pid}) that is still running it; this server cannot stop it.`,
          "Cancel it from the client that started it, or wait for it with run_status.",
          args.run_id,
        );
      }
      if (rec.startError) return { summary: `Run ${args.run_id} could not start: ${rec.startError.message}`, data: { status: "failed" as const, run_id: args.run_id } };
      const a = storedAnswer(args.run_id, rec);
      return { summary: `Nothing to cancel: run ${args.run_id} had already ended (${rec.status}). ${a.summary}`, data: a.data };
    }
    const r = await cancelRun(args.run_id);
    if (!r) {
      const s = getRun(args.run_id)?.status();
      return { summary: `Run ${args.run_id} could not start: ${s?.startError?.message ?? "unknown error"}`, data: { status: "failed" as const, run_id: args.run_id } };
    }
    return { summary: summarize(r), data: resultData(args.run_id, r) };
  },
});
