import type { z } from "zod";

/**
 * Fields that share one zod type and differ only by name and description, from the table `{ name: "description" }`
 * (in its order): a result's counts, its optional paths, and the like read as the table they are, not as a column
 * of lines repeating the type. The inferred type is exact: each field has the type given.
 */
export function described<T extends z.ZodType, D extends Record<string, string>>(type: T, descriptions: D): { [K in keyof D]: T } {
  return Object.fromEntries(Object.entries(descriptions).map(([name, text]) => [name, type.describe(text)])) as { [K in keyof D]: T };
}
