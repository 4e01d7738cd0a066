/**
 * Runs `fn` while sampling this process's RSS every 10 ms (the in-process server's memory is this process's), and
 * returns its value with the peak growth over the RSS before it started, in MB.
 */
export async function peakRssDuring<T>(fn: () => Promise<T>): Promise<{ value: T; growthMb: number }> {
  const before = process.memoryUsage().rss;
  let peak = before;
  const timer = setInterval(() => {
    peak = Math.max(peak, process.memoryUsage().rss);
  }, 10);
  try {
    const value = await fn();
    peak = Math.max(peak, process.memoryUsage().rss);
    return { value, growthMb: (peak - before) / 1e6 };
  } finally {
    clearInterval(timer);
  }
}
