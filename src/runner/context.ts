import { stripControls } from "../workspace/hygiene.js";
import type { Redactor } from "../workspace/redact.js";
import type { OperationCounts, RunOptions, RunError } from "./types.js";
import type { DeclaredTable, ErrorKind } from "../protocol.js";
import { zeroCounts } from "./report.js";

export const LOG_TAIL_LINES = 100;
const MAX_LINE_CHARS = 2_000;
/** The most of an error message a run result keeps. */
export const MAX_ERROR_CHARS = 16_000;
const PROGRESS_EVERY_MS = 250;

/** What one run collects while it goes: counts, bounded logs, warnings; shared by both engines. */
export class RunTracker {
  readonly counts: OperationCounts = zeroCounts();
  readonly warnings: string[] = [];
  /** The tables schema() declared, once the harness has validated them. */
  declared?: DeclaredTable[];
  private readonly tail: string[] = [];
  private lastProgress = 0;
  private pending: NodeJS.Timeout | undefined;

  constructor(
    readonly redactor: Redactor,
    private readonly opts: Pick<RunOptions, "onLog" | "onProgress" | "onSpawn">,
  ) {}

  /** The engine started the connector's process (the group leader). */
  spawned(pid: number | undefined): void {
    if (pid === undefined) return;
    try {
      this.opts.onSpawn?.(pid);
    } catch {
      // a listener's failure is not the sync's
    }
  }

  /** Keeps a redacted log line (bounded) and passes it on. */
  log(level: string, origin: string, message: string): void {
    // Security: no escape sequence or control character of the connector's reaches a terminal or a client.
    const clean = this.redactor.redact(stripControls(message));
    const text = clean.length > MAX_LINE_CHARS ? `${clean.slice(0, MAX_LINE_CHARS)}… (${clean.length} chars)` : clean;
    this.tail.push(`${level.padEnd(8)} ${origin} ${text}`);
    if (this.tail.length > LOG_TAIL_LINES) this.tail.splice(0, this.tail.length - LOG_TAIL_LINES);
    try {
      this.opts.onLog?.(level, `${origin}: ${text}`);
    } catch {
      // a listener's failure is not the sync's
    }
  }

  warn(message: string): void {
    if (this.warnings.length < 50) this.warnings.push(this.redactor.redact(stripControls(message)));
  }

  /**
   * Progress that must not wait for the next record: reported now, or at the end of the throttle interval. A
   * checkpoint commits after its record was reported, and the connector may send nothing more for a long while (it
   * waits on an API, or its rows fill a batch slowly): run_status would show the checkpoint uncounted until then.
   */
  progressSoon(): void {
    if (this.pending) return;
    const wait = PROGRESS_EVERY_MS - (Date.now() - this.lastProgress);
    if (wait <= 0) return this.progress();
    this.pending = setTimeout(() => {
      this.pending = undefined;
      this.progress();
    }, wait);
    // The run's final progress(true) clears it; it never keeps the process alive.
    this.pending.unref();
  }

  logTail(): string[] {
    return [...this.tail];
  }

  /** Throttled progress callback. */
  progress(force = false): void {
    const now = Date.now();
    if (!force && now - this.lastProgress < PROGRESS_EVERY_MS) return;
    this.lastProgress = now;
    if (this.pending) clearTimeout(this.pending);
    this.pending = undefined;
    try {
      this.opts.onProgress?.({ ...this.counts });
    } catch {
      // ignore
    }
  }

  error(kind: ErrorKind, message: string, extra: Partial<RunError> = {}): RunError {
    // Security: a connector's exception message can be any size (50 MB was tried); what reaches a terminal or a
    // client is bounded, cut before redaction so masking never scans more than it keeps.
    const bounded = message.length > MAX_ERROR_CHARS ? `${message.slice(0, MAX_ERROR_CHARS)}… [${message.length - MAX_ERROR_CHARS} more characters cut]` : message;
    const e: RunError = { kind, message: this.redactor.redact(stripControls(bounded)) };
    if (extra.file) e.file = extra.file;
    if (extra.line) e.line = extra.line;
    if (extra.tracebackTail) e.tracebackTail = this.redactor.redact(stripControls(tracebackTail(extra.tracebackTail)));
    if (extra.exceptionType) e.exceptionType = extra.exceptionType;
    // Security: hints now quote URLs and response bodies, which can carry credentials.
    if (extra.hint) e.hint = this.redactor.redact(extra.hint);
    return e;
  }
}

/** The last lines of a traceback: the frames nearest the error say the most. */
export function tracebackTail(tb: string, maxLines = 30): string {
  const lines = tb.replace(/\s+$/, "").split("\n");
  return lines.length <= maxLines ? lines.join("\n") : ["…", ...lines.slice(-maxLines)].join("\n");
}
