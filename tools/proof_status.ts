import { z } from "zod";
import { ToolError } from "../src/errors.js";
import { defineTool } from "../src/mcp/tool.js";
import { getJob, runningJob, waitJob } from "../src/proof/jobs.js";

export const proofStatusTool = defineTool({
  name: "proof_status",
  title: "Proof job status",
  description: "Waits for a crash_resume, inject_faults or make_receipt job that returned a job_id, and returns its result (the same fields that tool returns when done); cancel=true stops it.",
  input: {
    job_id: z.string().describe("The job_id the tool returned."),
    wait_seconds: z.coerce.number().min(0).max(55).default(20).describe("Seconds to wait for it to finish."),
    cancel: z.boolean().default(false).describe("Stop the job: the run in progress is cancelled and no further run starts."),
  },
  output: {
    status: z.enum(["running", "done"]).describe("running: call again."),
    job_id: z.string(),
    kind: z.string().describe("crash_resume, inject_faults or make_receipt."),
    elapsed_ms: z.number().optional(),
    steps: z.array(z.string()).optional().describe("Steps done so far."),
    result: z.record(z.string(), z.unknown()).optional().describe("When done: the result, as the starting tool returns it."),
  },
  annotations: { readOnlyHint: false, destructiveHint: false, idempotentHint: true, openWorldHint: false },
  async handle(args, ctx) {
    const job = getJob(args.job_id);
    if (!job) throw new ToolError("not_found", `No proof job ${args.job_id} in this server.`, "Use the job_id a proof tool returned in this session; jobs are kept for an hour.", args.job_id);
    if (args.cancel) job.abort.abort();
    let r: unknown;
    try {
      r = await waitJob(job, args.wait_seconds * 1000, ctx.signal);
    } catch (e) {
      throw e instanceof ToolError ? e : new ToolError("internal", (e as Error).message);
    }
    if (r === undefined) {
      const running = runningJob(job);
      return { summary: running.summary, data: { ...running.data } };
    }
    return { summary: `${job.kind} finished.`, data: { status: "done" as const, job_id: job.jobId, kind: job.kind, steps: [...job.steps], result: { ...(r as Record<string, unknown>) } } };
  },
});
