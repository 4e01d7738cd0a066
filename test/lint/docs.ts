import { mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { ALL_RULES } from "../../src/lint/rules/index.js";
import { CASES, type RuleCase } from "./cases.js";
import { connectorPy, DEFAULT_MAIN, DEFAULT_UPDATE, type Overlay } from "./template.js";

/**
 * The shipped lint-rule docs (resources/lint-rules/<id>.md) and the README's "Lint rules" section, rendered from
 * the rules' meta and their bad/fixed cases. scripts/lint-docs.mjs (npm run docs:lint) writes them;
 * test/lint/meta.test.ts checks that what is in the tree is what this renders.
 */
export const ROOT = join(import.meta.dirname, "..", "..");
export const DOCS_DIR = join(ROOT, "resources", "lint-rules");
export const README = join(ROOT, "README.md");
export const README_SECTION = /## Lint rules\n[\s\S]*?(?=\n## |$)/;

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
  if (o.config === null) return { lang: "text", text: "# configuration.json\n(file absent)\n" };
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

export function readmeSection(): string {
  const rows = ALL_RULES.map((r) => `| ${r.meta.id} | ${r.meta.severity} | ${r.meta.title.replace(/\|/g, "\\|")} | ${r.meta.fixable} |`);
  return `## Lint rules

\`lint_connector\` (and \`fivetran-connector-mcp lint <dir>\`) checks a connector folder with ${ALL_RULES.length} rules of its own,
Ruff's generic Python checks (reported under Ruff's codes) and python3's \`compile()\` for syntax. Profiles say what they
enforce: \`guidelines\` (default) is this server's own teaching, which asks \`schema()\` for table names and primary keys
only and lets Fivetran infer types (FT032 notes declared columns, as info); Fivetran's coding principles ask for
declared types instead, so \`fivetran-examples\` (the conventions of Fivetran's official examples, FT12x) does not run
FT032; \`sdk\` keeps to what the SDK itself accepts or rejects. When a module does not parse, lint reports the syntax
error and only the findings that stand on intact code (file-local rules in the other files); flow rules would
otherwise report functions "missing" that are only unparsed. Precision on Fivetran's public connectors, and how it was
measured: \`docs/lint-precision.md\`. Lint reads Python modules of up to 256 KiB each and 1 MiB per folder; a larger one
is refused (\`invalid_argument\`, naming the file) rather than parsed.
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

<!-- generated by scripts/lint-docs.mjs (npm run docs:lint); do not edit by hand -->
| id | severity | title | fix |
|---|---|---|---|
${rows.join("\n")}
`;
}

/** Writes every rule's doc and the README section; returns the files written. */
export function writeLintDocs(): string[] {
  mkdirSync(DOCS_DIR, { recursive: true });
  const written: string[] = [];
  for (const r of ALL_RULES) {
    const file = join(DOCS_DIR, `${r.meta.id}.md`);
    writeFileSync(file, renderDoc(r.meta.id, CASES[r.meta.id]));
    written.push(file);
  }
  const readme = readFileSync(README, "utf8");
  writeFileSync(README, README_SECTION.test(readme) ? readme.replace(README_SECTION, readmeSection().trimEnd() + "\n") : `${readme.trimEnd()}\n\n${readmeSection()}`);
  written.push(README);
  return written;
}
