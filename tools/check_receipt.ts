import { z } from "zod";
import { defineTool } from "../src/mcp/tool.js";
import { proofInput } from "../src/proof/shapes.js";
import { checkReceipt } from "../src/proof/index.js";
import { checkSummary } from "../src/proof/summaries.js";

export const checkReceiptTool = defineTool({
  name: "check_receipt",
  title: "Check a run receipt",
  description:
    "Checks files/receipt.json against the folder: the same code (sha256 of every file but configuration.json), the " +
    "same recording, and for a replayed receipt a new replay from a clean start in a scratch copy gives the same table " +
    "and state hashes. A live run's receipt can only have its code checked (verdict code_only).",
  input: {
    project_dir: proofInput.project_dir,
    receipt: z.string().default("files/receipt.json").describe("The receipt, relative to the folder."),
    python: proofInput.python,
  },
  output: {
    verdict: z.enum(["verified", "mismatch", "code_only"]).describe("verified: everything matches; code_only: a live receipt whose code matches."),
    code_matches: z.boolean().describe("The code hash matches."),
    changed_files: z.array(z.string()).describe("Files whose hash differs, added or removed."),
    recording_matches: z.boolean().nullable().describe("The recording's hash matches (null: not a replayed receipt)."),
    state_matches: z.boolean().nullable().describe("The replay's state hash matches."),
    tables: z.array(z.object({ table: z.string(), expected: z.string().nullable().describe("In the receipt."), actual: z.string().nullable(), matches: z.boolean() })),
    notes: z.array(z.string()).describe("Why something could not be checked or differs."),
  },
  annotations: { readOnlyHint: true, destructiveHint: false, idempotentHint: true, openWorldHint: false },
  async handle(args, ctx) {
    const projectDir = await ctx.workspace.projectDir(args.project_dir);
    const r = await checkReceipt({ projectDir, receipt: args.receipt, python: args.python, signal: ctx.signal });
    return { summary: checkSummary(r), data: r };
  },
});
