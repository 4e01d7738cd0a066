/** Shapes shared by the lint engine, its rules and its output formats. */
export type Severity = "error" | "warning" | "info";
export const PROFILES = ["guidelines", "sdk", "fivetran-examples"] as const;
export type Profile = (typeof PROFILES)[number];
/** safe: applied by `fix`; suggest: shown, a human decides; none: no mechanical fix. */
export type Fixability = "safe" | "suggest" | "none";

export interface TextEdit {
  file: string;
  /** Character offsets into the file's text (UTF-16), end exclusive. */
  start: number;
  end: number;
  newText: string;
  line: number;
  column: number;
  endLine: number;
  endColumn: number;
}

export interface Fix {
  description: string;
  /** Only safe fixes are applied by `fix: true`; the others are shown for a human to accept. */
  safe: boolean;
  edits: TextEdit[];
}

export interface Finding {
  rule: string;
  severity: Severity;
  title: string;
  message: string;
  file: string;
  /** 1-based line and column (UTF-16 code units), end inclusive of the last character's column + 1. */
  line: number;
  column: number;
  endLine: number;
  endColumn: number;
  fix?: Fix;
  docUri: string;
  /** "ftlint" for the project's rules, "ruff" or "python" for the generic checks. */
  source: "ftlint" | "ruff" | "python";
}

export interface LintSummary {
  errors: number;
  warnings: number;
  infos: number;
  total: number;
  fixable: number;
  files: number;
  rulesRun: number;
}

export interface LintResult {
  findings: Finding[];
  summary: LintSummary;
  /** What `fix` changed, per file; empty when fixes were not requested. */
  fixed: { file: string; rules: string[]; edits: number }[];
}
