import { ToolError } from "../errors.js";
import fg from "fast-glob";
import { existsSync } from "node:fs";
import { join } from "node:path";
import { ConnectorProject } from "../workspace/project.js";
import { parseJson, JsonSyntaxError, type JsonNode } from "./json.js";
import { LineIndex } from "./lines.js";
import { Module, type FuncInfo } from "./model.js";
import { field, named, walkTypes, type PyNode } from "./python.js";
import { parsePython } from "./python.js";
import { parse as parseToml } from "smol-toml";
import { normalizeName, parseRequirementLine, parseRequirements, type Requirement, type RequirementsFile } from "./requirements.js";

/** Everything the rules look at, read once per lint run. */
export interface TextFile {
  file: string;
  text: string;
  lines: LineIndex;
}

export interface Project {
  dir: string;
  modules: Module[];
  main?: Module;
  texts: Map<string, TextFile>;
  config?: TextFile & { json?: JsonNode; error?: JsonSyntaxError };
  requirements?: TextFile & RequirementsFile;
  pyproject?: TextFile & { dependencies?: Requirement[] };
  gitignore?: TextFile;
  hasGit: boolean;
  hasDriversScript: boolean;
  readme?: TextFile;
  funcsByName: Map<string, FuncInfo[]>;
  connectorCall?: { mod: Module; call: PyNode };
  update?: FuncInfo;
  schema?: FuncInfo;
  writes: Set<FuncInfo>;
  ckpt: Set<FuncInfo>;
  /** Names (identifiers or `self.x` texts) that hold the Fivetran configuration, per function. */
  configNames: Map<FuncInfo, Set<string>>;
  /** The requirement pin of fivetran-connector-sdk, used as target_sdk when none is given. */
  sdkPin?: string;
}

const SKIP_DIRS = new Set(["tests", "test", "files", ".venv", "venv", "__pycache__", ".git", "node_modules", "drivers", ".tox", "build", "dist"]);
const MAX_FILES = 200;

function listPython(dir: string): string[] {
  // Security: links are not followed, so a link back up the tree cannot make the walk loop or leave the folder.
  const found = fg.sync("**/*.py", {
    cwd: dir,
    onlyFiles: true,
    followSymbolicLinks: false,
    dot: false,
    deep: 10,
    suppressErrors: true,
    ignore: [...[...SKIP_DIRS].map((d) => `**/${d}/**`), "**/.venv.untrusted-*/**"],
  });
  return found
    .filter((f) => {
      const base = f.slice(f.lastIndexOf("/") + 1);
      return !base.startsWith("test_") && !base.endsWith("_test.py");
    })
    .slice(0, MAX_FILES);
}

// Security: every file lint reads goes through the project layer, so a link leaving the folder is refused instead of
// having its lines quoted in findings.
function readText(dir: string, file: string): TextFile | undefined {
  const text = ConnectorProject.of(dir).readText(file);
  if (text === undefined) return undefined;
  return { file, text, lines: new LineIndex(text) };
}

/** The largest Python module lint reads; connector modules are rarely over 50 KB. */
export const MAX_MODULE_BYTES = 256 * 1024;
/** The most Python source lint reads in one folder. */
export const MAX_SOURCE_BYTES = 1024 * 1024;

// Security: the syntax tree, its copy and the rules' indexes take about 100 times a module's size (a 3 MB module of
// `x = 1` lines took the server past 1.5 GB and 24 s of its event loop); a larger module is refused with a clear error
// instead of being parsed.
function checkSizes(files: string[], texts: Map<string, TextFile>): void {
  let total = 0;
  for (const f of files) {
    const bytes = Buffer.byteLength(texts.get(f)!.text);
    total += bytes;
    if (bytes > MAX_MODULE_BYTES) {
      throw new ToolError(
        "invalid_argument",
        `${f} is ${bytes} bytes; lint_connector reads Python modules of up to ${MAX_MODULE_BYTES} bytes.`,
        "Split the module, or move generated data out of Python source (e.g. into a JSON file the connector reads).",
        f,
      );
    }
  }
  if (total > MAX_SOURCE_BYTES) {
    throw new ToolError(
      "invalid_argument",
      `The folder's Python modules total ${total} bytes; lint_connector reads up to ${MAX_SOURCE_BYTES} bytes of Python per folder.`,
      "Move what the connector does not import (vendored packages, generated code) out of the connector folder.",
    );
  }
}

/** `onSources` gets the Python files' texts (in module order) as soon as they are read, before parsing. */
export async function loadProject(dir: string, onSources?: (files: { file: string; source: string }[]) => void): Promise<Project> {
  const files = listPython(dir);
  // The walk skips links; connector.py itself is read whatever it is, so that a link out is refused, not ignored.
  if (!files.includes("connector.py") && ConnectorProject.of(dir).exists("connector.py")) files.push("connector.py");
  files.sort((a, b) => (a === "connector.py" ? -1 : b === "connector.py" ? 1 : a.localeCompare(b)));
  const texts = new Map<string, TextFile>();
  const modules: Module[] = [];
  for (const f of files) texts.set(f, readText(dir, f)!);
  checkSizes(files, texts);
  // The Python sources are known before they are parsed: checks that need only the text start now.
  onSources?.(files.map((f) => ({ file: f, source: texts.get(f)!.text })));
  for (const f of files) modules.push(new Module(f, await parsePython(texts.get(f)!.text, join(dir, f))));
  const project: Project = {
    dir,
    modules,
    main: modules.find((m) => m.file === "connector.py"),
    texts,
    hasGit: existsSync(join(dir, ".git")),
    hasDriversScript: existsSync(join(dir, "drivers", "installation.sh")),
    funcsByName: new Map(),
    writes: new Set(),
    ckpt: new Set(),
    configNames: new Map(),
  };
  const cfg = readText(dir, "configuration.json");
  if (cfg) {
    texts.set(cfg.file, cfg);
    try {
      project.config = { ...cfg, json: parseJson(cfg.text) };
    } catch (e) {
      project.config = { ...cfg, error: e instanceof JsonSyntaxError ? e : new JsonSyntaxError(String(e), 0) };
    }
  }
  const req = readText(dir, "requirements.txt");
  if (req) {
    texts.set(req.file, req);
    project.requirements = { ...req, ...parseRequirements(req.text) };
  }
  const py = readText(dir, "pyproject.toml");
  if (py) {
    texts.set(py.file, py);
    project.pyproject = { ...py, dependencies: pyprojectDependencies(py.text) };
  }
  for (const extra of [".gitignore", "README.md", ".ftlint.toml"]) {
    const t = readText(dir, extra);
    if (t) texts.set(t.file, t);
  }
  project.gitignore = texts.get(".gitignore");
  project.readme = texts.get("README.md");
  analyse(project);
  const sdkReq = [...(project.requirements?.requirements ?? []), ...(project.pyproject?.dependencies ?? [])].find((r) => r.normalized === "fivetran-connector-sdk");
  if (sdkReq?.specifier) project.sdkPin = sdkReq.specifier;
  return project;
}

/** A TOML file as a table, or undefined when it does not parse (the linter then reads no settings from it). */
export function readToml(text: string): Record<string, unknown> | undefined {
  try {
    return parseToml(text);
  } catch {
    return undefined;
  }
}

/**
 * `[project].dependencies` of a pyproject.toml: the array of PEP 508 strings, read with a TOML parser. Each is then
 * found in the text, in order, for its position (a fix removes it there).
 */
export function pyprojectDependencies(text: string): Requirement[] | undefined {
  const project = readToml(text)?.project;
  const deps = project && typeof project === "object" ? (project as Record<string, unknown>).dependencies : undefined;
  if (!Array.isArray(deps)) return undefined;
  const out: Requirement[] = [];
  let from = Math.max(0, /^\[project\]/m.exec(text)?.index ?? 0);
  for (const dep of deps) {
    if (typeof dep !== "string") continue;
    const parsed = parseRequirementLine(dep);
    if (!parsed || "problem" in parsed) continue;
    // The string as written: the same text in double or single quotes (TOML escapes are rare in requirements).
    const candidates = [`"${dep}"`, `'${dep}'`].map((q) => ({ q, at: text.indexOf(q, from) })).filter((c) => c.at >= 0);
    const hit = candidates.sort((x, y) => x.at - y.at)[0];
    const start = hit ? hit.at : from;
    const end = hit ? hit.at + hit.q.length : from;
    if (hit) from = end;
    out.push({ ...parsed, line: text.slice(0, start).split("\n").length, start, end });
  }
  return out;
}

function analyse(p: Project): void {
  for (const m of p.modules) {
    // A helper module may use `op`/`log` bound in connector.py only by import; aliases are per module.
    m.classifyOps();
    for (const f of m.functions) {
      const list = p.funcsByName.get(f.name) ?? [];
      list.push(f);
      p.funcsByName.set(f.name, list);
    }
  }
  // Entry points: the first Connector(...) call, preferring module scope in connector.py.
  const candidates: { mod: Module; call: PyNode }[] = [];
  for (const m of p.modules) {
    for (const c of m.calls) {
      const fn = field(c, "function");
      if (fn?.type === "identifier" && (m.connector.has(m.t(fn)) || (m.t(fn) === "Connector" && m.connector.size === 0))) candidates.push({ mod: m, call: c });
      else if (fn?.type === "attribute" && m.t(field(fn, "attribute")) === "Connector" && m.sdkModule.has(m.t(field(fn, "object")))) candidates.push({ mod: m, call: c });
    }
  }
  p.connectorCall = candidates.find((c) => c.mod === p.main && c.mod.atImportTime(c.call)) ?? candidates[0];
  if (p.connectorCall) {
    const { mod, call } = p.connectorCall;
    const resolve = (n: PyNode | undefined) => (n?.type === "identifier" ? p.funcsByName.get(mod.t(n))?.find((f) => !f.className) : undefined);
    p.update = resolve(mod.arg(call, 0, "update"));
    p.schema = resolve(mod.arg(call, 1, "schema"));
  }
  // Transitive closure of writes and checkpoints over the simple-name call graph.
  const all = p.modules.flatMap((m) => m.functions);
  const closure = (seed: (f: FuncInfo) => boolean): Set<FuncInfo> => {
    const set = new Set(all.filter(seed));
    let changed = true;
    while (changed) {
      changed = false;
      for (const f of all) {
        if (set.has(f)) continue;
        for (const c of f.calls) {
          if ((p.funcsByName.get(c) ?? []).some((g) => set.has(g))) {
            set.add(f);
            changed = true;
            break;
          }
        }
      }
    }
    return set;
  };
  p.writes = closure((f) => f.writes.length > 0);
  p.ckpt = closure((f) => f.checkpoints.length > 0);
  configurationFlow(p);
}

/**
 * The configuration object: the first parameter of update/schema, one call level deeper, and
 * `self.x = configuration` attributes. Arbitrary *_config dicts are deliberately not included.
 */
function configurationFlow(p: Project): void {
  const add = (f: FuncInfo, name: string) => {
    const s = p.configNames.get(f) ?? new Set<string>();
    s.add(name);
    p.configNames.set(f, s);
  };
  const roots: FuncInfo[] = [];
  for (const f of [p.update, p.schema]) {
    const first = f?.params.find((x) => x.kind === "positional");
    if (f && first) {
      add(f, first.name);
      roots.push(f);
    }
  }
  for (const f of p.funcsByName.get("validate_configuration") ?? []) {
    const first = f.params.find((x) => x.kind === "positional" && x.name !== "self");
    if (first) add(f, first.name);
  }
  // Two rounds: update → helper → helper's helper covers the usual shapes.
  for (let round = 0; round < 2; round++) {
    for (const [f, names] of [...p.configNames]) {
      const mod = f.mod;
      for (const call of f.callNodes) {
        const a = mod.args(call);
        const targets = p.funcsByName.get(mod.callee(call) ?? "") ?? [];
        a.positional.forEach((arg, i) => {
          if (!names.has(mod.t(arg))) return;
          for (const g of targets) {
            const params = g.params.filter((x) => x.kind === "positional" && x.name !== "self" && x.name !== "cls");
            if (params[i]) add(g, params[i].name);
          }
        });
        for (const [k, v] of a.keywords) if (names.has(mod.t(v))) for (const g of targets) if (g.params.some((x) => x.name === k)) add(g, k);
      }
      walkTypes(f.node, ["assignment"], (n) => {
        if (n.type !== "assignment") return;
        const right = field(n, "right");
        const left = field(n, "left");
        if (!right || !left || !names.has(mod.t(right))) return;
        const lt = mod.t(left);
        if (left.type === "attribute" && lt.startsWith("self.")) {
          // Methods of the same class see the attribute.
          for (const g of mod.functions) if (g.className && g.className === f.className) add(g, lt);
          for (const g of mod.functions) if (g.className && f.name === "__init__" && g.className === f.className) add(g, lt);
        } else if (left.type === "identifier") add(f, lt);
      });
    }
  }
  // Constructors: Client(configuration) binds __init__'s parameter.
  for (const [f, names] of [...p.configNames]) {
    for (const call of f.callNodes) {
      const a = f.mod.args(call);
      const cls = f.mod.callee(call);
      a.positional.forEach((arg, i) => {
        if (!names.has(f.mod.t(arg))) return;
        for (const init of p.funcsByName.get("__init__") ?? []) {
          if (init.className !== cls) continue;
          const params = init.params.filter((x) => x.kind === "positional" && x.name !== "self");
          if (!params[i]) continue;
          add(init, params[i].name);
          walkTypes(init.node, ["assignment"], (n) => {
            if (n.type === "assignment" && init.mod.t(field(n, "right")) === params[i].name && init.mod.t(field(n, "left")).startsWith("self.")) {
              for (const g of init.mod.functions) if (g.className === cls) add(g, init.mod.t(field(n, "left")));
            }
          });
        }
      });
    }
  }
}

export function configNamesAt(p: Project, n: PyNode, mod: Module): Set<string> {
  const f = mod.functionOf(n);
  return (f && p.configNames.get(f)) ?? new Set();
}

export { named, normalizeName };
