import { z } from "zod";
import { inlineName, oneLine } from "../src/workspace/hygiene.js";
import { ruleDocs, rulesRunForLatest } from "../src/lint/docs.js";
import { lintResultShape, lintResultData } from "../src/lint/result-shape.js";
import { PROFILES } from "../src/lint/types.js";
import { openProject, projectDirInput } from "../src/mcp/project.js";
import { defineTool } from "../src/mcp/tool.js";

export const lintConnector = defineTool({
  name: "lint_connector",
  title: "Lint a connector",
  description:
    `Checks a connector folder (Python modules, requirements.txt, configuration.json) against ${rulesRunForLatest("guidelines")} ` +
    `deterministic rules in the default profile (${ruleDocs().length} in all; summary.rules_run says how many ran), Ruff's ` +
    "generic checks and python3's syntax check. Each finding has a rule id, range, message, optional fix and a doc (get_guidelines with " +
    "the rule id). Call it after every edit and before run_debug. fix: true applies the safe fixes and reports them.",
  input: {
    project_dir: projectDirInput,
    profile: z
      .enum(PROFILES)
      .default("guidelines")
      .describe("guidelines: the project's seed guidelines (default); sdk: what the SDK itself accepts; fivetran-examples: adds Fivetran's example-repository conventions (FT12x)."),
    target_sdk: z
      .string()
      .optional()
      .describe("SDK version to lint for, e.g. 2.8.1 (gates version-dependent rules such as log.error before 2.8.2). Default: a pin in requirements, else the latest (3.0.0)."),
    rules: z.array(z.string()).default([]).describe('Only report these rule ids (e.g. ["FT073", "F401"]); empty means all.'),
    fix: z.boolean().default(false).describe("Apply the safe fixes to the files on disk and report what changed. Suggestions are never applied."),
  },
  output: lintResultShape,
  // Not read-only: fix: true rewrites files. Not destructive: only behaviour-preserving edits, and without fix nothing is written.
  annotations: { readOnlyHint: false, destructiveHint: false, idempotentHint: true, openWorldHint: false },
  async handle(args, ctx) {
    const project = await openProject(ctx, args.project_dir);
    const dir = project.root;
    // Loaded on the first call: the engine pulls in the rules and, on first lint, the WASM parsers.
    const { lint } = await import("../src/lint/engine.js");
    const r = await lint(dir, { profile: args.profile, targetSdk: args.target_sdk, rules: args.rules, fix: args.fix, signal: ctx.signal });
    const s = r.summary;
    const fixedText = r.fixed.length ? ` Fixed ${r.fixed.reduce((n, f) => n + f.edits, 0)} edit(s) in ${r.fixed.map((f) => inlineName(f.file)).join(", ")}.` : "";
    const top = r.findings
      .filter((f) => f.severity === "error")
      .slice(0, 5)
      .map((f) => `${inlineName(f.file)}:${f.line} ${f.rule} ${oneLine(f.message)}`);
    return {
      summary: `${s.errors} error(s), ${s.warnings} warning(s), ${s.infos} info.${fixedText}${s.fixable && !args.fix ? ` ${s.fixable} can be fixed safely with fix: true.` : ""}${top.length ? `\nFirst errors:\n${top.join("\n")}` : ""}`,
      data: lintResultData(r),
    };
  },
});
