import { z } from "zod";
import { defineTool } from "../src/mcp/tool.js";
import { jobAnswerShape } from "../src/jobs.js";
import { answerProofJob, proofJobInput } from "../src/proof/shapes.js";
import { FAULT_KINDS, injectFaults } from "../src/proof/index.js";
import { faultsSummary } from "../src/proof/summaries.js";

const faultsShape = {
  ...jobAnswerShape,
  mode: z.enum(["live", "replay"]).optional(),
  baseline: z
    .object({ status: z.string(), requests: z.number(), rows: z.record(z.string(), z.number()), error: z.string().optional() })
    .optional()
    .describe("The run without faults."),
  handled: z.number().optional(),
  not_handled: z.number().optional(),
  results: z
    .array(
      z.object({
        fault: z.string(),
        description: z.string().describe("What was injected."),
        at: z.number().describe("The request it was injected at."),
        reached: z.boolean().describe("The connector made that many requests."),
        status: z.string(),
        error: z.string().optional().describe("kind: message."),
        retries: z.number().describe("Requests for the same URL after the fault."),
        backoff_seconds: z.array(z.number()).describe("Sleeps the connector asked for."),
        looped: z.boolean(),
        lost_rows: z.number().describe("Rows (by key) missing even after a resume."),
        extra_rows: z.number().describe("Rows the run without faults does not have."),
        changed_rows: z.number().describe("Rows with other values than without the fault."),
        state_safe: z.boolean().describe("A resume from the committed state gets every row."),
        outcome: z.enum(["retried", "kept_going", "failed_cleanly", "looped", "lost_rows", "duplicated_rows", "changed_values", "not_reached"]).describe("What the connector did."),
        handled: z
          .boolean()
          .describe(
            "Transient faults: retried and succeeded with the same data. Page faults: no loop, no loss, no duplicate. Shape faults: kept going without loss (type_change: with the same values).",
          ),
        explanation: z.string(),
      }),
    )
    .optional()
    .describe("One entry per fault."),
};

export const injectFaultsTool = defineTool({
  name: "inject_faults",
  title: "Inject API faults",
  description:
    "Shows how the connector survives a misbehaving API. For each fault (429 with Retry-After, 500/502/503, timeout, " +
    "connection reset, 401 once, empty page, repeated page, stuck cursor, new field, removed field, type change) it runs " +
    "the connector in a scratch copy with the fault injected at one request, resumes from what that run committed, and " +
    "compares with a run without faults: retried (how often, with what backoff), failed cleanly, looped, lost rows, kept " +
    "going, and whether its state stayed safe. Past wait_seconds: a run_id for run_status and cancel_run.",
  input: {
    ...proofJobInput(120),
    faults: z.array(z.enum(FAULT_KINDS)).optional().describe("Faults to try; default all."),
    at: z.coerce.number().int().min(1).default(2).describe("The request (1-based) each fault is injected at; 2 means after the first page."),
  },
  output: faultsShape,
  annotations: { readOnlyHint: false, destructiveHint: false, idempotentHint: true, openWorldHint: true },
  async handle(args, ctx) {
    return answerProofJob("inject_faults", ctx, args, async (run) => {
      const r = await injectFaults({ ...run, faults: args.faults, at: args.at });
      return { summary: faultsSummary(r), data: { status: "done" as const, ...r } };
    });
  },
});
