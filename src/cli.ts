#!/usr/bin/env node
import { existsSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { EXIT_USAGE, processIO, type CliCommand } from "./cli/io.js";
import { sealEnvironment } from "./exec/seal-env.js";

/**
 * The bin. No arguments (or `serve`): an MCP server on stdio. Otherwise a command whose module is
 * src/cli/<command>.ts, loaded on demand so `serve` does not pay for the others.
 */
const HELP = `fivetran-connector-mcp: build, lint, run and inspect Fivetran Connector SDK connectors

Usage:
  fivetran-connector-mcp [serve] [--workspace DIR]...   serve MCP on stdio (what MCP clients start)
  fivetran-connector-mcp <command> --help                help for one command

Commands: serve, scaffold, lint, debug, configuration, query, describe, evaluate, state, install, deploy, demo,
          crash-resume, faults, receipt`;

async function main(argv: string[]): Promise<number> {
  const [cmd = "serve", ...rest] = argv;
  if (cmd === "--help" || cmd === "-h" || cmd === "help") {
    processIO.out(HELP);
    return 0;
  }
  if (cmd === "--version" || cmd === "-v") {
    const { SERVER_VERSION } = await import("./server.js");
    processIO.out(SERVER_VERSION);
    return 0;
  }
  const name = cmd.startsWith("--") ? "serve" : cmd;
  const args = cmd.startsWith("--") ? argv : rest;
  // Security: the command name becomes a module path; only plain names are accepted.
  const here = dirname(fileURLToPath(import.meta.url));
  const file = join(here, "cli", `${name}${import.meta.url.endsWith(".ts") ? ".ts" : ".js"}`);
  if (!/^[a-z][a-z-]*$/.test(name) || !existsSync(file) || name === "io" || name === "args") {
    processIO.err(`error: unknown command '${name}'\n\n${HELP}`);
    return EXIT_USAGE;
  }
  const mod = (await import(`./cli/${name}.js`)) as CliCommand;
  if (args.includes("--help") || args.includes("-h")) {
    processIO.out(mod.usage);
    return 0;
  }
  return mod.run(args, processIO);
}

// Security: before anything else runs, the server's secrets leave the environment block that /proc/<pid>/environ
// shows to other processes of the user (a connector on a system without PID namespaces); process.env keeps them.
sealEnvironment();

main(process.argv.slice(2)).then(
  (code) => {
    // serve keeps the process alive through its transport; every other command ends here.
    if (code !== -1) process.exitCode = code;
  },
  (e: unknown) => {
    processIO.err(`fatal: ${e instanceof Error ? (e.stack ?? e.message) : String(e)}`);
    process.exitCode = 1;
  },
);
