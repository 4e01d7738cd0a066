import type { Module } from "./model.js";
import type { Project } from "./project.js";
import type { PyNode } from "./python.js";
import type { Fixability, Profile, Severity } from "./types.js";

export interface RuleMeta {
  id: string;
  severity: Severity;
  title: string;
  fixable: Fixability;
  /** Profiles the rule runs under. */
  profiles: readonly Profile[];
  /** A severity other than `severity` under these profiles (a report's own severity still wins). */
  severityUnder?: Partial<Record<Profile, Severity>>;
  /** Sources in the catalogue (seed guidelines, SDK source, docs) that justify the rule. */
  guideline: string;
  /** The rule only applies when target_sdk >= minSdk / < maxSdk. */
  minSdk?: string;
  maxSdk?: string;
}

export interface ReportEdit {
  file?: string;
  start: number;
  end: number;
  newText: string;
}

export interface Report {
  file: string;
  start: number;
  end: number;
  message: string;
  severity?: Severity;
  fix?: { description: string; safe?: boolean; edits: ReportEdit[] };
}

export interface RuleContext {
  project: Project;
  profile: Profile;
  /** The SDK version the connector targets (explicit option, then a requirements pin, then the latest). */
  targetSdk: string;
  sdkAtLeast(version: string): boolean;
  report(r: Report): void;
}

export interface Rule {
  meta: RuleMeta;
  check(ctx: RuleContext): void;
}

export const ALL_PROFILES: readonly Profile[] = ["guidelines", "sdk", "fivetran-examples"];
export const EXAMPLES_ONLY: readonly Profile[] = ["fivetran-examples"];

export function defineRule(rule: Rule): Rule {
  return rule;
}

/** A report location for a node of a module. */
export function at(mod: Module, n: PyNode): { file: string; start: number; end: number } {
  return { file: mod.file, start: n.start, end: n.end };
}

/** The indentation of the line holding `offset`. */
export function indentAt(source: string, offset: number): string {
  const ls = source.lastIndexOf("\n", offset - 1) + 1;
  return /^[ \t]*/.exec(source.slice(ls))![0];
}
export function lineStartOf(source: string, offset: number): number {
  return source.lastIndexOf("\n", offset - 1) + 1;
}
/** Offset just after the end of the line holding `offset` (past its newline). */
export function lineEndOf(source: string, offset: number): number {
  const i = source.indexOf("\n", offset);
  return i < 0 ? source.length : i + 1;
}
