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
  const counts: Partial<SdkCounts> = {};
  let seen = 0;
  for (const line of clean.split(/\r?\n/)) {
    const m = /^\s*([A-Za-z][A-Za-z ]*?)\s*\|\s*(\d+)\s*$/.exec(line);
    if (!m) continue;
    const key = LABELS[m[1].toLowerCase()];
    if (key === undefined) continue;
    seen++;
    if (key) counts[key] = Number(m[2]);
  }
  const complete = seen > 0 && Object.keys(counts).length === 6;
  return { status, counts: complete ? (counts as SdkCounts) : null };
}
