import { crashAndResume } from "../proof/index.js";
import { crashSummary } from "../proof/summaries.js";
import { Workspace } from "../workspace/workspace.js";
import { EXIT_FAILED, EXIT_OK, folderArg, numberOption, runCommand, flag, str, strList, type CliIO } from "./io.js";

export const usage = `fivetran-connector-mcp crash-resume <DIR> [options]

Kills a sync of the connector in DIR right after each checkpoint, resumes it from the saved state and compares the
final warehouse with an uninterrupted run: no lost rows, no duplicates, cursors never going back, and a second clean
run writes nothing new. Runs in scratch copies: DIR's warehouse and state are not touched.
  --replay NAME            serve every run from DIR/files/recordings/NAME/ (default: the live API)
  --checkpoint N           crash after checkpoint N only (repeatable; default: every checkpoint, up to 20)
  --random-operations K    also crash at K operations picked at random
  --seed S                 seed for --random-operations (default 1)
  --python P               Python interpreter
  --timeout S              stop each run after S seconds (default 300)
  --json                   print the report as one JSON object
Exit code: 0 passed, 1 failed, 2 bad usage.`;

export function run(argv: string[], io: CliIO): Promise<number> {
  return runCommand(argv, io, { replay: str, checkpoint: strList, "random-operations": str, seed: str, python: str, timeout: str, json: flag }, async (values, positionals, json) => {
    const folder = folderArg(positionals, "crash-resume");
    const checkpoints = values.checkpoint?.map((c) => numberOption(c, "--checkpoint", { whole: true, min: 1 })!);
    const projectDir = await new Workspace().projectDir(folder);
    const r = await crashAndResume({
      projectDir,
      replay: values.replay,
      checkpoints,
      randomOperations: numberOption(values["random-operations"], "--random-operations", { whole: true, min: 0 }),
      seed: numberOption(values.seed, "--seed", { whole: true, min: 0 }),
      python: values.python,
      timeoutSeconds: numberOption(values.timeout, "--timeout", { above: 0 }),
      onStep: json ? undefined : (s) => io.err(s),
    });
    io.out(json ? JSON.stringify(r) : crashSummary(r));
    return r.verdict === "passed" ? EXIT_OK : EXIT_FAILED;
  });
}
