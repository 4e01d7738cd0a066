import type { CrashReport } from "./crash.js";
import type { FaultReport } from "./faults.js";
import type { Receipt, ReceiptCheck } from "./receipt.js";

/** One-paragraph summaries of proof results, shared by the MCP tools and the CLI. */
export function crashSummary(r: CrashReport): string {
  const head =
    r.verdict === "passed"
      ? `Crash and resume passed at ${r.points.length} crash point(s); a second run writes nothing new.`
      : r.verdict === "baseline_failed"
        ? "The uninterrupted run failed; nothing to compare with."
        : r.verdict === "not_judged"
          ? "Crash and resume could not be judged on this recording."
          : `Crash and resume FAILED (${r.problems.length} problem(s)).`;
  return [head, ...r.problems.map((p) => `- ${p}`), ...r.notes.map((n) => `- (not judged) ${n}`)].join("\n");
}

export function faultsSummary(r: FaultReport): string {
  if (r.baseline.status !== "succeeded") return `The run without faults ${r.baseline.status}: ${r.baseline.error ?? ""}; nothing to compare with.`;
  return [`${r.handled} of ${r.results.length} fault(s) handled.`, ...r.results.map((x) => `- ${x.handled ? "ok " : "NOT"} ${x.fault}: ${x.explanation}`)].join("\n");
}

export function receiptSummary(rc: Receipt, paths: { json: string; markdown: string }): string {
  return `Receipt written (${rc.status}, ${rc.source.mode}${rc.source.recording ? ` ${rc.source.recording}` : ""}; ${Object.keys(rc.table_sha256).length} table hash(es)): ${paths.json} and ${paths.markdown}.`;
}

export function checkSummary(c: ReceiptCheck): string {
  const head =
    c.verdict === "verified"
      ? "Receipt verified: same code, same recording, and a new replay gives the same table and state hashes."
      : c.verdict === "code_only"
        ? "The code matches the receipt (only the code can be checked for this receipt)."
        : "Receipt does NOT match the folder.";
  const lines = [head];
  if (!c.code_matches) lines.push(`- code changed: ${c.changed_files.join(", ") || "(file list differs)"}`);
  for (const t of c.tables.filter((x) => !x.matches)) lines.push(`- table ${t.table}: expected ${t.expected?.slice(0, 16) ?? "none"}, got ${t.actual?.slice(0, 16) ?? "none"}`);
  if (c.state_matches === false) lines.push("- the state differs");
  for (const n of c.notes) lines.push(`- ${n}`);
  return lines.join("\n");
}
