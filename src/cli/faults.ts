import { parseArgs } from "node:util";
import { checkFaults, FAULT_KINDS, injectFaults } from "../proof/index.js";
import { faultsSummary } from "../proof/summaries.js";
import { Workspace } from "../workspace/workspace.js";
import { EXIT_FAILED, EXIT_OK, reportError, UsageError, type CliIO } from "./io.js";

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

export async function run(argv: string[], io: CliIO): Promise<number> {
  let json = false;
  try {
    let parsed;
    try {
      parsed = parseArgs({
        args: argv,
        allowPositionals: true,
        options: {
          fault: { type: "string", multiple: true },
          at: { type: "string" },
          replay: { type: "string" },
          python: { type: "string" },
          timeout: { type: "string" },
          json: { type: "boolean", default: false },
        },
      });
    } catch (e) {
      throw new UsageError(`${(e as Error).message}\n\n${usage}`);
    }
    const { values, positionals } = parsed;
    json = values.json ?? false;
    if (positionals.length > 1) throw new UsageError(`faults takes one folder, got ${positionals.length}\n\n${usage}`);
    const at = values.at === undefined ? undefined : Number(values.at);
    if (at !== undefined && !(Number.isInteger(at) && at >= 1)) throw new UsageError(`--at must be a request number (1 or more), not '${values.at}'`);
    const timeout = values.timeout === undefined ? undefined : Number(values.timeout);
    if (timeout !== undefined && !(timeout > 0)) throw new UsageError(`--timeout must be a positive number of seconds, not '${values.timeout}'`);
    let faults;
    try {
      faults = values.fault ? checkFaults(values.fault) : undefined;
    } catch (e) {
      throw new UsageError((e as Error).message);
    }
    const projectDir = await new Workspace().projectDir(positionals[0] ?? ".");
    const r = await injectFaults({ projectDir, faults, at, replay: values.replay, python: values.python, timeoutSeconds: timeout, onStep: json ? undefined : (s) => io.err(s) });
    io.out(json ? JSON.stringify(r) : faultsSummary(r));
    return r.baseline.status === "succeeded" && r.not_handled === 0 ? EXIT_OK : EXIT_FAILED;
  } catch (e) {
    return reportError(e, io, json);
  }
}
