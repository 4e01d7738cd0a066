import { stripControls } from "../workspace/hygiene.js";
import type { Redactor } from "../workspace/redact.js";
import type { OperationCounts, RunOptions, RunError } from "./types.js";
import type { DeclaredTable, ErrorKind } from "../protocol.js";
import { zeroCounts } from "./report.js";

export const LOG_TAIL_LINES = 100;
const MAX_LINE_CHARS = 2_000;
/** The most of an error message a run result keeps. */
export const MAX_ERROR_CHARS = 16_000;
const LONE_SURROGATE = /[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g;
const PROGRESS_EVERY_MS = 250;
/** A line held back (for a secret the next line may complete) goes out at the latest after this long. */
const HOLD_MS = 250;
/** Longer lines are never held back: they are passed on at once and end the chain of their stream. */
const MAX_HELD_CHARS = 64 * 1024;
/** The most lines of one stream held back while they spell the start of a secret (one character per line). */
const MAX_HELD_LINES = 256;

/** How the warning about a secret in the connector's output begins; evaluate_connector turns it into a finding. */
export const SECRET_IN_OUTPUT = "The connector's output (a log call or print) showed the secret configuration value";

/** Streams that carry what the connector itself wrote (log calls, print, stderr), not the harness's own lines. */
const CONNECTOR_ORIGINS = new Set(["connector", "stdout", "stderr"]);

/** A log line kept in the tail, re-rendered when a later line shows it held a piece of a secret. */
interface TailEntry {
  level: string;
  origin: string;
  /** The redacted, bounded message. */
  text: string;
}

/** A line of one stream not yet passed on to onLog, with what it was before masking pieces the next lines revealed. */
interface HeldLine {
  level: string;
  raw: string;
  entry: TailEntry;
  sent: boolean;
}

/** What one run collects while it goes: counts, bounded logs, warnings; shared by both engines. */
export class RunTracker {
  readonly counts: OperationCounts = zeroCounts();
  readonly warnings: string[] = [];
  /** The tables schema() declared, once the harness has validated them. */
  declared?: DeclaredTable[];
  private readonly tail: TailEntry[] = [];
  private readonly held = new Map<string, HeldLine[]>();
  private holdTimer: NodeJS.Timeout | undefined;
  private lastProgress = 0;
  /** Configuration keys whose secret the connector's output showed, each warned about once. */
  private readonly leakedKeys = new Set<string>();
  private pending: NodeJS.Timeout | undefined;

  constructor(
    /** Replaced when the run learns more secrets (configuration.json as the harness read it after the import). */
    public redactor: Redactor,
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

  /**
   * Keeps a redacted log line (bounded) and passes it on. A stream (origin) holds back its last line when its end may
   * begin a secret form, until the next line (or HOLD_MS), so a secret cut in two by a line break is masked in both
   * lines before either leaves; lines that together spell the start of a form (one character per line) are held
   * while they do.
   */
  log(level: string, origin: string, message: string): void {
    // Security: no escape sequence or control character of the connector's reaches a terminal or a client.
    const raw = stripControls(message);
    if (CONNECTOR_ORIGINS.has(origin)) this.noteLeak(raw);
    const entry: TailEntry = { level, origin, text: this.render(raw) };
    this.tail.push(entry);
    if (this.tail.length > LOG_TAIL_LINES) this.tail.splice(0, this.tail.length - LOG_TAIL_LINES);
    const chain = [...(this.held.get(origin) ?? []), { level, raw, entry, sent: false }];
    // Security: pieces of a secret that line breaks cut are masked in every line of the chain, the tail included.
    const masked = this.redactor.maskAcrossLines(chain.map((h) => h.raw));
    chain.forEach((h, i) => {
      if (masked[i] === h.raw) return;
      h.raw = masked[i];
      h.entry.text = this.render(h.raw);
    });
    const keep = raw.length > MAX_HELD_CHARS ? 0 : this.heldSuffix(chain);
    for (const h of chain.slice(0, chain.length - keep)) this.send(h, origin);
    // A last line whose end cannot begin a secret form goes out now; it stays in the chain to mask the next line.
    if (keep === 1 && !this.redactor.startsSecret([chain[chain.length - 1].raw])) this.send(chain[chain.length - 1], origin);
    if (keep) this.held.set(origin, chain.slice(chain.length - keep));
    else this.held.delete(origin);
    if (this.held.size && !this.holdTimer) {
      this.holdTimer = setTimeout(() => {
        this.holdTimer = undefined;
        this.flushLogs(false);
      }, HOLD_MS);
      this.holdTimer.unref();
    }
  }

  /** How many lines at the end of a stream's chain to hold: the last one, and before it those spelling a secret's start. */
  private heldSuffix(chain: HeldLine[]): number {
    // The longest such suffix: "q", "7" alone start nothing, but "Z", "q", "7" may.
    for (let n = Math.min(chain.length, MAX_HELD_LINES); n > 1; n--) if (this.redactor.startsSecret(chain.slice(chain.length - n).map((h) => h.raw))) return n;
    return 1;
  }

  /**
   * Passes every held line on. At the end of a run (`final`) the chains are dropped; from the timer they stay, sent,
   * so a line that arrives late still masks its pieces in the tail.
   */
  flushLogs(final = true): void {
    for (const [origin, chain] of this.held) for (const h of chain) this.send(h, origin);
    if (final) {
      this.held.clear();
      if (this.holdTimer) clearTimeout(this.holdTimer);
      this.holdTimer = undefined;
    }
  }

  private send(h: HeldLine, origin: string): void {
    if (h.sent) return;
    h.sent = true;
    try {
      this.opts.onLog?.(h.level, `${origin}: ${h.entry.text}`);
    } catch {
      // a listener's failure is not the sync's
    }
  }

  private render(raw: string): string {
    const clean = this.redactor.redact(raw);
    return clean.length > MAX_LINE_CHARS ? `${clean.slice(0, MAX_LINE_CHARS)}… (${clean.length} chars)` : clean;
  }

  /**
   * Masking keeps a secret the connector logs out of every result, and so would hide that production logs show it:
   * Fivetran's dashboard shows connector logs as written. A warning names the key (never the value), once per key.
   */
  private noteLeak(raw: string): void {
    const keys = this.redactor.configurationKeysIn(raw).filter((k) => !this.leakedKeys.has(k));
    if (!keys.length) return;
    for (const k of keys) this.leakedKeys.add(k);
    this.warn(
      `${SECRET_IN_OUTPUT} ${keys.map((k) => `'${k}'`).join(", ")}, masked here as ****; in production the dashboard's logs show it as written. Log an identifier or a masked value instead (lint FT046).`,
    );
  }

  warn(message: string): void {
    if (this.warnings.length < 50) this.warnings.push(this.redactor.redact(stripControls(message)));
  }

  /** A log or warning record of a harness's channel (a sync's or the setup tests'): a connector's log line, or a warning. */
  fromChannel(rec: { t: "log"; level: string; message: string } | { t: "warning"; message: string }): void {
    if (rec.t === "log") this.log(rec.level, "connector", rec.message);
    else this.warn(rec.message);
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

  /** The tail at the end of a run: held lines are passed on first. */
  logTail(): string[] {
    this.flushLogs();
    return this.tail.map((e) => `${e.level.padEnd(8)} ${e.origin} ${e.text}`);
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
    // A lone surrogate (a str Python decoded with surrogateescape, or a JSON `\udc80` escape) is U+FFFD in the
    // message: what `fivetran debug` prints reaches a reader as bytes that are not UTF-8 (fidelity 464).
    const e: RunError = { kind, message: this.redactor.redact(stripControls(bounded)).replace(LONE_SURROGATE, "\ufffd") };
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
