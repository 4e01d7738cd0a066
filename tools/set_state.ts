import { z } from "zod";
import { jsonObjectInput } from "../src/mcp/json-object.js";
import { openProjectFiles, projectDirInput } from "../src/mcp/project.js";
import { defineTool } from "../src/mcp/tool.js";
import { assertStateObject, backupState, writeStateFile } from "../src/state/index.js";

export const setState = defineTool({
  name: "set_state",
  title: "Set connector state",
  description:
    "Replaces files/state.json with the given JSON object, so the next run_debug resumes from it (e.g. an older " +
    "cursor); the previous state is kept as a backup. To seed one run without changing the file, pass `state` to " +
    "run_debug.",
  input: {
    project_dir: projectDirInput,
    state: jsonObjectInput().describe("The new state: a JSON object, as the connector's update() receives it."),
  },
  output: {
    path: z.string().describe("Absolute path of files/state.json."),
    bytes: z.number().describe("Size written, in bytes."),
    backup: z.string().nullable().describe("Name of the backup of the previous state in files/, or null when there was none."),
  },
  annotations: { readOnlyHint: false, destructiveHint: true, idempotentHint: true, openWorldHint: false },
  async handle(args, ctx) {
    const project = await openProjectFiles(ctx, args.project_dir);
    const state = assertStateObject(args.state, "state");
    const backup = await backupState(project);
    const { path, bytes } = await writeStateFile(project, state);
    return {
      summary: `Wrote files/state.json (${bytes} bytes)${backup ? `; previous state kept as ${backup}` : ""}. The next run_debug starts from it.`,
      data: { path, bytes, backup },
    };
  },
});
