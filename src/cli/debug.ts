import { readFile } from "node:fs/promises";
import { resolve } from "node:path";
import { ToolError } from "../errors.js";
import { runSync, summarize, syncProgressBlock } from "../runner/index.js";
import { syncData } from "../runner/run-result.js";
import { readConfiguration } from "../runner/configuration-file.js";
import { buildReceipt, isClean, packageVersion, writeReceipt } from "../proof/index.js";
import type { EngineChoice, RunResult } from "../runner/types.js";
import type { Naming } from "../protocol.js";
import { Workspace } from "../workspace/workspace.js";
import { choiceOption, EXIT_FAILED, EXIT_OK, folderArg, numberOption, runCommand, flag, str, strOr, type CliIO } from "./io.js";

export const usage = `fivetran-connector-mcp debug <DIR> [options]

Runs the connector in DIR once, like \`fivetran debug\`: writes files/warehouse.db and files/state.json.
  --configuration FILE   configuration JSON to use instead of DIR/configuration.json
  --state FILE           state JSON to start from instead of DIR/files/state.json
  --reset                delete the warehouse and the state first
  --engine MODE          auto (default: the real SDK 3.x if installed for the Python), embedded or sdk
  --naming MODE          fivetran (default) or source, any case: the names a new warehouse gets, as fivetran debug --naming;
                         a warehouse keeps the naming it was first made with
  --python P             Python interpreter (default: FIVETRAN_CONNECTOR_PYTHON, DIR/.venv, python3)
  --timeout S            stop the sync after S seconds (default 600)
  --memory-limit MB      cap the connector's memory (Fivetran's production limit is 1024); default: none
  --output-limit MB      stop the sync once the connector printed MB to stdout/stderr (default 100)
  --record NAME          record every HTTP exchange, secrets masked, into DIR/files/recordings/NAME/ (embedded engine)
  --replay NAME          answer the connector's HTTP requests from DIR/files/recordings/NAME/; no network (embedded engine)
  --receipt              write a run receipt, DIR/files/receipt.json and receipt.md (check it with \`receipt check\`)
  --json                 print one JSON object (the run_debug result) on stdout
Exit code: 0 the sync succeeded; when it failed, the connector's exit code as \`fivetran debug\` ends with it
(sys.exit(3): 3, Ctrl-C: 130), else 1; 2 bad usage.`;

function proofLine(p: NonNullable<RunResult["proof"]>): string {
  const hosts =
    Object.entries(p.hosts)
      .map(([h, n]) => `${h} ×${n}`)
      .join(", ") || "none";
  const verb = p.mode === "record" ? `recorded into files/recordings/${p.recording}/` : p.mode === "replay" ? `replayed from files/recordings/${p.recording}/` : "live";
  return `HTTP: ${p.requests} request(s) ${verb}; hosts: ${hosts}`;
}

async function readJsonObject(path: string, what: "configuration" | "state"): Promise<Record<string, unknown>> {
  let text: string;
  try {
    text = await readFile(resolve(path), "utf8");
  } catch (e) {
    throw new ToolError("not_found", `Cannot read the ${what} file ${path}: ${(e as Error).message}`, `Pass an existing JSON file to --${what}.`, path);
  }
  try {
    const v = JSON.parse(text) as unknown;
    if (v && typeof v === "object" && !Array.isArray(v)) return v as Record<string, unknown>;
  } catch {
    // reported below
  }
  throw new ToolError(what, `The ${what} file ${path} must hold one JSON object.`, `Fix ${path}.`, path);
}

export function run(argv: string[], io: CliIO): Promise<number> {
  return runCommand(
    argv,
    io,
    {
      configuration: str,
      state: str,
      reset: flag,
      engine: strOr("auto"),
      naming: str,
      python: str,
      timeout: str,
      "memory-limit": str,
      "output-limit": str,
      json: flag,
      record: str,
      replay: str,
      receipt: flag,
    },
    (values, positionals, json) => {
      const folder = folderArg(positionals, "debug");
      const engine = choiceOption<EngineChoice>(values.engine, "--engine", ["auto", "embedded", "sdk"]);
      const timeout = numberOption(values.timeout, "--timeout", { above: 0 });
      const memoryLimit = numberOption(values["memory-limit"], "--memory-limit", { min: 16 });
      const outputLimit = numberOption(values["output-limit"], "--output-limit", { above: 0 });
      const naming = values.naming === undefined ? undefined : choiceOption<Naming>(values.naming.trim().toLowerCase(), "--naming", ["fivetran", "source"]);
      return debug(io, json, { ...values, folder, engine, naming, timeout, memoryLimit, outputLimit });
    },
  );
}

interface DebugOptions {
  folder: string;
  configuration?: string;
  state?: string;
  reset: boolean;
  engine: EngineChoice;
  naming?: Naming;
  python?: string;
  timeout?: number;
  memoryLimit?: number;
  outputLimit?: number;
  record?: string;
  replay?: string;
  receipt: boolean;
}

async function debug(io: CliIO, json: boolean, values: DebugOptions): Promise<number> {
  const { engine, timeout, memoryLimit, outputLimit } = values;
  const projectDir = await new Workspace().projectDir(values.folder);
  const configuration = values.configuration ? await readJsonObject(values.configuration, "configuration") : undefined;
  const state = values.state ? await readJsonObject(values.state, "state") : undefined;

  // Ctrl-C stops the connector's whole process group and keeps the last checkpoint.
  const abort = new AbortController();
  const onSigint = () => abort.abort();
  process.once("SIGINT", onSigint);
  let lastProgress = "";
  try {
    // A receipt says whether the run started clean: `receipt check` can only re-run one that did.
    const startedClean = Boolean(values.reset) || isClean(projectDir);
    const r = await runSync({
      projectDir,
      configuration,
      state,
      reset: values.reset,
      engine,
      naming: values.naming,
      python: values.python,
      timeoutSeconds: timeout,
      memoryLimitMb: memoryLimit,
      outputLimitMb: outputLimit,
      record: values.record,
      replay: values.replay,
      signal: abort.signal,
      onLog: json ? undefined : (level, message) => io.err(`${level.padEnd(8)} ${message}`),
      onProgress: json
        ? undefined
        : (c) => {
            const line = `progress: ${c.upserts} upserts, ${c.updates} updates, ${c.deletes} deletes, ${c.checkpoints} checkpoints`;
            if (line !== lastProgress) io.err(line);
            lastProgress = line;
          },
    });
    if (values.receipt) {
      const rc = await buildReceipt({ projectDir, result: r, startedClean, version: packageVersion(), configuration: configuration ?? readConfiguration(projectDir) });
      const written = await writeReceipt(projectDir, rc);
      if (!json) io.err(`receipt: ${written.json}, ${written.markdown}`);
    }
    if (json) io.out(JSON.stringify(syncData(r)));
    else {
      const head = summarize(r);
      io.err(head.slice(0, head.length - syncProgressBlock(r).length).trimEnd());
      io.out(syncProgressBlock(r));
      if (r.proof) io.err(proofLine(r.proof));
    }
    if (r.status === "succeeded") return EXIT_OK;
    // A failed sync ends with the code `fivetran debug` would end with (sys.exit(3): 3, a KeyboardInterrupt: 130),
    // and never with 0, in text and --json mode alike: sys.exit(0), which `fivetran debug` ends with 0 though the
    // sync stopped without a verdict, exits EXIT_FAILED.
    return r.exitCode ? r.exitCode : EXIT_FAILED;
  } finally {
    process.off("SIGINT", onSigint);
  }
}
