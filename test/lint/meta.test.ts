import { existsSync, readdirSync, readFileSync, writeFileSync, mkdirSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { ALL_RULES } from "../../src/lint/rules/index.js";
import { CASES, type RuleCase } from "./cases.js";
import { connectorPy, DEFAULT_MAIN, DEFAULT_UPDATE, type Overlay } from "./template.js";

/**
 * Keeps rule ids, rule files, fixtures, docs and the README table in sync. With
 * UPDATE_LINT_DOCS=1 it writes the docs and the README section instead of checking them.
 */
const ROOT = join(import.meta.dirname, "..", "..");
const RULES_DIR = join(ROOT, "src", "lint", "rules");
const DOCS_DIR = join(ROOT, "resources", "lint-rules");
const UPDATE = process.env.UPDATE_LINT_DOCS === "1";

function part(o: Overlay, ref: Overlay): { lang: string; text: string } {
  const p = o.py ?? {};
  const r = ref.py ?? {};
  const files = o.files ?? {};
  const refFiles = Object.keys(ref.files ?? {});
  const name = refFiles[0] ?? Object.keys(files)[0];
  if (name) {
    const text = files[name] ?? (name === "connector.py" ? connectorPy(o.py) : "(file absent)\n");
    return { lang: name.endsWith(".py") ? "python" : name.endsWith(".json") ? "json" : "text", text: `# ${name}\n${text}` };
  }
  if (ref.config !== undefined || o.config !== undefined) return { lang: "json", text: o.config ?? '{\n  "api_key": "<YOUR_API_KEY>"\n}\n' };
  if (ref.requirements !== undefined || o.requirements !== undefined) return { lang: "text", text: `# requirements.txt\n${o.requirements || "(no third-party requirement)\n"}` };
  const out: string[] = [];
  if (r.imports !== undefined || p.imports !== undefined) out.push(p.imports ?? "");
  if (r.helpers !== undefined || p.helpers !== undefined) out.push(p.helpers ?? "");
  if (r.schema !== undefined || p.schema !== undefined) out.push(`def schema(configuration: dict):\n    return ${p.schema ?? '[{"table": "items", "primary_key": ["id"]}]'}\n`);
  if (r.update !== undefined || p.update !== undefined) out.push(`def update(configuration: dict, state: dict):\n${p.update ?? DEFAULT_UPDATE}\n`);
  if (r.tail !== undefined || p.tail !== undefined) out.push(`connector = Connector(update=update, schema=schema)${p.tail ?? ""}\n`);
  if (r.main !== undefined || p.main !== undefined) out.push(`${p.main || DEFAULT_MAIN}\n`);
  if (!out.length) out.push(`def update(configuration: dict, state: dict):\n${DEFAULT_UPDATE}\n`);
  return { lang: "python", text: out.filter((s) => s.trim()).join("\n") };
}

export function renderDoc(id: string, c: RuleCase): string {
  const m = ALL_RULES.find((r) => r.meta.id === id)!.meta;
  const bad = part(c.bad, c.bad);
  const good = part(c.good, c.bad);
  const fix = { safe: "yes: `fix: true` / `--fix` applies it", suggest: "suggested: shown with the finding, applied only by a person", none: "none: the right change is a design choice" }[m.fixable];
  const gates = [m.minSdk && `target SDK ${m.minSdk} or newer`, m.maxSdk && `target SDK older than ${m.maxSdk}`].filter(Boolean).join(", ");
  return `# ${id}: ${m.title}

| | |
|---|---|
| Severity | ${m.severity} |
| Fix | ${fix} |
| Profiles | ${m.profiles.join(", ")} |
${gates ? `| Applies to | ${gates} |\n` : ""}| Based on | ${m.guideline} |

## Why

${c.why}

## Bad

\`\`\`${bad.lang}
${bad.text.trimEnd()}
\`\`\`

## Fixed

\`\`\`${good.lang}
${good.text.trimEnd()}
\`\`\`

## Silence it

Add \`# ftlint: disable=${id}\` to the line, or to the \`def\` line of the enclosing function.
`;
}

function readmeSection(): string {
  const rows = ALL_RULES.map((r) => `| ${r.meta.id} | ${r.meta.severity} | ${r.meta.title.replace(/\|/g, "\\|")} | ${r.meta.fixable} |`);
  return `## Lint rules

\`lint_connector\` (and \`fivetran-connector-mcp lint <dir>\`) checks a connector folder with ${ALL_RULES.length} rules of its own,
Ruff's generic Python checks (reported under Ruff's codes) and python3's \`compile()\` for syntax. Profiles: \`guidelines\`
(default, follows the seed guidelines), \`sdk\` (what the SDK accepts) and \`fivetran-examples\` (adds the FT12x conventions).
\`target_sdk\` / \`--target-sdk\` switches version-dependent rules. Each rule's doc is the MCP resource
\`connector-sdk://lint-rules/<id>\` (files in \`resources/lint-rules/\`). \`--format text|json|sarif\`; exit code 1 on errors.
Fix column: \`safe\` fixes are applied by \`fix: true\` / \`--fix\`; \`suggest\` fixes are shown only.
Silence one finding with \`# ftlint: disable=FT071\` on its line or on the enclosing \`def\`; set \`profile\`, \`target_sdk\`
and \`disable = [...]\` for a project in \`.ftlint.toml\` or \`[tool.ftlint]\` of \`pyproject.toml\`.

Checked against the installed fivetran-connector-sdk 3.0.0 (where it differs from the reference notes, the SDK wins):
a schema entry without \`table\` raises \`ValueError\` (not the 2.12 \`TypeError\`), unknown schema keys are still ignored
silently (FT030), \`primary_key\` is still iterated (FT035), \`Logging.LOG_LEVEL\` is still \`None\` at import (FT047),
\`Operations\` has upsert, update, delete, truncate, checkpoint, error and warning (FT024), and configuration values must be
strings when debugging locally (null is accepted only when deploying; a list only for the proxy-host key) (FT051/FT052).

<!-- generated by test/lint/meta.test.ts (UPDATE_LINT_DOCS=1); do not edit by hand -->
| id | severity | title | fix |
|---|---|---|---|
${rows.join("\n")}
`;
}

describe("rule catalogue meta-test", () => {
  const ids = ALL_RULES.map((r) => r.meta.id);
  it("ids are unique and match their files", () => {
    expect(new Set(ids).size).toBe(ids.length);
    const files = readdirSync(RULES_DIR).filter((f) => /^FT[0-9A-F]{3}\.ts$/.test(f)).map((f) => f.replace(/\.ts$/, "")).sort();
    expect(files).toEqual([...ids].sort());
    for (const r of ALL_RULES) {
      expect(r.meta.title.length).toBeGreaterThan(5);
      expect(r.meta.guideline.length).toBeGreaterThan(5);
      expect(r.meta.profiles.length).toBeGreaterThan(0);
    }
  });
  it("every rule has bad and fixed fixtures", () => {
    expect(Object.keys(CASES).sort()).toEqual([...ids].sort());
  });
  it("every rule has its doc", () => {
    if (UPDATE) {
      mkdirSync(DOCS_DIR, { recursive: true });
      for (const id of ids) writeFileSync(join(DOCS_DIR, `${id}.md`), renderDoc(id, CASES[id]));
    }
    for (const id of ids) {
      const file = join(DOCS_DIR, `${id}.md`);
      expect(existsSync(file), `${file} missing: run UPDATE_LINT_DOCS=1 npx vitest run test/lint/meta.test.ts`).toBe(true);
      expect(readFileSync(file, "utf8")).toBe(renderDoc(id, CASES[id]));
    }
    const extra = readdirSync(DOCS_DIR).filter((f) => !ids.includes(f.replace(/\.md$/, "")));
    expect(extra).toEqual([]);
  });
  it("the README's Lint rules section lists every rule", () => {
    const path = join(ROOT, "README.md");
    let readme = readFileSync(path, "utf8");
    const re = /## Lint rules\n[\s\S]*?(?=\n## |$)/;
    if (UPDATE) {
      readme = re.test(readme) ? readme.replace(re, readmeSection().trimEnd() + "\n") : `${readme.trimEnd()}\n\n${readmeSection()}`;
      writeFileSync(path, readme);
    }
    const m = re.exec(readme);
    expect(m, "README has no '## Lint rules' section").not.toBeNull();
    expect(m![0].trimEnd()).toBe(readmeSection().trimEnd());
  });
});
