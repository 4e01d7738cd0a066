import { mkdirSync, writeFileSync, existsSync, statSync } from "node:fs";
import { join } from "node:path";
import { ToolError } from "../errors.js";
import { resolveOptions, type ResolvedOptions, type ScaffoldOptions } from "./options.js";
import { configKeys, renderProject } from "./render.js";

export * from "./options.js";
export { renderProject, renderConnector, configKeys } from "./render.js";

export interface ScaffoldResult {
  projectDir: string;
  options: ResolvedOptions;
  /** Files written, relative to projectDir. */
  written: string[];
  /** Files that existed and were replaced (only with overwrite). */
  overwritten: string[];
  configurationKeys: string[];
}

/**
 * Writes a connector folder. New files are created exclusively ('wx'): an existing file is never
 * replaced unless overwrite is true, and without overwrite nothing at all is written when any
 * target exists, so a folder is never left half-scaffolded.
 */
export function scaffoldProject(projectDir: string, opts: ScaffoldOptions = {}, overwrite = false): ScaffoldResult {
  const options = resolveOptions(opts);
  const files = renderProject(options);
  if (existsSync(projectDir) && !statSync(projectDir).isDirectory()) {
    throw new ToolError("invalid_argument", `${projectDir} is a file, not a folder.`, "Pass a folder path for the new connector.", projectDir);
  }
  const existing = files.filter((f) => existsSync(join(projectDir, f.path))).map((f) => f.path);
  if (existing.length && !overwrite) {
    throw new ToolError(
      "already_exists",
      `${projectDir} already has ${existing.join(", ")}; nothing was written.`,
      "Choose an empty folder, or pass overwrite: true to replace these files.",
      existing,
    );
  }
  mkdirSync(projectDir, { recursive: true });
  const written: string[] = [];
  for (const f of files) {
    const target = join(projectDir, f.path);
    // Security: 'wx' fails if something appeared since the check, including a planted symlink.
    writeFileSync(target, f.content, { encoding: "utf8", flag: overwrite ? "w" : "wx" });
    written.push(f.path);
  }
  return { projectDir, options, written, overwritten: existing, configurationKeys: configKeys(options).map((k) => k.key) };
}
