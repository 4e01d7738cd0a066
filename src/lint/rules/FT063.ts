import { existsSync, readdirSync, readFileSync, statSync } from "node:fs";
import { dirname, isAbsolute, join, resolve } from "node:path";
import { ALL_PROFILES, defineRule, type Report } from "../rule.js";
import type { Project } from "../project.js";
import { declared } from "../deps.js";
import { distsFor, looselyProvides, PREINSTALLED, REQUESTS_DEPS, SDK_DEPS, STDLIB } from "../stdlib.js";
import { normalizeName } from "../requirements.js";
import { ancestors } from "../python.js";

export default defineRule({
  meta: { id: "FT063", severity: "error", title: "Import not resolvable", fixable: "suggest", profiles: ALL_PROFILES, guideline: "docs: managing project dependencies (list every library you use)" },
  check(ctx) {
    const p = ctx.project;
    const d = declared(p);
    const names = new Set((d?.reqs ?? []).map((r) => r.normalized));
    // Read only when something is missing: a clean connector never touches the venv.
    let env: InstalledEnv | null | undefined;
    const installed = () => (env === undefined ? (env = installedEnv(p.dir)) : env);
    for (const mod of p.modules)
      for (const imp of mod.imports) {
        if (imp.level > 0) continue;
        const fulls = imp.isFrom ? [imp.module] : imp.names.map((n) => n.name);
        for (const full of fulls) {
          const top = full.split(".")[0];
          if (!top || STDLIB.has(top) || PREINSTALLED.has(top)) continue;
          if (existsSync(join(p.dir, `${top}.py`)) || existsSync(join(p.dir, top))) continue;
          const dists = distsFor(top, full).map(normalizeName);
          if (dists.some((x) => names.has(x)) || [...names].some((n) => looselyProvides(n, top)) || ((top === "google" || top === "azure") && [...names].some((n) => n.startsWith(`${top}-`))))
            continue;
          // An import guarded by `except ImportError` is optional by design.
          if (ancestors(imp.node).some((a) => a.type === "try_statement" && /ImportError|ModuleNotFoundError/.test(mod.t(a)))) continue;
          const transitive = REQUESTS_DEPS.has(top) || SDK_DEPS.has(top);
          const found = transitive ? undefined : installed()?.find(top, dists);
          // A name the installed distribution answers for (yaml → PyYAML) beats the map's guess.
          const line = found ? `${found.name}==${found.version}` : dists[0];
          const where = found ? ` (the version installed in ${installed()!.label})` : "==<version>";
          ctx.report({
            file: mod.file,
            start: imp.node.start,
            end: imp.node.end,
            severity: transitive ? "info" : "error",
            message: transitive
              ? `${top} comes with ${REQUESTS_DEPS.has(top) ? "requests" : "the fivetran-connector-sdk package"} today; declare it if you rely on a specific version`
              : `'${top}' is neither standard library, pre-installed, a project module nor declared in ${d?.file ?? "requirements.txt"}; the connector fails with ImportError. Add ${line}${where}`,
            fix: transitive ? undefined : declare(p, line, found ? `declare ${line}, the version installed in ${installed()!.label}` : `declare ${line} (pin the version you tested)`),
          });
        }
      }
  },
});

/**
 * The edit that declares a requirement where pip will read it: pyproject.toml's dependency array
 * when that file declares dependencies (requirements.txt is then ignored), else requirements.txt.
 */
function declare(p: Project, line: string, description: string): Report["fix"] {
  const d = declared(p);
  if (d && p.pyproject && d.file === p.pyproject.file) {
    const last = d.reqs[d.reqs.length - 1];
    // An empty array has no element to anchor the edit on; the message still names the line.
    return last ? { description, safe: false, edits: [{ file: d.file, start: last.end, end: last.end, newText: `, "${line}"` }] } : undefined;
  }
  if (!p.requirements) return undefined;
  const text = p.requirements.text;
  return { description, safe: false, edits: [{ file: p.requirements.file, start: text.length, end: text.length, newText: `${text.endsWith("\n") || !text ? "" : "\n"}${line}\n` }] };
}

interface Dist {
  name: string;
  version: string;
  dir: string;
}

interface InstalledEnv {
  /** How the finding names the environment: ".venv", or the interpreter from FIVETRAN_CONNECTOR_PYTHON. */
  label: string;
  find(top: string, candidates: string[]): Dist | undefined;
}

/**
 * The environment the connector runs with, found the way the runner picks its Python
 * (src/runner/python.ts): FIVETRAN_CONNECTOR_PYTHON when it is a path, else the project's .venv or
 * venv. Only virtual environments (a pyvenv.cfg beside bin/) are read, from their dist-info
 * folders, without starting Python: a system interpreter's packages say nothing about what this
 * connector was tested with. A command name (python3.12) cannot be located without running it.
 */
function installedEnv(projectDir: string): InstalledEnv | null {
  const given = process.env.FIVETRAN_CONNECTOR_PYTHON?.trim();
  let root: string | undefined;
  let label = "";
  if (given) {
    if (!given.includes("/") && !given.includes("\\")) return null;
    const py = isAbsolute(given) ? given : resolve(projectDir, given);
    root = dirname(dirname(py));
    label = given;
  } else {
    for (const name of [".venv", "venv"]) {
      if (existsSync(join(projectDir, name, "pyvenv.cfg"))) {
        root = join(projectDir, name);
        label = name;
        break;
      }
    }
  }
  if (!root || !existsSync(join(root, "pyvenv.cfg"))) return null;
  const dists = new Map<string, Dist>();
  for (const sp of sitePackages(root)) {
    for (const entry of safeList(sp)) {
      const m = /^([^-]+)-([^-]+)\.dist-info$/.exec(entry);
      if (!m) continue;
      const dir = join(sp, entry);
      // Security: only the Name and Version fields reach a finding; nothing is executed or imported.
      const meta = safeRead(join(dir, "METADATA"));
      const name = /^Name:\s*(.+)$/m.exec(meta)?.[1]?.trim() ?? m[1];
      const version = /^Version:\s*(.+)$/m.exec(meta)?.[1]?.trim() ?? m[2];
      const key = normalizeName(name);
      if (!dists.has(key)) dists.set(key, { name, version, dir });
    }
  }
  return {
    label,
    find(top, candidates) {
      for (const c of candidates) {
        const hit = dists.get(c);
        if (hit && provides(hit, top) !== false) return hit;
      }
      // Not in the map: ask each installed distribution which top-level names it ships.
      for (const d of dists.values()) if (provides(d, top)) return d;
      return undefined;
    },
  };
}

/** Whether a distribution ships the top-level module; undefined when its dist-info does not say. */
function provides(d: Dist, top: string): boolean | undefined {
  const tl = safeRead(join(d.dir, "top_level.txt"));
  if (tl) return tl.split(/\r?\n/).some((l) => l.trim() === top);
  const record = safeRead(join(d.dir, "RECORD"));
  if (!record) return undefined;
  return record.split(/\r?\n/).some((l) => {
    const first = l.split(",")[0].split("/")[0];
    return first === top || first === `${top}.py` || (first.startsWith(`${top}.`) && /\.(so|pyd)$/.test(first));
  });
}

function sitePackages(root: string): string[] {
  const out: string[] = [];
  for (const lib of ["lib", "lib64"]) {
    for (const v of safeList(join(root, lib))) if (/^python3\.\d+$/.test(v)) out.push(join(root, lib, v, "site-packages"));
  }
  out.push(join(root, "Lib", "site-packages"));
  return out.filter((d) => existsSync(d) && statSync(d).isDirectory());
}

function safeList(dir: string): string[] {
  try {
    return readdirSync(dir).sort();
  } catch {
    return [];
  }
}

function safeRead(file: string): string {
  try {
    return readFileSync(file, "utf8");
  } catch {
    return "";
  }
}
