import { getDefaultEnvironment } from "@modelcontextprotocol/sdk/client/stdio.js";
import { spawn, type ChildProcessWithoutNullStreams } from "node:child_process";
import { ensureBuilt } from "../helpers/built.js";

export interface RawServer {
  proc: ChildProcessWithoutNullStreams;
  /** Every stdout line so far, unparsed. */
  lines: string[];
  stderr(): string;
  /** Writes one line as is (so malformed input can be sent). */
  send(line: string): void;
  /** Sends a JSON-RPC request and waits for the response with its id. */
  request(method: string, params?: unknown, timeoutMs?: number): Promise<{ result?: unknown; error?: { code: number; message: string } }>;
  /** Sends initialize and notifications/initialized. */
  initialize(capabilities?: Record<string, unknown>): Promise<unknown>;
  /** Resolves with the exit code and signal, and how long after `since` the exit came. */
  exited: Promise<{ code: number | null; signal: NodeJS.Signals | null; at: number }>;
}

/**
 * Starts the built server the way a GUI client does (cwd `/`, the SDK client's minimal
 * environment) and speaks raw newline-delimited JSON-RPC to it, so stdout can be checked line by line.
 */
export function startRaw(args: string[] = [], env: Record<string, string> = {}): RawServer {
  const cli = ensureBuilt();
  const proc = spawn(process.execPath, [cli, ...args], { cwd: "/", env: { ...getDefaultEnvironment(), ...env }, stdio: ["pipe", "pipe", "pipe"] });
  const lines: string[] = [];
  let err = "";
  let buf = "";
  const waiters = new Map<number, (msg: { result?: unknown; error?: { code: number; message: string } }) => void>();
  proc.stdout.setEncoding("utf8");
  proc.stdout.on("data", (chunk: string) => {
    buf += chunk;
    let nl: number;
    while ((nl = buf.indexOf("\n")) >= 0) {
      const line = buf.slice(0, nl);
      buf = buf.slice(nl + 1);
      lines.push(line);
      try {
        const msg = JSON.parse(line) as { id?: number; result?: unknown; error?: { code: number; message: string } };
        if (typeof msg.id === "number") waiters.get(msg.id)?.(msg);
      } catch {
        // Kept in `lines`; the purity test reports it.
      }
    }
  });
  proc.stderr.setEncoding("utf8");
  proc.stderr.on("data", (d: string) => (err += d));
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null; at: number }>((resolve) => proc.on("exit", (code, signal) => resolve({ code, signal, at: Date.now() })));
  let nextId = 1;
  const server: RawServer = {
    proc,
    lines,
    exited,
    stderr: () => err,
    send: (line) => proc.stdin.write(`${line}\n`),
    request(method, params, timeoutMs = 15_000) {
      const id = nextId++;
      return new Promise((resolve, reject) => {
        const timer = setTimeout(() => reject(new Error(`no answer to ${method} in ${timeoutMs} ms; stderr: ${err}`)), timeoutMs);
        waiters.set(id, (msg) => {
          clearTimeout(timer);
          resolve(msg);
        });
        server.send(JSON.stringify({ jsonrpc: "2.0", id, method, ...(params === undefined ? {} : { params }) }));
      });
    },
    async initialize(capabilities = {}) {
      const r = await server.request("initialize", { protocolVersion: "2025-06-18", capabilities, clientInfo: { name: "raw-test", version: "0" } });
      server.send(JSON.stringify({ jsonrpc: "2.0", method: "notifications/initialized" }));
      return r.result;
    },
  };
  return server;
}

/** True while a process with this pid exists (zombies included, which only the parent can reap). */
export function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (e) {
    return (e as NodeJS.ErrnoException).code === "EPERM";
  }
}
