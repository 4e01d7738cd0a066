import { existsSync, mkdirSync } from "node:fs";
import { z } from "zod";
import { ToolError } from "../errors.js";
import { answerAsJob, type JobKind, type JobProgress, type JobRunningData } from "../jobs.js";
import { ConnectorProject } from "../workspace/project.js";
import { claimFiles } from "../runner/files-aside.js";
import type { ToolContext } from "./tool.js";

/**
 * The project-folder argument, written once for every tool that works on a connector folder: its schema and
 * description here, its resolution (the workspace check, then the one file-access layer) in openProject().
 */
export const PROJECT_DIR_DESCRIPTION = "Connector folder; omit when the workspace root is one (else the error lists the connector folders).";

export const projectDirInput = z.string().optional().describe(PROJECT_DIR_DESCRIPTION);

/** Resolves the call's project_dir once: the workspace sandbox, then a ConnectorProject for every file inside it. */
export async function openProject(ctx: Pick<ToolContext, "workspace">, projectDir: string | undefined): Promise<ConnectorProject> {
  const checked = await ctx.workspace.projectDir(projectDir);
  const project = ConnectorProject.at(checked);
  // Security: the workspace checked this real path; a link put in the folder's place since then (renamed away, a link
  // at its name) would make the project's root wherever the link points, and every write would land there.
  if (project.root !== checked) {
    throw new ToolError(
      "outside_workspace",
      `The folder ${checked} was replaced by a link (to ${project.root}) while it was being opened.`,
      "Pass a folder that nothing replaces while the tool runs.",
      projectDir,
    );
  }
  return project;
}

/**
 * A job-backed tool's call (evaluate_connector, install_requirements, the proof tools): resolves project_dir as
 * openProject does, then runs `work` as a job of the one registry (src/jobs.ts), answering with its result or, past
 * wait_seconds, a run_id for run_status and cancel_run.
 */
export async function answerFolderJob<T extends Record<string, unknown>>(
  kind: JobKind,
  ctx: ToolContext,
  args: { project_dir?: string; wait_seconds: number },
  work: (projectDir: string, signal: AbortSignal, report: (p: JobProgress) => void) => Promise<{ summary: string; data: T }>,
): Promise<{ summary: string; data: T | JobRunningData }> {
  const projectDir = (await openProject(ctx, args.project_dir)).root;
  return answerAsJob(kind, projectDir, args.wait_seconds * 1000, ctx, (signal, report) => work(projectDir, signal, report));
}

/**
 * openProject for a tool that reads or writes files/ (state, warehouse): refused with "locked" while
 * evaluate_connector runs on the folder, whose files/ is then a scratch copy that goes when the evaluation ends. An
 * evaluation of a server that died is put back first.
 */
export async function openProjectFiles(ctx: Pick<ToolContext, "workspace">, projectDir: string | undefined): Promise<ConnectorProject> {
  const project = await openProject(ctx, projectDir);
  claimFiles(project);
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
