import { readFile } from "node:fs/promises";
import { resolve } from "node:path";
import { ToolError } from "../errors.js";
import { runSetupTests, setupTestsData, summarizeSetupTests } from "../runner/setup-tests.js";
import { Workspace } from "../workspace/workspace.js";
import { EXIT_FAILED, EXIT_OK, folderArg, numberOption, UsageError, runCommand, flag, str, type CliIO } from "./io.js";

export const usage = `fivetran-connector-mcp configuration --test [DIR] [options]

Runs the setup tests of the connector's configuration_form() in DIR against DIR/configuration.json, like
\`fivetran configuration --test\` of SDK 3.0: each test returns Test.success() or Test.failure(message), and the
run stops at the first failure. (Collecting a configuration interactively is left to the SDK's own command.)
  --test                 required: run the setup tests
  --configuration FILE   configuration JSON to test instead of DIR/configuration.json
  --python P             Python interpreter (default: FIVETRAN_CONNECTOR_PYTHON, DIR/.venv, python3)
  --timeout S            stop after S seconds (default 120)
  --json                 print one JSON object (the run_setup_tests result) on stdout
Exit code: 0 every test passed, 1 a test failed or the form has none, 2 bad usage.`;

export function run(argv: string[], io: CliIO): Promise<number> {
  return runCommand(argv, io, { test: flag, configuration: str, python: str, timeout: str, json: flag }, async (values, positionals, json) => {
    if (!values.test) throw new UsageError("configuration needs --test: only the setup tests run here");
    const folder = folderArg(positionals, "configuration");
    const timeout = numberOption(values.timeout, "--timeout", { above: 0 });
    const projectDir = await new Workspace().projectDir(folder);
    let configuration: Record<string, unknown> | undefined;
    if (values.configuration) {
      const path = resolve(values.configuration);
      let parsed: unknown;
      try {
        parsed = JSON.parse(await readFile(path, "utf8"));
      } catch (e) {
        throw new ToolError("configuration", `Cannot read ${values.configuration} as JSON: ${(e as Error).message}`, "Pass a file holding one JSON object.", values.configuration);
      }
      if (!parsed || typeof parsed !== "object" || Array.isArray(parsed)) {
        throw new ToolError("configuration", `${values.configuration} must hold one JSON object.`, "Pass a file holding one JSON object.", values.configuration);
      }
      configuration = parsed as Record<string, unknown>;
    }
    const r = await runSetupTests({ projectDir, configuration, python: values.python, timeoutSeconds: timeout });
    if (json) {
      io.out(JSON.stringify(setupTestsData(r)));
    } else {
      io.out(summarizeSetupTests(r));
      if (r.error?.hint) io.out(`hint: ${r.error.hint}`);
    }
    return r.status === "passed" ? EXIT_OK : EXIT_FAILED;
  });
}
