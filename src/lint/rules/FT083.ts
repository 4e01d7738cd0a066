import { ALL_PROFILES, defineRule } from "../rule.js";
import { field } from "../python.js";

const PAGED: { attr: RegExp; keys: RegExp; label: string; needs?: RegExp }[] = [
  { attr: /^list_objects(_v2)?$/, keys: /ContinuationToken|NextContinuationToken|get_paginator|Marker/, label: "S3 list_objects_v2 returns at most 1000 keys" },
  { attr: /^get_query_results$/, keys: /NextToken|get_paginator/, label: "Athena get_query_results returns one page" },
  { attr: /^(scan|query)$/, keys: /LastEvaluatedKey|ExclusiveStartKey|get_paginator/, label: "DynamoDB scan/query returns at most 1 MB", needs: /dynamodb/i },
];

function followsNextLink(mods: readonly { source: string }[]): boolean {
  return mods.some((m) => /@odata\.nextLink|nextLink/.test(m.source));
}

export default defineRule({
  meta: {
    id: "FT083",
    severity: "warning",
    title: "Paginated vendor API called once",
    fixable: "none",
    profiles: ALL_PROFILES,
    guideline: "PR review rules; evaluation checklist (missing pagination)",
  },
  check(ctx) {
    for (const mod of ctx.project.modules) {
      for (const f of mod.functions) {
        const text = mod.t(f.node);
        for (const call of f.callNodes) {
          const fn = field(call, "function");
          if (fn?.type !== "attribute") continue;
          const attr = mod.t(field(fn, "attribute"));
          const rule = PAGED.find((r) => r.attr.test(attr) && (!r.needs || r.needs.test(mod.source)));
          // MaxKeys=1 and the like: a probe that wants one key, not the listing.
          const maxKeys = mod.args(call).keywords.get("MaxKeys");
          if (maxKeys?.type === "integer" && Number(mod.t(maxKeys)) <= 1000) continue;
          if (rule && !rule.keys.test(text))
            ctx.report({
              file: mod.file,
              start: call.start,
              end: call.end,
              message: `${rule.label}; the continuation token is never used, so data is silently truncated. Loop on the token or use get_paginator()`,
            });
        }
        // nextLink followed anywhere in the project (a shared pager) covers every function; a function that only
        // asks for a token (scope https://graph.microsoft.com/.default) reads no pages.
        if (/graph\.microsoft\.com|\$odata|\/odata\//i.test(text) && !followsNextLink(ctx.project.modules) && !/token/i.test(f.name) && f.callNodes.length) {
          ctx.report({ file: mod.file, start: f.node.start, end: field(f.node, "body")!.start, message: "OData / Microsoft Graph responses are paged; follow @odata.nextLink" });
        }
        if (/services\/data\/v[\d.]+\/query/.test(text) && !/nextRecordsUrl|query_all/.test(text)) {
          ctx.report({ file: mod.file, start: f.node.start, end: field(f.node, "body")!.start, message: "Salesforce query results are paged; follow nextRecordsUrl" });
        }
      }
    }
  },
});
