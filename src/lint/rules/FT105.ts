import { ALL_PROFILES, defineRule } from "../rule.js";
import { opCalls } from "../helpers.js";

export default defineRule({
  meta: { id: "FT105", severity: "info", title: "pandas NaN passed to upsert", fixable: "suggest", profiles: ALL_PROFILES, guideline: "Fivetran pandas DataFrame example (convert NaN to None)" },
  check(ctx) {
    for (const { mod, call, method } of opCalls(ctx.project)) {
      if (method !== "upsert") continue;
      const fn = mod.functionOf(call);
      const text = fn ? mod.t(fn.node) : "";
      if (!/\.(iterrows|itertuples|to_dict)\(/.test(text)) continue;
      if (/\.where\(\s*(pd\.)?notnull|\.fillna\(|replace\(\s*\{\s*(np|numpy)\.nan|\.replace\(\s*(np|numpy)\.nan|astype\(\s*object\s*\)\.where/.test(mod.source)) continue;
      ctx.report({
        file: mod.file,
        start: call.start,
        end: call.end,
        message: "rows come from a DataFrame without NaN handling; NaN turns columns into FLOAT or unexpected values. Convert first: df = df.astype(object).where(pd.notnull(df), None)",
      });
    }
  },
});
