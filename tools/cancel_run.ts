import { z } from "zod";
import { defineTool } from "../src/mcp/tool.js";
import { cancelRun, getRun, summarize } from "../src/runner/index.js";
import { resultData, runResultShape } from "./run_debug.js";

export const cancelRunTool = defineTool({
  name: "cancel_run",
  title: "Cancel a connector run",
  description:
    "Stops a sync started by run_debug (the connector's whole process group is killed). Rows after the last checkpoint are rolled back; " +
    "what earlier checkpoints committed stays, and the next run_debug continues from files/state.json. Returns the final result.",
  input: { run_id: z.string().min(1).describe("The run_id run_debug returned.") },
  output: runResultShape,
  annotations: { readOnlyHint: false, destructiveHint: false, idempotentHint: true, openWorldHint: false },
  async handle(args) {
    const r = await cancelRun(args.run_id);
    if (!r) {
      const s = getRun(args.run_id)?.status();
      return { summary: `Run ${args.run_id} could not start: ${s?.startError?.message ?? "unknown error"}`, data: { status: "failed" as const, run_id: args.run_id } };
    }
    return { summary: summarize(r), data: resultData(args.run_id, r) };
  },
});
