import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";

const SRC = join(__dirname, "../../src");

describe("one way to start a child process", () => {
  it("no module of src/ but src/exec/child.ts starts a process itself (node:child_process, execa)", () => {
    const sources = (readdirSync(SRC, { recursive: true }) as string[]).filter((f) => f.endsWith(".ts") && f !== join("exec", "child.ts"));
    const offenders = sources.filter((f) => {
      const text = readFileSync(join(SRC, f), "utf8");
      // A type import of execa's result is fine; a value import, or any use of node:child_process, is a second way.
      return /["']node:child_process["']|^import (?!type)[^;]*from "execa"/m.test(text);
    });
    expect(offenders).toEqual([]);
  });
});
