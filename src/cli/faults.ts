import { checkFaults, FAULT_KINDS, injectFaults, type FaultKind } from "../proof/index.js";
import { faultsSummary } from "../proof/summaries.js";
import { Workspace } from "../workspace/workspace.js";
import { EXIT_FAILED, EXIT_OK, folderArg, numberOption, runCommand, UsageError, flag, str, strList, type CliIO } from "./io.js";

export const usage = `fivetran-connector-mcp faults <DIR> [options]

Injects API faults, one run each, in scratch copies of DIR, and reports what the connector did: retried (how
often, with what backoff), failed cleanly, looped, lost rows, kept going; and whether its state stayed safe.
  --fault F        a fault to inject (repeatable; default all): ${FAULT_KINDS.join(", ")}
  --at N           the request each fault is injected at (default 2)
  --replay NAME    serve every run from DIR/files/recordings/NAME/ (default: the live API)
  --python P       Python interpreter
  --timeout S      stop each run after S seconds (default 120)
  --json           print the report as one JSON object
Exit code: 0 every fault handled, 1 some not, 2 bad usage.`;

export function run(argv: string[], io: CliIO): Promise<number> {
  return runCommand(argv, io, { fault: strList, at: str, replay: str, python: str, timeout: str, json: flag }, async (values, positionals, json) => {
    const folder = folderArg(positionals, "faults");
    const at = numberOption(values.at, "--at", { whole: true, min: 1 });
    const timeoutSeconds = numberOption(values.timeout, "--timeout", { above: 0 });
    const faults = faultsOption(values.fault);
    const projectDir = await new Workspace().projectDir(folder);
    const r = await injectFaults({ projectDir, faults, at, replay: values.replay, python: values.python, timeoutSeconds, onStep: json ? undefined : (s) => io.err(s) });
    io.out(json ? JSON.stringify(r) : faultsSummary(r));
    return r.baseline.status === "succeeded" && r.not_handled === 0 ? EXIT_OK : EXIT_FAILED;
  });
}

/** --fault values, checked against the fault kinds (an unknown one is bad usage); undefined means all. */
export function faultsOption(raw: string[] | undefined): FaultKind[] | undefined {
  try {
    return raw ? checkFaults(raw) : undefined;
  } catch (e) {
    throw new UsageError((e as Error).message);
  }
}
