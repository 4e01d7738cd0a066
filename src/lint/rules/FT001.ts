import { ALL_PROFILES, defineRule } from "../rule.js";

export default defineRule({
  meta: {
    id: "FT001",
    severity: "error",
    title: "connector.py missing or not parseable",
    fixable: "none",
    profiles: ALL_PROFILES,
    guideline: "seed guidelines (project files); docs: project structure",
  },
  check(ctx) {
    const p = ctx.project;
    if (!p.main) ctx.report({ file: "connector.py", start: 0, end: 0, message: "there is no connector.py in the project folder; fivetran debug and deploy run connector.py from the project root" });
    for (const mod of p.modules) {
      const e = mod.parsed.errors[0];
      if (!e) continue;
      const what = e.missing ? `missing ${e.type}` : `unexpected '${mod.source.slice(e.start, Math.min(e.end, e.start + 20)).split("\n")[0]}'`;
      ctx.report({ file: mod.file, start: e.start, end: Math.max(e.end, e.start + 1), message: `syntax error: ${what}; the module cannot be imported` });
    }
  },
});
