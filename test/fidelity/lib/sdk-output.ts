// Pure parsing of what `fivetran debug` (SDK 3.0.0) prints, tested on recorded output in fixtures/.

/** The counts the SDK prints in its end-of-sync table, keyed like RunResult.counts. */
export interface SdkCounts {
  upserts: number;
  updates: number;
  deletes: number;
  truncates: number;
  schemaChanges: number;
  checkpoints: number;
}

export interface SdkOutcome {
  /** From the SYNC SUCCEEDED / SYNC FAILED line; "unknown" when neither was printed (a crash before the sync). */
  status: "succeeded" | "failed" | "unknown";
  /** Null when no counts table was printed (e.g. a failure before the sync started). */
  counts: SdkCounts | null;
}

// 3.0 labels the table "Operation | Counts" and adds "File uploads"; the 2.x testers said "Calls" and "SchemaChanges".
// Both spellings are accepted so a recorded 2.x output parses too.
const LABELS: Record<string, keyof SdkCounts | null> = {
  upserts: "upserts",
  updates: "updates",
  deletes: "deletes",
  truncates: "truncates",
  "schema changes": "schemaChanges",
  schemachanges: "schemaChanges",
  checkpoints: "checkpoints",
  "file uploads": null,
};

// eslint-disable-next-line no-control-regex -- an ANSI colour sequence starts with ESC; matching it is the point.
const ANSI = /\u001b\[[0-9;]*m/g;

export function parseSdkOutput(text: string): SdkOutcome {
  const clean = text.replace(ANSI, "");
  // The last verdict counts: a connector may itself print either phrase earlier (connector 24 does).
  const verdicts = [...clean.matchAll(/\bSYNC (SUCCEEDED|FAILED)\b/gi)];
  const last = verdicts.at(-1)?.[1]?.toUpperCase();
  const status = last === "SUCCEEDED" ? "succeeded" : last === "FAILED" ? "failed" : "unknown";
  // The rows of the SDK's last table ("Operation | Counts", 2.x's "| Calls"): a connector may print rows of its own
  // before it, and a failed sync's error message, printed after it, may hold lines shaped like rows (628); each
  // count is the first row of its name from that header on.
  const lines = clean.split(/\r?\n/);
  let header = -1;
  lines.forEach((line, i) => {
    if (/^\s*Operation\s*\|\s*(?:Counts|Calls)\s*$/.test(line)) header = i;
  });
  const counts: Partial<SdkCounts> = {};
  const named = new Set<string>();
  let seen = 0;
  for (const line of header >= 0 ? lines.slice(header + 1) : lines) {
    const m = /^\s*([A-Za-z][A-Za-z ]*?)\s*\|\s*(\d+)\s*$/.exec(line);
    if (!m) continue;
    const label = m[1].toLowerCase();
    const key = LABELS[label];
    if (key === undefined || (header >= 0 && named.has(label))) continue;
    named.add(label);
    seen++;
    if (key) counts[key] = Number(m[2]);
  }
  const complete = seen > 0 && Object.keys(counts).length === 6;
  return { status, counts: complete ? (counts as SdkCounts) : null };
}
