import { describe, expect, it } from "vitest";
import type { Node } from "web-tree-sitter";
import { clearParseCaches, getParser, parsePython, usesRawCursor, type PyNode } from "../../src/lint/python.js";

/**
 * src/lint/python.ts copies the tree with the WASM module's own cursor functions, an internal API of the pinned
 * web-tree-sitter release (package.json pins it exactly). This checks that copy against the package's public Node
 * API on sources with fields, errors, MISSING nodes, Unicode and deep nesting: a release that changes the internals
 * fails here instead of linting wrong.
 */
const SOURCES = {
  connector: `from fivetran_connector_sdk import Connector, Operations as op

def update(configuration: dict, state: dict):
    """Docstring with ünïcode and an emoji 🚀."""
    cursor = state.get("cursor", "1970-01-01")
    for page in range(3):
        rows = [{"id": i, "name": f"row {i}"} for i in range(page * 10)]
        for row in rows:
            yield op.upsert(table="items", data=row)
    yield op.checkpoint(state={"cursor": cursor})

connector = Connector(update=update)
`,
  errors: `def broken(:\n    return [1, 2\nclass X(\n    pass\nx = (1 +\n`,
  missing: `if x:\n    y = (1, 2\nprint("done")\n`,
  deep: `v = ${"(".repeat(200)}1${")".repeat(200)}\n`,
  lambdas: `f = lambda a, *args, b=2, **kw: (a, args, b, kw)\nasync def g():\n    async with h() as c:\n        await c\n`,
};

type Shape = { type: string; named: boolean; start: number; end: number; field: string | undefined; children: Shape[] };

function fromPy(n: PyNode): Shape {
  return { type: n.type, named: n.named, start: n.start, end: n.end, field: n.field ?? undefined, children: n.children.map(fromPy) };
}

function fromPublic(n: Node, field: string | undefined): Shape {
  const children = n.children.map((c, i) => fromPublic(c!, n.fieldNameForChild(i) ?? undefined));
  return { type: n.type, named: n.isNamed, start: n.startIndex, end: n.endIndex, field, children };
}

describe("tree-sitter fast path", () => {
  it("is active with the pinned web-tree-sitter", async () => {
    await getParser();
    expect(usesRawCursor()).toBe(true);
  });

  for (const [name, source] of Object.entries(SOURCES)) {
    it(`copies the same tree as the public API: ${name}`, async () => {
      clearParseCaches();
      const parsed = await parsePython(source);
      const tree = (await getParser()).parse(source)!;
      try {
        expect(fromPy(parsed.root)).toEqual(fromPublic(tree.rootNode, undefined));
        // Errors and MISSING nodes as the public API sees them.
        const publicErrors: { start: number; end: number; missing: boolean }[] = [];
        const visit = (n: Node) => {
          if (n.type === "ERROR" || n.isMissing) publicErrors.push({ start: n.startIndex, end: n.endIndex, missing: n.isMissing });
          for (const c of n.children) visit(c!);
        };
        visit(tree.rootNode);
        expect(parsed.errors.map((e) => ({ start: e.start, end: e.end, missing: e.missing }))).toEqual(publicErrors);
      } finally {
        tree.delete();
      }
    });
  }
});
