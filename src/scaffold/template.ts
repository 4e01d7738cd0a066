import { readFileSync } from "node:fs";
import { join } from "node:path";
import { ToolError } from "../errors.js";
import { RESOURCES_DIR } from "../paths.js";

/**
 * The smallest template language that keeps the pattern fragments valid-looking Python:
 * `{{NAME}}` values, and whole-line `#{{if expr}}` / `#{{else}}` / `#{{end}}` / `#{{include path}}`.
 * An expression is flags joined by `|` (or) and `&` (and), each optionally negated with `!`.
 */
export const PATTERNS_DIR = join(RESOURCES_DIR, "patterns");

const DIRECTIVE = /^\s*#\{\{(if|else|end|include)\s*([^}]*)\}\}\s*$/;

export function loadFragment(name: string): string {
  // Security: fragment names come from our own code, but keep them inside the patterns folder anyway.
  if (!/^[a-z_]+\/[a-z0-9_]+$/.test(name)) throw new ToolError("internal", `Bad fragment name ${name}.`);
  try {
    return readFileSync(join(PATTERNS_DIR, `${name}.py.tmpl`), "utf8");
  } catch {
    throw new ToolError("internal", `The pattern fragment ${name} is missing from the package.`, "Reinstall fivetran-connector-mcp.");
  }
}

export function evaluate(expr: string, flags: ReadonlySet<string>): boolean {
  return expr.split("|").some((alt) =>
    alt.split("&").every((term) => {
      const t = term.trim();
      return t.startsWith("!") ? !flags.has(t.slice(1)) : flags.has(t);
    }),
  );
}

export function renderTemplate(text: string, vars: Record<string, string>, flags: ReadonlySet<string>, depth = 0): string {
  if (depth > 4) throw new ToolError("internal", "Pattern includes nest too deeply.");
  const out: string[] = [];
  // Each frame: is this branch active, and has the if already taken a branch.
  const stack: { active: boolean; taken: boolean; parentActive: boolean }[] = [];
  const active = () => stack.every((f) => f.active);
  for (const line of text.split("\n")) {
    const m = DIRECTIVE.exec(line);
    if (!m) {
      if (active()) out.push(line);
      continue;
    }
    const [, kind, arg] = m;
    if (kind === "if") {
      const parentActive = active();
      const cond = evaluate(arg, flags);
      stack.push({ active: cond, taken: cond, parentActive });
    } else if (kind === "else") {
      const top = stack[stack.length - 1];
      if (!top) throw new ToolError("internal", "#{{else}} without #{{if}} in a pattern.");
      top.active = !top.taken;
      top.taken = true;
    } else if (kind === "end") {
      if (!stack.pop()) throw new ToolError("internal", "#{{end}} without #{{if}} in a pattern.");
    } else if (active()) {
      out.push(renderTemplate(loadFragment(arg.trim()), vars, flags, depth + 1).replace(/\n$/, ""));
    }
  }
  if (stack.length) throw new ToolError("internal", "Unclosed #{{if}} in a pattern.");
  return out.join("\n").replace(/\{\{([A-Z_]+)\}\}/g, (_, name: string) => {
    if (!(name in vars)) throw new ToolError("internal", `The pattern uses {{${name}}}, which the renderer does not set.`);
    return vars[name];
  });
}
