import { z } from "zod";
import { findingSchema, type Finding as FindingData } from "../findings.js";
import { described } from "../schema-fields.js";
import type { Finding, LintResult } from "./types.js";

/** What lint_connector and `lint --format json` return. */
export const lintResultShape = {
  findings: z.array(findingSchema).describe("Findings sorted by file and position (after fixing, when fix was true)."),
  summary: z
    .object(
      described(z.number(), {
        errors: "Number of error findings.",
        warnings: "Number of warning findings.",
        infos: "Number of info findings.",
        total: "All findings.",
        fixable: "Findings with a safe fix (apply them with fix: true).",
        files: "Files read.",
        rules_run: "FT rules that ran for this profile and target SDK.",
      }),
    )
    .describe("Counts."),
  fixed: z
    .array(z.object({ file: z.string().describe("Changed file."), rules: z.array(z.string()).describe("Rules whose fixes were applied."), edits: z.number().describe("Edits applied.") }))
    .describe("What fix: true changed (empty otherwise)."),
};

export type LintResultData = z.infer<z.ZodObject<typeof lintResultShape>>;

/** A lint finding in the shared wire shape; the edits' character offsets stay inside the engine. */
export function lintFindingData(f: Finding): FindingData {
  return {
    rule: f.rule,
    severity: f.severity,
    title: f.title,
    message: f.message,
    file: f.file,
    line: f.line,
    column: f.column,
    end_line: f.endLine,
    end_column: f.endColumn,
    fix: f.fix && {
      description: f.fix.description,
      safe: f.fix.safe,
      edits: f.fix.edits.map((e) => ({ file: e.file, line: e.line, column: e.column, end_line: e.endLine, end_column: e.endColumn, new_text: e.newText })),
    },
    doc_uri: f.docUri,
  };
}

export function lintResultData(r: LintResult): LintResultData {
  const s = r.summary;
  return {
    findings: r.findings.map(lintFindingData),
    summary: { errors: s.errors, warnings: s.warnings, infos: s.infos, total: s.total, fixable: s.fixable, files: s.files, rules_run: s.rulesRun },
    fixed: r.fixed.map((f) => ({ file: f.file, rules: f.rules, edits: f.edits })),
  };
}

/**
 * A lint finding as another report quotes it (evaluate, deploy's pre-deploy checks): the rule, where, and what to do,
 * without the fix's text edits (lint_connector applies those).
 */
export function lintFindingBrief(f: Finding): FindingData {
  const how = f.fix ? `${f.fix.description}${f.fix.safe ? " (lint_connector with fix=true applies it)" : ""}` : `See ${f.docUri}.`;
  return { rule: f.rule, severity: f.severity, title: f.title, message: f.message, hint: how, file: f.file, line: f.line, column: f.column, doc_uri: f.docUri };
}
