import { ALL_RULES } from "./rules/index.js";
import type { LintResult } from "./types.js";

/** Compiler-style lines: file:line:col severity id message. */
export function formatText(r: LintResult, dirLabel = ""): string {
  const prefix = dirLabel ? dirLabel.replace(/\/?$/, "/") : "";
  const lines = r.findings.map((f) => `${prefix}${f.file}:${f.line}:${f.column} ${f.severity} ${f.rule} ${f.message}${f.fix ? (f.fix.safe ? " [fixable]" : " [suggestion]") : ""}`);
  for (const fx of r.fixed) lines.push(`fixed ${prefix}${fx.file}: ${fx.edits} edit(s) (${fx.rules.join(", ")})`);
  const s = r.summary;
  lines.push(`${s.errors} error(s), ${s.warnings} warning(s), ${s.infos} info; ${s.fixable} safely fixable (--fix)`);
  return lines.join("\n");
}

const SARIF_LEVEL = { error: "error", warning: "warning", info: "note" } as const;

/** SARIF 2.1.0 for code-scanning UIs. */
export function toSarif(r: LintResult, version: string, projectUri?: string): object {
  const ruleIds = [...new Set(r.findings.map((f) => f.rule))];
  const rules = ruleIds.map((id) => {
    const meta = ALL_RULES.find((x) => x.meta.id === id)?.meta;
    const f = r.findings.find((x) => x.rule === id)!;
    return {
      id,
      name: id,
      shortDescription: { text: meta?.title ?? f.title },
      helpUri: f.docUri.startsWith("http") ? f.docUri : undefined,
      defaultConfiguration: { level: SARIF_LEVEL[meta?.severity ?? f.severity] },
      properties: { source: f.source, docUri: f.docUri, fixable: meta?.fixable ?? "none" },
    };
  });
  return {
    $schema: "https://json.schemastore.org/sarif-2.1.0.json",
    version: "2.1.0",
    runs: [
      {
        tool: { driver: { name: "fivetran-connector-mcp lint", version, informationUri: "https://github.com/fivetran/fivetran_connector_sdk", rules } },
        ...(projectUri ? { originalUriBaseIds: { PROJECTROOT: { uri: projectUri.endsWith("/") ? projectUri : `${projectUri}/` } } } : {}),
        results: r.findings.map((f) => ({
          ruleId: f.rule,
          ruleIndex: ruleIds.indexOf(f.rule),
          level: SARIF_LEVEL[f.severity],
          message: { text: f.message },
          locations: [
            {
              physicalLocation: {
                artifactLocation: { uri: f.file, ...(projectUri ? { uriBaseId: "PROJECTROOT" } : {}) },
                region: { startLine: f.line, startColumn: f.column, endLine: f.endLine, endColumn: Math.max(f.endColumn, f.endLine === f.line ? f.column : 1) },
              },
            },
          ],
          ...(f.fix && f.fix.edits.length
            ? {
                fixes: [
                  {
                    description: { text: f.fix.description },
                    artifactChanges: groupBy(f.fix.edits, (e) => e.file).map(([file, edits]) => ({
                      artifactLocation: { uri: file, ...(projectUri ? { uriBaseId: "PROJECTROOT" } : {}) },
                      replacements: edits.map((e) => ({
                        deletedRegion: { startLine: e.line, startColumn: e.column, endLine: e.endLine, endColumn: e.endColumn },
                        insertedContent: { text: e.newText },
                      })),
                    })),
                  },
                ],
              }
            : {}),
        })),
      },
    ],
  };
}

function groupBy<T>(xs: T[], key: (x: T) => string): [string, T[]][] {
  const m = new Map<string, T[]>();
  for (const x of xs) (m.get(key(x)) ?? m.set(key(x), []).get(key(x))!).push(x);
  return [...m];
}
