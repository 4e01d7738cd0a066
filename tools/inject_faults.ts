import { z } from "zod";
import { defineTool } from "../src/mcp/tool.js";
import { FAULT_KINDS, injectFaults } from "../src/proof/index.js";
import { faultsSummary } from "../src/proof/summaries.js";
import { runningJob, startJob, waitJob } from "../src/proof/jobs.js";

const faultsShape = {
  status: z.enum(["running", "done"]).describe("running: call proof_status with job_id."),
  job_id: z.string().describe("Id for proof_status."),
  mode: z.enum(["live", "replay"]).optional().describe("replay: every run served from the recording."),
  baseline: z.object({ status: z.string().describe("Status."), requests: z.number().describe("HTTP requests."), rows: z.record(z.string(), z.number()).describe("Rows per table."), error: z.string().optional().describe("Why it failed.") }).optional().describe("The run without faults."),
  handled: z.number().optional().describe("Faults handled."),
  not_handled: z.number().optional().describe("Faults not handled."),
  results: z
    .array(
      z.object({
        fault: z.string().describe("The fault."),
        description: z.string().describe("What was injected."),
        at: z.number().describe("The request it was injected at."),
        reached: z.boolean().describe("The connector made that many requests."),
        status: z.string().describe("Status of the run with the fault."),
        error: z.string().optional().describe("Its error, kind: message."),
        retries: z.number().describe("Requests for the same URL after the fault."),
        backoff_seconds: z.array(z.number()).describe("Sleeps the connector asked for."),
        looped: z.boolean().describe("Stopped as a loop."),
        lost_rows: z.number().describe("Rows (by key) missing even after a resume."),
        extra_rows: z.number().describe("Rows the run without faults does not have."),
        changed_rows: z.number().describe("Rows with other values than without the fault."),
        state_safe: z.boolean().describe("A resume from the committed state gets every row."),
        outcome: z.enum(["retried", "kept_going", "failed_cleanly", "looped", "lost_rows", "duplicated_rows", "changed_values", "not_reached"]).describe("What the connector did."),
        handled: z.boolean().describe("Transient faults: retried and succeeded with the same data. Page faults: no loop, no loss, no duplicate. Shape faults: kept going without loss (type_change: with the same values)."),
        explanation: z.string().describe("One sentence."),
      }),
    )
    .optional()
    .describe("One entry per fault."),
  kind: z.string().optional().describe("While running: the job kind."),
  elapsed_ms: z.number().optional().describe("While running: milliseconds since it started."),
  steps: z.array(z.string()).optional().describe("While running: steps done so far."),
};

export const injectFaultsTool = defineTool({
  name: "inject_faults",
  title: "Inject API faults",
  description:
    "Shows how the connector survives a misbehaving API. For each fault (429 with Retry-After, 500/502/503, timeout, " +
    "connection reset, 401 once, empty page, repeated page, stuck cursor, new field, removed field, type change) it runs " +
    "the connector in a scratch copy with the fault injected at one request, resumes from what that run committed, and " +
    "compares with a run without faults: retried (how often, with what backoff), failed cleanly, looped, lost rows, kept " +
    "going, and whether its state stayed safe. Live API by default, or a recording with replay. Returns a job_id when it takes longer than wait_seconds.",
  input: {
    project_dir: z.string().optional().describe("Connector folder (holds connector.py). Defaults to the workspace root."),
    faults: z.array(z.enum(FAULT_KINDS)).optional().describe("Faults to try; default all."),
    at: z.coerce.number().int().min(1).default(2).describe("The request (1-based) each fault is injected at; 2 means after the first page."),
    replay: z.string().optional().describe("Recording under files/recordings/ to serve every run from."),
    python: z.string().optional().describe("Python interpreter; default: FIVETRAN_CONNECTOR_PYTHON, the folder's .venv, then python3."),
    timeout_seconds: z.coerce.number().int().min(5).max(3600).default(120).describe("Stop each run after this many seconds."),
    wait_seconds: z.coerce.number().min(0).max(55).default(20).describe("How long to wait before returning a job_id."),
  },
  output: faultsShape,
  annotations: { readOnlyHint: false, destructiveHint: false, idempotentHint: true, openWorldHint: true },
  async handle(args, ctx) {
    const projectDir = await ctx.workspace.projectDir(args.project_dir);
    const job = startJob("inject_faults", projectDir, (signal, step) =>
      injectFaults({ projectDir, faults: args.faults, at: args.at, replay: args.replay, python: args.python, timeoutSeconds: args.timeout_seconds, signal, onStep: step }),
    );
    const r = await waitJob(job, args.wait_seconds * 1000, ctx.signal);
    if (!r) return runningJob(job);
    return { summary: faultsSummary(r), data: { status: "done" as const, job_id: job.jobId, ...r } };
  },
});
