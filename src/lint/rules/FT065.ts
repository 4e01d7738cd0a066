import { ALL_PROFILES, defineRule } from "../rule.js";

export default defineRule({
  meta: {
    id: "FT065",
    severity: "warning",
    title: "Both requirements.txt and pyproject.toml present",
    fixable: "none",
    profiles: ALL_PROFILES,
    guideline: "docs: managing project dependencies (pyproject.toml takes precedence)",
  },
  check(ctx) {
    const p = ctx.project;
    if (p.requirements && p.pyproject?.dependencies)
      ctx.report({ file: p.requirements.file, start: 0, end: 0, message: "pyproject.toml declares dependencies, so requirements.txt is ignored; keep one of them" });
  },
});
