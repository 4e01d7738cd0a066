import { existsSync, lstatSync, readdirSync } from "node:fs";
import { join } from "node:path";
import type { Finding } from "../findings.js";
import { crashAndResume } from "./crash.js";
import { injectFaults, type FaultKind } from "./faults.js";
import { readRecordingMeta, RECORDINGS_DIR } from "./recording.js";

/** The faults evaluate_connector tries on a recording: the transient ones, whose retried request is recorded. */
const EVALUATE_FAULTS: FaultKind[] = ["429", "503", "timeout", "reset"];

/** The most recently recorded recording of the folder, if any. */
export function latestRecording(projectDir: string): string | undefined {
  const base = join(projectDir, RECORDINGS_DIR);
  if (!existsSync(base) || !lstatSync(base).isDirectory()) return undefined;
  let best: { name: string; at: string } | undefined;
  for (const name of readdirSync(base)) {
    try {
      const meta = readRecordingMeta(projectDir, name);
      if (!best || meta.recorded_at > best.at) best = { name, at: meta.recorded_at };
    } catch {
      // not a recording (or a link): skipped
    }
  }
  return best?.name;
}

/**
 * What evaluate_connector adds when the folder has a recording: transient faults injected on the replay, and crash
 * and resume at the first checkpoints of the replay. A resume that asks for requests the recording lacks cannot be
 * judged on it; that is said, not counted against the connector.
 */
export async function proofFindings(projectDir: string, recording: string, opts: { python?: string; timeoutSeconds?: number; signal?: AbortSignal }): Promise<Finding[]> {
  const out: Finding[] = [];
  const faults = await injectFaults({ projectDir, replay: recording, faults: EVALUATE_FAULTS, python: opts.python, timeoutSeconds: opts.timeoutSeconds, signal: opts.signal });
  if (faults.baseline.status !== "succeeded") {
    out.push({
      severity: "info",
      rule: "proof:replay",
      message: `A replay of the recording ${recording} ${faults.baseline.status} (${faults.baseline.error ?? ""}); faults and crash points were not tried on it.`,
      hint: "Record again (run_debug with record) after the connector changed.",
    });
    return out;
  }
  for (const f of faults.results) {
    if (!f.handled)
      out.push({
        severity: "warning",
        rule: `proof:fault_${f.fault}`,
        message: `On the recording ${recording}: ${f.explanation}`,
        hint: "Retry transient errors (429, 5xx, timeouts, resets) a few times with backoff, honouring Retry-After, before failing the sync.",
      });
  }
  const handled = faults.results.filter((f) => f.handled).map((f) => f.fault);
  if (handled.length)
    out.push({ severity: "info", rule: "proof:faults_handled", message: `On the recording ${recording}, the connector retried and recovered from: ${handled.join(", ")}.`, hint: "—" });
  const crash = await crashAndResume({ projectDir, replay: recording, maxPoints: 5, python: opts.python, timeoutSeconds: opts.timeoutSeconds, signal: opts.signal });
  const unjudged = crash.points.filter((p) => !p.judged);
  for (const p of crash.points) {
    if (unjudged.includes(p)) continue;
    const where = p.crash.after_checkpoint ? `after checkpoint ${p.crash.after_checkpoint}` : `at operation ${p.crash.at_operation}`;
    if (p.lost_rows)
      out.push({
        severity: "error",
        rule: "proof:crash_resume",
        message: `Killed ${where} and resumed from its state, the sync ends with ${p.lost_rows} row(s) fewer than an uninterrupted run (recording ${recording}).`,
        hint: "Checkpoint only what the rows already sent cover: upsert a page first, then checkpoint a cursor taken from ordered data.",
      });
    if (p.extra_rows)
      out.push({
        severity: "warning",
        rule: "proof:crash_resume",
        message: `Killed ${where} and resumed, the sync ends with ${p.extra_rows} row(s) an uninterrupted run does not have (recording ${recording}).`,
        hint: "Make re-sent rows idempotent: a primary key, or checkpoint after each batch.",
      });
    for (const r of p.cursor_regressions)
      out.push({
        severity: "warning",
        rule: "proof:cursor_monotonic",
        message: `The state value ${r.path} went backwards (${where}).`,
        hint: "Take the cursor as the maximum seen, never from the last row of an unordered page.",
      });
  }
  if (unjudged.length)
    out.push({
      severity: "info",
      rule: "proof:crash_resume",
      message: `${unjudged.length} crash point(s) could not be judged on the recording ${recording}: the resumed run asks for requests it does not hold.`,
      hint: "Run crash_resume against the live API (no replay).",
    });
  else if (crash.verdict === "passed")
    out.push({ severity: "info", rule: "proof:crash_resume", message: `Crash and resume passed at ${crash.points.length} point(s) on the recording ${recording}.`, hint: "—" });
  return out;
}
