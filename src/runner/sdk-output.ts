import type { ErrorKind } from "../protocol.js";
import type { OperationCounts } from "./types.js";

/**
 * Reads what the real SDK's `fivetran debug` (3.x) prints, one line at a time. Pure: no I/O, fed with lines,
 * tested on recorded output (test/runner/fixtures/sdk-output/).
 *
 * A log line is `HH:MM:SS.mmm LEVEL(8) ⚡ origin(padded) message`; continuation lines of a multi-line message
 * are indented to the message column. Anything else (a connector's print()) is raw output.
 */
const ENTRY = /^(\d{2}:\d{2}:\d{2}\.\d{3}) (DEBUG|FINE|INFO|WARNING|ERROR|SEVERE|CRITICAL)\s+⚡ (sdk|connector|debugger)\s+(.*)$/;
// eslint-disable-next-line no-control-regex -- an ANSI colour sequence starts with ESC; matching it is the point.
const ANSI = /\u001b\[[0-9;]*m/g;
const CONTINUATION_INDENT = 35;

export interface SdkLogEntry {
  time?: string;
  level: string;
  origin: string;
  message: string;
}

export interface SdkOutcome {
  status?: "succeeded" | "failed";
  counts?: OperationCounts;
  /** The `File uploads` row of the counts table (SDK 3.0+), which OperationCounts has no field for. */
  fileUploads?: number;
  elapsed?: string;
  error?: { kind: ErrorKind; message: string; file?: string; line?: number; traceback?: string; module?: string };
  warnings: string[];
  peakMb?: number;
  checkpoints: number;
  lastCheckpoint?: string;
}

const COUNT_KEYS: Record<string, keyof OperationCounts> = {
  Upserts: "upserts",
  Updates: "updates",
  Deletes: "deletes",
  Truncates: "truncates",
  "Schema changes": "schemaChanges",
  SchemaChanges: "schemaChanges",
  Checkpoints: "checkpoints",
  "File uploads": "fileUploads",
};

const VERDICT = /^SYNC (SUCCEEDED|FAILED) — /;
/**
 * The SDK's first line of a sync. After a verdict it starts another one: connector.debug(configuration=…) left
 * unguarded in connector.py ran a whole sync as `fivetran debug` imported the file, and `fivetran debug`'s own comes
 * now (fidelity 555), whose outcome is the run's.
 */
const SYNC_START = /^› debugging connector at: /;
/** SEVERE lines of `fivetran debug` that do not stop the run: pipreqs could not check requirements.txt, or the exit() check could not parse connector.py. */
const LOGGED_ONLY = /^(?:pipreqs failed |SyntaxError in connector\.py: )/;

export class SdkOutputParser {
  private current: SdkLogEntry | undefined;
  private readonly done: SdkLogEntry[] = [];
  private readonly outcome: SdkOutcome = { warnings: [], checkpoints: 0 };
  private firstSevere: SdkLogEntry | undefined;
  /**
   * True once the SYNC SUCCEEDED or SYNC FAILED line has come (its entry may still be open: the counts table follows
   * on continuation lines); after it `fivetran debug` only waits for the connector's threads and atexit handlers.
   */
  verdictSeen = false;

  constructor(private readonly onEntry?: (e: SdkLogEntry) => void) {}

  push(rawLine: string): void {
    const line = rawLine.replace(ANSI, "").replace(/\r$/, "");
    const m = ENTRY.exec(line);
    if (m) {
      this.finish();
      this.current = { time: m[1], level: m[2], origin: m[3], message: m[4].replace(/\s+$/, "") };
      // The SDK's own line: a connector's log.info("SYNC SUCCEEDED — …") must not end its run early.
      if (this.current.origin === "sdk" && VERDICT.test(this.current.message)) this.verdictSeen = true;
      else if (this.verdictSeen && this.current.origin === "sdk" && SYNC_START.test(this.current.message)) this.syncAgain();
      return;
    }
    if (this.current && (line.trim() === "" || line.startsWith(" ".repeat(CONTINUATION_INDENT)))) {
      this.current.message += `\n${line.slice(CONTINUATION_INDENT).replace(/\s+$/, "")}`;
      return;
    }
    this.finish();
    if (line.trim() !== "") this.emit({ level: "INFO", origin: "stdout", message: line });
  }

  /** A sync after the one whose verdict came (see SYNC_START): what the run reports is that sync's. */
  private syncAgain(): void {
    this.verdictSeen = false;
    this.firstSevere = undefined;
    const o = this.outcome;
    delete o.status;
    delete o.elapsed;
    delete o.counts;
    delete o.fileUploads;
    delete o.error;
    o.checkpoints = 0;
  }

  /** Call once the output has ended. */
  end(): SdkOutcome {
    this.finish();
    if (!this.outcome.error && this.firstSevere && this.outcome.status !== "succeeded") {
      this.outcome.error = classifySdkError(this.firstSevere.message);
    }
    return this.outcome;
  }

  entries(): SdkLogEntry[] {
    return this.done;
  }

  private finish(): void {
    if (!this.current) return;
    const e = this.current;
    this.current = undefined;
    e.message = e.message.replace(/\n+$/, "");
    this.emit(e);
  }

  private emit(e: SdkLogEntry): void {
    this.done.push(e);
    if (this.done.length > 500) this.done.shift();
    this.interpret(e);
    this.onEntry?.(e);
  }

  private interpret(e: SdkLogEntry): void {
    const msg = e.message;
    const sync = /^SYNC (SUCCEEDED|FAILED) — (?:total )?elapsed (\S+)/.exec(msg);
    if (sync) {
      this.outcome.status = sync[1] === "SUCCEEDED" ? "succeeded" : "failed";
      this.outcome.elapsed = sync[2];
      this.outcome.counts = parseCountsTable(msg);
      const uploads = /^\s*File uploads\s*\|\s*(\d+)\s*$/m.exec(msg);
      if (uploads) this.outcome.fileUploads = Number(uploads[1]);
      if (this.outcome.status === "failed") {
        const err = /\nError: ([\s\S]*?)(?:\n+See logs above for details\.)?\s*$/.exec(msg);
        if (err) this.outcome.error = classifySdkError(err[1]);
      }
      return;
    }
    const mem = /connector process memory usage: average [\d.]+ MB, peak ([\d.]+) MB/.exec(msg);
    if (mem) this.outcome.peakMb = Number(mem[1]);
    const cp = /^checkpoint recorded: (.*)$/s.exec(msg);
    if (cp) {
      this.outcome.checkpoints++;
      this.outcome.lastCheckpoint = cp[1];
    }
    if (e.level === "WARNING" && e.origin !== "connector") this.outcome.warnings.push(msg);
    // What fails a run that ends without SYNC FAILED; pipreqs's failures and the exit() check's SyntaxError are only
    // logged, and the run goes on (337, 338).
    if ((e.level === "SEVERE" || e.level === "ERROR" || e.level === "CRITICAL") && e.origin === "sdk" && !this.firstSevere && !LOGGED_ONLY.test(msg)) this.firstSevere = e;
  }
}

/**
 * The Operation | Counts table inside a SYNC SUCCEEDED/FAILED message: each count as the table's first row of that
 * name says it. A failed sync's block goes on with the error's message, whose own lines may look like rows (an API's
 * job summary, `Upserts    | 0`, 628): those come after the table and are not read.
 */
export function parseCountsTable(text: string): OperationCounts {
  const counts: OperationCounts = { upserts: 0, updates: 0, deletes: 0, truncates: 0, schemaChanges: 0, checkpoints: 0, fileUploads: 0 };
  const seen = new Set<string>();
  for (const line of text.split("\n")) {
    const m = /^\s*([A-Za-z][A-Za-z ]*?)\s*\|\s*(\d+)\s*$/.exec(line);
    if (!m || !COUNT_KEYS[m[1]] || seen.has(m[1])) continue;
    seen.add(m[1]);
    counts[COUNT_KEYS[m[1]]] = Number(m[2]);
  }
  return counts;
}

/**
 * Operations the SDK itself refuses (its core raises an SdkException): a null primary key and the file-upload
 * failures. The embedded engine's harness raises the same messages with kind "operation"; so the sdk engine reports
 * the same kind, with or without the prefix update() adds (a refusal that update() caught has none).
 */
const SDK_REFUSALS =
  /^(?:failed while executing update\(\) error: )?(?:Null primary key found while syncing table |File upload received \d+ bytes for file: |Multiple file uploads detected\. |File upload failed for file: )/;

// The first line of a Python traceback; an ExceptionGroup's is indented and marked ("  + Exception Group
// Traceback (most recent call last):", 360).
const TRACEBACK_START = /^(?:[ |+]*Exception Group )?Traceback \(most recent call last\):/m;

/**
 * Where a failure's message ends in the SDK's block, which prints the message, then its traceback: at the first line
 * that starts a traceback. A message that itself holds one (`traceback.format_exc()` in it, 393) is read up to there
 * by both engines, since the block cannot tell it from the real one; the traceback itself has the same lines.
 */
export function tracebackStart(text: string): number {
  return TRACEBACK_START.exec(text)?.index ?? -1;
}

/**
 * A message as the real-SDK engine reads it back from the SDK's log (`push()`): every line without ANSI colour
 * sequences and without the whitespace at its end. The embedded engine passes a failure's message through this
 * before it is cut at the traceback and at MAX_ERROR_CHARS, so that both engines cut the same text (628: a message
 * holding `\x1b[31m` or lines ending in `\r` or spaces was cut further along, with another count of cut characters).
 */
export function asLogged(message: string): string {
  return message
    .split("\n")
    .map((line) => line.replace(ANSI, "").replace(/\s+$/, ""))
    .join("\n");
}

/** The kind, location and traceback of a failure the SDK reported. */
export function classifySdkError(text: string): NonNullable<SdkOutcome["error"]> {
  const tbAt = tracebackStart(text);
  const message = (tbAt >= 0 ? text.slice(0, tbAt) : text).replace(/\s+$/, "");
  const traceback = tbAt >= 0 ? text.slice(tbAt).replace(/\s+$/, "") : undefined;
  let kind: ErrorKind = "connector_exception";
  let module: string | undefined;
  if (/^failed while executing schema\(\)/.test(message)) kind = "schema";
  else if (SDK_REFUSALS.test(message)) kind = "operation";
  else if (/not JSON serializable/.test(message) || /Object of type .* is not/.test(message)) kind = "serialization";
  else if (/^failed while executing update\(\)/.test(message)) kind = "connector_exception";
  else if (/(ModuleNotFoundError|ImportError): /.test(message)) {
    kind = "import";
    module = /No module named '([^']+)'/.exec(message)?.[1];
  } else if (/(SyntaxError|IndentationError|TabError): /.test(message)) kind = "syntax";
  else if (/^connector object not found|^Connector object must be named/.test(message)) kind = "no_connector";
  else if (/^invalid configuration|^Configuration must be provided|configuration error|^(?:✗ )?configuration is required;/i.test(message)) kind = "configuration";
  else if (/^invalid state/.test(message)) kind = "state";
  // fivetran debug's own memory limit (its process past 4 GB): logged, then os._exit(1) without a verdict.
  else if (/^memory usage of connector code exceeded the allowed limit/.test(message)) kind = "memory";
  let file: string | undefined;
  let line: number | undefined;
  const frames = [...(traceback ?? "").matchAll(/File "([^"]*connector\.py)", line (\d+)/g)];
  const projectFrames = frames.filter((f) => !/site-packages|dist-packages/.test(f[1]));
  const last = projectFrames[projectFrames.length - 1];
  if (last) {
    file = last[1];
    line = Number(last[2]);
  } else {
    const at = /error in connector\.py at ([^\n,]+), line (\d+)/.exec(message);
    if (at && !at[1].startsWith("<")) {
      file = at[1];
      line = Number(at[2]);
    }
    const syn = /\((connector\.py), line (\d+)\)/.exec(message);
    if (syn) {
      file = file ?? syn[1];
      line = Number(syn[2]);
    }
  }
  return { kind, message, ...(file ? { file } : {}), ...(line ? { line } : {}), ...(traceback ? { traceback } : {}), ...(module ? { module } : {}) };
}
