import { ResourceTemplate, type McpServer } from "@modelcontextprotocol/sdk/server/mcp.js";
import { ruleDoc, ruleDocs as docs } from "../lint/docs.js";

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
          text: [
            "# lint_connector rules",
            "",
            "| id | severity | title | fix | profiles |",
            "|---|---|---|---|---|",
            ...docs().map((d) => `| [${d.id}](connector-sdk://lint-rules/${d.id}) | ${d.severity} | ${d.title} | ${d.fix} | ${d.profiles} |`),
          ].join("\n"),
        },
      ],
    }),
  );
  server.registerResource(
    "lint-rule",
    new ResourceTemplate("connector-sdk://lint-rules/{id}", {
      list: async () => ({ resources: docs().map((d) => ({ uri: `connector-sdk://lint-rules/${d.id}`, name: d.id, title: `${d.id}: ${d.title}`, mimeType: "text/markdown" })) }),
      complete: {
        id: (value) =>
          docs()
            .map((d) => d.id)
            .filter((id) => id.startsWith(value.toUpperCase())),
      },
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
