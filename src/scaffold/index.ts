import { existsSync, mkdirSync, statSync } from "node:fs";
import { ToolError } from "../errors.js";
import type { ProjectRef } from "../warehouse/files.js";
import { ConnectorProject } from "../workspace/project.js";
import { resolveOptions, type ResolvedOptions, type ScaffoldOptions } from "./options.js";
import { configKeys, renderProject } from "./render.js";

export * from "./options.js";
export { renderProject, renderConnector, configKeys, paginationsOf } from "./render.js";

export interface ScaffoldResult {
  projectDir: string;
  options: ResolvedOptions;
  /** Files written, relative to projectDir. */
  written: string[];
  /** Files that existed and were replaced (only with overwrite). */
  overwritten: string[];
  /** Keys configuration.json still holds a placeholder for (a base_url given to scaffold is filled in already). */
  configurationKeys: string[];
}

/**
 * Writes a connector folder. New files are created exclusively: an existing file is never replaced unless overwrite
 * is true, and without overwrite nothing at all is written when any target exists, so a folder is never left
 * half-scaffolded.
 *
 * Every write goes through the project layer against the folder's real path, resolved once: a folder swapped for a
 * link (or a file swapped for one) after that is refused at the write, and the descriptor of each new file is checked
 * to be inside the folder, so nothing lands outside it.
 * @param projectDir the folder, or the project the caller already resolved and checked (the MCP tool)
 */
export function scaffoldProject(projectDir: ProjectRef, opts: ScaffoldOptions = {}, overwrite = false): ScaffoldResult {
  const options = resolveOptions(opts);
  const files = renderProject(options);
  const dir = typeof projectDir === "string" ? projectDir : projectDir.root;
  if (existsSync(dir) && !statSync(dir).isDirectory()) {
    throw new ToolError("invalid_argument", `${dir} is a file, not a folder.`, "Pass a folder path for the new connector.", dir);
  }
  if (typeof projectDir === "string") mkdirSync(dir, { recursive: true });
  const project = ConnectorProject.of(projectDir);
  const existing = files.filter((f) => project.exists(f.path)).map((f) => f.path);
  if (existing.length && !overwrite) {
    throw new ToolError("already_exists", `${dir} already has ${existing.join(", ")}; nothing was written.`, "Choose an empty folder, or pass overwrite: true to replace these files.", existing);
  }
  const written: string[] = [];
  for (const f of files) {
    // Security: created exclusively (or replaced by rename with overwrite) in the checked real folder; never
    // through a link planted at the name or in place of the folder.
    project.writeFile(f.path, f.content, { exclusive: !overwrite });
    written.push(f.path);
  }
  return {
    projectDir: dir,
    options,
    written,
    overwritten: existing,
    configurationKeys: configKeys(options)
      .filter((k) => k.placeholder.startsWith("<"))
      .map((k) => k.key),
  };
}
