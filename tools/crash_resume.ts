import { z } from "zod";
import { defineTool } from "../src/mcp/tool.js";
import { jobAnswerShape } from "../src/jobs.js";
import { answerProofJob, proofJobInput } from "../src/proof/shapes.js";
import { crashAndResume } from "../src/proof/index.js";
import { crashSummary } from "../src/proof/summaries.js";

// Rows missing from, or extra to (duplicates, changed values), the uninterrupted run; up to three of each as JSON.
const diff = z.object({ table: z.string(), missing: z.number(), extra: z.number(), missing_examples: z.array(z.string()), extra_examples: z.array(z.string()) });
const regressions = z.array(z.object({ checkpoint: z.number(), path: z.string() }));

const crashResumeShape = {
  ...jobAnswerShape,
  verdict: z
    .enum(["passed", "failed", "baseline_failed", "not_judged"])
    .optional()
    .describe("passed: every judged crash point resumed to the uninterrupted run's warehouse; not_judged: on a replay, no resumed run could be answered by the recording."),
  mode: z.enum(["live", "replay"]).optional(),
  problems: z.array(z.string()).optional().describe("One line per problem found."),
  notes: z.array(z.string()).optional().describe("What could not be judged and why."),
  baseline: z
    .object({
      status: z.string(),
      checkpoints: z.number().describe("The crash points."),
      operations: z.number(),
      rows: z.record(z.string(), z.number()),
      table_sha256: z.record(z.string(), z.string()).describe("_fivetran_synced left out."),
      state_sha256: z.string().nullable(),
      cursor_regressions: regressions.describe("State values that went backwards."),
      error: z.string().optional(),
    })
    .optional()
    .describe("The run without a crash everything is compared with."),
  second_run: z
    .object({ status: z.string(), operations: z.number(), writes_nothing_new: z.boolean(), judged: z.boolean().describe("False when the recording could not answer it."), differences: z.array(diff) })
    .nullable()
    .optional()
    .describe("A second clean run after the uninterrupted one."),
  points: z
    .array(
      z.object({
        crash: z.object({ after_checkpoint: z.number().optional(), at_operation: z.number().optional() }).describe("Where the sync was killed."),
        crashed: z.boolean().describe("The run reached that point."),
        resume_status: z.string(),
        resume_error: z.string().optional(),
        lost_rows: z.number(),
        extra_rows: z.number().describe("Rows doubled or changed."),
        cursor_regressions: regressions.describe("Negative checkpoint: in the resumed run."),
        differences: z.array(diff),
        judged: z.boolean().describe("False when the recording could not answer the resumed run."),
        passed: z.boolean().describe("No loss, no extra row, no regression, resume succeeded."),
      }),
    )
    .optional()
    .describe("One entry per crash point."),
};

export const crashResumeTool = defineTool({
  name: "crash_resume",
  title: "Crash-and-resume test",
  description:
    "Proves an incremental connector resumes without losing or doubling data: in scratch copies of the folder (your " +
    "warehouse and state are not touched), runs it once uninterrupted, then kills the sync right after each checkpoint " +
    "(and at random operations if asked), resumes from the saved state, and compares the final warehouse row by row. " +
    "Also checks that cursors never go back and that a second clean run writes nothing new. With replay, a " +
    "resumed run's requests must be in the recording. Past wait_seconds: a run_id for run_status and cancel_run.",
  input: {
    ...proofJobInput(300),
    checkpoints: z.array(z.coerce.number().int().min(1)).optional().describe("Crash after these checkpoints only; default: every checkpoint (up to 20)."),
    random_operations: z.coerce.number().int().min(0).max(20).default(0).describe("Also crash at this many operations picked at random (seeded)."),
    seed: z.coerce.number().int().default(1).describe("Seed for the random operations (same seed, same points)."),
  },
  output: crashResumeShape,
  annotations: { readOnlyHint: false, destructiveHint: false, idempotentHint: true, openWorldHint: true },
  async handle(args, ctx) {
    return answerProofJob("crash_resume", ctx, args, async (run) => {
      const r = await crashAndResume({ ...run, checkpoints: args.checkpoints, randomOperations: args.random_operations, seed: args.seed });
      return { summary: crashSummary(r), data: { status: "done" as const, ...r } };
    });
  },
});
