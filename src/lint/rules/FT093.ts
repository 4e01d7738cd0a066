import { ALL_PROFILES, defineRule } from "../rule.js";

function globToRegex(g: string): RegExp {
  const body = g
    .replace(/^\//, "")
    .replace(/[.+^${}()|[\]\\]/g, "\\$&")
    .replace(/\*\*\/?/g, "§")
    .replace(/\*/g, "[^/]*")
    .replace(/\?/g, "[^/]")
    .replace(/§/g, "(.*/)?");
  return new RegExp(`^(.*/)?${body}/?$`);
}

export function ignoresConfiguration(gitignore: string): boolean {
  let ignored = false;
  for (const raw of gitignore.split(/\r?\n/)) {
    const line = raw.trim();
    if (!line || line.startsWith("#")) continue;
    const neg = line.startsWith("!");
    if (globToRegex(neg ? line.slice(1) : line).test("configuration.json")) ignored = !neg;
  }
  return ignored;
}

export default defineRule({
  meta: {
    id: "FT093",
    severity: "info",
    title: "configuration.json not git-ignored",
    fixable: "safe",
    profiles: ALL_PROFILES,
    guideline: "docs: project structure (add configuration.json to .gitignore)",
  },
  check(ctx) {
    const p = ctx.project;
    if (!p.config || (!p.hasGit && !p.gitignore)) return;
    const text = p.gitignore?.text ?? "";
    if (ignoresConfiguration(text)) return;
    const nl = text && !text.endsWith("\n") ? "\n" : "";
    ctx.report({
      file: p.gitignore ? ".gitignore" : p.config.file,
      start: 0,
      end: 0,
      message: "configuration.json is not in .gitignore; it holds credentials and must not be committed (since SDK 2.8.1 .gitignore also keeps it out of deploy packages)",
      fix: { description: "append configuration.json to .gitignore", edits: [{ file: ".gitignore", start: text.length, end: text.length, newText: `${nl}configuration.json\n` }] },
    });
  },
});
