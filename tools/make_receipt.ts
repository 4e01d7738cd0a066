import { z } from "zod";
import { defineTool } from "../src/mcp/tool.js";
import { jobAnswerShape } from "../src/jobs.js";
import { answerProofJob, proofJobInput } from "../src/proof/shapes.js";
import { FAULT_KINDS, makeReceipt } from "../src/proof/index.js";
import { receiptSummary } from "../src/proof/summaries.js";

export const makeReceiptTool = defineTool({
  name: "make_receipt",
  title: "Make a run receipt",
  description:
    "Runs the connector from a clean start in a scratch copy (replayed from a recording when replay is given, else live) " +
    "and writes a receipt a reviewer can check: files/receipt.json and files/receipt.md (for a pull request) with engine " +
    "and versions, live or replayed, hosts and request counts, operations, checkpoints, hashes of the state and of each " +
    "table's rows, a lint digest, and optionally the crash-and-resume verdict and fault outcomes. Secrets never appear. " +
    "check_receipt verifies it later. Past wait_seconds: a run_id for run_status and cancel_run.",
  input: {
    ...proofJobInput(300),
    replay: z.string().optional().describe("Recording under files/recordings/ to run from (needed for a receipt that check_receipt can re-run)."),
    crash_resume: z.boolean().default(false).describe("Also run crash_resume and put its verdict in the receipt."),
    faults: z.array(z.enum(FAULT_KINDS)).optional().describe("Also inject these faults and put the outcomes in the receipt."),
    lint: z.boolean().default(true).describe("Put a digest of the lint findings in the receipt."),
  },
  output: {
    ...jobAnswerShape,
    receipt: z.record(z.string(), z.unknown()).optional().describe("The receipt as written to files/receipt.json."),
    json_path: z.string().optional(),
    markdown_path: z.string().optional(),
  },
  annotations: { readOnlyHint: false, destructiveHint: false, idempotentHint: true, openWorldHint: true },
  async handle(args, ctx) {
    return answerProofJob("make_receipt", ctx, args, async (run) => {
      const r = await makeReceipt({ ...run, crash: args.crash_resume, faults: args.faults, lint: args.lint });
      return { summary: receiptSummary(r.receipt, r), data: { status: "done" as const, receipt: { ...r.receipt }, json_path: r.json, markdown_path: r.markdown } };
    });
  },
});
