import { ALL_PROFILES, defineRule } from "../rule.js";
import { lastAssignment, statements } from "../helpers.js";
import { field, findAll, named, walkScope, type PyNode } from "../python.js";
import type { Module } from "../model.js";

/** Calls whose failure loses no data: releasing a resource, removing a temporary file. */
const CLEANUP = /(^|\.)(close|disconnect|shutdown|quit|logout|logoff|release|terminate|kill|dispose|stop|cancel|join|unlink|remove|rmtree|rmdir|cleanup|clean_up|unregister|__exit__)$/;

/** A try body that only releases resources: a failure there loses no data, so catching everything is right. */
function cleanupOnly(mod: Module, tryBody: PyNode | undefined): boolean {
  const stmts = statements(tryBody);
  return (
    stmts.length > 0 &&
    stmts.every((s) => {
      const e = s.type === "expression_statement" ? named(s)[0] : undefined;
      return e?.type === "call" && CLEANUP.test(mod.calleePath(e));
    })
  );
}

/** Functions of the module whose body always ends by raising: calling one in a handler re-raises. */
function raisingHelpers(mod: Module): Set<string> {
  const out = new Set<string>();
  for (const f of mod.functions) {
    const last = statements(field(f.node, "body")).at(-1);
    if (last?.type === "raise_statement") out.add(f.name);
  }
  return out;
}

/**
 * A try that only computes values (and logs) into names that already hold a default: a failure keeps
 * the default, which is the handler's purpose (`start = since` then `try: start = parse(since)`).
 */
function fallsBackToDefault(mod: Module, tryStmt: PyNode): boolean {
  const stmts = statements(field(tryStmt, "body"));
  const scope = mod.functionOf(tryStmt)?.node ?? mod.root;
  let defaulted = false;
  for (const s of stmts) {
    const e = s.type === "expression_statement" ? named(s)[0] : undefined;
    if (e?.type === "call" && (mod.logMethod(e) || LOGS.test(mod.calleePath(e)))) continue;
    const left = e?.type === "assignment" ? field(e, "left") : undefined;
    if (left?.type !== "identifier") return false;
    if (lastAssignment(mod, scope, mod.t(left), tryStmt.start) !== undefined) defaulted = true;
  }
  return defaulted;
}

/** The identifier sits inside a nested call (str(exc)) rather than being passed itself. */
function isWithinCallOf(mod: Module, id: PyNode, outer: PyNode): boolean {
  for (let p = id.parent; p && p !== outer; p = p.parent) if (p.type === "call") return /^(str|repr|format)$/.test(mod.calleePath(p)) || !!mod.logMethod(p);
  return false;
}

/** Calls that fetch or store data: a failure there loses rows, not just one value. */
const IO = /(^|\.)(execute\w*|read\w*|open|get|post|put|patch|urlopen|list_\w+|upsert|checkpoint|send\w*|recv|\w*(api|request|fetch|download|query|upload)\w*)$/i;

/**
 * A conversion that yields an empty value when it fails (`try: return float(s)` / `except Exception:
 * return None`): one field becomes null, no row is lost, and nothing in the try fetches or stores.
 */
function emptyValueFallback(mod: Module, tryStmt: PyNode, handler: PyNode[]): boolean {
  const empty = (n: PyNode | undefined) =>
    !n || (["none", "string", "list", "dictionary", "integer", "float", "false"].includes(n.type) && ((n.type !== "list" && n.type !== "dictionary") || named(n).length === 0));
  const handlerEmpty =
    handler.length > 0 &&
    handler.every((h) => {
      if (h.type === "return_statement") return empty(named(h)[0]);
      const e = h.type === "expression_statement" ? named(h)[0] : undefined;
      if (e?.type === "assignment") return empty(field(e, "right"));
      // pages.append("") and the like: an empty placeholder for the failed item.
      return e?.type === "call" && /\.append$/.test(mod.calleePath(e)) && named(field(e, "arguments") ?? e).every((a) => empty(a));
    });
  if (!handlerEmpty) return false;
  const body = field(tryStmt, "body");
  return !!body && !findAll(body, "call").some((c) => IO.test(mod.calleePath(c)) || mod.opMethod(c) !== undefined);
}

const LOGS = /(^|\.)(log|logger|logging|LOG|LOGGER)\.(info|warning|warn|error|severe|fine|debug|exception|critical)$/;

export default defineRule({
  meta: {
    id: "FT071",
    severity: "error",
    title: "Broad except that swallows the error",
    fixable: "none",
    profiles: ALL_PROFILES,
    guideline: "PR review rules; evaluation checklist; seed guidelines (error handling)",
  },
  check(ctx) {
    for (const mod of ctx.project.modules) {
      const raisers = raisingHelpers(mod);
      for (const c of findAll(mod.root, "except_clause")) {
        const value = field(c, "value");
        const typeText = value ? mod.t(value.type === "as_pattern" ? named(value)[0] : value) : "";
        const broad = !value || /(^|[\s(,])(Exception|BaseException)([\s),]|$)/.test(typeText);
        if (!broad) continue;
        const body = c.children.find((x) => x.type === "block");
        if (!body) continue;
        const tryStmt = c.parent;
        if (tryStmt?.type === "try_statement" && cleanupOnly(mod, field(tryStmt, "body"))) continue;
        let raises = false;
        let logs = false;
        walkScope(body, (n) => {
          if (n.type === "raise_statement") raises = true;
          if (n.type === "call") {
            const path = mod.calleePath(n);
            if (raisers.has(mod.callee(n) ?? "") && !path.includes(".")) raises = true;
            if (mod.logMethod(n) || LOGS.test(path) || path === "print") logs = true;
          }
        });
        if (raises) continue;
        // The exception handed on (queue.put(("error", exc)), errors.append(exc)) is reported elsewhere.
        const name = value?.type === "as_pattern" ? mod.t(named(value)[1]) : "";
        if (
          name &&
          findAll(body, "call").some(
            (x) =>
              !(mod.logMethod(x) || LOGS.test(mod.calleePath(x)) || /^(print|str|repr|type|format)$/.test(mod.calleePath(x))) &&
              findAll(field(x, "arguments") ?? x, "identifier").some((i) => mod.t(i) === name && !isWithinCallOf(mod, i, x)),
          )
        )
          continue;
        // A failure of the cleanup inside a handler that re-raises afterwards: the sync fails anyway.
        if (tryStmt?.type === "try_statement" && tryStmt.parent?.type === "block" && tryStmt.parent.children.some((x) => x.start > tryStmt.end && x.type === "raise_statement")) continue;
        // A comment in the handler (or on its line) is the author saying the fallback is deliberate.
        const commented = body.children.some((x) => x.type === "comment") || findAll(body, "comment").length > 0 || c.children.some((x) => x.type === "comment");
        const stmts = named(body);
        const silent = stmts.every(
          (s) => s.type === "pass_statement" || s.type === "continue_statement" || (s.type === "expression_statement" && (named(s)[0]?.type === "ellipsis" || named(s)[0]?.type === "string")),
        );
        const head = mod.t(c).split(":")[0];
        const at = { file: mod.file, start: c.start, end: c.start + head.length + 1 };
        const tryBody = tryStmt?.type === "try_statement" ? field(tryStmt, "body") : undefined;
        const guardsWrites =
          !!tryBody &&
          findAll(tryBody, "call").some((x) => {
            const m = mod.opMethod(x);
            return m === "upsert" || m === "update" || m === "delete" || m === "checkpoint";
          });
        if (guardsWrites) {
          ctx.report({
            ...at,
            severity: silent ? "error" : "warning",
            // What SDK 3.0.0 does (fidelity cases 23, 26, 29, 37): a value refused at the call is skipped and the sync
            // succeeds without the row, while a null primary key stays the sync's failure however it is caught.
            message: `'${head}:' around op.* calls catches the SDK's own errors: a row with a value its column's type refuses (or a state that cannot be saved) is skipped and the sync succeeds without it, while a null primary key still fails the sync (SDK 3.0). Let them propagate`,
          });
        } else if (!logs && !commented && tryStmt?.type === "try_statement" && emptyValueFallback(mod, tryStmt, stmts)) {
          ctx.report({
            ...at,
            severity: "info",
            message: `'${head}:' turns any failure of this conversion into an empty value; confirm that is intended, or catch the specific exception (ValueError, TypeError)`,
          });
        } else if (silent && !commented && tryStmt?.type === "try_statement" && fallsBackToDefault(mod, tryStmt)) {
          ctx.report({
            ...at,
            severity: "info",
            message: `'${head}:' keeps the value set before the try when parsing fails; confirm that the fallback is intended, or catch the specific exception (ValueError, TypeError)`,
          });
        } else if (silent && !commented) {
          ctx.report({
            ...at,
            severity: "error",
            message: `'${head}:' swallows every error silently; the sync reports success with missing data. Catch specific exceptions and re-raise (or log what is skipped)`,
          });
        } else if (!logs && !commented) {
          ctx.report({
            ...at,
            severity: "warning",
            message: `'${head}:' catches every error, does not re-raise and logs nothing; the sync can report success with missing data. Catch specific exceptions, or log what is skipped`,
          });
        } else {
          // Logged or commented: a deliberate choice the reader should confirm, not a defect.
          ctx.report({
            ...at,
            severity: "info",
            message: `'${head}:' catches every error and goes on (${logs ? "logged" : "commented as deliberate"}); confirm that skipping is intended, or catch specific exceptions`,
          });
        }
      }
    }
  },
});
