import { z } from "zod";
import { defineTool } from "../src/mcp/tool.js";
import { assertStateObject, backupState, writeStateFile } from "../src/state/index.js";

export const setState = defineTool({
  name: "set_state",
  title: "Set connector state",
  description:
    "Replaces files/state.json with the given JSON object, so the next run_debug resumes from it (for example to replay " +
    "an incremental sync from an older cursor). The previous state is kept as a backup (files/state.json.bak-<time>). " +
    "To seed a single run without changing the file, pass `state` to run_debug instead.",
  input: {
    project_dir: z.string().optional().describe("Connector folder (holds connector.py). Defaults to the workspace root."),
    state: z.record(z.string(), z.unknown()).describe("The new state: a JSON object, as the connector's update() receives it."),
  },
  output: {
    path: z.string().describe("Absolute path of files/state.json."),
    bytes: z.number().describe("Size written, in bytes."),
    backup: z.string().nullable().describe("Name of the backup of the previous state in files/, or null when there was none."),
  },
  annotations: { readOnlyHint: false, destructiveHint: true, idempotentHint: true, openWorldHint: false },
  async handle(args, ctx) {
    const dir = await ctx.workspace.projectDir(args.project_dir);
    const state = assertStateObject(args.state, "state");
    const backup = await backupState(dir);
    const { path, bytes } = await writeStateFile(dir, state);
    return {
      summary: `Wrote files/state.json (${bytes} bytes)${backup ? `; previous state kept as ${backup}` : ""}. The next run_debug starts from it.`,
      data: { path, bytes, backup },
    };
  },
});
