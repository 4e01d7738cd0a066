import { planDeploy, PYTHON_VERSIONS, runDeploy } from "../deploy/index.js";
import { Workspace } from "../workspace/workspace.js";
import { choiceOption, EXIT_FAILED, EXIT_OK, folderArg, runCommand, flag, str, type CliIO } from "./io.js";

export const usage = `fivetran-connector-mcp deploy [DIR] --destination NAME --connection NAME [options]

Runs the pre-deploy checks, then the real \`fivetran deploy\` of fivetran-connector-sdk. The API key is read
from FIVETRAN_API_KEY only. Without --yes it prints the plan and deploys nothing.
  --destination NAME     destination (group) name (default FIVETRAN_DESTINATION_NAME)
  --connection NAME      connection name, [a-z0-9_] (default FIVETRAN_CONNECTION_NAME)
  --python-version V     runtime Python in Fivetran: ${PYTHON_VERSIONS.join(", ")}
  --python PATH          local Python whose fivetran command is used
  --allow-update         overwrite an existing connection
  --yes                  consent: actually deploy
  --json                 print JSON`;

export function run(argv: string[], io: CliIO): Promise<number> {
  return runCommand(argv, io, { destination: str, connection: str, "python-version": str, python: str, "allow-update": flag, yes: flag, json: flag }, async (values, positionals, json) => {
    const pv = values["python-version"] === undefined ? undefined : choiceOption(values["python-version"], "--python-version", PYTHON_VERSIONS);
    const dir = await new Workspace().projectDir(folderArg(positionals, "deploy"));
    const opts = {
      projectDir: dir,
      destination: values.destination,
      connection: values.connection,
      pythonVersion: pv,
      python: values.python,
      allowUpdate: values["allow-update"],
      onLine: (l: string) => {
        if (!json) io.err(l);
      },
    };
    const plan = await planDeploy(opts);
    for (const c of plan.checks) io.err(`${c.severity}: [${c.rule}] ${c.file ? `${c.file}${c.line ? `:${c.line}` : ""}: ` : ""}${c.message}\n  fix: ${c.hint ?? ""}`);
    if (plan.blocking.length) {
      io.err(`deploy refused: ${plan.blocking.length} blocking check(s)`);
      return EXIT_FAILED;
    }
    if (!values.yes) {
      io.out(`would deploy ${dir} as connection '${plan.connection}' in destination '${plan.destination}'; run again with --yes to deploy`);
      return EXIT_OK;
    }
    const r = await runDeploy(plan, opts);
    if (json) io.out(JSON.stringify(r, null, 2));
    else io.out(`${r.outcome}${r.connectionId ? `: connection id ${r.connectionId}` : ""}${r.dashboardUrl ? `\n${r.dashboardUrl}` : ""}${r.errors.length ? `\n${r.errors.join("\n")}` : ""}`);
    return r.outcome === "created" || r.outcome === "updated" ? EXIT_OK : EXIT_FAILED;
  });
}
