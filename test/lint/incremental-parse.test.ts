import { readdirSync, readFileSync, statSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { clearParseCaches, parsePython, walk, type ParsedPython } from "../../src/lint/python.js";

// An edited file is re-parsed incrementally from its previous tree. The rules must see exactly the
// tree a fresh parse gives: every node's type, field, named-ness and offsets, and the error list.
function shape(p: ParsedPython): string {
  const out: string[] = [];
  walk(p.root, (n) => void out.push(`${n.type}|${n.named}|${n.start}|${n.end}|${n.field}|${n.index}|${n.last}|${n.parent?.index ?? -1}`));
  return out.join("\n") + "\nerrors " + JSON.stringify(p.errors);
}

function pyFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((n) => {
    const f = join(dir, n);
    return statSync(f).isDirectory() ? pyFiles(f) : n.endsWith(".py") ? [f] : [];
  });
}

/** Edits an agent makes: append a line, insert one mid-file, delete one, change a name, break the syntax. */
function edits(src: string): string[] {
  const lines = src.split("\n");
  const mid = Math.floor(lines.length / 2);
  const ident = /\b[a-z_]{4,}\b/.exec(src.slice(Math.floor(src.length / 2)));
  const at = ident ? Math.floor(src.length / 2) + ident.index : 0;
  return [
    src + "# edited\n",
    [...lines.slice(0, mid), "", ...lines.slice(mid)].join("\n"),
    [...lines.slice(0, mid), ...lines.slice(mid + 1)].join("\n"),
    ident ? src.slice(0, at) + ident[0] + "_x" + src.slice(at + ident[0].length) : src + "\n",
    src.slice(0, at) + "(" + src.slice(at),
    src.replace(/\n/, "\nimport os\n"),
  ];
}

describe("incremental parses equal fresh ones", () => {
  it("on every fixture file and the bench connector under six kinds of edit", async () => {
    // @ts-expect-error: a plain ESM script without types
    const { generate } = await import("../../scripts/bench/lint.mjs");
    const sources = [...pyFiles(join(import.meta.dirname, "fixtures")).map((f) => readFileSync(f, "utf8")), generate(3000)];
    let compared = 0;
    for (const [i, src] of sources.entries()) {
      for (const next of edits(src)) {
        clearParseCaches();
        await parsePython(src, `file${i}`);
        const incremental = shape(await parsePython(next, `file${i}`));
        clearParseCaches();
        const fresh = shape(await parsePython(next));
        expect(incremental, `file ${i}`).toBe(fresh);
        compared++;
      }
    }
    expect(compared).toBeGreaterThan(100);
    clearParseCaches();
  }, 120_000);
});
