/**
 * Shutdown hooks. Anything that owns a child process or an open database registers a closer here so
 * the server takes its children with it when the client goes away.
 */
type Closer = () => Promise<void> | void;
const closers = new Set<Closer>();
const shutdown = new AbortController();

/** Stdio clients escalate to SIGTERM 2 s after closing stdin, so all closers together get less. */
export const SHUTDOWN_BUDGET_MS = 1_500;

export function onShutdown(fn: Closer): () => void {
  closers.add(fn);
  return () => closers.delete(fn);
}

/** Aborted when shutdown starts; tool calls in flight see it through ctx.signal. */
export function shutdownSignal(): AbortSignal {
  return shutdown.signal;
}

export function isShuttingDown(): boolean {
  return shutdown.signal.aborted;
}

/**
 * Runs every closer once, at the same time, and waits at most `budgetMs` for them: a closer that
 * hangs must not keep an orphaned server alive. Safe to call more than once.
 * @returns how many closers had not settled when the budget ran out.
 */
export async function shutdownAll(budgetMs = SHUTDOWN_BUDGET_MS): Promise<number> {
  if (!shutdown.signal.aborted) shutdown.abort(new Error("The server is shutting down."));
  const all = [...closers];
  closers.clear();
  let pending = all.length;
  const settled = Promise.allSettled(
    all.map(async (fn) => {
      try {
        await fn();
      } finally {
        pending--;
      }
    }),
  );
  let timer: NodeJS.Timeout | undefined;
  const budget = new Promise<void>((resolve) => {
    timer = setTimeout(resolve, budgetMs);
    timer.unref();
  });
  await Promise.race([settled, budget]);
  clearTimeout(timer);
  return pending;
}
