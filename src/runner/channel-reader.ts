/**
 * Framing of the operation channel: the harness writes one JSON record per line (src/protocol.ts). Lines
 * are handed over chunk by chunk without an await per record; a handler that returns a promise (the warehouse has
 * fallen behind, a checkpoint) is awaited before the next line, and the next chunk is pulled only once this one is
 * done, so a slow warehouse still blocks the harness's writes (backpressure).
 */
export async function readChannel(
  chunks: AsyncIterable<string>,
  onLine: (line: string) => Promise<void> | undefined,
  /** Called before each chunk: a promise to await first (a failed checkpoint that must stop the reading), or undefined. */
  beforeChunk: () => Promise<void> | undefined,
  /** True once the sync is being stopped (cancel, timeout): nothing more is handed over. */
  halted: () => boolean = () => false,
): Promise<void> {
  // The unfinished end of a line, in pieces: only each new chunk is searched for a newline, so a line of any length
  // (a 50 MB exception message) costs time linear in its size, not quadratic.
  const pending: string[] = [];
  for await (const chunk of chunks) {
    if (halted()) break;
    const before = beforeChunk();
    if (before) await before;
    let start = 0;
    let nl: number;
    while (!halted() && (nl = chunk.indexOf("\n", start)) !== -1) {
      let line = chunk.slice(start, nl);
      start = nl + 1;
      if (pending.length > 0) {
        pending.push(line);
        line = pending.join("");
        pending.length = 0;
      }
      if (!line) continue;
      const wait = onLine(line);
      if (wait) await wait;
    }
    if (start < chunk.length) pending.push(start === 0 ? chunk : chunk.slice(start));
  }
  const rest = pending.join("");
  if (rest && !halted()) await onLine(rest);
}
