// ESLint 9 flat config: typescript-eslint's type-aware rules, plus the project's layering as import rules.
// `npm test` runs `npm run lint` first, so a lint or layering error fails the suite.
import js from "@eslint/js";
import tseslint from "typescript-eslint";

const SDK = {
  group: ["@modelcontextprotocol/sdk", "@modelcontextprotocol/sdk/*"],
  message: "Only src/mcp/ (and the composition root src/server.ts, src/cli/serve.ts) may touch the MCP SDK; handlers get a ToolContext.",
};
const TOOLS = { group: ["**/tools/*", "**/tools/**"], message: "Engines under src/ never import tools/; shared code belongs under src/." };
const RUNNER = { group: ["**/runner/*", "**/runner/**"], message: "src/warehouse and src/state sit below the runner and must not import it (the channel types are in src/protocol.ts)." };
const OTHER_TOOL = { group: ["./*"], message: "A tool never imports another tool: shared code goes under src/ (e.g. src/runner/run-result.ts)." };

export default tseslint.config(
  {
    ignores: ["dist/**", "node_modules/**", "coverage/**", ".cache/**", "**/fixtures/**", "resources/**", "src/runner/harness/**", "test/fidelity/connectors/**", "test/fidelity/file-uploads/**"],
  },
  js.configs.recommended,
  ...tseslint.configs.recommendedTypeChecked,
  {
    languageOptions: {
      parserOptions: { project: "./tsconfig.check.json", tsconfigRootDir: import.meta.dirname },
    },
    linterOptions: { reportUnusedDisableDirectives: "error" },
    rules: {
      // `_`-prefixed names are how this codebase says "deliberately unused" (destructuring a field away).
      "@typescript-eslint/no-unused-vars": ["error", { argsIgnorePattern: "^_", varsIgnorePattern: "^_", destructuredArrayIgnorePattern: "^_", caughtErrors: "none" }],
      "@typescript-eslint/no-floating-promises": "error",
      "@typescript-eslint/no-explicit-any": "error",
      // Off: tool handlers, resource callbacks and engine entry points implement async interfaces; `async` keeps a
      // throw a rejection (the glue turns rejections into isError results), with or without an await inside.
      "@typescript-eslint/require-await": "off",
      // `as never` hides a type mismatch at a seam instead of fixing it.
      "no-restricted-syntax": ["error", { selector: "TSAsExpression > TSNeverKeyword", message: "No `as never`: fix the types at the seam." }],
    },
  },
  {
    // Plain JavaScript (this file, scripts): no type information to lint with.
    files: ["**/*.js", "**/*.mjs", "**/*.cjs"],
    ...tseslint.configs.disableTypeChecked,
    languageOptions: {
      parserOptions: { project: false, projectService: false },
      globals: Object.fromEntries(
        ["process", "console", "Buffer", "URL", "setTimeout", "clearTimeout", "setInterval", "clearInterval", "performance", "AbortController", "fetch"].map((g) => [g, "readonly"]),
      ),
    },
  },
  {
    // Tests read JSON that a CLI or a tool printed (JSON.parse gives any) and assert its shape field by field:
    // the assertions are the type check there. Everywhere else an any must not spread.
    files: ["test/**/*.ts"],
    rules: {
      "@typescript-eslint/no-unsafe-assignment": "off",
      "@typescript-eslint/no-unsafe-member-access": "off",
      "@typescript-eslint/no-unsafe-call": "off",
      "@typescript-eslint/no-unsafe-argument": "off",
      "@typescript-eslint/no-unsafe-return": "off",
    },
  },
  {
    // stdout of the server is the MCP channel: console.log/info/debug write there. console.error/warn go to stderr.
    files: ["src/**/*.ts", "tools/**/*.ts"],
    rules: { "no-console": ["error", { allow: ["error", "warn"] }] },
  },
  {
    files: ["src/**/*.ts"],
    ignores: ["src/mcp/**", "src/server.ts", "src/cli/serve.ts"],
    rules: { "@typescript-eslint/no-restricted-imports": ["error", { patterns: [SDK, TOOLS] }] },
  },
  {
    // The MCP edge and the composition root: they may use the SDK, and only server.ts may list the tools.
    files: ["src/mcp/**/*.ts", "src/cli/serve.ts"],
    rules: { "@typescript-eslint/no-restricted-imports": ["error", { patterns: [TOOLS] }] },
  },
  {
    files: ["src/warehouse/**/*.ts", "src/state/**/*.ts"],
    rules: { "@typescript-eslint/no-restricted-imports": ["error", { patterns: [SDK, TOOLS, RUNNER] }] },
  },
  {
    files: ["tools/**/*.ts"],
    ignores: ["tools/index.ts"],
    rules: { "@typescript-eslint/no-restricted-imports": ["error", { patterns: [SDK, OTHER_TOOL] }] },
  },
);
