import { z } from "zod";

/**
 * A JSON object argument (a state, a configuration). zod copies a record key by key, and a top-level key named
 * `__proto__` (which JSON.parse keeps as an ordinary key, and Python's json too) would be dropped by that copy
 * without a word: the call is refused instead, so that nothing the agent sent is lost silently.
 */
export function jsonObjectInput() {
  return z.preprocess(
    (value, ctx) => {
      if (value !== null && typeof value === "object" && Object.prototype.hasOwnProperty.call(value, "__proto__")) {
        ctx.addIssue({ code: "custom", message: "a top-level key named __proto__ cannot be passed through this tool; rename it" });
      }
      return value;
    },
    z.record(z.string(), z.unknown()),
  );
}
