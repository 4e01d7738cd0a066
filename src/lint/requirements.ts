import * as pep440 from "@renovatebot/pep440";

/**
 * A PEP 508 requirement-line tokenizer for requirements.txt (pip's format on top of PEP 508).
 * Version specifiers are validated by @renovatebot/pep440; this only splits a line into its parts.
 */
export interface Requirement {
  /** As written. */
  name: string;
  /** PEP 503 normalised: lowercase, runs of -_. become "-". */
  normalized: string;
  extras: string[];
  /** The specifier text, e.g. "==2.0.3" or ">=1,<2"; empty when unpinned. */
  specifier: string;
  specifierValid: boolean;
  /** The single version when the specifier is exactly `==X` (no wildcard). */
  pinned?: string;
  url?: string;
  /** For VCS URLs: the @ref after the repository, if any. */
  vcsRef?: string;
  marker?: string;
  line: number;
  /** Offsets of the whole line (without its newline) in the file. */
  start: number;
  end: number;
}

export interface RequirementsFile {
  requirements: Requirement[];
  /** Lines that are options (-r, --index-url, ...) or could not be read as a requirement. */
  other: { line: number; text: string; problem?: string }[];
}

export function normalizeName(name: string): string {
  return name.toLowerCase().replace(/[-_.]+/g, "-");
}

export function parseRequirementLine(raw: string): Omit<Requirement, "line" | "start" | "end"> | { problem: string } | null {
  let text = raw;
  // A comment starts at '#' preceded by whitespace or at the line start (a URL fragment has none).
  const hash = text.search(/(^|\s)#/);
  if (hash >= 0) text = text.slice(0, hash);
  text = text.trim();
  if (!text || text.startsWith("-")) return null;
  let marker: string | undefined;
  const semi = text.indexOf(";");
  if (semi >= 0) {
    marker = text.slice(semi + 1).trim();
    text = text.slice(0, semi).trim();
  }
  // Bare VCS/URL lines: git+https://...@ref#egg=name
  if (/^[a-z+]+:\/\//i.test(text)) {
    const egg = /#egg=([A-Za-z0-9._-]+)/.exec(text);
    const name = egg?.[1] ?? "";
    if (!name) return { problem: "a URL requirement needs '#egg=<name>' or the 'name @ url' form" };
    return withUrl(name, [], text, marker);
  }
  let i = 0;
  const nameMatch = /^[A-Za-z0-9](?:[A-Za-z0-9._-]*[A-Za-z0-9])?/.exec(text);
  if (!nameMatch) return { problem: `'${text}' does not start with a distribution name` };
  const name = nameMatch[0];
  i = name.length;
  let extras: string[] = [];
  const rest0 = text.slice(i).trimStart();
  let rest = rest0;
  if (rest.startsWith("[")) {
    const close = rest.indexOf("]");
    if (close < 0) return { problem: "unclosed '[' in extras" };
    extras = rest
      .slice(1, close)
      .split(",")
      .map((s) => s.trim())
      .filter(Boolean);
    rest = rest.slice(close + 1).trimStart();
  }
  if (rest.startsWith("@")) return withUrl(name, extras, rest.slice(1).trim(), marker);
  let specifier = rest.trim();
  if (specifier.startsWith("(") && specifier.endsWith(")")) specifier = specifier.slice(1, -1).trim();
  specifier = specifier.replace(/\s+/g, "");
  // Each clause must start with a PEP 440 operator; the range parser alone accepts some typos such as "=>".
  const clausesOk = specifier.split(",").every((c) => /^(~=|===?|!=|<=|>=|<|>)[^=<>!~]/.test(c));
  const specifierValid = specifier === "" || (clausesOk && pep440.validRange(specifier) !== null);
  const exact = /^===?([^,*]+)$/.exec(specifier);
  return {
    name,
    normalized: normalizeName(name),
    extras,
    specifier,
    specifierValid,
    pinned: exact && specifierValid && pep440.valid(exact[1]) ? exact[1] : undefined,
    marker,
  };
}

function withUrl(name: string, extras: string[], url: string, marker?: string) {
  const vcs = /^[a-z]+\+[a-z]+:\/\/[^#]*?@([^/#@]+)(#|$)/i.exec(url);
  return { name, normalized: normalizeName(name), extras, specifier: "", specifierValid: true, url, vcsRef: vcs?.[1], marker };
}

export function parseRequirements(text: string): RequirementsFile {
  const requirements: Requirement[] = [];
  const other: RequirementsFile["other"] = [];
  let offset = 0;
  const lines = text.split("\n");
  lines.forEach((rawLine, idx) => {
    const lineText = rawLine.replace(/\r$/, "");
    const parsed = parseRequirementLine(lineText);
    if (parsed && "problem" in parsed) other.push({ line: idx + 1, text: lineText, problem: parsed.problem });
    else if (parsed) requirements.push({ ...parsed, line: idx + 1, start: offset, end: offset + lineText.length });
    else if (lineText.trim().startsWith("-")) other.push({ line: idx + 1, text: lineText });
    offset += rawLine.length + 1;
  });
  return { requirements, other };
}
