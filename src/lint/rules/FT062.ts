import { ALL_PROFILES, defineRule } from "../rule.js";
import { declared } from "../deps.js";

export default defineRule({
  meta: {
    id: "FT062",
    severity: "warning",
    title: "Requirement not pinned with ==",
    fixable: "none",
    profiles: ALL_PROFILES,
    guideline: "seed guidelines (explicit versions); Fivetran coding principles",
  },
  check(ctx) {
    const d = declared(ctx.project);
    for (const r of d?.reqs ?? []) {
      if (["fivetran-connector-sdk", "requests"].includes(r.normalized)) continue;
      if (r.url) {
        if (!r.vcsRef && /^[a-z]+\+/i.test(r.url))
          ctx.report({ file: d!.file, start: r.start, end: r.end, message: `${r.name} comes from a repository without a pinned @tag or @commit; builds are not reproducible` });
        continue;
      }
      if (!r.specifierValid) ctx.report({ file: d!.file, start: r.start, end: r.end, severity: "error", message: `'${r.specifier}' is not a valid PEP 440 version specifier; pip will refuse it` });
      else if (!r.pinned) ctx.report({ file: d!.file, start: r.start, end: r.end, message: `${r.name}${r.specifier} is not pinned; use ${r.name}==<version> so deploys are reproducible` });
    }
  },
});
