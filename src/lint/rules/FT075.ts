import { ALL_PROFILES, defineRule } from "../rule.js";
import { isHttpCall } from "../helpers.js";

export default defineRule({
  meta: {
    id: "FT075",
    severity: "warning",
    title: "HTTP calls with no retry/backoff or 429 handling",
    fixable: "none",
    profiles: ALL_PROFILES,
    guideline: "seed guidelines (rate limits, retries); Fivetran coding principles; PR review rules",
  },
  check(ctx) {
    const p = ctx.project;
    const http = p.modules.flatMap((m) => m.calls.filter((c) => isHttpCall(m, c)).map((c) => ({ m, c })));
    if (http.length === 0) return;
    const all = p.modules.map((m) => m.source).join("\n");
    if (/\b429\b|Retry-After|HTTPAdapter|max_retries|urllib3\.util\.retry|\bRetry\(|tenacity|backoff|TOO_MANY_REQUESTS|too_many_requests/i.test(all)) return;
    if (/for\s+\w+\s+in\s+range\([^)]*\)\s*:[\s\S]{0,800}?sleep\(/.test(all) || /while[^\n]*:[\s\S]{0,800}?(retr|attempt)[\s\S]{0,400}?sleep\(/i.test(all)) return;
    const { m, c } = http[0];
    ctx.report({
      file: m.file,
      start: c.start,
      end: c.end,
      message:
        "the connector makes HTTP calls but never retries: no backoff, no handling of 429 / Retry-After. Wrap requests in a retry helper with a capped number of attempts and exponential backoff",
    });
  },
});
