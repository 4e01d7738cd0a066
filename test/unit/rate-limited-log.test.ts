import { afterEach, describe, expect, it, vi } from "vitest";
import { rateLimitedLog } from "../../src/runner/run-result.js";

describe("rateLimitedLog", () => {
  afterEach(() => vi.useRealTimers());

  it("forwards a burst, then so many a second, and says once a second how many lines it left out", () => {
    vi.useFakeTimers();
    vi.setSystemTime(0);
    const sent: string[] = [];
    const log = rateLimitedLog((_level, message) => sent.push(message), 5, 10);
    for (let i = 0; i < 100; i++) log("INFO", `line ${i}`);
    expect(sent.filter((m) => m.startsWith("line"))).toHaveLength(5);
    expect(sent.filter((m) => /more than 10 lines a second/.test(m))).toHaveLength(1);
    // Ten seconds of a connector printing every millisecond: at most the burst plus 10 a second get through.
    for (let ms = 1; ms <= 10_000; ms++) {
      vi.setSystemTime(ms);
      log("INFO", `line at ${ms}`);
    }
    // The burst, the refill, the one warning, and a notice that may take the bucket one below zero.
    expect(sent.length).toBeLessThanOrEqual(5 + 10 * 10 + 2);
    const notices = sent.filter((m) => /were not forwarded/.test(m));
    expect(notices.length).toBeGreaterThanOrEqual(9);
    expect(notices.length).toBeLessThanOrEqual(11);
    // Every line is accounted for: forwarded, or counted in a notice (the last ones may still wait for theirs).
    const forwarded = sent.filter((m) => m.startsWith("line")).length;
    const counted = notices.reduce((n, m) => n + Number(/^(\d+)/.exec(m)![1]), 0);
    expect(forwarded + counted).toBeLessThanOrEqual(10_100);
    expect(forwarded + counted).toBeGreaterThan(10_100 - 200);
  });
});
