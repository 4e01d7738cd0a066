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
): Promise<void> {
  let rest = "";
  for await (const chunk of chunks) {
    const before = beforeChunk();
    if (before) await before;
    const text = rest + chunk;
    let start = 0;
    let nl: number;
    while ((nl = text.indexOf("\n", start)) !== -1) {
      const line = text.slice(start, nl);
      start = nl + 1;
      if (!line) continue;
      const wait = onLine(line);
      if (wait) await wait;
    }
    rest = text.slice(start);
  }
  if (rest) await onLine(rest);
}
