import { ALL_PROFILES, defineRule } from "../rule.js";
import { field } from "../python.js";

export default defineRule({
  meta: { id: "FT100", severity: "warning", title: "Naive datetimes", fixable: "suggest", profiles: ALL_PROFILES, guideline: "Fivetran SDK reference (always UTC); Python 3.12 deprecates utcnow()" },
  check(ctx) {
    for (const mod of ctx.project.modules) for (const call of mod.calls) {
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
      const fix = meth === "utcnow" && fn.type === "attribute" ? { description: "use datetime.now(timezone.utc) (import timezone; aware and naive values must not be compared)", safe: false, edits: [{ start: call.start, end: call.end, newText: `${base}.now(timezone.utc)` }] } : undefined;
      ctx.report({ file: mod.file, start: call.start, end: call.end, message: `${path}() gives a naive datetime; cursors labelled UTC drift by the local offset, and comparing it with aware values raises TypeError. Use datetime.now(timezone.utc) / fromtimestamp(x, tz=timezone.utc)`, fix });
    }
  },
});
