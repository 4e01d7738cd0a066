import { z } from "zod";
import { openProjectFiles, projectDirInput } from "../src/mcp/project.js";
import { inlineName } from "../src/workspace/hygiene.js";
import { defineTool } from "../src/mcp/tool.js";
import { ToolError } from "../src/errors.js";
import { readRunStartState } from "../src/runner/run-start.js";
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
    "Compares two connector states key by key (nested paths): added, removed and changed. Each side is 'current' " +
    "(files/state.json), 'run_start' (what the last run started from; after set_state, the state set), " +
    "'latest_backup', a backup name from get_state, or inline JSON; the defaults show whether the last run moved " +
    "its cursor.",
  input: {
    project_dir: projectDirInput,
    from: z.string().default("auto").describe("The older state: 'auto' (run_start, else latest_backup), 'run_start', 'current', 'latest_backup', a backup name, or inline JSON."),
    to: z.string().default("current").describe("The newer state, named as `from` is."),
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
    const project = await openProjectFiles(ctx, args.project_dir);
    // 'run_start' (and 'auto', which prefers it) is what the runner kept when the last run started.
    const resolve = async (ref: string) => {
      const r = ref.trim();
      if (r === "run_start" || r === "auto") {
        const state = readRunStartState(project.root);
        if (state) return { label: "the state the last run started from", state };
        if (r === "run_start") throw new ToolError("not_found", "No run has started in this folder yet.", "Run run_debug first; each run keeps the state it started from.");
        return resolveStateRef(project, "latest_backup");
      }
      return resolveStateRef(project, r);
    };
    const a = await resolve(args.from);
    const b = await resolve(args.to);
    const d = projectRedactor(project).redactValue(diffStates(a.state, b.state));
    const summary = d.unchanged
      ? `The states are equal (${inlineName(a.label)} → ${inlineName(b.label)}).`
      : `${inlineName(a.label)} → ${inlineName(b.label)}: ${d.added.length} added, ${d.removed.length} removed, ${d.changed.length} changed` +
        (d.changed.length
          ? ` (${d.changed
              .slice(0, 5)
              .map((c) => inlineName(c.path))
              .join(", ")})`
          : "") +
        ".";
    return { summary, data: { from: a.label, to: b.label, unchanged: d.unchanged, added: d.added, removed: d.removed, changed: d.changed } };
  },
});
