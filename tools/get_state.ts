import { z } from "zod";
import { openProjectFiles, projectDirInput } from "../src/mcp/project.js";
import { inlineName } from "../src/workspace/hygiene.js";
import { defineTool } from "../src/mcp/tool.js";
import { listStateBackups, readStateFile } from "../src/state/index.js";
import { projectRedactor } from "../src/state/redaction.js";

export const getState = defineTool({
  name: "get_state",
  title: "Read connector state",
  description:
    "Reads files/state.json, what the last checkpoint committed and the next run_debug starts from, and lists the " +
    "backups reset_state and set_state made (newest first) for diff_state. Configuration secrets are masked.",
  input: {
    project_dir: projectDirInput,
  },
  output: {
    path: z.string().describe("Absolute path of files/state.json."),
    exists: z.boolean().describe("False before the first checkpoint or after reset_state; the state is then {}."),
    state: z.record(z.string(), z.unknown()).describe("The state object (secrets masked)."),
    bytes: z.number().describe("Size of the file in bytes (production keeps state well under 10 MB)."),
    modified: z.string().optional().describe("When the file was last written, ISO 8601."),
    backups: z.array(z.object({ name: z.string().describe("Backup file name in files/."), created: z.string().describe("ISO 8601 time.") })).describe("State backups, newest first."),
  },
  annotations: { readOnlyHint: true, destructiveHint: false, idempotentHint: true, openWorldHint: false },
  async handle(args, ctx) {
    const project = await openProjectFiles(ctx, args.project_dir);
    const snap = await readStateFile(project);
    const backups = (await listStateBackups(project)).map((b) => ({ name: b.name, created: b.created }));
    const state = projectRedactor(project).redactValue(snap.state);
    const keys = Object.keys(state);
    const summary = snap.exists
      ? `State has ${keys.length} top-level key(s)${keys.length ? `: ${keys.slice(0, 10).map(inlineName).join(", ")}` : ""}; ${backups.length} backup(s).`
      : `No state yet (files/state.json does not exist); the next run starts from {}. ${backups.length} backup(s).`;
    return { summary, data: { path: snap.path, exists: snap.exists, state, bytes: snap.bytes, ...(snap.modified ? { modified: snap.modified } : {}), backups } };
  },
});
