import { ResourceTemplate, type McpServer } from "@modelcontextprotocol/sdk/server/mcp.js";
import { existsSync, readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { RESOURCES_DIR } from "../paths.js";

const DIR = join(RESOURCES_DIR, "lint-rules");

interface DocEntry {
  id: string;
  title: string;
  severity: string;
  fix: string;
  profiles: string;
}

let index: DocEntry[] | undefined;

/**
 * The docs are the index: reading them (once, on first use) instead of importing the rule
 * modules keeps server start-up free of the lint engine.
 */
function docs(): DocEntry[] {
  index ??= readdirSync(DIR)
    .filter((f) => /^FT[0-9A-F]{3}\.md$/.test(f))
    .sort()
    .map((f) => {
      const text = readFileSync(join(DIR, f), "utf8");
      const cell = (name: string) => new RegExp(`^\\| ${name} \\| (.*) \\|$`, "m").exec(text)?.[1] ?? "";
      return { id: f.slice(0, -3), title: /^# FT[0-9A-F]{3}: (.*)$/m.exec(text)?.[1] ?? "", severity: cell("Severity"), fix: cell("Fix").split(":")[0], profiles: cell("Profiles") };
    });
  return index;
}

function ruleDoc(id: string): string | undefined {
  const key = id.toUpperCase();
  if (!/^FT[0-9A-F]{3}$/.test(key) || !docs().some((d) => d.id === key)) return undefined;
  const file = join(DIR, `${key}.md`);
  return existsSync(file) ? readFileSync(file, "utf8") : undefined;
}

/** One resource per lint rule doc (a template with id completion) and an index of all rules. */
export function registerLintResources(server: McpServer): void {
  server.registerResource(
    "lint-rules",
    "connector-sdk://lint-rules",
    { title: "Lint rules", description: "Every lint_connector rule: id, severity, title, whether it has a safe fix.", mimeType: "text/markdown" },
    async (uri) => ({
      contents: [
        {
          uri: uri.href,
          mimeType: "text/markdown",
          text: ["# lint_connector rules", "", "| id | severity | title | fix | profiles |", "|---|---|---|---|---|", ...docs().map((d) => `| [${d.id}](connector-sdk://lint-rules/${d.id}) | ${d.severity} | ${d.title} | ${d.fix} | ${d.profiles} |`)].join("\n"),
        },
      ],
    }),
  );
  server.registerResource(
    "lint-rule",
    new ResourceTemplate("connector-sdk://lint-rules/{id}", {
      list: async () => ({ resources: docs().map((d) => ({ uri: `connector-sdk://lint-rules/${d.id}`, name: d.id, title: `${d.id}: ${d.title}`, mimeType: "text/markdown" })) }),
      complete: { id: (value) => docs().map((d) => d.id).filter((id) => id.startsWith(value.toUpperCase())) },
    }),
    { title: "Lint rule", description: "Why a lint_connector rule exists, a bad example and the fix.", mimeType: "text/markdown" },
    async (uri, { id }) => {
      const key = String(Array.isArray(id) ? id[0] : id);
      const text = ruleDoc(key);
      if (!text) throw new Error(`Unknown lint rule '${key}'. Read connector-sdk://lint-rules for the list.`);
      return { contents: [{ uri: uri.href, mimeType: "text/markdown", text }] };
    },
  );
}
