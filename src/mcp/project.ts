import { existsSync, mkdirSync } from "node:fs";
import { z } from "zod";
import { ToolError } from "../errors.js";
import { ConnectorProject } from "../workspace/project.js";
import { assertNoEvaluationInFlight, recoverFilesAside } from "../runner/files-aside.js";
import type { ToolContext } from "./tool.js";

/**
 * The project-folder argument, written once for every tool that works on a connector folder: its schema and
 * description here, its resolution (the workspace check, then the one file-access layer) in openProject().
 */
export const PROJECT_DIR_DESCRIPTION = "Connector folder; omit when the workspace root is one (else the error lists the connector folders).";

export const projectDirInput = z.string().optional().describe(PROJECT_DIR_DESCRIPTION);

/** Resolves the call's project_dir once: the workspace sandbox, then a ConnectorProject for every file inside it. */
export async function openProject(ctx: Pick<ToolContext, "workspace">, projectDir: string | undefined): Promise<ConnectorProject> {
  return ConnectorProject.at(await ctx.workspace.projectDir(projectDir));
}

/**
 * openProject for a tool that reads or writes files/ (state, warehouse): refused with "locked" while
 * evaluate_connector runs on the folder, whose files/ is then a scratch copy that goes when the evaluation ends. An
 * evaluation of a server that died is put back first.
 */
export async function openProjectFiles(ctx: Pick<ToolContext, "workspace">, projectDir: string | undefined): Promise<ConnectorProject> {
  const project = await openProject(ctx, projectDir);
  recoverFilesAside(project);
  assertNoEvaluationInFlight(project);
  return project;
}

/** Creates a folder that passed the workspace check (scaffold's target); the caller re-checks it with openProject. */
export function createFolder(dir: string): void {
  if (existsSync(dir)) return;
  try {
    mkdirSync(dir, { recursive: true });
  } catch (e) {
    throw new ToolError("invalid_argument", `Cannot create the folder ${dir} (${(e as NodeJS.ErrnoException).code ?? String(e)}).`, "Pass a folder path you can write to.", dir);
  }
}
