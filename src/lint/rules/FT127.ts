import { defineRule, EXAMPLES_ONLY } from "../rule.js";

export default defineRule({
  meta: { id: "FT127", severity: "info", title: "README follows the example template", fixable: "none", profiles: EXAMPLES_ONLY, guideline: "Fivetran README template" },
  check(ctx) {
    const r = ctx.project.readme;
    if (!r) {
      ctx.report({ file: "README.md", start: 0, end: 0, message: "add a README.md following Fivetran's example template" });
      return;
    }
    const h1 = [...r.text.matchAll(/^# .+$/gm)];
    if (h1.length !== 1 || !/Connector Example\s*$/.test(h1[0][0]))
      ctx.report({
        file: r.file,
        start: h1[0]?.index ?? 0,
        end: (h1[0]?.index ?? 0) + (h1[0]?.[0].length ?? 0),
        message: "the README needs exactly one H1 of the form '# <Source> Connector Example'",
      });
    for (const section of [
      "Connector overview",
      "Requirements",
      "Getting started",
      "Features",
      "Configuration file",
      "Requirements file",
      "Authentication",
      "Data handling",
      "Error handling",
      "Tables created",
      "Additional considerations",
    ]) {
      if (!new RegExp(`^##\\s+${section}`, "im").test(r.text)) ctx.report({ file: r.file, start: 0, end: 0, message: `the README has no '## ${section}' section` });
    }
  },
});
