import { closeSync, mkdtempSync, openSync, readSync, rmSync, writeSync } from "node:fs";
import { join } from "node:path";
import { privateTempDir } from "../registry.js";

// The records of the open transaction, as the channel carried them, kept until its checkpoint commits: when rows
// written early turn out to have been written in a type their column no longer has (WarehouseWriter.replay()), the
// transaction is rolled back and written again from them, in the final types, as the SDK writes a checkpoint once.

/**
 * Text held in memory before it is written to the segment's file (characters). Small, so that lines are not kept
 * long enough for V8 to move them to its old generation: a checkpoint of a few hundred rows never needs a file.
 */
const MEMORY_CHARS = 64 * 1024;
/**
 * Past this much text one transaction is no longer journaled: it can then not be written again, and the writer
 * warns instead (a connector that checkpoints once, after hundreds of thousands of rows). Characters: on disk, at
 * most three times as many bytes.
 */
export const JOURNAL_LIMIT_CHARS = 64 * 1024 * 1024;

/** The records of one transaction: in memory, then in a file of the journal's private folder. */
export class Segment {
  private lines: string[] = [];
  private chars = 0;
  private fd: number | undefined;
  private path: string | undefined;
  /** False once the transaction outgrew the limit: some of its records are missing. */
  complete = true;

  constructor(
    private readonly folder: () => string,
    private readonly limit: number,
  ) {}

  add(line: string): void {
    if (!this.complete) return;
    this.lines.push(line);
    this.chars += line.length + 1;
    if (this.chars > this.limit) {
      this.complete = false;
      this.dispose();
    } else if (this.chars - this.written > MEMORY_CHARS) this.flushLines();
  }

  /** Characters already in the file. */
  private written = 0;

  private flushLines(): void {
    if (this.fd === undefined) {
      this.path = join(this.folder(), `segment-${++segmentSeq}`);
      // Security: a new file (wx+: created here, read back) in a folder of this process only (mode 0700), never one that was there.
      this.fd = openSync(this.path, "wx+", 0o600);
    }
    const text = this.lines.join("\n") + "\n";
    writeSync(this.fd, text);
    this.written = this.chars;
    this.lines = [];
  }

  /** Each record, oldest first. */
  *records(): Generator<string> {
    if (this.fd !== undefined) {
      let position = 0;
      // Bytes of a line not ended yet: lines are decoded whole, so a character cut at a chunk's end stays whole.
      let carry: Buffer[] = [];
      for (;;) {
        const chunk = Buffer.allocUnsafe(1 << 20);
        const n = readSync(this.fd, chunk, 0, chunk.length, position);
        if (n === 0) break;
        position += n;
        const end = chunk.lastIndexOf(10, n - 1);
        if (end < 0) {
          carry.push(chunk.subarray(0, n));
          continue;
        }
        const text = Buffer.concat([...carry, chunk.subarray(0, end)]).toString("utf8");
        carry = end + 1 < n ? [chunk.subarray(end + 1, n)] : [];
        yield* text.split("\n");
      }
      if (carry.length) yield Buffer.concat(carry).toString("utf8");
    }
    yield* this.lines;
  }

  /** Frees the memory and the file. */
  dispose(): void {
    this.lines = [];
    if (this.fd !== undefined) {
      closeSync(this.fd);
      rmSync(this.path!, { force: true });
      this.fd = this.path = undefined;
    }
  }
}

let segmentSeq = 0;

/** The journal of a writer: the open transaction's segment, and a private folder for the files of large ones. */
export class Journal {
  private folder: string | undefined;
  private current: Segment;

  constructor(private readonly limit = JOURNAL_LIMIT_CHARS) {
    this.current = this.segment();
  }

  add(line: string): void {
    this.current.add(line);
  }

  /** Whether the open transaction's records are all kept (it has not outgrown the limit). */
  complete(): boolean {
    return this.current.complete;
  }

  /** Closes the open transaction's segment (a checkpoint was called) and begins the next one's. */
  cut(): Segment {
    const s = this.current;
    this.current = this.segment();
    return s;
  }

  close(): void {
    this.current.dispose();
    if (this.folder) rmSync(this.folder, { recursive: true, force: true });
  }

  private segment(): Segment {
    return new Segment(() => (this.folder ??= mkdtempSync(join(privateTempDir(), "journal-"))), this.limit);
  }
}
