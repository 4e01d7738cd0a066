/**
 * Shutdown hooks. Anything that owns a child process or an open database registers a closer here so
 * the server takes its children with it when the client goes away.
 */
type Closer = () => Promise<void> | void;
const closers = new Set<Closer>();

export function onShutdown(fn: Closer): () => void {
  closers.add(fn);
  return () => closers.delete(fn);
}

export async function shutdownAll(): Promise<void> {
  const all = [...closers];
  closers.clear();
  await Promise.allSettled(all.map(async (fn) => fn()));
}
