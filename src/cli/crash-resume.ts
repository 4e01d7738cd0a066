import { parseArgs } from "node:util";
import { crashAndResume } from "../proof/index.js";
import { crashSummary } from "../proof/summaries.js";
import { Workspace } from "../workspace/workspace.js";
import { EXIT_FAILED, EXIT_OK, reportError, UsageError, type CliIO } from "./io.js";

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

export async function run(argv: string[], io: CliIO): Promise<number> {
  let json = false;
  try {
    let parsed;
    try {
      parsed = parseArgs({
        args: argv,
        allowPositionals: true,
        options: {
          replay: { type: "string" },
          checkpoint: { type: "string", multiple: true },
          "random-operations": { type: "string" },
          seed: { type: "string" },
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
    if (positionals.length > 1) throw new UsageError(`crash-resume takes one folder, got ${positionals.length}\n\n${usage}`);
    const num = (v: string | undefined, what: string, min: number) => {
      if (v === undefined) return undefined;
      const n = Number(v);
      if (!Number.isInteger(n) || n < min) throw new UsageError(`${what} must be an integer of at least ${min}, not '${v}'`);
      return n;
    };
    const checkpoints = values.checkpoint?.map((c) => num(c, "--checkpoint", 1)!);
    const projectDir = await new Workspace().projectDir(positionals[0] ?? ".");
    const r = await crashAndResume({
      projectDir,
      replay: values.replay,
      checkpoints,
      randomOperations: num(values["random-operations"], "--random-operations", 0),
      seed: num(values.seed, "--seed", 0),
      python: values.python,
      timeoutSeconds: num(values.timeout, "--timeout", 1),
      onStep: json ? undefined : (s) => io.err(s),
    });
    io.out(json ? JSON.stringify(r) : crashSummary(r));
    return r.verdict === "passed" ? EXIT_OK : EXIT_FAILED;
  } catch (e) {
    return reportError(e, io, json);
  }
}
