import { checkReceipt, makeReceipt } from "../proof/index.js";
import { checkSummary, receiptSummary } from "../proof/summaries.js";
import { Workspace } from "../workspace/workspace.js";
import { faultsOption } from "./faults.js";
import { EXIT_FAILED, EXIT_OK, folderArg, runCommand, UsageError, flag, str, strList, type CliIO } from "./io.js";

export const usage = `fivetran-connector-mcp receipt make|check <DIR> [options]

make   runs the connector from a clean start in a scratch copy and writes DIR/files/receipt.json and
       DIR/files/receipt.md: versions, live or replayed, hosts, operations, checkpoints, state and table hashes,
       lint digest (secrets never appear)
         --replay NAME     run from DIR/files/recordings/NAME/ (a receipt \`check\` can re-run)
         --crash-resume    add the crash-and-resume verdict
         --fault F         add the outcome of fault F (repeatable)
         --no-lint         leave the lint digest out
check  checks DIR/files/receipt.json against DIR: same code, same recording, and a new replay gives the same
       table and state hashes (a live receipt: the code only)
         --receipt FILE    another receipt, relative to DIR
Both:    --python P, --json
Exit code: 0 written / verified (or code_only), 1 mismatch, 2 bad usage.`;

export function run(argv: string[], io: CliIO): Promise<number> {
  return runCommand(argv, io, { replay: str, "crash-resume": flag, fault: strList, "no-lint": flag, receipt: str, python: str, json: flag }, async (values, positionals, json) => {
    const [action, ...folders] = positionals;
    if (action !== "make" && action !== "check") throw new UsageError(`receipt needs make or check, not '${action ?? ""}'`);
    const projectDir = await new Workspace().projectDir(folderArg(folders, `receipt ${action}`));
    if (action === "make") {
      const r = await makeReceipt({
        projectDir,
        replay: values.replay,
        crash: values["crash-resume"],
        faults: faultsOption(values.fault),
        lint: !values["no-lint"],
        python: values.python,
        onStep: json ? undefined : (s) => io.err(s),
      });
      io.out(json ? JSON.stringify(r.receipt) : `${receiptSummary(r.receipt, r)}`);
      return EXIT_OK;
    }
    const c = await checkReceipt({ projectDir, receipt: values.receipt, python: values.python });
    io.out(json ? JSON.stringify(c) : checkSummary(c));
    return c.verdict === "mismatch" ? EXIT_FAILED : EXIT_OK;
  });
}
