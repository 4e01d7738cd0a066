import { z } from "zod";
import { jsonObjectInput } from "../src/mcp/json-object.js";
import { SYNC_ERROR_KINDS } from "../src/errors.js";
import { openProject, projectDirInput } from "../src/mcp/project.js";
import { defineTool } from "../src/mcp/tool.js";
import { errorWhereFields } from "../src/runner/run-result.js";
import { described } from "../src/schema-fields.js";
import { runSetupTests, setupTestsData, summarizeSetupTests } from "../src/runner/setup-tests.js";

/** A test of the form, as the form lists it and as its result names it. */
const testFields = described(z.string(), { name: "Test function name.", label: "Label of the test." });

export const runSetupTestsTool = defineTool({
  name: "run_setup_tests",
  title: "Run setup-form tests (fivetran configuration --test)",
  description:
    "Runs the setup tests of the connector's configuration_form() against configuration.json, like `fivetran " +
    "configuration --test` of SDK 3.0: in order, stopping at the first Test.failure(). Returns the form's fields, " +
    "each test's result and, if a test raised or the form is invalid, the error with file:line; configuration " +
    "secrets masked. Next: run_debug.",
  input: {
    project_dir: projectDirInput,
    configuration: jsonObjectInput().optional().describe("Used instead of configuration.json (string values)."),
    python: z.string().optional().describe("Python to run it with; default: FIVETRAN_CONNECTOR_PYTHON, the folder's .venv, then python3."),
    timeout_seconds: z.coerce.number().int().min(1).max(3_600).default(120).describe("Stop the tests after this many seconds (status timeout)."),
  },
  output: {
    status: z
      .enum(["passed", "failed", "no_form", "no_tests", "timeout", "cancelled"])
      .describe("passed: every test passed. failed: a test failed or raised (later tests did not run). no_form: no configuration_form() in Connector(...). no_tests: the form registers no test."),
    exit_code: z.number().optional().describe("What `fivetran configuration --test` ends with: 0 all passed, 1 otherwise (n for sys.exit(n))."),
    message: z.string().optional().describe("The SDK's words for no_form and no_tests."),
    fields: z
      .array(
        z.object({
          name: z.string().describe("Configuration key."),
          label: z.string().describe("Label shown in the setup form."),
          kind: z.enum(["text", "password", "hidden", "dropdown", "toggle", "unknown"]).describe("Field kind."),
          required: z.boolean().describe("Whether the form requires a value."),
          description: z.string().optional().describe("Help text of the field."),
          options: z.array(z.string()).optional().describe("A dropdown's values."),
        }),
      )
      .describe("The form's fields, in order."),
    tests: z.array(z.object(testFields)).describe("Every test of the form, in order."),
    results: z
      .array(
        z.object({
          ...testFields,
          passed: z.boolean().describe("True for Test.success()."),
          failure: z.string().optional().describe("The message of Test.failure(message); secrets masked."),
        }),
      )
      .describe("The tests that ran, in order; the first failure is the last."),
    error: z
      .object({
        kind: z.enum(SYNC_ERROR_KINDS).describe("connector_exception (a test or configuration_form() raised), configuration, import, syntax, no_connector, exit, timeout."),
        ...errorWhereFields,
        hint: z.string().optional().describe("What to do next."),
      })
      .optional()
      .describe("Set when something went wrong beyond a test that returned Test.failure()."),
    warnings: z.array(z.string()).describe("Warnings, e.g. plain-text password values in configuration.json."),
    log_tail: z.array(z.string()).describe("The last log lines (log.*, print, stderr), secrets masked."),
    duration_ms: z.number().describe("Wall time in milliseconds."),
  },
  annotations: { readOnlyHint: true, destructiveHint: false, idempotentHint: true, openWorldHint: true },
  async handle(args, ctx) {
    const projectDir = (await openProject(ctx, args.project_dir)).root;
    const r = await runSetupTests({ projectDir, configuration: args.configuration, python: args.python, timeoutSeconds: args.timeout_seconds, signal: ctx.signal });
    return { summary: summarizeSetupTests(r), data: setupTestsData(r) };
  },
});
