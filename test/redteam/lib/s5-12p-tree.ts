import { processesIn } from "../../helpers/process.js";

/**
 * Waits until no process works in `dir` any more (a bounded number of polls), then SIGKILLs and returns those still
 * there. A connector in a PID namespace reports pids that mean nothing outside it, so what it left behind is found
 * by its working folder (the connector folder, which every probe's processes keep).
 */
export async function leftIn(dir: string, waitMs = 3_000): Promise<number[]> {
  const until = Date.now() + waitMs;
  let left = processesIn(dir);
  while (left.length > 0 && Date.now() < until) {
    await new Promise((r) => setTimeout(r, 50));
    left = processesIn(dir);
  }
  for (const p of left) {
    try {
      process.kill(p, "SIGKILL");
    } catch {
      // gone
    }
  }
  return left;
}
