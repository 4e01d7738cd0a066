import { existsSync, readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { RESOURCES_DIR } from "../paths.js";

const DIR = join(RESOURCES_DIR, "lint-rules");

export interface RuleDocEntry {
  id: string;
  title: string;
  severity: string;
  fix: string;
  profiles: string;
  /** "target SDK 2.0.0 or newer", "target SDK older than 2.8.2", or "" for every version. */
  appliesTo: string;
}

let index: RuleDocEntry[] | undefined;

/**
 * The docs are the index: reading them (once, on first use) instead of importing the rule
 * modules keeps server start-up free of the lint engine.
 */
export function ruleDocs(): RuleDocEntry[] {
  index ??= readdirSync(DIR)
    .filter((f) => /^FT[0-9A-F]{3}\.md$/.test(f))
    .sort()
    .map((f) => {
      const text = readFileSync(join(DIR, f), "utf8");
      const cell = (name: string) => new RegExp(`^\\| ${name} \\| (.*) \\|$`, "m").exec(text)?.[1] ?? "";
      return {
        id: f.slice(0, -3),
        title: /^# FT[0-9A-F]{3}: (.*)$/m.exec(text)?.[1] ?? "",
        severity: cell("Severity"),
        fix: cell("Fix").split(":")[0] ?? "",
        profiles: cell("Profiles"),
        appliesTo: cell("Applies to"),
      };
    });
  return index;
}

/** True for text shaped like a rule id (FT010, ft010), whether or not such a rule exists. */
export function looksLikeRuleId(text: string): boolean {
  return /^FT[0-9A-F]{3}$/i.test(text.trim());
}

/** The Markdown doc of one rule, or undefined for an id no rule has. */
export function ruleDoc(id: string): string | undefined {
  const key = id.trim().toUpperCase();
  // Security: only ids from the index reach the file system, so no path can be smuggled in.
  if (!looksLikeRuleId(key) || !ruleDocs().some((d) => d.id === key)) return undefined;
  const file = join(DIR, `${key}.md`);
  return existsSync(file) ? readFileSync(file, "utf8") : undefined;
}

/**
 * How many FT rules run for a profile when the target is the newest SDK (what a project without a pin gets): the
 * count tool descriptions give, so that it matches the result's rulesRun.
 */
export function rulesRunForLatest(profile: string): number {
  return ruleDocs().filter((d) => d.profiles.split(/,\s*/).includes(profile) && !/older than/.test(d.appliesTo)).length;
}
