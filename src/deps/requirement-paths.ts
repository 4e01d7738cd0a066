import { isAbsolute, posix, relative, sep } from "node:path";
import { fileURLToPath } from "node:url";
import { ToolError } from "../errors.js";
import type { ConnectorProject } from "../workspace/project.js";

/**
 * Every way a requirements file names something on the disk, checked before pip runs: pip reads `-r`/`-c` files and
 * quotes their lines in its errors, scans `--find-links` folders, builds `-e` and bare paths, and installs
 * `name @ file:` URLs. Each must stay inside the connector folder (links included). Remote URLs for indexes,
 * find-links and packages stay allowed: fetching from an index is pip's normal business.
 */

const URL_SCHEME = /^[a-z][a-z0-9+.-]*:/i;
/** A Windows drive (`C:`) is not a URL scheme. */
const isUrl = (s: string) => URL_SCHEME.test(s) && !/^[a-z]:[\\/]/i.test(s);
/** `file:` and its VCS forms (`git+file:`), which pip reads from the disk too. */
const isFileUrl = (s: string) => /^(?:[a-z]+\+)?file:/i.test(s);

/** The long options pip's requirements-file parser knows that take a file, with optparse's prefix abbreviations. */
const INCLUDE_LONG = ["--requirement", "--constraint"];

function refuse(file: string, lineNo: number, what: string): ToolError {
  // Security: the message quotes what requirements.txt says, never the content of what it names.
  return new ToolError(
    "outside_project",
    `${file} line ${lineNo}: ${what} leaves the connector folder; install_requirements refuses it before pip runs.`,
    "Keep every file, folder and file: URL that requirements.txt names inside the connector folder; remote https URLs for indexes and packages are fine.",
  );
}

/** pip's logical lines: a trailing backslash joins the next line; `#` after whitespace starts a comment. */
function logicalLines(text: string): { no: number; text: string }[] {
  const out: { no: number; text: string }[] = [];
  const raw = text.split(/\r?\n/);
  for (let i = 0; i < raw.length; i++) {
    const no = i + 1;
    let line = raw[i];
    while (line.endsWith("\\") && i + 1 < raw.length) line = line.slice(0, -1) + raw[++i];
    out.push({ no, text: line.replace(/(^|\s)#.*$/, "").trim() });
  }
  return out;
}

/** The tokens of an option line, with `--opt=value` and `-fVALUE` split into option and value. */
function tokens(line: string): string[] {
  const out: string[] = [];
  for (const t of line
    .split(/\s+/)
    .filter(Boolean)
    .map((s) => s.replace(/^(['"])(.*)\1$/, "$2"))) {
    const long = /^(--[^=]+)=(.*)$/.exec(t);
    const short = /^(-[a-zA-Z])=?(.+)$/.exec(t);
    if (long) out.push(long[1], long[2]);
    else if (short) out.push(short[1], short[2]);
    else out.push(t);
  }
  return out;
}

function isIncludeOption(opt: string): boolean {
  if (opt === "-r" || opt === "-c") return true;
  return opt.startsWith("--") && opt.length >= 4 && INCLUDE_LONG.some((l) => l.startsWith(opt));
}

/**
 * The path inside the folder (relative to it) that `target` names, or a refusal. `base` is the folder of the file
 * naming it, relative to the connector folder.
 */
function insidePath(project: ConnectorProject, base: string, target: string, file: string, lineNo: number): string {
  let p = target;
  if (isFileUrl(p)) {
    try {
      p = fileURLToPath(p.replace(/^(?:[a-z]+\+)?file:(?!\/\/)/i, "file://").replace(/^[a-z]+\+(?=file:)/i, ""));
    } catch {
      throw refuse(file, lineNo, `the file: URL ${target}`);
    }
  }
  // Security: `~` is the server user's home, outside the folder.
  if (p.startsWith("~")) throw refuse(file, lineNo, target);
  let rel: string;
  if (isAbsolute(p)) {
    rel = relative(project.root, p).split(sep).join("/");
    if (rel === "") rel = ".";
    if (rel.startsWith("..") || isAbsolute(rel)) throw refuse(file, lineNo, target);
  } else rel = posix.join(base, p);
  try {
    // Security: resolved through the project layer, so `..` and links leaving the folder are refused.
    project.resolve(rel);
  } catch (e) {
    if (e instanceof ToolError && e.code === "outside_project") throw refuse(file, lineNo, target);
    throw e;
  }
  return rel;
}

/** A requirement line's local target: `name @ file:…`, a bare `file:` URL, or a bare path to a wheel, archive or folder. */
function requirementTarget(line: string): string | undefined {
  const at = /^[^\s@;]+?\s*@\s*(\S+)/.exec(line);
  if (at) return isUrl(at[1]) ? (isFileUrl(at[1]) ? at[1] : undefined) : at[1];
  const first = line.split(/[\s;]/)[0];
  if (isFileUrl(first)) return first;
  if (isUrl(first)) return undefined;
  // pip treats a line as a path when it has a separator or names an archive; a plain name (`six==1.0`) has neither.
  if (/[\\/]/.test(first) || first.startsWith(".") || first.startsWith("~") || /\.(whl|zip|tar\.gz|tgz|tar\.bz2|tar)$/i.test(first)) return first;
  return undefined;
}

/**
 * Checks one requirements file and the files it includes (a few levels deep), read through the project layer.
 * Throws outside_project at the first line that names something outside the folder.
 */
export function checkRequirementPaths(project: ConnectorProject, file: string, text: string, depth = 0): void {
  if (depth > 5) return;
  const base = posix.dirname(file);
  for (const { no, text: line } of logicalLines(text)) {
    if (!line) continue;
    if (!line.startsWith("-")) {
      const target = requirementTarget(line);
      if (target !== undefined) insidePath(project, ".", target, file, no);
      continue;
    }
    const ts = tokens(line);
    for (let i = 0; i < ts.length; i++) {
      const t = ts[i];
      if (t.startsWith("-") && i + 1 < ts.length && isIncludeOption(t)) {
        const target = ts[++i];
        // Security: an included file given as a URL (any scheme) is refused: pip quotes its lines in errors.
        if (isUrl(target) && !isFileUrl(target)) throw refuse(file, no, `the included file ${target}`);
        const rel = insidePath(project, base, target, file, no);
        const included = project.readText(rel);
        if (included !== undefined) checkRequirementPaths(project, rel, included, depth + 1);
        continue;
      }
      if (t.startsWith("-")) continue;
      // Any other value (find-links, index URL, editable, or an abbreviation of them): a remote URL is pip's business;
      // a file: URL or anything that looks like a path must stay inside.
      if (isUrl(t) && !isFileUrl(t)) continue;
      if (isFileUrl(t) || /[\\/]/.test(t) || t.startsWith(".") || t.startsWith("~")) insidePath(project, base, t, file, no);
    }
  }
}
