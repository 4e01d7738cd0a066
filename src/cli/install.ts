import { installRequirements } from "../deps/install.js";
import { Workspace } from "../workspace/workspace.js";
import { EXIT_OK, folderArg, numberOption, runCommand, flag, str, strOr, type CliIO } from "./io.js";

export const usage = `fivetran-connector-mcp install [DIR] [options]

Creates DIR/.venv (default DIR: the current folder) and installs requirements.txt into it with pip.
  --python PATH        Python 3.10-3.14 that creates the venv (default FIVETRAN_CONNECTOR_PYTHON, else python3)
  --upgrade            upgrade installed packages to the newest allowed versions
  --recreate           delete .venv first (one this tool built; any other is moved aside)
  --with-sdk           also install fivetran-connector-sdk into .venv (not into requirements.txt)
  --timeout S          give up on pip after S seconds (default 600)
  --json               print the result as JSON`;

export function run(argv: string[], io: CliIO): Promise<number> {
  return runCommand(argv, io, { python: str, upgrade: flag, recreate: flag, "with-sdk": flag, timeout: strOr("600"), json: flag }, async (values, positionals, json) => {
    const folder = folderArg(positionals, "install");
    const timeoutSeconds = numberOption(values.timeout, "--timeout", { min: 10 })!;
    const dir = await new Workspace().projectDir(folder);
    const r = await installRequirements({
      projectDir: dir,
      python: values.python,
      upgrade: values.upgrade,
      recreate: values.recreate,
      includeSdk: values["with-sdk"],
      timeoutSeconds,
      onProgress: (_s, m) => {
        if (!json) io.err(`  ${m}`);
      },
    });
    if (json) io.out(JSON.stringify(r, null, 2));
    else {
      if (r.movedAside) io.out(`moved the existing .venv, not built by this tool, aside to ${r.movedAside} (not run)`);
      io.out(`${r.created ? "created" : "reused"} ${r.venv} (Python ${r.pythonVersion})`);
      io.out(r.installed.length ? `installed: ${r.installed.map((p) => `${p.name}==${p.version}`).join(", ")}` : "nothing new to install");
      for (const i of r.issues) io.out(`requirements.txt:${i.line}: ${i.severity}: ${i.message}\n  fix: ${i.hint}`);
    }
    return EXIT_OK;
  });
}
