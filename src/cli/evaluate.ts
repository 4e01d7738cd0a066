import { evaluateConnector } from "../evaluate/index.js";
import { renderMarkdown } from "../evaluate/markdown.js";
import { projectRedactor } from "../state/redaction.js";
import { Workspace } from "../workspace/workspace.js";
import { EXIT_FAILED, EXIT_OK, folderArg, numberOption, runCommand, flag, str, strOr, type CliIO } from "./io.js";

export const usage = `fivetran-connector-mcp evaluate [DIR] [options]

Production-readiness report for the connector in DIR (default: the current folder): lint, a clean run, a
resume run from the saved state, warehouse data checks, dependencies and memory. Resets the local warehouse
and state first (the state is backed up) and writes DIR/EVALUATION.md. Exit code 1 when anything blocks.
  --max-rows N     stop each run after N written rows
  --timeout S      time budget of the whole evaluation in seconds (default 300)
  --python PATH    Python interpreter (default FIVETRAN_CONNECTOR_PYTHON, DIR/.venv, python3)
  --no-markdown    do not write EVALUATION.md
  --json           print the report as JSON`;

export function run(argv: string[], io: CliIO): Promise<number> {
  return runCommand(argv, io, { "max-rows": str, timeout: strOr("300"), python: str, "no-markdown": flag, json: flag }, async (values, positionals, json) => {
    const folder = folderArg(positionals, "evaluate");
    const maxRows = numberOption(values["max-rows"], "--max-rows", { whole: true, min: 1 });
    const timeout = numberOption(values.timeout, "--timeout", { min: 1 })!;
    const dir = await new Workspace().projectDir(folder);
    const r = await evaluateConnector({
      projectDir: dir,
      maxRows,
      timeoutSeconds: timeout,
      python: values.python,
      writeMarkdown: !values["no-markdown"],
      onProgress: (step, total, m) => {
        if (!json) io.err(`[${step}/${total}] ${m}`);
      },
    });
    const redactor = projectRedactor(dir);
    io.out(json ? JSON.stringify(redactor.redactValue(r), null, 2) : redactor.redact(renderMarkdown(r)));
    return r.blocking.length ? EXIT_FAILED : EXIT_OK;
  });
}
