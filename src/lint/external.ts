import { createHash } from "node:crypto";
import type { Readable, Writable } from "node:stream";
import { startChild, type Child } from "../exec/child.js";
import { childEnv } from "../exec/env.js";
import type { Finding } from "./types.js";
import { choosePython, rememberPython, type PythonChoice } from "../exec/python-path.js";

/**
 * The generic Python checks: Ruff (WASM, loaded on first use) under its own codes, and
 * python3's compile() as the authority on syntax errors when a python3 is installed.
 */
type RuffWorkspace = { check(contents: string): RuffDiagnostic[] };
interface RuffDiagnostic {
  code: string | null;
  message: string;
  start_location: { row: number; column: number };
  end_location: { row: number; column: number };
}

// Pyflakes (F), syntax/runtime errors (E9, PLE) and bugbear (B). B904 is FT072's; B008 is noisy
// for connectors (Fivetran's own .flake8 ignores it).
// B905 (zip() without strict=) is one of bugbear's opinionated B9 checks, off by default there; on
// connector code it fired on zip(columns, row) pairs whose lengths are equal by construction.
const RUFF_SETTINGS = { "line-length": 99, lint: { select: ["F", "E9", "B", "PLE"], ignore: ["B904", "B905", "B008"] } };
// PLE is left a warning: e.g. a bare `raise` in a helper called from an except block is valid at run time.
const RUFF_ERRORS = /^(F82[1-3]|F63[2-4]|F70[1-7]|E9)/;

let ruffPromise: Promise<RuffWorkspace> | undefined;
export function getRuff(): Promise<RuffWorkspace> {
  ruffPromise ??= import("@astral-sh/ruff-wasm-nodejs").then((m) => new m.Workspace(RUFF_SETTINGS, m.PositionEncoding.Utf16) as unknown as RuffWorkspace);
  return ruffPromise;
}

// Ruff runs in its own Node process so that it checks a file while this process parses and runs
// the FT rules (the two are independent). That process runs WebAssembly with V8's baseline compiler
// only (--liftoff-only): with the default tiering V8 spends seconds of CPU optimising Ruff's large
// WASM over the first lints (each check of the 3,000-line bench file took 100-400 ms meanwhile,
// competing for the cores), while baseline code checks it in ~17 ms from the start.
const RUFF_CHILD = `
const m = require(process.argv[1]);
const ws = new m.Workspace(JSON.parse(process.argv[2]), m.PositionEncoding.Utf16);
let buf = "";
process.stdin.setEncoding("utf8").on("data", (d) => {
  buf += d;
  let nl;
  while ((nl = buf.indexOf("\\n")) >= 0) {
    const { id, source } = JSON.parse(buf.slice(0, nl));
    buf = buf.slice(nl + 1);
    let out;
    try {
      out = { id, diagnostics: ws.check(source).map((d) => ({ code: d.code, message: d.message, start_location: { row: d.start_location.row, column: d.start_location.column }, end_location: { row: d.end_location.row, column: d.end_location.column } })) };
    } catch (e) {
      out = { id, error: String((e && e.message) || e) };
    }
    process.stdout.write(JSON.stringify(out) + "\\n");
  }
});
`;

/** A long-lived worker: stdin/stdout pipes, no timeout (each request has its own), our stdio never inherited. */
interface WorkerProcess {
  child: Child;
  stdin: Writable;
  stdout: Readable;
  /** An idle worker must not keep this process alive; a busy one must. */
  hold(busy: boolean): void;
  onGone(f: (e?: NodeJS.ErrnoException) => void): void;
  running(): boolean;
  kill(): void;
}

function startWorkerProcess(file: string, args: string[]): WorkerProcess {
  // Security: through the one child wrapper (src/exec/child.ts): argument array, no shell, an allow-listed
  // environment, its own process group killed at the server's shutdown, stdout never ours (it is the MCP protocol).
  const child = startChild({ file, args, env: childEnv("tool"), io: { stdio: ["pipe", "pipe", "pipe"], buffer: false } });
  const sub = child.sub;
  let exited = false;
  void sub.then(() => {
    exited = true;
    child.dispose();
  });
  sub.stderr?.resume();
  const handles = [sub, sub.stdout, sub.stderr, sub.stdin] as unknown as ({ ref(): void; unref(): void } | null)[];
  return {
    child,
    stdin: sub.stdin!,
    stdout: sub.stdout!,
    hold(busy) {
      for (const h of handles) {
        if (busy) h?.ref();
        else h?.unref();
      }
    },
    onGone(f) {
      sub.on("error", (e: NodeJS.ErrnoException) => f(e));
      sub.on("exit", () => f());
    },
    running: () => !exited && sub.exitCode === null,
    kill: () => child.killGroup("SIGKILL"),
  };
}

interface RuffChild {
  child: WorkerProcess;
  pending: Map<number, (d: RuffDiagnostic[] | undefined) => void>;
  next: number;
}
let ruffChild: Promise<RuffChild | undefined> | undefined;

/** An idle child must not keep this process alive; a busy one must. */
function ruffIdle(c: RuffChild): void {
  c.child.hold(c.pending.size > 0);
}

function getRuffChild(): Promise<RuffChild | undefined> {
  ruffChild ??= (async () => {
    try {
      const { createRequire } = await import("node:module");
      const module = createRequire(import.meta.url).resolve("@astral-sh/ruff-wasm-nodejs");
      const child = startWorkerProcess(process.execPath, ["--liftoff-only", "-e", RUFF_CHILD, module, JSON.stringify(RUFF_SETTINGS)]);
      const c: RuffChild = { child, pending: new Map(), next: 0 };
      let buffer = "";
      child.stdout.setEncoding("utf8").on("data", (d: string) => {
        buffer += d;
        let nl;
        while ((nl = buffer.indexOf("\n")) >= 0) {
          const line = buffer.slice(0, nl);
          buffer = buffer.slice(nl + 1);
          try {
            const m = JSON.parse(line) as { id: number; diagnostics?: RuffDiagnostic[]; error?: string };
            // Ruff failing on a module (its parser overflows the stack on 30,000 nested brackets) is an answer:
            // no Ruff findings. Retrying in this process would fail the same way, on the server's own stack.
            c.pending.get(m.id)?.(m.diagnostics ?? (m.error !== undefined ? [] : undefined));
            c.pending.delete(m.id);
          } catch {
            // Not an answer; ignored.
          }
        }
        ruffIdle(c);
      });
      const fail = () => {
        // A dead child answers nothing: its requests fall back to Ruff in this process.
        for (const r of c.pending.values()) r(undefined);
        c.pending.clear();
        if (ruffChild === current) ruffChild = undefined;
      };
      const current = ruffChild;
      child.onGone(fail);
      ruffIdle(c);
      return c;
    } catch {
      return undefined;
    }
  })();
  return ruffChild;
}

// Ruff's answer depends on the text only: an unchanged module is not checked again.
const ruffCache = new Map<string, RuffDiagnostic[]>();
const RUFF_CACHE_MAX = 32;

async function ruffDiagnostics(source: string): Promise<RuffDiagnostic[]> {
  const hit = ruffCache.get(source);
  if (hit) return hit;
  const c = await getRuffChild();
  let diagnostics: RuffDiagnostic[] | undefined;
  if (c && c.child.running()) {
    diagnostics = await new Promise<RuffDiagnostic[] | undefined>((resolve) => {
      const id = c.next++;
      const timer = setTimeout(() => {
        // A stuck child is replaced; this check falls back to Ruff in this process.
        c.child.kill();
        resolve(undefined);
      }, 15_000);
      c.pending.set(id, (d) => {
        clearTimeout(timer);
        resolve(d);
      });
      ruffIdle(c);
      c.child.stdin.write(JSON.stringify({ id, source }) + "\n");
    });
  }
  if (!diagnostics) {
    try {
      diagnostics = (await getRuff()).check(source);
    } catch {
      // Ruff cannot check this module (a stack overflow in its parser); python3's compile() reports why.
      diagnostics = [];
    }
  }
  ruffCache.set(source, diagnostics);
  if (ruffCache.size > RUFF_CACHE_MAX) ruffCache.delete(ruffCache.keys().next().value!);
  return diagnostics;
}

/** Starts Ruff on a module at once (in its own process); the findings are read when the promise settles. */
export async function ruffFindings(file: string, source: string): Promise<Finding[]> {
  const out: Finding[] = [];
  for (const d of await ruffDiagnostics(source)) {
    // Syntax errors are FT001's (from compile() or the tree); Ruff's copy would duplicate them.
    if (!d.code || d.code === "invalid-syntax") continue;
    out.push({
      rule: d.code,
      // PLE0704 (bare raise outside a handler) is valid in a retry helper called from an except block, the
      // usual shape in connectors; Ruff cannot see the caller, so it is a note.
      severity: RUFF_ERRORS.test(d.code) ? "error" : d.code === "PLE0704" ? "info" : "warning",
      title: `Ruff ${d.code}`,
      message: d.message,
      file,
      line: d.start_location.row,
      column: d.start_location.column,
      endLine: d.end_location.row,
      endColumn: d.end_location.column,
      docUri: `https://docs.astral.sh/ruff/rules/#${d.code.toLowerCase()}`,
      source: "ruff",
    });
  }
  return out;
}

export interface CompileError {
  file: string;
  line: number;
  column: number;
  endLine?: number;
  endColumn?: number;
  message: string;
}

// A small stdlib-only worker: one JSON request per line in, one JSON answer per line out. It lives
// as long as this process (it exits on EOF when we go), so each lint pays no interpreter start-up.
const COMPILE_SCRIPT = `
import json, sys
sys.stdout.write(json.dumps({"executable": sys.executable}) + "\\n")
sys.stdout.flush()
for line in sys.stdin:
    out = []
    for name, src in json.loads(line):
        try:
            compile(src, name, "exec", dont_inherit=True)
        except SyntaxError as e:
            out.append({"file": name, "line": e.lineno or 1, "column": e.offset or 1,
                        "endLine": getattr(e, "end_lineno", None), "endColumn": getattr(e, "end_offset", None),
                        "message": f"{type(e).__name__}: {e.msg}"})
        except Exception as e:
            out.append({"file": name, "line": 1, "column": 1, "message": f"{type(e).__name__}: {e}"})
    sys.stdout.write(json.dumps(out) + "\\n")
    sys.stdout.flush()
`;

const compileCache = new Map<string, CompileError[]>();
let pythonMissing = false;

interface Worker {
  child: WorkerProcess;
  queue: ((line: string | undefined) => void)[];
  buffer: string;
}
let worker: Worker | undefined;

async function getWorker(): Promise<Worker | undefined> {
  if (worker?.child.running()) return worker;
  // -S: compile() needs no site-packages, and skipping the site import halves the start-up; a version-manager
  // shim is resolved once (python-path.ts).
  const choice: PythonChoice = process.env.FTLINT_PYTHON ? { command: process.env.FTLINT_PYTHON } : choosePython();
  const child = startWorkerProcess(choice.command, ["-I", "-S", "-u", "-c", COMPILE_SCRIPT]);
  const w: Worker = { child, queue: [], buffer: "" };
  let hello = true;
  child.stdout.setEncoding("utf8").on("data", (d: string) => {
    w.buffer += d;
    let nl;
    while ((nl = w.buffer.indexOf("\n")) >= 0) {
      const line = w.buffer.slice(0, nl);
      w.buffer = w.buffer.slice(nl + 1);
      if (hello) {
        // The first line names the interpreter a version-manager shim picked, for the next cold start.
        hello = false;
        let exe: unknown;
        try {
          exe = (JSON.parse(line) as { executable?: unknown }).executable;
        } catch {
          exe = undefined;
        }
        if (choice.shimKey && typeof exe === "string") rememberPython(choice.shimKey, exe);
        continue;
      }
      w.queue.shift()?.(line);
      idle(w);
    }
  });
  child.onGone((e) => {
    if (e?.code === "ENOENT") pythonMissing = true;
    for (const r of w.queue.splice(0)) r(undefined);
    if (worker === w) worker = undefined;
  });
  worker = w;
  idle(w);
  return w;
}

/** An idle worker must not keep the process alive; a busy one must. */
function idle(w: Worker): void {
  w.child.hold(w.queue.length > 0);
}

/** Returns undefined when no python3 can be run (the tree-sitter parse then decides). */
export async function pythonCompile(files: { file: string; source: string }[], signal?: AbortSignal): Promise<CompileError[] | undefined> {
  if (pythonMissing) return undefined;
  if (files.length === 0) return [];
  const key = createHash("sha256")
    .update(JSON.stringify(files.map((f) => [f.file, f.source])))
    .digest("hex");
  const cached = compileCache.get(key);
  if (cached) return cached;
  const w = await getWorker();
  if (!w) return undefined;
  const line = await new Promise<string | undefined>((resolve) => {
    const timer = setTimeout(() => {
      // A stuck worker is replaced; this lint goes on without the compile check.
      w.child.kill();
      resolve(undefined);
    }, 15_000);
    const done = (l: string | undefined) => {
      clearTimeout(timer);
      resolve(l);
    };
    signal?.addEventListener("abort", () => done(undefined), { once: true });
    w.queue.push(done);
    idle(w);
    w.child.stdin.write(JSON.stringify(files.map((f) => [f.file, f.source])) + "\n");
  });
  if (!line) return undefined;
  try {
    const errs = JSON.parse(line) as CompileError[];
    if (compileCache.size > 256) compileCache.clear();
    compileCache.set(key, errs);
    return errs;
  } catch {
    return undefined;
  }
}
