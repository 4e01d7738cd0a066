import { z } from "zod";
import { ruleDocs, rulesRunForLatest } from "../src/lint/docs.js";
import { PROFILES } from "../src/lint/types.js";
import { defineTool } from "../src/mcp/tool.js";

const edit = z.object({
  file: z.string().describe("File the edit applies to, relative to project_dir."),
  line: z.number().describe("1-based start line."),
  column: z.number().describe("1-based start column."),
  endLine: z.number().describe("1-based end line."),
  endColumn: z.number().describe("1-based end column (exclusive)."),
  newText: z.string().describe("Replacement text (empty to delete)."),
});

const finding = z.object({
  rule: z.string().describe("Rule id: FTnnn for connector rules, a Ruff code (F401, B006...) for generic Python checks."),
  severity: z.enum(["error", "warning", "info"]).describe("error = fails at import, deploy or sync, or loses data; warning = likely bug or risk; info = advice."),
  title: z.string().describe("The rule's title."),
  message: z.string().describe("What is wrong here and what to do."),
  file: z.string().describe("File relative to project_dir."),
  line: z.number().describe("1-based line."),
  column: z.number().describe("1-based column."),
  endLine: z.number().describe("1-based end line."),
  endColumn: z.number().describe("1-based end column (exclusive)."),
  fix: z
    .object({
      description: z.string().describe("What the fix does."),
      safe: z.boolean().describe("True when fix: true applies it automatically; false for a suggestion to review."),
      edits: z.array(edit).describe("Text edits, positions in the file as it is now."),
    })
    .optional()
    .describe("A mechanical fix, when there is one."),
  docUri: z.string().describe("Resource explaining the rule (read it with resources/read, or get_guidelines with topic set to the rule id), or Ruff's documentation page."),
});

export const lintConnector = defineTool({
  name: "lint_connector",
  title: "Lint a connector",
  description:
    `Checks a Connector SDK project (connector.py and helper modules, requirements.txt, configuration.json) against ${rulesRunForLatest("guidelines")} deterministic rules ` +
    `in the default profile (${ruleDocs().length} in all profiles; summary.rulesRun says how many ran) ` +
    "(FT001-FT127: SDK contract, checkpoints and state, schema(), logging, configuration, dependencies, error handling, HTTP robustness, pagination, security) " +
    "plus Ruff's generic Python checks and python3's syntax check. Returns findings with rule id, exact range, message, optional fix and a doc resource " +
    "(connector-sdk://lint-rules/{id}; get_guidelines with topic set to the rule id returns the same text). Call it after every edit and before run_debug; fix errors first. " +
    "With fix: true it rewrites files in place, applying only the fixes marked safe, and reports what changed; findings are those left afterwards.",
  input: {
    project_dir: z.string().optional().describe("Connector folder (holds connector.py). Defaults to the workspace root."),
    profile: z
      .enum(PROFILES as [string, ...string[]])
      .default("guidelines")
      .describe("guidelines: the project's seed guidelines (default); sdk: what the SDK itself accepts; fivetran-examples: adds Fivetran's example-repository conventions (FT12x)."),
    target_sdk: z.string().optional().describe("SDK version to lint for, e.g. 2.8.1 (gates version-dependent rules such as log.error before 2.8.2). Default: a pin in requirements, else the latest (3.0.0)."),
    rules: z.array(z.string()).default([]).describe("Only report these rule ids (e.g. [\"FT073\", \"F401\"]); empty means all."),
    fix: z.boolean().default(false).describe("Apply the safe fixes to the files on disk and report what changed. Suggestions are never applied."),
  },
  output: {
    findings: z.array(finding).describe("Findings sorted by file and position (after fixing, when fix was true)."),
    summary: z
      .object({
        errors: z.number().describe("Number of error findings."),
        warnings: z.number().describe("Number of warning findings."),
        infos: z.number().describe("Number of info findings."),
        total: z.number().describe("All findings."),
        fixable: z.number().describe("Findings with a safe fix (apply them with fix: true)."),
        files: z.number().describe("Files read."),
        rulesRun: z.number().describe("FT rules that ran for this profile and target SDK."),
      })
      .describe("Counts."),
    fixed: z.array(z.object({ file: z.string().describe("Changed file."), rules: z.array(z.string()).describe("Rules whose fixes were applied."), edits: z.number().describe("Edits applied.") })).describe("What fix: true changed (empty otherwise)."),
  },
  // Not read-only: fix: true rewrites files. Not destructive: only behaviour-preserving edits, and without fix nothing is written.
  annotations: { readOnlyHint: false, destructiveHint: false, idempotentHint: true, openWorldHint: false },
  async handle(args, ctx) {
    const dir = await ctx.workspace.projectDir(args.project_dir);
    // Loaded on the first call: the engine pulls in the rules and, on first lint, the WASM parsers.
    const { lint } = await import("../src/lint/engine.js");
    const r = await lint(dir, { profile: args.profile as never, targetSdk: args.target_sdk, rules: args.rules, fix: args.fix, signal: ctx.signal });
    const data = {
      ...r,
      findings: r.findings.map((f) => ({ ...f, source: undefined, fix: f.fix && { ...f.fix, edits: f.fix.edits.map(({ start: _s, end: _e, ...e }) => e) } })),
    };
    const s = r.summary;
    const fixedText = r.fixed.length ? ` Fixed ${r.fixed.reduce((n, f) => n + f.edits, 0)} edit(s) in ${r.fixed.map((f) => f.file).join(", ")}.` : "";
    const top = r.findings.filter((f) => f.severity === "error").slice(0, 5).map((f) => `${f.file}:${f.line} ${f.rule} ${f.message}`);
    return {
      summary: `${s.errors} error(s), ${s.warnings} warning(s), ${s.infos} info.${fixedText}${s.fixable && !args.fix ? ` ${s.fixable} can be fixed safely with fix: true.` : ""}${top.length ? `\nFirst errors:\n${top.join("\n")}` : ""}`,
      data: JSON.parse(JSON.stringify(data)),
    };
  },
});
