/** Python's default recursion limit: its json.loads refuses a text nested deeper, with a RecursionError. */
export const PYTHON_RECURSION_LIMIT = 1000;

/**
 * Whether a parsed JSON value nests arrays and objects more than `limit` deep. Iterative, so that it has no stack to
 * overflow: Node's own walks of such a value (masking secrets, serialising) do, and the SDK fails on its text anyway.
 */
export function nestedPast(value: unknown, limit: number): boolean {
  const stack: [unknown, number][] = [[value, 0]];
  while (stack.length) {
    const [v, depth] = stack.pop()!;
    if (v === null || typeof v !== "object") continue;
    if (depth >= limit) return true;
    for (const child of Array.isArray(v) ? v : Object.values(v as Record<string, unknown>)) stack.push([child, depth + 1]);
  }
  return false;
}
