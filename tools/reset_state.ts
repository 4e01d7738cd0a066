import { z } from "zod";
import { openProjectFiles, projectDirInput } from "../src/mcp/project.js";
import { defineTool } from "../src/mcp/tool.js";
import { resetState } from "../src/state/index.js";

export const resetStateTool = defineTool({
  name: "reset_state",
  title: "Reset connector state",
  description:
    "Deletes files/state.json so the next run_debug is a first (historical) sync; the old state is kept as a backup " +
    "(restore it with set_state). warehouse=true also deletes files/warehouse.db, like `fivetran reset` (rows are " +
    "not backed up).",
  input: {
    project_dir: projectDirInput,
    warehouse: z.boolean().default(false).describe("Also delete files/warehouse.db (all synced rows). Off by default."),
  },
  output: {
    backup: z.string().nullable().describe("Name of the backup of the old state in files/, or null when there was no state."),
    previous_keys: z.array(z.string()).describe("Top-level keys of the state that was cleared."),
    warehouse_removed: z.boolean().describe("True when files/warehouse.db existed and was deleted."),
  },
  annotations: { readOnlyHint: false, destructiveHint: true, idempotentHint: true, openWorldHint: false },
  async handle(args, ctx) {
    const project = await openProjectFiles(ctx, args.project_dir);
    const r = await resetState(project, { warehouse: args.warehouse });
    const parts = [r.backup ? `State cleared; backup ${r.backup}.` : "There was no state to clear."];
    if (args.warehouse) parts.push(r.warehouseRemoved ? "files/warehouse.db deleted." : "There was no files/warehouse.db.");
    return { summary: parts.join(" "), data: { backup: r.backup, previous_keys: Object.keys(r.previousState), warehouse_removed: r.warehouseRemoved } };
  },
});
