/**
 * requirements.txt as Fivetran's deploy reads it, plus the rules deploy enforces (sdk-behaviour §6.1):
 * `fivetran-connector-sdk` and `requests` are pre-installed in production and must not be listed.
 * Pure functions: no file access, so the same checks serve install, deploy and evaluate.
 */
import type { Finding } from "../findings.js";
import { normalizeName, parseRequirements as parsePep508 } from "../lint/requirements.js";

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

export { normalizeName };

/**
 * The deploy view of requirements.txt, read with the project's one requirements parser (src/lint/requirements.ts,
 * PEP 508 on top of pip's format): a requirement is pinned when it names one exact version (`==x.y.z`) or a VCS
 * URL at a ref (`git+https://…@v1.2`). A line the parser cannot read counts as an unpinned requirement.
 */
export function parseRequirements(text: string): RequirementsFile {
  const parsed = parsePep508(text);
  const lines = text.split("\n");
  // The line as deploy shows it: without its comment (a `#` after whitespace; a URL fragment has none).
  const shown = (line: number) =>
    (lines[line - 1] ?? "")
      .replace(/\r$/, "")
      .replace(/(^|\s)#.*$/, "")
      .trim();
  const requirements: Requirement[] = parsed.requirements.map((r) => ({
    name: r.normalized,
    rawName: r.name,
    spec: r.specifier,
    pinned: r.url ? r.vcsRef !== undefined : r.pinned !== undefined,
    line: r.line,
    text: shown(r.line),
    ...(r.url ? { url: r.url } : {}),
  }));
  const options: RequirementsFile["options"] = [];
  for (const o of parsed.other) {
    const text = shown(o.line);
    if (o.problem === undefined) options.push({ line: o.line, text });
    else requirements.push({ name: normalizeName(text), rawName: text, spec: "", pinned: false, line: o.line, text });
  }
  requirements.sort((x, y) => x.line - y.line);
  return { requirements, options };
}

/** Pre-installed in the Fivetran runtime; listing them causes version conflicts at deploy. */
export const PREINSTALLED = new Set(["fivetran-connector-sdk", "requests"]);

/**
 * What install_requirements puts into .venv besides requirements.txt, so the local run has what production
 * pre-installs. The SDK itself is left out: the embedded engine brings its own, and include_sdk adds the real one.
 */
export const RUNTIME_PREINSTALLED = ["requests"];

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
        hint:
          r.name === "requests"
            ? `Delete line ${r.line} (${r.text}). install_requirements puts requests into .venv without it, as production has it.`
            : `Delete line ${r.line} (${r.text}). To run the real SDK locally, install it into .venv with install_requirements include_sdk=true instead.`,
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
