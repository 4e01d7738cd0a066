import type { Project } from "./project.js";
import type { Requirement } from "./requirements.js";
import type { ReportEdit, RuleContext } from "./rule.js";

/** All declared requirements, from pyproject.toml when it has dependencies (it takes precedence), else requirements.txt. */
export function declared(p: Project): { file: string; reqs: Requirement[] } | undefined {
  if (p.pyproject?.dependencies) return { file: p.pyproject.file, reqs: p.pyproject.dependencies };
  if (p.requirements) return { file: p.requirements.file, reqs: p.requirements.requirements };
  return undefined;
}

/** An edit that removes a requirement: its whole line in requirements.txt, or the array element in pyproject. */
export function removeRequirement(p: Project, file: string, r: Requirement): ReportEdit {
  const text = p.texts.get(file)!.text;
  if (file === "requirements.txt") {
    const end = text[r.end] === "\r" ? r.end + 2 : r.end + 1;
    return { file, start: r.start, end: Math.min(end, text.length), newText: "" };
  }
  let end = r.end;
  const after = /^\s*,/.exec(text.slice(end));
  if (after) end += after[0].length;
  return { file, start: r.start, end, newText: "" };
}

/** Reports each requirements.txt line that declares `name` (a package the runtime pre-installs), with its removal as the fix. */
export function reportPreinstalled(ctx: RuleContext, name: string, message: string): void {
  const d = declared(ctx.project);
  for (const r of d?.reqs ?? []) {
    if (r.normalized !== name) continue;
    ctx.report({ file: d!.file, start: r.start, end: r.end, message, fix: { description: "remove the requirement", edits: [removeRequirement(ctx.project, d!.file, r)] } });
  }
}
