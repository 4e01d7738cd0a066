import { ResourceTemplate, type McpServer } from "@modelcontextprotocol/sdk/server/mcp.js";
import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { RESOURCES_DIR } from "../paths.js";
import { ALL_RULES } from "../lint/rules/index.js";

const DIR = join(RESOURCES_DIR, "lint-rules");

function ruleDoc(id: string): string | undefined {
  const rule = ALL_RULES.find((r) => r.meta.id === id.toUpperCase());
  const file = join(DIR, `${id.toUpperCase()}.md`);
  if (!rule || !existsSync(file)) return undefined;
  return readFileSync(file, "utf8");
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
          text: ["# lint_connector rules", "", "| id | severity | title | fix | profiles |", "|---|---|---|---|---|", ...ALL_RULES.map((r) => `| [${r.meta.id}](connector-sdk://lint-rules/${r.meta.id}) | ${r.meta.severity} | ${r.meta.title} | ${r.meta.fixable} | ${r.meta.profiles.join(", ")} |`)].join("\n"),
        },
      ],
    }),
  );
  server.registerResource(
    "lint-rule",
    new ResourceTemplate("connector-sdk://lint-rules/{id}", {
      list: async () => ({ resources: ALL_RULES.map((r) => ({ uri: `connector-sdk://lint-rules/${r.meta.id}`, name: r.meta.id, title: `${r.meta.id}: ${r.meta.title}`, mimeType: "text/markdown" })) }),
      complete: { id: (value) => ALL_RULES.map((r) => r.meta.id).filter((id) => id.startsWith(value.toUpperCase())) },
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
