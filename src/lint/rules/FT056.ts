import { ALL_PROFILES, defineRule } from "../rule.js";
import { configMembers } from "../config.js";
import { isSecretName, PLACEHOLDER } from "../helpers.js";

// Security: each pattern starts a match only where a token starts (a lookbehind) and bounds its scheme: a pattern
// that may start at every letter of a run rescans the rest of the run from each one, and one 300,000-character
// string literal kept the server's event loop busy for minutes.
export const SECRET_PATTERNS: [RegExp, string][] = [
  [/AKIA[0-9A-Z]{16}/, "an AWS access key id"],
  [/-----BEGIN [A-Z ]*PRIVATE KEY-----\s*[A-Za-z0-9+/=\s]{40,}/, "a private key"],
  [/(?<![A-Za-z0-9_-])eyJ[A-Za-z0-9_-]{8,}\.[A-Za-z0-9_-]{8,}\.[A-Za-z0-9_-]{8,}/, "a JWT"],
  [/(?<![a-z0-9+.-])[a-z][a-z0-9+.-]{0,31}:\/\/[^\s:/@<>]+:[^\s@/<>]{3,}@/i, "a URL with a password"],
];

export function entropy(s: string): number {
  const counts = new Map<string, number>();
  for (const ch of s) counts.set(ch, (counts.get(ch) ?? 0) + 1);
  let e = 0;
  for (const n of counts.values()) e -= (n / s.length) * Math.log2(n / s.length);
  return e;
}

export default defineRule({
  meta: {
    id: "FT056",
    severity: "warning",
    title: "Real-looking secret in configuration.json",
    fixable: "suggest",
    profiles: ALL_PROFILES,
    guideline: "configuration review rules (no real secrets); seed guidelines (security)",
  },
  check(ctx) {
    const c = ctx.project.config;
    for (const m of configMembers(ctx.project)) {
      if (m.value.kind !== "string") continue;
      const v = m.value.value;
      if (PLACEHOLDER.test(v.trim())) continue;
      let what = SECRET_PATTERNS.find(([re]) => re.test(v))?.[1];
      if (!what && isSecretName(m.key) && v.length >= 20 && entropy(v) > 3.5) what = "a high-entropy secret";
      if (!what && /^[\w.+-]+@(?!example\.)[\w-]+\.[\w.]+$/.test(v)) what = "a real e-mail address";
      if (!what) continue;
      ctx.report({
        file: c!.file,
        start: m.value.start,
        end: m.value.end,
        message: `"${m.key}" holds what looks like ${what}; commit placeholders only and rotate the secret if it was shared`,
        fix: { description: "replace with a placeholder", safe: false, edits: [{ start: m.value.start, end: m.value.end, newText: JSON.stringify(`<YOUR_${m.key.toUpperCase()}>`) }] },
      });
    }
  },
});
