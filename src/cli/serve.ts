import { parseArgs } from "node:util";
import { shutdownAll } from "../lifecycle.js";
import { reportError, strList, type CliIO } from "./io.js";

export const usage = `fivetran-connector-mcp serve [--workspace DIR]... [--toolsets NAME[,NAME]]

Serves MCP on stdio. stdout carries protocol messages only; diagnostics go to stderr.
  --workspace DIR   a folder connector paths must stay inside (repeatable); client roots add to it
  --toolsets NAMES  tools to offer beside the core ones: proof (crash_resume, inject_faults, make_receipt,
                    check_receipt); also FIVETRAN_CONNECTOR_MCP_TOOLSETS`;

const MIN_NODE_MAJOR = 20;

export async function run(argv: string[], io: CliIO): Promise<number> {
  // Clients start whatever node is first on their minimal PATH; say so plainly instead of failing later.
  const major = Number(process.versions.node.split(".")[0]);
  if (major < MIN_NODE_MAJOR) {
    io.err(`fivetran-connector-mcp: Node.js ${MIN_NODE_MAJOR} or newer is needed; this is ${process.version} (${process.execPath}).`);
    return 1;
  }
  let values;
  try {
    ({ values } = parseArgs({ args: argv, options: { workspace: strList, toolsets: strList }, allowPositionals: false }));
  } catch (e) {
    return reportError(e, io, false);
  }
  const { isToolset, TOOLSETS } = await import("../../tools/index.js");
  const named = [...(values.toolsets ?? []), process.env.FIVETRAN_CONNECTOR_MCP_TOOLSETS ?? ""]
    .flatMap((v) => v.split(","))
    .map((v) => v.trim())
    .filter(Boolean);
  const unknown = named.filter((n) => !isToolset(n));
  if (unknown.length) {
    io.err(`fivetran-connector-mcp: unknown toolset ${unknown.map((n) => JSON.stringify(n)).join(", ")}; the toolsets are: ${Object.keys(TOOLSETS).join(", ")}.`);
    return 2;
  }

  // stdout is the protocol channel: anything a dependency prints with console.* goes to stderr.
  // This runs before the server modules load, so their import-time output is caught too.
  // eslint-disable-next-line no-console -- this is the guard no-console stands for: console.* now writes to stderr.
  for (const m of ["log", "info", "debug", "warn"] as const) console[m] = console.error;

  const { createServer } = await import("../server.js");
  const { BoundedStdioServerTransport } = await import("../mcp/stdio.js");
  const { server } = createServer({ roots: values.workspace ?? [], toolsets: named.filter(isToolset) });
  // Security: the SDK's stdio transport closes for good on a message over 10 MB; this one refuses that message
  // with a JSON-RPC error and keeps serving.
  const transport = new BoundedStdioServerTransport();

  let closing = false;
  const close = async (why: string) => {
    if (closing) return;
    closing = true;
    io.err(`fivetran-connector-mcp: shutting down (${why})`);
    // Children first (connector process groups, DuckDB), within a budget shorter than the
    // client's 2 s grace before SIGTERM; then the transport.
    const left = await shutdownAll();
    if (left > 0) io.err(`fivetran-connector-mcp: ${left} shutdown hook(s) did not finish in time`);
    await Promise.race([server.close().catch(() => {}), new Promise((r) => setTimeout(r, 200).unref())]);
    process.exit(0);
  };
  // The SDK's stdio transport does not watch for stdin closing; clients end a stdio server that
  // way (on Windows it is the only signal), and some send a signal instead.
  process.stdin.on("end", () => void close("stdin closed"));
  process.stdin.on("close", () => void close("stdin closed"));
  // A client that went away makes our writes fail with EPIPE; that is a shutdown too.
  process.stdout.on("error", () => void close("stdout closed"));
  for (const sig of ["SIGINT", "SIGTERM", "SIGHUP"] as const) process.on(sig, () => void close(sig));

  await server.connect(transport);
  io.err("fivetran-connector-mcp: serving MCP on stdio");
  return -1;
}
