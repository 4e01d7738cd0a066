import { ALL_PROFILES, defineRule } from "../rule.js";
import { field, type PyNode } from "../python.js";

/** The simple statement (or the dict/for header) the call belongs to. */
function statementOf(n: PyNode): PyNode | undefined {
  for (let p = n.parent; p; p = p.parent) if (/_statement$|^(assignment|augmented_assignment)$/.test(p.type) && p.type !== "block") return p;
  return undefined;
}

export default defineRule({
  meta: { id: "FT100", severity: "warning", title: "Naive datetimes", fixable: "suggest", profiles: ALL_PROFILES, guideline: "Fivetran SDK reference (always UTC); Python 3.12 deprecates utcnow()" },
  check(ctx) {
    for (const mod of ctx.project.modules)
      for (const call of mod.calls) {
        const path = mod.calleePath(call);
        const m = /(^|\.)datetime\.(now|utcnow|utcfromtimestamp|fromtimestamp)$|^(now|utcnow|utcfromtimestamp|fromtimestamp)$|^time\.localtime$/.exec(path);
        if (!m) continue;
        const meth = m[2] ?? m[3] ?? "localtime";
        if ((meth === "now" || meth === "localtime") && !/datetime|localtime/.test(path) && !mod.imports.some((i) => i.module === "datetime")) continue;
        const a = mod.args(call);
        if (meth === "now" && (a.positional.length || a.keywords.has("tz"))) continue;
        if (meth === "fromtimestamp" && (a.positional.length > 1 || a.keywords.has("tz"))) continue;
        const fn = field(call, "function")!;
        const base = mod.t(fn).replace(/\.\w+$/, "");
        const fix =
          meth === "utcnow" && fn.type === "attribute"
            ? {
                description: "use datetime.now(timezone.utc) (import timezone; aware and naive values must not be compared)",
                safe: false,
                edits: [{ start: call.start, end: call.end, newText: `${base}.now(timezone.utc)` }],
              }
            : undefined;
        // now().astimezone(timezone.utc) reads the naive value as local time and converts it: correct.
        const outer = call.parent?.type === "attribute" ? mod.t(field(call.parent, "attribute")) : "";
        if (outer === "astimezone" && call.parent?.parent?.type === "call" && mod.args(call.parent.parent).positional.length > 0) continue;
        const stmt = statementOf(call);
        const text = stmt ? mod.t(stmt) : "";
        const labelledUtc = /["'][^"'\n]*(Z|\+00:?00|UTC)["']|\butc\b/i.test(text.replace(mod.t(call), ""));
        const stored = /\bstate\s*\[|checkpoint\s*\(|^\w*(state|cursor)\w*\s*=/i.test(text);
        if (meth === "utcnow" || meth === "utcfromtimestamp") {
          // utcnow() is UTC wall time, so it does not drift with the machine's zone (labelled with Z it is
          // exactly right); what is left is its deprecation and that it is naive.
          ctx.report({
            file: mod.file,
            start: call.start,
            end: call.end,
            severity: "info",
            message: labelledUtc
              ? `${path}() is correct UTC here but deprecated since Python 3.12; datetime.now(timezone.utc) gives the same instant, aware`
              : `${path}() is UTC but naive, and deprecated since Python 3.12; comparing it with an aware datetime raises TypeError. Use datetime.now(timezone.utc)`,
            fix,
          });
          continue;
        } else if (!labelledUtc && !stored) {
          ctx.report({
            file: mod.file,
            start: call.start,
            end: call.end,
            severity: "info",
            message: `${path}() gives local time; the result depends on the machine's time zone. Use datetime.now(timezone.utc) / fromtimestamp(x, tz=timezone.utc) where the value is a cursor or compared with API times`,
          });
          continue;
        }
        ctx.report({
          file: mod.file,
          start: call.start,
          end: call.end,
          message: `${path}() gives a naive datetime; cursors labelled UTC drift by the local offset, and comparing it with aware values raises TypeError. Use datetime.now(timezone.utc) / fromtimestamp(x, tz=timezone.utc)`,
          fix,
        });
      }
  },
});
