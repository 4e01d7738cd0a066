import type { EvaluationReport } from "./index.js";
import type { Finding } from "./types.js";
import { inlineName, stripControlsKeepingDefuse } from "../workspace/hygiene.js";

const esc = (s: string) => s.replace(/\|/g, "\\|").replace(/\n/g, " ");

function item(f: Finding): string {
  // Security: file and table names come from the folder: on one line, quoted when not plain.
  const where = f.file ? ` (${inlineName(f.file)}${f.line ? `:${f.line}` : ""})` : f.table ? ` (table ${inlineName(f.table)})` : "";
  // A fenced connector message spans lines: indented, they stay inside the list item.
  return `- **${f.rule}**${where}: ${f.message.replace(/\n/g, "\n  ")}\n  - Fix: ${f.hint ?? "—"}`;
}

/** The report as Markdown: what blocks first, then warnings, then the evidence. */
export function renderMarkdown(r: EvaluationReport): string {
  const out: string[] = [];
  out.push(`# Connector evaluation`, "");
  out.push(
    `Generated ${r.generatedAt} by fivetran-connector-mcp evaluate for \`${r.project}\`. The runs used a scratch files/ folder; the connector's own warehouse and state were left as they were.`,
    "",
  );
  const verdict = { ready: "Ready to deploy", not_ready: "Not ready: fix the blocking items", incomplete: "Incomplete: some checks could not run" }[r.verdict];
  out.push(`**${verdict}** — ${r.blocking.length} blocking, ${r.warnings.length} warning(s). Score ${r.score}/100 (a summary only).`, "");
  out.push(`## Blocking`, "", r.blocking.length ? r.blocking.map(item).join("\n") : "None.", "");
  out.push(`## Warnings`, "", r.warnings.length ? r.warnings.map(item).join("\n") : "None.", "");

  out.push(`## Runs`, "");
  out.push(`| Run | Status | Capped | Upserts | Updates | Deletes | Checkpoints | Duration | Peak memory |`, `|---|---|---|---|---|---|---|---|---|`);
  r.runs.forEach((run, i) => {
    out.push(
      `| ${i === 0 ? "1 (clean)" : "2 (resume)"} | ${run.status} | ${run.capped ? "yes" : "no"} | ${run.counts.upserts} | ${run.counts.updates} | ${run.counts.deletes} | ${run.counts.checkpoints} | ${(run.durationMs / 1000).toFixed(1)} s | ${run.peakRssMb ?? "?"} MB |`,
    );
  });
  out.push("");
  if (r.resume) {
    const d = r.resume.stateDiff;
    out.push(`## Resume`, "");
    out.push(`State after run 1: \`${esc(JSON.stringify(r.resume.stateBefore))}\``, "");
    out.push(
      `State after run 2: \`${esc(JSON.stringify(r.resume.stateAfter))}\` (${d.unchanged ? "unchanged" : `${d.changed.length} changed, ${d.added.length} added, ${d.removed.length} removed`})`,
      "",
    );
    const rw = Object.entries(r.resume.rowsRewritten);
    out.push(`Rows written by run 2: ${rw.length ? rw.map(([t, n]) => `${t} ${n}`).join(", ") : "none"}.`, "");
  }
  if (r.tables.length) {
    out.push(`## Data`, "");
    out.push(`| Table | Rows | Deleted | Primary key | Always null | Columns |`, `|---|---|---|---|---|---|`);
    for (const t of r.tables) {
      out.push(
        `| ${esc(t.table)} | ${t.rows} | ${t.deleted} | ${esc(t.primaryKey.join(", ") || "none")} | ${esc(t.alwaysNull.join(", ") || "—")} | ${esc(t.columns.map((c) => `${c.name} ${c.type}`).join(", "))} |`,
      );
    }
    out.push("");
  }
  out.push(`## Memory`, "");
  out.push(`Peak ${r.memory.peakRssMb ?? "?"} MB of the ${r.memory.limitMb} MB production limit. ${r.memory.note}`, "");
  out.push(`## Lint`, "");
  out.push(r.lint.available ? `${r.lint.errors} error(s), ${r.lint.warnings} warning(s), ${r.lint.infos} info. Each is listed above under its severity.` : `Not run: ${r.lint.note}`, "");
  if (r.info.length) out.push(`## Notes`, "", r.info.map(item).join("\n"), "");
  if (r.stateBackup) out.push(`The state before this evaluation was kept as files/${r.stateBackup}.`, "");
  // Security: the file is read by people in a terminal and by the model: no escapes or invisible characters.
  return stripControlsKeepingDefuse(out.join("\n"));
}
