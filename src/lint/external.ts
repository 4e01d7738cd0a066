import { createHash } from "node:crypto";
import type { Finding } from "./types.js";

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
const RUFF_SETTINGS = { "line-length": 99, lint: { select: ["F", "E9", "B", "PLE"], ignore: ["B904", "B008"] } };
const RUFF_ERRORS = /^(F82[1-3]|F63[2-4]|F70[1-7]|E9|PLE)/;

let ruffPromise: Promise<RuffWorkspace> | undefined;
export function getRuff(): Promise<RuffWorkspace> {
  ruffPromise ??= import("@astral-sh/ruff-wasm-nodejs").then((m) => new m.Workspace(RUFF_SETTINGS, m.PositionEncoding.Utf16) as unknown as RuffWorkspace);
  return ruffPromise;
}

export async function ruffFindings(file: string, source: string): Promise<Finding[]> {
  const ruff = await getRuff();
  const out: Finding[] = [];
  for (const d of ruff.check(source)) {
    // Syntax errors are FT001's (from compile() or the tree); Ruff's copy would duplicate them.
    if (!d.code || d.code === "invalid-syntax") continue;
    out.push({
      rule: d.code,
      severity: RUFF_ERRORS.test(d.code) ? "error" : "warning",
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

const COMPILE_SCRIPT = `
import json, sys
out = []
for name, src in json.load(sys.stdin):
    try:
        compile(src, name, "exec", dont_inherit=True)
    except SyntaxError as e:
        out.append({"file": name, "line": e.lineno or 1, "column": e.offset or 1,
                    "endLine": getattr(e, "end_lineno", None), "endColumn": getattr(e, "end_offset", None),
                    "message": f"{type(e).__name__}: {e.msg}"})
    except Exception as e:
        out.append({"file": name, "line": 1, "column": 1, "message": f"{type(e).__name__}: {e}"})
print(json.dumps(out))
`;

const compileCache = new Map<string, CompileError[]>();
let pythonMissing = false;

/** Returns undefined when no python3 can be run (the tree-sitter parse then decides). */
export async function pythonCompile(files: { file: string; source: string }[], signal?: AbortSignal): Promise<CompileError[] | undefined> {
  if (pythonMissing || files.length === 0) return pythonMissing ? undefined : [];
  const key = createHash("sha256").update(JSON.stringify(files.map((f) => [f.file, f.source]))).digest("hex");
  const cached = compileCache.get(key);
  if (cached) return cached;
  const { spawn } = await import("node:child_process");
  const payload = JSON.stringify(files.map((f) => [f.file, f.source]));
  return new Promise<CompileError[] | undefined>((resolve) => {
    // Security: argument array, no shell; stdin carries the sources; the child never sees our stdio.
    const child = spawn(process.env.FTLINT_PYTHON ?? "python3", ["-I", "-c", COMPILE_SCRIPT], { stdio: ["pipe", "pipe", "pipe"], signal, timeout: 15_000 });
    child.unref();
    let out = "";
    child.stdout.setEncoding("utf8").on("data", (d: string) => (out += d));
    child.stderr.resume();
    child.on("error", (e: NodeJS.ErrnoException) => {
      if (e.code === "ENOENT") pythonMissing = true;
      resolve(undefined);
    });
    child.on("close", (code) => {
      if (code !== 0 || !out) return resolve(undefined);
      try {
        const errs = JSON.parse(out) as CompileError[];
        if (compileCache.size > 256) compileCache.clear();
        compileCache.set(key, errs);
        resolve(errs);
      } catch {
        resolve(undefined);
      }
    });
    child.stdin.on("error", () => {});
    child.stdin.end(payload);
  });

}
