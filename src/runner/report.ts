import type { OperationCounts, RunResult } from "./types.js";
import { defuseFenceMarkers, stripControls } from "../workspace/hygiene.js";

/** Labels in the order SDK 3.0's core prints them (fivetran_connector_sdk_core COUNT_LABELS). */
const LABELS: [string, keyof OperationCounts][] = [
  ["Upserts", "upserts"],
  ["Updates", "updates"],
  ["Deletes", "deletes"],
  ["Truncates", "truncates"],
  ["Schema changes", "schemaChanges"],
  ["Checkpoints", "checkpoints"],
  ["File uploads", "fileUploads"],
];

export function zeroCounts(): OperationCounts {
  return { upserts: 0, updates: 0, deletes: 0, truncates: 0, schemaChanges: 0, checkpoints: 0, fileUploads: 0 };
}

/** HH:MM:SS.mmm, as the SDK prints elapsed time. */
export function formatElapsed(ms: number): string {
  const m = Math.max(0, Math.floor(ms));
  const p = (n: number, w = 2) => String(n).padStart(w, "0");
  return `${p(Math.floor(m / 3_600_000))}:${p(Math.floor((m % 3_600_000) / 60_000))}:${p(Math.floor((m % 60_000) / 1000))}.${p(m % 1000, 3)}`;
}

/** The operation table laid out as `fivetran debug` (SDK 3.0) prints it: 15-wide label, `| `, 10-wide value. */
export function countsTable(counts: OperationCounts): string {
  const lines = [`${"Operation".padEnd(15)} | ${"Counts".padEnd(10)}`, `${"-".repeat(16)}+${"-".repeat(12)}`];
  for (const [label, key] of LABELS) lines.push(`${label.padEnd(15)} | ${String(counts[key] ?? 0).padEnd(10)}`);
  return lines.join("\n");
}

/** The closing block: `SYNC SUCCEEDED — total elapsed …` or `SYNC FAILED — elapsed …`, then the table. */
export function syncProgressBlock(r: Pick<RunResult, "status" | "durationMs" | "counts">): string {
  const head =
    r.status === "succeeded"
      ? `SYNC SUCCEEDED — total elapsed ${formatElapsed(r.durationMs)}`
      : `SYNC ${r.status === "failed" ? "FAILED" : r.status === "timeout" ? "FAILED (timeout)" : "FAILED (cancelled)"} — elapsed ${formatElapsed(r.durationMs)}`;
  return `${head}\n${countsTable(r.counts)}`;
}

const FENCE_OPEN = "<<<connector-output";
const FENCE_CLOSE = "connector-output>>>";

/**
 * Text the connector produced (exception messages) is data, not instructions for the model reading the
 * result. Security: it goes between markers, and a marker inside it is defused so it cannot end the fence early.
 */
export function fenceConnectorText(text: string): string {
  return `${FENCE_OPEN}\n${defuseFenceMarkers(stripControls(text))}\n${FENCE_CLOSE}`;
}

/** A short human summary of a run, ending with the SYNC PROGRESS block. */
export function summarize(r: RunResult): string {
  const out: string[] = [];
  out.push(`Engine: ${r.engine}${r.sdkVersion ? ` (fivetran_connector_sdk ${r.sdkVersion})` : ""}, Python ${r.python}`);
  const tables = Object.entries(r.rowsPerTable);
  const written = Object.entries(r.writtenPerTable ?? {});
  if (written.length) {
    const ops = (w: { upserts: number; updates: number; deletes: number }) =>
      [w.upserts && `${w.upserts} upserts`, w.updates && `${w.updates} updates`, w.deletes && `${w.deletes} deletes`].filter(Boolean).join(", ") || "nothing";
    out.push(`Written this run: ${written.map(([t, w]) => `${t} ${ops(w)}`).join("; ")}`);
  } else if (r.writtenPerTable) out.push("Written this run: nothing.");
  if (tables.length) out.push(`Rows per table (warehouse totals): ${tables.map(([t, n]) => `${t}=${n}`).join(", ")}`);
  out.push(`State: ${JSON.stringify(r.state)}`);
  for (const w of r.warnings.slice(0, 5)) out.push(`Warning: ${w.split("\n")[0]}`);
  if (r.error) {
    // The message is the run's (the connector's exception, or the SDK's or the runner's words, which may quote the
    // connector's values): fenced as data either way, and labelled as what it is.
    out.push(`Error (${r.error.kind}${r.error.exceptionType ? `, ${r.error.exceptionType}` : ""}); its message, which may quote the connector:`);
    out.push(fenceConnectorText(r.error.message));
    if (r.error.file) out.push(`At: ${r.error.file}${r.error.line ? `:${r.error.line}` : ""}`);
    if (r.error.hint) out.push(`Next: ${r.error.hint}`);
    const tail = (r.logTail ?? []).slice(-5);
    if (tail.length) out.push("Last log lines, the connector's and the SDK's:", fenceConnectorText(tail.join("\n")));
  }
  out.push(syncProgressBlock(r));
  return out.join("\n");
}
