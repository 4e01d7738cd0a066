import { readdirSync, readFileSync } from "node:fs";
import { join, relative } from "node:path";
import { describe, expect, it } from "vitest";
import { ERROR_CODES, ERROR_KINDS, SYNC_ERROR_KINDS, ToolError, toToolError } from "../../src/errors.js";
import { runResultShape } from "../../src/runner/run-result.js";

const ROOT = join(import.meta.dirname, "..", "..");

function files(dir: string, exts: string[]): string[] {
  return readdirSync(join(ROOT, dir), { recursive: true, withFileTypes: true })
    .filter((e) => e.isFile() && exts.some((x) => e.name.endsWith(x)))
    .map((e) => relative(ROOT, join(e.parentPath, e.name)));
}

const code = [...files("src", [".ts", ".py"]), ...files("tools", [".ts"])].map((f) => ({ f, text: readFileSync(join(ROOT, f), "utf8") }));
/** Declarations and switch labels name a kind without producing it. */
const DECLARING = new Set(["src/errors.ts", "src/protocol.ts"]);
const producing = code
  .filter((c) => !DECLARING.has(c.f))
  .map((c) => ({
    f: c.f,
    text: c.text
      .split("\n")
      .filter((l) => !/^\s*(\/\/|\*|#)/.test(l) && !/\bcase\s+"/.test(l))
      .join("\n"),
  }));

describe("one documented set of error kinds", () => {
  it("tool codes and sync kinds are all documented kinds", () => {
    for (const k of [...ERROR_CODES, ...SYNC_ERROR_KINDS]) expect(Object.keys(ERROR_KINDS)).toContain(k);
  });

  it("every documented kind is a tool code or a sync kind", () => {
    const used = new Set<string>([...ERROR_CODES, ...SYNC_ERROR_KINDS]);
    expect(Object.keys(ERROR_KINDS).filter((k) => !used.has(k))).toEqual([]);
  });

  it.each([...ERROR_CODES])("tool code %s is thrown somewhere", (k) => {
    const re = new RegExp(`ToolError\\(\\s*"${k}"`);
    expect(code.filter((c) => re.test(c.text)).map((c) => c.f)).not.toEqual([]);
  });

  it.each([...SYNC_ERROR_KINDS])("sync kind %s is reported somewhere", (k) => {
    const re = new RegExp(`["']${k}["']`);
    expect(producing.filter((c) => re.test(c.text)).map((c) => c.f)).not.toEqual([]);
  });

  it("the run result's error.kind is the sync-kind enum", () => {
    const error = runResultShape.error.unwrap();
    expect(error.shape.kind.options).toEqual([...SYNC_ERROR_KINDS]);
  });

  it("anything thrown becomes a ToolError of a documented code", () => {
    expect(toToolError(new Error("x")).code).toBe("internal");
    const abort = new Error("stop");
    abort.name = "AbortError";
    expect(toToolError(abort).code).toBe("cancelled");
    const e = new ToolError("locked", "held");
    expect(toToolError(e)).toBe(e);
  });
});
