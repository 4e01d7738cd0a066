import type { Readable } from "node:stream";

/**
 * Lines of a byte stream, pulled one chunk at a time: the producer is not read faster than the consumer
 * handles lines, so a slow consumer makes the writer on the other end of the pipe block (backpressure).
 */
export async function* readLines(stream: Readable): AsyncGenerator<string> {
  // The unfinished end of a line, in pieces: only each new chunk is searched, so framing stays linear in the
  // line's length however many chunks it spans.
  const pending: string[] = [];
  stream.setEncoding("utf8");
  for await (const chunk of stream as AsyncIterable<string>) {
    let start = 0;
    let nl: number;
    while ((nl = chunk.indexOf("\n", start)) !== -1) {
      const piece = chunk.slice(start, nl);
      start = nl + 1;
      if (pending.length > 0) {
        pending.push(piece);
        yield pending.join("");
        pending.length = 0;
      } else yield piece;
    }
    if (start < chunk.length) pending.push(chunk.slice(start));
  }
  if (pending.length > 0) yield pending.join("");
}

/** Calls `onLine` for each line of a stream that is only watched (logs), never awaited line by line. */
export function watchLines(stream: Readable | null | undefined, onLine: (line: string) => void): Promise<void> {
  if (!stream) return Promise.resolve();
  return (async () => {
    try {
      for await (const line of readLines(stream)) onLine(line.replace(/\r$/, ""));
    } catch {
      // A log pipe that breaks when the process is killed is not an error of the sync.
    }
  })();
}
