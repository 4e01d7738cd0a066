import { z } from "zod";
import { openProject, projectDirInput } from "../src/mcp/project.js";
import { defineTool } from "../src/mcp/tool.js";
import { diffStates, resolveStateRef } from "../src/state/index.js";
import { projectRedactor } from "../src/state/redaction.js";

const change = z.object({
  path: z.string().describe("Dotted path of the key, [i] for array items, e.g. cursors.orders.updated_at."),
  before: z.unknown().optional().describe("Value in `from` (absent for added keys)."),
  after: z.unknown().optional().describe("Value in `to` (absent for removed keys)."),
});

export const diffState = defineTool({
  name: "diff_state",
  title: "Compare two states",
  description:
    "Compares two connector states key by key (nested paths) and lists what was added, removed and changed. Use it to " +
    "see whether a sync moved its cursor: reset_state or set_state leave a backup, run_debug writes the new state, then " +
    "diff_state from='latest_backup' to='current'. Each side is 'current' (files/state.json), 'latest_backup', a backup " +
    "name from get_state, or an inline JSON object such as '{\"cursor\": \"2024-01-01\"}'.",
  input: {
    project_dir: projectDirInput,
    from: z.string().default("latest_backup").describe("The older state: 'current', 'latest_backup', a backup name, or inline JSON."),
    to: z.string().default("current").describe("The newer state: 'current', 'latest_backup', a backup name, or inline JSON."),
  },
  output: {
    from: z.string().describe("Which state was used as the older side."),
    to: z.string().describe("Which state was used as the newer side."),
    unchanged: z.boolean().describe("True when both states are equal."),
    added: z.array(change).describe("Keys only in `to`."),
    removed: z.array(change).describe("Keys only in `from`."),
    changed: z.array(change).describe("Keys whose value differs."),
  },
  annotations: { readOnlyHint: true, destructiveHint: false, idempotentHint: true, openWorldHint: false },
  async handle(args, ctx) {
    const project = await openProject(ctx, args.project_dir);
    const a = await resolveStateRef(project, args.from);
    const b = await resolveStateRef(project, args.to);
    const d = projectRedactor(project).redactValue(diffStates(a.state, b.state));
    const summary = d.unchanged
      ? `The states are equal (${a.label} → ${b.label}).`
      : `${a.label} → ${b.label}: ${d.added.length} added, ${d.removed.length} removed, ${d.changed.length} changed` +
        (d.changed.length ? ` (${d.changed.slice(0, 5).map((c) => c.path).join(", ")})` : "") + ".";
    return { summary, data: { from: a.label, to: b.label, unchanged: d.unchanged, added: d.added, removed: d.removed, changed: d.changed } };
  },
});
