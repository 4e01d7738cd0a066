/**
 * requirements.txt as Fivetran's deploy reads it, plus the rules deploy enforces (sdk-behaviour §6.1):
 * `fivetran-connector-sdk` and `requests` are pre-installed in production and must not be listed.
 * Pure functions: no file access, so the same checks serve install, deploy and evaluate.
 */
import type { Finding } from "../findings.js";

export interface Requirement {
  /** PEP 503 normalised distribution name (lower case, runs of `-_.` become `-`). */
  name: string;
  /** The name as written. */
  rawName: string;
  /** Version specifier as written (`==1.2.3`, `>=2`), empty when unpinned. */
  spec: string;
  /** True for `name==x.y.z` and for git URLs pinned to `@ref`. */
  pinned: boolean;
  /** 1-based line in the file. */
  line: number;
  text: string;
  /** A `git+…` or other URL requirement. */
  url?: string;
}

export interface RequirementsFile {
  requirements: Requirement[];
  /** Option lines (`-r`, `--index-url`, …), which deploy does not follow. */
  options: { line: number; text: string }[];
}

export function normalizeName(name: string): string {
  return name.trim().toLowerCase().replace(/[-_.]+/g, "-");
}

export function parseRequirements(text: string): RequirementsFile {
  const out: RequirementsFile = { requirements: [], options: [] };
  text.split(/\r?\n/).forEach((raw, i) => {
    const line = i + 1;
    // A ` #` starts a comment; a `#` inside a URL fragment (`#egg=`) does not.
    const noComment = raw.replace(/(^|\s)#.*$/, "").trim();
    if (noComment === "") return;
    if (noComment.startsWith("-")) {
      out.options.push({ line, text: noComment });
      return;
    }
    const urlMatch = /^(?:(\S+?)\s*@\s*)?((?:git\+|hg\+|svn\+|bzr\+|https?:\/\/|file:)\S+)/.exec(noComment);
    if (urlMatch) {
      const url = urlMatch[2];
      const egg = /#egg=([A-Za-z0-9._-]+)/.exec(url)?.[1];
      const rawName = urlMatch[1] ?? egg ?? url.replace(/\.git(@.*)?$/, "").split(/[/#]/).filter(Boolean).pop() ?? url;
      const pinned = /\.git@[^#\s]+|@[0-9a-f]{7,40}\b|@v?\d/.test(url.replace(/^git\+/, ""));
      out.requirements.push({ name: normalizeName(rawName.replace(/\[.*$/, "")), rawName, spec: "", pinned, line, text: noComment, url });
      return;
    }
    const m = /^([A-Za-z0-9][A-Za-z0-9._-]*)\s*(\[[^\]]*\])?\s*([^;]*)/.exec(noComment);
    if (!m) {
      out.requirements.push({ name: normalizeName(noComment), rawName: noComment, spec: "", pinned: false, line, text: noComment });
      return;
    }
    const spec = m[3].trim();
    out.requirements.push({ name: normalizeName(m[1]), rawName: m[1], spec, pinned: /^===?\s*[^,*]+$/.test(spec), line, text: noComment });
  });
  return out;
}

/** Pre-installed in the Fivetran runtime; listing them causes version conflicts at deploy. */
export const PREINSTALLED = new Set(["fivetran-connector-sdk", "requests"]);

/** A requirements.txt finding (the shared shape) with the package it names, for error values. */
export type RequirementIssue = Finding & { rule: `requirements:${"preinstalled" | "unpinned" | "option"}`; severity: "error" | "warning"; line: number; package?: string };

/** The finding without the engine's extra field. */
export function requirementFinding(i: RequirementIssue): Finding {
  const { package: _package, ...finding } = i;
  return finding;
}

/**
 * Deploy-time rules. Listing a pre-installed package is an error here (deploy refuses to go on
 * until it is removed); an unpinned package is a warning (deploy asks to pin it).
 */
export function checkRequirements(file: RequirementsFile): RequirementIssue[] {
  const issues: RequirementIssue[] = [];
  for (const r of file.requirements) {
    if (PREINSTALLED.has(r.name)) {
      issues.push({
        rule: "requirements:preinstalled",
        file: "requirements.txt",
        severity: "error",
        line: r.line,
        package: r.rawName,
        message: `requirements.txt lists ${r.rawName}, which Fivetran pre-installs in the connector runtime (the latest version is always available); deploy refuses a requirements.txt that declares it.`,
        hint: `Delete line ${r.line} (${r.text}). To run the real SDK locally, install it into .venv with install_requirements include_sdk=true instead.`,
      });
    } else if (!r.pinned) {
      issues.push({
        rule: "requirements:unpinned",
        file: "requirements.txt",
        severity: "warning",
        line: r.line,
        package: r.rawName,
        message: `${r.rawName} is not pinned with == (${r.spec || "no version"}); production may install a different version than you tested.`,
        hint: r.url ? `Pin the URL to a tag or commit: …@<tag-or-sha>.` : `Pin it, e.g. ${r.rawName}==<the version in .venv> (pip freeze shows it).`,
      });
    }
  }
  for (const o of file.options) {
    issues.push({
      rule: "requirements:option",
      file: "requirements.txt",
      severity: "warning",
      line: o.line,
      message: `Line ${o.line} is a pip option (${o.text}); Fivetran's deploy reads only package lines and does not follow it.`,
      hint: "List every package directly in requirements.txt.",
    });
  }
  return issues;
}
