import { z } from "zod";
import { defineTool } from "../src/mcp/tool.js";
import { crashAndResume } from "../src/proof/index.js";
import { crashSummary } from "../src/proof/summaries.js";
import { runningJob, startJob, waitJob } from "../src/proof/jobs.js";

const diff = z.object({
  table: z.string().describe("Destination table."),
  missing: z.number().describe("Rows of the uninterrupted run missing here."),
  extra: z.number().describe("Rows the uninterrupted run does not have (duplicates, changed values)."),
  missing_examples: z.array(z.string()).describe("Up to three missing rows, as JSON."),
  extra_examples: z.array(z.string()).describe("Up to three extra rows, as JSON."),
});

const crashResumeShape = {
  status: z.enum(["running", "done"]).describe("running: call proof_status with job_id."),
  job_id: z.string().describe("Id for proof_status."),
  verdict: z.enum(["passed", "failed", "baseline_failed", "not_judged"]).optional().describe("passed: every judged crash point resumed to the uninterrupted run's warehouse; not_judged: on a replay, no resumed run could be answered by the recording."),
  mode: z.enum(["live", "replay"]).optional().describe("replay: every run served from the recording."),
  problems: z.array(z.string()).optional().describe("One line per problem found."),
  notes: z.array(z.string()).optional().describe("What could not be judged and why."),
  baseline: z
    .object({
      status: z.string().describe("The uninterrupted run's status."),
      checkpoints: z.number().describe("Its checkpoints (the crash points)."),
      operations: z.number().describe("Its row operations."),
      rows: z.record(z.string(), z.number()).describe("Rows per table."),
      table_sha256: z.record(z.string(), z.string()).describe("sha256 of each table's rows (_fivetran_synced left out)."),
      state_sha256: z.string().nullable().describe("sha256 of its files/state.json."),
      cursor_regressions: z.array(z.object({ checkpoint: z.number(), path: z.string() })).describe("State values that went backwards."),
      error: z.string().optional().describe("Why it failed."),
    })
    .optional()
    .describe("The run without a crash everything is compared with."),
  second_run: z
    .object({ status: z.string().describe("Status."), operations: z.number().describe("Row operations it sent."), writes_nothing_new: z.boolean().describe("The warehouse did not change."), judged: z.boolean().describe("False when a replay could not answer it."), differences: z.array(diff).describe("What changed.") })
    .nullable()
    .optional()
    .describe("A second clean run after the uninterrupted one."),
  points: z
    .array(
      z.object({
        crash: z.object({ after_checkpoint: z.number().optional(), at_operation: z.number().optional() }).describe("Where the sync was killed."),
        crashed: z.boolean().describe("The run reached that point."),
        resume_status: z.string().describe("Status of the resumed run."),
        resume_error: z.string().optional().describe("Why the resume failed."),
        lost_rows: z.number().describe("Rows lost."),
        extra_rows: z.number().describe("Rows doubled or changed."),
        cursor_regressions: z.array(z.object({ checkpoint: z.number(), path: z.string() })).describe("Cursors that went backwards (negative checkpoint: in the resumed run)."),
        differences: z.array(diff).describe("Per table."),
        judged: z.boolean().describe("False when the replay could not answer the resumed run."),
        passed: z.boolean().describe("No loss, no extra row, no regression, resume succeeded."),
      }),
    )
    .optional()
    .describe("One entry per crash point."),
  kind: z.string().optional().describe("While running: the job kind."),
  elapsed_ms: z.number().optional().describe("While running: milliseconds since it started."),
  steps: z.array(z.string()).optional().describe("While running: steps done so far."),
};

export const crashResumeTool = defineTool({
  name: "crash_resume",
  title: "Crash-and-resume test",
  description:
    "Proves an incremental connector resumes without losing or doubling data: in scratch copies of the folder (your " +
    "warehouse and state are not touched), runs it once uninterrupted, then kills the sync right after each checkpoint " +
    "(and at random operations if asked), resumes from the saved state, and compares the final warehouse row by row. " +
    "Also checks that cursors never go back and that a second clean run writes nothing new. Live API by default; pass " +
    "replay to use a recording (a resumed run's requests must then be in it). Returns a job_id when it takes longer than wait_seconds.",
  input: {
    project_dir: z.string().optional().describe("Connector folder (holds connector.py). Defaults to the workspace root."),
    replay: z.string().optional().describe("Recording under files/recordings/ to serve every run from."),
    checkpoints: z.array(z.coerce.number().int().min(1)).optional().describe("Crash after these checkpoints only; default: every checkpoint (up to 20)."),
    random_operations: z.coerce.number().int().min(0).max(20).default(0).describe("Also crash at this many operations picked at random (seeded)."),
    seed: z.coerce.number().int().default(1).describe("Seed for the random operations (same seed, same points)."),
    python: z.string().optional().describe("Python interpreter; default: FIVETRAN_CONNECTOR_PYTHON, the folder's .venv, then python3."),
    timeout_seconds: z.coerce.number().int().min(5).max(3600).default(300).describe("Stop each run after this many seconds."),
    wait_seconds: z.coerce.number().min(0).max(55).default(20).describe("How long to wait before returning a job_id."),
  },
  output: crashResumeShape,
  annotations: { readOnlyHint: false, destructiveHint: false, idempotentHint: true, openWorldHint: true },
  async handle(args, ctx) {
    const projectDir = await ctx.workspace.projectDir(args.project_dir);
    const job = startJob("crash_resume", projectDir, (signal, step) =>
      crashAndResume({ projectDir, replay: args.replay, checkpoints: args.checkpoints, randomOperations: args.random_operations, seed: args.seed, python: args.python, timeoutSeconds: args.timeout_seconds, signal, onStep: step }),
    );
    const r = await waitJob(job, args.wait_seconds * 1000, ctx.signal);
    if (!r) return runningJob(job);
    return { summary: crashSummary(r), data: { status: "done" as const, job_id: job.jobId, ...r } };
  },
});
