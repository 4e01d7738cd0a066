// Writes the shipped lint-rule docs (resources/lint-rules/<id>.md) and the README's "Lint rules" table from the
// rules' meta and their cases (test/lint/docs.ts renders them; test/lint/meta.test.ts checks the result).
// Usage: npm run docs:lint
import { relative } from "node:path";
import { fileURLToPath } from "node:url";
import { createServer } from "vite";

const root = fileURLToPath(new URL("..", import.meta.url));
// Vite loads the TypeScript renderer (and the rules it imports) without a build step.
const server = await createServer({ root, configFile: false, logLevel: "error", server: { middlewareMode: true, hmr: false, watch: null }, appType: "custom", optimizeDeps: { noDiscovery: true } });
try {
  const { writeLintDocs } = await server.ssrLoadModule("/test/lint/docs.ts");
  const written = writeLintDocs();
  process.stdout.write(`wrote ${written.length} files (${written.map((f) => relative(root, f)).slice(-1)[0]} and ${written.length - 1} rule docs)\n`);
} finally {
  await server.close();
}
