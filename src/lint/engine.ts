import * as pep440 from "@renovatebot/pep440";
import { ToolError } from "../errors.js";
import { ConnectorProject } from "../workspace/project.js";
import { pythonCompile, ruffFindings } from "./external.js";
import { LineIndex } from "./lines.js";
import { loadProject, readToml, type Project } from "./project.js";
import type { Report, Rule, RuleContext } from "./rule.js";
import { ALL_RULES } from "./rules/index.js";
import { PROFILES, type Finding, type LintResult, type Profile, type Severity, type TextEdit } from "./types.js";

export const LATEST_SDK = "3.0.0";
export const DOC_URI_PREFIX = "connector-sdk://lint-rules/";

export interface LintOptions {
  profile?: Profile;
  /** A PEP 440 version, e.g. "2.8.1". */
  targetSdk?: string;
  /** Only these rule ids (FT… or Ruff codes); all when empty. */
  rules?: string[];
  fix?: boolean;
  /** Skip Ruff and python3 (used by tests of single rules to stay fast). */
  generic?: boolean;
  signal?: AbortSignal;
}

export function ruleById(id: string): Rule | undefined {
  return ALL_RULES.find((r) => r.meta.id === id.toUpperCase());
}

function resolveTarget(opt: string | undefined, project: Project): string {
  if (opt) {
    const v = pep440.clean(opt) ?? (pep440.valid(opt) ? opt : null);
    if (!v) throw new ToolError("invalid_argument", `target_sdk '${opt}' is not a PEP 440 version.`, "Pass a version such as 2.8.2 or 3.0.0.", opt);
    return v;
  }
  const pin = project.sdkPin ? /^===?([^,*]+)$/.exec(project.sdkPin)?.[1] : undefined;
  if (pin && pep440.valid(pin)) return pin;
  // A range pin (<2): the newest version it allows decides which rules apply.
  if (project.sdkPin && pep440.validRange(project.sdkPin)) {
    const known = ["1.0.0", "1.8.0", "2.0.0", "2.8.1", "2.8.2", "2.12.0", LATEST_SDK];
    return pep440.maxSatisfying(known, project.sdkPin) ?? LATEST_SDK;
  }
  return LATEST_SDK;
}

function suppressed(project: Project, f: Finding): boolean {
  const t = project.texts.get(f.file);
  if (!t) return false;
  const matches = (line: string) => {
    const m = /#\s*ftlint:\s*disable=([A-Za-z0-9_, ]+)/.exec(line);
    return !!m && m[1].split(",").some((id) => id.trim().toUpperCase() === f.rule.toUpperCase() || id.trim().toLowerCase() === "all");
  };
  if (matches(t.lines.lineText(f.line))) return true;
  const mod = project.modules.find((m) => m.file === f.file);
  if (!mod) return false;
  const off = t.lines.offset(f.line, f.column);
  return mod.functions.some((fn) => fn.node.start <= off && off < fn.node.end && matches(t.lines.lineText(t.lines.position(fn.node.start).line)));
}

/**
 * Project settings: `.ftlint.toml` or `[tool.ftlint]` in pyproject.toml, with `profile`, `target_sdk`
 * and `disable = ["FT071", ...]`. Explicit options win over them.
 */
export function projectSettings(project: Project): { profile?: Profile; targetSdk?: string; disable: string[] } {
  const own = project.texts.get(".ftlint.toml")?.text;
  const py = project.pyproject?.text;
  let table: unknown;
  if (own !== undefined) table = readToml(own);
  else if (py !== undefined) {
    const tool = readToml(py)?.tool;
    table = tool && typeof tool === "object" ? (tool as Record<string, unknown>).ftlint : undefined;
  }
  if (!table || typeof table !== "object") return { disable: [] };
  const t = table as Record<string, unknown>;
  const profile = typeof t.profile === "string" ? t.profile : undefined;
  const target = typeof t.target_sdk === "string" ? t.target_sdk.replace(/^[=<>~!]+/, "") : undefined;
  return {
    profile: profile === "seed" ? "guidelines" : (PROFILES as readonly string[]).includes(profile ?? "") ? (profile as Profile) : undefined,
    targetSdk: target || undefined,
    disable: Array.isArray(t.disable) ? t.disable.filter((d): d is string => typeof d === "string").map((d) => d.toUpperCase()) : [],
  };
}

type CompileResult = Awaited<ReturnType<typeof pythonCompile>>;

async function runOnce(dir: string, opts: LintOptions): Promise<{ project: Project; findings: Finding[]; rulesRun: number; compile?: Promise<CompileResult> }> {
  // python3 compiles in its own process, and Ruff checks every module in its own process, while
  // the files are parsed and the rules run here: both start as soon as the sources are read. A module
  // the rules find broken (FT001) has its Ruff findings dropped below.
  let compile: Promise<CompileResult> | undefined;
  let ruff: Promise<Finding[]>[] = [];
  const project = await loadProject(dir, (sources) => {
    if (opts.generic === false) return;
    compile = pythonCompile(sources, opts.signal);
    compile.catch(() => undefined);
    ruff = sources.map((s) => ruffFindings(s.file, s.source));
    for (const r of ruff) r.catch(() => undefined);
  });
  const settings = projectSettings(project);
  const profile = opts.profile ?? settings.profile ?? "guidelines";
  const targetSdk = resolveTarget(opts.targetSdk ?? settings.targetSdk, project);
  const wanted = opts.rules?.length ? new Set(opts.rules.map((r) => r.toUpperCase())) : undefined;
  const disabled = new Set(settings.disable);
  const findings: Finding[] = [];
  let rulesRun = 0;
  for (const rule of ALL_RULES) {
    const m = rule.meta;
    if (wanted && !wanted.has(m.id)) continue;
    if (disabled.has(m.id)) continue;
    if (!m.profiles.includes(profile)) continue;
    if (m.minSdk && pep440.lt(targetSdk, m.minSdk)) continue;
    if (m.maxSdk && pep440.gte(targetSdk, m.maxSdk)) continue;
    rulesRun++;
    const ctx: RuleContext = {
      project,
      profile,
      targetSdk,
      sdkAtLeast: (v) => pep440.gte(targetSdk, v),
      report: (r: Report) => findings.push(toFinding(project, rule, r, m.severityUnder?.[profile])),
    };
    try {
      rule.check(ctx);
    } catch (e) {
      // A rule bug must not hide the other findings; it becomes a visible info finding.
      findings.push({
        rule: m.id,
        severity: "info",
        title: m.title,
        message: `internal error in rule ${m.id}: ${e instanceof Error ? e.message : String(e)}`,
        file: "connector.py",
        line: 1,
        column: 1,
        endLine: 1,
        endColumn: 1,
        docUri: DOC_URI_PREFIX + m.id,
        source: "ftlint",
      });
    }
  }
  if (opts.generic !== false) {
    const syntaxBroken = new Set(findings.filter((f) => f.rule === "FT001").map((f) => f.file));
    for (const [i, mod] of project.modules.entries()) {
      if (syntaxBroken.has(mod.file)) continue;
      for (const f of await ruff[i]) if ((!wanted || wanted.has(f.rule)) && !disabled.has(f.rule)) findings.push(f);
    }
  }
  const kept = findings.filter((f) => !suppressed(project, f));
  kept.sort((a, b) => a.file.localeCompare(b.file) || a.line - b.line || a.column - b.column || a.rule.localeCompare(b.rule));
  return { project, findings: dedupe(kept), rulesRun, compile };
}

function dedupe(fs: Finding[]): Finding[] {
  const seen = new Set<string>();
  return fs.filter((f) => {
    const k = `${f.rule}|${f.file}|${f.line}|${f.column}|${f.message}`;
    if (seen.has(k)) return false;
    seen.add(k);
    return true;
  });
}

function toFinding(project: Project, rule: Rule, r: Report, profileSeverity?: Severity): Finding {
  const lines = project.texts.get(r.file)?.lines ?? new LineIndex("");
  const s = lines.position(r.start);
  const e = lines.position(Math.max(r.end, r.start));
  const f: Finding = {
    rule: rule.meta.id,
    severity: r.severity ?? profileSeverity ?? rule.meta.severity,
    title: rule.meta.title,
    message: r.message,
    file: r.file,
    line: s.line,
    column: s.column,
    endLine: e.line,
    endColumn: e.column,
    docUri: DOC_URI_PREFIX + rule.meta.id,
    source: "ftlint",
  };
  if (r.fix) {
    const safe = (r.fix.safe ?? rule.meta.fixable === "safe") && rule.meta.fixable !== "none";
    f.fix = {
      description: r.fix.description,
      safe,
      edits: r.fix.edits.map((ed): TextEdit => {
        const file = ed.file ?? r.file;
        const li = project.texts.get(file)?.lines ?? new LineIndex("");
        const a = li.position(ed.start);
        const b = li.position(ed.end);
        return { file, start: ed.start, end: ed.end, newText: ed.newText, line: a.line, column: a.column, endLine: b.line, endColumn: b.column };
      }),
    };
  }
  return f;
}

/** Applies non-overlapping edits of the given fixes; returns the new texts of changed files. */
export function applyEdits(texts: Map<string, string>, fixes: { rule: string; edits: TextEdit[] }[]): { texts: Map<string, string>; applied: Map<string, Set<string>>; count: Map<string, number> } {
  const byFile = new Map<string, { rule: string; edit: TextEdit }[]>();
  const taken = new Map<string, [number, number][]>();
  const applied = new Map<string, Set<string>>();
  for (const fx of fixes) {
    // A fix is all-or-nothing: if any of its edits overlaps an accepted one, it waits for the next pass.
    const overlaps = fx.edits.some((e) => (taken.get(e.file) ?? []).some(([s, en]) => (e.start < en && s < e.end) || (e.start === e.end && e.start === s && s === en)));
    if (overlaps) continue;
    for (const e of fx.edits) {
      (taken.get(e.file) ?? taken.set(e.file, []).get(e.file)!).push([e.start, e.end]);
      (byFile.get(e.file) ?? byFile.set(e.file, []).get(e.file)!).push({ rule: fx.rule, edit: e });
      (applied.get(e.file) ?? applied.set(e.file, new Set()).get(e.file)!).add(fx.rule);
    }
  }
  const out = new Map<string, string>();
  const count = new Map<string, number>();
  for (const [file, edits] of byFile) {
    let text = texts.get(file) ?? "";
    // Stable order for inserts at the same point: keep the order fixes were accepted in.
    const ordered = edits.map((e, i) => ({ ...e, i })).sort((a, b) => b.edit.start - a.edit.start || b.edit.end - a.edit.end || b.i - a.i);
    for (const { edit } of ordered) text = text.slice(0, edit.start) + edit.newText + text.slice(edit.end);
    out.set(file, text);
    count.set(file, edits.length);
  }
  return { texts: out, applied, count };
}

export async function lint(dir: string, opts: LintOptions = {}): Promise<LintResult> {
  let run = await runOnce(dir, opts);
  const fixedRules = new Map<string, Set<string>>();
  const fixedEdits = new Map<string, number>();
  if (opts.fix) {
    // Fixes can unlock others (FT040 adds an import FT002 would otherwise want): a few passes.
    for (let pass = 0; pass < 6; pass++) {
      const safe = run.findings.filter((f) => f.fix?.safe && f.fix.edits.length > 0).map((f) => ({ rule: f.rule, edits: f.fix!.edits }));
      if (safe.length === 0) break;
      const texts = new Map([...run.project.texts].map(([k, v]) => [k, v.text]));
      const { texts: changed, applied, count } = applyEdits(texts, safe);
      if (changed.size === 0) break;
      for (const [file, text] of changed) {
        // Security: only files the linter itself read from the project folder are rewritten.
        if (!run.project.texts.has(file) && file !== ".gitignore") continue;
        // Security: written through the project layer (temporary file, then rename): never through a link or hard link.
        ConnectorProject.of(dir).writeFile(file, text);
      }
      for (const [file, rules] of applied) {
        const s = fixedRules.get(file) ?? new Set<string>();
        rules.forEach((r) => s.add(r));
        fixedRules.set(file, s);
        fixedEdits.set(file, (fixedEdits.get(file) ?? 0) + (count.get(file) ?? 0));
      }
      run = await runOnce(dir, opts);
    }
  }
  if (run.compile) mergeCompileErrors(run, await run.compile);
  const findings = standOnIntactCode(run.findings);
  return {
    findings,
    summary: {
      errors: findings.filter((f) => f.severity === "error").length,
      warnings: findings.filter((f) => f.severity === "warning").length,
      infos: findings.filter((f) => f.severity === "info").length,
      total: findings.length,
      fixable: findings.filter((f) => f.fix?.safe).length,
      files: run.project.texts.size,
      rulesRun: run.rulesRun,
    },
    fixed: [...fixedRules].map(([file, rules]) => ({ file, rules: [...rules].sort(), edits: fixedEdits.get(file) ?? 0 })),
  };
}

/**
 * Rules that read only the file they report on, one statement at a time: their findings in an intact
 * file stay true when another module does not parse. Everything else follows calls, names or the
 * configuration across modules, and a module that does not parse hides functions from them.
 */
const LOCAL_RULES = new Set([
  "FT040",
  "FT044",
  "FT045",
  "FT046",
  "FT048",
  "FT050",
  "FT056",
  "FT061",
  "FT062",
  "FT067",
  "FT071",
  "FT072",
  "FT073",
  "FT078",
  "FT083",
  "FT084",
  "FT100",
  "FT101",
  "FT05B",
  "FT05E",
]);

/**
 * A module that does not parse: its syntax error is the finding. The tree around the error is a
 * guess, so nothing else is said about that module, and only file-local findings elsewhere stand
 * (project-wide flow rules would report functions "missing" that are only unparsed).
 */
function standOnIntactCode(findings: Finding[]): Finding[] {
  const broken = new Set(findings.filter((f) => f.rule === "FT001" && f.message.startsWith("syntax error")).map((f) => f.file));
  if (broken.size === 0) return findings;
  return findings.filter((f) => f.rule === "FT001" || (!broken.has(f.file) && (f.source !== "ftlint" || LOCAL_RULES.has(f.rule))));
}

/**
 * python3's compile() decides syntax: its errors replace the tree-sitter guess for that file,
 * and a file tree-sitter flagged but Python accepts loses its FT001 (the tree is tolerant, not exact).
 */
function mergeCompileErrors(run: { findings: Finding[]; project: Project }, compile: CompileResult): void {
  if (!compile) return;
  const rule = ruleById("FT001")!;
  const fromTree = (f: Finding) => f.rule === "FT001" && f.file.endsWith(".py") && f.message.startsWith("syntax error");
  for (let i = run.findings.length - 1; i >= 0; i--) if (fromTree(run.findings[i])) run.findings.splice(i, 1);
  for (const e of compile) {
    run.findings.push({
      rule: "FT001",
      severity: "error",
      title: rule.meta.title,
      message: `syntax error (python3 compile): ${e.message}`,
      file: e.file,
      line: e.line,
      column: e.column,
      endLine: e.endLine ?? e.line,
      endColumn: e.endColumn ?? e.column + 1,
      docUri: DOC_URI_PREFIX + "FT001",
      source: "python",
    });
  }
  run.findings.sort((a, b) => a.file.localeCompare(b.file) || a.line - b.line || a.column - b.column || a.rule.localeCompare(b.rule));
}
