import { defineRule, EXAMPLES_ONLY, lineStartOf } from "../rule.js";
import { opCalls } from "../helpers.js";
import type { Module } from "../model.js";
import type { PyNode } from "../python.js";

/**
 * The comment blocks the fix inserts. Fivetran's reviewers ask for an explanation at these three
 * places; the wording is this project's own and says what a reader of an example needs to know.
 */
const BLOCKS: Record<"upsert" | "checkpoint" | "main", string[]> = {
  upsert: [
    "Upsert writes one row to the destination table: the row with the same",
    "primary key is replaced, and a row with a new key is added. It takes the",
    "table name and the row as a dict of column name to value.",
  ],
  checkpoint: [
    "Checkpoint saves the state, so the next sync (or a retry after a failure)",
    "resumes from here instead of starting over. Checkpoint after each page or",
    "batch of rows, not after every row.",
  ],
  main: [
    "Runs the connector locally when this file is executed directly (python",
    "connector.py, or an IDE's run button), which makes debugging easy.",
    "Fivetran never runs this block in production; try the connector with",
    "`fivetran debug` before deploying it.",
  ],
};

/** Statements whose block an upsert or checkpoint can sit in. */
const BLOCK_STATEMENTS = new Set(["for_statement", "while_statement", "with_statement", "if_statement", "try_statement"]);

export default defineRule({
  meta: {
    id: "FT122",
    severity: "info",
    title: "Explanatory comment above each upsert, checkpoint and the main block",
    fixable: "safe",
    profiles: EXAMPLES_ONLY,
    guideline: "Fivetran PR review rules (standard comment blocks)",
  },
  check(ctx) {
    const p = ctx.project;
    const hasCommentAbove = (mod: Module, offset: number) => {
      const line = mod.parsed.lines.position(offset).line;
      return line > 1 && /^\s*#/.test(mod.parsed.lines.lineText(line - 1));
    };
    // A comment directly above the loop, with or if block the call sits in explains it too (Fivetran's examples
    // often comment the loop that writes the rows). Only the nearest enclosing block counts.
    const commentAboveBlock = (mod: Module, stmt: PyNode) => {
      for (let n = stmt.parent; n && n.type !== "function_definition" && n.type !== "module"; n = n.parent) {
        if (BLOCK_STATEMENTS.has(n.type)) return hasCommentAbove(mod, n.start);
      }
      return false;
    };
    for (const { mod, call, method } of opCalls(p)) {
      if ((method === "upsert" || method === "checkpoint") && call.parent?.type === "expression_statement" && !hasCommentAbove(mod, call.start) && !commentAboveBlock(mod, call.parent)) {
        ctx.report({ file: mod.file, start: call.start, end: call.end, message: `add the explanatory comment block above op.${method}()`, fix: commentFix(mod, call.parent, method) });
      }
    }
    for (const mod of p.modules)
      for (const b of mod.mainBlocks) {
        if (!hasCommentAbove(mod, b.start))
          ctx.report({ file: mod.file, start: b.start, end: b.start + 2, message: "add the explanatory comment block above the __main__ block", fix: commentFix(mod, b, "main") });
      }
  },
});

/**
 * Comment lines inserted above the statement, at its indentation. Only for a statement that starts
 * its own line: one after `;` or on an `if x:` header line has no line of its own to go above.
 */
function commentFix(mod: Module, stmt: PyNode, kind: keyof typeof BLOCKS): { description: string; edits: { start: number; end: number; newText: string }[] } | undefined {
  const ls = lineStartOf(mod.source, stmt.start);
  const indent = mod.source.slice(ls, stmt.start);
  if (/\S/.test(indent)) return undefined;
  const text = BLOCKS[kind].map((l) => `${indent}# ${l}\n`).join("");
  return { description: `insert the explanatory comment above ${kind === "main" ? "the __main__ block" : `op.${kind}()`}`, edits: [{ start: ls, end: ls, newText: text }] };
}
